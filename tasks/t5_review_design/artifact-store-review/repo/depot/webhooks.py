"""Webhook delivery: POSTs events to the URLs projects registered, from one background thread.

Each delivery is signed: `X-Depot-Signature: sha256=<hex HMAC of the body under the hook's secret>`.
Failed deliveries are retried with exponential backoff (1, 2, 4, ... s) up to `max_attempts`; every
attempt is recorded in the `deliveries` table so operators can see what was sent.
"""
import hashlib
import hmac
import json
import logging
import queue
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass

from .db import Database, now

log = logging.getLogger("depot.webhooks")


@dataclass
class Job:
    delivery_id: int
    webhook_id: int
    url: str
    secret: str
    body: bytes
    attempt: int = 0
    not_before: float = 0.0


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


class Dispatcher:
    def __init__(self, db: Database, timeout_s: float, max_attempts: int, opener=urllib.request.urlopen,
                 sleep=time.sleep):
        self.db, self.timeout_s, self.max_attempts = db, timeout_s, max_attempts
        self._open, self._sleep = opener, sleep
        self._queue: "queue.Queue[Job]" = queue.Queue()
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        self._thread = threading.Thread(target=self._run, name="webhooks", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0):
        self._stop.set()
        self._queue.put(None)
        if self._thread:
            self._thread.join(timeout)

    def on_event(self, event: str, payload: dict):
        project_id = payload.get("project_id")
        hooks = self.db.all("SELECT * FROM webhooks WHERE project_id = ? AND active = 1", (project_id,))
        body = json.dumps({"event": event, "payload": payload, "sent_at": now()}, sort_keys=True).encode()
        for hook in hooks:
            if event not in hook["events"].split(","):
                continue
            cur = self.db.execute("INSERT INTO deliveries (webhook_id, event, created_at) VALUES (?, ?, ?)",
                                  (hook["id"], event, now()))
            self._queue.put(Job(cur.lastrowid, hook["id"], hook["url"], hook["secret"], body))

    def _run(self):
        while not self._stop.is_set():
            job = self._queue.get()
            if job is None:
                break
            wait = job.not_before - time.monotonic()
            if wait > 0:
                # Not due yet: put it back and look at the rest of the queue first.
                self._queue.put(job)
                self._sleep(min(wait, 0.5))
                continue
            self.deliver(job)

    def deliver(self, job: Job) -> bool:
        job.attempt += 1
        request = urllib.request.Request(job.url, data=job.body, method="POST", headers={
            "Content-Type": "application/json", "User-Agent": "depot-webhooks/1",
            "X-Depot-Signature": sign(job.secret, job.body), "X-Depot-Delivery": str(job.delivery_id)})
        error = None
        try:
            with self._open(request, timeout=self.timeout_s) as resp:
                status = resp.status
            if not 200 <= status < 300:
                error = f"HTTP {status}"
        except urllib.error.HTTPError as e:
            error = f"HTTP {e.code}"
            e.close()
        except (urllib.error.URLError, OSError) as e:
            error = str(getattr(e, "reason", e))
        if error is None:
            self.db.execute("UPDATE deliveries SET attempts = ?, status = 'delivered', delivered_at = ?, "
                            "last_error = NULL WHERE id = ?", (job.attempt, now(), job.delivery_id))
            return True
        final = job.attempt >= self.max_attempts
        self.db.execute("UPDATE deliveries SET attempts = ?, status = ?, last_error = ? WHERE id = ?",
                        (job.attempt, "failed" if final else "retrying", error[:500], job.delivery_id))
        if final:
            log.warning("webhook %s gave up after %d attempts: %s", job.webhook_id, job.attempt, error)
        else:
            job.not_before = time.monotonic() + 2 ** (job.attempt - 1)
            self._queue.put(job)
        return False
