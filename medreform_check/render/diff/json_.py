"""``diff --format json``."""

from __future__ import annotations

import json

from medreform_check.commands.diff import PlanDiff
from medreform_check.render import RenderOptions


def render(diff: PlanDiff, options: RenderOptions) -> str:
    data = {
        "old": diff.old,
        "new": diff.new,
        "plan": diff.plan,
        "failing": diff.failing,
        "summary": diff.counts(),
        "changes": [
            {
                "task": c.task,
                "aspect": c.aspect,
                "change": c.verdict,
                "old": c.old,
                "new": c.new,
                "failing": c.failing,
                "line": c.at.line,
            }
            for c in diff.changes
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
