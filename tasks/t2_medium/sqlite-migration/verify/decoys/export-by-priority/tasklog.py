"""tasklog: a small shared to-do list for the office.

Usage:
  python3 tasklog.py [--db tasklog.db] add TITLE [--priority 1|2|3]   (1 = high, default 2)
  python3 tasklog.py [--db tasklog.db] list [--all]
  python3 tasklog.py [--db tasklog.db] done ID
  python3 tasklog.py [--db tasklog.db] note ID TEXT
  python3 tasklog.py [--db tasklog.db] export        (CSV on stdout)

The database must be migrated first: python3 migrate.py tasklog.db
"""
import argparse
import sys

import db


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="A small shared to-do list.")
    parser.add_argument("--db", default="tasklog.db")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add a task")
    add.add_argument("title")
    add.add_argument("--priority", type=int, choices=db.PRIORITIES, default=db.NORMAL,
                     help="1 = high, 2 = normal (default), 3 = low")
    ls = sub.add_parser("list", help="list open tasks")
    ls.add_argument("--all", action="store_true", help="include done tasks")
    done = sub.add_parser("done", help="mark a task done")
    done.add_argument("id", type=int)
    note = sub.add_parser("note", help="attach a note to a task")
    note.add_argument("id", type=int)
    note.add_argument("text")
    sub.add_parser("export", help="all tasks as CSV")
    args = parser.parse_args(argv)

    try:
        conn = db.connect(args.db)
    except db.SchemaError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    try:
        if args.command == "add":
            task = db.add_task(conn, args.title, priority=args.priority)
            print(f"added #{task.id}")
        elif args.command == "list":
            for task in db.list_tasks(conn, include_done=args.all):
                print(f"#{task.id:<4} P{task.priority} [{'x' if task.done else ' '}] {task.title}")
        elif args.command == "done":
            if not db.complete_task(conn, args.id):
                print(f"error: no task #{args.id}", file=sys.stderr)
                return 1
        elif args.command == "note":
            if db.get_task(conn, args.id) is None:
                print(f"error: no task #{args.id}", file=sys.stderr)
                return 1
            db.add_note(conn, args.id, args.text)
        elif args.command == "export":
            db.export_csv(conn, sys.stdout)
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
