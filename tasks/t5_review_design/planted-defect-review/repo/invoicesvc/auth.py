"""Bearer tokens: "<account_id>.<hex hmac-sha256 of account_id>" signed with the service key."""
import hashlib
import hmac
from typing import Optional


class AuthError(Exception):
    """Raised when a request carries no valid token; maps to HTTP 401."""


def sign(account_id: str, key: str) -> str:
    mac = hmac.new(key.encode(), account_id.encode(), hashlib.sha256).hexdigest()
    return f"{account_id}.{mac}"


def verify_token(token: str, key: str) -> Optional[str]:
    """Returns the account id a token was issued for, or None when it is not valid."""
    account_id, sep, mac = token.rpartition(".")
    if not sep or not account_id:
        return None
    expected = hmac.new(key.encode(), account_id.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, mac):
        return None
    return account_id


def account_from_header(header: Optional[str], key: str) -> str:
    """The authenticated account of a request's Authorization header."""
    if not header or not header.startswith("Bearer "):
        raise AuthError("missing bearer token")
    account_id = verify_token(header[len("Bearer "):].strip(), key)
    if account_id is None:
        raise AuthError("invalid token")
    return account_id
