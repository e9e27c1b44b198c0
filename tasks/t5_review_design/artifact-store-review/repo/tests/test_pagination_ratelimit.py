import unittest

from depot import pagination
from depot.errors import BadRequest, TooManyRequests
from depot.ratelimit import RateLimiter


class PaginationTest(unittest.TestCase):
    def test_cursor_round_trip(self):
        self.assertEqual(pagination.decode(pagination.encode(41)), 41)
        self.assertEqual(pagination.decode(None), 0)

    def test_bad_cursors(self):
        for c in ("!!", "e30", pagination.encode(-1), "eyJhZnRlciI6dHJ1ZX0"):
            with self.subTest(c=c), self.assertRaises(BadRequest):
                pagination.decode(c)

    def test_limit(self):
        self.assertEqual(pagination.limit(None), 50)
        for bad in ("0", "501", "x"):
            with self.subTest(bad=bad), self.assertRaises(BadRequest):
                pagination.limit(bad)

    def test_next_cursor_only_on_full_pages(self):
        self.assertIn("next", pagination.page([{"id": 1}, {"id": 2}], 2, lambda i: i["id"]))
        self.assertNotIn("next", pagination.page([{"id": 1}], 2, lambda i: i["id"]))


class RateLimitTest(unittest.TestCase):
    def test_burst_then_refill(self):
        t = [0.0]
        rl = RateLimiter(rate=2.0, burst=3, clock=lambda: t[0])
        for _ in range(3):
            rl.take("a")
        with self.assertRaises(TooManyRequests) as cm:
            rl.take("a")
        self.assertEqual(cm.exception.details["retry_after"], 0.5)
        rl.take("b")
        t[0] += 0.5
        rl.take("a")

    def test_idle_buckets_are_evicted(self):
        t = [0.0]
        rl = RateLimiter(rate=1.0, burst=2, clock=lambda: t[0])
        rl.take("a")
        t[0] += 1000
        rl.take("b")
        self.assertEqual(set(rl._buckets), {"b"})


if __name__ == "__main__":
    unittest.main()
