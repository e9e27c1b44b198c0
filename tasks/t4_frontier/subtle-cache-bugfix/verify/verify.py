"""Grader for subtle-cache-bugfix: hidden TTL/LRU scenarios against the workspace's ttlcache.

Each scenario is a script of cache operations. driver.py (a subprocess) replays the scripts against the
workspace's TTLCache and reports what every operation returned; the expectations live here only, so code
that prints results from inside the driver's process gains nothing. The repo's own tests are replayed the
same way from their pristine content ("existing tests"), so editing them gains nothing either. Weights
favour the parts a symptom-only fix misses (update recency, TTL restart, live-only sizing).
"""
import sys
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent


class Script:
    """Cache operations for the driver, and expectations on what they return, judged after the replay."""

    def __init__(self):
        self.ops, self.expectations = [], []

    def op(self, *op) -> int:
        self.ops.append(list(op))
        return len(self.ops) - 1

    def new(self, name, capacity, ttl):
        self.op("new", name, capacity, ttl)

    def put(self, name, key, value, ttl=None):
        return self.op("put", name, key, value) if ttl is None else self.op("put", name, key, value, ttl)

    def advance(self, seconds):
        self.op("advance", seconds)

    def expect(self, at, test, message):
        """test(observation) must hold for the op at index `at` (a tuple of indexes: test gets the tuple of
        their observations); message(observation) is the evidence when it does not."""
        self.expectations.append((at, test, message))

    def equal(self, at, want, what):
        self.expect(at, lambda o: o == want, lambda o: f"{what}: got {o!r}, want {want!r}")

    def judge(self, observed: list) -> tuple:
        def obs(i):
            return observed[i] if i < len(observed) else {"error": "no observation"}

        for at, test, message in self.expectations:
            o = tuple(obs(i) for i in at) if isinstance(at, tuple) else obs(at)
            if test(o):
                continue
            for i, one in zip(at if isinstance(at, tuple) else (at,), o if isinstance(at, tuple) else (o,)):
                if isinstance(one, dict) and "error" in one:
                    return False, f"op {self.ops[i]} raised {one['error']}"
            return False, message(o)
        return True, ""


def live(s, name, keys):
    return s.op("live", name, keys)


def raises_value_error(o):
    return isinstance(o, dict) and o.get("value_error") is True


# -- scenarios ---------------------------------------------------------------------------------------

def reported_repro(s):
    s.new("c", 3, 60)
    s.put("c", "old", "u1", ttl=5)
    s.put("c", "alice", "u2")
    s.put("c", "bob", "u3")
    s.op("get", "c", "old")
    s.advance(10)
    s.put("c", "carol", "u4")
    s.equal(live(s, "c", ["alice", "bob", "carol"]), ["alice", "bob", "carol"], "live after put")
    s.equal(s.op("get", "c", "old"), None, "get of the expired 'old'")
    # Same shape without the get: the expired entry is not the LRU one here.
    s.new("c2", 3, 60)
    s.put("c2", "a", 1)
    s.put("c2", "b", 2, ttl=5)
    s.put("c2", "c", 3)
    s.advance(10)
    s.put("c2", "d", 4)
    s.equal(live(s, "c2", ["a", "c", "d"]), ["a", "c", "d"], "mid-order expired entry: live keys")


def several_expired(s):
    s.new("c", 5, 100)
    s.put("c", "l1", 1)
    s.put("c", "x1", 0, ttl=3)
    s.put("c", "l2", 2)
    s.put("c", "x2", 0, ttl=3)
    s.put("c", "x3", 0, ttl=3)
    s.op("get", "c", "x1")
    s.advance(5)
    for k in ("n1", "n2", "n3"):
        s.put("c", k, 1)
    s.equal(live(s, "c", ["l1", "l2", "n1", "n2", "n3"]), ["l1", "l2", "n1", "n2", "n3"], "live after 3 puts")
    s.put("c", "n4", 4)
    s.equal(live(s, "c", ["l1", "l2", "n1", "n2", "n3", "n4"]), ["l2", "n1", "n2", "n3", "n4"],
            "4th put must evict the LRU live l1; live keys")


def plain_lru(s):
    s.new("c", 3, 1000)
    for k in "abc":
        s.put("c", k, k.upper())
    s.equal(s.op("get", "c", "a"), "A", "get a")
    s.put("c", "d", "D")
    s.equal(live(s, "c", list("abcd")), ["a", "c", "d"], "LRU after get a")
    s.op("get", "c", "c")
    s.put("c", "e", "E")
    s.equal(live(s, "c", list("abcde")), ["c", "d", "e"], "LRU second round")
    s.new("one", 1, 10)
    s.put("one", "x", 1)
    s.put("one", "y", 2)
    s.equal(live(s, "one", ["x", "y"]), ["y"], "capacity 1")
    s.new("t", 3, 10)
    s.put("t", "s", 1, ttl=2)
    s.put("t", "l", 2, ttl=50)
    s.advance(9.5)
    s.equal(s.op("get", "t", "s"), None, "ttl=2 entry after 9.5 s")
    s.equal(s.op("get", "t", "l"), 2, "ttl=50 entry after 9.5 s")
    s.advance(40)
    s.equal(s.op("get", "t", "l"), 2, "ttl=50 entry after 49.5 s")
    s.advance(1)
    s.equal(s.op("get", "t", "l"), None, "ttl=50 entry after 50.5 s")


def put_existing_moves(s):
    s.new("c", 3, 100)
    for k in "abc":
        s.put("c", k, 1)
    s.put("c", "a", 2)
    st = s.op("stats", "c")
    s.expect(st, lambda o: isinstance(o, dict) and o.get("evictions") == 0,
             lambda o: f"update at capacity evicted: stats {o}")
    s.equal(live(s, "c", list("abc")), list("abc"), "after an update at capacity, live keys")
    s.put("c", "d", 1)
    s.equal(live(s, "c", list("abcd")), ["a", "c", "d"], "after update of a then put d, live keys")
    s.equal(s.op("get", "c", "a"), 2, "updated value")
    s.put("c", "c", 5)
    s.put("c", "a", 3)
    s.put("c", "e", 1)
    s.equal(live(s, "c", list("acde")), ["a", "c", "e"], "second round, live keys")


def put_restarts_ttl(s):
    s.new("c", 4, 10)
    s.put("c", "a", 1)
    s.advance(8)
    s.put("c", "a", 2)
    s.advance(8)
    s.equal(s.op("get", "c", "a"), 2, "entry rewritten at t=8, read at t=16 (TTL counts from the last write)")
    s.put("c", "b", 1, ttl=100)
    s.advance(50)
    s.put("c", "b", 2, ttl=5)
    s.advance(6)
    s.equal(s.op("get", "c", "b"), None, "update with ttl=5, read 6 s later")
    s.put("c", "c", 1, ttl=3)
    s.advance(2)
    s.put("c", "c", 2)
    s.advance(5)
    s.equal(s.op("get", "c", "c"), 2, "update without ttl takes the cache default from that write")


def reput_after_expiry(s):
    s.new("c", 3, 10)
    s.put("c", "a", 1)
    s.put("c", "b", 1, ttl=100)
    s.advance(11)
    s.put("c", "a", 2)
    s.equal(s.op("get", "c", "a"), 2, "re-put of an expired key")
    s.equal(s.op("len", "c"), 2, "len after the re-put")
    s.new("c2", 2, 10)
    s.put("c2", "x", 1, ttl=5)
    s.put("c2", "y", 1, ttl=100)
    s.op("get", "c2", "x")
    s.advance(6)
    s.op("get", "c2", "x")   # a miss on the expired key
    s.put("c2", "x", 9)      # and written again
    s.put("c2", "z", 1)      # full: y is now LRU
    s.equal(live(s, "c2", ["x", "y", "z"]), ["x", "z"], "live keys")


def get_expired_is_miss(s):
    s.new("c", 3, 10)
    s.put("c", "a", 1)
    s.put("c", "b", 2, ttl=100)
    s.advance(12)
    before = s.op("stats", "c")
    s.equal(s.op("get", "c", "a", "dflt"), "dflt", "get of an expired key with a default")
    after = s.op("stats", "c")
    s.expect((before, after), lambda o: all(isinstance(x, dict) for x in o)
             and o[1].get("misses") == (o[0].get("misses") or 0) + 1 and o[1].get("hits") == o[0].get("hits"),
             lambda o: f"expired get must count one miss and no hit: stats {o[0]} -> {o[1]}")
    s.equal(s.op("in", "c", "a"), False, "`in` for the expired key")
    s.equal(s.op("len", "c"), 1, "len after the expired get")
    s.expect(s.op("stats", "c"), lambda o: isinstance(o, dict) and o.get("size") == 1,
             lambda o: f"stats size after the expired get: {o}")


def len_counts_live(s):
    s.new("c", 5, 10)
    s.put("c", "a", 1, ttl=2)
    s.put("c", "b", 1, ttl=4)
    s.put("c", "c", 1)
    s.equal(s.op("len", "c"), 3, "len")
    for step, want in ((3, 2), (2, 1), (20, 0)):
        s.advance(step)
        s.equal(s.op("len", "c"), want, f"len {step} s later")
        s.expect(s.op("stats", "c"), lambda o, w=want: isinstance(o, dict) and o.get("size") == w,
                 lambda o, w=want: f"stats size {o.get('size') if isinstance(o, dict) else o}, want {w}")


def stats_expirations(s):
    s.new("c", 2, 100)
    s.put("c", "a", 1, ttl=1)
    s.put("c", "b", 1)
    s.advance(2)
    s.put("c", "c", 1)
    s.expect(s.op("stats", "c"), lambda o: isinstance(o, dict) and o.get("evictions") == 0
             and isinstance(o.get("expirations"), int) and o["expirations"] >= 1,
             lambda o: f"dropping the expired entry must count an expiration, no eviction: stats {o}")
    s.put("c", "d", 1)
    s.expect(s.op("stats", "c"), lambda o: isinstance(o, dict) and o.get("evictions") == 1,
             lambda o: f"a live LRU eviction must count one eviction: stats {o}")
    s.equal(live(s, "c", ["b", "c", "d"]), ["c", "d"], "live keys after the eviction")


def existing_tests(s):
    """The behaviour tests/test_cache.py pins, replayed from its pristine content."""
    s.new("b", 3, 10)
    s.put("b", "a", 1)
    s.equal(s.op("get", "b", "a"), 1, "put then get")
    s.equal(s.op("in", "b", "a"), True, "`in` after put")
    s.equal(s.op("get", "b", "nope"), None, "missing key")
    s.equal(s.op("get", "b", "nope", "dflt"), "dflt", "missing key with a default")
    for at in (s.op("make", 0, 1), s.op("make", 1, 0), s.put("b", "a", 1, ttl=-1)):
        s.expect(at, raises_value_error, lambda o: f"bad argument accepted: {o}")
    s.equal(s.op("delete", "b", "a"), True, "delete of a present key")
    s.equal(s.op("delete", "b", "a"), False, "delete of an absent key")
    s.new("l", 3, 100)
    for k in "abcd":
        s.put("l", k, k)
    s.equal(live(s, "l", list("abcd")), list("bcd"), "LRU eviction")
    s.expect(s.op("stats", "l"), lambda o: isinstance(o, dict) and o.get("evictions") == 1,
             lambda o: f"eviction counted: stats {o}")
    s.new("x", 3, 10)
    s.put("x", "a", 1)
    s.advance(9.5)
    s.equal(s.op("get", "x", "a"), 1, "entry 9.5 s into a 10 s TTL")
    s.advance(1)
    s.equal(s.op("get", "x", "a"), None, "entry 10.5 s into a 10 s TTL")
    s.equal(s.op("in", "x", "a"), False, "`in` for the expired entry")
    s.new("p", 3, 10)
    s.put("p", "short", 1, ttl=2)
    s.put("p", "long", 2)
    s.advance(3)
    s.equal(s.op("get", "p", "short"), None, "ttl=2 entry after 3 s")
    s.equal(s.op("get", "p", "long"), 2, "default-TTL entry after 3 s")
    s.new("e", 3, 10)
    s.put("e", "a", 1, ttl=1)
    s.put("e", "b", 2, ttl=1)
    s.put("e", "c", 3)
    s.advance(5)
    s.equal(s.op("purge", "e"), 2, "purge_expired()")
    s.expect(s.op("stats", "e"), lambda o: isinstance(o, dict) and o.get("expirations") == 2,
             lambda o: f"expirations after purge: stats {o}")
    s.equal(s.op("in", "e", "c"), True, "live entry after purge")


SCENARIOS = {
    reported_repro: ("reported repro: expired entry evicted before live LRU entry", 1.5),
    several_expired: ("several expired entries all make room before live ones", 0.75),
    plain_lru: ("plain LRU order and per-entry TTL still correct", 0.75),
    put_existing_moves: ("put of an existing key makes it MRU and evicts nothing", 1.0),
    put_restarts_ttl: ("put of an existing key restarts its TTL", 1.0),
    reput_after_expiry: ("re-put of an expired key makes it live again", 0.75),
    get_expired_is_miss: ("get of an expired key is a clean miss", 0.75),
    len_counts_live: ("len()/size count live entries only", 0.75),
    stats_expirations: ("expired drops counted as expirations, not evictions", 0.5),
    existing_tests: ("existing unit tests' behaviour still holds", 0.5),
}


def main():
    ws = lv.workspace()
    g = lv.Grader()
    scripts = {}
    for build in SCENARIOS:
        scripts[build.__name__] = Script()
        build(scripts[build.__name__])
    request = {"workspace": str(ws), "scenarios": {name: s.ops for name, s in scripts.items()}}
    record, problem = lv.run_driver([lv.PYTHON, str(HERE / "driver.py")], ws, request, timeout=15)
    if record is not None and "fatal" in record:
        record, problem = None, lv.one_line(record["fatal"])
    observed = record.get("scenarios") if record else None
    if not isinstance(observed, dict):
        observed, problem = {}, problem or "driver result has no scenarios"
    for build, (name, weight) in SCENARIOS.items():
        got = observed.get(build.__name__)
        if problem or not isinstance(got, list):
            g.check(name, False, problem or "scenario missing from the driver's record", weight)
            continue
        passed, evidence = scripts[build.__name__].judge(got)
        g.check(name, passed, evidence or f"{len(got)} operations behave as the README says", weight)
    g.finish()


if __name__ == "__main__":
    main()
