"""The scrubber: re-hashes stored blobs to find bit rot or tampering, a sample at a time."""
import logging
import random
from dataclasses import dataclass, field
from typing import List

from .blobs import BlobStore
from .db import Database
from .errors import NotFound

log = logging.getLogger("depot.integrity")


@dataclass
class ScrubReport:
    checked: int = 0
    missing: List[str] = field(default_factory=list)
    corrupt: List[str] = field(default_factory=list)


def scrub(db: Database, blobs: BlobStore, sample: int = 100, rng: random.Random = None) -> ScrubReport:
    """Checks `sample` blobs chosen at random (all of them if there are fewer)."""
    rng = rng or random.Random()
    digests = [r["digest"] for r in db.all("SELECT digest FROM blobs WHERE refcount > 0")]
    chosen = digests if len(digests) <= sample else rng.sample(digests, sample)
    report = ScrubReport()
    for digest in chosen:
        report.checked += 1
        try:
            if not blobs.verify(digest):
                report.corrupt.append(digest)
                log.error("blob %s does not match its digest", digest)
        except NotFound:
            report.missing.append(digest)
            log.error("blob %s is referenced but its file is missing", digest)
    return report
