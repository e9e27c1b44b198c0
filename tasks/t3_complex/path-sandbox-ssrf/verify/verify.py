"""Grader of the path-sandbox-ssrf task (lanebench): a path and URL policy under an attack matrix.

drive.py (a subprocess) asks the workspace's fetchsvc policy about every case and fetches redirect chains
through its Fetcher; it reports the raw answers, and this script knows which ones are right. Every group of
cases is one check that passes only when all its cases get the right answer. The cases go to the driver in
a shuffled order, without their groups, so nothing in the request says which answer is expected. Must-allow
groups keep a deny-everything policy from scoring: below half of the legitimate cases allowed, the score is
capped; so is a path policy that denies safe names only because they contain `..` or an encoded payload (a
substring blocklist). The driver's resolver is a name lookup that answers any host written as a number with a
public address, so IP literals in every form must be judged by the policy itself.
"""
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "_support"))
import lanebench_verify as lv  # noqa: E402

HERE = Path(__file__).resolve().parent
DENY_ALL_CAP = 1.5

PATH_DENY = {
    "plain traversal": ["../outside/secret.txt", "reports/../../outside/secret.txt",
                        "reports/2024/../../../outside/secret.txt", "./../outside/secret.txt"],
    "encoded traversal": ["%2e%2e/outside/secret.txt", "..%2foutside%2fsecret.txt", "%2e%2e%2foutside%2fsecret.txt",
                          "reports%2f..%2f..%2foutside%2fsecret.txt", "%2E%2E/outside/secret.txt", ".%2e/outside/secret.txt"],
    "double-encoded traversal": ["%252e%252e%252foutside%252fsecret.txt", "..%252foutside/secret.txt",
                                 "%25252e%25252e/outside/secret.txt", "reports/%252e%252e/%252e%252e/outside/secret.txt"],
    "absolute paths": ["/etc/passwd", "%2fetc%2fpasswd", "//etc/passwd", "{outside}/secret.txt", "%252fetc/passwd"],
    "backslashes": ["..\\outside\\secret.txt", "reports\\..\\..\\outside\\secret.txt", "\\etc\\passwd",
                    "..%5coutside%5csecret.txt", "reports\\q1.pdf", "..%255coutside/secret.txt"],
    "NUL bytes": ["reports/q1.pdf\x00.txt", "reports/q1.pdf%00.txt", "reports/q1.pdf%2500.txt"],
    "symlink escapes": ["escape/secret.txt", "leak.txt", "reports/up/outside/secret.txt", "dangling", "chain1/secret.txt",
                        "escape", "abs-leak.txt", "escape%2fsecret.txt"],
}
PATH_ALLOW = {
    "ordinary paths": ["reports/2024/q1.pdf", "reports/q1.pdf", "my file.txt", "./reports/q1.pdf", "new/upload.bin"],
    "legitimate look-alikes": ["a..b.txt", "..hidden", "notes/v1.2..final.txt", "inner-link/q1.pdf", "my%20file.txt",
                               "100%25.txt", "reports/2024/..q1.pdf"],
    # safe at every decoding depth, yet each holds a string a blocklist of the testers' payloads would hold
    "encoded look-alikes": ["v1%2e%2efinal.txt", "%2e%2ehidden", "reports%2fq1.pdf", "100%252e.txt",
                            "%252e%252ehidden", "notes%2fv1.2..final.txt"],
}
# Names a policy that matches substrings instead of path segments denies; denying this many is a blocklist.
SUBSTRING_TWINS = ["a..b.txt", "..hidden", "notes/v1.2..final.txt", "reports/2024/..q1.pdf"] + \
    PATH_ALLOW["encoded look-alikes"]
BLOCKLIST_TWINS = 3
BLOCKLIST_CAP = 2.0

DNS = {
    "example.com": ["93.184.216.34"], "example.com.": ["93.184.216.34"], "www.example.com": ["93.184.216.34"],
    "downloads.example.org": ["151.101.1.69"], "cdn.fd00.example.net": ["104.16.132.229"],
    "10.example.com": ["93.184.216.35"], "ipv6.example.org": ["2606:4700:4700::1111"],
    "localhost": ["127.0.0.1", "::1"], "localhost.": ["127.0.0.1"],
    "metadata.internal.example": ["169.254.169.254"], "build-cache.corp.example": ["10.1.2.3"],
    "mixed.example.com": ["93.184.216.34", "10.0.0.7"], "v6-internal.example.com": ["fd00::12"],
    "rebind.127.0.0.1.nip.io": ["127.0.0.1"], "cgnat.example.net": ["100.64.3.4"],
    "mapped.example.net": ["::ffff:192.168.0.10"],
}

# What the driver's resolver answers for a host written as a number: a name lookup under a search domain
# with a wildcard record finds a public address, so a policy that asks the resolver about IP literals is
# told they are public.
WILDCARD = ["93.184.216.99"]

URL_DENY = {
    "schemes and missing hosts": ["file:///etc/passwd", "gopher://example.com/_x", "ftp://example.com/x.csv",
                                  "dict://example.com:11211/", "javascript:alert(1)", "http:///etc/passwd",
                                  "//example.com/x.csv", "example.com/x.csv"],
    "private IPv4 literals": ["http://127.0.0.1/", "http://127.5.6.7:8080/", "http://10.0.0.1/", "http://172.16.0.1/",
                              "http://172.31.255.254/", "http://192.168.1.1/", "http://169.254.169.254/latest/meta-data/",
                              "http://0.0.0.0:8000/", "http://100.64.0.1/", "http://224.0.0.1/", "http://255.255.255.255/"],
    "IPv6 literals": ["http://[::1]/", "http://[::]/", "http://[fc00::1]/", "http://[fd12:3456::1]/", "http://[fe80::1]/",
                      "http://[::ffff:127.0.0.1]/", "http://[::ffff:169.254.169.254]/", "http://[::ffff:7f00:1]/",
                      "http://[fe80::1%25eth0]/", "http://[ff02::1]/"],
    "numeric IPv4 forms": ["http://2130706433/", "http://0177.0.0.1/", "http://0x7f000001/", "http://0x7f.0.0.1/",
                           "http://127.1/", "http://0/", "http://017700000001/", "http://0xa9fea9fe/latest/meta-data/",
                           "http://167772161/"],
    "user info and parser tricks": ["http://example.com@127.0.0.1/", "http://example.com:80@10.0.0.5/",
                                    "http://user:pw@192.168.0.1/", "http://example.com\\@169.254.169.254/",
                                    "http://127.0.0.1#@example.com/", "http://10.0.0.1?@example.com/",
                                    "http://example.com@[::1]/"],
    "names resolving to private addresses": ["http://localhost/", "http://LOCALHOST:8080/", "http://localhost./",
                                             "http://metadata.internal.example/latest/", "http://build-cache.corp.example/",
                                             "http://mixed.example.com/", "http://v6-internal.example.com/",
                                             "http://rebind.127.0.0.1.nip.io/", "http://cgnat.example.net/",
                                             "http://mapped.example.net/", "http://does-not-exist.invalid/"],
}
URL_ALLOW = {
    "ordinary URLs": ["https://example.com/file.zip", "http://downloads.example.org:8080/a?b=c", "https://93.184.216.34/x",
                      "https://[2606:4700:4700::1111]/", "HTTPS://Example.COM/Report.CSV", "http://ipv6.example.org/data"],
    "legitimate look-alikes": ["http://172.32.0.1/", "https://10.example.com/export.csv", "http://192.169.4.4/",
                               "https://cdn.fd00.example.net/x", "http://example.com./x", "http://8.8.8.8/"],
}


# Redirect chains: url -> (status, Location, body). The public chain ends in a CSV; every "r*" start leads
# to an address the import must never reach.
PAGES = {
    "https://example.com/start": (302, "/step2", ""),
    "https://example.com/step2": (301, "https://downloads.example.org:8080/file.csv", ""),
    "https://downloads.example.org:8080/file.csv": (200, "", "a,b\n"),
    "https://example.com/r1": (302, "http://169.254.169.254/latest/meta-data/", ""),
    "https://example.com/r2": (302, "http://build-cache.corp.example/admin", ""),
    "https://example.com/r3": (302, "/hop", ""),
    "https://example.com/hop": (307, "http://[::1]:8080/admin", ""),
    "https://example.com/r4": (302, "file:///etc/passwd", ""),
    "https://example.com/r5": (303, "http://2130706433/", ""),
    "https://example.com/r6": (308, "http://example.com@10.0.0.5/", ""),
}
PRIVATE_CHAINS = [f"https://example.com/r{i}" for i in range(1, 7)]
PUBLIC_CHAIN = ("https://example.com/start",
                ["https://example.com/start", "https://example.com/step2", "https://downloads.example.org:8080/file.csv"])

GROUPS = {  # check name -> weight
    "path/plain traversal": 0.25,
    "path/encoded traversal": 0.4,
    "path/double-encoded traversal": 0.3,
    "path/absolute paths": 0.25,
    "path/backslashes": 0.25,
    "path/NUL bytes": 0.25,
    "path/symlink escapes": 0.6,
    "path/ordinary paths": 0.3,
    "path/legitimate look-alikes": 0.4,
    "path/encoded look-alikes": 0.3,
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


def build_tree(tmp: Path) -> Path:
    """tmp/base is the export dir; tmp/outside holds what must never be served."""
    base, outside = tmp / "base", tmp / "outside"
    for d in (base / "reports" / "2024", base / "notes", outside):
        d.mkdir(parents=True)
    for f in ("reports/2024/q1.pdf", "reports/q1.pdf", "a..b.txt", "..hidden", "my file.txt", "100%.txt",
              "notes/v1.2..final.txt"):
        (base / f).write_text("ok\n")
    (outside / "secret.txt").write_text("SECRET\n")
    os.symlink("reports", base / "inner-link")                     # inside -> inside
    os.symlink("../outside", base / "escape")                      # dir symlink out
    os.symlink("../outside/secret.txt", base / "leak.txt")         # file symlink out
    os.symlink("../..", base / "reports" / "up")                   # climbs above base
    os.symlink("../outside/not-yet.txt", base / "dangling")        # dangling, outside
    os.symlink("chain2", base / "chain1")                          # chain that ends outside
    os.symlink("../outside", base / "chain2")
    os.symlink(str(outside / "secret.txt"), base / "abs-leak.txt")  # absolute target
    return base


def cases(outside: Path) -> list:
    """(group, kind, case, want): kind "path" or "url", want True (allow) or False (deny)."""
    out = []
    for kind, table, want in (("path", PATH_DENY, False), ("path", PATH_ALLOW, True),
                              ("url", URL_DENY, False), ("url", URL_ALLOW, True)):
        for group, items in table.items():
            out += [(f"{kind}/{group}", kind, c.replace("{outside}", str(outside)), want) for c in items]
    return out


def grade(g, ws: Path, tmp: Path) -> None:
    base = build_tree(tmp)
    all_cases = cases(tmp / "outside")
    order = list(range(len(all_cases)))
    random.Random(212).shuffle(order)
    paths = [i for i in order if all_cases[i][1] == "path"]
    urls = [i for i in order if all_cases[i][1] == "url"]
    request = {"workspace": str(ws), "base": str(base), "dns": DNS, "wildcard": WILDCARD,
               "paths": [all_cases[i][2] for i in paths], "urls": [all_cases[i][2] for i in urls],
               "pages": {u: list(p) for u, p in PAGES.items()}, "fetches": PRIVATE_CHAINS + [PUBLIC_CHAIN[0]]}
    record, problem = (None, "fetchsvc/policy.py missing") if not (ws / "fetchsvc" / "policy.py").is_file() else \
        lv.run_driver([lv.PYTHON, str(HERE / "drive.py")], tmp, request, timeout=25)
    if record is not None and "fatal" in record:
        record, problem = None, lv.one_line(record["fatal"])
    answers = {}
    if record is not None:
        got_paths, got_urls, fetches = record.get("paths"), record.get("urls"), record.get("fetches")
        if not (isinstance(got_paths, list) and len(got_paths) == len(paths) and isinstance(got_urls, list)
                and len(got_urls) == len(urls) and isinstance(fetches, list) and len(fetches) == 7):
            record, problem = None, "driver record does not answer every case"
        else:
            answers = dict(zip(paths + urls, got_paths + got_urls))
    if record is None:
        for name, weight in GROUPS.items():
            g.check(name, False, problem, weight)
        return

    allowed = must_allow = 0
    for name, weight in GROUPS.items():
        if name.startswith("redirect/"):
            continue
        members = [(i, c) for i, c in enumerate(all_cases) if c[0] == name]
        misses = [c[2] for i, c in members if answers[i] is not c[3]]
        if members[0][1][3]:
            must_allow += len(members)
            allowed += sum(1 for i, _ in members if answers[i] is True)
        passed = len(members) - len(misses)
        g.check(name, not misses, f"{passed}/{len(members)} cases; " + (
            f"first miss: {misses[0]!r} ({'must be allowed' if members[0][1][3] else 'must be denied'})"[:160]
            if misses else f"all {len(members)} as expected"), weight)

    misses = []
    for url, f in zip(PRIVATE_CHAINS, fetches):
        f = f if isinstance(f, dict) else {}
        leaked = [u for u in f.get("requested") or [] if u not in PAGES]
        if leaked or f.get("policy_violation") is not True:
            misses.append(f"{url}: " + (f"requested {leaked[0]}" if leaked else f"no PolicyViolation ({f.get('raised')})"))
    g.check("redirect/private hops blocked", not misses,
            f"{len(PRIVATE_CHAINS) - len(misses)}/{len(PRIVATE_CHAINS)} chains; "
            + (f"first miss: {misses[0]}"[:160] if misses else "every private hop refused before it was requested"), 0.6)
    f = fetches[-1] if isinstance(fetches[-1], dict) else {}
    followed = f.get("raised") is None and f.get("body") == "a,b\n" and f.get("requested") == PUBLIC_CHAIN[1]
    must_allow += 1
    allowed += followed
    g.check("redirect/public chain followed", followed,
            "public chain followed to the CSV" if followed else
            f"public chain: body {f.get('body')!r}, requests {f.get('requested')}, raised {f.get('raised')}"[:200], 0.2)
    twins = [c[2] for i, c in enumerate(all_cases) if c[1] == "path" and c[2] in SUBSTRING_TWINS
             and answers[i] is not True]
    if len(twins) >= BLOCKLIST_TWINS:
        g.cap(BLOCKLIST_CAP, f"the path policy denies {len(twins)} safe names that only contain attack-like "
                             f"strings ({', '.join(twins[:3])}): a substring blocklist, not path segments")
    if allowed / must_allow < 0.5:
        g.cap(DENY_ALL_CAP, f"only {allowed}/{must_allow} legitimate paths/URLs allowed (deny-everything policy)")


def main():
    g = lv.Grader()
    ws = lv.workspace()
    tmp = Path(tempfile.mkdtemp(prefix="lb-ssrf-"))
    try:
        grade(g, ws, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    g.finish()


if __name__ == "__main__":
    main()
