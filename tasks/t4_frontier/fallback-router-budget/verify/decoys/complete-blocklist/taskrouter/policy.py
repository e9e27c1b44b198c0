"""Routing policy: which model may take which class of task, given the models' health.

The primary model takes everything. The fallback model is an emergency deputy for advisory
work while the primary is down; see README.md for the authority it must never get.
"""
from dataclasses import dataclass
from typing import Optional

PRIMARY_MODEL = "orion-large"
FALLBACK_MODEL = "lynx-mini"

# Advisory work the fallback may pick up while the primary is down.
ADVISORY = frozenset({
    "summary",
    "blocker_report",
    "repair_proposal",
    "diff_review",
    "reconciliation",
    "sandbox_edit",
})

# Operational authority that stays with the primary (and its operators).
FALLBACK_BLOCKED = frozenset({"auth", "config", "cron", "public_send"})

# Data that must never be handled outside the primary's tenancy.
SENSITIVE_DATA = frozenset({"phi", "client_data"})

# Decisions a human signs off even when the primary proposes them.
HUMAN_SIGNOFF = frozenset({"payment", "trust"})


@dataclass(frozen=True)
class Decision:
    model: Optional[str]      # None when the task is held
    allowed: bool
    needs_approval: bool
    reason: str


def normalize_class(task_class: str) -> str:
    """Canonical form of a task class: 'Public-Send ' -> 'public_send'."""
    return "_".join(task_class.strip().lower().replace("-", " ").replace("_", " ").split())


def decide(task_class: str, primary_up: bool, fallback_up: bool) -> Decision:
    """Routes one task of class task_class."""
    cls = normalize_class(task_class)
    if primary_up:
        return Decision(PRIMARY_MODEL, True, cls in HUMAN_SIGNOFF, "primary")
    if not fallback_up:
        return Decision(None, False, False, "no model available")
    if _blocked_on_fallback(task_class):
        return Decision(None, False, False, f"'{cls}' is not allowed on the fallback model")
    return Decision(FALLBACK_MODEL, True, False, "fallback: advisory work")


def _blocked_on_fallback(task_class: str) -> bool:
    cls = normalize_class(task_class)
    return cls in FALLBACK_BLOCKED or cls in SENSITIVE_DATA or cls in HUMAN_SIGNOFF
