import json
import unittest
import urllib.error

from depot.webhooks import Dispatcher, Job, sign
from tests.helpers import Harness


class FakeResponse:
    def __init__(self, status):
        self.status = status

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


class WebhookTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.h.project("web")
        self.p = self.h.ctx.catalog.project("web")
        self.h.ctx.db.execute("INSERT INTO webhooks (project_id, url, secret, events) VALUES (?, ?, ?, ?)",
                              (self.p.id, "https://hooks.example/x", "s" * 20, "version.created"))
        self.sent = []

    def tearDown(self):
        self.h.close()

    def opener(self, statuses):
        def open_(request, timeout):
            self.sent.append(request)
            status = statuses.pop(0)
            if isinstance(status, Exception):
                raise status
            return FakeResponse(status)
        return open_

    def test_signed_delivery(self):
        d = Dispatcher(self.h.ctx.db, 1, 3, opener=self.opener([200]))
        d.on_event("version.created", {"project_id": self.p.id, "version": "1"})
        job = d._queue.get_nowait()
        self.assertTrue(d.deliver(job))
        req = self.sent[0]
        self.assertEqual(req.get_header("X-depot-signature"), sign("s" * 20, req.data))
        self.assertEqual(json.loads(req.data)["payload"]["version"], "1")
        row = self.h.ctx.db.one("SELECT status, attempts FROM deliveries")
        self.assertEqual(row, {"status": "delivered", "attempts": 1})

    def test_other_events_are_not_sent(self):
        d = Dispatcher(self.h.ctx.db, 1, 3, opener=self.opener([]))
        d.on_event("tag.moved", {"project_id": self.p.id})
        self.assertTrue(d._queue.empty())

    def test_retries_then_gives_up(self):
        d = Dispatcher(self.h.ctx.db, 1, 2, opener=self.opener([503, urllib.error.URLError("refused")]))
        job = Job(1, 1, "https://hooks.example/x", "s" * 20, b"{}")
        self.h.ctx.db.execute("INSERT INTO deliveries (id, webhook_id, event, created_at) VALUES (1, 1, 'x', 0)")
        self.assertFalse(d.deliver(job))
        self.assertEqual(d._queue.qsize(), 1)
        self.assertFalse(d.deliver(d._queue.get_nowait()))
        self.assertTrue(d._queue.empty())
        self.assertEqual(self.h.ctx.db.one("SELECT status, attempts FROM deliveries WHERE id = 1"),
                         {"status": "failed", "attempts": 2})


if __name__ == "__main__":
    unittest.main()
