"""Observation driver for fallback-router-budget: calls the workspace's decide() and reports what it returned.

Reads {"nonce", "workspace", "calls": [[task_class, primary_up, fallback_up, style], ...]} as JSON on stdin
and prints one line: nonce + JSON {"results": [...]}, one entry per call, in order:
[allowed, model, needs_approval] as returned, or ["error", "<exception type>: <message>"]. style "pos" calls
decide() positionally (as dispatch.py does), "kw" with keyword arguments (as the repo's tests do).
The driver judges nothing: the grader compares these observations with what the README requires.
"""
import json
import signal
import sys

request = json.loads(sys.stdin.read())


def _alarm(signum, frame):
    raise TimeoutError("decide() did not return within 1 s")


def observe(decide, call):
    cls, primary_up, fallback_up, style = call
    signal.alarm(1)
    try:
        if style == "kw":
            d = decide(cls, primary_up=primary_up, fallback_up=fallback_up)
        else:
            d = decide(cls, primary_up, fallback_up)
        model = getattr(d, "model", "<no attribute>")
        return [bool(getattr(d, "allowed", None)), model if model is None or isinstance(model, str) else repr(model),
                bool(getattr(d, "needs_approval", None))]
    except BaseException as e:  # a broken submission fails its cases, never the driver
        return ["error", f"{type(e).__name__}: {' '.join(str(e).split())[:120]}"]
    finally:
        signal.alarm(0)


def main():
    signal.signal(signal.SIGALRM, _alarm)
    try:
        sys.path.insert(0, request["workspace"])
        from taskrouter.policy import decide
        results = [observe(decide, call) for call in request["calls"]]
        record = {"results": results}
    except BaseException as e:
        record = {"fatal": f"taskrouter.policy does not import: {type(e).__name__}: {' '.join(str(e).split())[:150]}"}
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(record) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
