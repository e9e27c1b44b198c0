"""The contract between toolrun and the tools it runs (docs/tools.md)."""
from dataclasses import dataclass, field
from typing import Any, Optional, Protocol, Tuple

from ..money import Micros
from .cancel import CancelToken

ERROR_KINDS = ("timeout", "rate_limited", "unavailable", "invalid_args", "failed", "cancelled", "lost")


@dataclass(frozen=True)
class ToolSpec:
    name: str
    idempotent: bool              # the same call twice has the effect of one (reads, upserts with a key)
    side_effects: bool            # changes something outside toolrun (mail, payments, tickets)
    timeout_s: float
    price: Micros                 # what one attempt costs, reserved before the call
    secret_args: Tuple[str, ...] = ()


@dataclass(frozen=True)
class ToolContext:
    run_id: str
    call_id: str
    attempt: int                  # 1 for the first try
    cancel: CancelToken
    deadline: float               # monotonic seconds; the tool should give up by then


@dataclass
class ToolResult:
    output: Any
    cost: Micros                  # actual cost, settled against the reservation


@dataclass
class ToolError(Exception):
    kind: str                     # one of ERROR_KINDS; "lost" = the outcome is not known
    message: str = ""
    cost: Micros = Micros(0)
    retry_after_s: Optional[float] = field(default=None)

    def __str__(self):
        return f"{self.kind}: {self.message}"


class Tool(Protocol):
    spec: ToolSpec

    def invoke(self, args: dict, ctx: ToolContext) -> ToolResult:
        """Performs the call. Raises ToolError for every failure; checks ctx.cancel at safe points."""
        ...
