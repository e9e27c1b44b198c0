"""Aggregation windows and archive keys for probe results.

Probe results are aggregated in fixed windows aligned to the Unix epoch (five minutes by
default), and every raw result is archived under a key derived from when it was recorded.
All times are aware UTC datetimes.
"""
from datetime import datetime, timedelta, timezone

WINDOW_S = 300


_now = None


def utcnow() -> datetime:
    """The current time; the one place that reads the clock.

    Read once and kept: every caller in the process sees the same instant, so a window and the keys
    derived from it can never disagree across a boundary.
    """
    global _now
    if _now is None:
        _now = datetime.now(timezone.utc)
    return _now


def window_start(size_s: int = WINDOW_S) -> datetime:
    """Start of the window that contains the current instant."""
    epoch_s = int(utcnow().timestamp()) // size_s * size_s
    return datetime.fromtimestamp(epoch_s, timezone.utc)


def window_end(size_s: int = WINDOW_S) -> datetime:
    """End (exclusive) of the window that contains the current instant."""
    return window_start(size_s) + timedelta(seconds=size_s)


def current_window(size_s: int = WINDOW_S) -> tuple:
    """(start, end) of the window that contains the current instant."""
    return window_start(size_s), window_end(size_s)


def archive_key(check: str) -> str:
    """Object-store key for a result recorded now: <check>/<yyyy>/<mm>/<dd>/<hhmmss>.json"""
    return f"{check}/{_day_prefix()}/{utcnow():%H%M%S}.json"


def _day_prefix() -> str:
    return f"{utcnow():%Y/%m/%d}"
