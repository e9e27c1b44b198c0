"""What is inside an artifact: file listings of tar and zip archives, and previews of single members.

Listings feed the "files" tab of the web UI and the search index. A preview extracts one member into
the preview cache (`<preview_dir>/<digest>/...`) the first time it is asked for, and serves its first
`preview_max_bytes` from there afterwards.
"""
import hashlib
import os
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

from .errors import BadRequest, NotFound

TAR_TYPES = ("application/x-tar", "application/gzip", "application/x-gtar", "application/x-xz")
ZIP_TYPES = ("application/zip", "application/java-archive")
MAX_MEMBERS = 20000


@dataclass(frozen=True)
class Entry:
    name: str
    size: int
    is_dir: bool


def kind_of(media_type: str, name: str) -> Optional[str]:
    lowered = name.lower()
    if media_type in ZIP_TYPES or lowered.endswith((".zip", ".jar", ".whl")):
        return "zip"
    if media_type in TAR_TYPES or lowered.endswith((".tar", ".tar.gz", ".tgz", ".tar.xz")):
        return "tar"
    return None


def list_entries(path: Path, kind: str) -> List[Entry]:
    """The archive's members, in archive order, at most MAX_MEMBERS of them."""
    out = []
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as zf:
                for info in zf.infolist()[:MAX_MEMBERS]:
                    out.append(Entry(info.filename, info.file_size, info.is_dir()))
        elif kind == "tar":
            with tarfile.open(path, "r:*") as tf:
                for member in tf:
                    if len(out) >= MAX_MEMBERS:
                        break
                    out.append(Entry(member.name, member.size, member.isdir()))
        else:
            raise BadRequest("this artifact is not an archive")
    except (tarfile.TarError, zipfile.BadZipFile, EOFError) as e:
        raise BadRequest(f"cannot read archive: {e}") from None
    return out


def preview(path: Path, kind: str, member_name: str, cache_dir: Path, max_bytes: int) -> bytes:
    """The first `max_bytes` of one member, extracted into the preview cache on first use."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    cached = cache_dir / "members" / _cache_name(member_name)
    if cached.is_file():
        with open(cached, "rb") as fh:
            return fh.read(max_bytes)
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as zf:
                try:
                    data = zf.read(member_name)
                except KeyError:
                    raise NotFound(f"no member {member_name}") from None
            cached.parent.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_suffix(".part")
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, cached)
            return data[:max_bytes]
        if kind == "tar":
            with tarfile.open(path, "r:*") as tf:
                try:
                    member = tf.getmember(member_name)
                except KeyError:
                    raise NotFound(f"no member {member_name}") from None
                if member.isdir():
                    raise BadRequest("cannot preview a directory")
                target = cache_dir / "tar"
                tf.extract(member, path=target, set_attrs=False)
            extracted = target / member.name
            with open(extracted, "rb") as fh:
                data = fh.read(max_bytes)
            cached.parent.mkdir(parents=True, exist_ok=True)
            with open(cached, "wb") as fh:
                fh.write(data)
            return data
    except (tarfile.TarError, zipfile.BadZipFile, EOFError) as e:
        raise BadRequest(f"cannot read archive: {e}") from None
    raise BadRequest("this artifact is not an archive")


def _cache_name(member_name: str) -> str:
    """A flat, filesystem-safe cache file name for a member path."""
    return hashlib.sha256(member_name.encode("utf-8", "surrogateescape")).hexdigest()
