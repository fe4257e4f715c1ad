"""Every finding code, in one place: the rules that lint runs and the codes loaders emit.

A new rule is written in the module of its family and listed here: a rule not listed is never
run, and a code not listed is missing from the README and from SARIF output
(``tests/lint/test_registry.py`` catches a rule left out).
"""

from __future__ import annotations

from collections.abc import Iterable

from medreform_check.lint import (
    catalogue_rules,
    loader_codes,
    names_rules,
    plan_baseline,
    plan_references,
    plan_targets,
    plan_timing,
    plan_units,
)
from medreform_check.lint.catalogue_rules import CatalogueContext
from medreform_check.lint.plan_context import PlanContext
from medreform_check.lint.rule import SCOPES, FindingCode, Rule

# The order of these lists is part of the output: SARIF lists every code in the order of
# RULES below and points each result at its code by position (ruleIndex). Reordering them
# changes every SARIF report; add a new rule at the end of its list.

PLAN_RULES: tuple[Rule[PlanContext], ...] = (
    plan_references.unknown_unit,
    plan_references.unknown_class,
    plan_references.no_reporter,
    plan_references.unknown_indicator,
    plan_timing.timing_form,
    plan_targets.target_kind,
    plan_targets.aggregate_kind,
    plan_timing.stage_order,
    plan_timing.every_range,
    plan_references.indicator_redefined,
    plan_targets.target_unit,
    plan_targets.target_bounds,
    plan_timing.deadline_outside_plan,
    plan_targets.stage_weakens,
    plan_targets.evidence_quantitative,
    plan_timing.every_partial_period,
    plan_units.unit_parent,
    plan_units.by_parent,
    plan_units.unit_reports,
    plan_targets.aggregate_weight,
    plan_baseline.baseline_after_deadline,
    plan_baseline.baseline_beyond_target,
    names_rules.plan_name_shared,
)

CATALOGUE_RULES: tuple[Rule[CatalogueContext], ...] = (
    catalogue_rules.indicator_bounds,
    catalogue_rules.indicator_fields,
    catalogue_rules.ratio_of,
    names_rules.name_shared,
)


def index_codes(codes: Iterable[FindingCode]) -> dict[str, FindingCode]:
    """The codes by name, in the order given; a code given twice is a bug, refused."""
    index: dict[str, FindingCode] = {}
    for finding_code in codes:
        if finding_code.code in index:
            raise ValueError(f"lint code {finding_code.code} registered twice")
        index[finding_code.code] = finding_code
    return index


RULES: dict[str, FindingCode] = index_codes(
    (*CATALOGUE_RULES, *loader_codes.LOADER_CODES, *PLAN_RULES)
)
"""Every code medreform-check can report, for documentation and SARIF."""


def codes_table() -> str:
    """The README's table of codes, made from the rules' docstrings."""
    lines = ["| code | severity | what it finds | example |", "|---|---|---|---|"]
    for rule in sorted(RULES.values(), key=lambda r: (SCOPES.index(r.scope), r.code)):
        summary = " ".join(rule.doc.split("Example:")[0].split())
        example = rule.example.replace("|", "\\|")
        lines.append(f"| `{rule.code}` | {rule.severity.value} | {summary} | {example} |")
    return "\n".join(lines) + "\n"
