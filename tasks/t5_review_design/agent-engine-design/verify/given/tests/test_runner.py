import os
import tempfile
import unittest

from toolrun.audit import AuditLog, read_records
from toolrun.money import micros
from toolrun.runner import PlannedCall, Runner
from toolrun.tools.base import ToolError, ToolResult, ToolSpec


class Echo:
    spec = ToolSpec("echo", idempotent=True, side_effects=False, timeout_s=1, price=micros(10),
                    secret_args=("token",))

    def invoke(self, args, ctx):
        return ToolResult(args.get("text"), micros(7))


class Lost:
    spec = ToolSpec("lost", idempotent=False, side_effects=True, timeout_s=1, price=micros(10))

    def invoke(self, args, ctx):
        raise ToolError("lost", "no answer")


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.log = AuditLog(os.path.join(self.tmp.name, "a.jsonl"), fsync=False)
        self.runner = Runner({"echo": Echo(), "lost": Lost()}, self.log)

    def tearDown(self):
        self.tmp.cleanup()

    def test_records_in_order_and_secrets_redacted(self):
        out = self.runner.run("r1", [PlannedCall("echo", {"text": "hi", "token": "s3cr3t"})])
        self.assertEqual(out[0].output, "hi")
        kinds = [r["kind"] for r in read_records(self.log.path)]
        self.assertEqual(kinds, ["run.started", "call.requested", "call.attempt", "call.result", "run.finished"])
        requested = read_records(self.log.path)[1]
        self.assertEqual(requested["data"]["args"]["token"], "[redacted]")

    def test_lost_outcome_is_unknown(self):
        out = self.runner.run("r2", [PlannedCall("lost", {})])
        self.assertEqual(out[0].outcome, "unknown")
        result = [r for r in read_records(self.log.path) if r["kind"] == "call.result"][0]
        self.assertEqual(result["data"]["outcome"], "unknown")


if __name__ == "__main__":
    unittest.main()
