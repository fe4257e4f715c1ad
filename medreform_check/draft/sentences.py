"""A clause's text as candidate sentences: split at 。；！？ outside brackets, each knowing its
item (``三是`` → ``三``) and any responsibility note it carries; and a sentence as its
comma-separated parts, for sentences that list several targets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medreform_check.draft.clauses import Clause
from medreform_check.draft.units import Assignment, take_notes

_OPENERS = "（《“‘【〔「『"
_CLOSERS = "）》”’】〕」』"
_ITEM = re.compile(r"^([一二三四五六七八九十]{1,3})是(?=[\u4e00-\u9fff“《（])")


def split_outside(text: str, separators: str) -> list[str]:
    """``text`` cut at each of ``separators`` that is not inside brackets or quotes."""
    pieces: list[str] = []
    depth, start = 0, 0
    for k, char in enumerate(text):
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            pieces.append(text[start:k])
            start = k + 1
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


@dataclass(frozen=True, slots=True)
class Sentence:
    clause: Clause
    item: str | None  # "三" for a sentence under 三是
    text: str  # without its responsibility note
    assignment: Assignment | None  # from a note inside the sentence

    @property
    def source(self) -> str:
        return self.clause.source + (self.item or "")


@dataclass(frozen=True, slots=True)
class ClauseText:
    clause: Clause
    sentences: tuple[Sentence, ...]
    assignment: Assignment | None  # a note standing alone: it covers the whole clause


def read_clause(clause: Clause) -> ClauseText:
    sentences: list[Sentence] = []
    shared: Assignment | None = None
    item: str | None = None  # the current 一是…二是… item, until the next one
    for paragraph in clause.paragraphs:
        for raw in split_outside(paragraph, "。；！？"):
            marker = _ITEM.match(raw)
            if marker:
                item, raw = marker.group(1), raw[marker.end() :]
            text, assignment = take_notes(raw)
            if not text and assignment is not None:
                shared = shared or assignment
            elif len(text) > 1:
                sentences.append(Sentence(clause, item, text, assignment))
    return ClauseText(clause, tuple(sentences), shared)


def parts_of(sentence: str) -> list[str]:
    """The comma-separated parts of a sentence (brackets and quotes kept whole)."""
    return split_outside(sentence, "，")
