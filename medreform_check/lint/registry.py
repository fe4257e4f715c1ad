"""Every finding code, in one place: the rules that lint runs and the codes loaders emit.

A new rule is written as a function and listed here: a rule not listed is never
run, and a code not listed is missing from the README and from SARIF output
(``tests/lint/test_registry.py`` catches a rule left out).
"""

from __future__ import annotations

from collections.abc import Iterable

from medreform_check.lint import catalogue_rules, loader_codes, plan_rules
from medreform_check.lint.catalogue_rules import CatalogueContext
from medreform_check.lint.plan_rules import PlanContext
from medreform_check.lint.rule import SCOPES, FindingCode, Rule

# The order of these lists is part of the output: SARIF lists every code in the order of
# RULES below and points each result at its code by position (ruleIndex). Reordering them
# changes every SARIF report; add a new rule at the end of its list.

PLAN_RULES: tuple[Rule[PlanContext], ...] = (
    plan_rules.unknown_unit,
    plan_rules.unknown_class,
    plan_rules.no_reporter,
    plan_rules.unknown_indicator,
    plan_rules.timing_form,
    plan_rules.target_kind,
    plan_rules.aggregate_kind,
    plan_rules.stage_order,
    plan_rules.every_range,
    plan_rules.indicator_redefined,
    plan_rules.target_unit,
    plan_rules.target_bounds,
    plan_rules.deadline_outside_plan,
    plan_rules.stage_weakens,
    plan_rules.evidence_quantitative,
    plan_rules.every_partial_period,
)

CATALOGUE_RULES: tuple[Rule[CatalogueContext], ...] = (
    catalogue_rules.indicator_bounds,
    catalogue_rules.indicator_fields,
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
