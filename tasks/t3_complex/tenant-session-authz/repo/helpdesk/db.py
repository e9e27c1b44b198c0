"""SQLite storage. One connection shared by the request threads, serialised by a lock."""
import sqlite3
import threading
import time

SCHEMA = """
CREATE TABLE IF NOT EXISTS tenants (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    email TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('customer', 'agent', 'admin')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL,
    UNIQUE (tenant_id, email)
);
CREATE TABLE IF NOT EXISTS tickets (
    id INTEGER PRIMARY KEY,
    tenant_id INTEGER NOT NULL REFERENCES tenants(id),
    requester_id INTEGER NOT NULL REFERENCES users(id),
    assignee_id INTEGER REFERENCES users(id),
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'solved', 'closed')),
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS comments (
    id INTEGER PRIMARY KEY,
    ticket_id INTEGER NOT NULL REFERENCES tickets(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    body TEXT NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL,
    revoked INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS reset_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    email TEXT NOT NULL,
    expires_at REAL NOT NULL,
    used INTEGER NOT NULL DEFAULT 0
);
"""

USER_COLUMNS = ("tenant_id", "email", "display_name", "role", "password_hash", "disabled")
PUBLIC_USER_FIELDS = ("id", "email", "display_name", "role", "disabled")


class Database:
    def __init__(self, path: str):
        self._con = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._con.row_factory = sqlite3.Row
        self._con.execute("PRAGMA foreign_keys = ON")
        self._lock = threading.RLock()
        with self._lock:
            self._con.executescript(SCHEMA)

    def close(self):
        with self._lock:
            self._con.close()

    def _one(self, sql, args=()):
        with self._lock:
            row = self._con.execute(sql, args).fetchone()
        return dict(row) if row else None

    def _all(self, sql, args=()):
        with self._lock:
            return [dict(r) for r in self._con.execute(sql, args).fetchall()]

    def _run(self, sql, args=()) -> int:
        """Executes a write; returns lastrowid for inserts, rowcount otherwise."""
        with self._lock:
            cur = self._con.execute(sql, args)
            return cur.lastrowid if sql.lstrip().upper().startswith("INSERT") else cur.rowcount

    # -------------------------------------------------------------- tenants

    def create_tenant(self, slug: str, name: str) -> int:
        return self._run("INSERT INTO tenants (slug, name) VALUES (?, ?)", (slug, name))

    def tenant_by_slug(self, slug: str):
        return self._one("SELECT * FROM tenants WHERE slug = ?", (slug,))

    def tenant(self, tenant_id: int):
        return self._one("SELECT * FROM tenants WHERE id = ?", (tenant_id,))

    # -------------------------------------------------------------- users

    def create_user(self, tenant_id, email, display_name, role, password_hash) -> int:
        return self._run("INSERT INTO users (tenant_id, email, display_name, role, password_hash, created_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (tenant_id, email, display_name, role, password_hash, time.time()))

    def get_user(self, user_id: int):
        return self._one("SELECT * FROM users WHERE id = ?", (user_id,))

    def user_by_email(self, tenant_id: int, email: str):
        return self._one("SELECT * FROM users WHERE tenant_id = ? AND email = ?", (tenant_id, email))

    def list_users(self, tenant_id: int):
        return self._all("SELECT * FROM users WHERE tenant_id = ? ORDER BY id", (tenant_id,))

    def update_user(self, user_id: int, **fields) -> int:
        cols = [c for c in fields if c in USER_COLUMNS]
        if not cols:
            return 0
        sql = "UPDATE users SET " + ", ".join(f"{c} = ?" for c in cols) + " WHERE id = ?"
        return self._run(sql, tuple(fields[c] for c in cols) + (user_id,))

    def set_password_by_email(self, email: str, password_hash: str) -> int:
        return self._run("UPDATE users SET password_hash = ? WHERE email = ?", (password_hash, email))

    # -------------------------------------------------------------- tickets and comments

    def create_ticket(self, tenant_id, requester_id, subject, body) -> int:
        now = time.time()
        return self._run("INSERT INTO tickets (tenant_id, requester_id, subject, body, created_at, updated_at) "
                         "VALUES (?, ?, ?, ?, ?, ?)", (tenant_id, requester_id, subject, body, now, now))

    def get_ticket(self, ticket_id: int):
        return self._one("SELECT * FROM tickets WHERE id = ?", (ticket_id,))

    def list_tickets(self, tenant_id: int, requester_id=None, status=None):
        sql, args = "SELECT * FROM tickets WHERE tenant_id = ?", [tenant_id]
        if requester_id is not None:
            sql += " AND requester_id = ?"
            args.append(requester_id)
        if status is not None:
            sql += " AND status = ?"
            args.append(status)
        return self._all(sql + " ORDER BY id", args)

    def update_ticket(self, ticket_id: int, **fields) -> int:
        cols = [c for c in fields if c in ("status", "assignee_id", "subject")]
        if not cols:
            return 0
        sql = ("UPDATE tickets SET " + ", ".join(f"{c} = ?" for c in cols) + ", updated_at = ? WHERE id = ?")
        return self._run(sql, tuple(fields[c] for c in cols) + (time.time(), ticket_id))

    def add_comment(self, ticket_id, author_id, body, internal) -> int:
        return self._run("INSERT INTO comments (ticket_id, author_id, body, internal, created_at) VALUES (?, ?, ?, ?, ?)",
                         (ticket_id, author_id, body, 1 if internal else 0, time.time()))

    def list_comments(self, ticket_id: int, include_internal: bool):
        sql = "SELECT * FROM comments WHERE ticket_id = ?"
        if not include_internal:
            sql += " AND internal = 0"
        return self._all(sql + " ORDER BY id", (ticket_id,))

    # -------------------------------------------------------------- sessions

    def create_session(self, session_id: str, user_id: int, expires_at: float):
        self._run("INSERT INTO sessions (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
                  (session_id, user_id, time.time(), expires_at))

    def get_session(self, session_id: str):
        return self._one("SELECT * FROM sessions WHERE id = ?", (session_id,))

    def revoke_session(self, session_id: str) -> int:
        return self._run("UPDATE sessions SET revoked = 1 WHERE id = ?", (session_id,))

    def revoke_user_sessions(self, user_id: int, keep: str = None) -> int:
        return self._run("UPDATE sessions SET revoked = 1 WHERE user_id = ? AND id IS NOT ?", (user_id, keep))

    def active_sessions(self, user_id: int, now: float):
        return self._all("SELECT id, created_at, expires_at FROM sessions WHERE user_id = ? AND revoked = 0 "
                         "AND expires_at > ? ORDER BY created_at", (user_id, now))

    # -------------------------------------------------------------- password reset

    def create_reset(self, token_hash: str, user_id: int, email: str, expires_at: float):
        self._run("INSERT INTO reset_tokens (token_hash, user_id, email, expires_at) VALUES (?, ?, ?, ?)",
                  (token_hash, user_id, email, expires_at))

    def get_reset(self, token_hash: str):
        return self._one("SELECT * FROM reset_tokens WHERE token_hash = ?", (token_hash,))

    def mark_reset_used(self, token_hash: str) -> int:
        return self._run("UPDATE reset_tokens SET used = 1 WHERE token_hash = ? AND used = 0", (token_hash,))


def public_user(row: dict) -> dict:
    return {k: row[k] for k in PUBLIC_USER_FIELDS}
