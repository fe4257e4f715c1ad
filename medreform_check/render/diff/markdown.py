"""``diff --format markdown``: a table to paste into a pull request."""

from __future__ import annotations

from medreform_check.commands.diff import PlanDiff
from medreform_check.render import RenderOptions
from medreform_check.render.common import aspect_label, change_label
from medreform_check.render.markdown import cell, table
from medreform_check.vocabulary import word


def render(diff: PlanDiff, options: RenderOptions) -> str:
    lang = options.lang
    lines = [f"### {cell(diff.plan)}: {cell(diff.old)} → {cell(diff.new)}", ""]
    if not diff.changes:
        return "\n".join([*lines, word("no_changes", lang), ""])
    rows = [
        [
            f"`{c.task}`",  # an id: letters, digits, '-', '_', '.'; no escape in code
            cell(aspect_label(c.aspect, lang)),
            f"**{change_label(c.verdict, lang)}**" if c.failing else change_label(c.verdict, lang),
            cell(c.old or "—"),
            cell(c.new or "—"),
        ]
        for c in diff.changes
    ]
    headings = [word(k, lang) for k in ("task", "aspect", "change", "old", "new")]
    lines += table(headings, rows)
    if diff.failing:
        lines += ["", f"> {word('fails_review', lang)}"]
    return "\n".join(lines) + "\n"
