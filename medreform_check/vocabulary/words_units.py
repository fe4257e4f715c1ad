"""Words for units in a hierarchy and their scorecard (issue 17): the per-unit ranking
(各单位完成情况排名), groups by parent, and the diff aspects an indicator change relaxes."""

from __future__ import annotations

from collections.abc import Mapping

WORDS: Mapping[str, Mapping[str, str]] = {
    "units_ranking": {"en": "Completion by unit", "zh": "各单位完成情况排名"},
    "groups_ranking": {
        "en": "Completion by parent unit (the units below it)",
        "zh": "各上级单位完成情况排名（含下属单位）",
    },
    "parent": {"en": "Parent", "zh": "上级单位"},
    "units_note": {
        "en": (
            "Instances each unit owns, due by the as-of date (waived ones aside). A unit's part "
            "of a task every unit must meet, and of a milestone, is judged on its own report; "
            "of a mean, sum or pooled value, by the task's status."
        ),
        "zh": (
            "统计各单位负责、截至评估日已到期的任务节点（豁免除外）。须各单位均达标的任务和节点任务按本单位"
            "报送情况评判；均值、合计或汇总比率类任务按任务整体状态评判。"
        ),
    },
    "group_title": {"en": "{title} — {group}", "zh": "{title}（{group}）"},
    "sheet.units": {"en": "Units", "zh": "各单位完成情况"},
    "column.group": {"en": "group", "zh": "分组单位编号"},
    "column.group_name": {"en": "group_name", "zh": "分组单位"},
    "template.numerator": {
        "en": "the numerator of {rate}: report it with the denominator, or the rate cannot be "
        "pooled",
        "zh": "{rate}的分子：须与分母一并填报，否则无法汇总计算",
    },
    "template.denominator": {
        "en": "the denominator of {rate}: report it with the numerator, or the rate cannot be "
        "pooled",
        "zh": "{rate}的分母：须与分子一并填报，否则无法汇总计算",
    },
    "aspect.indicator unit": {"en": "indicator unit", "zh": "指标单位"},
    "aspect.indicator bounds": {"en": "indicator bounds", "zh": "指标取值范围"},
    "aspect.indicator better": {"en": "indicator direction", "zh": "指标方向"},
}
