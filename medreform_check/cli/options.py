"""Options shared by several commands, and the conversions of their values.

Choices are Enums (``StrEnum``, so a member is also its text): the one way to declare them
that works from the lowest typer we support to the newest.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, TypeAlias

import typer

from medreform_check.errors import MedreformError, ParseError
from medreform_check.render import FORMATS

STATUS_NAMES = ("met", "met_late", "missed", "unreported", "at_risk", "pending", "waived")


class Lang(StrEnum):
    zh = "zh"
    en = "en"


class SplitBy(StrEnum):
    lead = "lead"
    unit = "unit"


class Layout(StrEnum):
    long = "long"  # one unit's rows
    wide = "wide"  # a 汇总表: a row per unit, a column per indicator


class FileKind(StrEnum):
    plan = "plan"
    submission = "submission"
    indicators = "indicators"
    checks = "checks"


def _formats(command: str) -> type[StrEnum]:
    """An Enum of the formats the command's renderers provide (the registry's keys)."""
    name = f"{command.title()}Format"
    return StrEnum(name, {fmt: fmt for fmt in FORMATS[command]})  # type: ignore[return-value]


if TYPE_CHECKING:  # to a type checker a format is its name
    AuditFormat: TypeAlias = str
    OverdueFormat: TypeAlias = str
    ValidateFormat: TypeAlias = str
    DiffFormat: TypeAlias = str
    TemplateFormat: TypeAlias = str
else:
    AuditFormat, OverdueFormat, ValidateFormat, DiffFormat, TemplateFormat = (
        _formats(c) for c in ("audit", "overdue", "validate", "diff", "template")
    )


def format_option() -> Any:
    return typer.Option("--format", "-f", help="Output format.")


AsOf = Annotated[
    Optional[str],  # noqa: UP045  (typer < 0.12.4 cannot read `str | None`)
    typer.Option("--as-of", metavar="DATE", help="Evaluate as of this date (default: today)."),
]
KnownBy = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--known-by",
        metavar="DATE",
        help="Count only what was submitted by this date (to reproduce an audit published then).",
    ),
]
CompareTo = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option(
        "--compare-to",
        metavar="DATE",
        help="Also evaluate as of this earlier date and show what changed since.",
    ),
]


def output_path(text: str) -> Path:
    """``--output``: a file name, or ``-`` for standard output. A name ending in a slash
    names a directory, which one command never writes into: refused before ``Path`` drops
    the slash (``-o reports/`` must not create a file called ``reports``)."""
    if text.endswith(("/", os.sep)):
        raise typer.BadParameter(f"'{text}' names a directory; --output writes one file")
    return Path(text)


Output = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        parser=output_path,
        help="Write here (atomically; '-': standard output) instead of standard output.",
    ),
]
LangOption = Annotated[
    Optional[Lang],  # noqa: UP045
    typer.Option("--lang", help="Labels and headings (default: from LANG)."),
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
    bool,
    typer.Option(
        "--verbose", "-v", help="Say how each file was read; print the plans' lint warnings."
    ),
]
Plans = Annotated[list[Path], typer.Argument(metavar="PLAN...", help="Plan files or directories.")]
SubmissionPaths = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option(
        "--submissions", "-s", metavar="PATH", help="Submission files or directories (repeatable)."
    ),
]


def as_of_date(text: str | None) -> date:
    if text is None:
        return date.today()
    return option_date(text, "--as-of")


def option_date(text: str, option: str) -> date:
    from medreform_check.language.periods import parse_date

    try:
        return parse_date(text)
    except ParseError as exc:
        raise MedreformError(f"{option}: {exc}") from None


def optional_date(text: str | None, option: str) -> date | None:
    return None if text is None else option_date(text, option)


def language(option: str | None) -> str:
    if option:
        return str(option)
    from medreform_check.vocabulary import default_lang

    return default_lang(os.environ)


def to_file(output: Path | None) -> bool:
    """Whether the output goes to a file rather than standard output (``-``)."""
    return output is not None and str(output) != "-"


def _terminal() -> bool:
    return sys.stdout is not None and sys.stdout.isatty()


def use_color(no_color: bool, output: Path | None) -> bool:
    if no_color or os.environ.get("NO_COLOR") or to_file(output):
        return False
    return _terminal()


def width(output: Path | None) -> int:
    if to_file(output) or not _terminal():
        return 100
    return shutil.get_terminal_size((100, 24)).columns


def statuses(text: str, option: str) -> frozenset[Any]:
    from medreform_check.report import Status

    if text.strip() == "none":
        return frozenset()
    names = [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in STATUS_NAMES]
    if unknown:
        raise MedreformError(
            f"{option}: unknown status '{unknown[0]}' (expected {', '.join(STATUS_NAMES)})"
        )
    return frozenset(Status(n) for n in names)
