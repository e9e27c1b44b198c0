"""Grader of artifact-store-review (lanebench): REVIEW.md against eight defects planted in depot/.

A defect is found when one finding cites its file and a line within its range (± 3), names the
problem, and states a concrete impact (see review_parse.py for how findings and places are read).
Findings at places where nothing is planted are noise (a short list of real-but-unplanted spots is
neutral); noise beyond the real findings fails the precision check and, when it dominates, caps the
score. A finding that names most defect kinds at once is a keyword list and credits nothing; several of
them cap the score. Nothing from the workspace is executed.
"""
import sys
from pathlib import Path

sys.dont_write_bytecode = True
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2] / "_support"))
sys.path.insert(0, str(HERE))
import lanebench_verify as lv  # noqa: E402
from review_parse import Defect, grade  # noqa: E402

MAX_BYTES = 300_000
NOISE_CAP = 1.5          # noise dominates the review
IMPRECISE_CAP = 3.5      # more noise than real findings (plus a little slack)
SOUP_CAP = 1.0
WEIGHT = 0.55

DEFECTS = [
    Defect("expiry", "signed links: the expiry is not covered by the signature", [("signing.py", 25, 42)],
           [r"expir", r"sign|hmac|\bmac\b",
            r"not\s+(part\s+of|included|covered|signed|in\b|bound|protected|checked\s+by)|isn'?t\s+(signed|covered|included|part)"
            r"|only\s+(over\s+|covers\s+|signs\s+|the\s+|of\s+the\s+)*path|path\s+only|\balone\b|just\s+the\s+path|without\s+(the\s+)?expir|exclud|omit"
            r"|(doesn'?t|does\s+not|never)\s+(cover|include|sign|bind|protect)|unsigned|outside\s+(the\s+)?(signature|mac|hmac)"
            r"|tamper|modif|chang|extend|edit|rewrit|forg|manipulat|alter"],
           r"extend|forever|indefinite|never\s+expir|after\s+(it|they|its|the\s+link)\s+(has\s+|have\s+)?expir|past\s+(its|the)\s+expir"
           r"|revok|permanent|any\s+(future\s+)?(time|date)|long[- ]lived|still\s+(valid|usable|work)|bypass|unlimited"
           r"|keeps?\s+(on\s+)?working|continues?\s+to\s+work|years|into\s+the\s+future|(no\s+longer|never\s+actually|doesn'?t|does\s+not)\s+expire"
           r"|valid\s+(\w+\s+)?after|arbitrar(y|ily)\s+(long|far|late)"),
    Defect("tar", "archive preview: tar member extracted without a path check", [("manifest.py", 80, 90)],
           [r"tar|extract|member|archive",
            r"travers|\.\./|\.\.|escape|outside|absolute|symlink|slip|path\s+(check|validation|sanitiz)|arbitrary\s+(path|file)"
            r"|filter|untrusted|attacker[- ]controlled|unsanitiz|unvalidated|not\s+(check|validat|sanitiz)"],
           r"overwrit|write\s+(\w+\s+)?(arbitrary|any|files?)|arbitrary\s+(file|path|code)|read\s+(\w+\s+)?(arbitrary|any|other|/etc|files?)"
           r"|/etc|ssh|cron|code\s+execution|remote\s+code|\brce\b|compromis|leak|disclos|exfiltrat|take\s*over"
           r"|clobber|plant|anywhere|any\s+file|system\s+files?|secrets?|signing\s+key"),
    Defect("authz", "delete_version checks the scope but not the token's project", [("handlers.py", 239, 245)],
           [r"delet|remov",
            r"require_scope|project\s+(check|binding|scope|ownership|membership)|scope\s+(only|alone)|only\s+(checks?\s+|verif\w+\s+)?(the\s+)?scope"
            r"|(not|never|n'?t|without|missing|no|skips?)\b[^.\n]{0,50}\bproject|project\b[^.\n]{0,50}\b(not|never|n'?t)\s+(check|verif|enforc|compar)"
            r"|authori[sz]|authz|\bidor\b|privilege|access\s+control|bound\s+to"],
           r"(any|another|other|different|foreign|every|all|arbitrary|someone\s+else'?s?)\s+(\w+\s+){0,2}projects?|cross[- ]project"
           r"|not\s+(its|their)\s+own|outside\s+(its|their)\s+(own\s+)?project|tenant|other\s+teams?|each\s+other|one\s+another"
           r"|someone\s+else|any\s+team"),
    Defect("race", "blob refcounts updated by read-modify-write without atomicity",
           [("blobs.py", 72, 82), ("handlers.py", 189, 189), ("handlers.py", 245, 245), ("retention.py", 60, 60)],
           [r"ref\s*count|reference\s+count|incref|decref|\bcount",
            r"race|concurren|atomic|lost\s+update|read[- ]modify[- ]write|check[- ]then|simultaneous|parallel|interleav"
            r"|two\s+(threads|requests|uploads|deletes|writers)|\block|transaction|threads?"],
           r"(blob|file|artifact|content|data|release)\w*[^.\n]{0,80}(delet|remov|lost|gone|garbage|collect|missing|404)"
           r"|(delet|garbage[- ]collect|\bgc\b|remov|collect)\w*[^.\n]{0,80}(still|referenc|in\s+use|live|used)|data\s+loss"
           r"|never\s+(be\s+)?(freed|deleted|collected|reclaimed)|leak|orphan|wrong\s+(ref)?count|drift|corrupt|negative|undercount|overcount"
           r"|dangling|broken\s+(download|version|artifact)|\b404\b"),
    Defect("fdleak", "upload leaks the file descriptor returned by mkstemp", [("handlers.py", 174, 174)],
           [r"mkstemp|file\s+descriptor|\bfds?\b|descriptor|handle",
            r"leak|never\s+(be\s+|gets?\s+)?closed|not\s+closed|isn'?t\s+closed|unclosed|without\s+clos|os\.close|left\s+open|stays\s+open"
            r"|remains?\s+open|(doesn'?t|does\s+not|never|not)\s+close|discard|ignor|drop|unused"],
           r"too\s+many\s+open\s+files|emfile|exhaust|run(s|ning)?\s+out|ulimit|limit|(stop|fail)\w*\s+(\w+\s+)?(accept|serv|work|upload|respond)"
           r"|crash|denial\s+of\s+service|\bdos\b|outage|unavailab|restart|starv|refus\w*\s+(new\s+)?(connection|request|upload)"),
    Defect("retention", "retention keeps the oldest versions and deletes the newest", [("retention.py", 38, 43)],
           [r"retention|keep|kept|sort|order",
            r"oldest|newest|latest|ascending|descending|reverse|wrong\s+(end|order|direction|ones?|versions?)|backwards|inverted"
            r"|earliest|most\s+recent|recent"],
           r"deploy|rollback|roll\s+back|release|data\s+loss|production"
           r"|(newest|latest|recent|current)\s+(\w+\s+)?(builds?|versions?|artifacts?)[^.\n]{0,80}(delet|remov|purg|gone|lost|disappear)"
           r"|(delet|remov|purg|los|lost|discard)\w*\s+(\w+\s+){0,3}(newest|latest|recent|current)\s+(\w+\s+)?(builds?|versions?|artifacts?)"),
    Defect("range", "closed byte ranges are one byte short", [("ranges.py", 52, 55)],
           [r"range|byte|length|content-length|\bend\b",
            r"off[- ]by[- ]one|inclusive|exclusive|\+\s*1\b|one\s+(byte\s+)?(short|too\s+few|less|fewer)|minus\s+one|last\s+byte|end\s*-\s*start"],
           r"last\s+byte|one\s+byte\s+(short|missing|less|too\s+few)|truncat|missing\s+(a\s+|the\s+|one\s+)?byte|corrupt|checksum|incomplete"
           r"|mismatch|content-length|hang|wrong\s+(data|length|size)|resum|short\s+(read|response|download)|fewer\s+bytes"
           r"|\b1\s+byte|a\s+byte\s+(short|less|missing)|byte\s+(short|missing)"),
    Defect("random", "API tokens generated with the random module", [("tokens.py", 11, 11), ("tokens.py", 38, 39)],
           [r"random",
            r"secrets|crypto|csprng|predict|pseudo|mersenne|not\s+(cryptographically\s+)?secure|insecure|guess|seed|urandom|systemrandom"],
           r"forg|brute|take\s*over|impersonat|steal|unauthori[sz]ed|compromis"
           r"|(attacker|anyone|someone|an?\s+\w+\s+who)[^.\n]{0,80}(predict|guess|reproduc|recover|reconstruct|access|use|derive)"
           r"|(predict|guess|reconstruct|recover|derive)\w*[^.\n]{0,60}(other|future|operator|admin|someone|anyone|attacker|tokens?\s+(of|for|issued))"
           r"|hijack|account\s+takeover|escalat"),
]

# Real but unplanted observations a careful reviewer may make; citing them is neither credit nor noise.
NEUTRAL = [
    ("manifest.py", 66, 76),       # zip preview reads the whole member into memory (zip bomb)
    ("handlers.py", 145, 160),     # webhook URLs may point at internal hosts (SSRF), secret kept in clear
    ("webhooks.py", 71, 109),      # delivery loop and retries
    ("db.py", 63, 70),             # webhook secret stored in clear
    ("handlers.py", 362, 372),     # /usage and /search shadow artifacts of those names
    ("retention.py", 49, 62),      # apply() counts every version each run; deletes one transaction at a time
    ("handlers.py", 132, 142),     # revoke_token loads every token
    ("server.py", 56, 66),         # X-Forwarded-For handling
    ("blobs.py", 58, 70),          # commit vs. garbage collection of a re-used orphan blob
    ("blobs.py", 102, 120),        # garbage collection window
    ("tokens.py", 71, 83),         # token lookup and last_used_at writes on the hot path
    ("events.py", 22, 30),         # publish swallows handler errors
    ("client.py", 105, 125),       # resume when the server ignores the range
    ("handlers.py", 174, 186),     # the temporary upload file itself (removed on failure, swept daily)
]


def main():
    ws = lv.workspace()
    g = lv.Grader()
    text, problem = lv.read_text(lv.find_in_root(ws, "REVIEW.md"), MAX_BYTES)
    result = None
    if text is not None:
        try:
            result = grade(text, DEFECTS, NEUTRAL)
        except Exception as e:  # a review the parser chokes on fails its checks; the grader does not crash
            problem = f"review could not be read: {type(e).__name__}: {e}"
    if result is None:
        for d in DEFECTS:
            g.check(f"finds: {d.title}", False, problem, WEIGHT)
        g.check("findings are precise (noise does not outweigh real findings)", False, problem, 0.6)
        g.finish(problem)
    for d in DEFECTS:
        if d.id in result.credited:
            g.check(f"finds: {d.title}", True, f"matched: {result.credited[d.id]}", WEIGHT)
        else:
            g.check(f"finds: {d.title}", False, result.near.get(d.id, "no finding at this place"), WEIGHT)
    found, noise = len(result.credited), len(result.noise)
    sample = f"; e.g. {result.noise[0]}" if result.noise else ""
    precise = g.check("findings are precise (noise does not outweigh real findings)", found >= 1 and noise <= found + 2,
                      f"{found} planted defects found, {noise} findings point at nothing planted{sample}", 0.6)
    if found and not precise:
        g.cap(IMPRECISE_CAP, f"{noise} off-target findings against {found} real ones")
    if noise > 2 * found + 4:
        g.cap(NOISE_CAP, f"noise dominates: {noise} off-target findings against {found} real ones")
    if result.soup >= 3:
        g.cap(SOUP_CAP, f"{result.soup} findings are keyword lists naming most defect kinds at once")
    g.finish(f"{found}/{len(DEFECTS)} planted defects found; {result.located} located findings, {noise} noise")


if __name__ == "__main__":
    main()
