"""depot: a small artifact repository for CI builds (standard library only).

Builds upload archives (tarballs, zips, single binaries) per project and version; deployers and
developers download them, by version or tag, directly or through signed links. Blobs are stored once
per content hash; metadata lives in SQLite.
"""
__version__ = "1.8.0"
