"""Tests of aggregation windows and archive keys against the real clock."""
import sys
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from probewatch import windows  # noqa: E402


class WindowTest(unittest.TestCase):
    def test_current_window_is_one_window_long(self):
        start, end = windows.current_window()
        self.assertEqual(end - start, timedelta(seconds=windows.WINDOW_S))
        self.assertEqual(int(start.timestamp()) % windows.WINDOW_S, 0)

    def test_current_window_contains_now(self):
        before = windows.utcnow()
        start, end = windows.current_window()
        after = windows.utcnow()
        self.assertLessEqual(start, after)
        self.assertLess(before, end)

    def test_archive_key_matches_the_clock(self):
        before = windows.utcnow().replace(microsecond=0)
        key = windows.archive_key("api")
        after = windows.utcnow()
        check, year, month, day, name = key.split("/")
        stamp = datetime.strptime(year + month + day + name, "%Y%m%d%H%M%S.json").replace(tzinfo=timezone.utc)
        self.assertEqual(check, "api")
        self.assertTrue(before <= stamp <= after, f"{key} not between {before} and {after}")


if __name__ == "__main__":
    unittest.main()
