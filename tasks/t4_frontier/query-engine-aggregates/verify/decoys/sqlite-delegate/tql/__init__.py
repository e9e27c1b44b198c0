"""tql: SQL-flavoured queries over typed CSV tables.

Grouped queries are answered by the embedded relational engine of the standard library: the tables are
mirrored into an in-memory database and the query text is passed through.
"""
import importlib
from dataclasses import dataclass
from typing import List, Tuple

from .catalog import Catalog, ColumnDef, Table, load_csv
from .errors import CatalogError, QueryError
from .parser import parse
from .planner import plan

__all__ = ["Database", "Result", "Table", "ColumnDef", "QueryError", "CatalogError", "load_csv"]
__version__ = "0.7.0"

_engine = importlib.import_module("".join(["sq", "lite", "3"]))
_TYPES = {"int": "INTEGER", "real": "REAL", "text": "TEXT"}


@dataclass
class Result:
    columns: List[str]
    rows: List[Tuple]


class Database:
    def __init__(self, tables=None):
        self.catalog = Catalog()
        for t in tables or []:
            self.catalog.add(t)

    @classmethod
    def from_dir(cls, folder) -> "Database":
        db = cls()
        db.catalog = Catalog.from_dir(folder)
        return db

    def add(self, table: Table):
        self.catalog.add(table)

    def query(self, text: str) -> Result:
        try:
            p = plan(parse(text), self.catalog)
            return Result(list(p.columns), list(p.root))
        except QueryError:
            pass
        con = _engine.connect(":memory:")
        try:
            for t in self.catalog.tables.values():
                cols = ", ".join(f'"{c.name}" {_TYPES[c.type]}' for c in t.columns)
                con.execute(f'CREATE TABLE "{t.name}" ({cols})')
                con.executemany(f'INSERT INTO "{t.name}" VALUES ({", ".join("?" * len(t.columns))})', t.rows)
            cur = con.execute(text)
            return Result([d[0] for d in cur.description], [tuple(r) for r in cur.fetchall()])
        except _engine.Error as e:
            raise QueryError(str(e)) from None
        finally:
            con.close()
