import json
import threading
import unittest
import urllib.error
import urllib.request

from jobboard.board import JobBoard
from jobboard.server import make_server


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.server = make_server(JobBoard(), "127.0.0.1", 0)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def post(self, path, body=None):
        data = json.dumps(body).encode() if body is not None else b""
        req = urllib.request.Request(self.base + path, data=data, method="POST",
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=5) as resp:
                return resp.status, json.loads(resp.read())
        except urllib.error.HTTPError as e:
            return e.code, json.loads(e.read())

    def test_create_and_start(self):
        self.assertEqual(201, self.post("/jobs", {"id": "build-9"})[0])
        status, job = self.post("/jobs/build-9/start")
        self.assertEqual((200, "running"), (status, job["state"]))

    def test_unknown_job_and_action(self):
        self.assertEqual(404, self.post("/jobs/ghost/start")[0])
        self.post("/jobs", {"id": "build-10"})
        self.assertEqual(400, self.post("/jobs/build-10/explode")[0])


if __name__ == "__main__":
    unittest.main()
