"""Maintainer script: regenerates fixtures/expected.json from the ORIGINAL repo (../repo).

Run it only against the untouched v1 code: python3 make_fixtures.py
"""
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True

import scenarios

HERE = Path(__file__).resolve().parent


def main() -> None:
    expected = {}
    for sc in scenarios.SCENARIOS:
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "repo"
            scenarios.copy_repo(HERE.parent / "repo", root)
            scenarios.prepare(sc, root, "v1")
            p = subprocess.run([sys.executable, sc["tool"], *sc["args"]], cwd=root,
                               capture_output=True, text=True, timeout=20)
            assert p.returncode == 0, (sc["name"], p.stderr)
            expected[sc["name"]] = {"stdout": p.stdout, "levels": scenarios.log_levels(p.stderr)}
            print(sc["name"], scenarios.log_levels(p.stderr))
            print(p.stdout)
    (HERE / "fixtures" / "expected.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
