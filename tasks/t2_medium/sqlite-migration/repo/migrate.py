"""Schema migrations for the tasklog database.

Usage: python3 migrate.py DB_PATH

Migrations are the files migrations/NNNN_description.sql, applied in version order. Each one
runs in its own transaction together with the row recording it in schema_version, so a failed
migration leaves the database as it was. A migration that is recorded is never run again;
that is also why an applied migration file must never be edited (see README.md).
"""
import re
import sqlite3
import sys
from datetime import datetime, timezone
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().with_name("migrations")
FILE_NAME = re.compile(r"(\d{4})_([a-z0-9_]+)\.sql")


def available(folder: Path = MIGRATIONS_DIR) -> list:
    """[(version, name, path)] of the migration files, in version order."""
    found = {}
    for path in sorted(folder.iterdir()):
        match = FILE_NAME.fullmatch(path.name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise SystemExit(f"two migrations with version {version}: {found[version][2].name}, {path.name}")
        found[version] = (version, match.group(2), path)
    return [found[v] for v in sorted(found)]


def applied(conn: sqlite3.Connection) -> set:
    conn.execute("""CREATE TABLE IF NOT EXISTS schema_version (
                        version     INTEGER PRIMARY KEY,
                        name        TEXT NOT NULL,
                        applied_at  TEXT NOT NULL)""")
    return {row[0] for row in conn.execute("SELECT version FROM schema_version")}


def migrate(db_path) -> list:
    """Applies the pending migrations to the database at db_path; returns their versions."""
    conn = sqlite3.connect(db_path, isolation_level=None)  # transactions are explicit below
    try:
        done = applied(conn)
        ran = []
        for version, name, path in available():
            if version in done:
                continue
            stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
            # executescript() runs outside the sqlite3 module's own transaction handling, so
            # the BEGIN/COMMIT live in the script itself.
            script = (f"BEGIN;\n{path.read_text(encoding='utf-8')}\n;\n"
                      f"INSERT INTO schema_version (version, name, applied_at) "
                      f"VALUES ({version}, '{name}', '{stamp}');\nCOMMIT;")
            try:
                conn.executescript(script)
            except sqlite3.Error as e:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise SystemExit(f"migration {path.name} failed: {e}") from None
            ran.append(version)
        return ran
    finally:
        conn.close()


def main(argv=None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    ran = migrate(args[0])
    names = {v: f"{v:04d}_{n}" for v, n, _ in available()}
    for version in ran:
        print(f"applied {names[version]}")
    if not ran:
        print("up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
