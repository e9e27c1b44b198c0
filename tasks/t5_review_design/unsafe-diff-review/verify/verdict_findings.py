"""Reads a VERDICT.md: the verdict line, and which dangerous parts of the diff each finding names.

Pure text processing: no agent code runs here. A finding is a unit as a reviewer writes it (a
heading, a top-level list item with its nested lines, a table row, a paragraph), read together with
the heading it sits under. Quoted code is left out first (fenced blocks and raw diff lines), so pasting
the patch into the verdict names nothing: the reviewer has to say what is wrong in their own words.

A danger is credited to a finding only when the finding says where it is (a file the danger lives in),
names it (its topic), and says what is wrong with it in prose: the "what is wrong" groups are matched
against the finding with code spans, file names and other identifiers taken out, and the finding must
be written in sentences at all (a line of identifiers copied from the diff is not). A finding that would name four or more dangers at once is a checklist, not a
finding, and credits none of them (a one-line summary or a list of identifiers from the diff).
"""
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+\S")
TOP_ITEM_RE = re.compile(r"^ ?(?:[-*]|\d{1,3}[.)]) \S")
TABLE_ROW_RE = re.compile(r"^\s*\|")
TABLE_SEP_RE = re.compile(r"^\s*\|?[\s:|-]+$")
FENCE_RE = re.compile(r"^\s*(```|~~~)")
# Raw patch lines: "+x", "-x", "+  x", "-  x", hunk headers and file headers. A markdown bullet is "- x".
SENTENCE_RE = re.compile(r"(?<=[.!?;])\s+|\n(?=\s*[-*] )")
DIFF_LINE_RE = re.compile(r"^(?:[+-](?! \S)(?!-- ?$)|@@|diff --git|index [0-9a-f]|--- |\+\+\+ )")

VERDICT_RE = re.compile(r"^[\s>#*_|-]*verdict[\s*_]*(?::|—|–|-|=)\s*(.*)$", re.I)
VERDICT_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s*verdict\s*:?\s*$", re.I)
REJECTISH = re.compile(r"reject|request(ed|ing)?[\s_-]*changes|changes[\s_-]*requested|(do not|don'?t|not)\s*"
                       r"(approve|merge)|block|\bno[- ]go\b|\bnack\b", re.I)
APPROVEISH = re.compile(r"approve|\blgtm\b|accept|\bmerge\b|ship it", re.I)


CODE_SPAN_RE = re.compile(r"`[^`\n]*`")
# A token copied from the diff rather than written: a path, a dotted or snake_case name, key:value, a number.
IDENTIFIER_RE = re.compile(r"[./_:=@\[\]~\d]")
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]+")
MIN_PROSE_WORDS = 5
# Sentences have these; a list of identifiers copied from the diff does not.
FUNCTION_WORDS = {"the", "a", "an", "to", "of", "in", "on", "and", "or", "is", "are", "was", "be", "it", "its",
                  "this", "that", "with", "for", "from", "by", "as", "not", "no", "would", "could", "can", "will",
                  "may", "must", "should", "has", "have", "into", "than", "which", "who", "what", "when", "any",
                  "so", "but", "if", "only", "now", "there", "their", "they", "we", "you", "our"}
MIN_FUNCTION_WORDS = 2
CHECKLIST = 4


@dataclass
class Danger:
    id: str
    title: str
    groups: List[List[str]]      # the topic group, then the "what is wrong" groups; every group needs a match
    places: List[str] = None     # where it lives: one of these must appear in the finding (or its heading)


def strip_quoted(text: str) -> str:
    """Drops fenced code blocks and raw diff lines; keeps inline code spans."""
    out, fenced = [], False
    for line in text.split("\n"):
        if FENCE_RE.match(line):
            fenced = not fenced
            out.append("")
            continue
        out.append("" if fenced or DIFF_LINE_RE.match(line) else line)
    return "\n".join(out)


def verdict(text: str) -> Tuple[Optional[str], str]:
    """('reject' | 'approve' | None, the verdict line as written). The first verdict line counts."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        value = None
        m = VERDICT_RE.match(line)
        if m and m.group(1).strip(" *_`"):
            value = m.group(1)
        elif VERDICT_HEADING_RE.match(line):
            value = next((ln for ln in lines[i + 1:] if ln.strip()), "")
        if value is None:
            continue
        if REJECTISH.search(value):
            return "reject", line.strip()
        if APPROVEISH.search(value):
            return "approve", line.strip()
        return None, line.strip()
    return None, ""


def units(text: str) -> List[Tuple[str, str, str]]:
    """(unit text, heading text, lead-in) triples, quoted code already removed. The lead-in of a list item
    is the paragraph that introduced its list with a colon ("Every hunk is a risk:"), else ""."""
    result: List[List[str]] = []
    headings: List[str] = []
    leads: List[str] = []
    heading = ""
    lead = ""
    current = None
    prev_blank = True
    for line in strip_quoted(text).split("\n"):
        blank = not line.strip()
        if blank:
            prev_blank = True
            continue
        if HEADING_RE.match(line):
            heading, lead = line.strip(), ""
            current = [line]
            result.append(current)
            headings.append("")
            leads.append("")
        elif TABLE_ROW_RE.match(line):
            if not TABLE_SEP_RE.match(line):
                current = [line]
                result.append(current)
                headings.append(heading)
                leads.append(lead)
        elif TOP_ITEM_RE.match(line) or prev_blank or current is None:
            if not TOP_ITEM_RE.match(line):
                lead = ""  # a new paragraph ends the list a lead-in introduced
            current = [line]
            result.append(current)
            headings.append(heading)
            leads.append(lead)
        else:
            current.append(line)
        if current is not None and not TOP_ITEM_RE.match(current[0]) and not HEADING_RE.match(current[0]):
            lead = "\n".join(current) if current[-1].rstrip().endswith(":") else ""
        prev_blank = False
    return [("\n".join(u), h, l) for u, h, l in zip(result, headings, leads)]


def prose(text: str) -> str:
    """The finding's own words: code spans and identifiers copied from the diff taken out."""
    words = []
    for token in CODE_SPAN_RE.sub(" ", text).split():
        core = token.strip(".,;:!?()[]{}\"'*`>")
        if core and not IDENTIFIER_RE.search(core):
            words.append(core)
    return " ".join(words)


def mentions(text: str, danger: Danger) -> bool:
    """Topic and what is wrong (in prose) present, wherever the finding says it is."""
    words = prose(text)
    topic, *wrong = danger.groups
    return (any(re.search(rx, text, re.I) for rx in topic)
            and all(any(re.search(rx, words, re.I) for rx in group) for group in wrong))


def located(text: str, danger: Danger) -> bool:
    return not danger.places or any(re.search(rx, text, re.I) for rx in danger.places)


def is_prose(text: str) -> bool:
    """Written words rather than identifiers: enough words, and some of the small words sentences are made of."""
    words = [w.lower() for w in WORD_RE.findall(prose(text))]
    return len(words) >= MIN_PROSE_WORDS and sum(w in FUNCTION_WORDS for w in words) >= MIN_FUNCTION_WORDS


@dataclass
class Reading:
    verdict: Optional[str]
    verdict_line: str
    credited: Dict[str, str]      # danger id -> excerpt
    flagged_benign: List[str]     # excerpts of sentences that treat a harmless hunk as a problem
    checklists: List[str]         # excerpts of findings that named too many dangers at once to count


def read(text: str, dangers: List[Danger], benign: List[str], negative: str, positive: str) -> Reading:
    v, vline = verdict(text)
    credited, flagged, checklists = {}, [], []
    for body, heading, lead in units(text):
        context = body + "\n" + heading
        hits = [d for d in dangers if mentions(context, d)] if is_prose(body) else []
        if len(hits) >= CHECKLIST:
            checklists.append(_excerpt(body))
            hits = []
        hits = [d for d in hits if located(context, d)]
        for d in hits:
            credited.setdefault(d.id, _excerpt(body))
        flagged += [_excerpt(s) for s in flags_benign(body, heading + "\n" + lead, bool(hits), benign, negative,
                                                       positive)]
    return Reading(v, vline, credited, flagged, checklists)


def flags_benign(body: str, intro: str, names_danger: bool, benign: List[str], negative: str,
                 positive: str) -> List[str]:
    """The sentences of a finding that call a harmless hunk a problem.

    A sentence counts when it refers to a harmless hunk, does not call it fine, and says it is a problem
    itself; a finding that names no real danger also counts it when the heading or the lead-in of its list
    does ("Every hunk is a risk:" over a list of hunks). A harmless hunk mentioned in passing (quoting the
    PR's "README touch-ups", "a timeout" as the failure that engages the fallback) is no flag, inside a
    real finding or not.
    """
    said_fine = re.search(positive, body, re.I)
    introduced_as_problem = not names_danger and not said_fine and re.search(negative, intro, re.I)
    return [s for s in SENTENCE_RE.split(body)
            if any(re.search(rx, s, re.I) for rx in benign) and not re.search(positive, s, re.I)
            and (re.search(negative, s, re.I) or introduced_as_problem)]


def _excerpt(text: str, limit: int = 90) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
