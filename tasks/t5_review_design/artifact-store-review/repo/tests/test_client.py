import hashlib
import threading
import unittest
from pathlib import Path

from depot.client import Client, ClientError
from depot.server import make_server
from tests.helpers import Harness


class ClientTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness(rate_limit_per_s=1000.0, rate_limit_burst=1000)
        self.h.project("web")
        token = self.h.token("web")
        self.server = make_server(self.h.ctx, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.client = Client(f"http://127.0.0.1:{self.server.server_address[1]}", token, timeout=5, sleep=lambda s: None)
        self.dir = Path(self.h.settings.data_dir) / "work"
        self.dir.mkdir()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()
        self.h.close()

    def test_upload_tag_download(self):
        src = self.dir / "app.bin"
        src.write_bytes(b"A" * 300_000)
        info = self.client.upload("web", "app.bin", "1.0", src)
        self.assertEqual(info["digest"], hashlib.sha256(src.read_bytes()).hexdigest())
        self.client.tag("web", "app.bin", "stable", "1.0")
        self.assertEqual(self.client.info("web", "app.bin", "stable")["version"], "1.0")
        out = self.client.download("web", "app.bin", "1.0", self.dir / "out.bin")
        self.assertEqual(out.read_bytes(), src.read_bytes())

    def test_download_resumes_from_a_partial_file(self):
        src = self.dir / "big.bin"
        src.write_bytes(bytes(range(256)) * 2000)
        self.client.upload("web", "big.bin", "1.0", src)
        (self.dir / "got.bin.part").write_bytes(src.read_bytes()[:100_000])
        out = self.client.download("web", "big.bin", "1.0", self.dir / "got.bin")
        self.assertEqual(out.read_bytes(), src.read_bytes())

    def test_existing_version_is_an_error_not_a_retry(self):
        src = self.dir / "x.bin"
        src.write_bytes(b"x")
        self.client.upload("web", "x.bin", "1", src)
        with self.assertRaises(ClientError) as cm:
            self.client.upload("web", "x.bin", "1", src)
        self.assertEqual(cm.exception.status, 409)


if __name__ == "__main__":
    unittest.main()
