"""A small client for CI jobs and deploy agents: upload, download with resume, tags, links.

    c = Client("https://depot.internal", token=os.environ["DEPOT_TOKEN"])
    c.upload("web-app", "app.tar.gz", "1.4.0", "build/app.tar.gz", branch="main")
    c.download("web-app", "app.tar.gz", "1.4.0", "/srv/releases/app.tar.gz")   # resumes, checks SHA-256

Retries: connection errors, 429 and 5xx are retried with exponential backoff; a 429's Retry-After is
honoured. Uploads are retried only when the server never answered, or answered 429/5xx — a 409 means
the version already exists and is returned as an error, since versions are immutable.
"""
import hashlib
import http.client
import json
import os
import time
from pathlib import Path
from typing import Optional
from urllib.parse import quote, urlsplit

RETRY_STATUSES = {429, 500, 502, 503, 504}
CHUNK = 1024 * 1024


class ClientError(Exception):
    def __init__(self, status: Optional[int], message: str):
        super().__init__(f"{status}: {message}" if status else message)
        self.status = status


class Client:
    def __init__(self, base_url: str, token: str, timeout: float = 60.0, attempts: int = 4, sleep=time.sleep):
        u = urlsplit(base_url)
        if u.scheme not in ("http", "https") or not u.hostname:
            raise ValueError(f"not an http(s) URL: {base_url}")
        self.scheme, self.host, self.port = u.scheme, u.hostname, u.port
        self.prefix = u.path.rstrip("/")
        self.token, self.timeout, self.attempts, self._sleep = token, timeout, attempts, sleep

    def _connection(self):
        cls = http.client.HTTPSConnection if self.scheme == "https" else http.client.HTTPConnection
        return cls(self.host, self.port, timeout=self.timeout)

    def _request(self, method: str, path: str, body=None, headers=None, stream_to=None, offset: int = 0):
        """Sends with retries; returns (status, headers, body bytes or bytes written to stream_to)."""
        delay = 1.0
        for attempt in range(1, self.attempts + 1):
            h = {"Authorization": "Bearer " + self.token}
            h.update(headers or {})
            conn = self._connection()
            try:
                if hasattr(body, "seek"):
                    body.seek(offset)
                conn.request(method, self.prefix + path, body=body, headers=h)
                resp = conn.getresponse()
                if resp.status in RETRY_STATUSES and attempt < self.attempts:
                    retry_after = resp.getheader("Retry-After")
                    resp.read()
                    wait = float(retry_after) if retry_after and retry_after.isdigit() else delay
                    self._sleep(min(wait, 60.0))
                    delay *= 2
                    continue
                if stream_to is not None and resp.status in (200, 206):
                    written = 0
                    while True:
                        chunk = resp.read(CHUNK)
                        if not chunk:
                            break
                        stream_to.write(chunk)
                        written += len(chunk)
                    return resp.status, dict(resp.getheaders()), written
                return resp.status, dict(resp.getheaders()), resp.read()
            except (OSError, http.client.HTTPException) as e:
                if attempt == self.attempts:
                    raise ClientError(None, f"{method} {path}: {e}") from e
                self._sleep(delay)
                delay *= 2
            finally:
                conn.close()
        raise ClientError(None, f"{method} {path}: out of attempts")

    @staticmethod
    def _path(project, artifact, version=None) -> str:
        p = f"/api/p/{quote(project, safe='')}/{quote(artifact, safe='')}"
        return p + (f"/{quote(version, safe='')}" if version is not None else "")

    def upload(self, project: str, artifact: str, version: str, file_path, branch: str = "main",
               media_type: str = "application/octet-stream") -> dict:
        file_path = Path(file_path)
        digest = _sha256(file_path)
        with open(file_path, "rb") as fh:
            status, _, body = self._request(
                "PUT", self._path(project, artifact, version) + f"?branch={quote(branch, safe='')}", body=fh,
                headers={"Content-Type": media_type, "Content-Length": str(file_path.stat().st_size),
                         "X-Checksum-Sha256": digest})
        if status != 201:
            raise ClientError(status, _message(body))
        return json.loads(body)

    def info(self, project: str, artifact: str, tag: str) -> dict:
        status, _, body = self._request("GET", self._path(project, artifact) + f"/tags/{quote(tag, safe='')}")
        if status != 200:
            raise ClientError(status, _message(body))
        return json.loads(body)

    def download(self, project: str, artifact: str, version: str, dest, expected_digest: str = None) -> Path:
        """Downloads to `dest`, resuming from `dest + '.part'` if an earlier attempt stopped midway."""
        dest = Path(dest)
        part = dest.with_name(dest.name + ".part")
        have = part.stat().st_size if part.exists() else 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        with open(part, "ab") as out:
            status, resp_headers, _ = self._request("GET", self._path(project, artifact, version), headers=headers,
                                                    stream_to=out)
        if status == 200 and have:
            # The server ignored the range: what we appended is the whole file after the old part.
            data = part.read_bytes()[have:]
            part.write_bytes(data)
        elif status == 416:
            pass                          # we already had every byte
        elif status not in (200, 206):
            raise ClientError(status, "download failed")
        want = expected_digest or resp_headers.get("ETag", "").strip('"') or None
        if want and _sha256(part) != want:
            part.unlink()
            raise ClientError(None, f"checksum mismatch for {artifact} {version}; partial file removed")
        os.replace(part, dest)
        return dest

    def tag(self, project: str, artifact: str, tag: str, version: str):
        status, _, body = self._request("PUT", self._path(project, artifact) + f"/tags/{quote(tag, safe='')}",
                                        body=json.dumps({"version": version}).encode(),
                                        headers={"Content-Type": "application/json"})
        if status != 200:
            raise ClientError(status, _message(body))

    def link(self, project: str, artifact: str, version: str, ttl_s: int = 3600) -> str:
        status, _, body = self._request("POST", self._path(project, artifact, version) + f"/link?ttl_s={int(ttl_s)}")
        if status != 201:
            raise ClientError(status, _message(body))
        return json.loads(body)["url"]


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK), b""):
            h.update(chunk)
    return h.hexdigest()


def _message(body: bytes) -> str:
    try:
        return json.loads(body).get("message", "")
    except (ValueError, AttributeError):
        return body[:200].decode("utf-8", "replace")
