"""Recursive-descent parser: query text -> ast.Select.

Grammar (see docs/language.md for the meaning):

    select   := SELECT [DISTINCT] items FROM name [[AS] alias] [WHERE expr]
                [ORDER BY order {, order}] [LIMIT expr [OFFSET expr]]
    items    := '*' | item {, item}
    item     := expr [[AS] alias]
    order    := expr [ASC | DESC]

Expression precedence, loosest first: OR, AND, NOT, comparison (= == != <> < <= > >= IS IN BETWEEN
LIKE), + -, * / %, ||, unary - +.
"""
from typing import List, Optional

from . import ast
from .errors import QueryError
from .lexer import Token, scan_number, tokenize

COMPARISON_OPS = ("=", "==", "!=", "<>", "<", "<=", ">", ">=")


def parse(text: str) -> ast.Select:
    return Parser(text).parse_select()


class Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens: List[Token] = tokenize(text)
        self.i = 0

    # -------------------------------------------------------------- token helpers

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        t = self.tokens[self.i]
        if t.kind != "EOF":
            self.i += 1
        return t

    def accept_keyword(self, *words: str) -> Optional[Token]:
        if self.tok.is_keyword(*words):
            return self.advance()
        return None

    def accept_op(self, *ops: str) -> Optional[Token]:
        if self.tok.is_op(*ops):
            return self.advance()
        return None

    def expect_keyword(self, word: str) -> Token:
        if not self.tok.is_keyword(word):
            raise QueryError(f"expected {word}, found {self.tok.describe()}", self.tok.pos)
        return self.advance()

    def expect_op(self, op: str) -> Token:
        if not self.tok.is_op(op):
            raise QueryError(f"expected '{op}', found {self.tok.describe()}", self.tok.pos)
        return self.advance()

    def expect_ident(self, what: str) -> str:
        if self.tok.kind != "IDENT":
            raise QueryError(f"expected {what}, found {self.tok.describe()}", self.tok.pos)
        return self.advance().value

    # -------------------------------------------------------------- statement

    def parse_select(self) -> ast.Select:
        self.expect_keyword("SELECT")
        distinct = self.accept_keyword("DISTINCT") is not None
        items = self.parse_items()
        self.expect_keyword("FROM")
        table = self.expect_ident("a table name")
        alias = None
        if self.accept_keyword("AS"):
            alias = self.expect_ident("a table alias")
        elif self.tok.kind == "IDENT":
            alias = self.advance().value
        where = None
        if self.accept_keyword("WHERE"):
            where = self.parse_expr()
        order_by = ()
        if self.accept_keyword("ORDER"):
            self.expect_keyword("BY")
            order_by = tuple(self.parse_order_list())
        limit = offset = None
        if self.accept_keyword("LIMIT"):
            limit = self.parse_expr()
            if self.accept_keyword("OFFSET"):
                offset = self.parse_expr()
        if self.tok.kind != "EOF":
            raise QueryError(f"unexpected {self.tok.describe()}", self.tok.pos)
        return ast.Select(tuple(items), distinct, table, alias, where, order_by, limit, offset)

    def parse_items(self) -> List[ast.SelectItem]:
        items = []
        while True:
            start = self.tok.pos
            if self.accept_op("*"):
                items.append(ast.SelectItem(None, None, "*", star=True, pos=start))
            else:
                expr = self.parse_expr()
                end = self.tokens[self.i - 1]
                text = self.text[start:end.pos + _token_length(self.text, end)].strip()
                alias = None
                if self.accept_keyword("AS"):
                    alias = self.expect_ident("a column alias")
                elif self.tok.kind == "IDENT":
                    alias = self.advance().value
                items.append(ast.SelectItem(expr, alias, text, pos=start))
            if not self.accept_op(","):
                return items

    def parse_order_list(self) -> List[ast.OrderItem]:
        out = []
        while True:
            expr = self.parse_expr()
            descending = False
            if self.accept_keyword("DESC"):
                descending = True
            else:
                self.accept_keyword("ASC")
            out.append(ast.OrderItem(expr, descending))
            if not self.accept_op(","):
                return out

    # -------------------------------------------------------------- expressions

    def parse_expr(self) -> ast.Node:
        return self.parse_or()

    def parse_or(self) -> ast.Node:
        left = self.parse_and()
        while (t := self.accept_keyword("OR")):
            left = ast.Binary("OR", left, self.parse_and(), pos=t.pos)
        return left

    def parse_and(self) -> ast.Node:
        left = self.parse_not()
        while (t := self.accept_keyword("AND")):
            left = ast.Binary("AND", left, self.parse_not(), pos=t.pos)
        return left

    def parse_not(self) -> ast.Node:
        if (t := self.accept_keyword("NOT")):
            return ast.Unary("NOT", self.parse_not(), pos=t.pos)
        return self.parse_comparison()

    def parse_comparison(self) -> ast.Node:
        left = self.parse_additive()
        t = self.tok
        if (op := self.accept_op(*COMPARISON_OPS)):
            return ast.Binary(op.value, left, self.parse_additive(), pos=op.pos)
        if self.accept_keyword("IS"):
            negated = self.accept_keyword("NOT") is not None
            self.expect_keyword("NULL")
            return ast.IsNull(left, negated, pos=t.pos)
        negated = False
        if self.tok.is_keyword("NOT") and self.tokens[self.i + 1].is_keyword("IN", "BETWEEN", "LIKE"):
            self.advance()
            negated = True
        if self.accept_keyword("IN"):
            self.expect_op("(")
            items = [self.parse_expr()]
            while self.accept_op(","):
                items.append(self.parse_expr())
            self.expect_op(")")
            return ast.InList(left, tuple(items), negated, pos=t.pos)
        if self.accept_keyword("BETWEEN"):
            low = self.parse_additive()
            self.expect_keyword("AND")
            high = self.parse_additive()
            return ast.Between(left, low, high, negated, pos=t.pos)
        if self.accept_keyword("LIKE"):
            return ast.Like(left, self.parse_additive(), negated, pos=t.pos)
        if negated:
            raise QueryError(f"expected IN, BETWEEN or LIKE after NOT, found {self.tok.describe()}", self.tok.pos)
        return left

    def parse_additive(self) -> ast.Node:
        left = self.parse_multiplicative()
        while (op := self.accept_op("+", "-")):
            left = ast.Binary(op.value, left, self.parse_multiplicative(), pos=op.pos)
        return left

    def parse_multiplicative(self) -> ast.Node:
        left = self.parse_concat()
        while (op := self.accept_op("*", "/", "%")):
            left = ast.Binary(op.value, left, self.parse_concat(), pos=op.pos)
        return left

    def parse_concat(self) -> ast.Node:
        left = self.parse_unary()
        while (op := self.accept_op("||")):
            left = ast.Binary("||", left, self.parse_unary(), pos=op.pos)
        return left

    def parse_unary(self) -> ast.Node:
        if (op := self.accept_op("-", "+")):
            operand = self.parse_unary()
            if op.value == "-" and isinstance(operand, ast.Literal) and isinstance(operand.value, (int, float)) \
                    and not isinstance(operand.value, bool):
                return ast.Literal(-operand.value, pos=op.pos)
            return ast.Unary(op.value, operand, pos=op.pos)
        return self.parse_primary()

    def parse_primary(self) -> ast.Node:
        t = self.tok
        if t.kind in ("INT", "REAL", "STRING"):
            self.advance()
            return ast.Literal(t.value, pos=t.pos)
        if t.is_keyword("NULL"):
            self.advance()
            return ast.Literal(None, pos=t.pos)
        if t.is_keyword("CASE"):
            return self.parse_case()
        if self.accept_op("("):
            expr = self.parse_expr()
            self.expect_op(")")
            return expr
        if t.kind == "IDENT":
            self.advance()
            if self.accept_op("("):
                return self.parse_call(t)
            if self.accept_op("."):
                column = self.expect_ident("a column name after '.'")
                return ast.Column(column, table=t.value, pos=t.pos)
            return ast.Column(t.value, pos=t.pos)
        raise QueryError(f"expected an expression, found {t.describe()}", t.pos)

    def parse_call(self, name: Token) -> ast.Node:
        args = []
        if not self.accept_op(")"):
            args.append(self.parse_expr())
            while self.accept_op(","):
                args.append(self.parse_expr())
            self.expect_op(")")
        return ast.Call(name.value, tuple(args), pos=name.pos)

    def parse_case(self) -> ast.Node:
        start = self.expect_keyword("CASE")
        whens = []
        while self.accept_keyword("WHEN"):
            cond = self.parse_expr()
            self.expect_keyword("THEN")
            whens.append((cond, self.parse_expr()))
        if not whens:
            raise QueryError("CASE needs at least one WHEN", start.pos)
        default = self.parse_expr() if self.accept_keyword("ELSE") else None
        self.expect_keyword("END")
        return ast.Case(tuple(whens), default, pos=start.pos)


def _token_length(text: str, tok: Token) -> int:
    """Length of a token's source text (strings and quoted names included), for select item texts."""
    if tok.kind == "STRING":
        i = tok.pos + 1
        while i < len(text):
            if text[i] == "'":
                if text.startswith("''", i):
                    i += 2
                    continue
                return i + 1 - tok.pos
            i += 1
        return len(text) - tok.pos
    if tok.kind == "IDENT" and text[tok.pos] == '"':
        return text.find('"', tok.pos + 1) + 1 - tok.pos
    if tok.kind in ("OP", "KEYWORD"):
        return len(str(tok.value))
    if tok.kind in ("INT", "REAL"):
        return scan_number(text, tok.pos)[1] - tok.pos
    j = tok.pos
    while j < len(text) and (text[j].isalnum() or text[j] == "_"):
        j += 1
    return j - tok.pos
