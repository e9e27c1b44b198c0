"""Hidden routing scenarios for fallback-router-budget, run in a subprocess against the workspace.

Usage: python3 driver.py WORKSPACE, nonce on stdin. Prints "<nonce> <json>" mapping scenario name ->
[passed, evidence]. decide() is called positionally, as the repo's own tests and dispatch.py do.
"""
import json
import signal
import sys

FORBIDDEN = ["auth", "config", "cron", "public_send", "payment", "trust", "phi", "client_data"]
ADVISORY = ["summary", "blocker_report", "repair_proposal", "diff_review", "reconciliation", "sandbox_edit"]
FORBIDDEN_VARIANTS = ["AUTH", " Config ", "Cron\n", "Public_Send", "public-send", "public send", "PAYMENT",
                      "\tTrust", "PHI ", "Client-Data", "client_data  "]
ADVISORY_VARIANTS = ["Summary", " blocker_report ", "Repair-Proposal", "DIFF_REVIEW", "sandbox edit"]
UNKNOWN = ["deploy", "db_migration", "payments", "auth_rotation", "billing", "secrets", "", "   "]


def call(decide, cls, primary_up, fallback_up):
    d = decide(cls, primary_up, fallback_up)
    return bool(d.allowed), d.model, bool(d.needs_approval)


def leaks(decide, classes):
    """Classes the fallback (primary down, fallback up) takes although it must hold them."""
    bad = []
    for cls in classes:
        allowed, m, _ = call(decide, cls, False, True)
        if allowed or m is not None:
            bad.append(repr(cls))
    return bad


def forbidden_blocked(decide, P):
    bad = leaks(decide, FORBIDDEN)
    return not bad, "all 8 held" if not bad else f"fallback takes {', '.join(bad)}"


def advisory_allowed(decide, P):
    bad = []
    for cls in ADVISORY:
        allowed, m, appr = call(decide, cls, False, True)
        if not allowed or m != P.FALLBACK_MODEL:
            bad.append(cls)
    return not bad, "6/6 advisory classes go to the fallback" if not bad else f"held or misrouted: {bad}"


def primary_intact(decide, P):
    problems = []
    for cls in FORBIDDEN + ADVISORY + ["deploy"]:
        for fb in (True, False):
            allowed, m, appr = call(decide, cls, True, fb)
            want_appr = cls in ("payment", "trust")
            if not allowed or m != P.PRIMARY_MODEL or appr != want_appr:
                problems.append(f"{cls}(fallback_up={fb})->{m},{allowed},{appr}")
    for cls in (" Payment", "TRUST"):
        if call(decide, cls, True, True) != (True, P.PRIMARY_MODEL, True):
            problems.append(f"{cls!r} lost its sign-off on primary")
    for cls in FORBIDDEN[:2] + ADVISORY[:2]:
        allowed, m, _ = call(decide, cls, False, False)
        if allowed or m is not None:
            problems.append(f"{cls} routed with both models down")
    return not problems, "primary takes all, payment/trust signed off, both-down holds" if not problems \
        else "; ".join(problems[:4])


def variants(decide, P):
    bad = leaks(decide, FORBIDDEN_VARIANTS)
    held = [c for c in ADVISORY_VARIANTS if not call(decide, c, False, True)[0]]
    ok = not bad and not held
    ev = "case/space/dash variants handled"
    if not ok:
        ev = (f"fallback takes {', '.join(bad)}; " if bad else "") + (f"advisory held: {held}" if held else "")
    return ok, ev


def unknown_denied(decide, P):
    bad = leaks(decide, UNKNOWN)
    return not bad, "unknown classes held on fallback" if not bad else f"fallback takes unknown {', '.join(bad)}"


SCENARIOS = [forbidden_blocked, advisory_allowed, primary_intact, variants, unknown_denied]


def _alarm(signum, frame):
    raise TimeoutError("timed out (1 s)")


def main():
    nonce = sys.stdin.readline().strip()
    out = sys.stdout
    try:
        sys.path.insert(0, sys.argv[1])
        from taskrouter import policy as P
        decide = P.decide
    except Exception as e:
        err = f"import failed: {type(e).__name__}: {e}"
        out.write(nonce + " " + json.dumps({s.__name__: [False, err] for s in SCENARIOS}) + "\n")
        return
    results = {}
    signal.signal(signal.SIGALRM, _alarm)
    for scenario in SCENARIOS:
        signal.alarm(1)
        try:
            passed, evidence = scenario(decide, P)
            results[scenario.__name__] = [bool(passed), evidence]
        except Exception as e:
            results[scenario.__name__] = [False, f"{type(e).__name__}: {e}"]
        finally:
            signal.alarm(0)
    out.write(nonce + " " + json.dumps(results) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
