"""Tests for taskrouter.policy while the primary model is down."""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from taskrouter.policy import FALLBACK_MODEL, decide  # noqa: E402


class FallbackTest(unittest.TestCase):
    def test_advisory_work_goes_to_fallback(self):
        d = decide("summary", primary_up=False, fallback_up=True)
        self.assertTrue(d.allowed)
        self.assertEqual(d.model, FALLBACK_MODEL)

    def test_config_held_on_fallback(self):
        d = decide("config", primary_up=False, fallback_up=True)
        self.assertFalse(d.allowed)
        self.assertIsNone(d.model)

    def test_payment_held_on_fallback(self):
        d = decide("payment", primary_up=False, fallback_up=True)
        self.assertFalse(d.allowed)
        self.assertIsNone(d.model)


if __name__ == "__main__":
    unittest.main()
