"""Keeps secrets out of the audit log: arguments a tool declares secret are replaced before logging."""
from typing import Iterable

REDACTED = "[redacted]"


def redact_args(args: dict, secret_args: Iterable[str]) -> dict:
    secret = set(secret_args)
    return {k: (REDACTED if k in secret else v) for k, v in args.items()}
