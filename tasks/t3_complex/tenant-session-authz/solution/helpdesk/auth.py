"""Who is calling: turns the request's bearer token into a Principal."""
from dataclasses import dataclass

from . import tokens
from .errors import HTTPError

ROLES = ("customer", "agent", "admin")
STAFF = ("agent", "admin")


@dataclass(frozen=True)
class Principal:
    user_id: int
    tenant_id: int
    role: str
    session_id: str

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF


def bearer_token(headers: dict) -> str:
    value = headers.get("authorization", "")
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise HTTPError(401, "unauthenticated", "missing bearer token")
    return token.strip()


def authenticate(app, headers: dict) -> Principal:
    """The caller, from a valid token of a live session of an enabled user.

    The token only names the session: tenant and role come from the database on every request, so
    logout, disabling, password changes and role changes take effect at once. Nothing the client sends
    besides the token (no tenant header, no claim) chooses the tenant.
    """
    try:
        claims = tokens.verify(app.secret, bearer_token(headers), app.clock())
    except tokens.TokenError as e:
        raise HTTPError(401, "unauthenticated", f"invalid token: {e}") from None
    session = app.db.get_session(str(claims.get("sid") or ""))
    if (session is None or session["revoked"] or session["expires_at"] <= app.clock()
            or session["user_id"] != claims["uid"]):
        raise HTTPError(401, "unauthenticated", "session has ended")
    user = app.db.get_user(claims["uid"])
    if user is None or user["disabled"] or user["tenant_id"] != claims["tid"]:
        raise HTTPError(401, "unauthenticated", "session has ended")
    return Principal(user["id"], user["tenant_id"], user["role"], session["id"])


def require_role(principal: Principal, *roles: str):
    if principal.role not in roles:
        raise HTTPError(403, "forbidden", f"requires role {' or '.join(roles)}")
