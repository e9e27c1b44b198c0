"""Grades sqlite-migration: a priority column added through a new migration, data kept.

A "production" database is built with the ORIGINAL migrations (pristine/) and filled with
tasks and notes (one task deleted, so the AUTOINCREMENT counter is ahead of the data). The
workspace's migrate.py then upgrades a copy in place; the rows, the backfill, a second run,
the new db.py API (api_driver.py, in a subprocess), a fresh database and the CLI are checked.
"""
import csv
import hashlib
import importlib.util
import io
import json
import re
import secrets
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True  # keep the task folder unchanged by grading
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent
PRISTINE = HERE / "pristine"

TASKS = [  # (id, title, done, created_at) as they sit in production before the upgrade
    (1, "Order printer toner", 0, "2024-02-01T08:15:00+00:00"),
    (2, "Renew domain example.org", 1, "2024-02-01T09:02:11+00:00"),
    (3, "Book the team lunch", 0, "2024-02-03T11:40:00+00:00"),
    (4, "Fix the meeting room HDMI cable", 0, "2024-02-05T14:00:59+00:00"),
    (5, "Send Q1 expense reports", 1, "2024-02-07T16:30:00+00:00"),
    (6, "Ask landlord about the \"leaking\" radiator", 0, "2024-02-08T10:05:00+00:00"),
    (7, "Café order: oat milk, 6 × 1 L", 0, "2024-02-09T07:55:30+00:00"),
    (8, "Archive 2023 invoices, boxes 1, 2 and 3", 1, "2024-02-12T13:13:13+00:00"),
    (9, "Update the Wi-Fi password sign", 0, "2024-02-14T09:00:00+00:00"),
    (10, "Plan the spring offsite", 0, "2024-02-20T15:45:00+00:00"),
    (11, "Return the projector to AV rental", 1, "2024-02-21T12:00:00+00:00"),
    (12, "duplicate of #10", 0, "2024-02-21T12:01:00+00:00"),
]
DELETED_ID = 12
NOTES = [  # (id, task_id, body, created_at)
    (1, 1, "Brother TN-2420, two boxes", "2024-02-01T08:16:00+00:00"),
    (2, 3, "Friday, 12 people", "2024-02-03T11:41:00+00:00"),
    (3, 3, "Ask about vegan options", "2024-02-03T11:42:00+00:00"),
    (4, 7, "Supplier: De Melkboer", "2024-02-09T08:00:00+00:00"),
    (5, 10, "Budget approved up to 4k", "2024-02-22T09:30:00+00:00"),
]
OLD_TASKS = [t for t in TASKS if t[0] != DELETED_ID]
MIGRATION_FILE = re.compile(r"(\d{4})_[a-z0-9_]+\.(sql|py)")


def load_pristine_migrate():
    spec = importlib.util.spec_from_file_location("pristine_migrate", PRISTINE / "migrate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_production_db(path: Path) -> None:
    load_pristine_migrate().migrate(str(path))
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO tasks (id, title, done, created_at) VALUES (?, ?, ?, ?)", TASKS)
        conn.executemany("INSERT INTO notes (id, task_id, body, created_at) VALUES (?, ?, ?, ?)", NOTES)
        conn.execute("DELETE FROM tasks WHERE id = ?", (DELETED_ID,))
    conn.close()


def query(path: Path, sql: str) -> list:
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for r in conn.execute(sql)]
    finally:
        conn.close()


def columns(path: Path, table: str) -> list:
    return [r[1] for r in query(path, f"PRAGMA table_info({table})")]


def snapshot(path: Path) -> list:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def drive(ws: Path, db_path: Path, mode: str) -> dict:
    nonce = secrets.token_hex(16)
    request = {"nonce": nonce, "workspace": str(ws), "db": str(db_path), "mode": mode}
    code, out, err = lv.run([sys.executable, str(HERE / "api_driver.py")], ws, timeout=20, stdin=json.dumps(request),
                            writable=[db_path.parent])
    for line in out.splitlines():
        if line.startswith(nonce + " "):
            return json.loads(line[len(nonce) + 1:])
    return {"fatal": f"driver gave no result (exit {code}): {lv.one_line(err, 120)}"}


def value(obs: dict, name: str):
    entry = obs.get(name) or {}
    return entry.get("value") if entry.get("ok") else None


def migrations_check(ws: Path) -> tuple:
    folder = ws / "migrations"
    problems = []
    for original in sorted((PRISTINE / "migrations").iterdir()):
        if lv.sha256(folder / original.name) != lv.sha256(original):
            problems.append(f"{original.name} edited or removed")
    new = sorted(p.name for p in folder.iterdir() if MIGRATION_FILE.fullmatch(p.name)
                 and int(MIGRATION_FILE.fullmatch(p.name).group(1)) >= 3) if folder.is_dir() else []
    if not new:
        problems.append("no new migration NNNN_*.sql with version >= 3")
    return not problems, "; ".join(problems) or f"0001/0002 unchanged; new: {', '.join(new)}"


def api_check(obs: dict) -> tuple:
    if "fatal" in obs:
        return False, obs["fatal"]
    problems = []
    old = value(obs, "old_task") or {}
    if old.get("priority") != 2 or old.get("title") != "Book the team lunch":
        problems.append(f"get_task(3) -> {old or obs.get('old_task')}")
    high, default = value(obs, "new_high") or {}, value(obs, "new_default") or {}
    if high.get("priority") != 1:
        problems.append(f"add_task(priority=1) -> {high or obs.get('new_high')}")
    if default.get("priority") != 2:
        problems.append(f"add_task() default -> {default or obs.get('new_default')}")
    if value(obs, "set_ok") is not True or (value(obs, "after_set") or {}).get("priority") != 3:
        problems.append(f"set_priority(id, 3) -> {obs.get('set_ok')}, then {obs.get('after_set')}")
    if value(obs, "set_missing") is not False:
        problems.append(f"set_priority(99999, 1) -> {obs.get('set_missing')}")
    for name in ("bad_add_0", "bad_add_4", "bad_set_5"):
        if not (obs.get(name, {}).get("ok") is False and obs[name].get("value_error")):
            problems.append(f"{name}: no ValueError ({obs.get(name)})")
    open_ids = [t["id"] for t in value(obs, "list_open") or []]
    want_open = ([high.get("id")] + [t[0] for t in OLD_TASKS if not t[2]] + [default.get("id")])
    if open_ids != want_open:
        problems.append(f"list_tasks() ids {open_ids} != {want_open}")
    all_ids = [t["id"] for t in value(obs, "list_all") or []]
    want_all = [high.get("id")] + [t[0] for t in OLD_TASKS] + [default.get("id")]
    if all_ids != want_all:
        problems.append(f"list_tasks(include_done=True) ids {all_ids} != {want_all}")
    return not problems, "; ".join(problems) or "add/get/set_priority/list/validation all as specified"


def expected_csv() -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "title", "done", "created_at", "priority"])
    for task_id, title, done, created_at in OLD_TASKS:
        writer.writerow([task_id, title, done, created_at, 2])
    return buf.getvalue()


def main() -> None:
    g = lv.Grader()
    ws_real = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="sqlite-migration-"))
    try:
        ws = tmp / "ws"  # agent code runs in a copy, so grading never alters the workspace
        shutil.copytree(ws_real, ws, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.db"))
        grade(g, ws, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


def grade(g: lv.Grader, ws: Path, tmp: Path) -> None:
    g.attempt("new numbered migration, applied ones untouched", lambda: migrations_check(ws), 0.5)

    old_db = tmp / "before.db"
    build_production_db(old_db)
    prod = tmp / "prod.db"
    shutil.copyfile(old_db, prod)
    code, out, err = lv.run([sys.executable, "migrate.py", str(prod)], ws, timeout=20)
    try:
        has_column = prod.is_file() and "priority" in columns(prod, "tasks")
        versions = sorted(r[0] for r in query(prod, "SELECT version FROM schema_version"))
    except sqlite3.Error as e:
        has_column, versions = False, f"unreadable: {e}"
    upgraded = code == 0 and has_column and isinstance(versions, list) and versions[:2] == [1, 2] and versions[-1] >= 3
    g.check("existing database upgrades in place", upgraded,
            f"migrate.py exit {code}; priority column {'present' if has_column else 'missing'}; "
            f"schema_version {versions}" + (f"; {lv.one_line(err or out, 80)}" if code else ""), 1.0)

    def data_kept():
        if not has_column:
            return False, "database not upgraded"
        tasks = query(prod, "SELECT id, title, done, created_at FROM tasks ORDER BY id")
        notes = query(prod, "SELECT id, task_id, body, created_at FROM notes ORDER BY id")
        problems = []
        if tasks != OLD_TASKS:
            problems.append(f"tasks: {len(tasks)} rows, {sum(1 for t in tasks if t in OLD_TASKS)}/{len(OLD_TASKS)} intact")
        if notes != NOTES:
            problems.append(f"notes: {len(notes)} rows, {sum(1 for n in notes if n in NOTES)}/{len(NOTES)} intact")
        return not problems, "; ".join(problems) or f"{len(OLD_TASKS)} tasks and {len(NOTES)} notes identical"
    kept = g.attempt("existing tasks and notes preserved", data_kept, 1.0)
    if code == 0 and has_column and not kept:
        g.cap(1.5, "the migration lost or altered production data")

    def backfill():
        rows = query(prod, "SELECT id, priority FROM tasks ORDER BY id") if has_column else []
        wrong = [r for r in rows if r[1] != 2]
        ok = has_column and len(rows) == len(OLD_TASKS) and not wrong
        return ok, (f"{len(rows)} existing tasks, all priority 2" if ok else
                    f"{len(rows)} rows; not normal: {wrong[:5]}" if has_column else "no priority column")
    g.attempt("existing tasks backfilled as normal (2)", backfill, 0.5)

    def idempotent():
        if not upgraded:
            return False, "first upgrade did not succeed"
        before = snapshot(prod)
        code2, out2, err2 = lv.run([sys.executable, "migrate.py", str(prod)], ws, timeout=20)
        if code2 != 0:
            return False, f"second run exit {code2}: {lv.one_line(err2 or out2, 80)}"
        return snapshot(prod) == before, "second run changed nothing" if snapshot(prod) == before else "second run changed the database"
    g.attempt("re-running migrate.py is a no-op", idempotent, 0.5)

    api_db = tmp / "api.db"
    shutil.copyfile(prod, api_db)
    obs = drive(ws, api_db, "api") if upgraded else {"fatal": "database not upgraded"}
    g.attempt("priority API on the upgraded database", lambda: api_check(obs), 1.25)

    def export():
        got = value(obs, "csv_before")
        if got is None:
            return False, obs.get("fatal") or f"export_csv failed: {obs.get('csv_before')}"
        want = expected_csv()
        if got == want:
            return True, "header + 11 rows in id order, priority last"
        got_lines, want_lines = got.splitlines(), want.splitlines()
        diff = next((i for i, (a, b) in enumerate(zip(got_lines, want_lines)) if a != b), min(len(got_lines), len(want_lines)))
        return False, (f"line {diff + 1}: got {got_lines[diff] if diff < len(got_lines) else '<none>'!r}, "
                       f"want {want_lines[diff] if diff < len(want_lines) else '<none>'!r}")
    g.attempt("CSV export: priority appended, rows unchanged", export, 0.5)

    def ids_not_reused():
        new_id = (value(obs, "new_high") or {}).get("id")
        return new_id is not None and new_id > DELETED_ID, (
            f"first new task got id {new_id} (deleted id {DELETED_ID} must not come back)")
    g.attempt("deleted ids are not reused", ids_not_reused, 0.25)

    def fresh():
        path = tmp / "fresh.db"
        code3, out3, err3 = lv.run([sys.executable, "migrate.py", str(path)], ws, timeout=20)
        if code3 != 0:
            return False, f"migrate.py on a new file: exit {code3}: {lv.one_line(err3 or out3, 80)}"
        fobs = drive(ws, path, "fresh")
        added = value(fobs, "add_low") or {}
        listed = value(fobs, "list") or []
        ok = added.get("priority") == 3 and [t.get("priority") for t in listed] == [3]
        return ok, "new database migrates and stores priorities" if ok else f"{fobs.get('fatal') or fobs}"
    g.attempt("fresh database gets the full schema", fresh, 0.5)

    def refuses_unmigrated():
        path = tmp / "unmigrated.db"
        shutil.copyfile(old_db, path)
        uobs = drive(ws, path, "connect_only")
        connect = uobs.get("connect") or {}
        ok = connect.get("ok") is False and uobs.get("schema_error_class") is True
        return ok, ("db.connect() raises SchemaError on a version-2 database" if ok else
                    f"db.connect() on a version-2 database: {uobs.get('fatal') or connect}")
    g.attempt("code refuses an un-migrated database", refuses_unmigrated, 0.5)

    def cli():
        if not upgraded:
            return False, "database not upgraded"
        path = tmp / "cli.db"
        shutil.copyfile(prod, path)
        code4, out4, err4 = lv.run([sys.executable, "tasklog.py", "--db", str(path), "add", "Call the plumber",
                                    "--priority", "1"], ws, timeout=20)
        rows = query(path, "SELECT priority FROM tasks WHERE title = 'Call the plumber'") if code4 == 0 else []
        return rows == [(1,)], f"exit {code4}, stored {rows}" + (f"; {lv.one_line(err4, 80)}" if code4 else "")
    g.attempt("tasklog.py add --priority", cli, 0.25)


if __name__ == "__main__":
    main()
