"""Status-page summary of probe incidents."""
from dataclasses import dataclass

# Higher is worse; a service with no open incident is "ok".
SEVERITY = {"ok": 0, "degraded": 1, "down": 2}


@dataclass(frozen=True)
class Incident:
    service: str
    state: str  # "degraded" or "down"
    resolved: bool = False


def worst_states(incidents) -> dict:
    """{service: worst state among its unresolved incidents}; "ok" when all are resolved."""
    incidents = list(incidents)
    worst = {}
    # Sorted: set iteration order changes with PYTHONHASHSEED, and callers show this order.
    for service in sorted({i.service for i in incidents}):
        states = [i.state for i in incidents if i.service == service and not i.resolved]
        worst[service] = max(states, key=SEVERITY.__getitem__, default="ok")
    return worst


def status_lines(incidents) -> list:
    """One "service: state" line per service, sorted by service name, for the status page."""
    return [f"{service}: {state}" for service, state in sorted(worst_states(incidents).items())]
