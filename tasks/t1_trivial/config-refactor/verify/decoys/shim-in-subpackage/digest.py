"""Renders the nightly ops digest: the events of the last window, as a ready-to-send mail.

Usage: python3 digest.py [--config settings.toml] [--events events.jsonl] [--date YYYY-MM-DD]

The window ends at digest.send_hour on --date (default: today) and reaches back
digest.window_minutes. The mail is written to stdout; the cron job pipes it to the relay.
"""
import argparse
import json
import logging
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import config
from settingscompat import names as N

log = logging.getLogger("digest")

SEVERITIES = ["debug", "info", "warning", "error", "critical"]


def read_events(path: Path) -> list:
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            event = json.loads(line)
            event["ts"] = datetime.fromisoformat(event["ts"])
            events.append(event)
    return events


def window(cfg: dict, day: date) -> tuple:
    end = datetime.combine(day, time(hour=cfg["digest"]["send_hour"]))
    return end - timedelta(hours=cfg["digest"][N.LOOKBACK_HOURS]), end


def select(cfg: dict, events: list, start: datetime, end: datetime) -> tuple:
    """Returns (matching, shown): events in the window at or above min_severity, and the
    max_items most severe of them (oldest first among equals)."""
    floor = SEVERITIES.index(cfg["digest"]["min_severity"])
    matching = [e for e in events
                if start <= e["ts"] < end and SEVERITIES.index(e["severity"]) >= floor]
    ranked = sorted(matching, key=lambda e: (-SEVERITIES.index(e["severity"]), e["ts"]))
    return matching, ranked[: cfg["digest"]["max_items"]]


def render(cfg: dict, matching: list, shown: list, start: datetime, end: datetime) -> str:
    smtp, digest = cfg[N.SMTP], cfg["digest"]
    lines = [
        f"From: {smtp[N.SMTP_USER]}@{smtp[N.SMTP_HOST]}",
        f"To: {', '.join(digest['recipients'])}",
        f"Subject: [{cfg['app_name']}] {len(matching)} events ({digest['min_severity']} and up)",
        f"X-Relay: {smtp[N.SMTP_HOST]}:{smtp[N.SMTP_PORT]}"
        f" tls={'on' if smtp[N.USE_TLS] else 'off'} timeout={smtp[N.TIMEOUT_MS] / 1000:g}s",
        "",
        f"Window: {start:%Y-%m-%d %H:%M} .. {end:%Y-%m-%d %H:%M} ({cfg['timezone']})",
    ]
    groups = {}
    for event in shown:
        groups.setdefault(str(event[digest["group_by"]]), []).append(event)
    for name in sorted(groups):
        lines += ["", f"== {name} ({len(groups[name])}) =="]
        for e in sorted(groups[name], key=lambda e: e["ts"]):
            lines.append(f"{e['ts']:%m-%d %H:%M}  {e['severity']:<8} {e['service']:<8} {e['message']}")
    if not shown:
        lines += ["", "Nothing to report."]
    lines += ["", f"-- showing {len(shown)} of {len(matching)} matching events --"]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Render the nightly ops digest.")
    parser.add_argument("--config", default="settings.toml")
    parser.add_argument("--events", default="events.jsonl")
    parser.add_argument("--date", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    try:
        cfg = config.load(args.config)
    except config.ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    config.setup_logging(cfg)
    log.debug("loaded %s", args.config)

    events = read_events(Path(args.events))
    start, end = window(cfg, args.date)
    matching, shown = select(cfg, events, start, end)
    log.info("%d of %d events in window, showing %d", len(matching), len(events), len(shown))
    sys.stdout.write(render(cfg, matching, shown, start, end))
    return 0


if __name__ == "__main__":
    sys.exit(main())
