import json
import os
import tempfile
import unittest

from toolrun.audit import KINDS, AuditError, AuditLog, read_records, verify_chain


class AuditLogTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.tmp.name, "audit.jsonl")

    def tearDown(self):
        self.tmp.cleanup()

    def test_records_are_chained_and_numbered(self):
        log = AuditLog(self.path, fsync=False)
        log.append("run.started", "r1", {"calls": 1})
        log.append("run.finished", "r1", {"status": "ok"})
        ok, seq, _, problems = verify_chain(self.path)
        self.assertEqual((ok, seq, problems), (True, 2, []))
        self.assertEqual([r["seq"] for r in read_records(self.path)], [1, 2])

    def test_unknown_kind_is_refused(self):
        log = AuditLog(self.path, fsync=False)
        with self.assertRaises(AuditError):
            log.append("call.retried", "r1", {})

    def test_edited_line_breaks_the_chain(self):
        log = AuditLog(self.path, fsync=False)
        for i in range(3):
            log.append("run.started", f"r{i}", {"calls": i})
        with open(self.path) as fh:
            lines = fh.readlines()
        rec = json.loads(lines[1])
        rec["data"]["calls"] = 99
        lines[1] = json.dumps(rec, separators=(",", ":"), sort_keys=True) + "\n"
        with open(self.path, "w") as fh:
            fh.writelines(lines)
        ok, _, _, problems = verify_chain(self.path)
        self.assertFalse(ok)
        with self.assertRaises(AuditError):
            AuditLog(self.path, fsync=False)

    def test_torn_last_line_is_tolerated_and_kept(self):
        log = AuditLog(self.path, fsync=False)
        log.append("run.started", "r1", {"calls": 1})
        with open(self.path, "ab") as fh:
            fh.write(b'{"v":1,"seq":2,"kind":"call.req')
        log2 = AuditLog(self.path, fsync=False)
        self.assertEqual(log2.last_seq, 1)
        log2.append("engine.recovered", None, {"open_calls": 0, "resolved": []})
        with open(self.path, "rb") as fh:
            data = fh.read()
        self.assertIn(b'"kind":"call.req\n', data)
        self.assertTrue(verify_chain(self.path)[0])

    def test_kinds_are_the_documented_set(self):
        self.assertEqual(len(KINDS), 13)


if __name__ == "__main__":
    unittest.main()
