"""Grades the config-refactor task: settings.toml moved to the v2 layout, tools still behave.

Checks the migrated file key by key, then replays digest.py and cleanup.py in scratch copies
of the workspace with the shipped settings and with hidden v2 settings (other values, only
required keys), comparing stdout and log levels with what the original v1 code produced for
the equivalent v1 settings. Then checks that v1 files are refused and errors use v2 names.

"No compatibility shims" is checked two ways: config_probe.py reports whether what config.load()
returns still answers to the old key names (a shim that maps v2 back onto v1, wherever it lives
and however it spells the names, does), and shim_names.py looks for old key names in every
non-test module, subpackages included, also when they are built from pieces. A shim caps the
score: output that only stays the same because the old names live on is not the refactor asked for.
"""
import json
import sys
import tempfile
import tomllib
from pathlib import Path

sys.dont_write_bytecode = True  # keep the task folder unchanged by grading
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

import scenarios  # noqa: E402
import shim_names  # noqa: E402

HERE = Path(__file__).resolve().parent
RUNTIME_SHIM_CAP = 2.0
KEYED_NAMES_CAP = 2.5
EXPECTED = json.loads((HERE / "fixtures" / "expected.json").read_text(encoding="utf-8"))

RECIPIENTS = ["ops@example.com", "oncall@example.com"]
MOVED = {  # v2 path -> value in the shipped file
    "logging.level": "info",
    "mail.recipients": RECIPIENTS,
    "mail.smtp.host": "mail.internal.example",
    "mail.smtp.port": 587,
    "mail.smtp.user": "digest-bot",
    "mail.smtp.tls": True,
    "archive.dir": "archive",
    "archive.keep_days": 30,
}
CONVERTED = {"mail.smtp.timeout_s": 15, "digest.window_minutes": 1440}
UNTOUCHED = {
    "app_name": "nightly-digest",
    "timezone": "Europe/Amsterdam",
    "digest.send_hour": 7,
    "digest.max_items": 25,
    "digest.min_severity": "warning",
    "digest.group_by": "service",
}
ALL_V2_KEYS = {"config_version", *MOVED, *CONVERTED, *UNTOUCHED}
V1_ONLY_NAMES = {"log_level", "smtp_host", "smtp_port", "smtp_user", "use_tls", "timeout_ms",
                 "lookback_hours", "retention", "archive_dir"}
V1_PATHS = [["log_level"], ["smtp", "smtp_host"], ["smtp", "smtp_port"], ["smtp", "smtp_user"], ["smtp", "use_tls"],
            ["smtp", "timeout_ms"], ["digest", "lookback_hours"], ["digest", "recipients"], ["retention"],
            ["smtp"]]
MISSING = object()


def flatten(table: dict, prefix: str = "") -> dict:
    out = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flatten(value, path + "."))
        else:
            out[path] = value
    return out


def same(actual, expected) -> bool:
    # 15 and 15.0 are the same setting; True is not 1.
    if isinstance(expected, bool) or isinstance(actual, bool):
        return actual is expected
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return actual == expected
    return actual == expected


def compare(flat: dict, wanted: dict) -> tuple:
    wrong = [f"{k}={flat.get(k, '<missing>')!r}" for k, v in wanted.items()
             if not same(flat.get(k, MISSING), v)]
    return not wrong, ("all %d as expected" % len(wanted)) if not wrong else "wrong/missing: " + ", ".join(wrong)


def run_tool(ws: Path, scenario: dict, layout_override: Path = None) -> tuple:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        lv.copy_tree(ws, root)
        scenarios.prepare(scenario, root, "v2")
        if layout_override is not None:
            (root / "settings.toml").write_text(layout_override.read_text(encoding="utf-8"), encoding="utf-8")
        return lv.run([lv.PYTHON, scenario["tool"], *scenario["args"]], root, timeout=15)


def replay(ws: Path, names: list) -> tuple:
    problems = []
    for sc in scenarios.SCENARIOS:
        if sc["name"] not in names:
            continue
        code, out, err = run_tool(ws, sc)
        want = EXPECTED[sc["name"]]
        if code != 0:
            problems.append(f"{sc['name']}: exit {code}: {lv.one_line(err or out, 90)}")
        elif out != want["stdout"]:
            problems.append(f"{sc['name']}: output differs at line {first_diff(out, want['stdout'])}")
        elif scenarios.log_levels(err) != want["levels"]:
            problems.append(f"{sc['name']}: log levels {scenarios.log_levels(err)} != {want['levels']}")
    return not problems, "; ".join(problems) or f"{', '.join(names)} identical to the v1 tools"


def first_diff(a: str, b: str) -> str:
    al, bl = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return f"{i + 1}: got {x!r}, want {y!r}"
    return f"{min(len(al), len(bl)) + 1} (length {len(al)} vs {len(bl)})"


def refuses(ws: Path, settings: Path, must_mention: str) -> tuple:
    problems = []
    for sc in (scenarios.SCENARIOS[0], scenarios.SCENARIOS[1]):  # both tools
        code, out, err = run_tool(ws, sc, layout_override=settings)
        text = out + err
        if code in (0, None):
            problems.append(f"{sc['tool']} exit {code}")
        elif "Traceback" in text:
            problems.append(f"{sc['tool']} crashed with a traceback")
        elif must_mention not in text:
            problems.append(f"{sc['tool']} message lacks {must_mention!r}: {lv.one_line(text, 80)}")
    return not problems, "; ".join(problems) or f"both tools exit non-zero naming {must_mention}"


def v1_names_in_code(ws: Path) -> tuple:
    """(hits, unreadable): old key names in the non-test modules, subpackages included."""
    hits, unreadable = [], []
    for path in sorted(ws.rglob("*.py")):
        rel = path.relative_to(ws)
        if ".git" in rel.parts or shim_names.is_test(rel) or not path.is_file():
            continue
        text, why = lv.read_text(path)
        try:
            hits += shim_names.scan(text, str(rel), V1_ONLY_NAMES) if text is not None else []
        except (SyntaxError, ValueError, RecursionError) as e:
            why = type(e).__name__
        if text is None or why:
            unreadable.append(f"{rel}: {why}")
    return hits, unreadable


def runtime_shim(ws: Path) -> tuple:
    """(old key paths the loaded v2 settings answer to, problem) from config_probe.py."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "repo"
        lv.copy_tree(ws, root, skip=(".git", "__pycache__", "settings.toml"))
        settings = root / "lanebench-settings.v2.toml"
        settings.write_text((HERE / "fixtures" / "alt" / "settings.v2.toml").read_text(encoding="utf-8"),
                            encoding="utf-8")
        record, problem = lv.run_driver([lv.PYTHON, str(HERE / "config_probe.py")], root,
                                        {"workspace": str(root), "settings": str(settings), "v1_paths": V1_PATHS},
                                        timeout=15)
    if record is None or "fatal" in record:
        return [], problem or record["fatal"]
    answers = record.get("answers")
    return [".".join(map(str, a)) for a in answers if isinstance(a, list)] if isinstance(answers, list) else [], ""


def shim_check(g, ws: Path) -> None:
    hits, unreadable = v1_names_in_code(ws)
    answered, problem = runtime_shim(ws)
    shown = [f"{h.file}:{h.line} {h.name}" for h in hits[:4]]
    evidence = []
    if answered:
        evidence.append("config.load() still answers to " + ", ".join(answered[:4]))
    if hits:
        evidence.append("old key names in the code: " + "; ".join(shown))
    if unreadable:
        evidence.append("unreadable modules: " + ", ".join(unreadable[:3]))
    g.check("no compatibility shim: old key names gone from the code and from the loaded settings",
            not answered and not hits and not unreadable,
            "; ".join(evidence) or ("no old key names" + (f" (probe: {problem})" if problem else "")), 0.75)
    if answered:
        g.cap(RUNTIME_SHIM_CAP, "a compatibility shim maps the v2 settings back onto the old key names")
    elif any(h.keyed for h in hits):
        g.cap(KEYED_NAMES_CAP, "the code still reads settings by their old key names")


def main() -> None:
    g = lv.Grader()
    ws = lv.workspace()
    text, why = lv.read_text(ws / "settings.toml")
    try:
        data = tomllib.loads(text) if text is not None else {}
        parse_note = "parses" if text is not None else why
    except Exception as e:  # a broken file fails the checks, not the grader
        data, parse_note = {}, f"{type(e).__name__}: {e}"
    flat = flatten(data)
    is_v2 = bool(data) and same(data.get("config_version"), 2)

    g.check("settings.toml is valid v2", is_v2,
            f"{parse_note}; config_version={data.get('config_version', '<missing>')!r}", 0.5)
    g.attempt("renamed and moved keys carry their values", lambda: compare(flat, MOVED), 1.0)
    g.attempt("units converted (timeout_s, window_minutes)", lambda: compare(flat, CONVERTED), 0.5)
    extra = sorted(set(flat) - ALL_V2_KEYS)
    g.check("no stale or unknown keys", bool(data) and not extra,
            "extra keys: " + ", ".join(extra) if extra else ("none" if data else "no file"), 0.5)
    g.attempt("untouched keys preserved", lambda: compare(flat, UNTOUCHED), 0.5)

    def shipped():
        if not is_v2:
            return False, "settings.toml is not the v2 layout"
        return replay(ws, ["shipped-digest", "shipped-cleanup"])
    g.attempt("tools give identical output with migrated settings", shipped, 1.0)
    g.attempt("tools honour other v2 settings", lambda: replay(ws, ["alt-digest", "alt-cleanup"]), 1.25)
    g.attempt("defaults unchanged for a minimal v2 file",
              lambda: replay(ws, ["minimal-digest", "minimal-cleanup"]), 0.75)
    g.attempt("v1 settings file refused",
              lambda: refuses(ws, HERE / "fixtures" / "shipped_settings.v1.toml", "config_version"), 0.5)
    g.attempt("missing required key named by its v2 path",
              lambda: refuses(ws, HERE / "fixtures" / "missing-host" / "settings.v2.toml", "mail.smtp.host"), 0.25)
    shim_check(g, ws)
    g.finish()


if __name__ == "__main__":
    main()
