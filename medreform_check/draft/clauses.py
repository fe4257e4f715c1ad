"""Clause numbering as Chinese documents write it — 一、 /（一）/ 1. /（1）/ ① — into clauses
that know their heading, their ``section`` and their ``source`` (``五（十）``).

The levels rank in that order whatever a document skips: a ``（一）`` after ``1.`` starts a
new ``（一）`` clause under the last ``一、``. Text before the first number is the 序言; text
after a clause that closed with its responsibility note (``（…按职责分工负责）``), once the
document has no more numbers, is its 末段 (closing paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medreform_check.draft.documents import Table
from medreform_check.draft.outline import Part, title_years
from medreform_check.draft.units import parse_note

_CN = "一二三四五六七八九十百零〇"
_LEVELS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"^([{_CN}]{{1,4}})、"), "{}"),
    (re.compile(rf"^（([{_CN}]{{1,4}})）"), "（{}）"),
    (re.compile(r"^(\d{1,3})[.、](?![\d%])"), "{}."),
    (re.compile(r"^（(\d{1,3})）"), "（{}）"),
    (re.compile(r"^([①-⑳])"), "{}"),
)
_SENTENCE_END = re.compile(r"[。；！？]")
_YEAR_TARGETS = re.compile(r"目标|任务")
PREAMBLE, CLOSING = "序言", "末段"


def chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零三 → 103; digits pass through."""
    if len(text) == 1 and "①" <= text <= "⑳":  # before isdigit(), which ① also passes
        return ord(text) - ord("①") + 1
    if text.isdecimal():
        return int(text)
    digits = {c: k for k, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
    total, current = 0, 0
    for char in text:
        if char in digits:
            current = digits[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
    return total + current


@dataclass(eq=False)
class Clause:
    part: Part
    labels: tuple[str, ...]  # ("五", "（十）")
    numbers: tuple[int | str, ...]  # (5, 10), for task ids
    heading: str = ""  # its own heading ("调整医疗技术服务价格"), "" when it has none
    parent: Clause | None = None
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    closed: bool = False  # its last paragraph ended with a responsibility note
    section_text: str = ""  # set for a clause made from a 任务分工 table row

    @property
    def source(self) -> str:
        if self.labels == (PREAMBLE,) and self.part.letter == "n":
            return self.part.prefix  # the notice's own text: 通知
        where = "".join(self.labels)
        return f"{self.part.prefix} {where}" if self.part.prefix else where

    @property
    def top(self) -> Clause:
        return self.parent.top if self.parent is not None else self

    @property
    def section(self) -> str:
        if self.section_text:
            return self.section_text
        if self.labels == (PREAMBLE,) and self.part.letter == "n":
            return self.part.prefix
        top = self.top
        label = top.labels[-1] if top.labels else ""
        text = (
            f"{label}、{top.heading}" if re.fullmatch(f"[{_CN}]+", label) else label + top.heading
        )
        text = text if top.heading else label
        return f"{self.part.prefix} {text}" if self.part.prefix else text

    @property
    def year(self) -> int | None:
        """The single year its heading (or an enclosing one, or the document's title) names."""
        years = title_years(self.heading) if self.heading else None
        if years and years[0] == years[1]:
            return years[0]
        return self.parent.year if self.parent is not None else self.part.single_year

    @property
    def year_targets(self) -> bool:
        """Whether a heading over it lists one year's targets (``2023年度任务目标``)."""
        own = self.heading and _YEAR_TARGETS.search(self.heading) and title_years(self.heading)
        return bool(own) or (self.parent is not None and self.parent.year_targets)


def _numbering(text: str) -> tuple[int, str, str, str] | None:
    """(level, label, number, rest of the paragraph) for a numbered paragraph."""
    for level, (pattern, label) in enumerate(_LEVELS):
        match = pattern.match(text)
        if match:
            return level, label.format(match.group(1)), match.group(1), text[match.end() :]
    return None


def split_heading(rest: str) -> tuple[str, str]:
    """A numbered paragraph's heading (a short first sentence with no comma) and its body."""
    match = _SENTENCE_END.search(rest)
    first = rest[: match.start()] if match else rest
    if len(first) <= 40 and "，" not in first:
        return first.strip(), rest[match.end() :].strip() if match else ""
    return "", rest


def _closes(paragraph: str) -> bool:
    """Ends with a note that stands after the last sentence: ``…。（…按职责分工负责）``."""
    match = re.search(r"（[^（）]+）$", paragraph)
    if not match or parse_note(match.group(0)) is None:
        return False
    before = paragraph[: match.start()].rstrip()
    return not before or before.endswith(("。", "；"))


class _Builder:
    def __init__(self, part: Part) -> None:
        self.part = part
        self.preamble = Clause(part, (PREAMBLE,), (0,))
        self.clauses: list[Clause] = [self.preamble]
        self.open: list[tuple[int, Clause]] = []  # (level, clause), outermost first
        self.trailing: list[str] = []

    @property
    def current(self) -> Clause:
        return self.open[-1][1] if self.open else self.preamble

    def heading(self, level: int, label: str, number: str, rest: str) -> None:
        closed = self.current if self.current.closed else None
        while self.open and self.open[-1][0] >= level:
            self.open.pop()
        parent = self.current if self.open else None
        if self.trailing:  # after a closed clause: the text belongs to the level above it
            home = (closed.parent or closed) if closed is not None else self.current
            home.paragraphs += self.trailing
            self.trailing = []
        heading, body = split_heading(rest)
        labels = (parent.labels if parent else ()) + (label,)
        numbers = (parent.numbers if parent else ()) + (chinese_number(number),)
        clause = Clause(self.part, labels, numbers, heading, parent)
        self.clauses.append(clause)
        self.open.append((level, clause))
        if body:
            self.body(body)

    def body(self, paragraph: str) -> None:
        if self.current.closed and self.current is not self.preamble:
            self.trailing.append(paragraph)
            return
        self.current.paragraphs.append(paragraph)
        self.current.closed = _closes(paragraph)

    def finish(self) -> list[Clause]:
        if self.trailing:
            closing = Clause(self.part, (CLOSING,), ("end",), "", None, self.trailing)
            self.clauses.append(closing)
        return [c for c in self.clauses if c.paragraphs or c.tables or c.heading]


def clauses_of(part: Part) -> list[Clause]:
    """The part's clauses in document order, each with its body paragraphs and tables."""
    builder = _Builder(part)
    for block in part.blocks:
        if isinstance(block, Table):
            builder.current.tables.append(block)
            continue
        numbered = _numbering(block)
        if numbered is None:
            builder.body(block)
        else:
            builder.heading(*numbered)
    return builder.finish()
