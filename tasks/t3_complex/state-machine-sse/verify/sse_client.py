"""HTTP and server-sent-events clients the grader uses against the submitted server, from its own process.

The server is reached through a Unix socket relayed to it (see serve.py); everything here reads raw bytes and
parses them strictly, so what the checks judge is what went over the wire.
"""
import json
import os
import socket
import time


class Endpoint:
    """A relayed server: connect() opens a fresh connection to it."""

    def __init__(self, folder, name):
        # /proc/self/fd/<dir fd>/<name> keeps the socket address short whatever the folder's path is.
        self.dir_fd = os.open(folder, os.O_RDONLY)
        self.path = f"/proc/self/fd/{self.dir_fd}/{name}.sock"

    def connect(self, timeout=4.0):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(timeout)
        s.connect(self.path)
        return s

    def close(self):
        os.close(self.dir_fd)


def request_bytes(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else b""
    return (f"{method} {path} HTTP/1.1\r\nHost: jobboard\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n").encode() + data


def read_response(sock, deadline):
    """(status, JSON body or {"_raw": ...}) of one response; (0, {...}) when none arrived in time."""
    raw = b""
    while True:
        head_end = raw.find(b"\r\n\r\n")
        if head_end >= 0:
            head = raw[:head_end].decode("latin-1")
            length = None
            for line in head.split("\r\n")[1:]:
                k, _, v = line.partition(":")
                if k.strip().lower() == "content-length" and v.strip().isdigit():
                    length = int(v.strip())
            body = raw[head_end + 4:]
            if length is not None and len(body) >= length:
                break
        left = deadline - time.monotonic()
        if left <= 0:
            break
        sock.settimeout(left)
        try:
            chunk = sock.recv(65536)
        except (socket.timeout, OSError):
            break
        if not chunk:
            break
        raw += chunk
        if len(raw) > 1_000_000:
            break
    head, _, body = raw.partition(b"\r\n\r\n")
    parts = head.split(b" ", 2)
    status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    try:
        return status, json.loads(body)
    except ValueError:
        return status, {"_raw": body[:80].decode("utf-8", "replace")}


def call(endpoint, method, path, body=None, timeout=4.0):
    try:
        with endpoint.connect(timeout) as s:
            s.sendall(request_bytes(method, path, body))
            return read_response(s, time.monotonic() + timeout)
    except OSError as e:
        return 0, {"_error": str(e)[:80]}


class Held:
    """A request sent all but its last byte: release() sends it, so many requests arrive at once."""

    def __init__(self, endpoint, method, path, body=None):
        self.data = request_bytes(method, path, body)
        self.sock = endpoint.connect(6.0)
        self.sock.sendall(self.data[:-1])

    def release(self):
        self.sock.sendall(self.data[-1:])

    def response(self, deadline):
        try:
            return read_response(self.sock, deadline)
        finally:
            self.sock.close()


class Stream:
    """A raw SSE client: keeps the wire text and parses it strictly, block by block.

    A plain socket (not http.client) because a read that times out must leave the stream usable: a check
    waits for "nothing arrives", then for the next event on the same connection.
    """

    def __init__(self, endpoint, last_event_id=None, timeout=4.0):
        self.sock = endpoint.connect(timeout)
        extra = f"Last-Event-ID: {last_event_id}\r\n" if last_event_id is not None else ""
        self.sock.sendall((f"GET /events HTTP/1.1\r\nHost: jobboard\r\nAccept: text/event-stream\r\n"
                           f"Cache-Control: no-cache\r\n{extra}\r\n").encode())
        self.raw = b""
        self.body = b""
        self.eof = False
        self.chunk_left = 0
        self.chunk_crlf = False
        self.blocks = []      # each: list of (field, value)
        self.problems = []    # wire-format violations
        self.wire = []
        self._current = []
        self.status, self.headers = self._read_head(time.monotonic() + timeout)
        self.chunked = "chunked" in self.headers.get("transfer-encoding", "").lower()
        self._decode()

    def _recv(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0 or self.eof:
            return False
        self.sock.settimeout(left)
        try:
            data = self.sock.recv(65536)
        except (socket.timeout, TimeoutError):
            return False
        except OSError:
            data = b""
        if not data or len(self.raw) + len(self.body) > 4_000_000:
            self.eof = True
            return False
        self.raw += data
        return True

    def _read_head(self, deadline):
        while b"\r\n\r\n" not in self.raw:
            if not self._recv(deadline):
                return 0, {}
        head, self.raw = self.raw.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        parts = lines[0].split(" ", 2)
        status = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
        headers = {}
        for line in lines[1:]:
            k, _, v = line.partition(":")
            headers[k.strip().lower()] = v.strip()
        return status, headers

    def _decode(self):
        if not getattr(self, "chunked", False):
            self.body += self.raw
            self.raw = b""
            return
        while True:
            if self.chunk_crlf:
                if len(self.raw) < 2:
                    return
                self.raw = self.raw[2:]
                self.chunk_crlf = False
            if self.chunk_left == 0:
                if b"\r\n" not in self.raw:
                    return
                size_line, self.raw = self.raw.split(b"\r\n", 1)
                try:
                    size = int(size_line.split(b";")[0].strip() or b"0", 16)
                except ValueError:
                    self.problems.append(f"bad chunk size {size_line[:20]!r}")
                    self.eof = True
                    return
                if size == 0:
                    self.eof = True
                    return
                self.chunk_left = size
            take = self.raw[:self.chunk_left]
            if not take:
                return
            self.body += take
            self.raw = self.raw[len(take):]
            self.chunk_left -= len(take)
            if self.chunk_left == 0:
                self.chunk_crlf = True

    def _readline(self, deadline):
        while b"\n" not in self.body:
            if not self._recv(deadline):
                return None
            self._decode()
        line, self.body = self.body.split(b"\n", 1)
        return line + b"\n"

    def read(self, count, seconds):
        """Reads until `count` events (blocks) arrived or `seconds` passed; returns the events so far."""
        deadline = time.monotonic() + seconds
        while len(self.events()) < count and self.status == 200:
            line = self._readline(deadline)
            if line is None:
                break
            self._feed(line.decode("utf-8", "replace"))
        return self.events()

    def _feed(self, line):
        self.wire.append(line)
        text = line.rstrip("\n").rstrip("\r")
        if text == "":
            if self._current:
                self.blocks.append(self._current)
                self._current = []
            return
        if text.startswith(":"):
            return  # comment / keep-alive
        field, sep, value = text.partition(":")
        if not sep:
            self.problems.append(f"line without a colon: {text[:40]!r}")
        value = value[1:] if value.startswith(" ") else value
        self._current.append((field, value))

    def events(self):
        out = []
        for block in self.blocks:
            fields = [f for f, _ in block]
            if fields == ["retry"]:
                continue
            ev = {"_fields": fields}
            for f, v in block:
                ev.setdefault(f, v)
            try:
                ev["_data"] = json.loads(ev.get("data", ""))
            except ValueError:
                ev["_data"] = None
            try:
                ev["_id"] = int(ev["id"]) if "id" in ev else None
            except ValueError:
                ev["_id"] = None
            out.append(ev)
        return out

    def close(self):
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.sock.close()
