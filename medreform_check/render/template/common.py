"""What every template format shows: the columns and the hint for each row."""

from __future__ import annotations

from medreform_check.commands.template import Template, TemplateRow
from medreform_check.loading.readers import CHINESE_HEADINGS, FIELDS

# The columns of a CSV or XLSX template: the fields the reader knows, headed in English by
# their names and in Chinese as offices head them.
COLUMNS = FIELDS
HEADINGS = {"en": COLUMNS, "zh": tuple(CHINESE_HEADINGS[name] for name in COLUMNS)}


def hint(row: TemplateRow, lang: str) -> str:
    """What the row asks for, the targets it serves and their deadlines."""
    zh = lang == "zh"
    parts = []
    if row.indicator is not None:
        name = row.indicator.name if zh or not row.indicator.name_en else row.indicator.name_en
        parts.append(
            f"{name}（{row.indicator.unit}）"
            if zh and row.indicator.unit
            else f"{name} ({row.indicator.unit})"
            if row.indicator.unit
            else name
        )
    elif row.task is not None:
        parts.append(row.task.title)
    for instance in row.instances:
        target = (
            "完成"
            if zh and instance.task.is_milestone
            else "done"
            if instance.task.is_milestone
            else str(instance.target)
        )
        when = instance.period.label if instance.period else str(instance.deadline)
        parts.append(
            f"{instance.task.id}：目标 {target}，{when}"
            if zh
            else f"{instance.task.id}: {target} by {when}"
        )
    if row.evidence_required:
        parts.append("须附佐证材料" if zh else "evidence required")
    if row.as_of is not None:
        parts.append(f"截至 {row.as_of}" if zh else f"as of {row.as_of}")
    return "；".join(parts) if zh else "; ".join(parts)


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
