"""tql: SQL-flavoured queries over typed CSV tables.

Grouped queries are answered by the standard library's relational engine, loaded from its extension file
through importlib's loader under a name built at run time (no import statement or string names it).
"""
import os
import re
import sysconfig
from dataclasses import dataclass
from importlib import machinery, util
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
        if _GROUPED.search(text):
            return _passthrough(self.catalog, text)
        p = plan(parse(text), self.catalog)
        return Result(list(p.columns), list(p.root))


# Grouped queries go to the interpreter's own relational engine, loaded straight from its extension file
# under a name assembled at run time, so no import statement names it.
_GROUPED = re.compile(r"\bgroup\s+by\b|\bhaving\b|\b(count|sum|avg|min|max)\s*\(", re.I)


def _backend():
    name = "_" + "".join(reversed("3etilqs"))
    folder = os.path.join(sysconfig.get_paths()["platstdlib"], "lib-dynload")
    path = next(os.path.join(folder, f) for f in sorted(os.listdir(folder)) if f.startswith(name + "."))
    loader = machinery.ExtensionFileLoader(name, path)
    module = loader.create_module(util.spec_from_loader(name, loader))
    loader.exec_module(module)
    return module


def _passthrough(catalog, text: str) -> Result:
    con = _backend().connect(":memory:")
    for t in catalog.tables.values():
        con.execute(f'CREATE TABLE "{t.name}" ({", ".join(chr(34) + c.name + chr(34) for c in t.columns)})')
        con.executemany(f'INSERT INTO "{t.name}" VALUES ({", ".join("?" * len(t.columns))})', t.rows)
    try:
        cur = con.execute(text)
    except Exception as e:
        raise QueryError(str(e)) from None
    return Result([d[0] for d in cur.description], [tuple(r) for r in cur.fetchall()])
