"""Grader of the path-sandbox-ssrf task (lanebench): a path and URL policy under an attack matrix.

Runs the hidden matrix (drive.py) in a subprocess against the workspace's fetchsvc package. Every group of
cases is one check that passes only when all its cases get the right answer. Must-allow groups keep a
deny-everything policy from scoring: below half of the legitimate cases allowed, the score is capped.
"""
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent

# group reported by drive.py -> weight
GROUPS = {
    "path/plain traversal": 0.25,
    "path/encoded traversal": 0.4,
    "path/double-encoded traversal": 0.3,
    "path/absolute paths": 0.25,
    "path/backslashes": 0.25,
    "path/NUL bytes": 0.25,
    "path/symlink escapes": 0.6,
    "path/ordinary paths": 0.3,
    "path/legitimate look-alikes": 0.4,
    "url/schemes and missing hosts": 0.25,
    "url/private IPv4 literals": 0.4,
    "url/IPv6 literals": 0.4,
    "url/numeric IPv4 forms": 0.4,
    "url/user info and parser tricks": 0.3,
    "url/names resolving to private addresses": 0.5,
    "url/ordinary URLs": 0.3,
    "url/legitimate look-alikes": 0.4,
    "redirect/private hops blocked": 0.6,
    "redirect/public chain followed": 0.2,
}
DENY_ALL_CAP = 1.5


def main():
    g = lv.Grader()
    ws = lv.workspace()
    groups, allow_rate = {}, None
    note = "fetchsvc/policy.py missing"
    if (ws / "fetchsvc" / "policy.py").is_file():
        nonce = secrets.token_hex(16)
        code, out, err = lv.run([sys.executable, str(HERE / "drive.py"), str(ws)], cwd=ws, timeout=25,
                                stdin=nonce + "\n")
        note = "driver timed out" if code is None else f"no result: {lv.one_line(err[-300:], 150)}"
        for line in out.splitlines():
            if not line.startswith(nonce + " "):
                continue
            kind, _, rest = line[len(nonce) + 1:].partition(" ")
            if kind == "IMPORT-ERROR":
                note = "fetchsvc does not import: " + rest
            elif kind == "GROUP":
                # "<name words> <passed>/<total> <detail>": the count is the first token shaped n/m
                tokens = rest.split(" ")
                at = next((i for i, t in enumerate(tokens) if _is_count(t)), None)
                if at is not None:
                    passed, total = (int(x) for x in tokens[at].split("/"))
                    groups[" ".join(tokens[:at])] = (passed, total, " ".join(tokens[at + 1:]))
            elif kind == "CASES":
                count = rest.split(" ")[-1]
                if _is_count(count):
                    a, t = (int(x) for x in count.split("/"))
                    allow_rate = a / t if t else 0.0
    for name, weight in GROUPS.items():
        if name in groups:
            passed, total, detail = groups[name]
            g.check(name, passed == total, f"{passed}/{total} cases; {detail}", weight)
        else:
            g.check(name, False, note, weight)
    if allow_rate is not None and allow_rate < 0.5:
        g.cap(DENY_ALL_CAP, f"only {allow_rate:.0%} of legitimate paths/URLs allowed (deny-everything policy)")
    g.finish()


def _is_count(token: str) -> bool:
    a, sep, b = token.partition("/")
    return bool(sep) and a.isdigit() and b.isdigit()


if __name__ == "__main__":
    main()
