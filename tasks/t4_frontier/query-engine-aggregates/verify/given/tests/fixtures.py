"""A small in-memory database shared by the query tests."""
import tql
from tql.catalog import ColumnDef, Table


def sample_db() -> tql.Database:
    sales = Table("sales", [ColumnDef("id", "int"), ColumnDef("region", "text"), ColumnDef("rep", "text"),
                            ColumnDef("qty", "int"), ColumnDef("price", "real")])
    for row in [
        (1, "north", "ana", 3, 2.5),
        (2, "north", "ben", 1, 10.0),
        (3, "south", "cleo", 5, 2.5),
        (4, "south", "cleo", 2, 7.25),
        (5, "east", "dev", None, 2.5),
        (6, None, "eli", 4, 9.5),
        (7, "north", "ana", 1, None),
    ]:
        sales.insert(*row)
    empty = Table("empty", [ColumnDef("a", "int"), ColumnDef("b", "text")])
    return tql.Database([sales, empty])
