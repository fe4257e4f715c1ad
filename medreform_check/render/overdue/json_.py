"""``overdue --format json``: the audit object with only the overdue results (CONTRACT §3.1)
and only the missing reports. A unit's own 督办单 (``--split-by``) also says whom it is for
and carries the empty reply the unit returns."""

from __future__ import annotations

from medreform_check.commands.overdue import OverdueList
from medreform_check.render import RenderOptions
from medreform_check.render.audit.json_ import report_object
from medreform_check.render.json_text import dumps
from medreform_check.render.overdue.notice import addressee_name


def render(overdue: OverdueList, options: RenderOptions) -> str:
    data = report_object(overdue.report, options.lang, overdue.results, overdue.missing)
    if overdue.addressee is not None:
        data["addressee"] = {
            "unit": overdue.addressee,
            "name": addressee_name(overdue, options.lang),
            "by": overdue.split_by,
        }
        data["reply"] = {"measures": None, "expected_completion": None, "signed_by": None,
                         "date": None}  # fmt: skip
    return dumps(data) + "\n"
