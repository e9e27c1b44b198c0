"""Projects, artifact versions and tags: the metadata queries behind the API."""
from dataclasses import dataclass
from typing import List, Optional

from .db import Database, now
from .errors import Conflict, NotFound


@dataclass(frozen=True)
class Project:
    id: int
    name: str
    keep_versions: Optional[int]
    quota_bytes: Optional[int]
    used_bytes: int


@dataclass(frozen=True)
class Version:
    id: int
    project_id: int
    artifact: str
    version: str
    branch: str
    digest: str
    size: int
    media_type: str
    created_at: float
    created_by: str

    def public(self) -> dict:
        return {"artifact": self.artifact, "version": self.version, "branch": self.branch, "digest": self.digest,
                "size": self.size, "media_type": self.media_type, "created_at": self.created_at,
                "created_by": self.created_by}


class Catalog:
    def __init__(self, db: Database):
        self.db = db

    # -------------------------------------------------------------- projects

    def create_project(self, name: str, keep_versions: int = None, quota_bytes: int = None) -> Project:
        if self.db.one("SELECT 1 FROM projects WHERE name = ?", (name,)):
            raise Conflict(f"project {name} exists")
        cur = self.db.execute("INSERT INTO projects (name, keep_versions, quota_bytes, created_at) VALUES (?, ?, ?, ?)",
                              (name, keep_versions, quota_bytes, now()))
        return self.project_by_id(cur.lastrowid)

    def project(self, name: str) -> Project:
        row = self.db.one("SELECT * FROM projects WHERE name = ?", (name,))
        if row is None:
            raise NotFound(f"no project {name}")
        return _project(row)

    def project_by_id(self, project_id: int) -> Project:
        row = self.db.one("SELECT * FROM projects WHERE id = ?", (project_id,))
        if row is None:
            raise NotFound("no such project")
        return _project(row)

    def projects(self) -> List[Project]:
        return [_project(r) for r in self.db.all("SELECT * FROM projects ORDER BY name")]

    # -------------------------------------------------------------- versions

    def add_version(self, conn, project: Project, artifact: str, version: str, branch: str, digest: str, size: int,
                    media_type: str, created_by: str) -> int:
        """Inserts a version inside the caller's transaction `conn`."""
        exists = conn.execute("SELECT 1 FROM versions WHERE project_id = ? AND artifact = ? AND version = ?",
                              (project.id, artifact, version)).fetchone()
        if exists:
            raise Conflict(f"{artifact} {version} already exists; versions are immutable")
        cur = conn.execute("INSERT INTO versions (project_id, artifact, version, branch, digest, size, media_type, "
                           "created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (project.id, artifact, version, branch, digest, size, media_type, now(), created_by))
        return cur.lastrowid

    def version(self, project: Project, artifact: str, version: str) -> Version:
        row = self.db.one("SELECT * FROM versions WHERE project_id = ? AND artifact = ? AND version = ?",
                          (project.id, artifact, version))
        if row is None:
            raise NotFound(f"no version {version} of {artifact}")
        return Version(**row)

    def version_by_id(self, version_id: int) -> Version:
        row = self.db.one("SELECT * FROM versions WHERE id = ?", (version_id,))
        if row is None:
            raise NotFound("no such version")
        return Version(**row)

    def versions(self, project: Project, artifact: str, after_id: int = 0, limit: int = 50,
                 branch: str = None) -> List[Version]:
        sql = "SELECT * FROM versions WHERE project_id = ? AND artifact = ? AND id > ?"
        args = [project.id, artifact, after_id]
        if branch is not None:
            sql += " AND branch = ?"
            args.append(branch)
        sql += " ORDER BY id LIMIT ?"
        args.append(limit)
        return [Version(**r) for r in self.db.all(sql, args)]

    def artifacts(self, project: Project) -> List[str]:
        rows = self.db.all("SELECT DISTINCT artifact FROM versions WHERE project_id = ? ORDER BY artifact", (project.id,))
        return [r["artifact"] for r in rows]

    def delete_version(self, conn, v: Version):
        conn.execute("DELETE FROM tags WHERE version_id = ?", (v.id,))
        conn.execute("DELETE FROM versions WHERE id = ?", (v.id,))
        conn.execute("UPDATE projects SET used_bytes = MAX(0, used_bytes - ?) WHERE id = ?", (v.size, v.project_id))

    # -------------------------------------------------------------- tags

    def set_tag(self, project: Project, artifact: str, tag: str, v: Version):
        if v.project_id != project.id or v.artifact != artifact:
            raise Conflict("a tag must point at a version of the same artifact")
        self.db.execute("INSERT INTO tags (project_id, artifact, tag, version_id, updated_at) VALUES (?, ?, ?, ?, ?) "
                        "ON CONFLICT (project_id, artifact, tag) DO UPDATE SET version_id = excluded.version_id, "
                        "updated_at = excluded.updated_at", (project.id, artifact, tag, v.id, now()))

    def resolve_tag(self, project: Project, artifact: str, tag: str) -> Version:
        row = self.db.one("SELECT version_id FROM tags WHERE project_id = ? AND artifact = ? AND tag = ?",
                          (project.id, artifact, tag))
        if row is None:
            raise NotFound(f"no tag {tag} on {artifact}")
        return self.version_by_id(row["version_id"])

    def tags(self, project: Project, artifact: str) -> dict:
        rows = self.db.all("SELECT t.tag, v.version FROM tags t JOIN versions v ON v.id = t.version_id "
                           "WHERE t.project_id = ? AND t.artifact = ? ORDER BY t.tag", (project.id, artifact))
        return {r["tag"]: r["version"] for r in rows}

    def tagged_version_ids(self, project: Project) -> set:
        return {r["version_id"] for r in self.db.all("SELECT version_id FROM tags WHERE project_id = ?", (project.id,))}


def _project(row: dict) -> Project:
    return Project(row["id"], row["name"], row["keep_versions"], row["quota_bytes"], row["used_bytes"])
