"""Operators of a query plan. Each is an iterable of row tuples pulling from its child."""
import functools
from typing import Callable, Iterator, List, Optional, Tuple

from . import values
from .catalog import Table


class Operator:
    def __iter__(self) -> Iterator[tuple]:
        raise NotImplementedError


class Scan(Operator):
    def __init__(self, table: Table):
        self.table = table

    def __iter__(self):
        return iter(self.table.rows)


class Filter(Operator):
    """Keeps the rows whose condition is true; false and NULL (unknown) both drop the row."""

    def __init__(self, child: Operator, condition: Callable[[tuple], object]):
        self.child, self.condition = child, condition

    def __iter__(self):
        for row in self.child:
            if values.truth(self.condition(row)) is True:
                yield row


class Project(Operator):
    def __init__(self, child: Operator, exprs: List[Callable[[tuple], object]]):
        self.child, self.exprs = child, exprs

    def __iter__(self):
        exprs = self.exprs
        for row in self.child:
            yield tuple(e(row) for e in exprs)


class Distinct(Operator):
    """Drops rows whose first `width` values repeat an earlier row's (NULLs are equal here)."""

    def __init__(self, child: Operator, width: int):
        self.child, self.width = child, width

    def __iter__(self):
        seen = set()
        for row in self.child:
            key = tuple(_distinct_key(v) for v in row[:self.width])
            if key not in seen:
                seen.add(key)
                yield row


def _distinct_key(v):
    # 1 and 1.0 are the same value; 1 and '1' are not.
    return ("n", v) if values.is_number(v) else ("t", v)


class Aggregate(Operator):
    """Groups rows by key functions and yields one row per group: key values, then aggregate results.

    `whole_input` (a grouped query without GROUP BY) makes the whole input one group, so there is
    exactly one output row even for an empty input.
    """

    def __init__(self, child: Operator, keys: List[Callable[[tuple], object]], aggregates: list,
                 whole_input: bool):
        self.child, self.keys, self.aggregates, self.whole_input = child, keys, aggregates, whole_input

    def __iter__(self):
        groups = {}
        for row in self.child:
            key = tuple(k(row) for k in self.keys)
            slot = tuple(_distinct_key(v) for v in key)
            group = groups.get(slot)
            if group is None:
                group = groups[slot] = (key, [make() for make, _ in self.aggregates])
            for acc, (_, arg) in zip(group[1], self.aggregates):
                acc.add(row if arg is None else arg(row))
        if not groups and self.whole_input:
            groups[()] = ((), [make() for make, _ in self.aggregates])
        for key, accs in groups.values():
            yield key + tuple(a.result() for a in accs)


class Sort(Operator):
    """Sorts on (position, descending) keys; NULLs first ascending, last descending."""

    def __init__(self, child: Operator, keys: List[Tuple[int, bool]]):
        self.child, self.keys = child, keys

    def __iter__(self):
        rows = list(self.child)
        keys = self.keys

        def cmp(a, b):
            for i, desc in keys:
                ka, kb = values.sort_key(a[i]), values.sort_key(b[i])
                if ka != kb:
                    c = -1 if ka < kb else 1
                    return -c if desc else c
            return 0
        rows.sort(key=functools.cmp_to_key(cmp))
        return iter(rows)


class Slice(Operator):
    def __init__(self, child: Operator, offset: int, limit: Optional[int]):
        self.child, self.offset, self.limit = child, offset, limit

    def __iter__(self):
        n = 0
        for i, row in enumerate(self.child):
            if i < self.offset:
                continue
            if self.limit is not None and n >= self.limit:
                return
            n += 1
            yield row


class Strip(Operator):
    """Cuts rows down to their first `width` values (drops the hidden ORDER BY keys)."""

    def __init__(self, child: Operator, width: int):
        self.child, self.width = child, width

    def __iter__(self):
        w = self.width
        for row in self.child:
            yield row[:w]
