"""Which indicator a target measures: a catalogue indicator the text names (by id, name,
name_en or alias, compared after NFKC folding and white-space collapsing, Latin letters in
any case — CONTRACT §1.1 "Names"), else a plan-local stub for the reviewer to settle."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medreform_check.draft.core import Catalogue, Indicator, Target, format_number, normalise

RATE_WORDS = re.compile(r"(?<![效概频])率|比例|占比|比重")


def name_key(text: str) -> str:
    """How names are compared: NFKC, white space collapsed (and dropped between Chinese
    characters, which a line break may have split), Latin letters in lower case."""
    return re.sub(r"\s+", " ", normalise(text)).casefold().replace(" ", "")


@dataclass(frozen=True, slots=True)
class DraftIndicator:
    """A plan-local indicator drafted from the text: the reviewer checks every field."""

    id: str
    name: str
    kind: str
    unit: str
    better: str | None
    parts: tuple[str, ...] = ()
    integer: bool = False
    minimum: float | None = None


def _fits(indicator: Indicator, target: Target, mean: bool) -> str | None:
    """Why ``target`` cannot be set on ``indicator`` (None when it can)."""
    if (indicator.kind == "composition") != (target.op == "ratio"):
        return f"it is a {indicator.kind} and the target is '{target}'"
    if target.op == "ratio" and len(target.parts) != len(indicator.parts):
        return f"it has {len(indicator.parts)} parts and the target {len(target.parts)}"
    if target.unit and target.unit != indicator.unit:
        return f"its unit is '{indicator.unit}' and the text's '{target.unit}'"
    low, high = indicator.bounds
    for number in (n for n in (target.number, target.low, target.high) if n is not None):
        if (low is not None and number < low) or (high is not None and number > high):
            return f"{format_number(number)} is outside its range"
        if indicator.integer and not mean and number != int(number):
            return f"it takes whole numbers and the target is {format_number(number)}"
    return None


class IndicatorBook:
    """Catalogue look-ups and the plan-local stubs made so far (ids ``plan_indicator_01``…)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        names: dict[str, str] = {}
        for ident, indicator in catalogue.indicators.items():
            for name in (ident, indicator.name, indicator.name_en, *indicator.aliases):
                if name and len(name_key(name)) >= 2:
                    names.setdefault(name_key(name), ident)
        # Longest first: 重点人群家庭医生签约服务覆盖率 before 家庭医生签约服务覆盖率.
        self._names = sorted(names.items(), key=lambda item: (-len(item[0]), item[0]))
        self.stubs: dict[str, DraftIndicator] = {}

    def named_in(self, text: str) -> Indicator | None:
        """The catalogue indicator whose name, alias or id ``text`` contains (longest wins)."""
        key = name_key(text)
        ident = next((i for name, i in self._names if name in key), None)
        return self.catalogue.indicators[ident] if ident else None

    def choose(
        self, texts: tuple[str, ...], target: Target, name: str, mean: bool
    ) -> tuple[str, str | None]:
        """The indicator id for ``target``, and a TODO when a stub stands in for a catalogue
        indicator the text names but the target does not fit. ``texts`` are searched in
        order (the part, then the whole sentence)."""
        for text in texts:
            indicator = self.named_in(text)
            if indicator is None:
                continue
            problem = _fits(indicator, target, mean)
            if problem is None:
                return indicator.id, None
            stub = self.stub(target, name)
            return stub, f"the text names {indicator.id} ({indicator.name}) but {problem}"
        return self.stub(target, name), None

    def stub(self, target: Target, name: str) -> str:
        """A plan-local indicator shaped to fit ``target``; one per distinct name and shape."""
        shape = _shape(target, name)
        name = (name or "指标")[:60]
        for stub in self.stubs.values():
            if name_key(stub.name) == name_key(name) and _same_shape(stub, shape):
                return stub.id
        taken = {name_key(s.name) for s in self.stubs.values()}
        unique, k = name, 2
        while name_key(unique) in taken:
            unique, k = f"{name}（{k}）", k + 1
        ident = f"plan_indicator_{len(self.stubs) + 1:02d}"
        self.stubs[ident] = DraftIndicator(ident, unique, **shape)  # type: ignore[arg-type]
        return ident


def _same_shape(stub: DraftIndicator, shape: dict[str, object]) -> bool:
    return all(getattr(stub, key) == value for key, value in shape.items())


def _shape(target: Target, name: str) -> dict[str, object]:
    """kind, unit, better… for a stub measured by ``target``."""
    if target.op == "ratio":
        parts = tuple(f"part_{k + 1}" for k in range(len(target.parts)))
        return {"kind": "composition", "unit": "%", "better": None, "parts": parts}
    better = {">=": "higher", ">": "higher", "<=": "lower", "<": "lower"}.get(target.op, "none")
    if target.op in ("increase", "decrease"):
        better = "higher" if target.op == "increase" else "lower"
        if RATE_WORDS.search(name):
            return {"kind": "rate", "unit": "%", "better": better}
        return {"kind": "amount", "unit": "", "better": better}
    numbers = [n for n in (target.number, target.low, target.high) if n is not None]
    if target.unit == "次":
        return {"kind": "count", "unit": "次", "better": better, "integer": True, "minimum": 0}
    if target.unit == "级":
        return {"kind": "level", "unit": "级", "better": better, "minimum": 0}
    if target.unit in ("%", "") and RATE_WORDS.search(name) and all(0 <= n <= 100 for n in numbers):
        return {"kind": "rate", "unit": "%", "better": better}
    if target.unit == "%" and all(0 <= n <= 100 for n in numbers):
        return {"kind": "rate", "unit": "%", "better": better}
    return {"kind": "amount", "unit": target.unit, "better": better}
