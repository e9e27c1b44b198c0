"""Retention: how many versions of each artifact a project keeps, and garbage collection after it.

The rule is per (artifact, branch): keep the `keep_versions` newest versions (the project's setting,
else the server default); tagged versions are kept whatever their age, since deploy configurations
point at tags. Deleting a version only drops its metadata and its reference to the blob; the blob
itself goes at the next garbage collection once nothing references it.
"""
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Dict, List

from .blobs import BlobStore
from .catalog import Catalog, Project, Version
from .db import Database


@dataclass
class RetentionReport:
    project: str
    kept: int = 0
    deleted: List[str] = field(default_factory=list)
    freed_bytes: int = 0


def plan(catalog: Catalog, project: Project, keep: int) -> List[Version]:
    """The versions the rule would delete, without deleting anything."""
    protected = catalog.tagged_version_ids(project)
    doomed = []
    for artifact in catalog.artifacts(project):
        by_branch: Dict[str, List[Version]] = defaultdict(list)
        after = 0
        while True:
            page = catalog.versions(project, artifact, after_id=after, limit=500)
            if not page:
                break
            for v in page:
                by_branch[v.branch].append(v)
            after = page[-1].id
        for branch, versions in by_branch.items():
            versions.sort(key=lambda v: (v.created_at, v.id))
            for v in versions[keep:]:
                if v.id not in protected:
                    doomed.append(v)
    return doomed


def apply(db: Database, catalog: Catalog, blobs: BlobStore, project: Project, keep: int,
          dry_run: bool = False) -> RetentionReport:
    report = RetentionReport(project.name)
    doomed = plan(catalog, project, keep)
    total = sum(len(catalog.versions(project, a, limit=10 ** 9)) for a in catalog.artifacts(project))
    report.kept = total - len(doomed)
    for v in doomed:
        report.deleted.append(f"{v.artifact}@{v.version}")
        report.freed_bytes += v.size
        if dry_run:
            continue
        with db.transaction() as conn:
            catalog.delete_version(conn, v)
        blobs.decref(v.digest)
    return report
