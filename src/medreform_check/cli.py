"""The command line: parse arguments, call the library, render, exit. Nothing else.

Exit codes (CONTRACT §3): 0 clean, 1 findings or failing results, 2 unusable input or
arguments, 3 a bug (traceback only with --debug), 130 interrupted.
"""

from __future__ import annotations

import os
import shutil
import sys
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import click
import typer

from . import __version__
from .errors import InvalidInput, MedreformError, ParseError

if TYPE_CHECKING:
    from .audit import Audit

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
STATUS_NAMES = ("met", "met_late", "missed", "unreported", "at_risk", "pending", "waived")

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


# --- shared option types and helpers ----------------------------------------------------

AsOf = Annotated[
    str | None,
    typer.Option("--as-of", metavar="DATE", help="Evaluate as of this date (default: today)."),
]
Output = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output", "-o", metavar="FILE", help="Write here (atomically) instead of standard output."
    ),
]
Lang = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--lang",
        click_type=click.Choice(["zh", "en"]),
        help="Labels and headings (default: from LANG).",
    ),
]
NoColor = Annotated[bool, typer.Option("--no-color", help="No colour (also: NO_COLOR=1).")]
Rules = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--rules",
        metavar="DIR",
        help="Indicator catalogue and checks (default: ./rules, else built in).",
    ),
]
Debug = Annotated[bool, typer.Option("--debug", help="Show a traceback for internal errors.")]
Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="Say how each submission file was read.")
]
Plans = Annotated[list[Path], typer.Argument(metavar="PLAN...", help="Plan files or directories.")]
SubmissionPaths = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--submissions", "-s", metavar="PATH", help="Submission files or directories (repeatable)."
    ),
]


def _format_option(command: str) -> Any:
    """``--format``/``-f``, offering the formats the command's renderers provide."""
    from .render import FORMATS

    choices = click.Choice(list(FORMATS[command]))
    return typer.Option("--format", "-f", click_type=choices, help="Output format.")


AuditFormat = Annotated[str, _format_option("audit")]
ValidateFormat = Annotated[str, _format_option("validate")]
DiffFormat = Annotated[str, _format_option("diff")]
OverdueFormat = Annotated[str, _format_option("overdue")]
TemplateFormat = Annotated[str, _format_option("template")]


def _as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    from .periods import parse_date

    try:
        return parse_date(text)
    except ParseError as exc:
        raise MedreformError(f"--as-of: {exc}") from None


def _lang(option: str | None) -> str:
    if option:
        return option
    from .render.labels import default_lang

    return default_lang(os.environ)


def _color(no_color: bool, output: Path | None) -> bool:
    if no_color or os.environ.get("NO_COLOR") or output is not None:
        return False
    return sys.stdout.isatty()


def _width(output: Path | None) -> int:
    return (
        100
        if output is not None or not sys.stdout.isatty()
        else shutil.get_terminal_size((100, 24)).columns
    )


def _statuses(text: str, option: str) -> frozenset:  # type: ignore[type-arg]
    from .report import Status

    if text.strip() == "none":
        return frozenset()
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in STATUS_NAMES]
    if unknown:
        raise MedreformError(
            f"{option}: unknown status '{unknown[0]}' (expected {', '.join(STATUS_NAMES)})"
        )
    return frozenset(Status(n) for n in names)


def _error(message: str) -> None:
    sys.stderr.write(message + "\n")


def _run_audit(
    plans: list[Path],
    submissions: list[Path] | None,
    as_of: str | None,
    rules: Path | None,
    verbose: bool,
    charts: bool = False,
) -> Audit:
    """Load and evaluate; plan warnings (and, with --verbose, how files were read) to stderr."""
    from .audit import run_audit

    result = run_audit(plans, submissions or [], _as_of(as_of), rules, charts)
    for finding in result.plan_findings:
        _error(str(finding))
    if verbose:
        for note in result.notes:
            _error(note)
    return result


def run_guarded(action: Callable[[], int], debug: bool) -> int:
    """Run a command body; turn expected failures into one-line messages and exit codes."""
    try:
        return action()
    except InvalidInput as exc:
        for finding in exc.findings:
            _error(str(finding))
        return EXIT_UNUSABLE
    except MedreformError as exc:
        _error(
            f"{exc.where}: error: {exc.message}"
            if exc.where
            else f"medreform-check: error: {exc.message}"
        )
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        _error("medreform-check: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        from .output import reader_gone

        return reader_gone()
    except Exception as exc:  # a bug: say so plainly, show the traceback only on request
        if debug:
            traceback.print_exc()
        _error(
            f"medreform-check: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for details)"
        )
        return EXIT_INTERNAL


# --- audit ---------------------------------------------------------------------------------


@app.command()
def audit(
    plans: Plans,
    submissions: SubmissionPaths = None,
    as_of: AsOf = None,
    fmt: AuditFormat = "table",
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
    lang: Lang = None,
    no_color: NoColor = False,
    rules: Rules = None,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """Evaluate submissions against plans as of a date: the quarterly audit."""

    def body() -> int:
        from .audit import exit_code
        from .output import emit
        from .render import RenderOptions, renderer

        failing = _statuses(fail_on, "--fail-on")
        result = _run_audit(plans, submissions, as_of, rules, verbose, charts=fmt == "html")
        options = RenderOptions(_lang(lang), _color(no_color, output), _width(output))
        emit(renderer("audit", fmt)(result.report, options), output)
        code = exit_code(result.report, failing, strict)
        return EXIT_FAILED if strict and result.plan_findings else code

    raise typer.Exit(run_guarded(body, debug))


# --- validate ------------------------------------------------------------------------------


@app.command()
def validate(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH...", help="Files or directories.")],
    fmt: ValidateFormat = "text",
    output: Output = None,
    strict: Annotated[bool, typer.Option("--strict", help="Warnings fail too.")] = False,
    rules: Rules = None,
    debug: Debug = False,
) -> None:
    """Check plans, catalogues, checks and submissions: every problem on its line.

    Exit 0 when there is no error (warnings allowed unless --strict), 1 when there is,
    2 for a missing path or unusable arguments.
    """

    def body() -> int:
        from .output import emit
        from .render import RenderOptions, renderer
        from .validate import validate_paths

        result = validate_paths(paths, rules)
        emit(renderer("validate", fmt)(result, RenderOptions(strict=strict)), output)
        return result.exit_code(strict)

    raise typer.Exit(run_guarded(body, debug))


# --- schema --------------------------------------------------------------------------------


@app.command()
def schema(
    kind: Annotated[
        str,
        typer.Argument(
            metavar="KIND",
            click_type=click.Choice(["plan", "submission", "indicators", "checks"]),
            help="Which file.",
        ),
    ],
    output: Output = None,
    debug: Debug = False,
) -> None:
    """Print the JSON Schema of a file kind, for editors (yaml-language-server) and other tools."""

    def body() -> int:
        import json

        from .output import emit
        from .schemas import schema_for

        emit(json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n", output)
        return EXIT_OK

    raise typer.Exit(run_guarded(body, debug))


# --- diff ----------------------------------------------------------------------------------


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(metavar="OLD", help="The plan before the change ('-': standard input).")
    ],
    new: Annotated[str, typer.Argument(metavar="NEW", help="The plan after the change.")],
    fmt: DiffFormat = "table",
    output: Output = None,
    allow_relaxed: Annotated[
        bool, typer.Option("--allow-relaxed", help="Exit 0 even when targets are relaxed.")
    ] = False,
    lang: Lang = None,
    no_color: NoColor = False,
    rules: Rules = None,
    debug: Debug = False,
) -> None:
    """What a plan change tightens or relaxes, task by task.

    Exit 1 when a target is relaxed, a deadline moves later, a task is removed, waived or
    made aspirational (unless --allow-relaxed).
    """

    def body() -> int:
        from .diff import diff_plans, read_plan
        from .loading.rules import find_rules_dir, read_catalogue
        from .output import emit
        from .render import RenderOptions, renderer

        stdin = sys.stdin.read() if old == "-" else None
        before, after = read_plan(old, stdin), read_plan(new)
        result = diff_plans(before, after, read_catalogue(find_rules_dir(rules)))
        options = RenderOptions(_lang(lang), _color(no_color, output), _width(output))
        emit(renderer("diff", fmt)(result, options), output)
        return EXIT_FAILED if result.failing and not allow_relaxed else EXIT_OK

    raise typer.Exit(run_guarded(body, debug))


# --- overdue -------------------------------------------------------------------------------


@app.command()
def overdue(
    plans: Plans,
    submissions: SubmissionPaths = None,
    as_of: AsOf = None,
    within: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--within", metavar="DAYS", min=0, help="Also list at-risk tasks due within DAYS days."
        ),
    ] = None,
    fmt: OverdueFormat = "table",
    output: Output = None,
    lang: Lang = None,
    no_color: NoColor = False,
    rules: Rules = None,
    verbose: Verbose = False,
    debug: Debug = False,
) -> None:
    """The overdue list for the next meeting, grouped by lead unit, most days overdue first.

    Lists missed and unreported tasks, at-risk ones due within --within days, and missing
    periodic reports. Exit 0 when the list was produced, 2 for unusable input.
    """

    def body() -> int:
        from .output import emit
        from .overdue import overdue_list
        from .render import RenderOptions, renderer

        result = _run_audit(plans, submissions, as_of, rules, verbose)
        options = RenderOptions(_lang(lang), _color(no_color, output), _width(output))
        emit(renderer("overdue", fmt)(overdue_list(result.report, within), options), output)
        return EXIT_OK

    raise typer.Exit(run_guarded(body, debug))


# --- template ------------------------------------------------------------------------------


@app.command()
def template(
    plans: Plans,
    unit: Annotated[
        str, typer.Option("--unit", "-u", metavar="UNIT", help="The unit, by id or name.")
    ],
    period: Annotated[
        str,
        typer.Option("--period", "-p", metavar="PERIOD", help="2024-Q2, 2024-H1, 2024, 2024-06…"),
    ],
    fmt: TemplateFormat = "yaml",
    output: Output = None,
    submissions: SubmissionPaths = None,
    lang: Lang = None,
    rules: Rules = None,
    debug: Debug = False,
) -> None:
    """An empty submission for a unit and period: the rows it must report, with hints.

    With -s, milestones already reported done are left out and overdue ones kept.
    """

    def body() -> int:
        from .audit import read_plans
        from .loading.rules import find_rules_dir, read_catalogue
        from .loading.submissions import read_submissions
        from .output import emit
        from .periods import parse_period
        from .render import RenderOptions, renderer
        from .template import build_template

        try:
            wanted = parse_period(period)
        except ParseError as exc:
            raise MedreformError(f"--period: {exc}") from None
        if fmt == "xlsx" and output is None and sys.stdout.isatty():
            raise MedreformError("an Excel workbook is binary: write it with --output FILE.xlsx")
        catalogue = read_catalogue(find_rules_dir(rules))
        loaded, findings = read_plans(plans, catalogue)
        for finding in findings:
            _error(str(finding))
        reported = read_submissions(submissions, loaded, catalogue) if submissions else None
        form = build_template(loaded, catalogue, unit, wanted, reported)
        emit(renderer("template", fmt)(form, RenderOptions(lang=_lang(lang))), output)
        return EXIT_OK

    raise typer.Exit(run_guarded(body, debug))
