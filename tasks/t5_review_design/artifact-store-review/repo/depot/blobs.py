"""Content-addressed blob storage: each distinct upload is stored once, under its SHA-256.

Files live at `<blob_dir>/<first two hex digits>/<digest>`. A blob row counts the versions that point
at it (`refcount`); garbage collection removes blobs whose count is zero. Files are written to the tmp
directory first and moved into place with an atomic rename, so a reader never sees a partial blob.
"""
import hashlib
import os
import shutil
from pathlib import Path
from typing import BinaryIO, Iterator, Tuple

from .db import Database, now
from .errors import BadRequest, NotFound, PayloadTooLarge

CHUNK = 1024 * 1024
DIGEST_LEN = 64


class BlobStore:
    def __init__(self, db: Database, blob_dir: Path, tmp_dir: Path):
        self.db, self.blob_dir, self.tmp_dir = db, Path(blob_dir), Path(tmp_dir)
        self.blob_dir.mkdir(parents=True, exist_ok=True)
        self.tmp_dir.mkdir(parents=True, exist_ok=True)

    def path_for(self, digest: str) -> Path:
        if len(digest) != DIGEST_LEN or any(c not in "0123456789abcdef" for c in digest):
            raise BadRequest("malformed digest")
        return self.blob_dir / digest[:2] / digest

    def exists(self, digest: str) -> bool:
        return self.db.one("SELECT 1 FROM blobs WHERE digest = ?", (digest,)) is not None

    def size(self, digest: str) -> int:
        row = self.db.one("SELECT size FROM blobs WHERE digest = ?", (digest,))
        if row is None:
            raise NotFound("no such blob")
        return row["size"]

    def receive(self, stream: BinaryIO, length: int, tmp_path: Path, limit: int) -> Tuple[str, int]:
        """Copies `length` bytes from `stream` into `tmp_path`; returns (sha256 hex, size)."""
        if length > limit:
            raise PayloadTooLarge(f"uploads are limited to {limit} bytes")
        digest = hashlib.sha256()
        remaining = length
        with open(tmp_path, "wb") as out:
            while remaining > 0:
                chunk = stream.read(min(CHUNK, remaining))
                if not chunk:
                    raise BadRequest("upload ended early", expected=length, received=length - remaining)
                digest.update(chunk)
                out.write(chunk)
                remaining -= len(chunk)
            out.flush()
            os.fsync(out.fileno())
        return digest.hexdigest(), length

    def commit(self, tmp_path: Path, digest: str, size: int) -> bool:
        """Moves a received file into place (or drops it if the blob exists); returns True if new."""
        final = self.path_for(digest)
        with self.db.transaction() as conn:
            row = conn.execute("SELECT size FROM blobs WHERE digest = ?", (digest,)).fetchone()
            if row is None:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(tmp_path, final)
                conn.execute("INSERT INTO blobs (digest, size, refcount, created_at) VALUES (?, ?, 0, ?)",
                             (digest, size, now()))
                return True
        os.unlink(tmp_path)
        return False

    def incref(self, digest: str):
        row = self.db.one("SELECT refcount FROM blobs WHERE digest = ?", (digest,))
        if row is None:
            raise NotFound("no such blob")
        self.db.execute("UPDATE blobs SET refcount = ? WHERE digest = ?", (row["refcount"] + 1, digest))

    def decref(self, digest: str):
        row = self.db.one("SELECT refcount FROM blobs WHERE digest = ?", (digest,))
        if row is None:
            return
        self.db.execute("UPDATE blobs SET refcount = ? WHERE digest = ?", (max(0, row["refcount"] - 1), digest))

    def open(self, digest: str) -> BinaryIO:
        try:
            return open(self.path_for(digest), "rb")
        except FileNotFoundError:
            raise NotFound("blob file missing") from None

    def read_range(self, digest: str, start: int, length: int) -> Iterator[bytes]:
        """Yields `length` bytes from `start`, in chunks; the file is closed when the generator ends."""
        with self.open(digest) as fh:
            fh.seek(start)
            left = length
            while left > 0:
                chunk = fh.read(min(CHUNK, left))
                if not chunk:
                    break
                left -= len(chunk)
                yield chunk

    def collect_garbage(self, min_age_s: float = 3600) -> Tuple[int, int]:
        """Deletes unreferenced blobs older than `min_age_s` (younger ones may be mid-upload).

        Returns (blobs removed, bytes freed).
        """
        cutoff = now() - min_age_s
        removed = freed = 0
        for row in self.db.all("SELECT digest, size FROM blobs WHERE refcount = 0 AND created_at < ?", (cutoff,)):
            with self.db.transaction() as conn:
                gone = conn.execute("DELETE FROM blobs WHERE digest = ? AND refcount = 0", (row["digest"],)).rowcount
            if gone:
                try:
                    os.unlink(self.path_for(row["digest"]))
                except FileNotFoundError:
                    pass
                removed += 1
                freed += row["size"]
        return removed, freed

    def sweep_tmp(self, max_age_s: float = 86400) -> int:
        """Removes temporary files left by crashed uploads."""
        cutoff = now() - max_age_s
        count = 0
        for p in self.tmp_dir.iterdir():
            try:
                if p.stat().st_mtime < cutoff:
                    if p.is_dir():
                        shutil.rmtree(p)
                    else:
                        p.unlink()
                    count += 1
            except FileNotFoundError:
                continue
        return count

    def verify(self, digest: str) -> bool:
        """Re-hashes a stored blob (used by the integrity scrubber)."""
        h = hashlib.sha256()
        with self.open(digest) as fh:
            for chunk in iter(lambda: fh.read(CHUNK), b""):
                h.update(chunk)
        return h.hexdigest() == digest
