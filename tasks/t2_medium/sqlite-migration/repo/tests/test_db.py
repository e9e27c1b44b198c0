"""Tests of the data-access layer against a freshly migrated temporary database."""
import io
import sqlite3
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import db  # noqa: E402
import migrate  # noqa: E402


class DbTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.path = str(Path(self.tmp.name) / "test.db")
        migrate.migrate(self.path)
        self.conn = db.connect(self.path)

    def tearDown(self):
        self.conn.close()
        self.tmp.cleanup()

    def test_add_and_get(self):
        task = db.add_task(self.conn, "  write tests ", now="2024-01-02T03:04:05+00:00")
        self.assertEqual(task.title, "write tests")
        self.assertFalse(task.done)
        self.assertEqual(db.get_task(self.conn, task.id), task)

    def test_list_hides_done_tasks(self):
        a = db.add_task(self.conn, "a")
        b = db.add_task(self.conn, "b")
        db.complete_task(self.conn, a.id)
        self.assertEqual([t.id for t in db.list_tasks(self.conn)], [b.id])
        self.assertEqual([t.id for t in db.list_tasks(self.conn, include_done=True)], [a.id, b.id])

    def test_notes_go_with_their_task(self):
        task = db.add_task(self.conn, "a")
        db.add_note(self.conn, task.id, "first")
        self.assertEqual(db.notes_for(self.conn, task.id), ["first"])
        db.delete_task(self.conn, task.id)
        self.assertEqual(db.notes_for(self.conn, task.id), [])

    def test_export_csv(self):
        db.add_task(self.conn, "a, with comma", now="2024-01-02T03:04:05+00:00")
        out = io.StringIO()
        self.assertEqual(db.export_csv(self.conn, out), 1)
        self.assertEqual(out.getvalue().splitlines()[0], "id,title,done,created_at")
        self.assertIn('"a, with comma"', out.getvalue())

    def test_migrate_is_idempotent(self):
        self.assertEqual(migrate.migrate(self.path), [])

    def test_connect_refuses_unmigrated_database(self):
        empty = str(Path(self.tmp.name) / "empty.db")
        sqlite3.connect(empty).close()
        with self.assertRaises(db.SchemaError):
            db.connect(empty)


if __name__ == "__main__":
    unittest.main()
