"""SQLite storage for invoices and prepaid credit.

One connection is shared by all request threads (check_same_thread=False); writes that touch
more than one row take self._lock so they do not interleave.
"""
import sqlite3
import threading
import time
from typing import List, Optional

SCHEMA = """
CREATE TABLE IF NOT EXISTS invoices (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id   TEXT    NOT NULL,
    customer     TEXT    NOT NULL,
    memo         TEXT    NOT NULL DEFAULT '',
    amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
    status       TEXT    NOT NULL DEFAULT 'draft',
    created_at   REAL    NOT NULL
);
CREATE INDEX IF NOT EXISTS invoices_by_account ON invoices (account_id, created_at);
CREATE TABLE IF NOT EXISTS credit (
    account_id    TEXT    PRIMARY KEY,
    balance_cents INTEGER NOT NULL CHECK (balance_cents >= 0)
);
"""

COLUMNS = "id, account_id, customer, memo, amount_cents, status, created_at"


class InsufficientCredit(Exception):
    """The account's prepaid credit does not cover the amount."""


class Database:
    def __init__(self, path: str):
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.executescript(SCHEMA)
        self._lock = threading.Lock()

    def close(self) -> None:
        self._conn.close()

    # -- invoices ------------------------------------------------------------

    def create_invoice(self, account_id: str, customer: str, amount_cents: int, memo: str = "") -> int:
        with self._lock:
            cur = self._conn.execute(
                "INSERT INTO invoices (account_id, customer, memo, amount_cents, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (account_id, customer, memo, amount_cents, time.time()))
            return cur.lastrowid

    def get_invoice(self, invoice_id: int) -> Optional[dict]:
        row = self._conn.execute(f"SELECT {COLUMNS} FROM invoices WHERE id = ?", (invoice_id,)).fetchone()
        return dict(row) if row else None

    def list_invoices(self, account_id: str) -> List[dict]:
        rows = self._conn.execute(
            f"SELECT {COLUMNS} FROM invoices WHERE account_id = ? ORDER BY created_at DESC",
            (account_id,)).fetchall()
        return [dict(r) for r in rows]

    def search_invoices(self, account_id: str, text: str) -> List[dict]:
        """Invoices of the account whose customer or memo contains text."""
        pattern = "%" + text + "%"
        rows = self._conn.execute(
            f"SELECT {COLUMNS} FROM invoices "
            f"WHERE account_id = ? AND (customer LIKE '{pattern}' OR memo LIKE '{pattern}') "
            f"ORDER BY created_at DESC",
            (account_id,)).fetchall()
        return [dict(r) for r in rows]

    def delete_invoice(self, invoice_id: int) -> bool:
        with self._lock:
            cur = self._conn.execute("DELETE FROM invoices WHERE id = ? AND status = 'draft'", (invoice_id,))
            return cur.rowcount == 1

    def mark_paid(self, invoice_id: int) -> None:
        with self._lock:
            self._conn.execute("UPDATE invoices SET status = 'paid' WHERE id = ?", (invoice_id,))

    # -- prepaid credit ------------------------------------------------------

    def credit_balance(self, account_id: str) -> int:
        row = self._conn.execute("SELECT balance_cents FROM credit WHERE account_id = ?",
                                 (account_id,)).fetchone()
        return row["balance_cents"] if row else 0

    def add_credit(self, account_id: str, amount_cents: int) -> None:
        with self._lock:
            self._conn.execute(
                "INSERT INTO credit (account_id, balance_cents) VALUES (?, ?) "
                "ON CONFLICT (account_id) DO UPDATE SET balance_cents = balance_cents + excluded.balance_cents",
                (account_id, amount_cents))

    def redeem_credit(self, account_id: str, amount_cents: int) -> int:
        """Takes amount_cents from the account's credit; returns the new balance."""
        balance = self.credit_balance(account_id)
        if balance < amount_cents:
            raise InsufficientCredit(f"balance {balance} < {amount_cents}")
        new_balance = balance - amount_cents
        self._conn.execute("UPDATE credit SET balance_cents = ? WHERE account_id = ?",
                           (new_balance, account_id))
        return new_balance
