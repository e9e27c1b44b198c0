"""Cooperative cancellation for tool calls.

The engine cannot stop a tool from outside: tools run in threads, and a thread cannot be killed
safely in Python (and a half-sent request cannot be unsent anyway). So cancellation is a request the
tool honours at its own safe points (docs/tools.md, "Cancellation"):

- `token.is_set()` is checked by the tool between steps; a tool that sees it before its side effect
  returns ToolError("cancelled") without doing anything;
- a tool that has already started its side effect finishes it and reports the real result;
- the caller waits at most `config.CANCEL_GRACE_S` for the call to come back; after that it stops
  waiting and must treat the call's outcome as unknown if the tool has side effects.
"""
import threading
from typing import Optional


class CancelToken:
    """Set once, never cleared. Thread-safe."""

    def __init__(self):
        self._event = threading.Event()
        self._reason: Optional[str] = None
        self._lock = threading.Lock()

    def cancel(self, reason: str = "cancelled") -> bool:
        """Sets the token; returns False if it was already set (the first reason wins)."""
        with self._lock:
            if self._event.is_set():
                return False
            self._reason = reason
            self._event.set()
            return True

    def is_set(self) -> bool:
        return self._event.is_set()

    @property
    def reason(self) -> Optional[str]:
        return self._reason

    def wait(self, timeout: float = None) -> bool:
        return self._event.wait(timeout)
