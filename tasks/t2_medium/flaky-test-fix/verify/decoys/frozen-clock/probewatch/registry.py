"""Probe check definitions, read from JSON files.

A checks file is a JSON list of objects: {"name", "url", "interval_s" (optional),
"enabled" (optional)}. The monitor reloads the list on every tick.
"""
import copy
import json
from pathlib import Path

DEFAULT_INTERVAL_S = 60
HEARTBEAT = {"name": "heartbeat", "url": "internal:heartbeat", "interval_s": 30, "enabled": True}

# Parsed files by absolute path: the monitor asks for the same file every few seconds.
# Only ever handed out as deep copies, so no caller can change what the next one gets.
_parsed = {}


def load_checks(path) -> list:
    """The checks in a file, as a list of dicts that the caller may change freely.

    Each file is read and parsed once per process.
    """
    key = str(Path(path).resolve())
    if key not in _parsed:
        _parsed[key] = json.loads(Path(path).read_text(encoding="utf-8"))
    return copy.deepcopy(_parsed[key])


def enabled_checks(path) -> list:
    """The enabled checks of a file with their defaults filled in, then the built-in heartbeat."""
    checks = []
    for check in load_checks(path):  # our own copies: filling in defaults touches no cache
        check.setdefault("interval_s", DEFAULT_INTERVAL_S)
        check.setdefault("enabled", True)
        if check["enabled"]:
            checks.append(check)
    return checks + [dict(HEARTBEAT)]
