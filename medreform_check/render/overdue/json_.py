"""``overdue --format json``: the audit object with only the overdue results (CONTRACT §3.1)
and only the missing reports."""

from __future__ import annotations

import json

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.audit.json_ import report_object


def render(overdue: OverdueList, options: RenderOptions) -> str:
    data = report_object(overdue.report, options.lang, overdue.results, overdue.missing)
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
