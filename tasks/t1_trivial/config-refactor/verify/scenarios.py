"""The tool runs the config-refactor verify replays, shared by verify.py and make_fixtures.py.

Each scenario runs one tool in a scratch copy of the repo with a given settings file, events
file and archive folder. The expected outputs come from the ORIGINAL (v1) code fed the
equivalent v1 settings, so "identical output after the migration" is checked literally.
"""
import re
import shutil
from pathlib import Path

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Archive listing created for every cleanup run: matching names of several ages, plus files
# cleanup must ignore.
ARCHIVE_FILES = ["digest-2024-05-01.txt", "digest-2024-05-27.txt", "digest-2024-05-28.txt",
                 "digest-2024-06-07.txt", "digest-2024-06-08.txt", "digest-2024-06-10.txt",
                 "digest-latest.txt", "README"]

# config: None = the repo's own settings.toml (v1 original when generating, the migrated file
# when grading); otherwise a fixture folder holding settings.v1.toml / settings.v2.toml.
SCENARIOS = [
    {"name": "shipped-digest", "tool": "digest.py", "args": ["--date", "2024-05-03"],
     "config": None, "events": "shipped_events.jsonl"},
    {"name": "shipped-cleanup", "tool": "cleanup.py", "args": ["--today", "2024-06-11"],
     "config": None, "archive_dir": "archive"},
    {"name": "alt-digest", "tool": "digest.py", "args": ["--date", "2024-06-11"],
     "config": "alt", "events": "hidden_events.jsonl"},
    {"name": "alt-cleanup", "tool": "cleanup.py", "args": ["--today", "2024-06-11"],
     "config": "alt", "archive_dir": "old-digests"},
    {"name": "minimal-digest", "tool": "digest.py", "args": ["--date", "2024-06-11"],
     "config": "minimal", "events": "hidden_events.jsonl"},
    {"name": "minimal-cleanup", "tool": "cleanup.py", "args": ["--today", "2024-06-11"],
     "config": "minimal", "archive_dir": "archive"},
]

_LEVEL = re.compile(r"^(DEBUG|INFO|WARNING|ERROR|CRITICAL)\b", re.M)


def copy_repo(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, ignore=shutil.ignore_patterns(".git", "__pycache__", "*.pyc"))


def prepare(scenario: dict, root: Path, layout: str) -> None:
    """Puts the scenario's settings, events and archive folder into the scratch copy root."""
    if scenario["config"]:
        shutil.copyfile(FIXTURES / scenario["config"] / f"settings.{layout}.toml", root / "settings.toml")
    if "events" in scenario:
        shutil.copyfile(FIXTURES / scenario["events"], root / "events.jsonl")
    if "archive_dir" in scenario:
        for name in ("archive", "old-digests"):
            shutil.rmtree(root / name, ignore_errors=True)
        folder = root / scenario["archive_dir"]
        folder.mkdir()
        for name in ARCHIVE_FILES:
            (folder / name).write_text("archived\n", encoding="utf-8")


def log_levels(stderr: str) -> list:
    """Which logging levels appeared on stderr: the observable effect of the log level setting."""
    return sorted(set(_LEVEL.findall(stderr)))
