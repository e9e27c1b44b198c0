"""Hidden driver: runs a unittest folder under a fake clock and a chosen test order.

Reads a JSON request on stdin (before any workspace code is imported, so the nonce is never on
argv): {"nonce", "workspace", "tests_dir", "clock_start" (ISO, UTC), "clock_step_s", "order"
("default" | "reverse" | "shuffle:<seed>")}. Prints one line: nonce + JSON {test id: outcome}.

The fake clock replaces datetime.datetime, datetime.date and time.time before anything else is
imported. Every read advances it by clock_step_s, and it is reset before each test, so a test
sees the same sequence of instants whatever ran before it: starting it just before a
midnight/window boundary makes "read the clock twice" bugs fail every time instead of once a
month.
"""
import datetime as _dt
import json
import random
import sys
import time as _time
import unittest

request = json.loads(sys.stdin.read())
_RealDatetime, _RealDate = _dt.datetime, _dt.date
START = _RealDatetime.fromisoformat(request["clock_start"]).replace(tzinfo=_dt.timezone.utc)
STEP = _dt.timedelta(seconds=request["clock_step_s"])


class Clock:
    current = START

    @classmethod
    def reset(cls):
        cls.current = START

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


def flatten(suite):
    for item in suite:
        if isinstance(item, unittest.TestSuite):
            yield from flatten(item)
        else:
            yield item


outcomes = {}
try:
    tests_dir = request["tests_dir"]
    tests = list(flatten(unittest.TestLoader().discover(tests_dir, top_level_dir=tests_dir)))
    order = request["order"]
    if order == "reverse":
        tests.reverse()
    elif order.startswith("shuffle:"):
        random.Random(int(order.split(":", 1)[1])).shuffle(tests)
    for test in tests:
        Clock.reset()
        result = unittest.TestResult()
        try:
            test.run(result)
        except BaseException as e:  # a test that kills the runner counts as an error
            outcomes[test.id()] = f"error: {type(e).__name__}"
            continue
        if result.skipped:
            outcomes[test.id()] = "skip"
        elif result.wasSuccessful():
            outcomes[test.id()] = "pass"
        else:
            problems = result.failures + result.errors
            last = problems[0][1].strip().splitlines()[-1][:160] if problems else "unexpected success"
            outcomes[test.id()] = "fail: " + last
except BaseException as e:
    outcomes["<driver>"] = f"error: {type(e).__name__}: {e}"

sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(outcomes) + "\n")
