"""Data access for tasklog: the only module that writes SQL against the tasks tables.

Open the database with connect(); it refuses a database whose schema is older than this code
expects (run migrate.py first). Every write commits before returning.
"""
import csv
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone

# The highest migration this code relies on. Bump it together with every new migration.
SCHEMA_VERSION = 3

HIGH, NORMAL, LOW = 1, 2, 3
PRIORITIES = (HIGH, NORMAL, LOW)


class SchemaError(Exception):
    """The database has not been migrated to the schema this code needs."""


@dataclass(frozen=True)
class Task:
    id: int
    title: str
    done: bool
    created_at: str
    priority: int = NORMAL  # last, with a default: code building Task(...) by position keeps working


def connect(path) -> sqlite3.Connection:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    try:
        version = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0
    except sqlite3.OperationalError:
        version = 0
    if version < SCHEMA_VERSION:
        conn.close()
        raise SchemaError(f"{path}: schema version {version}, this code needs {SCHEMA_VERSION};"
                          " run: python3 migrate.py " + str(path))
    return conn


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_COLUMNS = "id, title, done, created_at, priority"


def _task(row: sqlite3.Row) -> Task:
    return Task(id=row["id"], title=row["title"], done=bool(row["done"]), created_at=row["created_at"],
                priority=row["priority"])


def _check_priority(priority) -> int:
    # bool is an int subclass; True must not sneak in as "high".
    if isinstance(priority, bool) or not isinstance(priority, int) or priority not in PRIORITIES:
        raise ValueError(f"priority must be one of {PRIORITIES} (1 = high), got {priority!r}")
    return priority


def add_task(conn: sqlite3.Connection, title: str, *, priority: int = NORMAL, now: str = None) -> Task:
    if not title.strip():
        raise ValueError("a task needs a title")
    _check_priority(priority)
    with conn:
        cur = conn.execute("INSERT INTO tasks (title, created_at, priority) VALUES (?, ?, ?)",
                           (title.strip(), now or _now(), priority))
    return get_task(conn, cur.lastrowid)


def get_task(conn: sqlite3.Connection, task_id: int):
    row = conn.execute(f"SELECT {_COLUMNS} FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return _task(row) if row else None


def list_tasks(conn: sqlite3.Connection, *, include_done: bool = False) -> list:
    """Tasks, most urgent first: by priority (1 = high), then in the order they were added."""
    sql = f"SELECT {_COLUMNS} FROM tasks"
    if not include_done:
        sql += " WHERE done = 0"
    return [_task(row) for row in conn.execute(sql + " ORDER BY priority, id")]


def complete_task(conn: sqlite3.Connection, task_id: int) -> bool:
    with conn:
        cur = conn.execute("UPDATE tasks SET done = 1 WHERE id = ?", (task_id,))
    return cur.rowcount == 1


def set_priority(conn: sqlite3.Connection, task_id: int, priority: int) -> bool:
    """Sets a task's priority; False when there is no such task."""
    _check_priority(priority)
    with conn:
        cur = conn.execute("UPDATE tasks SET priority = ? WHERE id = ?", (priority, task_id))
    return cur.rowcount == 1


def delete_task(conn: sqlite3.Connection, task_id: int) -> bool:
    with conn:
        cur = conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
    return cur.rowcount == 1


def add_note(conn: sqlite3.Connection, task_id: int, body: str, *, now: str = None) -> None:
    with conn:
        conn.execute("INSERT INTO notes (task_id, body, created_at) VALUES (?, ?, ?)", (task_id, body, now or _now()))


def notes_for(conn: sqlite3.Connection, task_id: int) -> list:
    return [row["body"] for row in conn.execute("SELECT body FROM notes WHERE task_id = ? ORDER BY id", (task_id,))]


# New columns go at the end: the finance sheet reads the columns by position.
EXPORT_COLUMNS = ["id", "title", "done", "created_at", "priority"]


def export_csv(conn: sqlite3.Connection, out) -> int:
    """Writes every task as CSV to the text stream out; returns the number of rows.

    The finance sheet imports this file and reads the columns by position.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for task in list_tasks(conn, include_done=True):
        writer.writerow([task.id, task.title, int(task.done), task.created_at, task.priority])
        count += 1
    return count
