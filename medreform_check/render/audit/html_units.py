"""The HTML report's per-unit scorecard (各单位完成情况): ranked bars like the lead units'
ranking, per unit and, with a hierarchy, per parent group. Everything from input escaped."""

from __future__ import annotations

from html import escape

from medreform_check.render.audit import scorecard
from medreform_check.render.common import percent
from medreform_check.render.svg import progress_bar
from medreform_check.report import Report, UnitScore
from medreform_check.vocabulary import word

RATE_FILL = "#274c77"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _rows(report: Report, scores: tuple[UnitScore, ...], lang: str) -> list[str]:
    hierarchy = scorecard.has_hierarchy(report)
    rows = []
    for rank, score in enumerate(scores, 1):
        label = word("page.chart_rate", lang, met=score.met, due=score.due)
        bar = progress_bar(score.rate, RATE_FILL, label)
        cells = [
            str(rank),
            _e(score.name),
            f'<span class="rate">{bar} <b>{percent(score.rate)}</b></span>',
            str(score.met),
            str(score.due),
            str(score.overdue),
        ]
        if hierarchy:
            cells.append(_e(scorecard.name_of(score.parent, report) or "—"))
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    return rows


def units_section(report: Report, lang: str) -> str:
    """The scorecard sections, or nothing when no unit owns anything."""
    heads = [word("rank", lang), word("unit", lang), word("completion_rate", lang)]
    heads += [word(k, lang) for k in ("met_count", "due_count", "overdue_count")]
    if scorecard.has_hierarchy(report):
        heads.append(word("parent", lang))
    head = "".join(f'<th class="c{k}">{_e(h)}</th>' for k, h in enumerate(heads, 1))
    parts = []
    for title, scores in scorecard.scorecards(report):
        body = "\n".join(_rows(report, scores, lang))
        parts.append(
            f'<section class="rates units"><h2>{_e(word(title, lang))}</h2>'
            f'<table class="rates"><thead><tr>{head}</tr></thead><tbody>\n{body}\n</tbody></table>'
            "</section>"
        )
    if parts:
        parts.append(f'<p class="legend">{_e(word("units_note", lang))}</p>')
    return "\n".join(parts)
