import http.client
import json
import threading
import unittest

from depot.server import make_server
from tests.helpers import Harness


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.h.project("web")
        self.token = self.h.token("web")
        self.server = make_server(self.h.ctx, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.h.close()

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.server.server_address[1], timeout=5)
        h = {"Authorization": "Bearer " + self.token}
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, data, resp

    def test_upload_and_download_over_http(self):
        status, body, _ = self.request("PUT", "/api/p/web/tool/1.0", b"x" * 5000,
                                       {"Content-Type": "application/octet-stream"})
        self.assertEqual(status, 201, body)
        status, data, resp = self.request("GET", "/api/p/web/tool/1.0", headers={"Range": "bytes=4990-"})
        self.assertEqual((status, data, resp.getheader("Content-Range")), (206, b"x" * 10, "bytes 4990-4999/5000"))

    def test_errors_are_json(self):
        status, body, resp = self.request("GET", "/api/p/web/tool/9.9")
        self.assertEqual((status, json.loads(body)["error"]), (404, "not_found"))
        status, body, resp = self.request("GET", "/api/projects", headers={"Authorization": "Bearer nope"})
        self.assertEqual(status, 401)
        self.assertIn("Bearer", resp.getheader("WWW-Authenticate"))

    def test_unknown_route_and_method(self):
        self.assertEqual(self.request("GET", "/nope")[0], 404)
        self.assertEqual(self.request("POST", "/health")[0], 405)


if __name__ == "__main__":
    unittest.main()
