"""Grader of tenant-session-authz (lanebench): tenant isolation, roles and session lifecycle of helpdesk.

The workspace's server is started by serve.py (inside the sandbox) on a unix socket in a folder this
grader made; every request below is made from this process, and every verdict rests on what the server
answered here, never on anything agent code reports. Data are fresh per run (random names, passwords,
secret and leak markers). Each exploit check carries a positive control (the same request made by
someone entitled to it, or the state read back by the owner), so a server that is down or refuses
everything cannot pass it; the must-allow checks and a cap keep a deny-everything server low.
Findings are classes (object access by id, mass assignment, session lifecycle): every probe notes which
instance of its class it found closed, and a server that closed the instances the pen testers reported
while leaving most of the class open is capped (see REPORT_ONLY_CAPS).
"""
import base64
import http.client
import json
import secrets
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "_support"))
import lanebench_verify as lv  # noqa: E402

DENY_ALL_CAP = 1.5
# The instruction asks for the classes of problems, not the testers' requests: a class whose reported
# requests are closed while most of its other instances stay open caps the score, more so for several.
REPORT_ONLY_CAPS = ((2, 2.0), (1, 2.5))   # (classes at least, cap)
PRECONDITION = "fixture tickets found through the API (precondition, no weight)"
SUITE_TESTS = 24
SUITE_CAP = 3.5
READ_LIMIT = 256 * 1024


# ------------------------------------------------------------------ HTTP over the unix socket

class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path, timeout):
        super().__init__("localhost", timeout=timeout)
        self.unix_path = path

    def connect(self):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(self.timeout)
        s.connect(self.unix_path)
        self.sock = s


class Reply:
    def __init__(self, status, text):
        self.status, self.text = status, text
        try:
            self.json = json.loads(text) if text else None
        except ValueError:
            self.json = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    def get(self, *keys):
        v = self.json
        for k in keys:
            v = v.get(k) if isinstance(v, dict) else None
        return v

    def __repr__(self):
        return f"{self.status} {lv.one_line(self.text, 80)}"


class Api:
    HUNG_AFTER = 3  # consecutive timeouts after which the server counts as hung and is not asked again

    def __init__(self, sock: str, deadline: float):
        self.sock, self.deadline = sock, deadline
        self.allowed = []   # (what, passed) for every request a correct server must allow
        self.timeouts = 0

    def call(self, method, path, body=None, token=None, headers=None) -> Reply:
        left = self.deadline - time.monotonic()
        if left <= 0 or self.timeouts >= self.HUNG_AFTER:
            return Reply(None, "grader time budget used up" if left <= 0 else "server hung: not asked again")
        h = dict(headers or {})
        if token:
            h["Authorization"] = "Bearer " + token
        raw = json.dumps(body).encode() if body is not None else None
        if raw is not None:
            h["Content-Type"] = "application/json"
        conn = _UnixConnection(self.sock, min(3.0, left))
        try:
            conn.request(method, path, body=raw, headers=h)
            r = conn.getresponse()
            text = r.read(READ_LIMIT).decode("utf-8", "replace")
            self.timeouts = 0
            return Reply(r.status, text)
        except (OSError, http.client.HTTPException) as e:
            if isinstance(e, socket.timeout):
                self.timeouts += 1
            return Reply(None, f"{type(e).__name__}: {e}")
        finally:
            conn.close()

    def must(self, what: str, reply: Reply, ok=None) -> bool:
        """Records a request a correct server must allow; `ok` overrides the 2xx test."""
        passed = reply.ok if ok is None else bool(ok)
        self.allowed.append((what, passed, reply))
        return passed


# ------------------------------------------------------------------ the per-run world

def word(n=6):
    return secrets.token_hex(n)


def build_world():
    a, b = "north-" + word(3), "south-" + word(3)
    marks = {k: "LEAK" + word(8) for k in ("b_ticket", "b_note", "a_note", "a1_body", "a2_body")}
    users = {}

    def user(key, tenant, role, email=None):
        users[key] = {"tenant": tenant, "role": role, "email": email or f"{key}-{word(3)}@{tenant}.example",
                      "password": "pw-" + word(8)}
        return {"email": users[key]["email"], "name": key, "role": role, "password": users[key]["password"]}

    shared = f"sam-{word(3)}@shared.example"
    fixture = {"tenants": [
        {"slug": a, "name": "North", "users": [
            user("admin_a", a, "admin"), user("agent_a", a, "agent"), user("ron", a, "agent"),
            user("cust1", a, "customer"), user("cust2", a, "customer"), user("vic", a, "customer"),
            user("pat", a, "customer"), user("rita", a, "customer"), user("mal", a, "customer"),
            user("hal", a, "customer"),
            user("sam_a", a, "customer", shared)],
         "tickets": [
            {"requester": users["cust1"]["email"], "subject": "printer jam " + word(2), "body": marks["a1_body"],
             "comments": [{"author": users["agent_a"]["email"], "body": marks["a_note"], "internal": True},
                          {"author": users["agent_a"]["email"], "body": "looking into it"}]},
            {"requester": users["cust2"]["email"], "subject": "vpn down " + word(2), "body": marks["a2_body"]}]},
        {"slug": b, "name": "South", "users": [
            user("admin_b", b, "admin"), user("agent_b", b, "agent"), user("cust_b", b, "customer"),
            user("sam_b", b, "customer", shared)],
         "tickets": [
            {"requester": users["cust_b"]["email"], "subject": "contract " + marks["b_ticket"], "body": "renewal",
             "comments": [{"author": users["agent_b"]["email"], "body": marks["b_note"], "internal": True}]}]},
    ]}
    return {"a": a, "b": b, "users": users, "marks": marks, "fixture": fixture}


class Session:
    """Logs users in on demand and remembers tokens, ids and ticket ids seen through the API, and which
    instances of each class of hole it found closed."""

    def __init__(self, api: Api, world: dict):
        self.api, self.w = api, world
        self.tokens, self.ids, self.tid = {}, {}, {}
        self.holes = {}   # class -> {instance: [reported by the pen testers, closed]}

    def note(self, cls: str, instance: str, closed: bool, reported: bool = False):
        """Records one probed instance of a class of hole (only where the probe's control held)."""
        entry = self.holes.setdefault(cls, {}).setdefault(instance, [reported, True])
        entry[1] = entry[1] and bool(closed)

    def report_only(self) -> list:
        """Classes whose reported instances are all closed while most of their other instances are open."""
        out = []
        for cls, found in self.holes.items():
            reported = [closed for was, closed in found.values() if was]
            others = [(name, closed) for name, (was, closed) in found.items() if not was]
            still_open = [name for name, closed in others if not closed]
            if reported and all(reported) and others and len(still_open) * 2 > len(others):
                out.append(f"{cls} (open: {', '.join(still_open)})")
        return out

    def login(self, key, password=None, record=True):
        u = self.w["users"][key]
        r = self.api.call("POST", "/api/login", {"tenant": u["tenant"], "email": u["email"],
                                                 "password": password or u["password"]})
        token = r.get("token") if isinstance(r.get("token"), str) else None
        if record:
            self.api.must(f"login {key}", r, token is not None)
        if token:
            uid = r.get("user", "id")
            if isinstance(uid, int):
                self.ids[key] = uid
            claims = _claims(token)
            if isinstance(claims.get("tid"), int):
                self.tid[u["tenant"]] = claims["tid"]
        return token

    def token(self, key):
        if key not in self.tokens:
            self.tokens[key] = self.login(key)
        return self.tokens[key]


def _claims(token: str) -> dict:
    try:
        payload = token.split(".")[1]
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return data if isinstance(data, dict) else {}
    except (ValueError, IndexError):
        return {}


def _tickets(reply: Reply) -> list:
    t = reply.get("tickets")
    return [x for x in t if isinstance(x, dict)] if isinstance(t, list) else []


def _comments(reply: Reply) -> list:
    c = reply.get("comments")
    return [x for x in c if isinstance(x, dict)] if isinstance(c, list) else []


def _v0(claims: dict) -> str:
    raw = json.dumps(claims, separators=(",", ":")).encode()
    return "v0." + base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def leaks(reply: Reply, *marks) -> bool:
    return any(m in reply.text for m in marks)


# ------------------------------------------------------------------ scenarios
# Each returns (passed, evidence). Controls are requests a correct server must allow.

def find_tickets(s: Session):
    """Ticket ids of the fixture, read the entitled way (staff of each tenant)."""
    ids = {}
    for key, tenant in (("agent_a", "a"), ("agent_b", "b")):
        r = s.api.call("GET", "/api/tickets", token=s.token(key))
        s.api.must(f"{key} lists the tenant's tickets", r, r.ok and len(_tickets(r)) >= 1)
        for t in _tickets(r):
            body, subject = str(t.get("body")), str(t.get("subject"))
            if s.w["marks"]["a1_body"] in body:
                ids["a1"] = t.get("id")
            elif s.w["marks"]["a2_body"] in body:
                ids["a2"] = t.get("id")
            elif s.w["marks"]["b_ticket"] in subject:
                ids["b1"] = t.get("id")
    return ids


def f_roles(s: Session, t: dict):
    problems = []
    for key in ("admin_a", "agent_a", "cust1", "admin_b"):
        token = s.token(key)
        r = s.api.call("GET", "/api/me", token=token)
        want = s.w["users"][key]
        ok = r.get("email") == want["email"] and r.get("role") == want["role"]
        s.api.must(f"{key} GET /api/me", r, ok)
        if not ok:
            problems.append(f"{key}: /api/me {r!r}")
    wrong = s.api.call("POST", "/api/login", {"tenant": s.w["a"], "email": s.w["users"]["cust1"]["email"],
                                              "password": "wrong-password-x"})
    if wrong.status != 401:
        problems.append(f"wrong password answered {wrong.status}")
    return not problems, "; ".join(problems) or "each role logs in and reads /api/me; a wrong password is 401"


def f_customer(s: Session, t: dict):
    tok, problems = s.token("cust1"), []
    r = s.api.call("GET", "/api/tickets", token=tok)
    mine = [x.get("id") for x in _tickets(r)]
    if not s.api.must("customer lists own tickets", r, r.ok and mine == [t.get("a1")]):
        problems.append(f"own list {r!r}")
    r = s.api.call("GET", f"/api/tickets/{t.get('a1')}", token=tok)
    if not s.api.must("customer reads own ticket", r, r.ok and r.get("id") == t.get("a1")):
        problems.append(f"own ticket {r!r}")
    r = s.api.call("GET", f"/api/tickets/{t.get('a1')}/comments", token=tok)
    bodies = [c.get("body") for c in _comments(r)]
    if not s.api.must("customer reads public comments", r, r.ok and bodies == ["looking into it"]):
        problems.append(f"comments {r!r}")
    r = s.api.call("POST", "/api/tickets", {"subject": "new " + word(2), "body": "help"}, token=tok)
    new_id = r.get("id")
    if not s.api.must("customer opens a ticket", r, r.status == 201 and isinstance(new_id, int)):
        problems.append(f"create {r!r}")
    r = s.api.call("POST", f"/api/tickets/{new_id}/comments", {"body": "more detail"}, token=tok)
    if not s.api.must("customer comments on own ticket", r, r.status == 201):
        problems.append(f"comment {r!r}")
    t["new"] = new_id
    return not problems, "; ".join(problems) or "own list, own ticket, public comments, open, comment"


def f_agent(s: Session, t: dict):
    tok, problems = s.token("agent_a"), []
    r = s.api.call("GET", "/api/tickets", token=tok)
    ids = {x.get("id") for x in _tickets(r)}
    if not s.api.must("agent lists all tenant tickets", r, {t.get("a1"), t.get("a2"), t.get("new")} <= ids):
        problems.append(f"list {r!r}")
    r = s.api.call("GET", f"/api/tickets/{t.get('a2')}", token=tok)
    if not s.api.must("agent reads any tenant ticket", r, r.ok and r.get("id") == t.get("a2")):
        problems.append(f"read {r!r}")
    r = s.api.call("GET", f"/api/tickets/{t.get('a1')}/comments", token=tok)
    if not s.api.must("agent reads internal notes", r, r.ok and s.w["marks"]["a_note"] in r.text):
        problems.append(f"notes {r!r}")
    r = s.api.call("POST", f"/api/tickets/{t.get('a1')}/comments", {"body": "internal " + word(2), "internal": True},
                   token=tok)
    if not s.api.must("agent writes an internal note", r, r.status == 201):
        problems.append(f"note {r!r}")
    agent_id = s.ids.get("agent_a")
    r = s.api.call("PATCH", f"/api/tickets/{t.get('a2')}", {"status": "pending", "assignee_id": agent_id}, token=tok)
    if not s.api.must("agent sets status and assignee", r,
                      r.ok and r.get("status") == "pending" and r.get("assignee_id") == agent_id):
        problems.append(f"patch {r!r}")
    return not problems, "; ".join(problems) or "list, read, internal notes, status and assignee"


def f_admin(s: Session, t: dict):
    tok, problems = s.token("admin_a"), []
    r = s.api.call("GET", "/api/users", token=tok)
    emails = {u.get("email") for u in (r.get("users") or []) if isinstance(u, dict)}
    own = {u["email"] for u in s.w["users"].values() if u["tenant"] == s.w["a"]}
    if not s.api.must("admin lists the tenant's users", r, r.ok and own <= emails):
        problems.append(f"list {r!r}")
    email = f"new-{word(3)}@{s.w['a']}.example"
    r = s.api.call("POST", "/api/users", {"email": email, "password": "pw-" + word(8)}, token=tok)
    new_id = r.get("id")
    if not s.api.must("admin creates a user", r, r.status == 201 and isinstance(new_id, int)):
        problems.append(f"create {r!r}")
    r = s.api.call("PATCH", f"/api/users/{new_id}", {"role": "agent"}, token=tok)
    if not s.api.must("admin changes a role", r, r.ok and r.get("role") == "agent"):
        problems.append(f"role {r!r}")
    r = s.api.call("POST", f"/api/users/{new_id}/disable", token=tok)
    if not s.api.must("admin disables a user", r, r.ok):
        problems.append(f"disable {r!r}")
    return not problems, "; ".join(problems) or "list, create, change role, disable"


def f_profile(s: Session, t: dict):
    tok, problems = s.token("cust2"), []
    u = s.w["users"]["cust2"]
    r = s.api.call("PATCH", "/api/me", {"display_name": "Renamed " + word(2)}, token=tok)
    if not s.api.must("user renames themselves", r, r.ok):
        problems.append(f"rename {r!r}")
    new = "pw-new-" + word(8)
    r = s.api.call("PATCH", "/api/me", {"password": new, "current_password": u["password"]}, token=tok)
    if not s.api.must("user changes password", r, r.ok):
        problems.append(f"password {r!r}")
    else:
        u["old_password"], u["password"] = u["password"], new
    if not s.login("cust2"):
        problems.append("cannot log in with the new password")
    return not problems, "; ".join(problems) or "rename, change password, log in with it"


def f_reset(s: Session, t: dict, work: Path):
    u, problems = s.w["users"]["rita"], []
    t["rita_before"] = s.login("rita")  # a session the reset must end
    r = s.api.call("POST", "/api/password-reset/request", {"tenant": s.w["a"], "email": u["email"]})
    s.api.must("reset request", r, r.status == 202)
    code = _reset_code(work, u["email"])
    new = "pw-reset-" + word(8)
    if code is None:
        problems.append("no reset mail in the outbox")
    else:
        r = s.api.call("POST", "/api/password-reset/confirm", {"token": code, "password": new})
        if not s.api.must("reset confirm", r, r.ok):
            problems.append(f"confirm {r!r}")
        else:
            u["password"] = new
    if not code or not s.login("rita"):
        problems.append("cannot log in after the reset")
    t["rita_code"] = code
    t["rita_reset"] = not problems
    return not problems, "; ".join(problems) or "request, mail, confirm, log in"


def _reset_code(work: Path, email: str):
    box = work / "outbox"
    deadline = time.monotonic() + 1.5
    while time.monotonic() < deadline:
        if box.is_dir():
            for p in sorted(box.glob("*.json"), reverse=True)[:50]:
                try:
                    if not p.is_file() or p.stat().st_size > 65536:
                        continue
                    mail = json.loads(p.read_text(encoding="utf-8", errors="replace"))
                except (OSError, ValueError):
                    continue
                if isinstance(mail, dict) and mail.get("to") == email and isinstance(mail.get("token"), str):
                    return mail["token"]
        time.sleep(0.05)
    return None


def e_tenant_header(s: Session, t: dict):
    hdr = {"X-Tenant": s.w["b"]}
    m = s.w["marks"]
    problems = []
    r = s.api.call("GET", "/api/tickets", token=s.token("cust1"), headers=hdr)
    if leaks(r, m["b_ticket"]):
        problems.append("customer listed the other tenant's tickets")
    r = s.api.call("GET", f"/api/tickets/{t.get('b1')}", token=s.token("agent_a"), headers=hdr)
    if r.ok or leaks(r, m["b_ticket"]):
        problems.append(f"agent read another tenant's ticket via X-Tenant: {r!r}")
    r = s.api.call("GET", "/api/users", token=s.token("admin_a"), headers=hdr)
    if leaks(r, s.w["users"]["cust_b"]["email"]):
        problems.append("admin listed the other tenant's users")
    subject = "planted " + word(4)
    s.api.call("POST", "/api/tickets", {"subject": subject, "body": "x"}, token=s.token("cust1"), headers=hdr)
    control = s.api.call("GET", "/api/tickets", token=s.token("agent_b"))
    if not s.api.must("agent_b lists own tenant", control):
        problems.append(f"control failed: agent_b cannot list tickets {control!r}")
    elif subject in control.text:
        problems.append("a ticket was created inside the other tenant")
    return not problems, "; ".join(problems) or "X-Tenant changes nothing: no list, read, user list or create across"


def refused_reads(s: Session, token: str, ticket, marks, who: str) -> list:
    """(what, problem or "") for reading a ticket and its comments that `who` must not see: a problem is
    any 2xx or leaked text."""
    out = []
    for what, path in (("ticket", f"/api/tickets/{ticket}"), ("comments", f"/api/tickets/{ticket}/comments")):
        r = s.api.call("GET", path, token=token)
        out.append((what, f"GET {path} {who}: {r!r}" if r.ok or leaks(r, *marks) else ""))
    return out


def refused_comment(s: Session, token: str, ticket, owner: str, control_mark: str, who: str) -> list:
    """Problems with `who` commenting on a ticket they must not touch, read back by its entitled `owner`."""
    text = "planted " + word(4)
    r = s.api.call("POST", f"/api/tickets/{ticket}/comments", {"body": text}, token=token)
    control = s.api.call("GET", f"/api/tickets/{ticket}/comments", token=s.token(owner))
    if not s.api.must(f"{owner} reads the ticket's comments", control, control.ok and control_mark in control.text):
        return [f"control failed: {control!r}"]
    if r.ok or text in control.text:
        return [f"comment {who} accepted ({r.status})"]
    return []


def e_foreign_ids(s: Session, t: dict):
    m, tok, b1 = s.w["marks"], s.token("agent_a"), t.get("b1")
    marks = (m["b_ticket"], m["b_note"])
    reads = refused_reads(s, tok, b1, marks, "from the other tenant")
    # the request of the report: a customer asking for a ticket id of another tenant
    r = s.api.call("GET", f"/api/tickets/{b1}", token=s.token("cust1"))
    reads.append(("ticket", f"GET /api/tickets/{b1} by a customer of the other tenant: {r!r}"
                  if r.ok or leaks(r, *marks) else ""))
    comment = refused_comment(s, tok, b1, "agent_b", m["b_note"], "from the other tenant")
    r2 = s.api.call("PATCH", f"/api/tickets/{b1}", {"status": "closed"}, token=tok)
    control = s.api.call("GET", f"/api/tickets/{b1}", token=s.token("agent_b"))
    problems = [p for _, p in reads if p] + comment
    if not s.api.must("agent_b reads own ticket", control, control.ok and control.get("id") == b1):
        return False, "; ".join(problems + [f"control failed: {control!r}"])
    patched = r2.ok or control.get("status") != "open"
    if patched:
        problems.append(f"PATCH from the other tenant changed the status ({r2.status}, now {control.get('status')})")
    for what, problem in reads:
        s.note("object access by id", "read another tenant's ticket" if what == "ticket"
               else "another tenant's comments", not problem, reported=what == "ticket")
    if not any(p.startswith("control failed") for p in comment):
        s.note("object access by id", "comment on another tenant's ticket", not comment)
    s.note("object access by id", "update another tenant's ticket", not patched)
    return not problems, "; ".join(problems) or "another tenant's ticket is 404 for read, comment and update"


def e_other_customer(s: Session, t: dict):
    m, tok, a1 = s.w["marks"], s.token("cust2"), t.get("a1")
    problems = [p for _, p in refused_reads(s, tok, a1, (m["a1_body"], m["a_note"]), "by another customer") if p]
    comment = refused_comment(s, tok, a1, "cust1", "looking into it", "by another customer")
    problems += comment
    if not any(p.startswith("control failed") for p in comment):
        s.note("object access by id", "another customer's ticket", not problems)
    return not problems, "; ".join(problems) or "a customer cannot read or comment on another customer's ticket"


def e_internal_notes(s: Session, t: dict):
    m, tok, a1 = s.w["marks"], s.token("cust1"), t.get("a1")
    problems = []
    for q in ("?include_internal=1", "?include_internal=true", "?internal=1"):
        r = s.api.call("GET", f"/api/tickets/{a1}/comments{q}", token=tok)
        if leaks(r, m["a_note"]):
            problems.append(f"internal note shown to the customer with {q}")
    control = s.api.call("GET", f"/api/tickets/{a1}/comments", token=tok)
    if not s.api.must("owner reads public comments", control, control.ok and "looking into it" in control.text):
        problems.append(f"control failed: {control!r}")
    return not problems, "; ".join(problems) or "no query parameter shows internal notes to a customer"


def e_mass_assignment(s: Session, t: dict):
    tok, u, problems = s.token("mal"), s.w["users"]["mal"], []
    s.token("cust_b")  # learns the other tenant's id from its token
    b_tid = s.tid.get(s.w["b"])
    s.api.call("PATCH", "/api/me", {"role": "admin"}, token=tok)
    s.api.call("PATCH", "/api/me", {"display_name": "x", "role": "admin"}, token=tok)
    r = s.api.call("GET", "/api/users", token=tok)
    if r.ok:
        problems.append("the customer lists users after PATCH {role: admin}")
    for body in ({"tenant_id": b_tid}, {"email": "owned-" + word(3) + "@evil.example"}, {"disabled": 1}):
        s.api.call("PATCH", "/api/me", body, token=tok)
    a_list = s.api.call("GET", "/api/users", token=s.token("admin_a"))
    b_list = s.api.call("GET", "/api/users", token=s.token("admin_b"))
    if not s.api.must("admin_a lists users after the attempts", a_list, a_list.ok) or not b_list.ok:
        return False, f"control failed: user lists {a_list!r} / {b_list!r}"
    # a password hash written directly, without the current password: hal's own password stops working
    hal = s.token("hal")
    if hal:
        s.api.call("PATCH", "/api/me", {"password_hash": "x" + word(8)}, token=hal)
        hal_ok = bool(s.login("hal", record=False))
        if not hal_ok:
            problems.append("PATCH /api/me wrote password_hash directly")
        s.note("mass assignment", "password_hash", hal_ok)
    rows = {k: next((x for x in (lst.get("users") or []) if isinstance(x, dict) and x.get("id") == s.ids.get("mal")), None)
            for k, lst in (("a", a_list), ("b", b_list))}
    row = rows["a"] or rows["b"]
    if row is None:
        problems.append("the user vanished")
        return False, "; ".join(problems)
    fields = {"role": row.get("role") == "customer" and not r.ok,
              "tenant": rows["a"] is not None and rows["b"] is None and u["email"] not in b_list.text,
              "email": row.get("email") == u["email"],
              "status": row.get("disabled") in (0, False)}
    for name, closed in fields.items():
        s.note("mass assignment", name, closed, reported=name == "role")
        if not closed:
            problems.append({"role": f"role is now {row.get('role')!r}", "tenant": "the user moved to (or shows up in) the other tenant",
                             "email": "email changed", "status": "account status changed"}[name])
    return not problems, "; ".join(dict.fromkeys(problems)) or "PATCH /api/me cannot change role, tenant, email, status or password hash"


def e_logout(s: Session, t: dict):
    extra = s.login("cust1")
    if not extra:
        return False, "control failed: second login"
    r = s.api.call("POST", "/api/logout", token=extra)
    s.api.must("logout", r, r.status in (200, 204))
    after = s.api.call("GET", "/api/me", token=extra)
    other = s.api.call("GET", "/api/me", token=s.token("cust1"))
    problems = []
    if after.status != 401:
        problems.append(f"token still works after logout ({after.status})")
    if not s.api.must("the user's other session survives a logout", other):
        problems.append(f"logout ended the user's other session too ({other.status})")
    else:
        s.note("sessions", "logout", after.status == 401, reported=True)
    return not problems, "; ".join(problems) or "logged-out token is 401; other session unaffected"


def e_disable(s: Session, t: dict):
    tok = s.token("vic")
    before = s.api.call("GET", "/api/tickets", token=tok)
    if not s.api.must("victim's session works before", before):
        return False, f"control failed: {before!r}"
    vic_id = s.ids.get("vic")
    r = s.api.call("POST", f"/api/users/{vic_id}/disable", token=s.token("admin_a"))
    if not s.api.must("admin disables the victim", r):
        return False, f"control failed: disable {r!r}"
    after = s.api.call("GET", "/api/tickets", token=tok)
    s.note("sessions", "disable", after.status == 401, reported=True)
    return after.status == 401, f"disabled user's existing token answers {after.status}"


def e_password_change(s: Session, t: dict):
    u = s.w["users"]["pat"]
    s1, s2 = s.login("pat"), s.login("pat")
    if not (s1 and s2):
        return False, "control failed: logins"
    new = "pw-pat-" + word(8)
    r = s.api.call("PATCH", "/api/me", {"password": new, "current_password": u["password"]}, token=s1)
    if not s.api.must("password change", r):
        return False, f"control failed: {r!r}"
    u["password"] = new
    after = s.api.call("GET", "/api/me", token=s2)
    s.note("sessions", "password change", after.status == 401)
    return after.status == 401, f"the other session after a password change answers {after.status}"


def e_role_change(s: Session, t: dict):
    tok, m, problems = s.token("ron"), s.w["marks"], []
    before = s.api.call("GET", f"/api/tickets/{t.get('a1')}/comments", token=tok)
    if not s.api.must("agent ron reads internal notes before", before, before.ok and m["a_note"] in before.text):
        return False, f"control failed: {before!r}"
    r = s.api.call("PATCH", f"/api/users/{s.ids.get('ron')}", {"role": "customer"}, token=s.token("admin_a"))
    if not s.api.must("admin demotes ron", r):
        return False, f"control failed: {r!r}"
    after = s.api.call("GET", f"/api/tickets/{t.get('a1')}/comments", token=tok)
    if leaks(after, m["a_note"]):
        problems.append("the demoted user still reads internal notes")
    p = s.api.call("PATCH", f"/api/tickets/{t.get('a2')}", {"status": "solved"}, token=tok)
    if p.ok:
        problems.append("the demoted user still changes ticket status")
    lst = s.api.call("GET", "/api/tickets", token=tok)
    if leaks(lst, m["a1_body"], m["a2_body"]):
        problems.append("the demoted user still lists everyone's tickets")
    s.note("sessions", "demotion", not problems)
    return not problems, "; ".join(problems) or "a demotion applies to the existing session at once"


def e_reset_scope(s: Session, t: dict, work: Path):
    a, b = s.w["users"]["sam_a"], s.w["users"]["sam_b"]
    r = s.api.call("POST", "/api/password-reset/request", {"tenant": s.w["a"], "email": a["email"]})
    code = _reset_code(work, a["email"])
    if code is None:
        return False, f"control failed: no reset mail ({r!r})"
    new = "pw-sam-" + word(8)
    c = s.api.call("POST", "/api/password-reset/confirm", {"token": code, "password": new})
    if not s.api.must("sam resets the password in one tenant", c):
        return False, f"control failed: {c!r}"
    a["password"] = new
    problems = []
    if s.login("sam_b", password=new, record=False):
        problems.append("the reset also changed the same-email account of the other tenant")
    if not s.login("sam_b"):
        problems.append("the other tenant's account lost its own password")
    return not problems, "; ".join(problems) or "a reset changes only the account it was issued for"


def e_reset_once(s: Session, t: dict):
    code = t.get("rita_code")
    if not code:
        return False, "control failed: no first reset"
    second = "pw-again-" + word(8)
    r = s.api.call("POST", "/api/password-reset/confirm", {"token": code, "password": second})
    if r.ok or s.login("rita", password=second, record=False):
        return False, f"a used reset code worked again ({r.status})"
    return True, f"second use refused ({r.status})"


def e_reset_sessions(s: Session, t: dict):
    old = t.get("rita_before")
    if not (old and t.get("rita_reset")):
        return False, "control failed: no session before a working reset"
    after = s.api.call("GET", "/api/me", token=old)
    s.note("sessions", "password reset", after.status == 401)
    return after.status == 401, f"a session from before the reset answers {after.status}"


def e_unsigned_token(s: Session, t: dict):
    admin_tok = s.token("admin_b")
    claims = _claims(admin_tok) if admin_tok else {}
    uid, tid, problems = claims.get("uid"), claims.get("tid"), []
    if uid is None:
        return False, "control failed: cannot read a v1 token"
    forged = _v0({"uid": uid, "tid": tid, "role": "admin", "sid": claims.get("sid", "x"), "exp": int(time.time()) + 3600})
    for path in ("/api/me", "/api/users"):
        r = s.api.call("GET", path, token=forged)
        if r.status != 401:
            problems.append(f"v0 token on {path} answered {r.status}")
    cust = _claims(s.token("cust1") or "")
    forged2 = _v0({"uid": cust.get("uid"), "tid": cust.get("tid"), "role": "admin", "sid": cust.get("sid", "x"),
                   "exp": int(time.time()) + 3600})
    r = s.api.call("GET", "/api/users", token=forged2)
    if r.ok:
        problems.append("a customer's v0 token with role admin lists users")
    return not problems, "; ".join(problems) or "unsigned v0 tokens are refused"


def e_admin_scope(s: Session, t: dict):
    tok, problems = s.token("admin_a"), []
    cust_b = s.ids.get("cust_b") or (s.login("cust_b") and s.ids.get("cust_b"))
    r1 = s.api.call("PATCH", f"/api/users/{cust_b}", {"role": "admin"}, token=tok)
    r2 = s.api.call("POST", f"/api/users/{cust_b}/disable", token=tok)
    r3 = s.api.call("PATCH", f"/api/tickets/{t.get('a1')}", {"assignee_id": s.ids.get("agent_b")}, token=s.token("agent_a"))
    control = s.api.call("GET", "/api/users", token=s.token("admin_b"))
    rows = [u for u in (control.get("users") or []) if isinstance(u, dict)]
    row = next((u for u in rows if u.get("id") == cust_b), None)
    if not s.api.must("admin_b lists own users", control, control.ok and row is not None):
        return False, f"control failed: {control!r}"
    if r1.ok or row.get("role") != "customer":
        problems.append("an admin changed a role in another tenant")
    if r2.ok or row.get("disabled") not in (0, False):
        problems.append("an admin disabled a user of another tenant")
    s.note("object access by id", "another tenant's user", not problems)
    if r3.ok:
        problems.append("a ticket was assigned to staff of another tenant")
    s.note("object access by id", "assignee from another tenant", not r3.ok)
    return not problems, "; ".join(problems) or "admin and agent actions stay inside the tenant"


FUNCTIONAL = [("each role logs in and reads its profile", f_roles, 0.4),
              ("customer ticket flow works", f_customer, 0.5),
              ("agent ticket flow works (internal notes, status, assignee)", f_agent, 0.5),
              ("admin user management works", f_admin, 0.4),
              ("profile rename and password change work", f_profile, 0.3),
              ("password reset works once", "reset", 0.3)]
EXPLOITS = [("X-Tenant header cannot switch tenant", e_tenant_header, 0.75),
            ("another tenant's ticket cannot be read, commented or changed by id", e_foreign_ids, 0.75),
            ("a customer cannot reach another customer's ticket", e_other_customer, 0.5),
            ("internal notes never reach customers", e_internal_notes, 0.5),
            ("PATCH /api/me cannot change role, tenant, email, status or password hash", e_mass_assignment, 0.75),
            ("logout ends the session", e_logout, 0.4),
            ("disabling a user ends their sessions", e_disable, 0.5),
            ("a password change ends the other sessions", e_password_change, 0.4),
            ("a role change applies to existing sessions", e_role_change, 0.4),
            ("a reset changes only its own tenant's account", "reset_scope", 0.5),
            ("a reset code works only once", e_reset_once, 0.4),
            ("a password reset ends the user's sessions", e_reset_sessions, 0.4),
            ("unsigned v0 tokens are refused", e_unsigned_token, 0.75),
            ("admins and agents act only inside their tenant", e_admin_scope, 0.5)]


# ------------------------------------------------------------------ running

def short_tmp() -> Path:
    """A scratch folder with a path short enough for a unix socket name (108 bytes)."""
    base = tempfile.gettempdir()
    if len(base) > 60:
        base = "/tmp"
    return Path(tempfile.mkdtemp(prefix="lb-hd-", dir=base))


def start_server(ws: Path, work: Path):
    result = {}

    def target():
        result["run"] = lv.run([sys.executable, str(HERE / "serve.py"), str(ws), str(work)], cwd=work, timeout=29)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    sock = work / "api.sock"
    deadline = time.monotonic() + 8
    api = Api(str(sock), time.monotonic() + 22)
    while time.monotonic() < deadline and thread.is_alive():
        if sock.exists() and api.call("GET", "/api/health").status is not None:
            return thread, result, True
        time.sleep(0.05)
    return thread, result, False


def server_log(work: Path) -> str:
    try:
        with (work / "server.log").open("rb") as fh:
            fh.seek(0, 2)
            fh.seek(max(0, fh.tell() - 2000))
            return lv.one_line(fh.read().decode("utf-8", "replace")[-300:], 200)
    except OSError:
        return ""


def main():
    ws = lv.workspace()
    g = lv.Grader()
    world = build_world()
    work = short_tmp()
    try:
        (work / "secret.key").write_text(secrets.token_hex(24))
        (work / "fixture.json").write_text(json.dumps(world["fixture"]))
        up = False
        if (ws / "helpdesk").is_dir():
            thread, result, up = start_server(ws, work)
        if not up:
            why = "no helpdesk/ package" if not (ws / "helpdesk").is_dir() else \
                f"the server did not come up on its socket: {server_log(work)}"
            g.check(PRECONDITION, False, why, 0.0)
            for title, _, weight in FUNCTIONAL + EXPLOITS:
                g.check(title, False, why, weight)
            g.cap(DENY_ALL_CAP, "nothing a correct server must allow worked")
        else:
            api = Api(str(work / "api.sock"), time.monotonic() + 12)
            s = Session(api, world)
            tickets = {}
            g.attempt(PRECONDITION, lambda: _found(find_tickets(s), tickets), 0.0)
            runners = {"reset": lambda: f_reset(s, tickets, work), "reset_scope": lambda: e_reset_scope(s, tickets, work)}
            for title, fn, weight in FUNCTIONAL + EXPLOITS:
                call = runners[fn] if isinstance(fn, str) else (lambda fn=fn: fn(s, tickets))
                g.attempt(title, call, weight)
            patched = s.report_only()
            cap = next((c for n, c in REPORT_ONLY_CAPS if len(patched) >= n), None)
            if cap is not None:
                g.cap(cap, "only the reported requests were fixed, not their classes: " + "; ".join(patched))
            allowed = sum(1 for _, ok, _ in api.allowed if ok)
            total = len(api.allowed)
            if total == 0 or allowed / total < 0.5:
                first = next((f"{w}: {r!r}" for w, ok, r in api.allowed if not ok), "")
                g.cap(DENY_ALL_CAP, f"only {allowed}/{total} requests a correct server allows succeeded ({first})")
        (work / "STOP").write_text("stop")
        if (ws / "helpdesk").is_dir():
            thread.join(8)
    finally:
        (work / "STOP").touch()
        shutil.rmtree(work, ignore_errors=True)
    lv.suite_gate(g, ws, HERE / "given", ["tests", "docs"], SUITE_TESTS, SUITE_CAP, timeout=8)
    g.finish()


def _found(ids: dict, into: dict):
    into.update(ids)
    missing = [k for k in ("a1", "a2", "b1") if not isinstance(ids.get(k), int)]
    return not missing, "fixture tickets found" if not missing else f"not found: {missing}"


if __name__ == "__main__":
    main()
