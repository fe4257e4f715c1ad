"""A sentence read part by part, and grouped into the tasks it sets.

Every sentence is cut at its commas. A part *sets a target* when it has a number, a direction
or a frequency. With two or more such parts the sentence lists several targets and gives one
task per target part; parts before the first one that carry a date or 力争 are its shared
opening (``力争到2023年底，A达到3级，B达到2级``); other parts join the target part before them;
a number without a subject of its own (``提高就诊率，争取达到80%``) completes the part before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from medreform_check.draft.phrases import (
    DatePhrase,
    Direction,
    Frequency,
    NumberPhrase,
    find_dates,
    find_direction,
    find_frequencies,
    find_numbers,
    find_range,
    find_span,
    is_aspirational,
    says_within_year,
)
from medreform_check.draft.sentences import parts_of


@dataclass
class Reading:
    """What one part of a sentence (or several, combined) says."""

    text: str
    dates: list[DatePhrase] = field(default_factory=list)
    numbers: list[NumberPhrase] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    direction: Direction | None = None
    frequencies: list[Frequency] = field(default_factory=list)
    aspirational: bool = False
    years: tuple[int, int] | None = None  # 2023年到2025年
    span: int | None = None  # 利用3年时间
    within_year: bool = False  # 年内

    @property
    def sets_target(self) -> bool:
        return bool(self.numbers or self.direction or self.frequencies)

    @property
    def dated(self) -> bool:
        return bool(self.dates or self.years or self.span or self.within_year)


def read_part(text: str, issued: date | None) -> Reading:
    frequencies = find_frequencies(text)
    numbers, unread = find_numbers(text, bool(frequencies))
    return Reading(
        text,
        find_dates(text, issued),
        numbers,
        unread,
        None if numbers else find_direction(text),
        frequencies,
        is_aspirational(text),
        find_range(text),
        find_span(text),
        says_within_year(text),
    )


def combine(readings: list[Reading], separator: str = "，") -> Reading:
    """Several parts read as one (their findings in order)."""
    return Reading(
        separator.join(r.text for r in readings),
        [d for r in readings for d in r.dates],
        [n for r in readings for n in r.numbers],
        [u for r in readings for u in r.unread],
        next((r.direction for r in readings if r.direction), None),
        [f for r in readings for f in r.frequencies],
        any(r.aspirational for r in readings),
        next((r.years for r in readings if r.years), None),
        next((r.span for r in readings if r.span), None),
        any(r.within_year for r in readings),
    )


_WORDS = r"力争|争取|并且?|且|基本|均|全部|要|可|能|确保|力求|努力|使|到|于|在|实现|其中|，"
# Filler words at either end of a subject: 力争…, …均.
_FILLER = re.compile(rf"^(?:{_WORDS})+|(?:{_WORDS})+$")


def subject_of(reading: Reading) -> str:
    """The words before a part's first number (a date and filler words removed): what the
    number is about."""
    if not reading.numbers:
        return ""
    before = reading.text[: reading.numbers[0].start]
    for phrase in reading.dates:
        before = before.replace(phrase.written, "")
    before = re.sub(r"(?:19|20)\d{2}年(?:底|末)?(?:前)?", "", before)
    return _FILLER.sub("", before).strip()


@dataclass
class Group:
    """The parts that make one task, and the sentence's shared opening."""

    title: str
    reading: Reading  # what the task's own parts say
    opening: Reading | None  # the shared opening, when a sentence gives several tasks
    own_aspiration: bool  # 力争 written in this group's own parts


def _expand_frequencies(group: list[Reading]) -> list[tuple[str, Reading]]:
    """``实施季调度、半年通报、年终评估等工作机制`` → one (title, reading) per frequency."""
    reading = combine(group)
    text, frequencies = reading.text, reading.frequencies
    if len(frequencies) < 2:
        return [(text, reading)]
    first, last = frequencies[0], frequencies[-1]
    end_of_list = last.start + len(last.written)
    if "、" not in text[first.start : last.start]:
        return [(text, reading)]
    prefix, suffix = text[: first.start], re.sub(r"^等", "", text[end_of_list:])
    out = []
    for frequency in frequencies:
        comma = text.find("、", frequency.start)
        stop = comma if 0 <= comma < end_of_list else end_of_list
        title = prefix + text[frequency.start : stop] + suffix
        out.append((title, replace(reading, text=title, frequencies=[frequency])))
    return out


def group_sentence(sentence: str, issued: date | None) -> list[Group]:
    """The tasks a sentence sets, as groups of its parts (empty when it sets no target)."""
    readings = [read_part(part, issued) for part in parts_of(sentence)]
    leading: list[Reading] = []
    groups: list[list[Reading]] = []
    for reading in readings:
        if reading.sets_target and reading.numbers and not subject_of(reading):
            if groups:
                groups[-1].append(reading)
                continue
            if leading:  # …就诊率，达到85%: the number completes the part before
                groups.append([leading.pop(), reading])
                continue
        if reading.sets_target:
            groups.append([reading])
        elif groups:
            groups[-1].append(reading)
        else:
            leading.append(reading)
    if not groups or (len(groups) == 1 and len(_expand_frequencies(groups[0])) == 1):
        whole = combine(readings)
        return (
            [Group(sentence, whole, None, whole.aspirational)]
            if whole.sets_target or whole.dated
            else []
        )
    opening_parts = [r for r in leading if r.dated or r.aspirational]
    opening = combine(opening_parts) if opening_parts else None
    out: list[Group] = []
    for group in groups:
        for title, reading in _expand_frequencies(group):
            full_title = f"{opening.text}，{title}" if opening else title
            out.append(Group(full_title, reading, opening, reading.aspirational))
    return out


def sentence_reading(sentence: str, issued: date | None) -> Reading:
    """The whole sentence read as one part (for sentences that set no target)."""
    return combine([read_part(part, issued) for part in parts_of(sentence)])
