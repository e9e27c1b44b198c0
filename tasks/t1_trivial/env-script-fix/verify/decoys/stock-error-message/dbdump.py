"""Nightly database dump: runs pg_dump with the settings from a .env file and rotates old dumps.

Usage: python3 dbdump.py [--env .env] [--dry-run]

--dry-run prints the pg_dump command line and the rotation it would do, and touches nothing.
"""
import argparse
import shlex
import subprocess
import sys
from pathlib import Path

import settings


def dump_command(cfg: settings.Settings) -> list:
    cmd = ["pg_dump", f"--format={cfg.format}", f"--dbname={cfg.database_url}",
           f"--file={Path(cfg.dump_dir) / (cfg.label + '.dump')}"]
    cmd += [f"--exclude-table={table}" for table in cfg.exclude_tables]
    return cmd


def rotate(cfg: settings.Settings) -> None:
    """Shifts label.dump -> label.dump.1 -> ... keeping cfg.keep old dumps."""
    base = Path(cfg.dump_dir) / (cfg.label + ".dump")
    for n in range(cfg.keep - 1, 0, -1):
        older = base.with_name(f"{base.name}.{n}")
        if older.exists():
            older.replace(base.with_name(f"{base.name}.{n + 1}"))
    if base.exists():
        base.replace(base.with_name(base.name + ".1"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Dump the database and rotate old dumps.")
    parser.add_argument("--env", default=".env", help="settings file (default: .env)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be done")
    args = parser.parse_args(argv)

    try:
        cfg = settings.load(args.env)
        assert cfg.database_url and cfg.dump_dir
    except Exception:
        print(f"error: invalid configuration in {args.env}: check DATABASE_URL, DUMP_DIR, DUMP_LABEL, DUMP_KEEP "
              "and the .env syntax (line 1, 2, 3, ...)", file=sys.stderr)
        return 2
    cmd = dump_command(cfg)
    if args.dry_run:
        print(shlex.join(cmd))
        print(f"rotate {Path(cfg.dump_dir) / (cfg.label + '.dump')} keep={cfg.keep}")
        return 0
    rotate(cfg)
    return subprocess.run(cmd).returncode


if __name__ == "__main__":
    sys.exit(main())
