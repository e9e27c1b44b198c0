"""Finds code in the engine's package that reaches for another engine instead of evaluating queries itself:
an import of sqlite3 or ctypes, a module loaded by a computed name or through importlib's loaders, a
process started. It reads the syntax tree of each .py file, so a word in a comment, a docstring or a string
("SQLite allows it") is never a finding, and it never reads caches: the driver runs with its own pycache
folder, so bytecode in the workspace is not what runs. Compiled modules (.so, .pyd, a .pyc outside
__pycache__) can be imported without a source, so their presence is a finding. The driver's audit hook
still refuses all of this at run time; this scan catches what the run did not reach.
"""
import ast
from pathlib import Path

# Modules a query engine over CSV files has no use for, each a way to another engine or around the hook.
BLOCKED_MODULES = {"sqlite3", "_sqlite3", "ctypes", "_ctypes", "subprocess", "_posixsubprocess", "imp", "_imp",
                   "pty", "multiprocessing", "importlib.machinery", "importlib.util", "importlib._bootstrap",
                   "importlib._bootstrap_external"}
# Names whose mere use loads code past the import system or starts a process.
LOADER_NAMES = {"ExtensionFileLoader", "SourcelessFileLoader", "SourceFileLoader", "spec_from_file_location",
                "spec_from_loader", "module_from_spec", "exec_module", "create_module", "load_module",
                "load_dynamic", "CDLL", "PyDLL", "dlopen", "cdll", "pydll", "LibraryLoader"}
OS_PROCESS = {"system", "popen", "execv", "execve", "execl", "execle", "execlp", "execlpe", "execvp", "execvpe",
              "spawnl", "spawnle", "spawnlp", "spawnlpe", "spawnv", "spawnve", "spawnvp", "spawnvpe",
              "posix_spawn", "posix_spawnp", "fork", "forkpty"}
IMPORTERS = {"__import__", "import_module"}
COMPILED = (".so", ".pyd", ".pyc", ".dylib", ".dll")


def _blocked(module: str) -> bool:
    parts = module.split(".")
    return any(".".join(parts[:i]) in BLOCKED_MODULES for i in range(1, len(parts) + 1))


def _own_or_safe(arg: ast.AST) -> bool:
    """Whether a module name given to an importer is harmless: a constant naming no blocked module, or a
    name built on the engine's own package ("tql.aggs." + name, f".{name}")."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return not _blocked(arg.value)
    first = arg
    while isinstance(first, ast.BinOp):
        first = first.left
    if isinstance(first, ast.JoinedStr) and first.values:
        first = first.values[0]
    return isinstance(first, ast.Constant) and isinstance(first.value, str) \
        and (first.value.startswith("tql.") or first.value.startswith("."))


def findings(tree: ast.AST) -> list:
    """(line, what) for every reach past the engine in one module."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, f"import {a.name}") for a in node.names if _blocked(a.name)]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            module = node.module or ""
            for a in node.names:
                if _blocked(module) or _blocked(f"{module}.{a.name}") or (module == "os" and a.name in OS_PROCESS) \
                        or a.name in LOADER_NAMES:
                    out.append((node.lineno, f"from {module} import {a.name}"))
        elif isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
            if name in IMPORTERS and not (node.args and _own_or_safe(node.args[0])):
                out.append((node.lineno, f"{name}() of a module by a name it builds or of a blocked module"))
        if isinstance(node, ast.Attribute):
            if node.attr in LOADER_NAMES:
                out.append((node.lineno, f".{node.attr}"))
            elif node.attr in OS_PROCESS and isinstance(node.value, ast.Name) and node.value.id == "os":
                out.append((node.lineno, f"os.{node.attr}"))
        elif isinstance(node, ast.Name) and node.id in LOADER_NAMES:
            out.append((node.lineno, node.id))
    return sorted(set(out))


def scan(pkg: Path, read, max_files: int = 400, max_bytes: int = 1_000_000) -> list:
    """"<file>:<line> <what>" for the package's reaches past the engine; `read(path, limit)` is the grader's
    safe reader ((text, problem))."""
    hits, n = [], 0
    if not pkg.is_dir():
        return hits
    for p in sorted(pkg.rglob("*")):
        if n >= max_files:
            break
        if not p.is_file() or p.is_symlink():
            continue
        n += 1
        rel = p.relative_to(pkg.parent)
        if "__pycache__" in p.parts:
            continue
        if p.name.endswith(COMPILED):
            hits.append(f"{rel} (a compiled module, importable without a source)")
            continue
        if p.suffix != ".py":
            continue
        text, _ = read(p, max_bytes)
        if text is None:
            continue
        try:
            tree = ast.parse(text)
        except (SyntaxError, ValueError):
            continue  # a module that does not parse does not import either
        hits += [f"{rel}:{line} {what}" for line, what in findings(tree)]
    return hits
