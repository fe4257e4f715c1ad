"""The quarterly audit, end to end: load plans, rules and submissions, then evaluate.

This is the library entry point the CLI calls; it returns plain data and raises
``MedreformError`` for input that cannot be used.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from medreform_check.commands.changes import changes_since, with_previous
from medreform_check.commands.summaries import summarise
from medreform_check.engine.evaluate import evaluate
from medreform_check.engine.workload import workload
from medreform_check.errors import Finding, InvalidInput, MedreformError
from medreform_check.lint import lint_plans
from medreform_check.loading.paths import files_under
from medreform_check.loading.plan import plan_from
from medreform_check.loading.plan_units import in_indicator_units
from medreform_check.loading.rules import find_rules_dir, read_catalogue, read_checks
from medreform_check.loading.submissions import paused_gc, read_submissions
from medreform_check.loading.yamldoc import YamlDocument, load_yaml
from medreform_check.model import Catalogue, Plan, Submissions
from medreform_check.report import Report, Status

DEFAULT_FAIL_ON = frozenset({Status.MISSED, Status.UNREPORTED})
PLAN_SUFFIXES = (".yaml", ".yml")


def read_plans(paths: Iterable[Path], catalogue: Catalogue) -> tuple[list[Plan], list[Finding]]:
    """Load and lint every plan; raises ``InvalidInput`` with all findings if any is an error."""
    loaded: list[tuple[YamlDocument, Plan]] = []
    findings: list[Finding] = []
    empty = "no plan files (*.yaml, *.yml) in this directory"
    for path in files_under(paths, PLAN_SUFFIXES, empty=empty):
        doc = load_yaml(path)
        plan, found = plan_from(doc)
        findings += found
        if plan is not None:
            loaded.append((doc, plan))
    findings += lint_plans(loaded, catalogue)
    findings += workload([plan for _, plan in loaded])
    if any(f.is_error for f in findings):
        raise InvalidInput(findings)
    return [in_indicator_units(plan, catalogue) for _, plan in loaded], findings


@dataclass(frozen=True)
class Audit:
    """A finished audit: the report, and warnings about the plans themselves."""

    report: Report
    plan_findings: Sequence[Finding] = field(default_factory=tuple)
    notes: Sequence[str] = field(default_factory=tuple)  # how each submission file was read


def build_report(
    plans: Sequence[Plan],
    catalogue: Catalogue,
    submissions: Submissions,
    as_of: date,
    known_by: date | None = None,
    compare_to: date | None = None,
) -> Report:
    """The verdicts as of ``as_of`` on what was known by ``known_by``, with every summary a
    reader sees computed once; with ``compare_to``, also what changed since then."""
    evaluation = evaluate(plans, catalogue, submissions, as_of, known_by)
    results, changes = evaluation.results, None
    if compare_to is not None:
        earlier = evaluate(plans, catalogue, submissions, compare_to, known_by)
        results = with_previous(results, earlier.results)
        changes = changes_since(results, compare_to)
    names = {unit.id: unit.name for plan in plans for unit in plan.units.values()}
    parents = {unit.id: unit.parent for plan in plans for unit in plan.units.values()}
    return Report(
        as_of=as_of,
        plans=tuple(plan.id for plan in plans),
        results=results,
        summaries=summarise(results, evaluation.reporting, as_of, names, parents),
        rejected=tuple(submissions.rejected),
        warnings=tuple(submissions.warnings),
        reporting=evaluation.reporting,
        skipped=tuple(submissions.skipped),
        unit_names=names,
        plan_titles={plan.id: plan.title for plan in plans},
        plan_documents={plan.id: plan.document_no for plan in plans if plan.document_no},
        indicators={
            **catalogue.indicators,
            **{k: v for plan in plans for k, v in plan.indicators.items()},
        },
        known_by=known_by,
        changes=changes,
    )


def run_audit(
    plan_paths: Sequence[Path],
    submission_paths: Sequence[Path],
    as_of: date,
    rules_dir: Path | None = None,
    known_by: date | None = None,
    compare_to: date | None = None,
) -> Audit:
    if compare_to is not None and compare_to >= as_of:
        raise MedreformError(
            f"--compare-to {compare_to} is not before the as-of date {as_of}: "
            "compare with an earlier audit"
        )
    directory = find_rules_dir(rules_dir)
    with paused_gc():  # (a province's plan is a hundred thousand objects too)
        catalogue = read_catalogue(directory)
        checks = read_checks(directory, catalogue)
        plans, findings = read_plans(plan_paths, catalogue)
        submissions = read_submissions(submission_paths, plans, catalogue, checks)
        report = build_report(plans, catalogue, submissions, as_of, known_by, compare_to)
    return Audit(report, findings, tuple(submissions.notes))


def exit_code(
    report: Report, fail_on: frozenset[Status] = DEFAULT_FAIL_ON, strict: bool = False
) -> int:
    """1 when a result's status is in ``fail_on`` or a row was rejected (CONTRACT §3).

    Aspirational (力争) targets never fail the run unless ``strict``; with ``strict``
    warnings fail it too.
    """
    if report.rejected or (strict and report.warnings):
        return 1
    failing = (r for r in report.results if r.status in fail_on and (strict or not r.aspirational))
    return 1 if any(failing) else 0
