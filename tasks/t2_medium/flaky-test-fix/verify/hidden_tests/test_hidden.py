"""Hidden tests for flaky-test-fix: the documented behaviour beyond what the shipped tests pin.

Run by suite_driver.py with the workspace on sys.path. Class names map to verify checks.
"""
import json
import tempfile
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

from probewatch import registry, windows
from probewatch.report import Incident, status_lines

UTC = timezone.utc


class HiddenWindows(unittest.TestCase):
    def test_current_window_takes_now(self):
        now = datetime(2024, 1, 1, 0, 4, 59, 999999, tzinfo=UTC)
        self.assertEqual(windows.current_window(now=now),
                         (datetime(2024, 1, 1, 0, 0, tzinfo=UTC), datetime(2024, 1, 1, 0, 5, tzinfo=UTC)))

    def test_window_boundary_belongs_to_the_next_window(self):
        now = datetime(2024, 12, 31, 23, 55, tzinfo=UTC)
        self.assertEqual(windows.current_window(now=now),
                         (now, datetime(2025, 1, 1, tzinfo=UTC)))

    def test_custom_window_size(self):
        now = datetime(2024, 6, 15, 12, 34, 56, tzinfo=UTC)
        start, end = windows.current_window(size_s=60, now=now)
        self.assertEqual((start, end - start), (datetime(2024, 6, 15, 12, 34, tzinfo=UTC), timedelta(seconds=60)))

    def test_archive_key_takes_now(self):
        now = datetime(2024, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)
        self.assertEqual(windows.archive_key("db", now=now), "db/2024/12/31/235959.json")


class HiddenReport(unittest.TestCase):
    def test_many_services_sorted(self):
        incidents = [Incident("web", "degraded"), Incident("queue", "down"), Incident("api", "degraded"),
                     Incident("db", "down"), Incident("cdn", "degraded"), Incident("auth", "down"),
                     Incident("web", "down"), Incident("mail", "down", resolved=True),
                     Incident("search", "degraded", resolved=True), Incident("search", "degraded")]
        self.assertEqual(status_lines(incidents), [
            "api: degraded", "auth: down", "cdn: degraded", "db: down", "mail: ok",
            "queue: down", "search: degraded", "web: down"])

    def test_generator_input(self):
        self.assertEqual(status_lines(Incident(s, "down") for s in ("zeta", "alpha", "mu")),
                         ["alpha: down", "mu: down", "zeta: down"])


class HiddenRegistry(unittest.TestCase):
    CHECKS = [{"name": "a", "url": "https://a.example/"},
              {"name": "b", "url": "https://b.example/", "interval_s": 5, "enabled": False},
              {"name": "c", "url": "https://c.example/", "interval_s": 10}]

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = Path(self.tmp.name) / "checks.json"
        self.path.write_text(json.dumps(self.CHECKS), encoding="utf-8")

    def tearDown(self):
        self.tmp.cleanup()

    def test_enabled_checks_leave_the_file_content_alone(self):
        first = registry.enabled_checks(self.path)
        self.assertEqual(registry.enabled_checks(self.path), first)
        self.assertEqual([c["name"] for c in first], ["a", "c", "heartbeat"])
        self.assertEqual(registry.load_checks(self.path), self.CHECKS)

    def test_callers_may_change_what_they_get(self):
        checks = registry.load_checks(self.path)
        checks[0]["name"] = "changed"
        checks.append({"name": "extra"})
        self.assertEqual(registry.load_checks(self.path), self.CHECKS)

    def test_heartbeat_is_not_shared(self):
        registry.enabled_checks(self.path)[-1]["interval_s"] = 1
        self.assertEqual(registry.enabled_checks(self.path)[-1]["interval_s"], 30)

    def test_file_is_read_once(self):
        self.assertEqual(registry.load_checks(self.path), self.CHECKS)
        self.path.unlink()
        self.assertEqual(registry.load_checks(self.path), self.CHECKS)


if __name__ == "__main__":
    unittest.main()
