"""Tests of the status-page summary."""
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from probewatch.report import Incident, status_lines, worst_states  # noqa: E402


class ReportTest(unittest.TestCase):
    def test_worst_open_state_wins(self):
        incidents = [Incident("api", "degraded"), Incident("api", "down"),
                     Incident("db", "down", resolved=True)]
        self.assertEqual(worst_states(incidents), {"api": "down", "db": "ok"})

    def test_status_lines_are_sorted_by_service(self):
        incidents = [Incident("web", "degraded"), Incident("api", "down")]
        self.assertEqual(status_lines(incidents), ["api: down", "web: degraded"])


if __name__ == "__main__":
    unittest.main()
