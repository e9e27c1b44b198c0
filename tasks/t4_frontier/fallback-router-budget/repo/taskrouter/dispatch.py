"""Applies the routing policy to a queue of tasks.

The health probe writes a small JSON file (`{"primary": {"up": true}, "fallback": {"up": true}}`);
dispatch reads it once per batch so every task of a batch sees the same health snapshot.
"""
import json
import logging
from pathlib import Path
from typing import Iterable, List, Tuple

from .policy import decide

log = logging.getLogger("taskrouter")


def load_health(path) -> Tuple[bool, bool]:
    """Returns (primary_up, fallback_up); a missing or unreadable file means both are down."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        log.error("health file %s unreadable (%s); treating both models as down", path, e)
        return False, False
    return bool(data.get("primary", {}).get("up")), bool(data.get("fallback", {}).get("up"))


def dispatch(tasks: Iterable[dict], health_path) -> Tuple[List[tuple], List[tuple]]:
    """Splits tasks into routed (id, model, needs_approval) and held (id, reason)."""
    primary_up, fallback_up = load_health(health_path)
    routed, held = [], []
    for task in tasks:
        decision = decide(task.get("class", ""), primary_up, fallback_up)
        if decision.allowed:
            routed.append((task["id"], decision.model, decision.needs_approval))
        else:
            held.append((task["id"], decision.reason))
            log.warning("holding task %s: %s", task["id"], decision.reason)
    return routed, held
