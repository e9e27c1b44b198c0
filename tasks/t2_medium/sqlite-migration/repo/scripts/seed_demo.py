"""Builds a demo database with a few tasks and notes: python3 scripts/seed_demo.py demo.db

Handy for trying the CLI; it migrates the file first, so it also works on an empty path.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import db  # noqa: E402
import migrate  # noqa: E402

DEMO = [
    ("Order printer toner", False, ["Brother TN-2420, two boxes"]),
    ("Renew domain example.org", True, []),
    ("Book the team lunch", False, ["Friday, 12 people", "Ask about vegan options"]),
    ("Fix the meeting room HDMI cable", False, []),
    ("Send Q2 expense reports", True, ["Due on the 5th"]),
]


def main(path: str) -> None:
    migrate.migrate(path)
    conn = db.connect(path)
    for title, done, notes in DEMO:
        task = db.add_task(conn, title)
        for body in notes:
            db.add_note(conn, task.id, body)
        if done:
            db.complete_task(conn, task.id)
    conn.close()
    print(f"seeded {len(DEMO)} tasks into {path}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo.db")
