"""Turns query text into tokens.

Identifiers are case-insensitive and kept lower-cased; "double-quoted" identifiers keep their case and
may contain any character. String literals use single quotes, with '' for a quote inside. Numbers are
integers (`42`) or reals (`4.2`, `.5`, `1e3`). `--` starts a comment that runs to the end of the line.
"""
from dataclasses import dataclass
from typing import List

from .errors import QueryError

KEYWORDS = {
    "SELECT", "DISTINCT", "FROM", "AS", "WHERE", "AND", "OR", "NOT", "IS", "NULL", "IN", "BETWEEN",
    "LIKE", "ORDER", "GROUP", "HAVING", "BY", "ASC", "DESC", "LIMIT", "OFFSET", "CASE", "WHEN", "THEN", "ELSE", "END",
}

# Longest operators first so that "<=" is not read as "<" followed by "=".
OPERATORS = ["<>", "!=", "<=", ">=", "==", "||", "=", "<", ">", "+", "-", "*", "/", "%", "(", ")", ",", "."]


@dataclass(frozen=True)
class Token:
    kind: str      # KEYWORD, IDENT, INT, REAL, STRING, OP, EOF
    value: object  # keyword/operator text, identifier name, number, or string contents
    pos: int

    def is_keyword(self, *words: str) -> bool:
        return self.kind == "KEYWORD" and self.value in words

    def is_op(self, *ops: str) -> bool:
        return self.kind == "OP" and self.value in ops

    def describe(self) -> str:
        if self.kind == "EOF":
            return "end of query"
        if self.kind == "STRING":
            return f"string '{self.value}'"
        return f"'{self.value}'"


def tokenize(text: str) -> List[Token]:
    tokens = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif text.startswith("--", i):
            end = text.find("\n", i)
            i = n if end < 0 else end + 1
        elif c == "'":
            value, i2 = _string(text, i)
            tokens.append(Token("STRING", value, i))
            i = i2
        elif c == '"':
            end = text.find('"', i + 1)
            if end < 0:
                raise QueryError("unterminated quoted identifier", i)
            if end == i + 1:
                raise QueryError("empty quoted identifier", i)
            tokens.append(Token("IDENT", text[i + 1:end], i))
            i = end + 1
        elif c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit()):
            tok, i2 = scan_number(text, i)
            tokens.append(tok)
            i = i2
        elif c.isalpha() or c == "_":
            j = i
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            word = text[i:j]
            if word.upper() in KEYWORDS:
                tokens.append(Token("KEYWORD", word.upper(), i))
            else:
                tokens.append(Token("IDENT", word.lower(), i))
            i = j
        else:
            for op in OPERATORS:
                if text.startswith(op, i):
                    tokens.append(Token("OP", op, i))
                    i += len(op)
                    break
            else:
                raise QueryError(f"unexpected character {c!r}", i)
    tokens.append(Token("EOF", None, n))
    return tokens


def _string(text: str, start: int):
    out = []
    i = start + 1
    while i < len(text):
        if text[i] == "'":
            if text.startswith("''", i):
                out.append("'")
                i += 2
                continue
            return "".join(out), i + 1
        out.append(text[i])
        i += 1
    raise QueryError("unterminated string literal", start)


def scan_number(text: str, start: int):
    i, n = start, len(text)
    while i < n and text[i].isdigit():
        i += 1
    is_real = False
    if i < n and text[i] == ".":
        is_real = True
        i += 1
        while i < n and text[i].isdigit():
            i += 1
    if i < n and text[i] in "eE":
        j = i + 1
        if j < n and text[j] in "+-":
            j += 1
        if j < n and text[j].isdigit():
            is_real = True
            i = j
            while i < n and text[i].isdigit():
                i += 1
    if i < n and (text[i].isalpha() or text[i] == "_"):
        raise QueryError(f"malformed number {text[start:i + 1]!r}", start)
    literal = text[start:i]
    return (Token("REAL", float(literal), start) if is_real else Token("INT", int(literal), start)), i
