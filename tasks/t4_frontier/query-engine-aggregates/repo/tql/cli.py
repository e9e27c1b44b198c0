"""Command line: python3 -m tql --data DIR [--format table|csv|json] QUERY

Exit codes: 0 success, 1 the query was rejected (message on stderr), 2 bad usage or an unreadable table.
"""
import argparse
import csv
import json
import sys

from . import Database
from .errors import CatalogError, QueryError
from .values import to_text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="tql", description="Query typed CSV files with SQL-flavoured SELECTs.")
    ap.add_argument("--data", required=True, help="folder of .csv tables")
    ap.add_argument("--format", choices=("table", "csv", "json"), default="table")
    ap.add_argument("query")
    args = ap.parse_args(argv)
    try:
        db = Database.from_dir(args.data)
    except (CatalogError, OSError) as e:
        print(f"tql: {e}", file=sys.stderr)
        return 2
    try:
        result = db.query(args.query)
    except QueryError as e:
        print(f"tql: {e}", file=sys.stderr)
        if e.pos is not None:
            print("  " + args.query, file=sys.stderr)
            print("  " + " " * e.pos + "^", file=sys.stderr)
        return 1
    write(result, args.format, sys.stdout)
    return 0


def write(result, fmt: str, out):
    if fmt == "json":
        json.dump({"columns": result.columns, "rows": [list(r) for r in result.rows]}, out)
        out.write("\n")
    elif fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(result.columns)
        for row in result.rows:
            w.writerow([to_text(v) for v in row])
    else:
        cells = [result.columns] + [["NULL" if v is None else to_text(v) for v in row] for row in result.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(result.columns))]
        for n, row in enumerate(cells):
            out.write("  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() + "\n")
            if n == 0:
                out.write("  ".join("-" * w for w in widths) + "\n")
        out.write(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})\n")
