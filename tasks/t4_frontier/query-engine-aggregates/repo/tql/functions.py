"""Scalar functions callable from queries. Each takes already-evaluated argument values."""
import math

from .errors import QueryError
from .values import ascii_lower, is_number, to_text, type_name


def _lower(v):
    return None if v is None else ascii_lower(to_text(v))


def _upper(v):
    return None if v is None else to_text(v).translate({c: c - 32 for c in range(ord("a"), ord("z") + 1)})


def _length(v):
    return None if v is None else len(to_text(v))


def _abs(v):
    if v is None:
        return None
    if not is_number(v):
        raise QueryError(f"abs() of a {type_name(v)} value")
    return abs(v)


def _coalesce(*args):
    for v in args:
        if v is not None:
            return v
    return None


def _nullif(a, b):
    if a is not None and b is not None and type(a) is type(b) and a == b:
        return None
    return a


def _round(v, digits=0):
    """Rounds half away from zero; always REAL, like the rest of the docs promise."""
    if v is None or digits is None:
        return None
    if not is_number(v) or not isinstance(digits, int):
        raise QueryError("round() takes a number and an integer digit count")
    scale = 10.0 ** max(0, digits)
    return math.copysign(math.floor(abs(v) * scale + 0.5) / scale, v)


def _substr(v, start, length=None):
    if v is None or start is None:
        return None
    s = to_text(v)
    begin = max(start - 1, 0) if start > 0 else max(len(s) + start, 0)
    if length is None:
        return s[begin:]
    return s[begin:begin + max(length, 0)]


# name -> (function, minimum argument count, maximum argument count or None for any)
SCALAR = {
    "lower": (_lower, 1, 1),
    "upper": (_upper, 1, 1),
    "length": (_length, 1, 1),
    "abs": (_abs, 1, 1),
    "coalesce": (_coalesce, 2, None),
    "nullif": (_nullif, 2, 2),
    "round": (_round, 1, 2),
    "substr": (_substr, 2, 3),
}


def lookup(name: str, argc: int, pos: int = None):
    """The function for a call of `name` with `argc` arguments, or a QueryError saying what is wrong."""
    entry = SCALAR.get(name)
    if entry is None:
        raise QueryError(f"unknown function {name}()", pos)
    fn, lo, hi = entry
    if argc < lo or (hi is not None and argc > hi):
        want = f"{lo}" if lo == hi else (f"at least {lo}" if hi is None else f"{lo} to {hi}")
        raise QueryError(f"{name}() takes {want} arguments, got {argc}", pos)
    return fn
