"""Golden-output tests for the digest tools: run them as the cron job does and diff the output."""
import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(*args):
    return subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)


class DigestTest(unittest.TestCase):
    def test_digest_matches_golden(self):
        result = run("digest.py", "--date", "2024-05-03")
        self.assertEqual(result.returncode, 0, result.stderr)
        golden = (ROOT / "tests" / "golden" / "digest-2024-05-03.txt").read_text(encoding="utf-8")
        self.assertEqual(result.stdout, golden)


class CleanupTest(unittest.TestCase):
    def test_dry_run_lists_expired_digests(self):
        result = run("cleanup.py", "--today", "2024-05-03")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("would delete archive/digest-2024-04-02.txt", result.stdout)
        self.assertNotIn("digest-2024-04-08.txt", result.stdout)
        self.assertNotIn("NOTES.txt", result.stdout)


if __name__ == "__main__":
    unittest.main()
