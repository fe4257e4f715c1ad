"""What every renderer shows of the office's calendar (issue 18): 三色督办 levels as a mark and a
word, what was known when, and the changes since the last audit — worded once, laid out by
each format."""

from __future__ import annotations

from collections.abc import Mapping

from medreform_check.render.common import status_label
from medreform_check.report import Level, Report, Result
from medreform_check.vocabulary import listing, word

LEVEL_MARK = "●"

# Ink for the mark and a light tint behind it, for formats with colour (HTML, XLSX, Word);
# the word says it in black and white.
LEVEL_COLOURS: Mapping[Level, tuple[str, str]] = {
    Level.BLUE: ("1F5FBF", "DDEBF7"),
    Level.YELLOW: ("B8860B", "FFF2CC"),
    Level.RED: ("C00000", "FFC7CE"),
}


def level_label(level: Level | None, lang: str) -> str:
    """``红`` / ``red``; empty when there is no level."""
    return word(f"level.{level.value}", lang) if level is not None else ""


def level_text(level: Level | None, lang: str) -> str:
    """``● 红``: the mark and the word; empty when there is no level."""
    return f"{LEVEL_MARK} {level_label(level, lang)}" if level is not None else ""


def known_by_text(report: Report, lang: str) -> str:
    """``on reports submitted by 2024-01-31``; empty without --known-by."""
    return word("known_by", lang, day=report.known_by) if report.known_by else ""


def changes_text(report: Report, lang: str) -> str:
    """``Since 2024-03-31: newly met 3, newly overdue 2, …``; empty without --compare-to."""
    changes = report.changes
    if changes is None:
        return ""
    items = listing(
        (f"{word(f'changes.{name}', lang)} {len(found)}" for name, found in changes.lists()), lang
    )
    return word("changes.summary", lang, day=changes.compared_to, items=items)


def previous_text(result: Result, lang: str) -> str:
    """The status a result had at the earlier date, or that it had not begun then."""
    if result.previous_status is None:
        return word("changes.new", lang)
    return word("changes.was", lang, status=status_label(result.previous_status, lang))
