"""Hidden driver: exercises the workspace's db.py on a given database and reports observations.

Reads {"nonce", "workspace", "db", "mode"} as JSON on stdin before importing workspace code,
and prints one line: nonce + JSON. Modes: "api" (upgraded production copy), "fresh" (a newly
migrated database), "connect_only" (an un-migrated database that connect() should refuse).
Every step is wrapped, so one failing call is recorded and the rest still run. Nothing is judged
here: the grader compares the observations with the database it reads back afterwards.
"""
import io
import json
import sys

request = json.loads(sys.stdin.read())
sys.path.insert(0, request["workspace"])
obs = {}


def task_dict(task):
    if task is None:
        return None
    return {"id": getattr(task, "id", None), "title": getattr(task, "title", None),
            "done": getattr(task, "done", None), "priority": getattr(task, "priority", "<no attribute>")}


def step(name, fn):
    try:
        obs[name] = {"ok": True, "value": fn()}
    except BaseException as e:  # report, keep going
        obs[name] = {"ok": False, "type": type(e).__name__, "value_error": isinstance(e, ValueError),
                     "message": str(e)[:200]}


def export(conn):
    buf = io.StringIO()
    db.export_csv(conn, buf)
    return buf.getvalue()


def run():
    global db
    import db
    if request["mode"] == "connect_only":
        step("connect", lambda: (db.connect(request["db"]).close(), "connected")[1])
        schema_error = getattr(db, "SchemaError", None)
        obs["schema_error_class"] = obs["connect"].get("type") == getattr(schema_error, "__name__", "-")
        return
    conn = db.connect(request["db"])
    if request["mode"] == "fresh":
        step("add_low", lambda: task_dict(db.add_task(conn, "fresh low", priority=3)))
        step("list", lambda: [task_dict(t) for t in db.list_tasks(conn)])
        conn.close()
        return
    step("csv_before", lambda: export(conn))
    step("old_task", lambda: task_dict(db.get_task(conn, 3)))
    step("new_high", lambda: task_dict(db.add_task(conn, "Replace the broken chair", priority=1)))
    step("new_default", lambda: task_dict(db.add_task(conn, "Water the plants")))
    new_default_id = (obs["new_default"].get("value") or {}).get("id")
    step("set_ok", lambda: db.set_priority(conn, new_default_id, 3))
    step("after_set", lambda: task_dict(db.get_task(conn, new_default_id)))
    step("set_missing", lambda: db.set_priority(conn, 99999, 1))
    step("bad_add_0", lambda: task_dict(db.add_task(conn, "bad priority", priority=0)))
    step("bad_add_4", lambda: task_dict(db.add_task(conn, "bad priority", priority=4)))
    step("bad_set_5", lambda: db.set_priority(conn, 3, 5))
    step("list_open", lambda: [task_dict(t) for t in db.list_tasks(conn)])
    step("list_all", lambda: [task_dict(t) for t in db.list_tasks(conn, include_done=True)])
    step("csv_after", lambda: export(conn))
    conn.close()


try:
    run()
except BaseException as e:
    obs["fatal"] = f"{type(e).__name__}: {str(e)[:200]}"
sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(obs, default=repr) + "\n")
sys.stdout.flush()
