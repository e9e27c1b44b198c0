"""Session tokens.

A token is `v1.<payload>.<signature>`: the payload is base64url JSON with the user id (`uid`), tenant id
(`tid`), role, session id (`sid`) and expiry (`exp`, Unix seconds); the signature is base64url
HMAC-SHA256 of `v1.<payload>` under the server secret.
"""
import base64
import hashlib
import hmac
import json


class TokenError(Exception):
    """The token is malformed, forged or expired."""


def _b64encode(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as e:
        raise TokenError("bad encoding") from e


def _sign(secret: bytes, message: str) -> str:
    return _b64encode(hmac.new(secret, message.encode("ascii"), hashlib.sha256).digest())


def issue(secret: bytes, uid: int, tid: int, role: str, sid: str, expires_at: float) -> str:
    payload = _b64encode(json.dumps({"uid": uid, "tid": tid, "role": role, "sid": sid, "exp": int(expires_at)},
                                    separators=(",", ":")).encode("utf-8"))
    message = "v1." + payload
    return message + "." + _sign(secret, message)


def _claims(payload: str) -> dict:
    try:
        claims = json.loads(_b64decode(payload))
    except ValueError as e:
        raise TokenError("bad payload") from e
    if not isinstance(claims, dict) or not {"uid", "tid", "role"} <= claims.keys():
        raise TokenError("incomplete payload")
    return claims


def verify(secret: bytes, token: str, now: float) -> dict:
    """The claims of a valid token; TokenError for anything else."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != "v1":
        raise TokenError("unknown token format")
    if not hmac.compare_digest(_sign(secret, parts[0] + "." + parts[1]), parts[2]):
        raise TokenError("bad signature")
    claims = _claims(parts[1])
    if not isinstance(claims.get("exp"), (int, float)) or claims["exp"] <= now:
        raise TokenError("expired")
    return claims
