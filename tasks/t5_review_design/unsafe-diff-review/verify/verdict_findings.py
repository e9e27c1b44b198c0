"""Reads a VERDICT.md: the verdict line, and which dangerous parts of the diff each finding names.

Pure text processing: no agent code runs here. A finding is a unit as a reviewer writes it (a
heading, a top-level list item with its nested lines, a table row, a paragraph), read together with
the heading it sits under. Quoted code is left out first (fenced blocks and raw diff lines), so pasting
the patch into the verdict names nothing: the reviewer has to say what is wrong in their own words.
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
DIFF_LINE_RE = re.compile(r"^(?:[+-](?! \S)(?!-- ?$)|@@|diff --git|index [0-9a-f]|--- |\+\+\+ )")

VERDICT_RE = re.compile(r"^[\s>#*_|-]*verdict[\s*_]*(?::|—|–|-|=)\s*(.*)$", re.I)
VERDICT_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s*verdict\s*:?\s*$", re.I)
REJECTISH = re.compile(r"reject|request(ed|ing)?[\s_-]*changes|changes[\s_-]*requested|(do not|don'?t|not)\s*"
                       r"(approve|merge)|block|\bno[- ]go\b|\bnack\b", re.I)
APPROVEISH = re.compile(r"approve|\blgtm\b|accept|\bmerge\b|ship it", re.I)


@dataclass
class Danger:
    id: str
    title: str
    groups: List[List[str]]      # every group needs one matching regex


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


def units(text: str) -> List[Tuple[str, str]]:
    """(unit text, heading text) pairs, quoted code already removed."""
    result: List[List[str]] = []
    headings: List[str] = []
    heading = ""
    current = None
    prev_blank = True
    for line in strip_quoted(text).split("\n"):
        blank = not line.strip()
        if blank:
            prev_blank = True
            continue
        if HEADING_RE.match(line):
            heading = line.strip()
            current = [line]
            result.append(current)
            headings.append("")
        elif TABLE_ROW_RE.match(line):
            if not TABLE_SEP_RE.match(line):
                current = [line]
                result.append(current)
                headings.append(heading)
        elif TOP_ITEM_RE.match(line) or prev_blank or current is None:
            current = [line]
            result.append(current)
            headings.append(heading)
        else:
            current.append(line)
        prev_blank = False
    return [("\n".join(u), h) for u, h in zip(result, headings)]


def names(text: str, danger: Danger) -> bool:
    return all(any(re.search(rx, text, re.I) for rx in group) for group in danger.groups)


@dataclass
class Reading:
    verdict: Optional[str]
    verdict_line: str
    credited: Dict[str, str]      # danger id -> excerpt
    flagged_benign: List[str]     # excerpts of findings that call a harmless hunk dangerous


def read(text: str, dangers: List[Danger], benign: List[str], negative: str, positive: str) -> Reading:
    v, vline = verdict(text)
    credited, flagged = {}, []
    for body, heading in units(text):
        context = body + "\n" + heading
        hit = False
        for d in dangers:
            if names(context, d):
                hit = True
                credited.setdefault(d.id, _excerpt(body))
        if hit:
            continue
        if (any(re.search(rx, body, re.I) for rx in benign) and re.search(negative, body, re.I)
                and not re.search(positive, body, re.I)):
            flagged.append(_excerpt(body))
    return Reading(v, vline, credited, flagged)


def _excerpt(text: str, limit: int = 90) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
