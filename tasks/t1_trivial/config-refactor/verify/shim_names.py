"""Finds old (v1) config key names left in the workspace's code, also when they are built from pieces.

Pure static analysis of the agent's Python files (never imported or run here). Every string expression of a
module is folded where it can be: constants, names bound to foldable values anywhere in the module, `+` and
`%`, f-strings, str.join/format/replace/lower/upper/strip, and calls of the module's own one-line functions
(`def _k(*parts): return "_".join(parts)`). A value that equals an old key name is a hit; docstrings do not
count. A hit is "keyed" when the value is used as a key: a subscript, a dict key, the first argument of
get/setdefault/pop, the name given to getattr/hasattr/setattr, a dict(...) keyword, or a module-level
constant (which other modules use as a key).
"""
import ast
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import List, Optional, Set

MAX_VALUES = 32      # possible values kept per expression
MAX_DEPTH = 12       # folding depth
KEY_METHODS = {"get", "setdefault", "pop", "__getitem__", "__contains__"}
ATTR_FUNCS = {"getattr", "hasattr", "setattr", "delattr"}
STR_METHODS = {"lower", "upper", "strip", "lstrip", "rstrip", "title", "casefold"}


@dataclass
class Hit:
    file: str
    line: int
    name: str
    keyed: bool


def _cap(values: Set[str]) -> Set[str]:
    return set(sorted(values)[:MAX_VALUES])


class Folder:
    """Possible string values of expressions in one module."""

    def __init__(self, tree: ast.Module):
        self.bindings = {}
        self.functions = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        self.bindings.setdefault(target.id, []).append(node.value)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
                self.bindings.setdefault(node.target.id, []).append(node.value)
            elif isinstance(node, ast.FunctionDef):
                body = [s for s in node.body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
                if len(body) == 1 and isinstance(body[0], ast.Return) and body[0].value is not None:
                    self.functions[node.name] = (node.args, body[0].value)

    def values(self, node, env=None, depth=0) -> Set[str]:
        if depth > MAX_DEPTH or node is None:
            return set()
        env = env or {}
        d = depth + 1
        if isinstance(node, ast.Constant):
            return {node.value} if isinstance(node.value, str) else set()
        if isinstance(node, ast.Name):
            if node.id in env:
                v = env[node.id]
                return v if isinstance(v, set) else set()
            out = set()
            for expr in self.bindings.get(node.id, [])[:4]:
                out |= self.values(expr, None, d)
            return _cap(out)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return _cap({a + b for a, b in product(self.values(node.left, env, d), self.values(node.right, env, d))})
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            out = set()
            rights = self.sequence(node.right, env, d) if isinstance(node.right, ast.Tuple) else \
                [[v] for v in self.values(node.right, env, d)]
            for left in self.values(node.left, env, d):
                for args in rights[:MAX_VALUES]:
                    try:
                        out.add(left % tuple(args))
                    except (TypeError, ValueError):
                        pass
            return _cap(out)
        if isinstance(node, ast.JoinedStr):
            parts = [self.values(v.value, env, d) if isinstance(v, ast.FormattedValue) else self.values(v, env, d)
                     for v in node.values]
            if any(not p for p in parts):
                return set()
            return _cap({"".join(c) for c in product(*parts)})
        if isinstance(node, ast.Call):
            return self.call(node, env, d)
        return set()

    def sequence(self, node, env, depth) -> List[List[str]]:
        """Possible value lists of a tuple/list/starred-args expression."""
        if isinstance(node, (ast.Tuple, ast.List)):
            items = [self.values(e, env, depth) for e in node.elts]
            if any(not i for i in items):
                return []
            return [list(c) for c in list(product(*items))[:MAX_VALUES]]
        if isinstance(node, ast.Name) and isinstance(env.get(node.id), list):
            return env[node.id]
        return []

    def call(self, node: ast.Call, env, depth) -> Set[str]:
        f = node.func
        if isinstance(f, ast.Attribute):
            owners = self.values(f.value, env, depth)
            if f.attr == "join" and len(node.args) == 1:
                return _cap({sep.join(seq) for sep in owners for seq in self.sequence(node.args[0], env, depth)})
            if f.attr == "format":
                args = [self.values(a, env, depth) for a in node.args]
                if any(not a for a in args):
                    return set()
                out = set()
                for owner in owners:
                    for combo in list(product(*args))[:MAX_VALUES]:
                        try:
                            out.add(owner.format(*combo))
                        except (IndexError, KeyError, ValueError):
                            pass
                return _cap(out)
            if f.attr == "replace" and len(node.args) == 2:
                olds, news = self.values(node.args[0], env, depth), self.values(node.args[1], env, depth)
                return _cap({o.replace(a, b) for o in owners for a in olds for b in news})
            if f.attr in STR_METHODS and not node.args:
                return _cap({getattr(o, f.attr)() for o in owners})
            return set()
        if isinstance(f, ast.Name) and f.id in self.functions:
            params, body = self.functions[f.id]
            bound = self.bind(params, node, env, depth)
            return self.values(body, bound, depth) if bound is not None else set()
        if isinstance(f, ast.Name) and f.id == "str" and len(node.args) == 1:
            return self.values(node.args[0], env, depth)
        return set()

    def bind(self, params: ast.arguments, node: ast.Call, env, depth) -> Optional[dict]:
        """Arguments of a call of a local one-line function, as possible values."""
        if node.keywords:
            return None
        names = [a.arg for a in params.posonlyargs + params.args]
        args = [self.values(a, env, depth) for a in node.args]
        bound = dict(zip(names, args))
        if params.vararg is not None:
            rest = args[len(names):]
            bound[params.vararg.arg] = [list(c) for c in list(product(*rest))[:MAX_VALUES]] if all(rest) else []
        elif len(args) > len(names):
            return None
        return bound


def _parents(tree):
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _docstrings(tree) -> set:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _keyed(node, parents, module) -> bool:
    parent = parents.get(node)
    if isinstance(parent, ast.Subscript) and parent.slice is node:
        return True
    if isinstance(parent, ast.Dict) and any(k is node for k in parent.keys):
        return True
    if isinstance(parent, ast.Call) and parent.args and parent.args[0] is node and \
            isinstance(parent.func, ast.Attribute) and parent.func.attr in KEY_METHODS:
        return True
    if isinstance(parent, ast.Call) and len(parent.args) > 1 and parent.args[1] is node and \
            isinstance(parent.func, ast.Name) and parent.func.id in ATTR_FUNCS:
        return True
    if isinstance(parent, (ast.Assign, ast.AnnAssign)) and parents.get(parent) is module:
        return True  # a module-level constant: other modules use it as a key
    return False


def scan(text: str, file: str, names: Set[str]) -> List[Hit]:
    """Hits of the old key names in one module's source."""
    tree = ast.parse(text)
    folder, parents, docs = Folder(tree), _parents(tree), _docstrings(tree)
    hits, seen = [], set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.expr) or id(node) in docs:
            continue
        if isinstance(parents.get(node), (ast.BinOp, ast.JoinedStr, ast.FormattedValue)):
            continue  # judged as part of the whole expression
        found = {name: _keyed(node, parents, tree) for name in folder.values(node) & names}
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "dict":
            found.update({k.arg: True for k in node.keywords if k.arg in names})
        for name, keyed in sorted(found.items()):
            key = (name, getattr(node, "lineno", 0))
            if key not in seen:
                seen.add(key)
                hits.append(Hit(file, getattr(node, "lineno", 0), name, keyed))
    return hits


def is_test(rel: Path) -> bool:
    return "tests" in rel.parts[:-1] or "test" in rel.parts[:-1] or rel.name.startswith("test_") \
        or rel.name.endswith("_test.py")
