"""Observation driver of flaky-test-fix: calls probewatch under a fake clock and reports what came back.

Reads a JSON request on stdin: {"nonce", "workspace", "clock_start" (ISO, UTC), "clock_step_s", "runs": [[step,
...], ...], "checks_file", ...}. Each run starts from freshly imported probewatch modules and runs its steps in
order (so state a step leaves behind is seen by the next, as with tests in one run); a step may name its own
clock start as "step@ISO". Prints one line: nonce + JSON {"runs": [[observation per step], ...]}.

The fake clock replaces datetime.datetime, datetime.date and time.time before anything else is imported. Every
read advances it by clock_step_s, and it is reset to clock_start before each step, so a step sees the same
instants whatever ran before it: starting it just before a midnight/window boundary makes "read the clock
twice" bugs show every time instead of once a month. Values are reported as ISO strings; an exception as
{"error": type}. Nothing is judged here: verify.py knows the clock and the expected values.
"""
import datetime as _dt
import json
import signal
import sys
import time as _time
from pathlib import Path

request = json.loads(sys.stdin.read())
_RealDatetime, _RealDate = _dt.datetime, _dt.date
UTC = _dt.timezone.utc
START = _RealDatetime.fromisoformat(request["clock_start"]).replace(tzinfo=UTC)
STEP = _dt.timedelta(seconds=request["clock_step_s"])


class Clock:
    current = START

    @classmethod
    def reset(cls, at=None):
        cls.current = START if at is None else at

    @classmethod
    def read(cls) -> _RealDatetime:
        value = cls.current
        cls.current += STEP
        return value


class FakeDatetime(_RealDatetime):
    @classmethod
    def _wrap(cls, value):
        return cls(value.year, value.month, value.day, value.hour, value.minute, value.second,
                   value.microsecond, tzinfo=value.tzinfo, fold=value.fold)

    @classmethod
    def now(cls, tz=None):
        value = Clock.read()  # aware UTC; the process runs with TZ=UTC, so local == UTC
        return cls._wrap(value.astimezone(tz) if tz is not None else value.replace(tzinfo=None))

    @classmethod
    def utcnow(cls):
        return cls._wrap(Clock.read().replace(tzinfo=None))

    @classmethod
    def today(cls):
        return cls.now()


class FakeDate(_RealDate):
    @classmethod
    def today(cls):
        value = Clock.read()
        return cls(value.year, value.month, value.day)


_dt.datetime, _dt.date = FakeDatetime, FakeDate
_time.time = lambda: Clock.read().timestamp()
_time.time_ns = lambda: int(Clock.read().timestamp() * 1_000_000_000)

sys.path.insert(0, request["workspace"])


def show(value):
    """Datetimes as ISO strings, containers recursively, other values as they are (or their repr)."""
    if isinstance(value, _RealDatetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [show(v) for v in value]
    if isinstance(value, dict):
        return {str(k): show(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)[:80]


def windows_step():
    from probewatch import windows
    out = {}
    Clock.reset()
    out["window"] = show(windows.current_window())
    Clock.reset()
    before = windows.utcnow()
    window = windows.current_window()
    out["contains"] = show([before, window, windows.utcnow()])
    Clock.reset()
    before = windows.utcnow()
    key = windows.archive_key("api")
    out["archive"] = show([before, key, windows.utcnow()])
    return out


def live_step():
    """The clock set to two instants an hour apart: windows, keys and utcnow() must follow it."""
    from probewatch import windows
    at = _RealDatetime.fromisoformat(request["live_at"])
    Clock.reset(at)
    first = windows.current_window()
    Clock.reset(at + _dt.timedelta(hours=1, milliseconds=250))
    second = windows.current_window()
    key = windows.archive_key("api")
    now = windows.utcnow()
    return show({"first": first, "second": second, "key": key, "now": now})


def now_step():
    from probewatch import windows
    out = []
    for call in request["now_calls"]:
        fn, kwargs = call[0], dict(call[1])
        if "now" in kwargs:
            kwargs["now"] = _RealDatetime.fromisoformat(kwargs["now"])
        out.append(show(observe(lambda: getattr(windows, fn)(*call[2], **kwargs))))
    return out


def report_step():
    from probewatch.report import Incident, status_lines, worst_states
    out = []
    for kind, incidents in request["incident_sets"]:
        made = [Incident(*i) for i in incidents]
        if kind == "worst":
            out.append(show(observe(lambda: worst_states(made))))
        elif kind == "lines-generator":
            out.append(show(observe(lambda: status_lines(i for i in made))))
        else:
            out.append(show(observe(lambda: status_lines(made))))
    return out


def parsed_step():
    from probewatch import registry
    return show(registry.load_checks(request["checks_file"]))


def defaults_step():
    from probewatch import registry
    return show(registry.enabled_checks(request["checks_file"]))


def cache_step():
    """The hidden registry behaviours, each on a checks file of its own (written to the current folder)."""
    from probewatch import registry
    text = json.dumps(request["cache_checks"])
    out = {}

    def fresh(name):
        path = Path.cwd() / f"{name}.json"
        path.write_text(text, encoding="utf-8")
        return path

    p = fresh("twice")
    out["twice"] = show([registry.enabled_checks(p), registry.enabled_checks(p), registry.load_checks(p)])
    p = fresh("mutate")
    got = registry.load_checks(p)
    got[0]["name"] = "changed"
    got.append({"name": "extra"})
    out["mutate"] = show(registry.load_checks(p))
    p = fresh("heartbeat")
    registry.enabled_checks(p)[-1]["interval_s"] = 1
    out["heartbeat"] = show(registry.enabled_checks(p)[-1])
    p = fresh("once")
    first = registry.load_checks(p)
    p.unlink()
    out["once"] = show([first, observe(lambda: registry.load_checks(p))])
    return out


def observe(fn):
    try:
        return fn()
    except Exception as e:  # an exception is an observation
        return {"error": type(e).__name__}


STEPS = {"windows": windows_step, "live": live_step, "now": now_step, "report": report_step,
         "parsed": parsed_step, "defaults": defaults_step, "cache": cache_step}


def _alarm(signum, frame):
    raise TimeoutError("step did not finish within 2 s")


def fresh_modules():
    """Forgets probewatch, so the next run imports it anew, with no state left by the previous run."""
    for name in [m for m in sys.modules if m == "probewatch" or m.startswith("probewatch.")]:
        del sys.modules[name]


def main():
    global START
    signal.signal(signal.SIGALRM, _alarm)
    runs = []
    for steps in request["runs"]:
        fresh_modules()
        results = []
        for step in steps:
            name, _, at = step.partition("@")
            START = _RealDatetime.fromisoformat(at or request["clock_start"]).replace(tzinfo=UTC)
            Clock.reset(START)
            signal.alarm(2)
            try:
                results.append(STEPS[name]())
            except BaseException as e:  # a broken submission fails its step, never the driver
                results.append({"error": f"{type(e).__name__}: {e}"[:160]})
            finally:
                signal.alarm(0)
        runs.append(results)
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps({"runs": runs}) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
