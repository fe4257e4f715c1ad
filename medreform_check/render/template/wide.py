"""``template --layout wide``: the 汇总表 an office sends to every unit — one row per unit
(its name filled in, a choice list of the units), one column per indicator headed by its
name and unit in brackets (``县域内就诊率（%）``), as the readers take a wide sheet."""

from __future__ import annotations

from medreform_check.commands.template import WideTemplate
from medreform_check.vocabulary import field_name


def heading(name: str, unit: str) -> str:
    return f"{name}（{unit}）" if unit else name


def rows(template: WideTemplate, lang: str) -> list[list[str]]:
    """The header (unit, period, then each indicator) and a row per unit, period filled in."""
    names = [
        heading(i.name_en if lang == "en" and i.name_en else i.name, i.unit)
        for i in template.indicators
    ]
    header = [field_name("unit", lang), field_name("period", lang), *names]
    body = [[unit.name, template.period.label, *[""] * len(names)] for unit in template.units]
    return [header, *body]
