"""The metadata database: one SQLite file, one connection shared by the request threads.

Every statement runs under `Database.lock`, so single statements are safe from any thread. A sequence
of statements that must be atomic uses `transaction()`, which holds the lock for the whole block and
commits or rolls back at the end.
"""
import contextlib
import sqlite3
import threading
import time
from pathlib import Path

MIGRATIONS = [
    # 1: initial schema
    """
    CREATE TABLE projects (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        keep_versions INTEGER,
        quota_bytes INTEGER,
        used_bytes INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL
    );
    CREATE TABLE blobs (
        digest TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        refcount INTEGER NOT NULL DEFAULT 0,
        created_at REAL NOT NULL
    );
    CREATE TABLE versions (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id),
        artifact TEXT NOT NULL,
        version TEXT NOT NULL,
        branch TEXT NOT NULL DEFAULT 'main',
        digest TEXT NOT NULL REFERENCES blobs(digest),
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        created_at REAL NOT NULL,
        created_by TEXT NOT NULL,
        UNIQUE (project_id, artifact, version)
    );
    CREATE INDEX versions_by_branch ON versions (project_id, artifact, branch, created_at);
    CREATE TABLE tags (
        project_id INTEGER NOT NULL REFERENCES projects(id),
        artifact TEXT NOT NULL,
        tag TEXT NOT NULL,
        version_id INTEGER NOT NULL REFERENCES versions(id),
        updated_at REAL NOT NULL,
        PRIMARY KEY (project_id, artifact, tag)
    );
    CREATE TABLE tokens (
        id INTEGER PRIMARY KEY,
        project_id INTEGER REFERENCES projects(id),
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        scopes TEXT NOT NULL,
        created_at REAL NOT NULL,
        expires_at REAL,
        revoked INTEGER NOT NULL DEFAULT 0,
        last_used_at REAL
    );
    CREATE TABLE webhooks (
        id INTEGER PRIMARY KEY,
        project_id INTEGER NOT NULL REFERENCES projects(id),
        url TEXT NOT NULL,
        secret TEXT NOT NULL,
        events TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1
    );
    """,
    # 2: delivery log for webhooks
    """
    CREATE TABLE deliveries (
        id INTEGER PRIMARY KEY,
        webhook_id INTEGER NOT NULL REFERENCES webhooks(id),
        event TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL DEFAULT 'pending',
        last_error TEXT,
        created_at REAL NOT NULL,
        delivered_at REAL
    );
    """,
    # 3: archive member names, for search
    """
    CREATE TABLE files (
        version_id INTEGER NOT NULL REFERENCES versions(id) ON DELETE CASCADE,
        name TEXT NOT NULL
    );
    CREATE INDEX files_by_version ON files (version_id);
    CREATE TABLE promotions (
        id INTEGER PRIMARY KEY,
        from_version_id INTEGER NOT NULL,
        to_version_id INTEGER NOT NULL,
        promoted_by TEXT NOT NULL,
        promoted_at REAL NOT NULL
    );
    """,
]


class Database:
    def __init__(self, path):
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        with self.lock:
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self._migrate()

    def _migrate(self):
        current = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            with self.transaction():
                for statement in script.split(";"):
                    if statement.strip():
                        self.conn.execute(statement)
                self.conn.execute(f"PRAGMA user_version = {number}")

    @contextlib.contextmanager
    def transaction(self):
        with self.lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            else:
                self.conn.execute("COMMIT")

    def one(self, sql, args=()):
        with self.lock:
            row = self.conn.execute(sql, args).fetchone()
        return dict(row) if row is not None else None

    def all(self, sql, args=()):
        with self.lock:
            return [dict(r) for r in self.conn.execute(sql, args).fetchall()]

    def execute(self, sql, args=()):
        with self.lock:
            return self.conn.execute(sql, args)

    def close(self):
        with self.lock:
            self.conn.close()


def now() -> float:
    return time.time()
