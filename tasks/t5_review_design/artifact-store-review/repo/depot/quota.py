"""Per-project storage quotas. Usage counts the size of every version, even when blobs are shared:
a project pays for what it references, not for what the store happens to deduplicate."""
from .catalog import Project
from .errors import QuotaExceeded


def limit_for(project: Project, default_bytes: int) -> int:
    return project.quota_bytes if project.quota_bytes is not None else default_bytes


def charge(conn, project: Project, size: int, default_bytes: int):
    """Adds `size` to the project's usage inside the caller's transaction, refusing to pass the limit.

    The check and the update are one conditional UPDATE, so concurrent uploads cannot both squeeze
    under the limit.
    """
    limit = limit_for(project, default_bytes)
    cur = conn.execute("UPDATE projects SET used_bytes = used_bytes + ? WHERE id = ? AND used_bytes + ? <= ?",
                       (size, project.id, size, limit))
    if cur.rowcount != 1:
        used = conn.execute("SELECT used_bytes FROM projects WHERE id = ?", (project.id,)).fetchone()[0]
        raise QuotaExceeded(f"project {project.name} would use {used + size} of {limit} bytes",
                            used=used, limit=limit)


def usage(conn, project: Project, default_bytes: int) -> dict:
    used = conn.execute("SELECT used_bytes FROM projects WHERE id = ?", (project.id,)).fetchone()[0]
    limit = limit_for(project, default_bytes)
    return {"used_bytes": used, "limit_bytes": limit, "free_bytes": max(0, limit - used)}
