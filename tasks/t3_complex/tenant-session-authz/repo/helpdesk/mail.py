"""Outgoing mail. Production hands messages to the relay; development and tests use an outbox folder,
one JSON file per message, which the QA team reads to follow reset links."""
import json
import os
import threading
import time
from pathlib import Path


class Outbox:
    def __init__(self, folder):
        self.folder = Path(folder) if folder else None
        self._lock = threading.Lock()
        self._n = 0

    def send(self, to: str, subject: str, body: str, **extra):
        if self.folder is None:
            return
        with self._lock:
            self._n += 1
            name = f"{int(time.time() * 1000)}-{os.getpid()}-{self._n:05d}.json"
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / (name + ".tmp")
        tmp.write_text(json.dumps({"to": to, "subject": subject, "body": body, **extra}), encoding="utf-8")
        tmp.replace(self.folder / name)
