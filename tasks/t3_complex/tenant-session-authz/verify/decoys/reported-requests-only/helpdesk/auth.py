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
    try:
        claims = tokens.verify(app.secret, bearer_token(headers), app.clock())
    except tokens.TokenError as e:
        raise HTTPError(401, "unauthenticated", f"invalid token: {e}") from None
    # finding 4: logged-out sessions and disabled users
    session = app.db.get_session(claims.get("sid", ""))
    user = app.db.get_user(claims["uid"])
    if session is None or session["revoked"] or user is None or user["disabled"]:
        raise HTTPError(401, "unauthenticated", "session ended")
    return Principal(claims["uid"], claims["tid"], claims["role"], claims.get("sid", ""))


def require_role(principal: Principal, *roles: str):
    if principal.role not in roles:
        raise HTTPError(403, "forbidden", f"requires role {' or '.join(roles)}")
