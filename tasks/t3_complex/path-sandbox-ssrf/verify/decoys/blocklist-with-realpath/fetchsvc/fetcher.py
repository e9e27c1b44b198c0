"""Fetching remote files for the import-from-URL feature."""
import logging
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urljoin

from .policy import PolicyViolation, allow_url

log = logging.getLogger(__name__)

REDIRECT_STATUSES = {301, 302, 303, 307, 308}


@dataclass
class Response:
    status: int
    headers: dict = field(default_factory=dict)
    body: bytes = b""


class TooManyRedirects(Exception):
    """The redirect chain was longer than max_redirects."""


class Fetcher:
    """Fetches a URL, following redirects itself so that every hop is visible to it.

    transport(url) -> Response performs exactly one GET and never follows redirects;
    resolver(host) -> [ip, ...] resolves host names (see policy.allow_url).
    """

    def __init__(self, transport, resolver, max_redirects: int = 5):
        self.transport = transport
        self.resolver = resolver
        self.max_redirects = max_redirects

    def fetch(self, url: str) -> Response:
        if not allow_url(url, self.resolver):
            raise PolicyViolation(f"import from {url} is not allowed")
        for _ in range(self.max_redirects + 1):
            self.before_request(url)
            response = self.transport(url)
            location = response.headers.get("Location")
            if response.status not in REDIRECT_STATUSES or not location:
                return response
            url = urljoin(url, location)
        raise TooManyRedirects(f"more than {self.max_redirects} redirects")

    def before_request(self, url: str):
        """Hook run before every request this fetcher makes: the first one and each redirect hop."""
        if not allow_url(url, self.resolver):
            raise PolicyViolation(f"import from {url} is not allowed")
        log.debug("import: GET %s", url)


def dns_resolver(host: str) -> list:
    """The production resolver: every address the system resolver returns for host."""
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None)})


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the Fetcher follows redirects itself


def urllib_transport(url: str, timeout: float = 10.0) -> Response:
    """The production transport: one GET with urllib, redirects returned rather than followed."""
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(url, timeout=timeout) as resp:
            return Response(resp.status, dict(resp.headers), resp.read())
    except urllib.error.HTTPError as e:
        return Response(e.code, dict(e.headers or {}), e.read() if e.fp else b"")
