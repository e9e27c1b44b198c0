"""HTTP front end: routing, authentication, JSON in/out, error mapping."""
import json
import logging
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from .auth import AuthError, account_from_header
from .config import load_settings
from .db import Database
from .handlers import BadRequest, Handlers

log = logging.getLogger("invoicesvc.server")

MAX_BODY = 64 * 1024
_INVOICE = re.compile(r"^/invoices/(\d+)$")


def make_handler(handlers: Handlers, signing_key: str):
    class RequestHandler(BaseHTTPRequestHandler):
        def do_GET(self):
            self._serve("GET")

        def do_POST(self):
            self._serve("POST")

        def do_DELETE(self):
            self._serve("DELETE")

        def _serve(self, method: str):
            url = urlsplit(self.path)
            try:
                account = account_from_header(self.headers.get("Authorization"), signing_key)
                status, body = self._route(method, url.path, dict(parse_qsl(url.query)), account)
            except AuthError as e:
                status, body = 401, {"error": str(e)}
            except BadRequest as e:
                status, body = 400, {"error": str(e)}
            except Exception:
                log.exception("unhandled error on %s %s", method, url.path)
                status, body = 500, {"error": "internal error"}
            self._reply(status, body)

        def _route(self, method, path, query, account):
            m = _INVOICE.match(path)
            if method == "GET" and path == "/invoices":
                return handlers.list_invoices(account, query)
            if method == "GET" and path == "/invoices/search":
                return handlers.search(account, query)
            if method == "GET" and m:
                return handlers.get_invoice(account, int(m.group(1)))
            if method == "DELETE" and m:
                return handlers.delete_invoice(account, int(m.group(1)))
            if method == "POST" and path == "/invoices":
                return handlers.create_invoice(account, self._json_body())
            if method == "POST" and path == "/credit/redeem":
                return handlers.redeem(account, self._json_body())
            if method == "POST" and path == "/export":
                return handlers.export(account, self._json_body())
            return 404, {"error": "not found"}

        def _json_body(self) -> dict:
            length = int(self.headers.get("Content-Length") or 0)
            if length > MAX_BODY:
                raise BadRequest("body too large")
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
            except ValueError:
                raise BadRequest("body is not JSON")
            if not isinstance(body, dict):
                raise BadRequest("body must be a JSON object")
            return body

        def _reply(self, status: int, body: dict):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, fmt, *args):  # route access logs through logging, not stderr
            log.info("%s %s", self.address_string(), fmt % args)

    return RequestHandler


def main():
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    settings = load_settings()
    handlers = Handlers(Database(settings.db_path), settings)
    server = ThreadingHTTPServer((settings.host, settings.port), make_handler(handlers, settings.signing_key))
    log.info("listening on %s:%s", settings.host, settings.port)
    server.serve_forever()


if __name__ == "__main__":
    main()
