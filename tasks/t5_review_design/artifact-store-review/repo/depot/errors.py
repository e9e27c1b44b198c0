"""Errors that map to HTTP answers. Handlers raise them; the server turns them into JSON bodies."""


class DepotError(Exception):
    status = 500
    code = "internal"

    def __init__(self, message: str = "", **details):
        super().__init__(message or self.code)
        self.message = message or self.code
        self.details = details

    def body(self) -> dict:
        out = {"error": self.code, "message": self.message}
        out.update(self.details)
        return out


class BadRequest(DepotError):
    status, code = 400, "bad_request"


class Unauthorized(DepotError):
    status, code = 401, "unauthorized"


class Forbidden(DepotError):
    status, code = 403, "forbidden"


class NotFound(DepotError):
    status, code = 404, "not_found"


class Conflict(DepotError):
    status, code = 409, "conflict"


class PayloadTooLarge(DepotError):
    status, code = 413, "payload_too_large"


class RangeNotSatisfiable(DepotError):
    status, code = 416, "range_not_satisfiable"


class TooManyRequests(DepotError):
    status, code = 429, "too_many_requests"


class QuotaExceeded(DepotError):
    status, code = 507, "quota_exceeded"
