"""Tables and where they come from: typed CSV files, one table per file.

The header row names each column and may give its type after a colon: `qty:int`, `price:real`,
`name:text` (text is the default). An empty cell is NULL in every column type. A value that does not
fit its column type is a CatalogError naming the file, line and column.
"""
import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Tuple

from .errors import CatalogError, QueryError

COLUMN_TYPES = ("int", "real", "text")


@dataclass(frozen=True)
class ColumnDef:
    name: str
    type: str = "text"


@dataclass
class Table:
    name: str
    columns: List[ColumnDef]
    rows: List[Tuple] = field(default_factory=list)

    def column_names(self) -> List[str]:
        return [c.name for c in self.columns]

    def insert(self, *values):
        """Adds one row, checked against the column types (used by tests and by load_csv)."""
        if len(values) != len(self.columns):
            raise CatalogError(f"{self.name}: expected {len(self.columns)} values, got {len(values)}")
        row = []
        for col, v in zip(self.columns, values):
            row.append(_check(self.name, col, v))
        self.rows.append(tuple(row))


def _check(table: str, col: ColumnDef, v):
    if v is None:
        return None
    ok = {"int": lambda x: isinstance(x, int) and not isinstance(x, bool),
          "real": lambda x: isinstance(x, (int, float)) and not isinstance(x, bool),
          "text": lambda x: isinstance(x, str)}[col.type](v)
    if not ok:
        raise CatalogError(f"{table}.{col.name}: {v!r} is not a {col.type} value")
    return float(v) if col.type == "real" else v


def parse_header(name: str, header: List[str]) -> List[ColumnDef]:
    columns, seen = [], set()
    for cell in header:
        col, _, typ = cell.strip().partition(":")
        col, typ = col.strip().lower(), (typ.strip().lower() or "text")
        if not col:
            raise CatalogError(f"{name}: empty column name in the header")
        if typ not in COLUMN_TYPES:
            raise CatalogError(f"{name}: column {col!r} has unknown type {typ!r} (use int, real or text)")
        if col in seen:
            raise CatalogError(f"{name}: column {col!r} appears twice")
        seen.add(col)
        columns.append(ColumnDef(col, typ))
    return columns


def load_csv(path) -> Table:
    path = Path(path)
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise CatalogError(f"{path}: empty file (a header row is required)") from None
        table = Table(path.stem.lower(), parse_header(path.name, header))
        for cells in reader:
            if not cells or cells == [""]:
                continue
            if len(cells) != len(table.columns):
                raise CatalogError(f"{path}:{reader.line_num}: expected {len(table.columns)} cells, got {len(cells)}")
            table.rows.append(tuple(_convert(path, reader.line_num, c, cell) for c, cell in zip(table.columns, cells)))
    return table


def _convert(path: Path, line: int, col: ColumnDef, cell: str):
    if cell == "":
        return None
    try:
        if col.type == "int":
            return int(cell)
        if col.type == "real":
            return float(cell)
    except ValueError:
        raise CatalogError(f"{path}:{line}: column {col.name}: {cell!r} is not a {col.type} value") from None
    return cell


class Catalog:
    """The tables a query can name."""

    def __init__(self, tables: Dict[str, Table] = None):
        self.tables: Dict[str, Table] = dict(tables or {})

    def add(self, table: Table):
        self.tables[table.name.lower()] = table

    def get(self, name: str, pos: int = None) -> Table:
        table = self.tables.get(name.lower())
        if table is None:
            known = ", ".join(sorted(self.tables)) or "none"
            raise QueryError(f"no such table: {name} (known tables: {known})", pos)
        return table

    @classmethod
    def from_dir(cls, folder) -> "Catalog":
        catalog = cls()
        for path in sorted(Path(folder).glob("*.csv")):
            catalog.add(load_csv(path))
        return catalog
