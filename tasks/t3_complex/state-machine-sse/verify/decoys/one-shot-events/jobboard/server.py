"""The JSON HTTP API of the job board (see README.md), on the standard library's threading HTTP server."""
import argparse
import json
import re
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .board import IllegalTransition, JobBoard, RetryLimitExceeded, UnknownJob

ACTIONS = ("start", "succeed", "fail", "cancel", "confirm_cancel", "retry")
_ACTION_PATH = re.compile(r"^/jobs/([^/]+)/([a-z_]+)$")
_JOB_PATH = re.compile(r"^/jobs/([^/]+)$")
KEEPALIVE_S = 15  # a comment line this often keeps proxies from closing an idle stream


class Handler(BaseHTTPRequestHandler):
    server_version = "jobboard/0.3"

    @property
    def board(self) -> JobBoard:
        return self.server.board

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/jobs":
            return self._json(200, [j.to_dict() for j in self.board.jobs()])
        if path == "/events":
            return self._stream_events()
        m = _JOB_PATH.match(path)
        if m:
            try:
                return self._json(200, self.board.get(m.group(1)).to_dict())
            except UnknownJob:
                return self._json(404, {"error": "unknown_job"})
        return self._json(404, {"error": "not_found"})

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        if path == "/jobs":
            return self._create()
        m = _ACTION_PATH.match(path)
        if not m:
            return self._json(404, {"error": "not_found"})
        job_id, action = m.groups()
        if action not in ACTIONS:
            return self._json(400, {"error": "unknown_action"})
        try:
            job = getattr(self.board, action)(job_id)
        except UnknownJob:
            return self._json(404, {"error": "unknown_job"})
        except IllegalTransition as e:
            error = "retry_limit_exceeded" if isinstance(e, RetryLimitExceeded) else "illegal_transition"
            return self._json(409, {"error": error, "state": e.state, "action": e.action})
        return self._json(200, job.to_dict())

    def _stream_events(self):
        """Server-sent events: everything after Last-Event-ID; the EventSource reconnects for more."""
        try:
            last_id = max(0, int(self.headers.get("Last-Event-ID", "").strip()))
        except ValueError:
            last_id = 0
        body = "".join(f"id: {e['id']}\nevent: transition\ndata: "
                       f"{json.dumps({k: e[k] for k in ('job', 'from', 'to', 'attempt')})}\n\n"
                       for e in self.board.events_after(last_id))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        self.wfile.write(body.encode())

    def _create(self):
        try:
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length) or b"{}")
            job = self.board.create(body.get("id"), body.get("max_retries", 2))
        except (ValueError, AttributeError) as e:
            status = 409 if "already exists" in str(e) else 400
            return self._json(status, {"error": str(e)})
        return self._json(201, job.to_dict())

    def _json(self, status: int, payload):
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        pass  # the workers poll a lot; access logs go to the proxy in front of us


def make_server(board: JobBoard, host: str = "127.0.0.1", port: int = 8080) -> ThreadingHTTPServer:
    """An HTTP server for the board; port 0 picks a free port (see server.server_address)."""
    server = ThreadingHTTPServer((host, port), Handler)
    server.daemon_threads = True
    server.board = board
    return server


def main():
    parser = argparse.ArgumentParser(description="Run the job board API.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8080)
    args = parser.parse_args()
    server = make_server(JobBoard(), args.host, args.port)
    print(f"jobboard listening on http://{args.host}:{server.server_address[1]}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
