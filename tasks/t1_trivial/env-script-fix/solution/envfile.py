"""Reads .env files (KEY=VALUE lines) into a dict of strings.

The format is documented in README.md ("The .env file"). Nothing here touches os.environ:
callers decide what to do with the values.
"""
import re
from pathlib import Path


class EnvFileError(ValueError):
    """The .env file cannot be read or has a malformed line."""


# "export" only counts as a prefix when whitespace follows it (EXPORTED_AT is a key).
_EXPORT = re.compile(r"export\s+")
# What may follow a closing quote: whitespace, then nothing or a comment.
_AFTER_QUOTE = re.compile(r"\s*(#.*)?")
_DOUBLE_QUOTE_ESCAPES = {'"': '"', "\\": "\\", "n": "\n"}


def parse(text: str) -> dict:
    values = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = _EXPORT.match(stripped)
        if match:
            stripped = stripped[match.end():]
        key, sep, raw = stripped.partition("=")
        key = key.strip()
        if not sep or not key:
            raise EnvFileError(f"line {lineno}: expected KEY=VALUE")
        try:
            values[key] = _value(raw.strip())
        except EnvFileError as e:
            raise EnvFileError(f"line {lineno}: {e}") from None
    return values


def _value(raw: str) -> str:
    if raw.startswith("'"):
        end = raw.find("'", 1)
        if end < 0:
            raise EnvFileError("unterminated single quote")
        return _check_rest(raw[1:end], raw[end + 1:])
    if raw.startswith('"'):
        return _double_quoted(raw)
    # Unquoted: a comment starts at a '#' that follows whitespace.
    comment = re.search(r"\s#", raw)
    return (raw[: comment.start()] if comment else raw).rstrip()


def _double_quoted(raw: str) -> str:
    out, i = [], 1
    while i < len(raw):
        ch = raw[i]
        if ch == "\\" and i + 1 < len(raw) and raw[i + 1] in _DOUBLE_QUOTE_ESCAPES:
            out.append(_DOUBLE_QUOTE_ESCAPES[raw[i + 1]])
            i += 2
        elif ch == '"':
            return _check_rest("".join(out), raw[i + 1:])
        else:
            out.append(ch)
            i += 1
    raise EnvFileError("unterminated double quote")


def _check_rest(value: str, rest: str) -> str:
    if not _AFTER_QUOTE.fullmatch(rest):
        raise EnvFileError(f"unexpected text after closing quote: {rest.strip()!r}")
    return value


def load(path) -> dict:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EnvFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise EnvFileError(f"{path}: cannot read: {e}") from None
    try:
        return parse(text)
    except EnvFileError as e:
        raise EnvFileError(f"{path}: {e}") from None
