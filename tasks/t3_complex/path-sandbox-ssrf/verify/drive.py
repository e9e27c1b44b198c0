"""Hidden attack matrix of the path-sandbox-ssrf task (lanebench); run by verify.py in a subprocess.

Usage: python3 drive.py WORKSPACE < nonce

Imports fetchsvc from WORKSPACE, builds a scratch export directory with symlinks pointing in and out, and
throws path, URL and redirect cases at the policy. Prints one line per group:
`<nonce> GROUP <name> <passed>/<total> <first failure or sample>`, plus one `<nonce> CASES ...` line with
the allow rate of the must-allow cases (verify.py uses it to catch deny-everything policies).
"""
import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

# ---------------------------------------------------------------- the scratch tree

def build_tree() -> Path:
    """tmp/base is the export dir; tmp/outside holds what must never be served."""
    tmp = Path(tempfile.mkdtemp(prefix="lb-sandbox-"))
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
    return tmp


# ---------------------------------------------------------------- cases

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
}

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


def resolver(host):
    """Like getaddrinfo: a table of names, numeric IPv4 forms via inet_aton, OSError otherwise."""
    key = str(host).lower()
    if key in DNS:
        return list(DNS[key])
    if key.startswith("[") or ":" in key:
        return [key.strip("[]")]
    try:
        return [socket.inet_ntoa(socket.inet_aton(key))]
    except OSError:
        raise OSError(f"Name or service not known: {host}") from None


# ---------------------------------------------------------------- running cases

DEADLINE = [float("inf")]  # set in main(); past it, remaining cases fail without being run


def call(fn, *args):
    """The decision of the policy; an exception counts as a denial (fail closed), a hang as no answer."""
    left = DEADLINE[0] - time.monotonic()
    if left <= 0:
        return None
    result = {}

    def target():
        try:
            result["v"] = fn(*args) is True
        except BaseException:
            result["v"] = False

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(min(1.0, left))
    return result.get("v")  # None when it hung: neither an allow nor a deny


def group(cases, decide, want):
    passed, failures = 0, []
    for case in cases:
        if decide(case) == want:
            passed += 1
        else:
            failures.append(case)
    return passed, len(cases), failures


def redirect_groups(fetcher_mod, policy_mod):
    """Fetches through the submitted Fetcher with a fake transport; private hops must never be requested."""
    Response = fetcher_mod.Response
    secret = b"INTERNAL-ONLY"
    pages = {
        "https://example.com/start": Response(302, {"Location": "/step2"}),
        "https://example.com/step2": Response(301, {"Location": "https://downloads.example.org:8080/file.csv"}),
        "https://downloads.example.org:8080/file.csv": Response(200, {}, b"a,b\n"),
        "https://example.com/evil1": Response(302, {"Location": "http://169.254.169.254/latest/meta-data/"}),
        "https://example.com/evil2": Response(302, {"Location": "http://build-cache.corp.example/admin"}),
        "https://example.com/evil3": Response(302, {"Location": "/hop"}),
        "https://example.com/hop": Response(307, {"Location": "http://[::1]:8080/admin"}),
        "https://example.com/evil4": Response(302, {"Location": "file:///etc/passwd"}),
        "https://example.com/evil5": Response(303, {"Location": "http://2130706433/"}),
        "https://example.com/evil6": Response(308, {"Location": "http://example.com@10.0.0.5/"}),
    }
    requested = []

    def transport(url):
        requested.append(url)
        return pages.get(url, Response(200, {}, secret))

    def run(url):
        requested.clear()
        try:
            fetcher = fetcher_mod.Fetcher(transport, resolver)
            result = {}

            def target():
                try:
                    result["r"] = fetcher.fetch(url)
                except BaseException as e:
                    result["e"] = e

            t = threading.Thread(target=target, daemon=True)
            t.start()
            t.join(max(0.1, min(2.0, DEADLINE[0] - time.monotonic())))
            return result, list(requested)
        except BaseException as e:
            return {"e": e}, list(requested)

    deny_cases = [f"https://example.com/evil{i}" for i in range(1, 7)]
    passed, failures = 0, []
    for url in deny_cases:
        result, reqs = run(url)
        leaked = [u for u in reqs if u not in pages]
        blocked = isinstance(result.get("e"), policy_mod.PolicyViolation)
        if blocked and not leaked:
            passed += 1
        else:
            what = f"requested {leaked[0]}" if leaked else f"no PolicyViolation ({type(result.get('e')).__name__})"
            failures.append(f"{url}: {what}")
    deny = (passed, len(deny_cases), failures)

    result, reqs = run("https://example.com/start")
    body = getattr(result.get("r"), "body", None)
    ok = body == b"a,b\n" and reqs == ["https://example.com/start", "https://example.com/step2",
                                       "https://downloads.example.org:8080/file.csv"]
    follow = (1 if ok else 0, 1, [] if ok else [f"public chain: body {body!r}, requests {reqs}, error {result.get('e')!r}"])
    return deny, follow


def main():
    sys.path.insert(0, os.path.abspath(sys.argv[1]))
    nonce = sys.stdin.readline().strip()
    out = sys.stdout
    DEADLINE[0] = time.monotonic() + 15
    tmp = build_tree()
    base = str(tmp / "base")
    outside = str(tmp / "outside")

    def emit(name, res):
        passed, total, failures = res
        detail = ("first miss: " + repr(failures[0])[:120]) if failures else f"all {total} as expected"
        out.write(f"{nonce} GROUP {name} {passed}/{total} {detail}\n")

    try:
        import fetchsvc.policy as policy
        import fetchsvc.fetcher as fetcher
    except BaseException as e:
        out.write(f"{nonce} IMPORT-ERROR {type(e).__name__}: {' '.join(str(e).split())[:150]}\n")
        out.flush()  # os._exit skips the flush of a piped stdout
        shutil.rmtree(tmp, ignore_errors=True)
        os._exit(0)

    allowed = total = 0
    for name, cases in PATH_DENY.items():
        cases = [c.replace("{outside}", outside) for c in cases]
        emit("path/" + name, group(cases, lambda c: call(policy.allow_path, base, c), False))
    for name, cases in PATH_ALLOW.items():
        res = group(cases, lambda c: call(policy.allow_path, base, c), True)
        allowed, total = allowed + res[0], total + res[1]
        emit("path/" + name, res)
    for name, cases in URL_DENY.items():
        emit("url/" + name, group(cases, lambda c: call(policy.allow_url, c, resolver), False))
    for name, cases in URL_ALLOW.items():
        res = group(cases, lambda c: call(policy.allow_url, c, resolver), True)
        allowed, total = allowed + res[0], total + res[1]
        emit("url/" + name, res)
    deny, follow = redirect_groups(fetcher, policy)
    emit("redirect/private hops blocked", deny)
    emit("redirect/public chain followed", follow)
    allowed, total = allowed + follow[0], total + follow[1]
    out.write(f"{nonce} CASES must-allow {allowed}/{total}\n")
    out.flush()
    shutil.rmtree(tmp, ignore_errors=True)
    os._exit(0)


if __name__ == "__main__":
    main()
