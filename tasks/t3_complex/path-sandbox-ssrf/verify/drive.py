"""Observation driver of the path-sandbox-ssrf task (lanebench); run by verify.py in a subprocess.

Reads {"nonce", "workspace", "base", "paths": [...], "urls": [...], "dns": {name: [ip, ...]}, "wildcard": [ip],
"pages": {url: [status, location, body]}, "fetches": [url, ...]} as JSON on stdin, asks the workspace's
fetchsvc policy about every path and URL, fetches every URL of "fetches" through the workspace's Fetcher with
a fake transport that serves "pages" (any other URL answers "INTERNAL-ONLY"), and prints one line: nonce +
JSON {"paths": [...], "urls": [...], "fetches": [...]}.

A decision is true (allowed), false (denied or raised: fail closed) or null (no answer within a second).
A fetch is {"raised": type or null, "policy_violation": bool, "requested": [urls], "body": text or null}.
Nothing is judged here: the grader knows which answers are right.
"""
import json
import os
import re
import sys
import threading
import time

request = json.loads(sys.stdin.read())
DEADLINE = time.monotonic() + 15  # past it, the remaining cases get no answer without being run


NUMERIC_HOST = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)(?:\.(?:0x[0-9a-f]*|[0-9]+))*\.?")


def resolver(host):
    """A name lookup, as the policy's docstring describes it: a table of names, IPv6 literals as given, and
    for a host written as a number (an IPv4 literal in any form) the wildcard answer a DNS search domain
    gives: a name lookup is no judge of IP literals. OSError otherwise."""
    key = str(host).lower()
    if key in request["dns"]:
        return list(request["dns"][key])
    if key.startswith("[") or ":" in key:
        return [key.strip("[]")]
    if NUMERIC_HOST.fullmatch(key):
        return list(request["wildcard"])
    raise OSError(f"Name or service not known: {host}")


def within(fn, limit):
    """Runs fn() in a daemon thread; (True, value) or (False, exception) or None when it did not return."""
    box = {}

    def target():
        try:
            box["r"] = (True, fn())
        except BaseException as e:  # the caller decides what an exception means
            box["r"] = (False, e)

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(max(0.0, min(limit, DEADLINE - time.monotonic())))
    return box.get("r")


def decision(fn, *args):
    r = within(lambda: fn(*args), 1.0)
    if r is None:
        return None
    ok, value = r
    return ok and value is True


def fetch(fetcher_mod, policy_mod, url):
    Response = fetcher_mod.Response
    requested = []

    def transport(u):
        requested.append(u)
        page = request["pages"].get(u)
        if page is None:
            return Response(200, {}, b"INTERNAL-ONLY")
        status, location, body = page
        return Response(status, {"Location": location} if location else {}, body.encode())

    r = within(lambda: fetcher_mod.Fetcher(transport, resolver).fetch(url), 2.0)
    seen = list(requested)
    if r is None:
        return {"raised": "timeout", "policy_violation": False, "requested": seen, "body": None}
    ok, value = r
    if not ok:
        return {"raised": type(value).__name__, "policy_violation": isinstance(value, policy_mod.PolicyViolation),
                "requested": seen, "body": None}
    body = getattr(value, "body", None)
    return {"raised": None, "policy_violation": False, "requested": seen,
            "body": body.decode("utf-8", "replace") if isinstance(body, bytes) else repr(body)[:80]}


def main():
    sys.path.insert(0, request["workspace"])
    try:
        import fetchsvc.policy as policy
        import fetchsvc.fetcher as fetcher
        record = {
            "paths": [decision(policy.allow_path, request["base"], p) for p in request["paths"]],
            "urls": [decision(policy.allow_url, u, resolver) for u in request["urls"]],
            "fetches": [fetch(fetcher, policy, u) for u in request["fetches"]],
        }
    except BaseException as e:
        record = {"fatal": f"fetchsvc does not import: {type(e).__name__}: {' '.join(str(e).split())[:150]}"}
    sys.stdout.write("\n" + request["nonce"] + " " + json.dumps(record) + "\n")
    sys.stdout.flush()
    os._exit(0)  # a thread the submission left hanging must not keep the driver alive


if __name__ == "__main__":
    main()
