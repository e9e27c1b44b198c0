"""The HTTP server: http.server with one thread per connection, around the handlers of handlers.py."""
import ipaddress
import json
import logging
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .blobs import BlobStore
from .catalog import Catalog
from .db import Database
from .errors import BadRequest, DepotError, Unauthorized
from .events import EventBus
from .handlers import Context, Request, Response, routes
from .ratelimit import RateLimiter
from .settings import Settings
from .signing import Signer
from .tokens import TokenStore
from .webhooks import Dispatcher

log = logging.getLogger("depot.server")
access = logging.getLogger("depot.access")


def build_context(settings: Settings) -> Context:
    db = Database(settings.db_path)
    return Context(settings=settings, db=db, catalog=Catalog(db),
                   blobs=BlobStore(db, settings.blob_dir, settings.tmp_dir), tokens=TokenStore(db),
                   signer=Signer(settings.signing_key, settings.signed_url_ttl_s), events=EventBus())


class _BoundedReader:
    """Lets a handler read at most the declared Content-Length from the socket."""

    def __init__(self, raw, length: int):
        self.raw, self.left = raw, length

    def read(self, n: int = -1) -> bytes:
        if self.left <= 0:
            return b""
        n = self.left if n is None or n < 0 else min(n, self.left)
        data = self.raw.read(n)
        self.left -= len(data)
        return data


class DepotHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "depot"
    ctx: Context = None
    router = None
    limiter: RateLimiter = None

    def log_message(self, fmt, *args):
        log.debug(fmt, *args)

    def client_ip(self) -> str:
        peer = self.client_address[0]
        forwarded = self.headers.get("X-Forwarded-For")
        if forwarded and peer in self.ctx.settings.trusted_proxies:
            candidate = forwarded.split(",")[-1].strip()
            try:
                return str(ipaddress.ip_address(candidate))
            except ValueError:
                return peer
        return peer

    def handle_one(self):
        started = time.monotonic()
        status, sent = 500, 0
        response = None
        try:
            length = self.headers.get("Content-Length")
            try:
                length = int(length) if length is not None else 0
            except ValueError:
                raise BadRequest("bad Content-Length") from None
            if length < 0:
                raise BadRequest("bad Content-Length")
            headers = {k.lower(): v for k, v in self.headers.items()}
            req = Request(self.command, self.path, headers, _BoundedReader(self.rfile, length), length, self.client_ip())
            route, params = self.router.match(self.command, req.path)
            self.limiter.take(req.client)
            if route.needs_token:
                req.principal = self.ctx.tokens.authenticate(headers.get("authorization"))
            response = route.handler(self.ctx, req, **params)
            left = req.body.left if req.body else 0
            if left:
                # The handler did not read the whole body: the connection cannot be reused safely.
                self.close_connection = True
        except DepotError as e:
            response = Response.json(e.body(), e.status)
            if isinstance(e, Unauthorized):
                response.headers["WWW-Authenticate"] = 'Bearer realm="depot"'
            retry = e.details.get("retry_after") if e.details else None
            if retry is not None:
                response.headers["Retry-After"] = str(max(1, int(retry + 0.999)))
            self.close_connection = True
        except Exception:
            log.exception("unhandled error on %s %s", self.command, self.path)
            response = Response.json({"error": "internal", "message": "internal error"}, 500)
            self.close_connection = True
        try:
            status = response.status
            sent = self._send(response)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
        finally:
            close = getattr(response.body, "close", None)
            if callable(close):
                close()
            access.info("%s %s %s %d %d %.1fms", self.client_address[0], self.command, self.path, status, sent,
                        (time.monotonic() - started) * 1000)

    def _send(self, response: Response) -> int:
        self.send_response(response.status)
        body = response.body
        if isinstance(body, (bytes, bytearray)) and "Content-Length" not in response.headers:
            response.headers["Content-Length"] = str(len(body))
        if body is None and "Content-Length" not in response.headers:
            response.headers["Content-Length"] = "0"
        for k, v in response.headers.items():
            self.send_header(k, v)
        self.end_headers()
        if body is None or self.command == "HEAD":
            return 0
        if isinstance(body, (bytes, bytearray)):
            self.wfile.write(body)
            return len(body)
        sent = 0
        for chunk in body:
            self.wfile.write(chunk)
            sent += len(chunk)
        return sent

    do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = handle_one


def make_server(ctx: Context, host: str, port: int) -> ThreadingHTTPServer:
    handler = type("BoundDepotHandler", (DepotHandler,), {
        "ctx": ctx, "router": routes(),
        "limiter": RateLimiter(ctx.settings.rate_limit_per_s, ctx.settings.rate_limit_burst)})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def serve(settings: Settings) -> int:
    settings.validate()
    ctx = build_context(settings)
    dispatcher = Dispatcher(ctx.db, settings.webhook_timeout_s, settings.webhook_max_attempts)
    ctx.events.subscribe("*", dispatcher.on_event)
    dispatcher.start()
    host, _, port = settings.listen.rpartition(":")
    server = make_server(ctx, host or "127.0.0.1", int(port))
    print(json.dumps({"listening": settings.listen}), file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        dispatcher.stop()
        ctx.db.close()
    return 0
