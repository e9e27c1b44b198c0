"""HTTP front of the API.

    python3 -m helpdesk.server --db helpdesk.sqlite3 --secret-file secret.key
        [--listen 127.0.0.1:8080 | --listen unix:/run/helpdesk.sock] [--fixture demo.json]
        [--outbox DIR] [--password-iterations N]

In production nginx talks to the unix socket. `--fixture` seeds an empty database; `--outbox` writes
outgoing mail as JSON files instead of relaying it (development and QA).
"""
import argparse
import os
import socketserver
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from . import passwords
from .app import MAX_BODY, App
from .db import Database
from .mail import Outbox
from .seed import load_file


class Handler(BaseHTTPRequestHandler):
    server_version = "helpdesk"
    protocol_version = "HTTP/1.1"
    app: App = None  # set by make_server

    def address_string(self):
        return self.client_address[0] if isinstance(self.client_address, tuple) else "unix"

    def log_message(self, fmt, *args):
        if os.environ.get("HELPDESK_ACCESS_LOG"):
            super().log_message(fmt, *args)

    def _serve(self):
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            self._reply(413 if length > MAX_BODY else 400, b'{"error": "bad_length"}')
            self.close_connection = True
            return
        body = self.rfile.read(length) if length else b""
        response = self.app.handle(self.command, self.path, dict(self.headers.items()), body)
        self._reply(response.status, response.encode(), response.headers)

    def _reply(self, status: int, payload: bytes, headers: dict = None):
        self.send_response(status)
        if payload:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = _serve


class UnixThreadingHTTPServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, path, handler):
        if os.path.exists(path):
            os.unlink(path)
        super().__init__(path, handler)


def make_server(app: App, listen: str):
    handler = type("BoundHandler", (Handler,), {"app": app})
    if listen.startswith("unix:"):
        return UnixThreadingHTTPServer(listen[len("unix:"):], handler)
    host, _, port = listen.rpartition(":")
    server = ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler)
    server.daemon_threads = True
    return server


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="helpdesk.server")
    ap.add_argument("--db", required=True)
    ap.add_argument("--secret-file", required=True)
    ap.add_argument("--listen", default="127.0.0.1:8080")
    ap.add_argument("--fixture")
    ap.add_argument("--outbox")
    ap.add_argument("--password-iterations", type=int, default=passwords.DEFAULT_ITERATIONS)
    args = ap.parse_args(argv)
    secret = Path(args.secret_file).read_bytes().strip()
    if len(secret) < 16:
        print("helpdesk: the secret must be at least 16 bytes", file=sys.stderr)
        return 2
    fresh = not os.path.exists(args.db)
    app = App(Database(args.db), secret, Outbox(args.outbox), password_iterations=args.password_iterations)
    if args.fixture and fresh:
        load_file(app, args.fixture)
    server = make_server(app, args.listen)
    print(f"helpdesk listening on {args.listen}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
