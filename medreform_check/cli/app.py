"""The commands: parse arguments, call the library, render, return the exit code.

Nothing here catches an exception: ``boundary.run_guarded`` maps them all (CONTRACT §3:
0 clean, 1 findings or failing results, 2 unusable input or arguments, 3 a bug).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from medreform_check import __version__
from medreform_check.cli.boundary import EXIT_FAILED, EXIT_OK, say
from medreform_check.cli.options import (
    AsOf,
    AuditFormat,
    CompareTo,
    Debug,
    DiffFormat,
    FileKind,
    KnownBy,
    LangOption,
    Layout,
    NoColor,
    Output,
    OverdueFormat,
    Plans,
    Rules,
    SplitBy,
    SubmissionPaths,
    TemplateFormat,
    ValidateFormat,
    Verbose,
    as_of_date,
    format_option,
    language,
    optional_date,
    statuses,
    to_file,
    use_color,
    width,
)
from medreform_check.errors import MedreformError, ParseError

if TYPE_CHECKING:
    from medreform_check.commands.audit import Audit

app = typer.Typer(
    name="medreform-check",
    help="Check health-reform action plans against what institutions report.",
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"medreform-check {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Check health-reform action plans against what institutions report."""


def _options(lang: str | None, no_color: bool, output: Path | None, strict: bool = False) -> Any:
    from medreform_check.render import RenderOptions

    return RenderOptions(language(lang), use_color(no_color, output), width(output), strict)


def _refuse_inputs(output: Path | None, inputs: Iterable[Path | None], rules: Path | None) -> None:
    """Before anything is read or written: --output must not be a file this run reads — a
    plan, a submission, a rules file, a document (CONTRACT §3; by identity, so links and
    other spellings are caught)."""
    if output is None or str(output) == "-":
        return
    from medreform_check.cli.output import refuse_inputs
    from medreform_check.loading.checks import CHECKS_FILE
    from medreform_check.loading.readers import SUFFIXES
    from medreform_check.loading.rules import CATALOGUE_FILE, find_rules_dir

    rules_dir = find_rules_dir(rules)
    read = [*inputs, rules_dir / CATALOGUE_FILE, rules_dir / CHECKS_FILE]
    refuse_inputs(output, read, SUFFIXES)


def _run_audit(
    plans: list[Path],
    submissions: list[Path] | None,
    as_of: str | None,
    rules: Path | None,
    verbose: bool,
    known_by: str | None = None,
    compare_to: str | None = None,
) -> Audit:
    """Load and evaluate. With --verbose, the plans' lint warnings (validate lists them all)
    and how each submission file was read go to stderr."""
    from medreform_check.commands.audit import run_audit

    result = run_audit(
        plans,
        submissions or [],
        as_of_date(as_of),
        rules,
        known_by=optional_date(known_by, "--known-by"),
        compare_to=optional_date(compare_to, "--compare-to"),
    )
    if verbose:
        for finding in result.plan_findings:
            say(str(finding))
        for note in result.notes:
            say(note)
    return result


# --- audit ---------------------------------------------------------------------------------


@app.command()
def audit(
    plans: Plans,
    submissions: SubmissionPaths = None,
    as_of: AsOf = None,
    known_by: KnownBy = None,
    compare_to: CompareTo = None,
    fmt: Annotated[AuditFormat, format_option()] = "table",
    output: Output = None,
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on", metavar="STATUSES", help="Statuses that make the exit code 1, or 'none'."
        ),
    ] = "missed,unreported",
    strict: Annotated[
        bool, typer.Option("--strict", help="Aspirational targets and warnings fail too.")
    ] = False,
    lang: LangOption = None,
    no_color: NoColor = False,
    rules: Rules = None,
    verbose: Verbose = False,
    debug: Debug = False,
) -> int:
    """Evaluate submissions against plans as of a date: the quarterly audit."""
    from medreform_check.cli.output import emit
    from medreform_check.commands.audit import exit_code
    from medreform_check.render import renderer

    failing = statuses(fail_on, "--fail-on")
    _refuse_inputs(output, [*plans, *(submissions or [])], rules)
    result = _run_audit(plans, submissions, as_of, rules, verbose, known_by, compare_to)
    emit(renderer("audit", fmt)(result.report, _options(lang, no_color, output)), output)
    code = exit_code(result.report, failing, strict)
    return EXIT_FAILED if strict and result.plan_findings else code


# --- validate ------------------------------------------------------------------------------


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Files or directories.")],
    fmt: Annotated[ValidateFormat, format_option()] = "text",
    output: Output = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    rules: Rules = None,
    debug: Debug = False,
) -> int:
    """Check plans, catalogues, checks and submissions: every problem on its line.

    Exit 0 when there is no error (warnings allowed unless --strict), 1 when there is,
    2 for a missing path or unusable arguments.
    """
    from medreform_check.cli.output import emit
    from medreform_check.commands.validate import validate_paths
    from medreform_check.render import RenderOptions, renderer

    _refuse_inputs(output, paths, rules)
    result = validate_paths(paths, rules)
    emit(renderer("validate", fmt)(result, RenderOptions(strict=strict)), output)
    return result.exit_code(strict)


# --- schema --------------------------------------------------------------------------------


@app.command()
def schema(
    kind: Annotated[FileKind, typer.Argument(metavar="KIND", help="Which file.")],
    output: Output = None,
    debug: Debug = False,
) -> int:
    """Print the JSON Schema of a file kind, for editors (yaml-language-server) and other tools."""
    import json

    from medreform_check.cli.output import emit
    from medreform_check.schemas.definitions import schema_for

    emit(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", output)
    return EXIT_OK


# --- diff ----------------------------------------------------------------------------------


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="The plan before the change ('-': standard input).")
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The plan after the change.")],
    fmt: Annotated[DiffFormat, format_option()] = "table",
    output: Output = None,
    allow_relaxed: Annotated[
        bool, typer.Option("--allow-relaxed", help="Exit 0 even when targets are relaxed.")
    ] = False,
    lang: LangOption = None,
    no_color: NoColor = False,
    rules: Rules = None,
    rules_old: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--rules-old",
            metavar="DIR",
            help="The catalogue OLD was written against (default: the same as --rules).",
        ),
    ] = None,
    debug: Debug = False,
) -> int:
    """What a plan change tightens or relaxes, task by task.

    Exit 1 when a target is relaxed (also through a change of its indicator's unit,
    magnitude, bounds or direction), a deadline moves later, a task is removed, waived or
    made aspirational (unless --allow-relaxed).
    """
    from medreform_check.cli.output import emit
    from medreform_check.commands.diff import diff_plans, read_plan
    from medreform_check.loading.rules import find_rules_dir, read_catalogue
    from medreform_check.render import renderer

    _refuse_inputs(output, [None if old == "-" else Path(old), Path(new)], rules)
    stdin = sys.stdin.read() if old == "-" else None
    before, after = read_plan(old, stdin), read_plan(new)
    catalogue = read_catalogue(find_rules_dir(rules))
    old_catalogue = read_catalogue(find_rules_dir(rules_old)) if rules_old else None
    result = diff_plans(before, after, catalogue, old_catalogue)
    emit(renderer("diff", fmt)(result, _options(lang, no_color, output)), output)
    return EXIT_FAILED if result.failing and not allow_relaxed else EXIT_OK


# --- overdue -------------------------------------------------------------------------------


@app.command()
def overdue(
    plans: Plans,
    submissions: SubmissionPaths = None,
    as_of: AsOf = None,
    known_by: KnownBy = None,
    within: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--within", metavar="DAYS", min=0, help="Also list at-risk tasks due within DAYS days."
        ),
    ] = None,
    fmt: Annotated[
        Optional[OverdueFormat],  # noqa: UP045
        typer.Option(
            "--format", "-f", help="Output format (default: table; docx with --split-by)."
        ),
    ] = None,
    output: Output = None,
    split_by: Annotated[
        Optional[SplitBy],  # noqa: UP045
        typer.Option("--split-by", help="One 督办单 per lead unit or per reporting unit."),
    ] = None,
    output_dir: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output-dir", metavar="DIR", help="With --split-by: write one file per unit here."
        ),
    ] = None,
    lang: LangOption = None,
    no_color: NoColor = False,
    rules: Rules = None,
    verbose: Verbose = False,
    debug: Debug = False,
) -> int:
    """The overdue list for the next meeting, grouped by lead unit, most urgent first.

    Lists missed and unreported tasks (red before yellow, most days overdue first), at-risk
    ones due within --within days, and missing periodic reports. With --split-by and
    --output-dir, one 督办单 per unit, named by its id. Exit 0 when the list was produced,
    2 for unusable input.
    """
    from medreform_check.cli.output import emit
    from medreform_check.cli.split import split_format, write_split
    from medreform_check.commands.overdue import overdue_list
    from medreform_check.render import renderer

    chosen = split_format(fmt, split_by, output, output_dir)
    _refuse_inputs(output, [*plans, *(submissions or [])], rules)
    result = _run_audit(plans, submissions, as_of, rules, verbose, known_by)
    listed = overdue_list(result.report, within)
    if output_dir is None:
        emit(renderer("overdue", chosen)(listed, _options(lang, no_color, output)), output)
        return EXIT_OK
    options = _options(lang, no_color, output_dir)
    inputs = [*plans, *(submissions or [])]
    write_split(listed, str(split_by), chosen, output_dir, inputs, rules, options)
    return EXIT_OK


# --- template ------------------------------------------------------------------------------


@app.command()
def template(
    plans: Plans,
    period: Annotated[
        str,
        typer.Option("--period", "-p", metavar="PERIOD", help="2024-Q2, 2024-H1, 2024, 2024-06…"),
    ],
    unit: Annotated[
        str | None,
        typer.Option("--unit", "-u", metavar="UNIT", help="The unit, by id, name or alias."),
    ] = None,
    layout: Annotated[
        Layout,
        typer.Option(
            "--layout",
            help="long: one unit's rows (needs --unit); wide: a 汇总表 for every unit (csv, xlsx).",
        ),
    ] = Layout.long,
    fmt: Annotated[TemplateFormat, format_option()] = "yaml",
    output: Output = None,
    submissions: SubmissionPaths = None,
    lang: LangOption = None,
    rules: Rules = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Also print the plans' lint warnings.")
    ] = False,
    debug: Debug = False,
) -> int:
    """An empty submission for a unit and period: the rows it must report, with hints.

    With -s, milestones already reported done are left out and overdue ones kept. With
    --layout wide, one sheet for every unit: a row per unit, a column per indicator.
    (Long for its signature: typer reads the options from it.)
    """
    from medreform_check.cli.output import emit
    from medreform_check.commands.audit import read_plans
    from medreform_check.commands.template import build_template, build_wide_template
    from medreform_check.language.periods import parse_period
    from medreform_check.loading.rules import find_rules_dir, read_catalogue
    from medreform_check.loading.submissions import read_submissions
    from medreform_check.render import RenderOptions, renderer

    try:
        wanted = parse_period(period)
    except ParseError as exc:
        raise MedreformError(f"--period: {exc}") from None
    if fmt == "xlsx" and not to_file(output) and sys.stdout is not None and sys.stdout.isatty():
        raise MedreformError("an Excel workbook is binary: write it with --output FILE.xlsx")
    _refuse_inputs(output, [*plans, *(submissions or [])], rules)
    catalogue = read_catalogue(find_rules_dir(rules))
    loaded, findings = read_plans(plans, catalogue)
    if verbose:
        for finding in findings:
            say(str(finding))
    options = RenderOptions(lang=language(lang))
    if layout == "wide":
        if fmt not in ("csv", "xlsx"):
            raise MedreformError("--layout wide: the 汇总表 is a table; use --format csv or xlsx")
        wide = build_wide_template(loaded, catalogue, wanted)
        emit(renderer("template-wide", fmt)(wide, options), output)
        return EXIT_OK
    if unit is None:
        raise MedreformError("--unit: which unit's form? (or --layout wide for every unit)")
    reported = read_submissions(submissions, loaded, catalogue) if submissions else None
    form = build_template(loaded, catalogue, unit, wanted, reported)
    emit(renderer("template", fmt)(form, options), output)
    return EXIT_OK


# --- draft ---------------------------------------------------------------------------------


@app.command()
def draft(
    document: Annotated[
        Path, typer.Argument(metavar="DOCUMENT", help="The policy text: .txt .md .html .docx")
    ],
    output: Output = None,
    rules: Rules = None,
    plan_id: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--plan-id", metavar="ID", help="The plan's id (default: from the text)."),
    ] = None,
    debug: Debug = False,
) -> int:
    """A first plan file drafted from the policy document, for you to review and complete."""
    from medreform_check.cli.output import emit
    from medreform_check.draft import draft_plan
    from medreform_check.loading.rules import find_rules_dir, read_catalogue

    _refuse_inputs(output, [document], rules)
    plan = draft_plan(document, read_catalogue(find_rules_dir(rules)), plan_id)
    emit(plan.text, output)
    return EXIT_OK
