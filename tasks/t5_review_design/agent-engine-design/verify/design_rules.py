"""Reads DESIGN.md into failure-mode entries and paragraph/section units, and holds the rules they are
judged by. Pure text processing; nothing from the workspace is executed here.

A rule is a list of requirement groups (every group needs one regex match inside the same entry or
unit), plus sentence-level contradictions: a sentence matching a contradiction regex counts against the
design unless the sentence also negates it ("the engine never kills a tool thread").
"""
import re
from dataclasses import dataclass, field
from typing import Dict, List, Tuple

from lanebench_verify import markdown_blocks

KINDS = {"engine.started", "engine.recovered", "run.started", "run.cancel_requested", "run.cancelled",
         "run.finished", "call.requested", "call.attempt", "call.result", "call.abandoned", "budget.reserved",
         "budget.settled", "budget.denied"}
# `run.status` and friends are attributes, not record kinds.
NOT_KINDS = {"id", "ids", "status", "state", "seq", "py", "md", "data", "kind", "token", "plan", "deadline",
             "args", "tool", "spec", "price", "cost", "run_id", "call_id", "at", "v", "prev", "budget", "cancel",
             "ctx", "attempts", "results", "calls", "runs", "engine", "executor", "retry", "recovery", "name",
             "left", "limit", "outcome", "error", "reason"}
KIND_RE = re.compile(r"(?<![\w./-])(run|call|budget|engine)\.([a-z][a-z_]*)\b(?!\s*\()")
FORMAT_CHANGE_RE = re.compile(r"\bv2\b|version 2|schema version|version bump|bump|sign-?off|compliance", re.I)
# A name that reads as an event is a record kind wherever it stands; a noun (`run.ledger`, `call.future`) is
# one only where the sentence talks about records and not about objects and their fields.
EVENTISH = re.compile(r"(ed|_required|_needed|_review)$|^(timeout|retry|error|failure|fail|success|review|lost|unknown"
                      r"|complete|done|end|start|stop|abort|halt|pause|resume|deny|denial|reserve|settle|release"
                      r"|refund|overrun|exceed|expire|crash|restart|recover|abandon)$")
RECORD_CONTEXT = re.compile(r"\b(records?|kinds?|events?|append\w*|emit\w*|writes?|written|writing|logs?|logged|audit)\b|→|->", re.I)
FIELD_CONTEXT = re.compile(r"\b(attributes?|fields?|propert(y|ies)|members?|objects?|instances?|keeps|holds|has a)\b", re.I)
# "there is no `call.retried` kind", "rather than a new call.retried record": named to be refused.
REFUSED_BEFORE = re.compile(r"\b(no|not|never|nor|without|instead\s+of|rather\s+than|avoid\w*|reject\w*|refus\w*)\b"
                            r"(\W+\w+){0,4}\W*$", re.I)
# An alternative the design names in order to turn it down: a section about alternatives, or an item whose
# verdict is "Rejected".
ALTERNATIVES_HEADING = re.compile(r"alternativ|rejected|non-?goals?|not\s+(do|doing|chosen|adopted)|ruled\s+out|out\s+of\s+scope", re.I)
REJECTED_ITEM = re.compile(r"(?:^|[.!?:;—–(]\s*|\*\*\s*|\s-\s)(rejected|not\s+chosen|ruled\s+out|discarded|not\s+adopted)\b"
                           r"|\bwe\s+(rejected|ruled\s+out|discarded|decided\s+against)\b", re.I)

NEG = r"\b(not|never|no|n't|cannot|can't|won't|without|instead|rather|impossible|unsafe|avoid)\b|n't\b"
NEG_STRICT = r"\b(not|never|no|cannot|can't|won't|instead|rather|must not)\b|n't\b"
# A sentence that refuses floats ("float amounts refused", "a float raises TypeError") does not use them.
REFUSES = NEG_STRICT + r"|\b(refus\w*|reject\w*|rais(e|es|ed|ing)|TypeError|ValueError|forbid\w*|disallow\w*|prohibit\w*|ban(s|ned)?)\b"

NO_RETRY = (r"(not|never|no|n't|without)\s+(be\s+|being\s+|get\s+|gets\s+)?(auto(matic(ally)?)?\s+)?"
            r"(re-?tr(y|ied|ies|ying)|re-?sen[dt]|re-?run|re-?execut|re-?invok|repeat|try (it )?again)"
            r"|no (automatic |auto-)?retr|fail(s|ed)? fast|must not be retried|never retr|isn't retried|aren't retried"
            r"|not retr|no second (try|attempt)")


@dataclass
class Rule:
    key: str
    title: str
    groups: List[Tuple[str, str]]                  # (what it asks for, regex)
    contradictions: List[Tuple[str, str, str]] = field(default_factory=list)  # (what, regex, exemption regex)


FAILURE_RULES = [
    Rule("F1", "F1 idempotent timeout: retried per config.RETRY, attempts bounded, budget per attempt", [
        ("retried", r"\bretr(y|ies|ied|ying)\b|tried again|try again|another attempt|re-?attempt"),
        ("bounded by max_attempts (3)", r"max_attempts|\b(3|three)\b[^.\n]{0,40}\b(attempts?|tries|times|in total)\b"
                                        r"|\b(attempts?|tries)\b[^.\n]{0,30}\b(3|three)\b"),
        ("taken from the config's retry rule", r"\bRETRY\b|RetryRule|config\.py|toolrun\.config|retry rule|retry_on|backoff_s"),
        ("idempotency named", r"idempoten"),
        ("each attempt goes through the budget", r"budget|reserv|max_calls|micro"),
        ("call.attempt record", r"call\.attempt"),
    ], [("more attempts than the rule allows",
         r"\b(4|5|6|7|8|10|four|five|six|ten|unlimited|infinite)\s+(attempts|retries|times|tries)\b"
         r"|retr\w*\s+(forever|indefinitely|until (it )?succeed)", NEG)]),
    Rule("F2", "F2 non-idempotent lost outcome: never retried, recorded unknown, sent to review", [
        ("not retried", NO_RETRY),
        ("outcome unknown", r"\bunknown\b"),
        ("human review", r"review|escalat|human|operator|manual|needs_review|on-?call|alert|flag"),
        ("call.result / call.abandoned record", r"call\.result|call\.abandoned"),
    ], [("retries the call",
         r"\b(is|are|gets?|will be|be)\s+retried\b|\bretr(y|ies)\s+(it|the call|the request)\s+(up to|\d|again|with|after)",
         r"\b(not|never|no|unless|only|except|idempoten\w*|key|instead|rather|would|could|risk\w*|twice|double|duplicate\w*)\b|n't\b")]),
    Rule("F3", "F3 budget: reserved before the call, the call is not started, budget.denied", [
        ("checked before the call", r"before|up[- ]?front|in advance|ahead of|prior to|pre-?(check|authori[sz]|reserv)|reserv"),
        ("the call does not start", r"(not|never)\s+(be\s+)?(start|invok|call|run|execut|dispatch|made|issued|sent|perform|attempt)"
                                    r"|refus|reject|den(y|ied|ies)|block|skip|abandon|not_started"),
        ("budget.denied record", r"budget\.denied"),
    ], [("lets the run overspend",
         r"(overdraft|overspend\w*|go(es)? over( the)? (budget|limit))\s+(is|are)?\s*(allowed|permitted|tolerated|acceptable|fine)"
         r"|check(ed|s)?\s+(only\s+)?after\s+the\s+(call|attempt)", NEG_STRICT)]),
    Rule("F4", "F4 cancel in flight: cooperative CancelToken, grace period, no new calls, abandoned as unknown", [
        ("cooperative cancellation token", r"CancelToken|cancel(lation)?\s+token|cooperativ|ctx\.cancel|is_set"),
        ("grace period (5 s)", r"CANCEL_GRACE_S|grace|\b5\s*(s|sec|secs|seconds)\b|five seconds"),
        ("no new calls start", r"no\s+(new|further|more|other)\s+(tool\s+)?(calls?|attempts?|work)"
                               r"|(stop|stops|stopped|cease|ceases)\s+(starting|scheduling|dispatching|launching|issuing|submitting)"
                               r"|(not|never|won't|no longer)\s+(start|schedule|dispatch|launch|issue|submit)"
                               r"|not\s+(be\s+)?(started|scheduled|dispatched)"
                               r"|(pending|queued|remaining)\s+(calls|attempts)\s+(are\s+)?(dropped|discarded|abandoned|cancelled|skipped|not started)"
                               r"|(refus|declin)\w*\s+to\s+(start|dispatch|schedule|launch|issue|run)"
                               r"|(will|shall|does|do)\s+not\s+(start|dispatch|schedule|launch|issue)"
                               r"|(further|new|more|additional|remaining|queued|pending|subsequent)\s+(tool\s+)?(calls?|attempts?|work)\s+"
                               r"(are|is|will\s+be|get|gets)\s+(not\s+|never\s+)?(started|dispatched|scheduled|dropped|skipped|discarded|cancelled|abandoned|rejected|refused)"
                               r"|no\s+(\w+\s+)?calls?\s+(is\s+|are\s+|gets?\s+|will\s+)?(start|dispatch|schedul|launch)"),
        ("abandoned call", r"call\.abandoned|abandon"),
        ("outcome unknown", r"\bunknown\b"),
        ("run.cancel_requested record", r"run\.cancel_requested"),
        ("run.cancelled record", r"run\.cancelled"),
    ], [("kills the tool from outside",
         r"\b(kill|terminat|interrupt|force[- ]?stop|forcibly stop)\w*\b[^.\n]{0,40}\b(thread|worker|tool|process)"
         r"|thread\.(kill|_stop|terminate)|PyThreadState_SetAsyncExc|async_raise|ctypes", NEG)]),
    Rule("F5", "F5 crash: recovery reads the log, in-doubt non-idempotent calls not re-run, append only", [
        ("reads the audit log back", r"(read|replay|scan|re-?read|load|pars|walk|rebuild|reconstruct|recover)\w*[^.\n]{0,80}"
                                     r"(audit|log|records?|verify_chain|read_records)"
                                     r"|(audit|log|verify_chain|read_records)[^.\n]{0,80}(read|replay|scan|re-?read|load|pars|walk|rebuild|reconstruct)"),
        ("finds in-doubt calls", r"in[- ]?doubt|unfinished|incomplete|dangling|orphan|open\s+(calls?|attempts?)|open_calls"
                                 r"|no\s+(matching\s+|corresponding\s+)?call\.(result|abandoned)"
                                 r"|without\s+(a\s+|any\s+)?(matching\s+|corresponding\s+)?call\.(result|abandoned)"
                                 r"|(never|not)\s+(got|received|have)\s+(a\s+)?(result|call\.result)|half[- ]finished|interrupted\s+(calls?|attempts?)"),
        ("non-idempotent calls are not re-run", NO_RETRY + r"|(not|never)\s+(be\s+)?re-?(run|executed|invoked|issued|sent)"),
        ("idempotency decides", r"idempoten"),
        ("appends only", r"append|never\s+(re)?writ|not\s+(re)?writ|never\s+(modif|edit|delet|truncat|remov|chang)"
                         r"|not\s+(modif|edit|delet|truncat|remov|chang)"),
        ("engine.recovered record", r"engine\.recovered"),
    ], [("repairs the log in place",
         r"(truncat|rewrit|delet|remov|compact|repair|overwrit|clean\s+up|strip|drop)\w*\s+(the\s+)?(torn\s+|partial\s+|last\s+|corrupt\w*\s+|broken\s+|bad\s+|damaged\s+)*"
         r"(audit\s+)?(log|line|record|entr|file|tail)", NEG)]),
    Rule("F6", "F6 audit write fails: fail closed, write-ahead, nothing runs unlogged", [
        ("fails closed", r"fail(s|ing)?[- ]?closed|fail[- ]safe|halt|\bstop|refus|abort|pause|suspend|block"
                         r"|(not|never)\s+(perform|execut|start|invok|run|make|issue|dispatch|proceed|continu)"),
        ("write-ahead order", r"write[- ]?ahead|before\s+(the\s+|any\s+|its\s+)?(action|call|attempt|tool|side[- ]effect|invok|execut|perform|it\b)"
                              r"|ahead\s+of\s+(the\s+|its\s+|any\s+|their\s+)?(actions?|calls?|attempts?|invocations?|side)"
                              r"|(records?|log|entry|entries|append)\w*\s+(is\s+|are\s+)?(written|appended|durable|fsynced|persisted)\s+(first|before)"
                              r"|only\s+after\s+(the\s+|its\s+)?(record|append|log|write)"
                              r"|(log|record|append|write|persist)\w*\s+first|act\w*\s+(second|afterwards|after\s+(it|the\s+record))"
                              r"|(first|prior)\s+(write|append)|no\s+(record|log entry),?\s+no\s+(action|call)"),
    ], [("keeps going without the log",
         r"(buffer|queue|cache|hold|keep|spool|stash)\w*\s+(the\s+)?(audit\s+)?(records?|events?|entries|writes)[^.\n]{0,40}(memory|later|retry|until|flush|replay)"
         r"|continu\w+\s+(the\s+run|running|executing|to\s+run|to\s+execute|without\s+(the\s+)?(audit|log))"
         r"|best[- ]effort|ignor\w+\s+the\s+(error|failure)", NEG_STRICT)]),
]

CROSS_RULES = [
    Rule("C1", "existing audit log kept: AuditLog, append-only, hash chain", [
        ("names the existing log", r"AuditLog|toolrun/audit\.py|toolrun\.audit|audit\.py|existing\s+(audit\s+)?(log|format)"
                                   r"|format\s+v1|v1\s+format|format\s+version\s+1|audit-log\.md"),
        ("append-only", r"append[- ]?only|only\s+append|never\s+(be\s+)?(re)?writ|not\s+(be\s+)?(re)?writ"
                        r"|never\s+(edit|modif|chang|delet|truncat|remov|updat)|immutable|not\s+(edit|modif|chang|delet|truncat|remov|updat)"),
        ("hash chain", r"hash[- ]?chain|\bchain\b|\bprev\b|sha-?256"),
    ], [("changes written audit records",
         r"(updat|modif|edit|rewrit|delet|truncat|compact)\w*\s+(the\s+|an?\s+|existing\s+|old\s+|previous\s+)*audit\s+(log\s+)?(records?|entr\w+|lines?|file)", NEG)]),
    Rule("C2", "the closed set of record kinds is respected", [
        ("acknowledges the closed kind set", r"\bKINDS\b|closed\s+set|fixed\s+set|existing\s+(record\s+)?kinds|no\s+new\s+(record\s+)?kinds?"
                                            r"|only\s+(the\s+)?(existing|documented|defined|v1)\s+(record\s+)?kinds|schema\s+version|format\s+v(ersion\s+)?2|\bv2\b"),
    ]),
    Rule("C3", "money in integer micros", [
        ("micros", r"micro"),
        ("integers", r"\bint(eger)?s?\b|Micros|whole\s+number"),
        ("applies to budgets", r"budget|spend|cost|price|amount|money"),
    ], [("money as floats",
         r"\b(float|double)s?\b[^.\n]{0,30}\b(dollars?|usd|amounts?|budgets?|costs?|prices?|money)"
         r"|\b(dollars?|usd|amounts?|budgets?|costs?|prices?|money)\b[^.\n]{0,30}\b(as|in|using)\s+(a\s+)?(float|double)", REFUSES)]),
    Rule("C4", "secret arguments redacted before logging", [
        ("redaction", r"redact"),
        ("secrets", r"secret|sensitive|api[_ ]?key|credential"),
        ("in the audit log", r"audit|\blog"),
    ]),
    Rule("C5", "one serialized audit writer", [
        ("serialization", r"not\s+thread[- ]?safe|thread[- ]?safe|single\s+(audit\s+)?writer|one\s+writer|single[- ]writer|serializ"
                          r"|writer\s+thread|(one|single|dedicated)\s+(\w+\s+)?thread|lock\s+(around|on|for|guard)|mutex"
                          r"|\block\b[^.\n]{0,40}(append|audit|write)|queue[^.\n]{0,60}(writer|one thread|single thread)"),
        ("of the audit log", r"AuditLog|audit"),
    ], [("several writers",
         r"(each|every)\s+(worker|thread|run)\w*\s+(writes|appends|opens)[^.\n]{0,40}(audit|log)|multiple\s+(audit\s+)?writers", NEG_STRICT)]),
]

SOUP_F = 4      # an entry satisfying this many failure-mode rules is a keyword list, not an answer
SOUP_CAP_ENTRIES = 3


# ------------------------------------------------------------------ parsing

# An entry starts a line: a heading, list item, table row or bold text starting with the id, or a bare
# "F3:" / "F3 —" paragraph. (A wrapped "(F3)." inside prose is not a start.)
F_START = re.compile(r"^\s{0,3}(?:(?:(#{1,6})\s*|[-*+]\s+|\d{1,2}[.)]\s+|\|\s*)(?:\*\*|__)?\s*[\[(]?\s*\**F([1-6])\b(?!\w)"
                     r"|(?:\*\*|__)\s*F([1-6])\b(?!\w)"
                     r"|F([1-6])\s*(?::|\.|\)|—|–|-)\s*\S)")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+\S")
TABLE_ROW = re.compile(r"^\s*\|")


def plain(text: str) -> str:
    """Text for matching: markdown emphasis and code ticks removed."""
    return re.sub(r"[`*]", "", text)


def entries(text: str) -> Dict[str, str]:
    """The text of each failure-mode entry F1..F6 found (the longest one when an id starts several)."""
    lines = text.split("\n")
    starts = []
    for i, line in enumerate(lines):
        m = F_START.match(line)
        if m:
            fid = "F" + (m.group(2) or m.group(3) or m.group(4))
            starts.append((i, fid, len(m.group(1)) if m.group(1) else None, TABLE_ROW.match(line) is not None))
    found: Dict[str, str] = {}
    for n, (i, fid, level, is_row) in enumerate(starts):
        if is_row:
            body = [lines[i]]
        else:
            end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
            body = [lines[i]]
            for j in range(i + 1, end):
                h = HEADING.match(lines[j])
                if h and (level is None or len(h.group(1)) <= level):
                    break
                body.append(lines[j])
        chunk = "\n".join(body)
        if len(chunk) > len(found.get(fid, "")):
            found[fid] = chunk
    return found


def units(text: str) -> List[str]:
    """Paragraphs, list items and table rows, plus whole sections (a heading to the next heading)."""
    sections, current = [], []
    for line in text.split("\n"):
        if HEADING.match(line) and current:
            sections.append(current)
            current = []
        current.append(line)
    if current:
        sections.append(current)
    out = []
    for section in sections:
        out += markdown_blocks(section)
    return out + ["\n".join(section) for section in sections]


def sentences(text: str) -> List[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*[-*+|]|\s*#)", plain(text)) if s.strip()]


def outline(text: str) -> List[Tuple[Tuple[str, ...], str]]:
    """The blocks of a markdown text (see markdown_blocks), each with the headings it stands under, outermost first."""
    out, chain, own = [], [], []

    def flush():
        out.extend((tuple(h for _, h in chain), b) for b in markdown_blocks(own))
        own.clear()

    for line in text.split("\n"):
        h = HEADING.match(line)
        if h:
            flush()
            level = len(h.group(1))
            chain = [(lv, t) for lv, t in chain if lv < level] + [(level, line.strip().lstrip("#").strip())]
        else:
            own.append(line)
    flush()
    return out


def affirmed(text: str) -> str:
    """The text without the alternatives it turns down (a section about alternatives, an item rejected)."""
    kept = [b for heads, b in outline(text)
            if not any(ALTERNATIVES_HEADING.search(h) for h in heads) and not REJECTED_ITEM.search(plain(b))]
    return "\n\n".join(kept)


def satisfies(rule: Rule, text: str) -> Tuple[bool, List[str]]:
    t = plain(text)
    missing = [what for what, rx in rule.groups if not re.search(rx, t, re.I)]
    return not missing, missing


def contradictions(rule: Rule, text: str) -> List[str]:
    hits = []
    said = sentences(affirmed(text))
    for what, rx, exempt in rule.contradictions:
        for s in said:
            if re.search(rx, s, re.I) and not re.search(exempt, s, re.I):
                hits.append(f"{what}: \"{' '.join(s.split())[:90]}\"")
                break
    return hits


def invented_kinds(text: str) -> List[str]:
    """Record kinds the design uses that the closed set does not have. Not counted: a kind proposed as a
    format change, one named to be refused or in an alternative the design turns down, and a noun that
    stands for an object's field rather than a record (`run.ledger`)."""
    out = []
    for s in sentences(affirmed(text)):
        if FORMAT_CHANGE_RE.search(s):
            continue
        for m in KIND_RE.finditer(s):
            kind, name = m.group(0), m.group(2)
            if kind in KINDS or name in NOT_KINDS or kind in out or REFUSED_BEFORE.search(s[:m.start()]):
                continue
            if not EVENTISH.search(name) and (not RECORD_CONTEXT.search(s) or FIELD_CONTEXT.search(s)):
                continue
            out.append(kind)
    return out


def distinct_words(text: str) -> int:
    """Words of the text, each sentence counted once: a paragraph pasted five times counts once."""
    seen, n = set(), 0
    for s in sentences(text):
        key = " ".join(re.findall(r"\w+", s.lower()))
        if key and key not in seen:
            seen.add(key)
            n += len(s.split())
    return n


# ------------------------------------------------------------------ the design the brief asks for

@dataclass
class Part:
    """A part of the design the brief asks for besides the failure modes: found under a heading or a
    paragraph lead matching `label`, with `need` of its markers and MIN_PART_WORDS distinct words."""
    key: str
    title: str
    label: str
    markers: List[Tuple[str, str]]
    need: int
    by_content: int = 0   # markers that let an unlabelled section or block (outside the failure modes) count


MIN_PART_WORDS = 20
FAILURE_HEADING = re.compile(r"failure|\bF[1-6]\b", re.I)

PARTS = [
    Part("components", "components and their responsibilities",
         r"component|architectur|modules?\b|overview|structure|building\s+blocks|\bparts\b|layout|packages?\b"
         r"|interfaces?\b|stubs?\b|classes|responsibilit|high[- ]level|\bdesign\b|approach|proposal|solution", [
             ("the engine / executor", r"\bEngine\b|executor"),
             ("the budget ledger", r"BudgetLedger|ledger|budget\.py"),
             ("the retry policy", r"RetryPolicy|retry\.py|retry\s+polic"),
             ("recovery", r"\brecover"),
             ("the audit writer", r"AuditLog|audit\s*(writer|sink|log)|\bwriter\b"),
             ("workers / scheduler", r"worker|\bpool\b|schedul|dispatch|\bqueue"),
         ], 4),
    Part("life", "the life of a run and of a call (records in order)",
         r"\blife\b|lifecycle|life-cycle|\bflow\b|sequence|walk-?through|step[- ]by[- ]step|how\s+(a|the)\s+(run|call)"
         r"|execution|path\s+of|anatomy|call\s+handling|processing|order\s+of", [
             (k, re.escape(k)) for k in sorted(KINDS)], 3, by_content=5),
    Part("concurrency", "concurrency model",
         r"concurren|thread|parallel|\block|synchroni|schedul|worker|async|execution|runtime", [
             ("what runs the calls", r"thread|\bpool\b|worker|asyncio|event\s+loop|corouti|process"),
             ("who owns shared state", r"\block|mutex|\bqueue|single[- ](writer|thread)|one\s+(writer|thread)|\bowns?\b|owner"
                                       r"|serializ|serialis|atomic|future|condition|semaphore|guard"),
         ], 2),
    Part("tests", "a test plan aimed at the risky parts",
         r"\btest|verification|validation|\bQA\b", [
             ("retries", r"retr(y|ies)|RetryPolicy|backoff|idempoten"),
             ("budgets", r"budget|ledger|reserv|micros"),
             ("cancellation", r"cancel"),
             ("crash recovery", r"recover|crash|restart|torn|truncat|\bcut\b|kill"),
             ("audit failure", r"(audit|log|append|write)[^.\n]{0,40}(fail|error|full|unwritable|read-only)"
                               r"|fail[- ]closed|write-ahead|AuditError|disk\s+full|I/O"),
             ("concurrency", r"concurren|thread|race|parallel|interleav"),
             ("redaction", r"redact|secret"),
         ], 3),
]


def _lead(block: str) -> str:
    """The label a block opens with: its bold text, or up to six words before a colon; "" when none."""
    first = re.sub(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+", "", block.split("\n", 1)[0]).strip()
    m = re.match(r"^(?:\*\*|__)(.{1,80}?)(?:\*\*|__)", first) or re.match(r"^\*?([^:*]{1,60}?)\*?\s*:", first)
    return m.group(1) if m and len(m.group(1).split()) <= 6 else ""


def part_candidates(part: Part, text: str) -> List[Tuple[str, bool]]:
    """(unit, labelled): sections (with their subsections) whose heading names the part and blocks whose lead
    names it, first; then, for a part found by content, the other sections and blocks outside the failure modes."""
    lines = text.split("\n")
    label = re.compile(part.label, re.I)
    named, others = [], []
    heads = [(i, len(m.group(1)), lines[i]) for i, m in ((i, HEADING.match(l)) for i, l in enumerate(lines)) if m]
    for n, (i, level, line) in enumerate(heads):
        end = next((j for j, lv, _ in heads[n + 1:] if lv <= level), len(lines))
        body = "\n".join(lines[i:end])
        # a section holding the failure modes (the document's title, say) is about everything, not this part
        if any(FAILURE_HEADING.search(l) for l in lines[i:end] if HEADING.match(l)) \
                or any(F_START.match(l) for l in lines[i:end]):
            continue
        if label.search(plain(line.strip().lstrip("#"))):
            named.append(body)
        elif part.by_content:
            others.append(body)
    for chain, block in outline(text):
        if label.search(_lead(block)):
            named.append(block)
        elif part.by_content and not any(FAILURE_HEADING.search(h) for h in chain) and not F_START.match(block):
            others.append(block)
    return [(u, True) for u in named] + [(u, False) for u in others]


def part_found(part: Part, text: str) -> Tuple[bool, str]:
    """Whether the design has this part with substance, and the evidence either way."""
    best, best_n = None, -1
    for unit, labelled in part_candidates(part, text):
        t = plain(unit)
        hit = [what for what, rx in part.markers if re.search(rx, t, re.I)]
        first = " ".join(plain(unit.split("\n", 1)[0]).split())
        words = distinct_words(unit)
        if len(hit) >= (part.need if labelled else part.by_content) and words >= MIN_PART_WORDS:
            return True, f"\"{first[:60]}\": {words} words; {', '.join(hit[:5])}"
        if len(hit) > best_n:
            best, best_n = (first, hit, words), len(hit)
    if best is None:
        return False, "no section or paragraph about it"
    first, hit, words = best
    return False, (f"closest, \"{first[:50]}\", has {words} distinct words and {len(hit)} of the {part.need} "
                   f"things it needs ({', '.join(hit[:4]) or 'none'})")
