"""The HTTP API of depot (docs/api.md). Each handler gets the service context, the request and the
path parameters, and returns a Response; errors are raised as DepotError subclasses."""
import contextlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Dict, Iterable, Optional, Union
from urllib.parse import parse_qs, urlsplit

from . import manifest, naming, pagination, promotion, quota, ranges, retention, search
from .blobs import BlobStore
from .catalog import Catalog
from .db import Database
from .errors import BadRequest, NotFound, PayloadTooLarge
from .events import EventBus
from .routing import Router
from .settings import Settings
from .signing import Signer
from .tokens import Principal, TokenStore, require, require_scope

JSON = "application/json"
ALLOWED_MEDIA_TYPES = {"application/octet-stream", "application/gzip", "application/x-tar", "application/x-gtar",
                       "application/x-xz", "application/zip", "application/java-archive", "text/plain"}


@dataclass
class Request:
    method: str
    target: str
    headers: Dict[str, str]                      # lower-cased names
    body: Optional[BinaryIO] = None
    length: int = 0
    client: str = ""
    principal: Optional[Principal] = None

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> Dict[str, str]:
        return {k: v[-1] for k, v in parse_qs(urlsplit(self.target).query, keep_blank_values=True).items()}

    def json(self) -> dict:
        if self.length > 64 * 1024:
            raise PayloadTooLarge("JSON bodies are limited to 64 KiB")
        raw = self.body.read(self.length) if self.body and self.length else b""
        try:
            data = json.loads(raw or b"{}")
        except ValueError:
            raise BadRequest("body is not JSON") from None
        if not isinstance(data, dict):
            raise BadRequest("body must be a JSON object")
        return data


@dataclass
class Response:
    status: int = 200
    body: Union[bytes, Iterable[bytes], None] = None
    headers: Dict[str, str] = field(default_factory=dict)

    @classmethod
    def json(cls, data, status: int = 200) -> "Response":
        return cls(status, json.dumps(data).encode(), {"Content-Type": JSON})


@dataclass
class Context:
    settings: Settings
    db: Database
    catalog: Catalog
    blobs: BlobStore
    tokens: TokenStore
    signer: Signer
    events: EventBus


# ------------------------------------------------------------------ projects and tokens (operators)

def create_project(ctx: Context, req: Request):
    require_scope(req.principal, "admin")
    if req.principal.project_id is not None:
        raise BadRequest("project tokens cannot create projects")
    body = req.json()
    name = naming.project(body.get("name"))
    keep = body.get("keep_versions")
    if keep is not None and (not isinstance(keep, int) or keep < 1):
        raise BadRequest("keep_versions must be a positive integer")
    limit = body.get("quota_bytes")
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise BadRequest("quota_bytes must be a non-negative integer")
    p = ctx.catalog.create_project(name, keep, limit)
    return Response.json({"name": p.name, "keep_versions": p.keep_versions, "quota_bytes": p.quota_bytes}, 201)


def list_projects(ctx: Context, req: Request):
    require_scope(req.principal, "admin")
    if req.principal.project_id is not None:
        projects = [ctx.catalog.project_by_id(req.principal.project_id)]
    else:
        projects = ctx.catalog.projects()
    return Response.json({"items": [{"name": p.name, "used_bytes": p.used_bytes} for p in projects]})


def create_token(ctx: Context, req: Request):
    require_scope(req.principal, "admin")
    body = req.json()
    scopes = body.get("scopes") or ["read"]
    if not isinstance(scopes, list) or not all(isinstance(s, str) for s in scopes):
        raise BadRequest("scopes must be a list of strings")
    project = ctx.catalog.project(naming.project(body["project"])) if body.get("project") else None
    if req.principal.project_id is not None:
        # A project admin may only mint tokens for its own project.
        if project is None or project.id != req.principal.project_id:
            raise BadRequest("project tokens can only create tokens for their own project")
    ttl = body.get("ttl_s")
    if ttl is not None and (not isinstance(ttl, (int, float)) or ttl <= 0):
        raise BadRequest("ttl_s must be a positive number")
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        raise BadRequest("name must be 1-100 characters")
    try:
        token = ctx.tokens.create(name, scopes, project, ttl)
    except ValueError as e:
        raise BadRequest(str(e)) from None
    return Response.json({"token": token, "name": name, "project": project.name if project else None}, 201)


def revoke_token(ctx: Context, req: Request, token_id: str):
    require_scope(req.principal, "admin")
    if not token_id.isdigit():
        raise NotFound("no such token")
    rows = [t for t in ctx.tokens.list(None) if t["id"] == int(token_id)]
    if not rows:
        raise NotFound("no such token")
    if req.principal.project_id is not None and rows[0]["project_id"] != req.principal.project_id:
        raise NotFound("no such token")
    ctx.tokens.revoke(int(token_id))
    return Response(204)


def add_webhook(ctx: Context, req: Request, project: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "admin", p)
    body = req.json()
    url = body.get("url")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")) or len(url) > 2000:
        raise BadRequest("url must be an http(s) URL")
    events = body.get("events") or ["version.created"]
    secret = body.get("secret")
    if not isinstance(secret, str) or len(secret) < 16:
        raise BadRequest("secret must be at least 16 characters")
    cur = ctx.db.execute("INSERT INTO webhooks (project_id, url, secret, events) VALUES (?, ?, ?, ?)",
                         (p.id, url, secret, ",".join(events)))
    return Response.json({"id": cur.lastrowid, "url": url, "events": events}, 201)


# ------------------------------------------------------------------ versions

def upload(ctx: Context, req: Request, project: str, artifact: str, version: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "write", p)
    artifact, version = naming.artifact(artifact), naming.version(version)
    branch = naming.branch(req.query.get("branch", "main"))
    media_type = req.headers.get("content-type", "application/octet-stream").split(";")[0].strip()
    if media_type not in ALLOWED_MEDIA_TYPES:
        raise BadRequest(f"unsupported media type {media_type}")
    if "content-length" not in req.headers:
        raise BadRequest("Content-Length is required (no chunked uploads)")
    limit = ctx.settings.max_upload_bytes
    fd, tmp = tempfile.mkstemp(dir=ctx.settings.tmp_dir, prefix="upload-")
    try:
        digest, size = ctx.blobs.receive(req.body, req.length, Path(tmp), limit)
        expected = req.headers.get("x-checksum-sha256")
        if expected and expected.strip().lower() != digest:
            raise BadRequest("checksum mismatch", expected=expected, actual=digest)
        ctx.blobs.commit(Path(tmp), digest, size)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    with ctx.db.transaction() as conn:
        quota.charge(conn, p, size, ctx.settings.default_quota_bytes)
        version_id = ctx.catalog.add_version(conn, p, artifact, version, branch, digest, size, media_type,
                                             req.principal.name)
    ctx.blobs.incref(digest)
    search.index_version(ctx.db, ctx.blobs.path_for(digest), ctx.catalog.version_by_id(version_id))
    ctx.events.publish("version.created", {"project_id": p.id, "project": p.name, "artifact": artifact,
                                           "version": version, "digest": digest, "size": size})
    return Response.json({"id": version_id, "artifact": artifact, "version": version, "digest": digest,
                          "size": size}, 201)


def _serve_blob(ctx: Context, req: Request, digest: str, size: int, media_type: str, filename: str) -> Response:
    headers = {"Content-Type": media_type, "Accept-Ranges": "bytes", "ETag": f'"{digest}"',
               "Content-Disposition": f'attachment; filename="{filename}"'}
    if req.headers.get("if-none-match", "").strip() == f'"{digest}"':
        return Response(304, None, headers)
    wanted = ranges.parse(req.headers.get("range"), size)
    if req.headers.get("if-range") and req.headers["if-range"].strip() != f'"{digest}"':
        wanted = None
    if wanted is None:
        headers["Content-Length"] = str(size)
        body = None if req.method == "HEAD" else ctx.blobs.read_range(digest, 0, size)
        return Response(200, body, headers)
    headers["Content-Range"] = wanted.content_range()
    headers["Content-Length"] = str(wanted.length)
    body = None if req.method == "HEAD" else ctx.blobs.read_range(digest, wanted.start, wanted.length)
    return Response(206, body, headers)


def download(ctx: Context, req: Request, project: str, artifact: str, version: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "read", p)
    v = ctx.catalog.version(p, naming.artifact(artifact), naming.version(version))
    return _serve_blob(ctx, req, v.digest, v.size, v.media_type, f"{v.artifact}-{v.version}")


def signed_download(ctx: Context, req: Request, project: str, artifact: str, version: str):
    q = req.query
    ctx.signer.check(req.path, q.get("expires"), q.get("sig"))
    p = ctx.catalog.project(naming.project(project))
    v = ctx.catalog.version(p, naming.artifact(artifact), naming.version(version))
    return _serve_blob(ctx, req, v.digest, v.size, v.media_type, f"{v.artifact}-{v.version}")


def make_link(ctx: Context, req: Request, project: str, artifact: str, version: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "read", p)
    v = ctx.catalog.version(p, naming.artifact(artifact), naming.version(version))
    ttl = req.query.get("ttl_s")
    ttl_s = int(ttl) if ttl and ttl.isdigit() else None
    return Response.json({"url": ctx.signer.link(p.name, v.artifact, v.version, ttl_s)}, 201)


def delete_version(ctx: Context, req: Request, project: str, artifact: str, version: str):
    require_scope(req.principal, "write")
    p = ctx.catalog.project(naming.project(project))
    v = ctx.catalog.version(p, naming.artifact(artifact), naming.version(version))
    with ctx.db.transaction() as conn:
        ctx.catalog.delete_version(conn, v)
    ctx.blobs.decref(v.digest)
    ctx.events.publish("version.deleted", {"project_id": p.id, "project": p.name, "artifact": v.artifact,
                                           "version": v.version})
    return Response(204)


def list_versions(ctx: Context, req: Request, project: str, artifact: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "read", p)
    q = req.query
    n = pagination.limit(q.get("limit"))
    branch = naming.branch(q["branch"]) if q.get("branch") else None
    items = ctx.catalog.versions(p, naming.artifact(artifact), pagination.decode(q.get("cursor")), n, branch)
    body = pagination.page([dict(v.public(), id=v.id) for v in items], n, lambda item: item["id"])
    return Response.json(body)


# ------------------------------------------------------------------ tags

def set_tag(ctx: Context, req: Request, project: str, artifact: str, tag: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "write", p)
    artifact, tag = naming.artifact(artifact), naming.tag(tag)
    body = req.json()
    v = ctx.catalog.version(p, artifact, naming.version(body.get("version")))
    ctx.catalog.set_tag(p, artifact, tag, v)
    ctx.events.publish("tag.moved", {"project_id": p.id, "project": p.name, "artifact": artifact, "tag": tag,
                                     "version": v.version})
    return Response.json({"tag": tag, "version": v.version})


def resolve_tag(ctx: Context, req: Request, project: str, artifact: str, tag: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "read", p)
    v = ctx.catalog.resolve_tag(p, naming.artifact(artifact), naming.tag(tag))
    return Response.json(v.public())


# ------------------------------------------------------------------ archive contents

def _archive(ctx: Context, req: Request, project: str, artifact: str, version: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "read", p)
    v = ctx.catalog.version(p, naming.artifact(artifact), naming.version(version))
    kind = manifest.kind_of(v.media_type, v.artifact)
    if kind is None:
        raise BadRequest("this artifact is not an archive")
    return v, kind


def list_files(ctx: Context, req: Request, project: str, artifact: str, version: str):
    v, kind = _archive(ctx, req, project, artifact, version)
    entries = manifest.list_entries(ctx.blobs.path_for(v.digest), kind)
    return Response.json({"items": [{"name": e.name, "size": e.size, "dir": e.is_dir} for e in entries]})


def preview_file(ctx: Context, req: Request, project: str, artifact: str, version: str, member: str):
    v, kind = _archive(ctx, req, project, artifact, version)
    data = manifest.preview(ctx.blobs.path_for(v.digest), kind, member, ctx.settings.preview_dir / v.digest,
                            ctx.settings.preview_max_bytes)
    return Response(200, data, {"Content-Type": "application/octet-stream", "Content-Length": str(len(data)),
                                "X-Content-Type-Options": "nosniff"})


def promote_version(ctx: Context, req: Request, project: str, artifact: str, version: str):
    body = req.json()
    target = body.get("to")
    if not isinstance(target, str):
        raise BadRequest("'to' must name the target project")
    result = promotion.promote(ctx.db, ctx.catalog, ctx.blobs, req.principal, project, artifact, version, target,
                               ctx.settings.default_quota_bytes, body.get("version"))
    t = result.target
    ctx.events.publish("version.created", {"project_id": t.project_id, "project": target, "artifact": t.artifact,
                                           "version": t.version, "digest": t.digest, "size": t.size,
                                           "promoted_from": project})
    return Response.json(t.public(), 201)


def search_files(ctx: Context, req: Request, project: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "read", p)
    q = req.query
    return Response.json({"items": search.search(ctx.db, ctx.catalog, p, q.get("q"), pagination.limit(q.get("limit")))})


# ------------------------------------------------------------------ usage and retention

def usage(ctx: Context, req: Request, project: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "read", p)
    with ctx.db.transaction() as conn:
        return Response.json(quota.usage(conn, p, ctx.settings.default_quota_bytes))


def run_retention(ctx: Context, req: Request, project: str):
    p = ctx.catalog.project(naming.project(project))
    require(req.principal, "admin", p)
    dry = req.query.get("dry_run", "") in ("1", "true")
    keep = p.keep_versions or ctx.settings.default_keep_versions
    report = retention.apply(ctx.db, ctx.catalog, ctx.blobs, p, keep, dry_run=dry)
    if not dry:
        ctx.events.publish("retention.ran", {"project_id": p.id, "project": p.name, "deleted": len(report.deleted)})
    return Response.json({"kept": report.kept, "deleted": report.deleted, "freed_bytes": report.freed_bytes,
                          "dry_run": dry})


def health(ctx: Context, req: Request):
    ctx.db.one("SELECT 1 AS ok")
    return Response.json({"ok": True})


def routes() -> Router:
    r = Router()
    r.add("GET", "/health", health, needs_token=False)
    r.add("GET", "/dl/{project}/{artifact}/{version}", signed_download, needs_token=False)
    r.add("POST", "/api/projects", create_project)
    r.add("GET", "/api/projects", list_projects)
    r.add("POST", "/api/tokens", create_token)
    r.add("DELETE", "/api/tokens/{token_id}", revoke_token)
    r.add("POST", "/api/p/{project}/webhooks", add_webhook)
    r.add("GET", "/api/p/{project}/usage", usage)
    r.add("GET", "/api/p/{project}/search", search_files)
    r.add("POST", "/api/p/{project}/retention", run_retention)
    r.add("GET", "/api/p/{project}/{artifact}", list_versions)
    r.add("PUT", "/api/p/{project}/{artifact}/tags/{tag}", set_tag)
    r.add("GET", "/api/p/{project}/{artifact}/tags/{tag}", resolve_tag)
    r.add("PUT", "/api/p/{project}/{artifact}/{version}", upload)
    r.add("GET", "/api/p/{project}/{artifact}/{version}", download)
    r.add("DELETE", "/api/p/{project}/{artifact}/{version}", delete_version)
    r.add("POST", "/api/p/{project}/{artifact}/{version}/link", make_link)
    r.add("POST", "/api/p/{project}/{artifact}/{version}/promote", promote_version)
    r.add("GET", "/api/p/{project}/{artifact}/{version}/files", list_files)
    r.add("GET", "/api/p/{project}/{artifact}/{version}/files/{member:path}", preview_file)
    return r
