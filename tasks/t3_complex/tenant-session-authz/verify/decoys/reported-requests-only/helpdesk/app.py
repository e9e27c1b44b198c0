"""The API: routes, handlers and the App that holds storage, secret and clock.

`App.handle(method, path, headers, body)` is the whole API as a function (the HTTP server in server.py
and the tests both call it). Handlers get the App, the request and the path parameters, and return
(status, JSON-able body); they raise HTTPError for error answers.
"""
import hashlib
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

from . import passwords, tokens
from .auth import ROLES, STAFF, Principal, authenticate, require_role
from .db import Database, public_user
from .errors import HTTPError
from .mail import Outbox

SESSION_TTL_S = 8 * 3600
RESET_TTL_S = 30 * 60
MAX_BODY = 64 * 1024
TICKET_STATUSES = ("open", "pending", "solved", "closed")


@dataclass
class Request:
    method: str
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]
    body: dict
    principal: Optional[Principal] = None


@dataclass
class Response:
    status: int
    body: object = None
    headers: Dict[str, str] = field(default_factory=dict)

    def encode(self) -> bytes:
        return b"" if self.body is None else json.dumps(self.body).encode("utf-8")


class App:
    def __init__(self, db: Database, secret: bytes, outbox: Outbox = None, clock: Callable[[], float] = time.time,
                 password_iterations: int = passwords.DEFAULT_ITERATIONS):
        self.db, self.secret, self.outbox, self.clock = db, secret, outbox or Outbox(None), clock
        self.password_iterations = password_iterations

    def hash_password(self, password: str) -> str:
        return passwords.hash_password(password, self.password_iterations)

    def handle(self, method: str, target: str, headers: dict, body: bytes = b"") -> Response:
        headers = {k.lower(): v for k, v in (headers or {}).items()}
        parts = urlsplit(target)
        query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
        try:
            route, params = match(method, parts.path)
            payload = parse_body(body)
            request = Request(method, parts.path, query, headers, payload)
            if route.auth:
                request.principal = authenticate(self, headers)
            status, out = route.handler(self, request, **params)
            return Response(status, out)
        except HTTPError as e:
            return Response(e.status, {"error": e.code, "message": e.message})


def parse_body(body: bytes) -> dict:
    if not body:
        return {}
    if len(body) > MAX_BODY:
        raise HTTPError(413, "too_large", "request body too large")
    try:
        data = json.loads(body)
    except ValueError:
        raise HTTPError(400, "bad_json", "request body is not JSON") from None
    if not isinstance(data, dict):
        raise HTTPError(400, "bad_json", "request body must be a JSON object")
    return data


# ------------------------------------------------------------------ routing

@dataclass
class Route:
    method: str
    pattern: "re.Pattern"
    handler: Callable
    auth: bool


ROUTES: List[Route] = []


def route(method: str, path: str, auth: bool = True):
    pattern = re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>\\d+)", path) + "$")

    def register(fn):
        ROUTES.append(Route(method, pattern, fn, auth))
        return fn
    return register


def match(method: str, path: str) -> Tuple[Route, dict]:
    allowed = False
    for r in ROUTES:
        m = r.pattern.match(path)
        if m:
            if r.method == method:
                return r, {k: int(v) for k, v in m.groupdict().items()}
            allowed = True
    if allowed:
        raise HTTPError(405, "method_not_allowed", f"{method} not allowed on {path}")
    raise HTTPError(404, "not_found", f"no route for {path}")


def field_str(body: dict, name: str, max_len: int = 10_000, required: bool = True) -> Optional[str]:
    v = body.get(name)
    if v is None and not required:
        return None
    if not isinstance(v, str) or not v.strip() or len(v) > max_len:
        raise HTTPError(400, "bad_request", f"'{name}' must be a non-empty string")
    return v


def ticket_view(t: dict) -> dict:
    return {k: t[k] for k in ("id", "requester_id", "assignee_id", "subject", "body", "status")}


def comment_view(c: dict) -> dict:
    return {"id": c["id"], "author_id": c["author_id"], "body": c["body"], "internal": bool(c["internal"])}


# ------------------------------------------------------------------ session

@route("GET", "/api/health", auth=False)
def health(app: App, req: Request):
    return 200, {"ok": True}


@route("POST", "/api/login", auth=False)
def login(app: App, req: Request):
    tenant = app.db.tenant_by_slug(field_str(req.body, "tenant", 100))
    email = field_str(req.body, "email", 320).strip().lower()
    password = field_str(req.body, "password", 1000)
    user = app.db.user_by_email(tenant["id"], email) if tenant else None
    if user is None or not passwords.check_password(password, user["password_hash"]):
        raise HTTPError(401, "bad_credentials", "wrong tenant, email or password")
    if user["disabled"]:
        raise HTTPError(403, "disabled", "this account is disabled")
    sid = secrets.token_urlsafe(16)
    expires = app.clock() + SESSION_TTL_S
    app.db.create_session(sid, user["id"], expires)
    token = tokens.issue(app.secret, user["id"], user["tenant_id"], user["role"], sid, expires)
    return 200, {"token": token, "expires_at": int(expires), "user": public_user(user)}


@route("POST", "/api/logout")
def logout(app: App, req: Request):
    app.db.revoke_session(req.principal.session_id)
    return 204, None


@route("GET", "/api/me")
def me(app: App, req: Request):
    user = app.db.get_user(req.principal.user_id)
    if user is None:
        raise HTTPError(404, "not_found", "no such user")
    return 200, public_user(user)


@route("PATCH", "/api/me")
def update_me(app: App, req: Request):
    user = app.db.get_user(req.principal.user_id)
    fields = {k: v for k, v in req.body.items() if k not in ("id", "current_password", "role")}
    if "display_name" in fields:
        field_str(fields, "display_name", 200)
    if "password" in fields:
        new = field_str(fields, "password", 1000)
        if len(new) < 10:
            raise HTTPError(400, "weak_password", "passwords need at least 10 characters")
        current = req.body.get("current_password")
        if not isinstance(current, str) or not passwords.check_password(current, user["password_hash"]):
            raise HTTPError(403, "bad_credentials", "current password is wrong")
        fields["password_hash"] = app.hash_password(fields.pop("password"))
    app.db.update_user(user["id"], **fields)
    return 200, public_user(app.db.get_user(user["id"]))


@route("GET", "/api/me/sessions")
def my_sessions(app: App, req: Request):
    return 200, {"sessions": app.db.active_sessions(req.principal.user_id, app.clock())}


# ------------------------------------------------------------------ tickets

@route("GET", "/api/tickets")
def list_tickets(app: App, req: Request):
    p = req.principal
    status = req.query.get("status")
    if status is not None and status not in TICKET_STATUSES:
        raise HTTPError(400, "bad_request", "unknown status")
    requester = None if p.is_staff else p.user_id
    rows = app.db.list_tickets(p.tenant_id, requester_id=requester, status=status)
    return 200, {"tickets": [ticket_view(t) for t in rows]}


@route("POST", "/api/tickets")
def create_ticket(app: App, req: Request):
    p = req.principal
    subject = field_str(req.body, "subject", 200)
    body = field_str(req.body, "body")
    ticket_id = app.db.create_ticket(p.tenant_id, p.user_id, subject, body)
    return 201, ticket_view(app.db.get_ticket(ticket_id))


def load_ticket(app: App, ticket_id: int) -> dict:
    ticket = app.db.get_ticket(ticket_id)
    if ticket is None:
        raise HTTPError(404, "not_found", "no such ticket")
    return ticket


@route("GET", "/api/tickets/{ticket_id}")
def get_ticket(app: App, req: Request, ticket_id: int):
    ticket = load_ticket(app, ticket_id)
    p = req.principal
    if ticket["tenant_id"] != p.tenant_id or (not p.is_staff and ticket["requester_id"] != p.user_id):
        raise HTTPError(404, "not_found", "no such ticket")
    return 200, ticket_view(ticket)


@route("PATCH", "/api/tickets/{ticket_id}")
def update_ticket(app: App, req: Request, ticket_id: int):
    require_role(req.principal, *STAFF)
    ticket = load_ticket(app, ticket_id)
    changes = {}
    if "status" in req.body:
        if req.body["status"] not in TICKET_STATUSES:
            raise HTTPError(400, "bad_request", "unknown status")
        changes["status"] = req.body["status"]
    if "assignee_id" in req.body:
        assignee = req.body["assignee_id"]
        if assignee is not None:
            user = app.db.get_user(assignee) if isinstance(assignee, int) else None
            if user is None or user["role"] not in STAFF:
                raise HTTPError(400, "bad_request", "assignee must be an agent or admin")
        changes["assignee_id"] = assignee
    app.db.update_ticket(ticket["id"], **changes)
    return 200, ticket_view(app.db.get_ticket(ticket["id"]))


@route("GET", "/api/tickets/{ticket_id}/comments")
def list_comments(app: App, req: Request, ticket_id: int):
    ticket = load_ticket(app, ticket_id)
    include_internal = req.principal.is_staff
    rows = app.db.list_comments(ticket["id"], include_internal)
    return 200, {"comments": [comment_view(c) for c in rows]}


@route("POST", "/api/tickets/{ticket_id}/comments")
def add_comment(app: App, req: Request, ticket_id: int):
    ticket = load_ticket(app, ticket_id)
    body = field_str(req.body, "body")
    internal = bool(req.body.get("internal", False))
    if internal and not req.principal.is_staff:
        raise HTTPError(403, "forbidden", "only staff can write internal notes")
    comment_id = app.db.add_comment(ticket["id"], req.principal.user_id, body, internal)
    return 201, {"id": comment_id, "internal": internal}


# ------------------------------------------------------------------ users (admin)

@route("GET", "/api/users")
def list_users(app: App, req: Request):
    require_role(req.principal, "admin")
    return 200, {"users": [public_user(u) for u in app.db.list_users(req.principal.tenant_id)]}


@route("POST", "/api/users")
def create_user(app: App, req: Request):
    require_role(req.principal, "admin")
    email = field_str(req.body, "email", 320).strip().lower()
    role = req.body.get("role", "customer")
    if role not in ROLES:
        raise HTTPError(400, "bad_request", "unknown role")
    password = field_str(req.body, "password", 1000)
    if app.db.user_by_email(req.principal.tenant_id, email):
        raise HTTPError(409, "conflict", "a user with this email exists")
    name = field_str(req.body, "display_name", 200, required=False) or email
    user_id = app.db.create_user(req.principal.tenant_id, email, name, role, app.hash_password(password))
    return 201, public_user(app.db.get_user(user_id))


def load_user(app: App, user_id: int) -> dict:
    user = app.db.get_user(user_id)
    if user is None:
        raise HTTPError(404, "not_found", "no such user")
    return user


@route("PATCH", "/api/users/{user_id}")
def update_user(app: App, req: Request, user_id: int):
    require_role(req.principal, "admin")
    user = load_user(app, user_id)
    changes = {}
    if "role" in req.body:
        if req.body["role"] not in ROLES:
            raise HTTPError(400, "bad_request", "unknown role")
        changes["role"] = req.body["role"]
    if "display_name" in req.body:
        changes["display_name"] = field_str(req.body, "display_name", 200)
    app.db.update_user(user["id"], **changes)
    return 200, public_user(app.db.get_user(user["id"]))


@route("POST", "/api/users/{user_id}/disable")
def disable_user(app: App, req: Request, user_id: int):
    require_role(req.principal, "admin")
    user = load_user(app, user_id)
    if user["id"] == req.principal.user_id:
        raise HTTPError(400, "bad_request", "admins cannot disable themselves")
    app.db.update_user(user["id"], disabled=1)
    return 200, public_user(app.db.get_user(user["id"]))


# ------------------------------------------------------------------ password reset

def _hash_reset(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@route("POST", "/api/password-reset/request", auth=False)
def reset_request(app: App, req: Request):
    tenant = app.db.tenant_by_slug(field_str(req.body, "tenant", 100))
    email = field_str(req.body, "email", 320).strip().lower()
    user = app.db.user_by_email(tenant["id"], email) if tenant else None
    if user is not None and not user["disabled"]:
        token = secrets.token_urlsafe(24)
        app.db.create_reset(_hash_reset(token), user["id"], email, app.clock() + RESET_TTL_S)
        app.outbox.send(email, "Reset your helpdesk password",
                        f"Use this code to choose a new password: {token}", kind="password_reset",
                        tenant=tenant["slug"], token=token)
    # Same answer whether or not the address exists.
    return 202, {"status": "if the address is registered, a reset code is on its way"}


@route("POST", "/api/password-reset/confirm", auth=False)
def reset_confirm(app: App, req: Request):
    token = field_str(req.body, "token", 200)
    new = field_str(req.body, "password", 1000)
    if len(new) < 10:
        raise HTTPError(400, "weak_password", "passwords need at least 10 characters")
    reset = app.db.get_reset(_hash_reset(token))
    if reset is None or reset["expires_at"] <= app.clock() or not app.db.mark_reset_used(_hash_reset(token)):
        raise HTTPError(400, "bad_token", "unknown, used or expired reset code")
    app.db.update_user(reset["user_id"], password_hash=app.hash_password(new))
    return 200, {"status": "password changed"}
