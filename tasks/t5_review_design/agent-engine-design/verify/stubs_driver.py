"""Imports the engine stubs of the workspace and describes what they expose (lanebench grader driver).

Usage: python3 stubs_driver.py WORKSPACE < nonce
Prints `<nonce> STUBS <json>` (per module: whether it imported, and per asked name its kind, methods and
whether it has a docstring) and `<nonce> END`. It judges nothing; the grader compares this with its own
reading of the source. Output of the stubs themselves goes to stderr.
"""
import importlib
import inspect
import json
import os
import signal
import sys

ASKED = {
    "toolrun.engine.executor": ["Engine", "RunHandle"],
    "toolrun.engine.budget": ["BudgetLedger", "BudgetExceeded"],
    "toolrun.engine.retry": ["RetryPolicy", "RetryDecision"],
    "toolrun.engine.recovery": ["recover", "RecoveryReport"],
}


class _Timeout(BaseException):
    pass


def _alarm(signum, frame):
    raise _Timeout()


def describe(obj) -> dict:
    if inspect.isclass(obj):
        methods = sorted(n for n, v in vars(obj).items() if callable(v) or isinstance(v, (staticmethod, classmethod)))
        return {"kind": "class", "methods": methods, "doc": bool(inspect.getdoc(obj)),
                "exception": issubclass(obj, BaseException)}
    if inspect.isfunction(obj):
        return {"kind": "function", "doc": bool(inspect.getdoc(obj))}
    return {"kind": type(obj).__name__}


def main():
    ws = sys.argv[1]
    nonce = sys.stdin.readline().strip()
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.path.insert(0, ws)
    signal.signal(signal.SIGALRM, _alarm)
    report = {}
    for module, names in ASKED.items():
        entry = {"import": "ok", "names": {}}
        try:
            signal.setitimer(signal.ITIMER_REAL, 4.0)
            mod = importlib.import_module(module)
            signal.setitimer(signal.ITIMER_REAL, 0)
            for name in names:
                entry["names"][name] = describe(getattr(mod, name)) if hasattr(mod, name) else {"kind": "missing"}
        except BaseException as e:  # a stub that fails to import is a finding, not a driver crash
            signal.setitimer(signal.ITIMER_REAL, 0)
            entry["import"] = f"{type(e).__name__}: {' '.join(str(e).split())[:160]}"
        report[module] = entry
    out.write(f"{nonce} STUBS {json.dumps(report)}\n{nonce} END\n")
    out.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
