"""Grades env-script-fix: the .env parser follows README's format, dbdump reports config errors cleanly.

The parser is exercised through envfile.load() on a hidden matrix of .env files: driver.py (a
subprocess) reports what load() returned or raised for each file, and the expected values live here
(cases.py). dbdump.py is run as ops would run it, with --dry-run, on hidden .env files for the error and
end-to-end checks; its exit code and output are judged here too. Each error message has to name its own
problem: one stock message naming every key for every error is keyword stuffing and caps the score.
"""
import re
import shlex
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # keep the task folder unchanged by grading
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

import cases  # noqa: E402

HERE = Path(__file__).resolve().parent
# A message naming keys that are not the problem in this many runs is one stock text for every error.
STUFFED_CAP_RUNS = 2
STUFFED_CAP = 2.0


def run_matrix(ws: Path) -> dict:
    """Runs every parse case in one driver subprocess; returns {case_id: result}."""
    request = {"workspace": str(ws), "cases": [
        {"id": f"{group}/{name}", "text": text}
        for group, _, items in cases.PARSE_GROUPS for name, text, _ in items]}
    with tempfile.TemporaryDirectory() as tmp:
        record, problem = lv.run_driver([lv.PYTHON, str(HERE / "driver.py")], Path(tmp), request, timeout=20)
    if record is None:
        raise RuntimeError(problem)
    return record


def judge(result, expected) -> str:
    """Returns '' when the case passed, else a short reason (the result is the driver's word: any shape)."""
    if not isinstance(result, dict):
        return "no result"
    message = str(result.get("message", ""))
    if isinstance(expected, int):
        if result.get("ok") is not False:
            return f"no error, got {result.get('values')}"
        if result.get("value_error") is not True:
            return f"{result.get('type')} is not a ValueError"
        if f"line {expected}" not in message:
            return f"message does not name line {expected}: {message[:60]!r}"
        return ""
    if result.get("ok") is not True:
        return f"{result.get('type')}: {message[:60]}"
    return "" if result.get("values") == expected else f"got {result.get('values')}"


def dbdump(ws: Path, env_text) -> tuple:
    """Runs the workspace's dbdump.py on a .env file that sits in the run's own scratch folder."""
    if not (ws / "dbdump.py").is_file():
        return 2, "", "dbdump.py missing from the workspace"
    with tempfile.TemporaryDirectory() as tmp:
        env_path = Path(tmp) / ("settings.env" if env_text is not None else "no-such.env")
        if env_text is not None:
            env_path.write_text(env_text, encoding="utf-8")
        return lv.run([lv.PYTHON, str(ws / "dbdump.py"), "--env", str(env_path), "--dry-run"], Path(tmp),
                      timeout=15)


def error_runs(ws: Path, runs: list, stuffed: list) -> tuple:
    """Each run must exit 2 with one `error:` line naming its own problem and no settings key unrelated to it;
    runs whose message names unrelated keys are added to `stuffed`."""
    problems = []
    for name, text, must_name, may_name in runs:
        code, out, err = dbdump(ws, text)
        unrelated = [k for k in cases.KEYS if k not in may_name and re.search(rf"\b{k}\b", err)]
        if unrelated:
            stuffed.append(name)
        if "Traceback" in out + err:
            problems.append(f"{name}: traceback")
        elif code != 2:
            problems.append(f"{name}: exit {code}, want 2")
        elif not err.strip().startswith("error:"):
            problems.append(f"{name}: stderr does not start with 'error:': {lv.one_line(err, 60)!r}")
        elif not all(any(w in err for w in (word if isinstance(word, tuple) else (word,)))
                     for word in must_name):
            problems.append(f"{name}: message lacks {must_name}: {lv.one_line(err, 60)!r}")
        elif unrelated:
            problems.append(f"{name}: message names {', '.join(unrelated)}, which are not the problem: "
                            f"{lv.one_line(err, 60)!r}")
    return not problems, "; ".join(problems) or f"{len(runs)} runs: exit 2 with a one-line error naming the problem"


def dry_run_matches(ws: Path, text: str, command: list, rotate: str) -> tuple:
    code, out, err = dbdump(ws, text)
    if code != 0:
        return False, f"exit {code}: {lv.one_line(err, 100)}"
    lines = out.splitlines()
    try:
        got = shlex.split(lines[0]) if lines else []
    except ValueError as e:
        return False, f"unparsable command line: {e}"
    if got != command:
        return False, f"command {got} != {command}"
    if lines[1:2] != [rotate]:
        return False, f"rotation line {lines[1:2]} != {rotate!r}"
    return True, "dry run prints the expected pg_dump command and rotation"


def main() -> None:
    g = lv.Grader()
    ws = lv.workspace()
    try:
        matrix, matrix_error = run_matrix(ws), ""
    except Exception as e:  # a crashing submission fails the parse checks, not the grader
        matrix, matrix_error = {}, f"{type(e).__name__}: {e}"

    for group, weight, items in cases.PARSE_GROUPS:
        failed = []
        for name, _, expected in items:
            reason = judge(matrix.get(f"{group}/{name}"), expected)
            if reason:
                failed.append(f"{name} ({reason})")
        evidence = matrix_error or ("; ".join(failed) if failed else f"{len(items)}/{len(items)} cases")
        g.check(group, not matrix_error and not failed, evidence, weight)

    stuffed = []
    g.attempt("missing or empty required setting is a clear error",
              lambda: error_runs(ws, cases.MISSING_KEY_RUNS, stuffed), 1.0)
    g.attempt("defaults fill optional settings",
              lambda: dry_run_matches(ws, cases.REQUIRED_ONLY,
                                      ["pg_dump", "--format=custom", "--dbname=postgres://backup@db/app",
                                       "--file=/srv/x/nightly.dump"], "rotate /srv/x/nightly.dump keep=7"), 0.25)
    g.attempt("other configuration errors are clear errors",
              lambda: error_runs(ws, cases.OTHER_ERROR_RUNS, stuffed), 0.5)
    if len(stuffed) >= STUFFED_CAP_RUNS:
        g.cap(STUFFED_CAP, f"error messages name settings unrelated to the problem ({', '.join(stuffed[:3])})")
    g.attempt("production-style .env end to end",
              lambda: dry_run_matches(ws, cases.PRODUCTION_ENV, cases.PRODUCTION_COMMAND,
                                      cases.PRODUCTION_ROTATE), 0.5)
    g.finish()


if __name__ == "__main__":
    main()
