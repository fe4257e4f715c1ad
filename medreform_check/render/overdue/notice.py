"""The words around the overdue list that make it a 督办清单, or a unit's own 督办单: its
title, whom it is addressed to, what the unit is asked to do, and the lines for its reply
(整改措施, 预计完成时间, seal, signature and date). Every format lays these out its own way."""

from __future__ import annotations

from medreform_check.commands.overdue import NO_LEAD, OverdueList
from medreform_check.vocabulary import word

# The columns a unit fills in on its own 督办单 (CSV and XLSX), one pair per item.
REPLY_COLUMNS = ("measures", "expected_completion")


def title(overdue: OverdueList, lang: str) -> str:
    return word("notice.title" if overdue.addressee else "notice.list_title", lang)


def addressee_name(overdue: OverdueList, lang: str) -> str:
    """The unit a 督办单 is addressed to, by name and id; empty for the whole list."""
    unit = overdue.addressee
    if unit is None:
        return ""
    if unit == NO_LEAD:
        return word("notice.no_lead_file", lang)
    name = overdue.report.unit_names.get(unit, unit)
    return name if name == unit else f"{name} ({unit})"


def addressee_lines(overdue: OverdueList, lang: str) -> list[str]:
    """Whom the 督办单 is for and what it asks; nothing for the whole list."""
    if overdue.addressee is None:
        return []
    return [
        word("notice.to", lang, unit=addressee_name(overdue, lang)),
        word("notice.intro", lang, day=overdue.report.as_of),
    ]


def reply_lines(overdue: OverdueList, lang: str) -> list[str]:
    """The lines the unit fills in, signs and dates; nothing for the whole list."""
    if overdue.addressee is None:
        return []
    return [word(k, lang) for k in ("notice.measures", "notice.expected", "notice.sign")]


def reply_columns(overdue: OverdueList) -> tuple[str, ...]:
    return REPLY_COLUMNS if overdue.addressee is not None else ()
