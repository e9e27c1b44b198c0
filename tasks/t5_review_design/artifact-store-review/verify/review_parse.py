"""Reads a markdown review into findings with resolved file:line places, and matches them against the
planted defects. Pure text processing; nothing from the workspace runs here.

A finding is a heading section (heading to the next heading), unless the section holds several
findings: list items or bold lines that open a finding (they cite a place themselves, or are short
titles followed by labelled fields such as "Location:"), in which case each runs to the next one. Every
table row that cites a place is a finding of its own. Places are `file.py:12`, `file.py:12-20`, `file.py#L12-L20`, `file.py line 12`,
`file.py (lines 12-20)`, `lines 12-20` after a file named earlier in the same finding, `L12-L20`
after a file named earlier, and bare line numbers in a table cell of a row naming the file.
"""
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Dict, List, Optional, Tuple

from lanebench_verify import markdown_blocks

TOLERANCE = 3
MAX_SPAN = 40
SOUP = 4

_FILE = r"((?:[\w.-]+/)*[\w-]+\.py)"
_NUM = r"L?(\d{1,5})(?:\s*(?:-|–|—|to|\.\.)\s*L?(\d{1,5}))?"
FILE_LINE = re.compile(_FILE + r"[`*_]*\s*(?::|#L|,?\s*\(?\s*(?:lines?|ll?\.|line\(s\))\s*)\s*" + _NUM, re.I)
FILE_ONLY = re.compile(r"(?<![\w/.-])" + _FILE + r"(?![\w])")
BARE_LINE = re.compile(r"\b(?:lines?|ll?\.)\s*" + _NUM, re.I)
BARE_L = re.compile(r"(?<![\w#])L(\d{1,5})(?:\s*(?:-|–|—)\s*L?(\d{1,5}))?\b")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s+\S")
TABLE_ROW = re.compile(r"^\s*\|")
TABLE_SEP = re.compile(r"^\s*\|?[\s:|-]+\|[\s:|-]*$")
CELL_NUM = re.compile(r"^[\s`*_]*L?(\d{1,5})(?:\s*(?:-|–|—)\s*L?(\d{1,5}))?[\s`*_]*$")


@dataclass(frozen=True)
class Place:
    file: str       # basename
    start: int
    end: int


@dataclass
class Finding:
    text: str
    places: List[Place] = field(default_factory=list)


@dataclass
class Defect:
    id: str
    title: str
    places: List[Tuple[str, int, int]]
    problem: List[str]              # every regex must match
    impact: str                     # must match too: a finding has to say what goes wrong


def _span(a: str, b: Optional[str]) -> Tuple[int, int]:
    s, e = int(a), int(b) if b else int(a)
    return (s, e) if s <= e else (e, s)


def places_in(text: str) -> List[Place]:
    out, taken = [], []
    for m in FILE_LINE.finditer(text):
        s, e = _span(m.group(2), m.group(3))
        out.append(Place(PurePosixPath(m.group(1)).name, s, e))
        taken.append((m.start(), m.end()))
    files = [(m.start(), PurePosixPath(m.group(1)).name) for m in FILE_ONLY.finditer(text)]
    for rx in (BARE_LINE, BARE_L):
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            before = [f for p, f in files if p < m.start()]
            if before:
                s, e = _span(m.group(1), m.group(2))
                out.append(Place(before[-1], s, e))
                taken.append((m.start(), m.end()))
    for line in text.split("\n"):
        if TABLE_ROW.match(line) and not TABLE_SEP.match(line):
            row_files = [PurePosixPath(m.group(1)).name for m in FILE_ONLY.finditer(line)]
            if not row_files:
                continue
            for cell in line.strip().strip("|").split("|"):
                m = CELL_NUM.match(cell)
                if m:
                    s, e = _span(m.group(1), m.group(2))
                    out.append(Place(row_files[0], s, e))
    return [p for p in out if p.end - p.start <= MAX_SPAN and p.start > 0]


FIELD = re.compile(r"^\s*(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__)?\s*(?:location|where|files?|lines?|severity|priority|"
                   r"problem|issue|description|details?|impact|consequences?|effects?|risk|fix|recommendation|"
                   r"remediation|suggested fix|suggestion|why|evidence|category|kind|type|status|notes?|root cause)"
                   r"\b[^:\n]{0,20}:", re.I)
TITLE_START = re.compile(r"^\s{0,3}(?:[-*+]\s+|\d{1,3}[.)]\s+)?(?:\*\*|__)|^\s{0,3}(?:[-*+]|\d{1,3}[.)])\s+")


def _is_start(block: str, nxt: Optional[str]) -> bool:
    """Whether a block opens a finding inside a section that holds several."""
    if FIELD.match(block) or TABLE_ROW.match(block) or not TITLE_START.match(block):
        return False
    if places_in(block):
        return True
    return len(block.split()) <= 25 and nxt is not None and FIELD.match(nxt) is not None


def findings(text: str) -> List[Finding]:
    sections: List[Tuple[str, List[str]]] = [("", [])]
    for line in text.split("\n"):
        if HEADING.match(line):
            sections.append((line, []))
        else:
            sections[-1][1].append(line)
    out: List[Finding] = []
    for heading, body in sections:
        blocks = markdown_blocks(body)
        rows = [b for b in blocks if TABLE_ROW.match(b)]
        for row in rows:
            p = places_in(row)
            if p:
                out.append(Finding(row, p))
        rest = [b for b in blocks if not TABLE_ROW.match(b)]
        starts = [i for i, b in enumerate(rest) if _is_start(b, rest[i + 1] if i + 1 < len(rest) else None)]
        if len(starts) >= 2:
            bounds = starts + [len(rest)]
            for a, b in zip(bounds, bounds[1:]):
                chunk = "\n".join(rest[a:b])
                p = places_in(chunk)
                if p:
                    out.append(Finding(chunk, p))
            continue
        whole = "\n".join([heading] + rest)
        p = places_in(whole)
        if p:
            out.append(Finding(whole, p))
    return out


def _hits(place: Place, target: Tuple[str, int, int]) -> bool:
    f, s, e = target
    return place.file == f and place.start <= e + TOLERANCE and place.end >= s - TOLERANCE


def names(defect: Defect, text: str) -> bool:
    return all(re.search(rx, text, re.I) for rx in defect.problem)


def says_impact(defect: Defect, text: str) -> bool:
    return re.search(defect.impact, text, re.I) is not None


@dataclass
class Result:
    credited: Dict[str, str]
    near: Dict[str, str]
    noise: List[str]
    located: int
    soup: int


def grade(text: str, defects: List[Defect], neutral: List[Tuple[str, int, int]]) -> Result:
    credited, near, noise = {}, {}, []
    soup = 0
    found = findings(text)
    for f in found:
        plain = re.sub(r"[`*]", "", f.text)
        kinds = [d.id for d in defects if names(d, plain)]
        is_soup = len(kinds) >= SOUP
        soup += is_soup
        on_target = False
        for d in defects:
            if not any(_hits(p, t) for p in f.places for t in d.places):
                continue
            on_target = True
            if d.id in credited:
                continue
            if is_soup:
                near[d.id] = f"cited only in a finding that names {len(kinds)} different defect kinds at once"
            elif not names(d, plain):
                near.setdefault(d.id, "cited at the right place, but the problem is not named")
            elif not says_impact(d, plain):
                near.setdefault(d.id, "right place and problem, but no concrete impact")
            else:
                credited[d.id] = excerpt(f.text)
                near.pop(d.id, None)
        if not on_target and not any(_hits(p, t) for p in f.places for t in neutral):
            noise.append(excerpt(f.text))
    return Result(credited, near, noise, len(found), soup)


def excerpt(text: str, limit: int = 90) -> str:
    s = " ".join(re.sub(r"[`*#|]", " ", text).split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
