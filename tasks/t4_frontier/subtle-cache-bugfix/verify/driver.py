"""Observation driver for subtle-cache-bugfix: replays scripted cache operations and reports what came back.

Reads {"nonce", "workspace", "scenarios": {name: [op, ...]}} as JSON on stdin and prints one line: nonce +
JSON {"scenarios": {name: [observation per op]}}. Ops (each scenario has its own hand-moved clock):

  ["new", cache, capacity, ttl]        TTLCache(capacity, ttl, clock=clock), named for later ops
  ["make", capacity, ttl]              just construct one (reports only an error)
  ["put", cache, key, value(, ttl)]    ["get", cache, key(, default)]    ["in", cache, key]
  ["live", cache, [keys]]              the keys for which `key in cache` holds
  ["len", cache]   ["stats", cache]   ["delete", cache, key]   ["purge", cache]   ["advance", seconds]

An observation is the JSON value returned, or {"error": type, "value_error": bool}; a scenario that runs
past its second reports the rest of its ops as {"error": "timeout"}. Nothing is judged here: verify.py
compares the observations with the README's contract.
"""
import json
import signal
import sys

request = json.loads(sys.stdin.read())


class Clock:
    def __init__(self, start=5000.0):
        self.now = start

    def __call__(self):
        return self.now


class Timeout(BaseException):
    pass


def _alarm(signum, frame):
    raise Timeout()


def plain(value):
    """A JSON-safe copy of what the cache returned."""
    try:
        json.dumps(value)
        return value
    except (TypeError, ValueError):
        return {"repr": repr(value)[:80]}


def apply(TTLCache, caches, clock, op):
    kind, args = op[0], op[1:]
    if kind == "advance":
        clock.now += args[0]
        return None
    if kind == "make":
        TTLCache(args[0], args[1], clock=clock)
        return None
    if kind == "new":
        caches[args[0]] = TTLCache(args[1], args[2], clock=clock)
        return None
    cache = caches[args[0]]
    if kind == "put":
        cache.put(args[1], args[2]) if len(args) == 3 else cache.put(args[1], args[2], ttl=args[3])
        return None
    if kind == "get":
        return plain(cache.get(args[1]) if len(args) == 2 else cache.get(args[1], args[2]))
    if kind == "in":
        return bool(args[1] in cache)
    if kind == "live":
        return [k for k in args[1] if k in cache]
    if kind == "len":
        return len(cache)
    if kind == "stats":
        stats = cache.stats()
        return {k: plain(stats.get(k)) for k in ("size", "capacity", "hits", "misses", "evictions", "expirations")}
    if kind == "delete":
        return plain(cache.delete(args[1]))
    if kind == "purge":
        return plain(cache.purge_expired())
    raise ValueError(f"unknown op {kind}")


def replay(TTLCache, ops):
    caches, clock, observed = {}, Clock(), []
    signal.alarm(1)
    try:
        for op in ops:
            try:
                observed.append(apply(TTLCache, caches, clock, op))
            except Exception as e:  # an exception is an observation too (some ops must raise ValueError)
                observed.append({"error": type(e).__name__, "value_error": isinstance(e, ValueError)})
    except Timeout:
        pass
    finally:
        signal.alarm(0)
    return observed + [{"error": "timeout"}] * (len(ops) - len(observed))


def main():
    signal.signal(signal.SIGALRM, _alarm)
    try:
        sys.path.insert(0, request["workspace"])
        from ttlcache import TTLCache
        record = {"scenarios": {name: replay(TTLCache, ops) for name, ops in request["scenarios"].items()}}
    except BaseException as e:
        record = {"fatal": f"ttlcache does not import: {type(e).__name__}: {' '.join(str(e).split())[:150]}"}
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(record) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
