"""The reasons behind a verdict (``report.Note``), worded in English and Chinese.

A note keeps its facts as data (days left, the projected value, which units did not report);
these functions word them, with the units' names."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from medreform_check.vocabulary.formatting import format_date, format_number, listing

Wording = Callable[[Mapping[str, Any], Mapping[str, str]], str]


def _units(args: Mapping[str, Any], names: Mapping[str, str], lang: str) -> str:
    return listing((names.get(u, u) for u in args["units"]), lang)


NOTES: Mapping[str, Mapping[str, Wording]] = {
    "stage": {
        "en": lambda a, n: f"stage {a['index']} of {a['count']}",
        "zh": lambda a, n: f"第{a['index']}阶段（共{a['count']}个）",
    },
    "waived": {
        "en": lambda a, n: (
            f"waived: {a['reason']}"
            + (f" (until {format_date(a['until'])})" if a.get("until") else "")
        ),
        "zh": lambda a, n: (
            f"豁免：{a['reason']}" + (f"（至{format_date(a['until'])}）" if a.get("until") else "")
        ),
    },
    "due_soon": {
        "en": lambda a, n: f"due in {a['days']} day(s)" if a["days"] else "due today",
        "zh": lambda a, n: f"距截止还有{a['days']}天" if a["days"] else "今天到期",
    },
    "trend": {
        "en": lambda a, n: (
            f"trend reaches {format_number(a['projected'])} by {format_date(a['deadline'])}"
        ),
        "zh": lambda a, n: (
            f"按趋势至{format_date(a['deadline'])}仅达{format_number(a['projected'])}"
        ),
    },
    "missing_units": {
        "en": lambda a, n: f"no report from {_units(a, n, 'en')}",
        "zh": lambda a, n: f"未报：{_units(a, n, 'zh')}",
    },
    "no_baseline": {
        "en": lambda a, n: "no value a year earlier to compare with",
        "zh": lambda a, n: "缺少上年同期数据，无法比较",
    },
    # --- issue 17: units that reported what a pooled or weighted aggregate cannot use -----
    "rate_only": {
        "en": lambda a, n: (
            f"{_units(a, n, 'en')} reported the rate without numerator and denominator "
            "(counted as missing)"
        ),
        "zh": lambda a, n: f"{_units(a, n, 'zh')}仅报送比率，未报分子和分母（视为未报）",
    },
    "no_weight": {
        "en": lambda a, n: (
            f"no weight ({a['weight']}) for {_units(a, n, 'en')} (counted as missing)"
        ),
        "zh": lambda a, n: f"{_units(a, n, 'zh')}缺少权重指标{a['weight']}（视为未报）",
    },
    "aspirational": {
        "en": lambda a, n: "aspirational target (力争)",
        "zh": lambda a, n: "力争目标",
    },
    # --- issue 18: behind the pro-rata pace (序时进度) ---------------------------------------
    "pace": {
        "en": lambda a, n: (
            f"pro-rata pace requires {format_number(a['expected'])}, "
            f"actual {format_number(a['actual'])}"
        ),
        "zh": lambda a, n: (
            f"序时进度应达 {format_number(a['expected'])}，实际 {format_number(a['actual'])}"
        ),
    },
}
