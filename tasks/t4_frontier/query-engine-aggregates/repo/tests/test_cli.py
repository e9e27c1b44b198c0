import json
import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "examples" / "data"


def tql(*args):
    return subprocess.run([sys.executable, "-m", "tql", "--data", str(DATA), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=30)


class CliTest(unittest.TestCase):
    def test_json_output(self):
        p = tql("--format", "json", "SELECT name, quota FROM reps WHERE quota > 30 ORDER BY quota DESC")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout), {"columns": ["name", "quota"], "rows": [["cleo", 45], ["ana", 40]]})

    def test_table_output_shows_null(self):
        p = tql("SELECT name, region FROM reps WHERE name = 'eli'")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("NULL", p.stdout)
        self.assertIn("(1 row)", p.stdout)

    def test_csv_output(self):
        p = tql("--format", "csv", "SELECT id, price FROM sales WHERE id <= 2 ORDER BY id")
        self.assertEqual(p.stdout, "id,price\n1,2.5\n2,10.0\n")

    def test_query_error_exits_1_with_a_caret(self):
        p = tql("SELECT nope FROM sales")
        self.assertEqual(p.returncode, 1)
        self.assertIn("no such column: nope", p.stderr)
        self.assertIn("^", p.stderr)


if __name__ == "__main__":
    unittest.main()
