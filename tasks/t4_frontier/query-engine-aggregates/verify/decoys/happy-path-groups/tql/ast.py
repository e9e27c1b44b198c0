"""Syntax tree of a query.

Nodes are frozen dataclasses that compare by structure and ignore positions, so the planner can ask
whether two expressions are "the same expression" (`a + 1` written twice) with `==`.
"""
from dataclasses import dataclass, field
from typing import Optional, Tuple


@dataclass(frozen=True)
class Node:
    pass


@dataclass(frozen=True)
class Literal(Node):
    value: object                      # None, int, float or str
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Column(Node):
    name: str                          # lower-cased unless it was "quoted"
    table: Optional[str] = None        # qualifier, as in s.region
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Unary(Node):
    op: str                            # '-', '+', 'NOT'
    operand: Node
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Binary(Node):
    op: str                            # arithmetic, comparison, '||', 'AND', 'OR'
    left: Node
    right: Node
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class IsNull(Node):
    operand: Node
    negated: bool
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class InList(Node):
    operand: Node
    items: Tuple[Node, ...]
    negated: bool
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Between(Node):
    operand: Node
    low: Node
    high: Node
    negated: bool
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Like(Node):
    operand: Node
    pattern: Node
    negated: bool
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class Call(Node):
    name: str                          # lower-cased function name
    args: Tuple[Node, ...]
    pos: int = field(default=-1, compare=False)
    distinct: bool = False             # COUNT(DISTINCT x)
    star: bool = False                 # COUNT(*)


@dataclass(frozen=True)
class Case(Node):
    whens: Tuple[Tuple[Node, Node], ...]   # (condition, result) pairs
    default: Optional[Node]
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class SelectItem:
    expr: Optional[Node]               # None for '*'
    alias: Optional[str]
    text: str                          # the item's source text, used to name the output column
    star: bool = False
    pos: int = field(default=-1, compare=False)


@dataclass(frozen=True)
class OrderItem:
    expr: Node
    descending: bool


@dataclass(frozen=True)
class Select:
    items: Tuple[SelectItem, ...]
    distinct: bool
    table: str
    table_alias: Optional[str]
    where: Optional[Node]
    order_by: Tuple[OrderItem, ...]
    limit: Optional[Node]
    offset: Optional[Node]
    group_by: Tuple[Node, ...] = ()
    having: Optional[Node] = None


def children(node: Node):
    """The direct sub-expressions of a node, for walks over a tree."""
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, IsNull):
        return (node.operand,)
    if isinstance(node, InList):
        return (node.operand,) + tuple(node.items)
    if isinstance(node, Between):
        return (node.operand, node.low, node.high)
    if isinstance(node, Like):
        return (node.operand, node.pattern)
    if isinstance(node, Call):
        return tuple(node.args)
    if isinstance(node, Case):
        out = []
        for cond, result in node.whens:
            out += [cond, result]
        if node.default is not None:
            out.append(node.default)
        return tuple(out)
    return ()


def walk(node: Node):
    """Every node of the tree rooted at `node`, parents before children."""
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(children(n)))
