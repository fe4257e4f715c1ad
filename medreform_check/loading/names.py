"""Names as offices write them (CONTRACT §1.1 "Names"): an indicator by its id, ``name``,
``name_en`` or an alias, a unit by its id, name or alias — compared after folding (NFKC:
full-width to half-width, so ``（）`` is ``()``; trimmed; runs of white space as one space;
Latin letters in lower case).

An unknown name gets the closest known one as a hint, and when it differs from a known name
only by characters that look alike (a Cyrillic ``а`` for a Latin ``a``, a full-width or a
trailing space) the hint spells those characters out by code point.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from medreform_check.model import Indicator, Unit
from medreform_check.vocabulary import Message

_SPACES = re.compile(r"\s+")
# A heading's unit in brackets at its end: 县域内就诊率（%）, 免费体检人数(万人).
_UNIT_SUFFIX = re.compile(r"^(.*?)\s*[(（]\s*([^()（）]*?)\s*[)）]\s*$")


def fold(text: str) -> str:
    """The form names are compared in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()


@dataclass
class NameTable:
    """Folded name -> the id it names, for one kind of thing (indicators, or units)."""

    kind: str  # "indicator" or "unit"
    ids: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)  # folded -> a name as written
    shared: dict[str, set[str]] = field(default_factory=dict)  # folded -> the ids sharing it

    def add(self, ident: str, names: Iterable[str | None]) -> None:
        for name in (ident, *names):
            if not name:
                continue
            key = fold(name)
            known = self.ids.get(key)
            if known is not None and known != ident:
                # Two things answer to one name: neither is chosen (lint says which).
                self.shared.setdefault(key, {known}).add(ident)
                continue
            self.ids[key] = ident
            self.shown.setdefault(key, name)

    def find(self, text: str) -> str | None:
        key = fold(text)
        return None if key in self.shared else self.ids.get(key)

    def hint(self, text: str) -> Message:
        """Why ``text`` names nothing: a shared name, characters that look like another
        name's, or the closest name; empty when nothing is close."""
        key = fold(text)
        if key in self.shared:
            owners = ", ".join(sorted(self.shared[key]))
            return Message("names.shared", {"name": text, "ids": owners})
        close = difflib.get_close_matches(key, list(self.ids), n=1)
        if not close:
            close = difflib.get_close_matches(key, list(self.ids), n=1, cutoff=0.5)
        if not close:
            return Message("text", {"text": ""})
        return did_you_mean(text, self.shown[close[0]])


def did_you_mean(text: str, known: str) -> Message:
    """`` (did you mean 'x'?)``, naming first what in ``text`` only looks like ``known``."""
    odd = _look_alikes(text, known)
    if not odd:
        return Message("row.did_you_mean", {"name": known})
    return Message("names.look_alike", {"chars": "; ".join(odd), "name": known})


def _look_alikes(text: str, known: str) -> list[str]:
    """The characters of ``text`` that are not plain where ``known`` is: another script's
    letter, a full-width form, an odd space — each with its code point and name."""
    odd = []
    for char in dict.fromkeys(text):
        plain = char.isascii() and ((char.isprintable() and char != " ") or char == " ")
        if plain and char != " ":
            continue
        if char == " " and not (text.startswith(" ") or text.endswith(" ")):
            continue  # a space between words is fine
        if not char.isascii() and char in known:
            continue  # the known name has it too (a Chinese name)
        name = unicodedata.name(char, "UNNAMED CHARACTER")
        odd.append(f"U+{ord(char):04X} {name}")
    return odd


@dataclass
class Names:
    """The indicators and units a run knows, by every name they answer to."""

    indicators: NameTable = field(default_factory=lambda: NameTable("indicator"))
    units: NameTable = field(default_factory=lambda: NameTable("unit"))
    # indicator id -> its unit as declared (for a heading's bracketed unit)
    indicator_units: dict[str, str] = field(default_factory=dict)

    def indicator_heading(self, cell: str) -> tuple[str, str | None] | None:
        """The indicator a wide table's heading names, and the unit written in brackets
        after it (None when there is none): ``县域内就诊率（%）`` → (local_visit_rate, %)."""
        whole = self.indicators.find(cell)
        if whole is not None:
            return whole, None
        match = _UNIT_SUFFIX.match(unicodedata.normalize("NFKC", cell))
        if match:
            ident = self.indicators.find(match.group(1))
            if ident is not None:
                return ident, match.group(2)
        return None


def build_names(indicators: Mapping[str, Indicator], units: Iterable[Unit]) -> Names:
    names = Names()
    for ident, indicator in indicators.items():
        names.indicators.add(ident, (indicator.name, indicator.name_en, *indicator.aliases))
        names.indicator_units[ident] = indicator.unit
    for unit in units:
        names.units.add(unit.id, (unit.name, *unit.aliases))
    return names
