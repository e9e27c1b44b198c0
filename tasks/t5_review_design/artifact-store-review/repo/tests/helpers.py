"""A depot Context in a temporary folder, and a way to call handlers without HTTP."""
import io
import json
import tempfile
from pathlib import Path

from depot.handlers import Request, routes
from depot.server import build_context
from depot.settings import Settings

KEY = "k" * 40


class Harness:
    def __init__(self, **overrides):
        self._tmp = tempfile.TemporaryDirectory()
        self.settings = Settings(data_dir=self._tmp.name, signing_key=KEY, **overrides)
        self.ctx = build_context(self.settings)
        self.router = routes()
        self.admin = self.ctx.tokens.create("ops", ["admin"], None)

    def close(self):
        self.ctx.db.close()
        self._tmp.cleanup()

    def call(self, method, target, token=None, body=b"", headers=None):
        if isinstance(body, (dict, list)):
            body = json.dumps(body).encode()
        h = {k.lower(): v for k, v in (headers or {}).items()}
        h["content-length"] = str(len(body))
        req = Request(method, target, h, io.BytesIO(body), len(body), "127.0.0.1")
        route, params = self.router.match(method, req.path)
        if route.needs_token:
            req.principal = self.ctx.tokens.authenticate(f"Bearer {token}" if token else None)
        resp = route.handler(self.ctx, req, **params)
        data = resp.body
        if data is not None and not isinstance(data, (bytes, bytearray)):
            data = b"".join(data)
        return resp.status, data, resp.headers

    def project(self, name, **kw):
        status, body, _ = self.call("POST", "/api/projects", self.admin, dict(name=name, **kw))
        assert status == 201, body
        return name

    def token(self, project, scopes=("read", "write")):
        p = self.ctx.catalog.project(project) if project else None
        return self.ctx.tokens.create(f"t-{project}", list(scopes), p)

    def upload(self, token, project, artifact, version, data, branch="main", media_type="application/octet-stream"):
        return self.call("PUT", f"/api/p/{project}/{artifact}/{version}?branch={branch}", token, data,
                         {"Content-Type": media_type})


def path(p) -> Path:
    return Path(p)
