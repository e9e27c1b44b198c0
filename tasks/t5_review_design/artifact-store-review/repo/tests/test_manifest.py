import io
import tarfile
import tempfile
import unittest
import zipfile
from pathlib import Path

from depot import manifest
from depot.errors import BadRequest, NotFound


def make_tar(path: Path, files: dict):
    with tarfile.open(path, "w:gz") as tf:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))


def make_zip(path: Path, files: dict):
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, data)


class ManifestTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_kind_of(self):
        self.assertEqual(manifest.kind_of("application/octet-stream", "app.tar.gz"), "tar")
        self.assertEqual(manifest.kind_of("application/zip", "bundle"), "zip")
        self.assertIsNone(manifest.kind_of("application/octet-stream", "app.bin"))

    def test_list_tar_and_zip(self):
        make_tar(self.dir / "a.tgz", {"bin/app": b"x" * 10, "README": b"hi"})
        make_zip(self.dir / "a.zip", {"lib/x.py": b"print(1)"})
        self.assertEqual([(e.name, e.size) for e in manifest.list_entries(self.dir / "a.tgz", "tar")],
                         [("bin/app", 10), ("README", 2)])
        self.assertEqual([e.name for e in manifest.list_entries(self.dir / "a.zip", "zip")], ["lib/x.py"])

    def test_not_an_archive(self):
        (self.dir / "junk").write_bytes(b"not a tar")
        with self.assertRaises(BadRequest):
            manifest.list_entries(self.dir / "junk", "tar")

    def test_preview_tar_member_and_cache(self):
        make_tar(self.dir / "a.tgz", {"docs/CHANGES.txt": b"1.0: first release\n" * 100})
        cache = self.dir / "cache"
        first = manifest.preview(self.dir / "a.tgz", "tar", "docs/CHANGES.txt", cache, 19)
        self.assertEqual(first, b"1.0: first release\n")
        (self.dir / "a.tgz").unlink()
        self.assertEqual(manifest.preview(self.dir / "a.tgz", "tar", "docs/CHANGES.txt", cache, 19), first)

    def test_preview_zip_member(self):
        make_zip(self.dir / "a.zip", {"setup.cfg": b"[metadata]\nname = x\n"})
        self.assertEqual(manifest.preview(self.dir / "a.zip", "zip", "setup.cfg", self.dir / "c", 10), b"[metadata]")

    def test_missing_member(self):
        make_zip(self.dir / "a.zip", {"x": b"1"})
        with self.assertRaises(NotFound):
            manifest.preview(self.dir / "a.zip", "zip", "y", self.dir / "c", 10)


if __name__ == "__main__":
    unittest.main()
