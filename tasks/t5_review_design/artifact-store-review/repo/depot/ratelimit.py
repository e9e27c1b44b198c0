"""Per-client token buckets. A bucket refills at `rate` tokens per second up to `burst`."""
import threading
import time

from .errors import TooManyRequests

IDLE_EVICT_S = 600


class RateLimiter:
    def __init__(self, rate: float, burst: int, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self._buckets = {}          # key -> [tokens, last refill time]
        self._lock = threading.Lock()
        self._last_sweep = clock()

    def take(self, key: str, cost: float = 1.0):
        now = self.clock()
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = [float(self.burst), now]
            tokens = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
            if tokens < cost:
                bucket[0], bucket[1] = tokens, now
                wait = (cost - tokens) / self.rate
                raise TooManyRequests("slow down", retry_after=round(wait, 2))
            bucket[0], bucket[1] = tokens - cost, now
            if now - self._last_sweep > IDLE_EVICT_S:
                self._sweep(now)

    def _sweep(self, now: float):
        """Drops buckets that are full again (idle clients), so the table does not grow forever."""
        full_after = self.burst / self.rate
        for key in [k for k, (_, last) in self._buckets.items() if now - last > full_after]:
            del self._buckets[key]
        self._last_sweep = now
