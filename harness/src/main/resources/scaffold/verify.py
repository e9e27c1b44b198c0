"""Grader for ${id}: runs hidden checks against the finished workspace (the verify contract: lanebench's docs/reference.md)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

g = lv.Grader()
ws = lv.workspace()

# Replace this with real checks: run the agent's code only through lv.run(...), never import it here.
g.check("TODO: first real check", False, "this task has no checks yet", weight=1)

g.finish()
