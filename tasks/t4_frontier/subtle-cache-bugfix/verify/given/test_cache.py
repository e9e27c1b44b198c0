"""Unit tests for ttlcache.TTLCache, driven by a hand-moved clock."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from ttlcache import TTLCache  # noqa: E402


class FakeClock:
    """A clock that only moves when the test says so."""

    def __init__(self, start: float = 1000.0):
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class BasicTest(unittest.TestCase):
    def setUp(self):
        self.clock = FakeClock()
        self.cache = TTLCache(capacity=3, ttl=10, clock=self.clock)

    def test_put_then_get(self):
        self.cache.put("a", 1)
        self.assertEqual(self.cache.get("a"), 1)
        self.assertIn("a", self.cache)

    def test_missing_key_returns_default(self):
        self.assertIsNone(self.cache.get("nope"))
        self.assertEqual(self.cache.get("nope", "dflt"), "dflt")

    def test_rejects_bad_arguments(self):
        with self.assertRaises(ValueError):
            TTLCache(capacity=0, ttl=1)
        with self.assertRaises(ValueError):
            TTLCache(capacity=1, ttl=0)
        with self.assertRaises(ValueError):
            self.cache.put("a", 1, ttl=-1)

    def test_delete(self):
        self.cache.put("a", 1)
        self.assertTrue(self.cache.delete("a"))
        self.assertFalse(self.cache.delete("a"))
        self.assertNotIn("a", self.cache)


class LruTest(unittest.TestCase):
    def setUp(self):
        self.clock = FakeClock()
        self.cache = TTLCache(capacity=3, ttl=100, clock=self.clock)

    def test_evicts_least_recently_used(self):
        for k in "abc":
            self.cache.put(k, k)
        self.cache.put("d", "d")
        self.assertNotIn("a", self.cache)
        for k in "bcd":
            self.assertIn(k, self.cache)

    def test_get_refreshes_recency(self):
        for k in "abc":
            self.cache.put(k, k)
        self.cache.get("a")
        self.cache.put("d", "d")
        self.assertIn("a", self.cache)
        self.assertNotIn("b", self.cache)

    def test_eviction_is_counted(self):
        for k in "abcd":
            self.cache.put(k, k)
        self.assertEqual(self.cache.stats()["evictions"], 1)


class ExpiryTest(unittest.TestCase):
    def setUp(self):
        self.clock = FakeClock()
        self.cache = TTLCache(capacity=3, ttl=10, clock=self.clock)

    def test_entry_expires_after_ttl(self):
        self.cache.put("a", 1)
        self.clock.advance(9.5)
        self.assertEqual(self.cache.get("a"), 1)
        self.clock.advance(1)
        self.assertIsNone(self.cache.get("a"))
        self.assertNotIn("a", self.cache)

    def test_per_entry_ttl(self):
        self.cache.put("short", 1, ttl=2)
        self.cache.put("long", 2)
        self.clock.advance(3)
        self.assertIsNone(self.cache.get("short"))
        self.assertEqual(self.cache.get("long"), 2)

    def test_purge_expired(self):
        self.cache.put("a", 1, ttl=1)
        self.cache.put("b", 2, ttl=1)
        self.cache.put("c", 3)
        self.clock.advance(5)
        self.assertEqual(self.cache.purge_expired(), 2)
        self.assertEqual(self.cache.stats()["expirations"], 2)
        self.assertIn("c", self.cache)


if __name__ == "__main__":
    unittest.main()
