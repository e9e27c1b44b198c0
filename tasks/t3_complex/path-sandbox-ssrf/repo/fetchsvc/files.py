"""Serving downloads from a tenant's export directory."""
from pathlib import Path
from urllib.parse import unquote

from .policy import PolicyViolation, allow_path


def resolve_download(export_dir: str, raw_name: str) -> Path:
    """The file to serve for `GET /download?name=<raw_name>`; raises PolicyViolation when not allowed."""
    if not allow_path(export_dir, raw_name):
        raise PolicyViolation(f"download of {raw_name!r} is not allowed")
    return Path(export_dir) / unquote(raw_name)
