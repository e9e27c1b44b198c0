"""Hidden driver: parses each .env case with the workspace's envfile.load() and reports what happened.

Reads {"nonce", "workspace", "cases": [{"id", "text"}]} as JSON on stdin and prints one line: nonce + JSON
{case id: what load() returned or raised}. The case files are written to the current folder (the grader's
scratch). Nothing is judged here: verify.py knows the expected values.
"""
import json
import os
import signal
import sys
from pathlib import Path

request = json.loads(sys.stdin.read())


def _alarm(signum, frame):
    raise TimeoutError("load() did not return within 1 s")


def observe(envfile, index, text):
    path = Path.cwd() / f"case{index}.env"
    path.write_bytes(text.encode("utf-8"))
    signal.alarm(1)
    try:
        got = envfile.load(str(path))
        return {"ok": True, "values": {str(k): v if isinstance(v, str) else repr(v) for k, v in dict(got).items()}}
    except BaseException as e:  # what was raised is the observation
        return {"ok": False, "type": type(e).__name__, "value_error": isinstance(e, ValueError),
                "message": str(e)[:300]}
    finally:
        signal.alarm(0)


def main():
    signal.signal(signal.SIGALRM, _alarm)
    sys.path.insert(0, request["workspace"])
    try:
        import envfile
        results = {case["id"]: observe(envfile, i, case["text"]) for i, case in enumerate(request["cases"])}
    except BaseException as e:  # an unimportable module fails every case, it does not crash
        error = f"import failed: {type(e).__name__}: {e}"[:300]
        results = {case["id"]: {"ok": False, "type": "ImportError", "value_error": False, "message": error}
                   for case in request["cases"]}
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(results, default=repr) + "\n")
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
