"""``diff --format table``: the terminal view of a plan change."""

from __future__ import annotations

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from medreform_check.commands.diff import PlanDiff
from medreform_check.render import RenderOptions
from medreform_check.render.common import aspect_label, change_label
from medreform_check.render.terminal import safe, to_text
from medreform_check.vocabulary import word

STYLES = {
    "relaxed": "bold red",
    "later": "bold red",
    "removed": "bold red",
    "tightened": "green",
    "earlier": "green",
    "added": "cyan",
    "changed": "yellow",
}
# Marks that read without colour: what fails review is flagged.
MARKS = {
    "relaxed": "▼",
    "later": "▼",
    "removed": "✗",
    "tightened": "▲",
    "earlier": "▲",
    "added": "+",
    "changed": "~",
}


def render(diff: PlanDiff, options: RenderOptions) -> str:
    lang = options.lang
    heading = Text(f"{safe(diff.plan)}: {safe(diff.old)} → {safe(diff.new)}", style="bold")
    if not diff.changes:
        return to_text([heading, Text(word("no_changes", lang))], options)
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, expand=True)
    for key in ("task", "aspect", "change", "old", "new"):
        table.add_column(word(key, lang), overflow="fold")
    for change in diff.changes:
        label = f"{MARKS[change.verdict]} {change_label(change.verdict, lang)}"
        table.add_row(
            Text(change.task),
            Text(aspect_label(change.aspect, lang)),
            Text(label, style=STYLES[change.verdict]),
            Text(safe(change.old or "—")),
            Text(safe(change.new or "—")),
        )
    parts: list[RenderableType] = [heading, table]
    if diff.failing:
        parts.append(Text(word("fails_review", lang), style="bold red"))
    return to_text(parts, options)
