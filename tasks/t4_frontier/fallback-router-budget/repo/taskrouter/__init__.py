"""taskrouter: picks the model for each queued control-plane task."""
from .policy import Decision, decide, normalize_class

__all__ = ["Decision", "decide", "normalize_class"]
