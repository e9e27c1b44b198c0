"""HTTP Range requests for downloads (RFC 9110, single ranges only).

Deploy agents resume interrupted downloads of multi-gigabyte artifacts with `Range: bytes=N-`; the
web UI fetches the first kilobytes of text artifacts for a preview.
"""
import re
from dataclasses import dataclass
from typing import Optional

from .errors import RangeNotSatisfiable

_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


@dataclass(frozen=True)
class ByteRange:
    start: int
    length: int
    total: int

    @property
    def end(self) -> int:
        """Last byte position, inclusive (as Content-Range writes it)."""
        return self.start + self.length - 1

    def content_range(self) -> str:
        return f"bytes {self.start}-{self.end}/{self.total}"


def parse(header: Optional[str], total: int) -> Optional[ByteRange]:
    """The range a request asks for, None for the whole body (no header, or one we do not serve as a
    range); RangeNotSatisfiable if it lies outside the body."""
    if not header:
        return None
    m = _RANGE.fullmatch(header.strip())
    if m is None:
        return None                       # multiple ranges or another unit: send the whole body
    first, last = m.group(1), m.group(2)
    if first == "" and last == "":
        return None
    if first == "":
        suffix = int(last)                # bytes=-N: the last N bytes
        if suffix == 0:
            raise RangeNotSatisfiable("empty suffix range", total=total)
        start = max(0, total - suffix)
        return ByteRange(start, total - start, total)
    start = int(first)
    if start >= total:
        raise RangeNotSatisfiable("range starts after the end", total=total)
    if last == "":
        return ByteRange(start, total - start, total)
    end = min(int(last), total - 1)
    if end < start:
        return None                       # invalid range: ignore the header, as RFC 9110 allows
    return ByteRange(start, end - start, total)
