"""Names users choose: projects, artifacts, versions, tags, branches. Checked once, at the API edge.

Project and artifact names end up in URLs and in export file names, so they are kept to a safe,
lower-case alphabet. Versions and tags are a little more liberal (dots and pluses for semver).
"""
import re

from .errors import BadRequest

PROJECT_RE = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?")
ARTIFACT_RE = re.compile(r"[a-z0-9](?:[a-z0-9._-]{0,126}[a-z0-9])?")
VERSION_RE = re.compile(r"[0-9A-Za-z](?:[0-9A-Za-z.+_-]{0,62})")
TAG_RE = re.compile(r"[a-z][a-z0-9._-]{0,39}")
BRANCH_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,199}")
RESERVED_TAGS = {"latest-any", "all"}


def _check(kind: str, pattern, value) -> str:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise BadRequest(f"invalid {kind} name", field=kind)
    if ".." in value:
        raise BadRequest(f"invalid {kind} name: '..' is not allowed", field=kind)
    return value


def project(value) -> str:
    return _check("project", PROJECT_RE, value)


def artifact(value) -> str:
    return _check("artifact", ARTIFACT_RE, value)


def version(value) -> str:
    return _check("version", VERSION_RE, value)


def tag(value) -> str:
    value = _check("tag", TAG_RE, value)
    if value in RESERVED_TAGS:
        raise BadRequest(f"tag {value!r} is reserved", field="tag")
    return value


def branch(value) -> str:
    value = _check("branch", BRANCH_RE, value)
    if value.endswith("/") or "//" in value:
        raise BadRequest("invalid branch name", field="branch")
    return value
