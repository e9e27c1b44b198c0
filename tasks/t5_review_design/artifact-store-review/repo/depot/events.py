"""In-process events (version.created, version.deleted, tag.moved) for webhooks and the access log."""
import logging
import threading
from collections import defaultdict
from typing import Callable, Dict, List

log = logging.getLogger("depot.events")
EVENTS = ("version.created", "version.deleted", "tag.moved", "retention.ran")


class EventBus:
    def __init__(self):
        self._handlers: Dict[str, List[Callable[[str, dict], None]]] = defaultdict(list)
        self._lock = threading.Lock()

    def subscribe(self, event: str, handler: Callable[[str, dict], None]):
        if event not in EVENTS and event != "*":
            raise ValueError(f"unknown event {event}")
        with self._lock:
            self._handlers[event].append(handler)

    def publish(self, event: str, payload: dict):
        with self._lock:
            handlers = list(self._handlers.get(event, ())) + list(self._handlers.get("*", ()))
        for handler in handlers:
            try:
                handler(event, payload)
            except Exception:
                # One broken subscriber must not fail the request that published the event.
                log.exception("event handler failed for %s", event)
