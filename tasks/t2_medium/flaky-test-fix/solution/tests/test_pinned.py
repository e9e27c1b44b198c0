"""Regression tests for the flaky-suite fixes: time pinned with now=, order and cache isolation."""
import json
import sys
import tempfile
import unittest
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from probewatch import registry, windows  # noqa: E402
from probewatch.report import Incident, status_lines  # noqa: E402

UTC = timezone.utc


class PinnedTimeTest(unittest.TestCase):
    def test_window_just_before_midnight(self):
        now = datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
        self.assertEqual(windows.current_window(now=now),
                         (datetime(2024, 12, 31, 23, 55, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)))

    def test_window_at_its_start(self):
        now = datetime(2025, 1, 1, tzinfo=UTC)
        self.assertEqual(windows.current_window(now=now)[0], now)

    def test_archive_key_just_before_midnight(self):
        now = datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
        self.assertEqual(windows.archive_key("api", now=now), "api/2024/12/31/235959.json")


class OrderTest(unittest.TestCase):
    def test_status_lines_sorted_for_many_services(self):
        names = ["web", "queue", "api", "db", "cdn", "auth"]
        self.assertEqual(status_lines(Incident(n, "down") for n in names),
                         [f"{n}: down" for n in sorted(names)])


class CacheIsolationTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = Path(self.tmp.name) / "checks.json"
        self.checks = [{"name": "a", "url": "https://a.example/"}]
        self.path.write_text(json.dumps(self.checks), encoding="utf-8")

    def tearDown(self):
        self.tmp.cleanup()

    def test_enabled_checks_do_not_change_the_cached_file(self):
        registry.enabled_checks(self.path)
        self.assertEqual(registry.load_checks(self.path), self.checks)

    def test_changing_a_result_does_not_leak(self):
        registry.load_checks(self.path)[0]["name"] = "changed"
        registry.enabled_checks(self.path)[-1]["interval_s"] = 1
        self.assertEqual(registry.load_checks(self.path), self.checks)
        self.assertEqual(registry.enabled_checks(self.path)[-1]["interval_s"], 30)

    def test_file_is_parsed_once(self):
        registry.load_checks(self.path)
        self.path.unlink()
        self.assertEqual(registry.load_checks(self.path), self.checks)


if __name__ == "__main__":
    unittest.main()
