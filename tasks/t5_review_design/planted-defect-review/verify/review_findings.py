"""Reads a markdown code review into finding units with resolved file:line locations, and matches them
against the planted defects. Pure text processing: no agent code runs here.

A unit is one finding as a reviewer writes it: a heading with its text, a top-level list item (nested
items and continuation lines included), a table row, or a paragraph that starts in bold or cites a
line. When a whole heading section cites one place only (e.g. "### SQL injection" followed by
"- File: db.py" / "- Lines: 67-71" bullets), the section is one unit.

Accepted line references: `file.py:42`, `file.py:40-45`, `file.py#L42`, `file.py#L40-L45`, and
`line 42` / `lines 40-45` / `L42` with the file named on the same line or earlier, and bare
numbers or ranges in a table cell of a row that names the file.
"""
import bisect
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Dict, List, Optional, Tuple

TOLERANCE = 3          # a cited line may be this far outside a defect's range
MAX_SPAN = 25          # a cited range wider than this locates nothing ("db.py:1-200")
CLUSTER_SPAN = 15      # a section whose citations fit in this many lines of one file is one finding
SOUP_CATEGORIES = 4    # a unit naming this many defect kinds at once is a checklist, not a finding

_FILE = r"((?:[\w.-]+/)*[\w-]+\.(?:py|yaml|yml|sh|md|diff|json|txt))"
_RANGE = r"L?(\d{1,5})(?:\s*(?:-|–|—|to|through|\.\.)\s*L?(\d{1,5}))?"
FILE_RE = re.compile(r"(?<![\w-])" + _FILE + r"(?!\w)")
FILE_LINE_RE = re.compile(r"(?<![\w-])" + _FILE + r"[`*_]*\s*(?::|#L?)\s*" + _RANGE)
BARE_LINE_RE = re.compile(r"\b(?:lines?|line\(s\)|ll?\.)\s*:?\s*[`*_]*\s*" + _RANGE, re.I)
BARE_L_RE = re.compile(r"(?<![\w#])L(\d{1,5})(?:\s*[-–]\s*L?(\d{1,5}))?\b")
CELL_RANGE_RE = re.compile(r"^[\s`*_]*L?(\d{1,5})(?:\s*[-–—]\s*L?(\d{1,5}))?[\s`*_]*$")

HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+\S")
TOP_ITEM_RE = re.compile(r"^ ?(?:[-*+]|\d{1,3}[.)])\s+\S")
TABLE_ROW_RE = re.compile(r"^\s*\|")
TABLE_SEP_RE = re.compile(r"^\s*\|?[\s:|-]+$")
BOLD_START_RE = re.compile(r"^\s*(\*\*|__)")


@dataclass
class Ref:
    pos: int            # offset in the document
    file: str           # basename
    start: int
    end: int


@dataclass
class Unit:
    first_line: int
    lines: List[str] = field(default_factory=list)
    refs: List[Ref] = field(default_factory=list)
    heading: str = ""

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Defect:
    id: str
    title: str
    places: List[Tuple[str, int, int]]          # (file basename, first line, last line)
    groups: List[List[str]]                     # every group needs one matching regex


def _base(path: str) -> str:
    return PurePosixPath(path).name


def _span(start: str, end: Optional[str]) -> Tuple[int, int]:
    s = int(start)
    e = int(end) if end else s
    return (s, e) if s <= e else (e, s)


def find_refs(text: str) -> List[Ref]:
    """Every resolvable file:line reference of the document, in order."""
    files = [(m.start(), _base(m.group(1))) for m in FILE_RE.finditer(text)]
    refs, taken = [], []
    for m in FILE_LINE_RE.finditer(text):
        s, e = _span(m.group(2), m.group(3))
        refs.append(Ref(m.start(), _base(m.group(1)), s, e))
        taken.append((m.start(), m.end()))

    def free(a, b):
        return all(b <= x or a >= y for x, y in taken)

    def file_for(pos: int) -> Optional[str]:
        line_start = text.rfind("\n", 0, pos) + 1
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        before = [f for p, f in files if line_start <= p < pos]
        if before:
            return before[-1]
        after = [f for p, f in files if pos <= p < line_end]
        if after:
            return after[0]
        earlier = [f for p, f in files if p < pos]
        return earlier[-1] if earlier else None

    for rx in (BARE_LINE_RE, BARE_L_RE):
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            f = file_for(m.start())
            if f:
                s, e = _span(m.group(1), m.group(2))
                refs.append(Ref(m.start(), f, s, e))
                taken.append((m.start(), m.end()))
    # Table rows: a cell holding only a number or range is a line reference for the row's file.
    offset = 0
    for line in text.split("\n"):
        if TABLE_ROW_RE.match(line) and not TABLE_SEP_RE.match(line):
            row_files = [_base(m.group(1)) for m in FILE_RE.finditer(line)]
            f = row_files[0] if row_files else file_for(offset)
            cells = line.split("|")
            pos = offset
            for cell in cells:
                m = CELL_RANGE_RE.match(cell)
                if m and f and free(pos, pos + len(cell)):
                    s, e = _span(m.group(1), m.group(2))
                    refs.append(Ref(pos, f, s, e))
                pos += len(cell) + 1
        offset += len(line) + 1
    refs = [r for r in refs if r.end - r.start <= MAX_SPAN and r.start > 0]
    return sorted(refs, key=lambda r: r.pos)


def split_units(text: str, refs: List[Ref]) -> List[Unit]:
    lines = text.split("\n")
    offsets, o = [], 0
    for line in lines:
        offsets.append(o)
        o += len(line) + 1
    ref_lines = {}
    for r in refs:
        ref_lines.setdefault(bisect.bisect_right(offsets, r.pos) - 1, []).append(r)

    sections: List[List[Unit]] = [[]]
    heading = ""
    current: Optional[Unit] = None
    prev_blank = True
    for i, line in enumerate(lines):
        blank = not line.strip()
        if HEADING_RE.match(line):
            heading = line.strip()
            sections.append([])
            current = Unit(i, [line], heading="")
            sections[-1].append(current)
        elif blank:
            pass
        elif TABLE_ROW_RE.match(line):
            current = None if TABLE_SEP_RE.match(line) else Unit(i, [line], heading=heading)
            if current:
                sections[-1].append(current)
        elif (TOP_ITEM_RE.match(line)
              or (prev_blank and (BOLD_START_RE.match(line) or i in ref_lines))
              or current is None):
            current = Unit(i, [line], heading=heading)
            sections[-1].append(current)
        else:
            current.lines.append(line)
        if current is not None and not blank and i in ref_lines:
            current.refs.extend(ref_lines[i])
        prev_blank = blank

    units = []
    for section in sections:
        refs_in = [r for u in section for r in u.refs]
        if len(section) > 1 and refs_in and _one_place(refs_in):
            merged = Unit(section[0].first_line, [ln for u in section for ln in u.lines],
                          refs_in, heading="")
            units.append(merged)
        else:
            units.extend(section)
    return units


def _one_place(refs: List[Ref]) -> bool:
    files = {r.file for r in refs}
    return len(files) == 1 and max(r.end for r in refs) - min(r.start for r in refs) <= CLUSTER_SPAN


def hits(ref: Ref, place: Tuple[str, int, int]) -> bool:
    f, s, e = place
    return ref.file == f and ref.start <= e + TOLERANCE and ref.end >= s - TOLERANCE


def categories(text: str, defects: List[Defect]) -> List[str]:
    return [d.id for d in defects if all(any(re.search(rx, text, re.I) for rx in g) for g in d.groups)]


@dataclass
class Grade:
    credited: Dict[str, str]            # defect id -> excerpt of the crediting unit
    near_misses: Dict[str, str]         # defect id -> why a unit at the right place did not count
    noise: List[str]                    # excerpts of located units that point at no defect
    located: int
    checklists: int


def grade(text: str, defects: List[Defect], neutral: List[Tuple[str, int, int]]) -> Grade:
    refs = find_refs(text)
    units = split_units(text, refs)
    credited, near, noise = {}, {}, []
    located = checklists = 0
    for u in units:
        if not u.refs:
            continue
        located += 1
        body_cats = categories(u.text, defects)
        heading_ctx = u.heading if len(categories(u.heading, defects)) < 3 else ""
        context = u.text + "\n" + heading_ctx
        soup = len(body_cats) >= SOUP_CATEGORIES
        checklists += soup
        on_target = False
        for d in defects:
            if not any(hits(r, p) for r in u.refs for p in d.places):
                continue
            on_target = True
            if d.id in credited:
                continue
            if soup:
                near[d.id] = "cited only inside a checklist of many defect kinds"
            elif d.id in categories(context, [d]):
                credited[d.id] = _excerpt(u.text)
                near.pop(d.id, None)
            else:
                near.setdefault(d.id, "cited at the right place but the problem is not named")
        if not on_target and not any(hits(r, p) for r in u.refs for p in neutral):
            noise.append(_excerpt(u.text))
    return Grade(credited, near, noise, located, checklists)


def _excerpt(text: str, limit: int = 90) -> str:
    s = " ".join(text.split())
    return s if len(s) <= limit else s[: limit - 1] + "…"
