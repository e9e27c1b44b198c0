"""Two real tools of the catalogue, kept here as references for tool authors."""
import json
import time
import urllib.error
import urllib.request

from ..money import micros
from .base import ToolContext, ToolError, ToolResult, ToolSpec


class HttpGet:
    spec = ToolSpec(name="http_get", idempotent=True, side_effects=False, timeout_s=10.0, price=micros("0.0001"))

    def invoke(self, args: dict, ctx: ToolContext) -> ToolResult:
        if ctx.cancel.is_set():
            raise ToolError("cancelled", "cancelled before the request")
        try:
            with urllib.request.urlopen(args["url"], timeout=self.spec.timeout_s) as resp:
                body = resp.read(1_000_000)
        except urllib.error.HTTPError as e:
            raise ToolError("rate_limited" if e.code == 429 else "unavailable" if e.code >= 500 else "failed",
                            str(e)) from None
        except TimeoutError:
            raise ToolError("timeout", "no answer") from None
        except urllib.error.URLError as e:
            raise ToolError("unavailable", str(e.reason)) from None
        return ToolResult(body.decode("utf-8", "replace"), self.spec.price)


class SendEmail:
    """Sends through the mail provider's API. Not idempotent: the provider has no idempotency key."""
    spec = ToolSpec(name="send_email", idempotent=False, side_effects=True, timeout_s=20.0, price=micros("0.0008"),
                    secret_args=("api_key",))

    def __init__(self, endpoint: str):
        self.endpoint = endpoint

    def invoke(self, args: dict, ctx: ToolContext) -> ToolResult:
        if ctx.cancel.is_set():
            raise ToolError("cancelled", "cancelled before sending")
        payload = json.dumps({"to": args["to"], "subject": args["subject"], "body": args["body"]}).encode()
        req = urllib.request.Request(self.endpoint, payload, {"Authorization": "Bearer " + args["api_key"],
                                                             "Content-Type": "application/json"})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(req, timeout=self.spec.timeout_s) as resp:
                message_id = json.loads(resp.read()).get("id")
        except TimeoutError:
            # The request went out; whether the mail was sent is not known.
            raise ToolError("lost", f"no answer after {time.monotonic() - started:.1f} s") from None
        except urllib.error.HTTPError as e:
            raise ToolError("rate_limited" if e.code == 429 else "failed", str(e)) from None
        except urllib.error.URLError as e:
            raise ToolError("unavailable", str(e.reason)) from None
        return ToolResult({"message_id": message_id}, self.spec.price)
