"""Opaque list cursors: base64url JSON carrying the last id seen. Clients must not build them."""
import base64
import binascii
import json

from .errors import BadRequest

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


def encode(after_id: int) -> str:
    raw = json.dumps({"after": after_id}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def decode(cursor) -> int:
    if cursor in (None, ""):
        return 0
    try:
        raw = base64.urlsafe_b64decode(str(cursor) + "=" * (-len(str(cursor)) % 4))
        data = json.loads(raw)
        after = data["after"]
    except (binascii.Error, ValueError, KeyError, TypeError):
        raise BadRequest("invalid cursor") from None
    if not isinstance(after, int) or isinstance(after, bool) or after < 0:
        raise BadRequest("invalid cursor")
    return after


def limit(value) -> int:
    if value in (None, ""):
        return DEFAULT_LIMIT
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise BadRequest("limit must be an integer") from None
    if not 1 <= n <= MAX_LIMIT:
        raise BadRequest(f"limit must be between 1 and {MAX_LIMIT}")
    return n


def page(items, limit_n: int, id_of) -> dict:
    """The response shape of a list: items plus the cursor of the next page, if there may be one."""
    body = {"items": items}
    if len(items) == limit_n and items:
        body["next"] = encode(id_of(items[-1]))
    return body
