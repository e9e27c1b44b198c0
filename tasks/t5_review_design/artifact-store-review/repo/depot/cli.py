"""Operator commands: python3 -m depot <command> [--settings FILE].

    serve                         run the HTTP server
    create-project NAME [--keep N] [--quota BYTES]
    create-token NAME --scopes read,write [--project P] [--ttl SECONDS]
    retention [--project P] [--dry-run]
    gc [--min-age SECONDS]        delete unreferenced blobs and stale temporary files
    scrub [--sample N]            re-hash a sample of blobs
    export PROJECT DEST [--artifact A]   write an offline export tarball
"""
import argparse
import json
import sys

from . import exports, retention, settings as settings_mod
from .errors import DepotError
from .integrity import scrub
from .server import build_context, serve


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="depot")
    ap.add_argument("--settings", help="JSON settings file (DEPOT_* variables override it)")
    sub = ap.add_subparsers(dest="command", required=True)
    sub.add_parser("serve")
    p = sub.add_parser("create-project")
    p.add_argument("name")
    p.add_argument("--keep", type=int)
    p.add_argument("--quota", type=int)
    t = sub.add_parser("create-token")
    t.add_argument("name")
    t.add_argument("--scopes", required=True)
    t.add_argument("--project")
    t.add_argument("--ttl", type=float)
    r = sub.add_parser("retention")
    r.add_argument("--project")
    r.add_argument("--dry-run", action="store_true")
    g = sub.add_parser("gc")
    g.add_argument("--min-age", type=float, default=3600)
    s = sub.add_parser("scrub")
    s.add_argument("--sample", type=int, default=100)
    e = sub.add_parser("export")
    e.add_argument("project")
    e.add_argument("dest")
    e.add_argument("--artifact")
    args = ap.parse_args(argv)
    try:
        cfg = settings_mod.load(args.settings)
    except (OSError, ValueError) as e:
        print(f"depot: settings: {e}", file=sys.stderr)
        return 2
    if args.command == "serve":
        try:
            return serve(cfg)
        except ValueError as e:
            print(f"depot: {e}", file=sys.stderr)
            return 2
    ctx = build_context(cfg)
    try:
        return _run(args, ctx, cfg)
    except DepotError as e:
        print(f"depot: {e.message}", file=sys.stderr)
        return 1
    finally:
        ctx.db.close()


def _run(args, ctx, cfg) -> int:
    if args.command == "create-project":
        p = ctx.catalog.create_project(args.name, args.keep, args.quota)
        print(json.dumps({"project": p.name}))
    elif args.command == "create-token":
        project = ctx.catalog.project(args.project) if args.project else None
        print(ctx.tokens.create(args.name, [s.strip() for s in args.scopes.split(",")], project, args.ttl))
    elif args.command == "retention":
        projects = [ctx.catalog.project(args.project)] if args.project else ctx.catalog.projects()
        for p in projects:
            rep = retention.apply(ctx.db, ctx.catalog, ctx.blobs, p, p.keep_versions or cfg.default_keep_versions,
                                  dry_run=args.dry_run)
            print(json.dumps({"project": p.name, "kept": rep.kept, "deleted": rep.deleted,
                              "freed_bytes": rep.freed_bytes}))
    elif args.command == "gc":
        removed, freed = ctx.blobs.collect_garbage(args.min_age)
        swept = ctx.blobs.sweep_tmp()
        print(json.dumps({"blobs_removed": removed, "bytes_freed": freed, "tmp_files_removed": swept}))
    elif args.command == "scrub":
        rep = scrub(ctx.db, ctx.blobs, args.sample)
        print(json.dumps({"checked": rep.checked, "missing": rep.missing, "corrupt": rep.corrupt}))
        return 1 if rep.missing or rep.corrupt else 0
    elif args.command == "export":
        path = exports.export(ctx.catalog, ctx.blobs, ctx.catalog.project(args.project), args.dest, args.artifact)
        print(json.dumps({"export": str(path)}))
    return 0
