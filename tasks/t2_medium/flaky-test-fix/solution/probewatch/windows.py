"""Aggregation windows and archive keys for probe results.

Probe results are aggregated in fixed windows aligned to the Unix epoch (five minutes by
default), and every raw result is archived under a key derived from when it was recorded.
All times are aware UTC datetimes. Every function that needs the current time takes an
optional now= and otherwise reads the clock exactly once: values derived from two reads
disagree whenever the reads straddle a boundary (a window edge, midnight, New Year).
"""
from datetime import datetime, timedelta, timezone

WINDOW_S = 300


def utcnow() -> datetime:
    """The current time; the one place that reads the clock."""
    return datetime.now(timezone.utc)


def window_start(size_s: int = WINDOW_S, *, now: datetime = None) -> datetime:
    """Start of the window that contains now (default: the current instant)."""
    now = utcnow() if now is None else now
    epoch_s = int(now.timestamp()) // size_s * size_s
    return datetime.fromtimestamp(epoch_s, timezone.utc)


def window_end(size_s: int = WINDOW_S, *, now: datetime = None) -> datetime:
    """End (exclusive) of the window that contains now (default: the current instant)."""
    return window_start(size_s, now=now) + timedelta(seconds=size_s)


def current_window(size_s: int = WINDOW_S, *, now: datetime = None) -> tuple:
    """(start, end) of the window that contains now (default: the current instant)."""
    start = window_start(size_s, now=now)
    return start, start + timedelta(seconds=size_s)


def archive_key(check: str, *, now: datetime = None) -> str:
    """Object-store key for a result recorded at now: <check>/<yyyy>/<mm>/<dd>/<hhmmss>.json"""
    now = utcnow() if now is None else now
    return f"{check}/{now:%Y/%m/%d/%H%M%S}.json"
