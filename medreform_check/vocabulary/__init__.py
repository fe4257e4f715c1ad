"""One catalogue of every word a reader sees, in English and Chinese, used by every output.

``word(key, lang)`` gives a heading, a label or a sentence (``words.py``); ``note_text`` words
the reasons behind a verdict (``notes.py``); ``say`` words a ``Message`` — a reason kept as
data (a key and its values) by the code that found it, so each language can word it
(``messages.py``). This package imports nothing else of medreform-check, so every layer may
use it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from medreform_check.vocabulary import words, words_calendar, words_read, words_units
from medreform_check.vocabulary.formatting import (
    escape_controls,
    format_date,
    format_number,
    format_range,
    listing,
    section_number,
)
from medreform_check.vocabulary.messages import MESSAGES
from medreform_check.vocabulary.notes import NOTES

# Each module of words covers one part of the outputs; together they are one catalogue, in
# which a key means one thing only.
_WORD_MODULES = (words.WORDS, words_units.WORDS, words_calendar.WORDS, words_read.WORDS)


def _catalogue(*parts: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for part in parts:
        twice = merged.keys() & part.keys()
        if twice:
            raise ValueError(f"words defined twice: {sorted(twice)}")
        merged.update(part)
    return merged


WORDS = _catalogue(*_WORD_MODULES)

LANGS = ("en", "zh")

__all__ = [
    "LANGS",
    "Message",
    "default_lang",
    "escape_controls",
    "field_name",
    "format_date",
    "format_number",
    "format_range",
    "listing",
    "note_text",
    "notes_text",
    "say",
    "section_number",
    "word",
]


def word(key: str, lang: str, **values: object) -> str:
    """The words for ``key`` in ``lang``, with ``{name}`` filled from ``values``."""
    text = WORDS[key][lang]
    return text.format(**values) if values else text


@dataclass(frozen=True, slots=True)
class Message:
    """A sentence kept as data until someone reads it: a key of ``MESSAGES`` and its values.

    A value may itself be a Message (``value: {reason}`` with the reason's own words).
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return say(self, "en")


def say(message: Message, lang: str) -> str:
    """``message`` worded in ``lang``."""
    values = {name: _worded(value, lang) for name, value in message.values.items()}
    template = MESSAGES[message.key][lang]
    return template(values) if callable(template) else template.format(**values)


def field_name(field_id: str, lang: str) -> str:
    """A submission field as a column is headed: ``value``, 数值."""
    return say(Message(f"field.{field_id}"), lang)


def _worded(value: Any, lang: str) -> Any:
    if isinstance(value, Message):
        return say(value, lang)
    if isinstance(value, list | tuple):
        return [_worded(item, lang) for item in value]
    return value


def note_text(code: str, values: Mapping[str, Any], lang: str, names: Mapping[str, str]) -> str:
    return NOTES[code][lang](values, names)


def notes_text(notes: Iterable[Any], lang: str, names: Mapping[str, str]) -> str:
    """Several notes (``report.Note``) as one sentence."""
    separator = "; " if lang == "en" else "；"
    return separator.join(note_text(n.code, n.args, lang, names) for n in notes)


def default_lang(environ: Mapping[str, str]) -> str:
    """``zh`` when the locale says Chinese (LC_ALL, LC_MESSAGES or LANG), else ``en``."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
