"""A small router: `/api/p/{project}/{artifact}` style patterns, matched in registration order."""
import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Tuple
from urllib.parse import unquote

from .errors import DepotError, NotFound


class MethodNotAllowed(DepotError):
    status, code = 405, "method_not_allowed"


@dataclass
class Route:
    method: str
    regex: "re.Pattern"
    handler: Callable
    needs_token: bool


class Router:
    def __init__(self):
        self.routes: List[Route] = []

    def add(self, method: str, pattern: str, handler: Callable, needs_token: bool = True):
        regex = "^" + re.sub(r"\{(\w+)(:path)?\}",
                             lambda m: f"(?P<{m.group(1)}>{'.+' if m.group(2) else '[^/]+'})", pattern) + "$"
        self.routes.append(Route(method, re.compile(regex), handler, needs_token))

    def match(self, method: str, path: str) -> Tuple[Route, Dict[str, str]]:
        allowed = []
        for route in self.routes:
            m = route.regex.match(path)
            if not m:
                continue
            if route.method == method or (method == "HEAD" and route.method == "GET"):
                return route, {k: unquote(v) for k, v in m.groupdict().items()}
            allowed.append(route.method)
        if allowed:
            raise MethodNotAllowed(f"{method} not allowed", allow=sorted(set(allowed)))
        raise NotFound("no such endpoint")
