"""Prunes archived digests older than archive.keep_days.

Usage: python3 cleanup.py [--config settings.toml] [--today YYYY-MM-DD] [--apply]

Without --apply it only prints what it would delete. Archived digests are files named
digest-YYYY-MM-DD.txt in archive.dir; anything else there is left alone.
"""
import argparse
import logging
import re
import sys
from datetime import date, timedelta
from pathlib import Path

import config
from settingscompat import names as N

log = logging.getLogger("cleanup")

ARCHIVE_NAME = re.compile(r"digest-(\d{4}-\d{2}-\d{2})\.txt")


def expired(archive_dir: Path, keep_days: int, today: date) -> tuple:
    """Returns (expired files sorted by name, number of archived digests seen)."""
    cutoff = today - timedelta(days=keep_days)
    seen, old = 0, []
    for path in sorted(archive_dir.glob("digest-*.txt")):
        match = ARCHIVE_NAME.fullmatch(path.name)
        if not match:
            continue
        seen += 1
        if date.fromisoformat(match.group(1)) < cutoff:
            old.append(path)
    return old, seen


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Prune old archived digests.")
    parser.add_argument("--config", default="settings.toml")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--apply", action="store_true", help="really delete the files")
    args = parser.parse_args(argv)
    try:
        cfg = config.load(args.config)
    except config.ConfigError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    config.setup_logging(cfg)

    retention = cfg[N.RETENTION]
    archive_dir = Path(retention[N.ARCHIVE_DIR])
    print(f"[{cfg['app_name']}] {archive_dir}: keeping {retention['keep_days']} days")
    old, seen = expired(archive_dir, retention["keep_days"], args.today)
    for path in old:
        if args.apply:
            path.unlink()
        print(("deleted " if args.apply else "would delete ") + path.as_posix())
    log.info("%d of %d archived digests expired", len(old), seen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
