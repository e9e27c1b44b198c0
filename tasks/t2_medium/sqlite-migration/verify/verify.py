"""Grades sqlite-migration: a priority column added through a new migration, data kept.

A "production" database is built with the ORIGINAL migrations (pristine/) and filled with
tasks and notes (one task deleted, so the AUTOINCREMENT counter is ahead of the data). The
workspace's migrate.py then upgrades a copy in place; the rows, the backfill, a second run,
the new db.py API, a fresh database and the CLI are checked.

The API is exercised by api_driver.py in a subprocess, which reports what each call returned.
Those reports are the agent code's word, so every one is confirmed against the database this
script reads back itself: the rows a call claims to have added or changed must be there, and
list and export output must match what the database holds. Agent code runs in a scratch copy of
the workspace that also holds the databases (the only folder it is given besides the workspace).
"""
import csv
import importlib.util
import io
import re
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
NEW_TITLES = ("Replace the broken chair", "Water the plants")  # what api_driver.py adds
MIGRATION_FILE = re.compile(r"(\d{4})_[a-z0-9_]+\.(sql|py)")
FEATURE_CAP = 2.0


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
    request = {"workspace": str(ws), "db": str(db_path), "mode": mode}
    record, problem = lv.run_driver([lv.PYTHON, str(HERE / "api_driver.py")], ws, request, timeout=20)
    return record if record is not None else {"fatal": problem}


def value(obs: dict, name: str):
    entry = obs.get(name)
    return entry.get("value") if isinstance(entry, dict) and entry.get("ok") is True else None


def raised_value_error(obs: dict, name: str) -> bool:
    entry = obs.get(name)
    return isinstance(entry, dict) and entry.get("ok") is False and entry.get("value_error") is True


def rows(path: Path) -> list:
    """(id, title, done, created_at, priority) of every task, in id order, as the database holds them."""
    try:
        return query(path, "SELECT id, title, done, created_at, priority FROM tasks ORDER BY id")
    except sqlite3.Error:
        return []


def migrations_check(ws: Path) -> tuple:
    folder = ws / "migrations"
    problems = []
    for original in sorted((PRISTINE / "migrations").iterdir()):
        if lv.sha256(folder / original.name) != lv.sha256(original):
            problems.append(f"{original.name} edited or removed")
    new = sorted(p.name for p in folder.iterdir() if p.is_file() and MIGRATION_FILE.fullmatch(p.name)
                 and int(MIGRATION_FILE.fullmatch(p.name).group(1)) >= 3) if folder.is_dir() else []
    if not new:
        problems.append("no new migration NNNN_*.sql with version >= 3")
    return not problems, "; ".join(problems) or f"0001/0002 unchanged; new: {', '.join(new)}"


def api_check(obs: dict, db_path: Path) -> tuple:
    """The API observations, each confirmed against the database read back after the driver ran."""
    if "fatal" in obs:
        return False, obs["fatal"]
    table = rows(db_path)
    by_id = {r[0]: r for r in table}
    problems = []
    old = value(obs, "old_task") or {}
    if old.get("priority") != 2 or old.get("title") != "Book the team lunch":
        problems.append(f"get_task(3) -> {old or obs.get('old_task')}")
    high, default = value(obs, "new_high") or {}, value(obs, "new_default") or {}
    if high.get("priority") != 1 or by_id.get(high.get("id"), ())[1:2] != ("Replace the broken chair",) \
            or by_id[high["id"]][4] != 1:
        problems.append(f"add_task(priority=1) -> {high or obs.get('new_high')}; "
                        f"database row {by_id.get(high.get('id'))}")
    if value(obs, "set_ok") is not True or (value(obs, "after_set") or {}).get("priority") != 3:
        problems.append(f"set_priority(id, 3) -> {obs.get('set_ok')}, then {obs.get('after_set')}")
    elif by_id.get(default.get("id"), ())[1:2] != ("Water the plants",) or by_id[default["id"]][4] != 3:
        problems.append(f"added 'Water the plants' and set it to 3, database row {by_id.get(default.get('id'))}")
    if value(obs, "set_missing") is not False:
        problems.append(f"set_priority(99999, 1) -> {obs.get('set_missing')}")
    for name in ("bad_add_0", "bad_add_4", "bad_set_5"):
        if not raised_value_error(obs, name):
            problems.append(f"{name}: no ValueError ({obs.get(name)})")
    if any(r[1] == "bad priority" for r in table):
        problems.append("a rejected add_task still stored a row")
    if by_id.get(3, (None,) * 5)[4] != 2:
        problems.append(f"a rejected set_priority(3, 5) changed task 3: {by_id.get(3)}")
    # list_tasks is judged against the order the database content calls for, not against itself
    want_open = [r[0] for r in sorted((r for r in table if not r[2]), key=lambda r: (r[4], r[0]))]
    want_all = [r[0] for r in sorted(table, key=lambda r: (r[4], r[0]))]
    for name, want in (("list_open", want_open), ("list_all", want_all)):
        got = [t.get("id") for t in value(obs, name) or [] if isinstance(t, dict)]
        if got != want or not want:
            problems.append(f"{name.replace('_', '(')}) ids {got} != {want}")
    return not problems, "; ".join(problems) or "add/get/set_priority/list/validation as specified, rows confirmed"


def expected_csv(table: list) -> str:
    """The export the finance sheet expects: the old columns in id order, priority appended."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "title", "done", "created_at", "priority"])
    for row in table:
        writer.writerow(row)
    return buf.getvalue()


def csv_diff(got, want: str) -> str:
    if not isinstance(got, str):
        return f"export_csv gave {got!r}"[:120]
    got_lines, want_lines = got.splitlines(), want.splitlines()
    diff = next((i for i, (a, b) in enumerate(zip(got_lines, want_lines)) if a != b),
                min(len(got_lines), len(want_lines)))
    return (f"line {diff + 1}: got {got_lines[diff] if diff < len(got_lines) else '<none>'!r}, "
            f"want {want_lines[diff] if diff < len(want_lines) else '<none>'!r}")


def main() -> None:
    g = lv.Grader()
    ws_real = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="sqlite-migration-"))
    try:
        ws = tmp / "ws"  # agent code runs in a copy, so grading never alters the workspace
        lv.copy_tree(ws_real, ws)
        for stale in ws.glob("*.db"):
            if stale.is_file():
                stale.unlink()
        dbs = ws / ".lanebench-dbs"  # inside the copy: the run's only writable folder besides the workspace
        shutil.rmtree(dbs, ignore_errors=True)
        dbs.mkdir()
        grade(g, ws, dbs)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


def grade(g: lv.Grader, ws: Path, dbs: Path) -> None:
    g.attempt("new numbered migration, applied ones untouched", lambda: migrations_check(ws), 0.5)

    old_db = dbs / "before.db"
    build_production_db(old_db)
    prod = dbs / "prod.db"
    shutil.copyfile(old_db, prod)
    code, out, err = lv.run([lv.PYTHON, "migrate.py", str(prod)], ws, timeout=20)
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
        code2, out2, err2 = lv.run([lv.PYTHON, "migrate.py", str(prod)], ws, timeout=20)
        if code2 != 0:
            return False, f"second run exit {code2}: {lv.one_line(err2 or out2, 80)}"
        return snapshot(prod) == before, "second run changed nothing" if snapshot(prod) == before else "second run changed the database"
    g.attempt("re-running migrate.py is a no-op", idempotent, 0.5)

    api_db = dbs / "api.db"
    shutil.copyfile(prod, api_db)
    obs = drive(ws, api_db, "api") if upgraded else {"fatal": "database not upgraded"}
    api_ok = g.attempt("priority API on the upgraded database", lambda: api_check(obs, api_db), 1.25)

    def export():
        problems = []
        if "fatal" in obs:
            return False, obs["fatal"]
        want_before = expected_csv([row + (2,) for row in OLD_TASKS])
        if value(obs, "csv_before") != want_before:
            problems.append("before new tasks: " + csv_diff(value(obs, "csv_before") or obs.get("csv_before"), want_before))
        table = rows(api_db)
        want_after = expected_csv(table)
        if not any(r[1] in NEW_TITLES for r in table):
            problems.append("the tasks the driver added are not in the database")
        elif value(obs, "csv_after") != want_after:
            problems.append("with priorities 1-3 in the table: "
                            + csv_diff(value(obs, "csv_after") or obs.get("csv_after"), want_after))
        return not problems, "; ".join(problems) or "header + rows in id order, priority last, as the database holds them"
    g.attempt("CSV export: priority appended, rows unchanged, id order kept", export, 0.5)

    def ids_not_reused():
        new_ids = [r[0] for r in rows(api_db) if r[1] in NEW_TITLES]
        return bool(new_ids) and min(new_ids) > DELETED_ID, (
            f"new tasks got ids {new_ids} (deleted id {DELETED_ID} must not come back)")
    g.attempt("deleted ids are not reused", ids_not_reused, 0.25)

    def fresh():
        path = dbs / "fresh.db"
        code3, out3, err3 = lv.run([lv.PYTHON, "migrate.py", str(path)], ws, timeout=20)
        if code3 != 0:
            return False, f"migrate.py on a new file: exit {code3}: {lv.one_line(err3 or out3, 80)}"
        fobs = drive(ws, path, "fresh")
        added = value(fobs, "add_low") or {}
        listed = value(fobs, "list") or []
        stored = [(r[1], r[4]) for r in rows(path)]
        ok = (added.get("priority") == 3 and [t.get("priority") for t in listed if isinstance(t, dict)] == [3]
              and stored == [("fresh low", 3)])
        return ok, "new database migrates and stores priorities" if ok else \
            lv.one_line(f"{fobs.get('fatal') or fobs}; database holds {stored}", 200)
    g.attempt("fresh database gets the full schema", fresh, 0.5)

    def refuses_unmigrated():
        path = dbs / "unmigrated.db"
        shutil.copyfile(old_db, path)
        before = snapshot(path)
        uobs = drive(ws, path, "connect_only")
        connect = uobs.get("connect") if isinstance(uobs.get("connect"), dict) else {}
        untouched = snapshot(path) == before
        ok = connect.get("ok") is False and uobs.get("schema_error_class") is True and untouched
        return ok, ("db.connect() raises SchemaError on a version-2 database, which stays as it was" if ok else
                    f"db.connect() on a version-2 database: {uobs.get('fatal') or connect}"
                    + ("" if untouched else "; the database was changed"))
    g.attempt("code refuses an un-migrated database", refuses_unmigrated, 0.5)

    def cli():
        if not upgraded:
            return False, "database not upgraded"
        path = dbs / "cli.db"
        shutil.copyfile(prod, path)
        code4, out4, err4 = lv.run([lv.PYTHON, "tasklog.py", "--db", str(path), "add", "Call the plumber",
                                    "--priority", "1"], ws, timeout=20)
        stored = [(r[1], r[4]) for r in rows(path) if r[1] == "Call the plumber"] if code4 == 0 else []
        return stored == [("Call the plumber", 1)], f"exit {code4}, stored {stored}" + (
            f"; {lv.one_line(err4, 80)}" if code4 else "")
    cli_ok = g.attempt("tasklog.py add --priority", cli, 0.25)
    if upgraded and not api_ok and not cli_ok:
        g.cap(FEATURE_CAP, "priorities cannot be used through db.py or the CLI: only the schema changed")


if __name__ == "__main__":
    main()
