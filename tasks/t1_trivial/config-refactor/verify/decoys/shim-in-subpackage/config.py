"""Loads settings.toml for the nightly digest tools.

Every tool goes through load(): it parses the file, fills in the defaults below for
optional keys and refuses a file that lacks a required key, so the tools themselves can
index the returned dict without guarding every lookup. Only the v2 layout
(config_version = 2) is accepted: a stale v1 file would otherwise run on defaults.
"""
import copy
import logging
import sys
import tomllib
from pathlib import Path

import settingscompat

CONFIG_VERSION = 2

DEFAULTS = {
    "timezone": "UTC",
    "logging": {
        "level": "info",
    },
    "mail": {
        "smtp": {
            "port": 25,
            "tls": True,
            "timeout_s": 10,
        },
    },
    "digest": {
        "send_hour": 7,
        "max_items": 20,
        "min_severity": "warning",
        "window_minutes": 24 * 60,
        "group_by": "service",
    },
    "archive": {
        "dir": "archive",
        "keep_days": 14,
    },
}

# Dotted paths into the file; there is no sensible default for these.
REQUIRED = ["app_name", "mail.smtp.host", "mail.smtp.user", "mail.recipients"]


class ConfigError(Exception):
    """The settings file is missing, unreadable or incomplete."""


def load(path="settings.toml") -> dict:
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    version = raw.get("config_version")
    if version != CONFIG_VERSION:
        raise ConfigError(f"{path}: config_version is {version!r}, expected {CONFIG_VERSION}"
                          " (convert the file to the v2 layout, see README.md)")
    cfg = _merge(copy.deepcopy(DEFAULTS), raw)
    missing = [key for key in REQUIRED if _lookup(cfg, key) is None]
    if missing:
        raise ConfigError(f"{path}: missing required setting(s): {', '.join(missing)}")
    return settingscompat.tool_view(cfg)


def setup_logging(cfg: dict) -> None:
    # No timestamps: the cron wrapper adds its own, and it keeps the output diffable.
    logging.basicConfig(level=cfg["logging"]["level"].upper(), stream=sys.stderr,
                        format="%(levelname)s %(name)s: %(message)s")


def _merge(base: dict, override: dict) -> dict:
    """Recursively overlays override on base (tables merge, everything else replaces)."""
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value)
        else:
            base[key] = value
    return base


def _lookup(cfg: dict, dotted: str):
    node = cfg
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
