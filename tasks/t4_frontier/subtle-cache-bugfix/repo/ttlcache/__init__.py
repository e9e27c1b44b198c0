"""ttlcache: an in-process LRU cache with per-entry time-to-live."""
from .cache import TTLCache

__all__ = ["TTLCache"]
__version__ = "1.3.0"
