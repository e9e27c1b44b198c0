"""The value model: NULL (None), INTEGER (int), REAL (float) and TEXT (str), and every operation on them.

The rules follow docs/language.md section 3:
- NULL propagates through arithmetic, comparison and concatenation; AND/OR/NOT use three-valued logic.
- Comparisons and logical operators yield 1, 0 or NULL (there is no separate boolean type).
- INTEGER op INTEGER stays INTEGER; `/` truncates toward zero and `%` takes the sign of the dividend;
  dividing by zero yields NULL. Anything with a REAL is REAL.
- Numbers compare numerically with each other; every number sorts before every TEXT; TEXT compares by
  code point. NULL sorts before everything.
"""
import math

from .errors import QueryError

TYPE_NAMES = {type(None): "NULL", int: "INTEGER", float: "REAL", str: "TEXT"}


def type_name(v) -> str:
    return TYPE_NAMES.get(type(v), type(v).__name__)


def is_number(v) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


# ---------------------------------------------------------------- comparison

def compare(a, b):
    """-1, 0 or 1 for two non-NULL values; None when either is NULL."""
    if a is None or b is None:
        return None
    if is_number(a) and is_number(b):
        return (a > b) - (a < b)
    if is_number(a):
        return -1
    if is_number(b):
        return 1
    return (a > b) - (a < b)


def sort_key(v):
    """Key that orders values as ORDER BY does ascending: NULL, then numbers, then text."""
    if v is None:
        return (0, 0)
    if is_number(v):
        return (1, v)
    return (2, v)


def same(a, b) -> bool:
    """Whether two values are indistinct (DISTINCT, IN lists): NULL is the same as NULL here."""
    if a is None or b is None:
        return a is None and b is None
    return compare(a, b) == 0


_COMPARATORS = {
    "=": lambda c: c == 0, "==": lambda c: c == 0, "!=": lambda c: c != 0, "<>": lambda c: c != 0,
    "<": lambda c: c < 0, "<=": lambda c: c <= 0, ">": lambda c: c > 0, ">=": lambda c: c >= 0,
}


def comparison(op: str, a, b):
    c = compare(a, b)
    if c is None:
        return None
    return 1 if _COMPARATORS[op](c) else 0


# ---------------------------------------------------------------- logic

def truth(v):
    """True, False or None (unknown) for a value used as a condition."""
    if v is None:
        return None
    if is_number(v):
        return v != 0
    raise QueryError(f"a {type_name(v)} value cannot be used as a condition")


def logical_and(a, b):
    ta, tb = truth(a), truth(b)
    if ta is False or tb is False:
        return 0
    if ta is None or tb is None:
        return None
    return 1


def logical_or(a, b):
    ta, tb = truth(a), truth(b)
    if ta is True or tb is True:
        return 1
    if ta is None or tb is None:
        return None
    return 0


def logical_not(a):
    t = truth(a)
    return None if t is None else (0 if t else 1)


# ---------------------------------------------------------------- arithmetic

def _numbers(op, a, b):
    for v in (a, b):
        if not is_number(v):
            raise QueryError(f"cannot apply '{op}' to a {type_name(v)} value")


def arithmetic(op: str, a, b):
    if a is None or b is None:
        return None
    _numbers(op, a, b)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        if b == 0:
            return None
        if isinstance(a, int) and isinstance(b, int):
            q = abs(a) // abs(b)
            return q if (a >= 0) == (b >= 0) else -q
        return a / b
    if op == "%":
        if b == 0:
            return None
        if isinstance(a, int) and isinstance(b, int):
            r = abs(a) % abs(b)
            return r if a >= 0 else -r
        return math.fmod(a, b)
    raise QueryError(f"unknown operator {op!r}")


def negate(a):
    if a is None:
        return None
    if not is_number(a):
        raise QueryError(f"cannot negate a {type_name(a)} value")
    return -a


# ---------------------------------------------------------------- text

def to_text(v) -> str:
    """The text form of a value, as used by || and the table/CSV output."""
    if v is None:
        return ""
    if isinstance(v, float):
        if v == int(v) and abs(v) < 1e15:
            return f"{v:.1f}"
        return repr(v)
    return str(v)


def concat(a, b):
    if a is None or b is None:
        return None
    return to_text(a) + to_text(b)


def like(value, pattern):
    """SQL LIKE: % is any run of characters, _ one character, ASCII letters match case-insensitively."""
    if value is None or pattern is None:
        return None
    return 1 if _like(ascii_lower(to_text(value)), ascii_lower(to_text(pattern))) else 0


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def ascii_lower(s: str) -> str:
    return s.translate(_ASCII_LOWER)


def _like(s: str, p: str) -> bool:
    # Iterative matcher with backtracking to the last '%', linear in practice.
    i = j = 0
    star_j, star_i = -1, 0
    while i < len(s):
        if j < len(p) and (p[j] == "_" or (p[j] != "%" and p[j] == s[i])):
            i += 1
            j += 1
        elif j < len(p) and p[j] == "%":
            star_j, star_i = j, i
            j += 1
        elif star_j >= 0:
            star_i += 1
            i, j = star_i, star_j + 1
        else:
            return False
    while j < len(p) and p[j] == "%":
        j += 1
    return j == len(p)
