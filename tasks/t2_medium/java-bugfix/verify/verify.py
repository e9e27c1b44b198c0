"""Grader of the java-bugfix task (lanebench): money allocation that loses or invents minor units.

Compiles the workspace's main sources together with the repo's original tests (from pristine/) and the hidden
checks (from hidden/) into a temp dir with javac, runs the hidden driver with java, and reads its nonce-tagged
result lines. Also checks that the given tests in the workspace were kept rather than weakened.
"""
import re
import secrets
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent
TEST_DIR = Path("src/test/java/com/ledgerly/money")

# name -> (title, weight); the hidden driver reports these names
HIDDEN = {
    "example": ("instruction example: EUR 100.00 split three ways keeps every cent", 0.5),
    "sums": ("parts always add up to the amount (600+ fixed-seed cases)", 1.5),
    "bound": ("every part within one minor unit of its exact share", 0.5),
    "order": ("leftover units go to the largest remainders, earlier part first", 1.5),
    "negative": ("negative amounts mirror the positive allocation", 1.0),
    "ratios": ("zero ratios get zero; bad ratios still rejected", 0.5),
    "large": ("exact for amounts near the long range (no double, no overflow)", 0.5),
    "currencies": ("JPY (0 digits) and KWD (3 digits) split correctly", 0.5),
    "invoice": ("Invoice.splitBetween adds up to the total", 0.75),
    "api": ("public API unchanged", 0.25),
    "original-tests": ("the repo's original tests pass against the code", 0.25),
}


def java_sources(root: Path) -> list:
    return sorted(str(p) for p in root.rglob("*.java")) if root.is_dir() else []


def compile_java(sources: list, out: Path):
    out.mkdir(parents=True, exist_ok=True)
    # C1-only and the serial GC: javac finishes sooner on a busy machine, and nothing here needs peak speed
    code, so, se = lv.run(["javac", "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-nowarn", "-encoding", "UTF-8",
                           "-d", str(out)] + sources, cwd=out, timeout=40)
    return code == 0, (se or so)


def first_error(javac_output: str) -> str:
    for line in javac_output.splitlines():
        if "error:" in line:
            return line.split("/src/main/java/")[-1].split("/verify/")[-1]
    return javac_output.strip()[:200] or "javac failed"


def java_members(text: str) -> list:
    """The method blocks of a Java file (signature through matching brace), for presence checks."""
    members = []
    for m in re.finditer(r"(?m)^\s*(?:private\s+|public\s+)?static\s+\w+(?:<[^>]*>)?\s+\w+\([^)]*\)\s*\{", text):
        depth, i = 0, m.end() - 1
        while i < len(text):
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
                if depth == 0:
                    members.append(text[m.start():i + 1])
                    break
            i += 1
    return members


def squash(text: str) -> str:
    return "".join(text.split())


def given_tests_intact(ws: Path):
    """Every original test method and assertion helper must still be there, word for word."""
    problems = []
    for name in ("MoneyTest.java", "InvoiceTest.java", "Check.java"):
        path = ws / TEST_DIR / name
        if not path.is_file():
            problems.append(f"{name} removed")
            continue
        have = squash(path.read_text(encoding="utf-8", errors="replace"))
        for member in java_members((HERE / "pristine" / name).read_text(encoding="utf-8")):
            if squash(member) not in have:
                head = member.split("(")[0].split()[-1]
                problems.append(f"{name}:{head} changed or removed")
    runner = ws / TEST_DIR / "TestRunner.java"
    text = squash(runner.read_text(encoding="utf-8", errors="replace")) if runner.is_file() else ""
    for needle in ("MoneyTest.class", "InvoiceTest.class", "System.exit(failed==0?0:1)"):
        if needle not in text:
            problems.append(f"TestRunner.java no longer has {needle}")
    return not problems, problems


def main():
    g = lv.Grader()
    ws = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="lb-javabug-"))
    try:
        grade(g, ws, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


def grade(g, ws: Path, tmp: Path):
    main_sources = java_sources(ws / "src/main/java")
    extra = java_sources(HERE / "pristine") + java_sources(HERE / "hidden")
    results = {}
    ok, output = compile_java(main_sources + extra, tmp / "all") if main_sources else (False, "no sources")
    if ok:
        g.check("sources compile", True, f"{len(main_sources)} main sources + hidden tests compile", 0.25)
        nonce = secrets.token_hex(16)
        java = ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss8m", "-cp", str(tmp / "all"),
                "lanebench.hidden.HiddenChecks"]
        code, so, se = lv.run(java, cwd=tmp, timeout=25, stdin=nonce + "\n")
        for line in so.splitlines():
            parts = line.split(" ", 4)
            if len(parts) >= 4 and parts[0] == nonce and parts[1] == "CHECK":
                results[parts[2]] = (parts[3] == "PASS", parts[4] if len(parts) > 4 else "")
        missing_note = "hidden driver timed out" if code is None else f"no result (exit {code}) {lv.one_line(se, 120)}"
    else:
        main_ok, main_out = compile_java(main_sources, tmp / "main") if main_sources else (False, output)
        g.check("sources compile", main_ok,
                "main sources compile; hidden tests do not: " + first_error(output) if main_ok
                else first_error(main_out), 0.25)
        missing_note = ("hidden tests do not compile against the code (public API changed?): "
                        + first_error(output)) if main_ok else "sources do not compile"
    for name, (title, weight) in HIDDEN.items():
        passed, evidence = results.get(name, (False, missing_note))
        g.check(title, passed, evidence, weight)

    intact, problems = given_tests_intact(ws)
    g.check("given tests kept (original test methods and helpers unchanged)", intact,
            "all original test methods present" if intact else "; ".join(problems[:4]), 0.25)
    if not intact:
        g.cap(3.5, "the given tests were edited or removed")


if __name__ == "__main__":
    main()
