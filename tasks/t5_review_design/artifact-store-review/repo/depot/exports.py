"""Offline exports: one tar file with a project's versions (or one artifact's), for air-gapped mirrors.

    <project>-<UTC timestamp>.tar
        manifest.json             the versions, their tags and digests
        blobs/<digest>            each distinct blob once

The file is written under a temporary name in the destination folder and renamed when complete, so a
mirror job polling the folder never picks up half an export.
"""
import io
import json
import os
import tarfile
import tempfile
import time
from pathlib import Path

from .blobs import BlobStore
from .catalog import Catalog, Project


def export(catalog: Catalog, blobs: BlobStore, project: Project, dest_dir: Path, artifact: str = None) -> Path:
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    artifacts = [artifact] if artifact else catalog.artifacts(project)
    versions, digests = [], []
    for a in artifacts:
        tags = catalog.tags(project, a)
        for v in catalog.versions(project, a, limit=10 ** 9):
            entry = v.public()
            entry["tags"] = sorted(t for t, ver in tags.items() if ver == v.version)
            versions.append(entry)
            if v.digest not in digests:
                digests.append(v.digest)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    final = dest_dir / f"{project.name}-{stamp}.tar"
    fd, tmp_name = tempfile.mkstemp(dir=dest_dir, prefix=f".{project.name}-", suffix=".tar.part")
    try:
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w") as tf:
            manifest = json.dumps({"project": project.name, "exported_at": stamp, "versions": versions},
                                  indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            info.mtime = int(time.time())
            tf.addfile(info, io.BytesIO(manifest))
            for digest in digests:
                path = blobs.path_for(digest)
                info = tf.gettarinfo(str(path), arcname=f"blobs/{digest}")
                info.uid = info.gid = 0
                info.uname = info.gname = ""
                with open(path, "rb") as fh:
                    tf.addfile(info, fh)
        os.replace(tmp_name, final)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    return final
