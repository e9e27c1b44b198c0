"""Hidden scenarios for subtle-cache-bugfix, run in a subprocess against the agent's ttlcache.

Usage: python3 driver.py WORKSPACE   (the nonce arrives on stdin, so the agent's code cannot read it
from argv). Prints one line "<nonce> <json>" where json maps scenario name -> [passed, evidence].
Each scenario gets a fresh cache and a hand-moved clock; an alarm guards against endless loops.
"""
import json
import signal
import sys
import traceback


class Clock:
    def __init__(self, start=5000.0):
        self.now = start

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


class Fail(Exception):
    pass


def expect(cond, msg):
    if not cond:
        raise Fail(msg)


def live_keys(cache, keys):
    return [k for k in keys if k in cache]


# -- scenarios: each builds its own cache via the factory and returns evidence on success -------

def reported_repro(make):
    """The incident: an expired entry touched before it expired must go before a live LRU entry."""
    clock = Clock()
    c = make(3, 60, clock)
    c.put("old", "u1", ttl=5)
    c.put("alice", "u2")
    c.put("bob", "u3")
    c.get("old")
    clock.advance(10)
    c.put("carol", "u4")
    kept = live_keys(c, ["alice", "bob", "carol"])
    expect(kept == ["alice", "bob", "carol"], f"live after put: {kept}, want alice,bob,carol")
    expect(c.get("old") is None, "expired 'old' still returned")
    # Same shape without the get: the expired entry is not the LRU one here.
    clock2 = Clock()
    c2 = make(3, 60, clock2)
    c2.put("a", 1)
    c2.put("b", 2, ttl=5)
    c2.put("c", 3)
    clock2.advance(10)
    c2.put("d", 4)
    kept2 = live_keys(c2, ["a", "c", "d"])
    expect(kept2 == ["a", "c", "d"], f"mid-order expired entry: live {kept2}, want a,c,d")
    return "expired entries are evicted before live LRU entries"


def several_expired(make):
    """A full cache with several expired entries scattered through the order absorbs new keys."""
    clock = Clock()
    c = make(5, 100, clock)
    c.put("l1", 1)
    c.put("x1", 0, ttl=3)
    c.put("l2", 2)
    c.put("x2", 0, ttl=3)
    c.put("x3", 0, ttl=3)
    c.get("x1")
    clock.advance(5)
    c.put("n1", 1)
    c.put("n2", 2)
    c.put("n3", 3)
    kept = live_keys(c, ["l1", "l2", "n1", "n2", "n3"])
    expect(len(kept) == 5, f"live after 3 puts: {kept}, want l1,l2,n1,n2,n3")
    c.put("n4", 4)
    kept = live_keys(c, ["l1", "l2", "n1", "n2", "n3", "n4"])
    expect(kept == ["l2", "n1", "n2", "n3", "n4"], f"4th put should evict LRU live l1: live {kept}")
    return "3 expired slots reused before any live entry; then LRU live evicted"


def plain_lru(make):
    """Behaviour without expiry and per-entry TTLs must be unchanged by the fix."""
    clock = Clock()
    c = make(3, 1000, clock)
    for k in "abc":
        c.put(k, k.upper())
    expect(c.get("a") == "A", "get a")
    c.put("d", "D")
    expect(live_keys(c, list("abcd")) == ["a", "c", "d"], f"LRU after get a: {live_keys(c, list('abcd'))}")
    c.get("c")
    c.put("e", "E")
    expect(live_keys(c, list("abcde")) == ["c", "d", "e"], f"LRU second round: {live_keys(c, list('abcde'))}")
    one = make(1, 10, clock)
    one.put("x", 1)
    one.put("y", 2)
    expect("x" not in one and one.get("y") == 2, "capacity 1")
    t = make(3, 10, clock)
    t.put("s", 1, ttl=2)
    t.put("l", 2, ttl=50)
    clock.advance(9.5)
    expect(t.get("s") is None and t.get("l") == 2, "per-entry ttl")
    clock.advance(40)
    expect(t.get("l") == 2, "ttl=50 entry gone before 50 s")
    clock.advance(1)
    expect(t.get("l") is None, "ttl=50 entry alive after 50 s")
    return "LRU order, capacity 1 and per-entry TTL unchanged"


def put_existing_moves(make):
    """put of an existing key makes it most recently used and evicts nothing."""
    clock = Clock()
    c = make(3, 100, clock)
    for k in "abc":
        c.put(k, 1)
    c.put("a", 2)
    expect(c.stats()["evictions"] == 0, f"update at capacity evicted: {c.stats()['evictions']}")
    expect(live_keys(c, list("abc")) == list("abc"), "update at capacity lost a key")
    c.put("d", 1)
    kept = live_keys(c, list("abcd"))
    expect(kept == ["a", "c", "d"], f"after update of a then put d: live {kept}, want a,c,d")
    expect(c.get("a") == 2, "updated value not returned")
    c.put("c", 5)
    c.put("a", 3)
    c.put("e", 1)
    kept = live_keys(c, list("acde"))
    expect(kept == ["a", "c", "e"], f"second round: live {kept}, want a,c,e")
    return "updated keys become MRU; updates never evict"


def put_restarts_ttl(make):
    """The TTL counts from the last write, including a new per-entry ttl on update."""
    clock = Clock()
    c = make(4, 10, clock)
    c.put("a", 1)
    clock.advance(8)
    c.put("a", 2)
    clock.advance(8)
    expect(c.get("a") == 2, "entry rewritten at t=8 expired at t=16 (TTL counted from first write)")
    c.put("b", 1, ttl=100)
    clock.advance(50)
    c.put("b", 2, ttl=5)
    clock.advance(6)
    expect(c.get("b") is None, "update with ttl=5 kept the old 100 s lifetime")
    c.put("c", 1, ttl=3)
    clock.advance(2)
    c.put("c", 2)
    clock.advance(5)
    expect(c.get("c") == 2, "update without ttl should use the cache default from the write")
    return "TTL restarts on every write with that write's ttl"


def reput_after_expiry(make):
    """Writing an expired key again brings it back, live, as most recently used."""
    clock = Clock()
    c = make(3, 10, clock)
    c.put("a", 1)
    c.put("b", 1, ttl=100)
    clock.advance(11)
    c.put("a", 2)
    expect(c.get("a") == 2, "re-put of an expired key is still expired")
    expect(len(c) == 2, f"len after re-put: {len(c)}, want 2")
    c2 = make(2, 10, clock)
    c2.put("x", 1, ttl=5)
    c2.put("y", 1, ttl=100)
    c2.get("x")
    clock.advance(6)
    c2.get("x")          # miss on the expired key
    c2.put("x", 9)       # and written again
    c2.put("z", 1)       # full: y is now LRU
    kept = live_keys(c2, ["x", "y", "z"])
    expect(kept == ["x", "z"], f"live {kept}, want x,z")
    return "expired keys come back on write"


def get_expired_is_miss(make):
    """get of an expired key is a miss, leaves no trace, and does not refresh it."""
    clock = Clock()
    c = make(3, 10, clock)
    c.put("a", 1)
    c.put("b", 2, ttl=100)
    clock.advance(12)
    before = c.stats()
    expect(c.get("a", "dflt") == "dflt", "expired get did not return default")
    after = c.stats()
    expect(after["misses"] == before["misses"] + 1, "expired get not counted as a miss")
    expect(after["hits"] == before["hits"], "expired get counted as a hit")
    expect("a" not in c, "expired key reported by in")
    expect(len(c) == 1 and c.stats()["size"] == 1, f"len/size after expired get: {len(c)}/{c.stats()['size']}")
    return "miss, default returned, not counted in len/size"


def len_counts_live(make):
    """len() and stats()['size'] count live entries, even when nobody touched the expired ones."""
    clock = Clock()
    c = make(5, 10, clock)
    c.put("a", 1, ttl=2)
    c.put("b", 1, ttl=4)
    c.put("c", 1)
    expect(len(c) == 3, f"len {len(c)} want 3")
    clock.advance(3)
    expect(len(c) == 2 and c.stats()["size"] == 2, f"after 3 s: len {len(c)} size {c.stats()['size']} want 2")
    clock.advance(2)
    expect(len(c) == 1 and c.stats()["size"] == 1, f"after 5 s: len {len(c)} size {c.stats()['size']} want 1")
    clock.advance(20)
    expect(len(c) == 0 and c.stats()["size"] == 0, f"all expired: len {len(c)} size {c.stats()['size']}")
    return "len/size track live entries"


def stats_expirations(make):
    """Dropping expired entries to make room counts as expirations, never as evictions."""
    clock = Clock()
    c = make(2, 100, clock)
    c.put("a", 1, ttl=1)
    c.put("b", 1)
    clock.advance(2)
    c.put("c", 1)
    s = c.stats()
    expect(s["evictions"] == 0, f"expired drop counted as eviction: evictions={s['evictions']}")
    expect(s["expirations"] >= 1, f"expired drop not counted: expirations={s['expirations']}")
    c.put("d", 1)
    s = c.stats()
    expect(s["evictions"] == 1, f"live LRU eviction: evictions={s['evictions']} want 1")
    expect(live_keys(c, ["b", "c", "d"]) == ["c", "d"], "wrong key evicted")
    return "evictions=0 then 1, expirations counted"


SCENARIOS = [reported_repro, several_expired, plain_lru, put_existing_moves, put_restarts_ttl,
             reput_after_expiry, get_expired_is_miss, len_counts_live, stats_expirations]


def _alarm(signum, frame):
    raise Fail("timed out (1 s)")


def main():
    nonce = sys.stdin.readline().strip()
    out = sys.stdout
    results = {}
    try:
        sys.path.insert(0, sys.argv[1])
        from ttlcache import TTLCache
    except Exception as e:
        err = f"import failed: {type(e).__name__}: {e}"
        results = {s.__name__: [False, err] for s in SCENARIOS}
        out.write(nonce + " " + json.dumps(results) + "\n")
        return

    def make(capacity, ttl, clock):
        return TTLCache(capacity, ttl, clock=clock)

    signal.signal(signal.SIGALRM, _alarm)
    for scenario in SCENARIOS:
        signal.alarm(1)
        try:
            results[scenario.__name__] = [True, scenario(make)]
        except Fail as e:
            results[scenario.__name__] = [False, str(e)]
        except Exception as e:
            tb = traceback.extract_tb(e.__traceback__)
            where = f" at {tb[-1].name}:{tb[-1].lineno}" if tb else ""
            results[scenario.__name__] = [False, f"{type(e).__name__}: {e}{where}"]
        finally:
            signal.alarm(0)
    out.write(nonce + " " + json.dumps(results) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
