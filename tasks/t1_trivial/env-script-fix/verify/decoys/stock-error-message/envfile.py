"""Reads .env files (KEY=VALUE lines) into a dict of strings.

The format is documented in README.md ("The .env file"). Nothing here touches os.environ:
callers decide what to do with the values.
"""
import shlex
from pathlib import Path


class EnvFileError(ValueError):
    """The .env file cannot be read or has a malformed line."""


def parse(text: str) -> dict:
    values = {}
    for lineno, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise EnvFileError(f"line {lineno}: expected KEY=VALUE")
        if line.startswith("export "):
            line = line[len("export "):]
        key, _, value = line.partition("=")
        # let the shell lexer deal with quotes, escapes and comments
        try:
            words = shlex.split(value, comments=True, posix=True)
        except ValueError as e:
            raise EnvFileError(f"line {lineno}: {e}") from None
        values[key.strip()] = " ".join(words).replace("\\n", "\n")
    return values


def load(path) -> dict:
    return parse(Path(path).read_text(encoding="utf-8"))
