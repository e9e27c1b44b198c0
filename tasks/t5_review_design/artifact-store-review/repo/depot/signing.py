"""Signed download links: a URL anyone may use, without a token, until it expires.

    /dl/<project>/<artifact>/<version>?expires=<unix seconds>&sig=<hex>

The signature is HMAC-SHA256 under the server's signing key. Links are handed to deploy jobs and
customers that have no token, so a link must not be usable after its expiry, and must not be
re-targeted to another artifact.
"""
import hashlib
import hmac
import time
from urllib.parse import quote

from .errors import Forbidden


class Signer:
    def __init__(self, key: str, ttl_s: int, clock=time.time):
        if len(key) < 32:
            raise ValueError("signing key must be at least 32 characters")
        self._key = key.encode("utf-8")
        self.ttl_s = ttl_s
        self.clock = clock

    def _mac(self, path: str) -> str:
        return hmac.new(self._key, path.encode("utf-8"), hashlib.sha256).hexdigest()

    def link(self, project: str, artifact: str, version: str, ttl_s: int = None) -> str:
        ttl = self.ttl_s if ttl_s is None else min(ttl_s, self.ttl_s)
        path = f"/dl/{quote(project)}/{quote(artifact)}/{quote(version)}"
        expires = int(self.clock()) + ttl
        return f"{path}?expires={expires}&sig={self._mac(path)}"

    def check(self, path: str, expires: str, sig: str):
        """Raises Forbidden unless the link is authentic and not expired."""
        try:
            deadline = int(expires)
        except (TypeError, ValueError):
            raise Forbidden("malformed link") from None
        if not isinstance(sig, str) or not hmac.compare_digest(self._mac(path), sig):
            raise Forbidden("bad signature")
        if deadline < self.clock():
            raise Forbidden("link expired")
