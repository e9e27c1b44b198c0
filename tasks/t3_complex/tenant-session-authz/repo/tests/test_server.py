import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost", timeout=5)
        self.unix_path = path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(5)
        self.sock.connect(self.unix_path)


class ServerTest(unittest.TestCase):
    def test_serves_the_api_on_a_unix_socket(self):
        with tempfile.TemporaryDirectory() as tmp:
            secret = Path(tmp) / "secret.key"
            secret.write_text("server-test-secret-0123456789")
            sock = os.path.join(tmp, "api.sock")
            proc = subprocess.Popen([sys.executable, "-m", "helpdesk.server", "--db", os.path.join(tmp, "db.sqlite3"),
                                     "--secret-file", str(secret), "--listen", "unix:" + sock,
                                     "--fixture", str(ROOT / "docs" / "demo-fixture.json"),
                                     "--password-iterations", "1000"],
                                    cwd=ROOT, stderr=subprocess.PIPE, text=True)
            try:
                for _ in range(100):
                    if os.path.exists(sock):
                        break
                    time.sleep(0.05)
                conn = UnixConnection(sock)
                conn.request("POST", "/api/login", json.dumps({"tenant": "acme", "email": "ada@acme.example",
                                                                "password": "acme-agent-pass"}),
                             {"Content-Type": "application/json"})
                r = conn.getresponse()
                body = json.loads(r.read())
                self.assertEqual(r.status, 200)
                conn.request("GET", "/api/tickets", headers={"Authorization": "Bearer " + body["token"]})
                r = conn.getresponse()
                tickets = json.loads(r.read())["tickets"]
                self.assertEqual([t["subject"] for t in tickets], ["Invoice 2231 is wrong"])
                conn.close()
            finally:
                proc.terminate()
                proc.wait(5)
                proc.stderr.close()


if __name__ == "__main__":
    unittest.main()
