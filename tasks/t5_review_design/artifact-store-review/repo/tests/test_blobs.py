import hashlib
import io
import os
import unittest

from depot.errors import BadRequest, PayloadTooLarge
from tests.helpers import Harness


class BlobStoreTest(unittest.TestCase):
    def setUp(self):
        self.h = Harness()
        self.blobs = self.h.ctx.blobs

    def tearDown(self):
        self.h.close()

    def store(self, data: bytes) -> str:
        tmp = self.h.settings.tmp_dir / "t"
        digest, size = self.blobs.receive(io.BytesIO(data), len(data), tmp, 10 ** 6)
        self.blobs.commit(tmp, digest, size)
        return digest

    def test_receive_hashes_and_commit_deduplicates(self):
        d1 = self.store(b"hello")
        d2 = self.store(b"hello")
        self.assertEqual(d1, hashlib.sha256(b"hello").hexdigest())
        self.assertEqual(d1, d2)
        self.assertEqual(self.blobs.path_for(d1).read_bytes(), b"hello")
        self.assertEqual(list(self.h.settings.tmp_dir.iterdir()), [])

    def test_short_body_and_limit(self):
        with self.assertRaises(BadRequest):
            self.blobs.receive(io.BytesIO(b"abc"), 10, self.h.settings.tmp_dir / "x", 100)
        with self.assertRaises(PayloadTooLarge):
            self.blobs.receive(io.BytesIO(b"abc"), 1000, self.h.settings.tmp_dir / "y", 100)

    def test_refcounts_and_garbage_collection(self):
        d = self.store(b"payload")
        self.blobs.incref(d)
        self.blobs.incref(d)
        self.blobs.decref(d)
        self.assertEqual(self.blobs.collect_garbage(min_age_s=-1), (0, 0))
        self.blobs.decref(d)
        self.assertEqual(self.blobs.collect_garbage(min_age_s=-1), (1, 7))
        self.assertFalse(self.blobs.path_for(d).exists())

    def test_young_unreferenced_blobs_survive(self):
        d = self.store(b"fresh")
        self.assertEqual(self.blobs.collect_garbage(min_age_s=3600), (0, 0))
        self.assertTrue(self.blobs.exists(d))

    def test_read_range_and_verify(self):
        d = self.store(b"0123456789")
        self.assertEqual(b"".join(self.blobs.read_range(d, 3, 4)), b"3456")
        self.assertTrue(self.blobs.verify(d))
        self.blobs.path_for(d).write_bytes(b"tampered!!")
        self.assertFalse(self.blobs.verify(d))

    def test_malformed_digest(self):
        with self.assertRaises(BadRequest):
            self.blobs.path_for("../../etc/passwd")

    def test_sweep_tmp_removes_old_files(self):
        old = self.h.settings.tmp_dir / "upload-old"
        old.write_bytes(b"x")
        os.utime(old, (0, 0))
        (self.h.settings.tmp_dir / "upload-new").write_bytes(b"y")
        self.assertEqual(self.blobs.sweep_tmp(), 1)
        self.assertEqual([p.name for p in self.h.settings.tmp_dir.iterdir()], ["upload-new"])


if __name__ == "__main__":
    unittest.main()
