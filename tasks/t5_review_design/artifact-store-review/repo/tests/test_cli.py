import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def depot(env, *args):
    return subprocess.run([sys.executable, "-m", "depot", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=60)


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.env = dict(os.environ, DEPOT_DATA_DIR=self.tmp.name, DEPOT_SIGNING_KEY="k" * 40)

    def tearDown(self):
        self.tmp.cleanup()

    def test_project_token_gc_scrub(self):
        self.assertEqual(depot(self.env, "create-project", "web").returncode, 0)
        p = depot(self.env, "create-token", "ci", "--scopes", "write", "--project", "web")
        self.assertTrue(p.stdout.strip().startswith("dpt_"), p.stderr)
        gc = depot(self.env, "gc")
        self.assertEqual(json.loads(gc.stdout), {"blobs_removed": 0, "bytes_freed": 0, "tmp_files_removed": 0})
        scrub = depot(self.env, "scrub")
        self.assertEqual((scrub.returncode, json.loads(scrub.stdout)["checked"]), (0, 0))

    def test_bad_settings_exit_2(self):
        p = depot(dict(self.env, DEPOT_RATE_LIMIT_PER_S="lots"), "gc")
        self.assertEqual(p.returncode, 2)
        self.assertIn("DEPOT_RATE_LIMIT_PER_S", p.stderr)

    def test_unknown_project_exits_1(self):
        p = depot(self.env, "retention", "--project", "nope")
        self.assertEqual(p.returncode, 1)


if __name__ == "__main__":
    unittest.main()
