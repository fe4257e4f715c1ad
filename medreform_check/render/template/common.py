"""What every template format shows: the columns and the hint for each row."""

from __future__ import annotations

from medreform_check.commands.template import Template, TemplateRow
from medreform_check.model import FIELDS
from medreform_check.render.common import target_phrase
from medreform_check.vocabulary import field_name, word

# The columns of a CSV or XLSX template: the fields the reader knows, headed in English by
# their names and in Chinese as offices head them.
COLUMNS = FIELDS


def headings(lang: str) -> list[str]:
    return [field_name(name, lang) for name in COLUMNS]


def hint(row: TemplateRow, lang: str) -> str:
    """What the row asks for, the targets it serves and their deadlines."""
    parts = []
    if row.indicator is not None:
        indicator = row.indicator
        name = indicator.name_en if lang == "en" and indicator.name_en else indicator.name
        unit = indicator.unit
        parts.append(word("template.indicator", lang, name=name, unit=unit) if unit else name)
    elif row.task is not None:
        parts.append(row.task.title)
    if row.component_of is not None:
        rate, role = row.component_of
        rate_name = rate.name_en if lang == "en" and rate.name_en else rate.name
        parts.append(word(f"template.{role}", lang, rate=rate_name))
    unit = row.indicator.unit if row.indicator else ""
    for instance in row.instances:
        target = target_phrase(None if instance.task.is_milestone else instance.target, unit, lang)
        due = instance.period.label if instance.period else str(instance.deadline)
        parts.append(word("template.serves", lang, task=instance.task.id, target=target, due=due))
    if row.evidence_required:
        parts.append(word("template.evidence", lang))
    if row.as_of is not None:
        parts.append(word("template.as_of", lang, day=row.as_of))
    return word("separator", lang).join(parts)


def cells(template: Template, row: TemplateRow, lang: str) -> list[str]:
    """A row's cells in COLUMNS order: what is known filled in, the rest left to fill."""
    unit = template.unit.name if lang == "zh" else template.unit.id
    return [
        unit,
        template.period.label,
        row.indicator.id if row.indicator else "",
        row.task.id if row.task else "",
        "",
        "",
        "",
        row.as_of.isoformat() if row.as_of else "",
        "",
        "",
        hint(row, lang),
    ]
