"""Grader for ${id}: runs hidden checks against the finished workspace (the verify contract: lanebench's
docs/reference.md).

Agent code runs only through lv.run(...) or lv.run_driver(...): a driver reports what the code did, and this
script judges it. Read workspace files with lv.read_text(...), which turns a missing file, a folder, bad bytes
or a huge file into a failed check instead of a crash.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

g = lv.Grader()
ws = lv.workspace()

# Replace this with real checks; never import the agent's code here.
g.check("TODO: first real check", False, "this task has no checks yet", weight=1)

g.finish()
