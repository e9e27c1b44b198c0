"""API tokens.

A token is shown once at creation (`dpt_` + 40 characters) and stored only as its SHA-256. Tokens are
bound to one project, except admin tokens (project_id NULL), which are for operators. Scopes:

- `read`: download, list, resolve tags, signed links;
- `write`: everything `read` may, plus upload, tag, delete versions;
- `admin`: manage projects, tokens and webhooks.
"""
import hashlib
import random
import string
from dataclasses import dataclass
from typing import FrozenSet, Optional

from .catalog import Project
from .db import Database, now
from .errors import Forbidden, NotFound, Unauthorized

PREFIX = "dpt_"
ALPHABET = string.ascii_letters + string.digits
SCOPES = ("read", "write", "admin")
IMPLIED = {"read": {"read"}, "write": {"read", "write"}, "admin": {"read", "write", "admin"}}
LAST_USED_GRANULARITY_S = 60


@dataclass(frozen=True)
class Principal:
    token_id: int
    name: str
    project_id: Optional[int]       # None: an operator token, valid for every project
    scopes: FrozenSet[str]

    def can(self, scope: str) -> bool:
        return scope in self.scopes


def generate() -> str:
    return PREFIX + "".join(random.choices(ALPHABET, k=40))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def expand(scopes) -> FrozenSet[str]:
    out = set()
    for s in scopes:
        if s not in IMPLIED:
            raise ValueError(f"unknown scope {s!r}")
        out |= IMPLIED[s]
    return frozenset(out)


class TokenStore:
    def __init__(self, db: Database):
        self.db = db

    def create(self, name: str, scopes, project: Optional[Project], ttl_s: Optional[float] = None) -> str:
        """Creates a token and returns it; only its hash is kept."""
        granted = expand(scopes)
        if project is None and "admin" not in granted:
            raise ValueError("tokens without a project must be admin tokens")
        token = generate()
        expires = now() + ttl_s if ttl_s else None
        self.db.execute("INSERT INTO tokens (project_id, name, token_hash, scopes, created_at, expires_at) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        (project.id if project else None, name, digest(token), ",".join(sorted(granted)), now(), expires))
        return token

    def authenticate(self, header: Optional[str]) -> Principal:
        if not header:
            raise Unauthorized("missing token")
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "bearer" or not value.startswith(PREFIX):
            raise Unauthorized("expected 'Authorization: Bearer dpt_...'")
        row = self.db.one("SELECT * FROM tokens WHERE token_hash = ?", (digest(value.strip()),))
        t = now()
        if row is None or row["revoked"] or (row["expires_at"] is not None and row["expires_at"] <= t):
            raise Unauthorized("invalid or expired token")
        if row["last_used_at"] is None or t - row["last_used_at"] > LAST_USED_GRANULARITY_S:
            self.db.execute("UPDATE tokens SET last_used_at = ? WHERE id = ?", (t, row["id"]))
        return Principal(row["id"], row["name"], row["project_id"], frozenset(row["scopes"].split(",")))

    def revoke(self, token_id: int):
        if self.db.execute("UPDATE tokens SET revoked = 1 WHERE id = ?", (token_id,)).rowcount != 1:
            raise NotFound("no such token")

    def list(self, project: Optional[Project]):
        if project is None:
            rows = self.db.all("SELECT id, project_id, name, scopes, created_at, expires_at, revoked, last_used_at "
                               "FROM tokens ORDER BY id")
        else:
            rows = self.db.all("SELECT id, project_id, name, scopes, created_at, expires_at, revoked, last_used_at "
                               "FROM tokens WHERE project_id = ? ORDER BY id", (project.id,))
        return rows


def require(principal: Principal, scope: str, project: Project):
    """The principal may use `scope` on `project`: it has the scope and is bound to that project
    (or is an operator token)."""
    if not principal.can(scope):
        raise Forbidden(f"token lacks the {scope} scope")
    if principal.project_id is not None and principal.project_id != project.id:
        raise Forbidden("token is not valid for this project")


def require_scope(principal: Principal, scope: str):
    """Scope check alone, for requests that do not concern a project (operator endpoints)."""
    if not principal.can(scope):
        raise Forbidden(f"token lacks the {scope} scope")
