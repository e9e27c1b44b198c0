"""Promotion: making a version of one project available in another (staging -> production) without
uploading it again. The target gets its own version row pointing at the same blob, so the blob gains a
reference and the target project is charged for the size, as for an upload."""
from dataclasses import dataclass

from . import naming, quota
from .blobs import BlobStore
from .catalog import Catalog, Version
from .db import Database, now
from .errors import BadRequest
from .tokens import Principal, require


@dataclass(frozen=True)
class Promotion:
    source: Version
    target: Version


def promote(db: Database, catalog: Catalog, blobs: BlobStore, principal: Principal, src_project: str,
            artifact: str, version: str, dst_project: str, default_quota_bytes: int,
            dst_version: str = None) -> Promotion:
    src = catalog.project(naming.project(src_project))
    dst = catalog.project(naming.project(dst_project))
    if src.id == dst.id:
        raise BadRequest("source and target project are the same")
    require(principal, "read", src)
    require(principal, "write", dst)
    v = catalog.version(src, naming.artifact(artifact), naming.version(version))
    target_version = naming.version(dst_version) if dst_version else v.version
    with db.transaction() as conn:
        quota.charge(conn, dst, v.size, default_quota_bytes)
        new_id = catalog.add_version(conn, dst, v.artifact, target_version, v.branch, v.digest, v.size,
                                     v.media_type, principal.name)
        # Inside the transaction: the reference is taken before anyone can see the new version.
        conn.execute("UPDATE blobs SET refcount = refcount + 1 WHERE digest = ?", (v.digest,))
        conn.execute("INSERT INTO promotions (from_version_id, to_version_id, promoted_by, promoted_at) "
                     "VALUES (?, ?, ?, ?)", (v.id, new_id, principal.name, now()))
        conn.execute("INSERT INTO files (version_id, name) SELECT ?, name FROM files WHERE version_id = ?",
                     (new_id, v.id))
    return Promotion(v, catalog.version_by_id(new_id))


def history(db: Database, version_id: int) -> list:
    """Where a version came from and where it went, oldest first."""
    return db.all("SELECT p.promoted_at, p.promoted_by, s.version AS from_version, sp.name AS from_project, "
                  "t.version AS to_version, tp.name AS to_project FROM promotions p "
                  "JOIN versions s ON s.id = p.from_version_id JOIN projects sp ON sp.id = s.project_id "
                  "JOIN versions t ON t.id = p.to_version_id JOIN projects tp ON tp.id = t.project_id "
                  "WHERE p.from_version_id = ? OR p.to_version_id = ? ORDER BY p.promoted_at",
                  (version_id, version_id))
