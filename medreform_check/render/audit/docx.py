"""``audit --format docx``: the 通报 as a Word document — title, document number and as-of
date; then numbered sections: overall progress, the ranking of lead units, what changed since
the last audit, the overdue list (landscape: it is wide), the at-risk list and reporting; and
the rejected rows as an annex.

Sections are a list of parts, numbered as they are laid out (一、二、…): a part with nothing to
show is left out, and a new part (a ranking of every unit, say) is one more function in
``PARTS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from medreform_check.render import RenderOptions
from medreform_check.render.audit import scorecard
from medreform_check.render.calendar import (
    LEVEL_COLOURS,
    changes_text,
    known_by_text,
    level_text,
    previous_text,
)
from medreform_check.render.common import (
    STATUS_SYMBOLS,
    display_value,
    due_text,
    percent,
    reason_text,
    report_label,
    status_label,
    target_text,
)
from medreform_check.render.word import Cell, CellLike, WordDocument
from medreform_check.report import Level, Report, Result, skipped_as_issues
from medreform_check.vocabulary import listing, notes_text, section_number, word


@dataclass(frozen=True)
class Part:
    """One numbered section: its heading, what it lays out, and whether it needs the width
    of a landscape page."""

    title: str
    lay_out: Callable[[WordDocument], None]
    landscape: bool = False


# --- cells shared with the overdue documents ------------------------------------------------


def level_cell(level: Level | None, lang: str) -> Cell:
    """The 三色督办 level: the mark and the word, in its colour on its tint."""
    if level is None:
        return Cell("")
    ink, tint = LEVEL_COLOURS[level]
    return Cell(level_text(level, lang), ink=ink, tint=tint, bold=True)


def status_cell(result: Result, lang: str) -> str:
    return f"{STATUS_SYMBOLS[result.status]} {status_label(result.status, lang)}"


def task_cell(result: Result) -> str:
    return f"{result.title}\n{result.task}"


def actual_cell(result: Result, report: Report, lang: str) -> str:
    indicator = report.indicators.get(result.indicator) if result.indicator else None
    return f"{display_value(result.actual, indicator, lang)} / {target_text(result, report, lang)}"


def unit_names(units: tuple[str, ...], report: Report, lang: str) -> str:
    return listing((report.unit_names.get(u, u) for u in units), lang)


def lead_name(result: Result, report: Report, lang: str) -> str:
    if result.lead is None:
        return word("bulletin.no_lead", lang)
    return report.unit_names.get(result.lead, result.lead)


# --- the parts ----------------------------------------------------------------------------


def _overall(report: Report, lang: str) -> Part:
    counts = report.summaries.counts
    listed = listing((f"{status_label(s, lang)} {n}" for s, n in counts.items()), lang)
    overall = report.summaries.overall
    total = word("bulletin.total", lang, n=len(report.results), counts=listed, due=overall.due,
                 day=report.as_of, met=overall.met, rate=percent(overall.rate))  # fmt: skip

    def lay_out(doc: WordDocument) -> None:
        doc.paragraph(total)
        if report.changes is not None:
            doc.paragraph(changes_text(report, lang))
        doc.paragraph(word("level.legend", lang))

    return Part(word("docx.overall", lang), lay_out)


def _ranking(report: Report, lang: str) -> Part:
    heads = [word("rank", lang), word("bulletin.lead", lang)]
    heads += [word(k, lang) for k in ("due_count", "met_count", "overdue_count", "completion_rate")]
    rows = [
        [str(k), r.name or word("bulletin.no_lead", lang), str(r.due), str(r.met),
         str(r.overdue), percent(r.rate)]
        for k, r in enumerate(report.summaries.by_lead, 1)
    ]  # fmt: skip

    def lay_out(doc: WordDocument) -> None:
        if rows:
            doc.table(heads, rows, [0.6, 3, 0.8, 0.8, 0.8, 1])
        else:
            doc.paragraph(word("none", lang))

    return Part(word("docx.ranking", lang), lay_out)


def _changes(report: Report, lang: str) -> Part | None:
    changes = report.changes
    if changes is None:
        return None
    heads = [word(k, lang) for k in ("task", "due", "previous_status", "status")]

    def lay_out(doc: WordDocument) -> None:
        doc.paragraph(word("changes.overlap", lang))  # the counts are in the overall part
        for name, found in changes.lists():
            doc.heading(f"{word(f'changes.{name}', lang)} ({len(found)})", level=2)
            rows = [
                [task_cell(r), due_text(r), previous_text(r, lang), status_cell(r, lang)]
                for r in found
            ]
            if rows:
                doc.table(heads, rows, [4, 1.2, 1.4, 1.4])
            else:
                doc.paragraph(word("none", lang))

    return Part(word("changes.heading", lang, day=changes.compared_to), lay_out)


def _overdue(report: Report, lang: str) -> Part:
    heads = [word(k, lang) for k in ("bulletin.lead", "task", "due", "days_overdue", "status",
                                     "level", "bulletin.actual", "not_reported_by")]  # fmt: skip
    rows: list[list[CellLike]] = [
        [lead_name(r, report, lang), task_cell(r), due_text(r), str(r.days_overdue),
         status_cell(r, lang), level_cell(r.level, lang), actual_cell(r, report, lang),
         unit_names(r.missing_units, report, lang)]
        for group in report.summaries.overdue
        for r in group.results
    ]  # fmt: skip

    def lay_out(doc: WordDocument) -> None:
        if rows:
            doc.table(heads, rows, [1.4, 3.6, 1.1, 0.8, 1.3, 0.8, 1.6, 1.6])
        else:
            doc.paragraph(word("none", lang))

    return Part(word("docx.overdue", lang), lay_out, landscape=bool(rows))


def _at_risk(report: Report, lang: str) -> Part:
    heads = [word(k, lang) for k in ("task", "due", "docx.days_left", "level", "bulletin.actual",
                                     "bulletin.note")]  # fmt: skip
    rows: list[list[CellLike]] = [
        [task_cell(r), due_text(r), str((r.deadline - report.as_of).days),
         level_cell(r.level, lang), actual_cell(r, report, lang),
         notes_text(r.notes, lang, report.unit_names)]
        for r in report.summaries.at_risk
    ]  # fmt: skip

    def lay_out(doc: WordDocument) -> None:
        if rows:
            doc.table(heads, rows, [3, 1.1, 0.8, 0.8, 1.4, 2])
        else:
            doc.paragraph(word("none", lang))

    return Part(word("docx.at_risk", lang), lay_out)


def _reporting(report: Report, lang: str) -> Part | None:
    if not report.reporting:
        return None
    heads = [word(k, lang) for k in ("unit", "owed", "received_count", "on_time_count",
                                     "reporting_rate", "on_time_rate")]  # fmt: skip
    rows = [
        [report.unit_names.get(r.key, r.key), str(r.owed), str(r.received), str(r.on_time),
         percent(r.rate), percent(r.on_time_rate)]
        for r in report.summaries.reporting_by_unit
    ]  # fmt: skip
    late_heads = [word(k, lang) for k in ("unit", "report_period", "deadline", "submitted",
                                          "status")]  # fmt: skip
    late = [
        [report.unit_names.get(e.unit, e.unit), e.period, e.due.isoformat(),
         e.submitted.isoformat() if e.submitted else "—", report_label(e.status, lang)]
        for e in report.summaries.late_reports
    ]  # fmt: skip

    def lay_out(doc: WordDocument) -> None:
        doc.table(heads, rows, [3, 1, 1, 1, 1.2, 1.2])
        doc.heading(word("missing_or_late", lang), level=2)
        if late:
            doc.table(late_heads, late, [3, 1.2, 1.4, 1.4, 1.2])
        else:
            doc.paragraph(word("none", lang))

    return Part(word("docx.reporting", lang), lay_out)


def _units(report: Report, lang: str) -> Part | None:
    """各单位完成情况排名: the per-unit scorecard (and, with a hierarchy, by parent group)."""
    tables = scorecard.scorecards(report)
    if not any(score.due for score in report.summaries.units):
        return None  # nothing due yet: nothing to rank
    heads = scorecard.headings(report, lang)

    def lay_out(doc: WordDocument) -> None:
        for key, scores in tables:
            if len(tables) > 1:
                doc.heading(word(key, lang), level=2)
            doc.table(heads, scorecard.rows(report, scores))

    return Part(word("units_ranking", lang), lay_out)


PARTS: tuple[Callable[[Report, str], Part | None], ...] = (
    _overall,
    _ranking,
    _units,
    _changes,
    _overdue,
    _at_risk,
    _reporting,
)


def _front(doc: WordDocument, report: Report, lang: str) -> None:
    """The title, the plans' document numbers, the as-of date and what the audit rests on."""
    doc.title(word("docx.bulletin", lang))
    numbers = listing((report.plan_documents[p] for p in report.plans
                       if p in report.plan_documents), lang)  # fmt: skip
    if numbers:
        doc.paragraph(numbers, centred=True)
    when = word("page.as_of", lang, day=report.as_of)
    known = known_by_text(report, lang)
    doc.paragraph(f"{when}{word('separator', lang)}{known}" if known else when, centred=True)
    for plan in report.plans:
        title = report.plan_titles.get(plan, plan)
        if plan in report.plan_documents:
            title += (
                f"（{report.plan_documents[plan]}）"
                if lang == "zh"
                else (f" ({report.plan_documents[plan]})")
            )
        doc.paragraph(word("docx.basis", lang, title=title))


def _annex(doc: WordDocument, report: Report, lang: str) -> None:
    """The rows that were not used, and the files and sheets that were not read."""
    if report.rejected:
        doc.heading(word("docx.annex", lang))
        doc.paragraph(word("page.rejected_note", lang))
        rows = [[str(i.at), i.unit or "", reason_text(i, lang)] for i in report.rejected]
        heads = [word(k, lang) for k in ("bulletin.file", "unit", "reason")]
        doc.table(heads, rows, [2.4, 1.4, 4])
    if report.skipped:
        doc.heading(word("bulletin.skipped", lang))
        skipped = skipped_as_issues(report.skipped)
        rows = [[str(i.at), reason_text(i, lang)] for i in skipped]
        doc.table([word(k, lang) for k in ("bulletin.file", "reason")], rows, [3, 4.8])


def render(report: Report, options: RenderOptions) -> bytes:
    lang = options.lang
    doc = WordDocument(lang, word("docx.bulletin", lang), report.as_of)
    _front(doc, report, lang)
    parts = [part for make in PARTS if (part := make(report, lang)) is not None]
    for k, part in enumerate(parts, 1):
        doc.orient(part.landscape)
        doc.heading(section_number(k, lang) + part.title)
        part.lay_out(doc)
    doc.orient(False)
    _annex(doc, report, lang)
    return doc.to_bytes()
