"""``overdue --format docx``: the 督办清单 — every item to chase, one numbered section per lead
unit, on landscape pages (the table is wide) — or, with ``--split-by``, one unit's 督办单: a
portrait form addressed to the unit, listing its items with their level and days overdue, its
missing reports, and the lines on which it answers (整改措施, 预计完成时间), signs and dates."""

from __future__ import annotations

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.audit.docx import (
    actual_cell,
    lead_name,
    level_cell,
    status_cell,
    task_cell,
    unit_names,
)
from medreform_check.render.calendar import known_by_text
from medreform_check.render.common import due_text
from medreform_check.render.overdue.notice import addressee_lines, reply_lines, title
from medreform_check.render.word import CellLike, WordDocument
from medreform_check.vocabulary import section_number, word


def _front(doc: WordDocument, overdue: OverdueList, lang: str) -> None:
    report = overdue.report
    doc.title(title(overdue, lang))
    when = word("page.as_of", lang, day=report.as_of)
    known = known_by_text(report, lang)
    doc.paragraph(f"{when}{word('separator', lang)}{known}" if known else when, centred=True)
    for line in addressee_lines(overdue, lang):
        doc.paragraph(line)
    if overdue.within is not None:
        doc.paragraph(word("due_within", lang, n=overdue.within))
    doc.paragraph(word("level.legend", lang))
    if not overdue.results:
        doc.paragraph(word("nothing_overdue", lang))


def _the_list(doc: WordDocument, overdue: OverdueList, lang: str) -> int:
    """One numbered section per lead unit; returns the number of sections laid out."""
    report = overdue.report
    heads = [word(k, lang) for k in ("task", "due", "days_overdue", "status", "level",
                                     "bulletin.actual", "not_reported_by")]  # fmt: skip
    for k, group in enumerate(overdue.groups, 1):
        name = f"{group.name} ({group.lead})" if group.lead else word("no_lead", lang)
        doc.heading(section_number(k, lang) + name)
        rows: list[list[CellLike]] = [
            [task_cell(r), due_text(r), str(r.days_overdue or ""), status_cell(r, lang),
             level_cell(r.level, lang), actual_cell(r, report, lang),
             unit_names(r.missing_units, report, lang)]
            for r in group.results
        ]  # fmt: skip
        doc.table(heads, rows, [4, 1.1, 0.8, 1.3, 0.8, 1.6, 1.8])
    return len(overdue.groups)


def _the_notice(doc: WordDocument, overdue: OverdueList, lang: str) -> int:
    """A unit's items in one table, the lead unit of each named in it."""
    report = overdue.report
    if not overdue.results:
        return 0
    heads = [word(k, lang) for k in ("task", "bulletin.lead", "due", "days_overdue", "level",
                                     "bulletin.actual")]  # fmt: skip
    rows: list[list[CellLike]] = [
        [f"{task_cell(r)}\n{status_cell(r, lang)}", lead_name(r, report, lang), due_text(r),
         str(r.days_overdue or ""), level_cell(r.level, lang), actual_cell(r, report, lang)]
        for r in overdue.results
    ]  # fmt: skip
    doc.heading(section_number(1, lang) + word("overdue_title", lang))
    doc.table(heads, rows, [3.3, 1.3, 1.4, 0.8, 0.8, 1.5])  # room for a whole date
    return 1


def _missing(doc: WordDocument, overdue: OverdueList, lang: str, number: int) -> int:
    if not overdue.missing_reports:
        return number
    names = overdue.report.unit_names
    number += 1
    doc.heading(section_number(number, lang) + word("missing_reports", lang))
    rows = [[names.get(m.unit, m.unit), ", ".join(m.periods)] for m in overdue.missing_reports]
    doc.table([word("unit", lang), word("periods", lang)], rows, [2, 3])
    return number


def _reply(doc: WordDocument, overdue: OverdueList, lang: str, number: int) -> None:
    lines = reply_lines(overdue, lang)
    if not lines:
        return
    doc.heading(section_number(number + 1, lang) + word("notice.reply", lang))
    *asked, sign = lines
    for line in asked:
        doc.paragraph(line, bold=True)
        for _ in range(3):  # room to write by hand
            doc.paragraph("")
    doc.paragraph(sign)


def render(overdue: OverdueList, options: RenderOptions) -> bytes:
    lang = options.lang
    notice = overdue.addressee is not None
    doc = WordDocument(lang, title(overdue, lang), overdue.report.as_of, landscape=not notice)
    _front(doc, overdue, lang)
    laid = _the_notice(doc, overdue, lang) if notice else _the_list(doc, overdue, lang)
    laid = _missing(doc, overdue, lang, laid)
    _reply(doc, overdue, lang, laid)
    return doc.to_bytes()
