"""tql: SQL-flavoured queries over typed CSV tables, standard library only.

    db = tql.Database.from_dir("data/")
    result = db.query("SELECT region, qty * price AS total FROM sales WHERE qty > 2 ORDER BY total DESC")
    result.columns   # ['region', 'total']
    result.rows      # [('north', 81.0), ...]
"""
from dataclasses import dataclass
from typing import List, Tuple

from .catalog import Catalog, ColumnDef, Table, load_csv
from .errors import CatalogError, QueryError
from .parser import parse
from .planner import plan

__all__ = ["Database", "Result", "Table", "ColumnDef", "QueryError", "CatalogError", "load_csv"]
__version__ = "0.6.1"


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
        p = plan(parse(text), self.catalog)
        return Result(list(p.columns), list(p.root))
