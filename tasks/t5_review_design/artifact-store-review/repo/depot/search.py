"""Search over archive member names ("which build contains libfoo.so.3?").

Member names are indexed when an archive version is uploaded (at most MAX_INDEXED per version). Queries
are substring matches; `%` and `_` in the query are literal characters, not wildcards.
"""
from typing import List

from . import manifest
from .catalog import Catalog, Project, Version
from .db import Database
from .errors import BadRequest

MAX_INDEXED = 5000
MAX_RESULTS = 200


def index_version(db: Database, path, v: Version) -> int:
    """Stores the member names of an archive version; returns how many. Non-archives index nothing."""
    kind = manifest.kind_of(v.media_type, v.artifact)
    if kind is None:
        return 0
    try:
        entries = manifest.list_entries(path, kind)
    except BadRequest:
        return 0                          # a corrupt archive is still a valid upload; it just is not searchable
    names = [(v.id, e.name) for e in entries[:MAX_INDEXED] if not e.is_dir]
    with db.transaction() as conn:
        conn.executemany("INSERT INTO files (version_id, name) VALUES (?, ?)", names)
    return len(names)


def escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search(db: Database, catalog: Catalog, project: Project, query: str, limit: int = 50) -> List[dict]:
    if not isinstance(query, str) or not 2 <= len(query) <= 200:
        raise BadRequest("q must be 2 to 200 characters")
    limit = max(1, min(limit, MAX_RESULTS))
    rows = db.all("SELECT v.artifact, v.version, v.branch, f.name FROM files f JOIN versions v ON v.id = f.version_id "
                  "WHERE v.project_id = ? AND f.name LIKE ? ESCAPE '\\' ORDER BY v.id DESC, f.name LIMIT ?",
                  (project.id, "%" + escape_like(query) + "%", limit))
    return rows
