"""Errors and findings: values that carry the file and position they are about."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from medreform_check.vocabulary import Message, escape_controls


class Location(NamedTuple):
    """A place in an input file; line and col are 1-based, None when unknown.

    A named tuple rather than a frozen dataclass: every submitted row carries one, and a
    tuple is three times cheaper to build.
    """

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        parts = [escape_controls(self.path)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.col is not None:
                parts.append(str(self.col))
        return ":".join(parts)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in one input file, with a stable code."""

    code: str
    severity: Severity
    where: Location
    message: str

    def __str__(self) -> str:
        """One line whatever the input: control characters in the path or the message
        (a newline in a YAML key or a file name, ESC, BEL) are written out."""
        message = escape_controls(self.message)
        return f"{self.where}: {self.severity.value}: {message} [{self.code}]"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


class MedreformError(Exception):
    """An expected failure the user can act on (bad input, bad arguments).

    The CLI prints it as one line and exits 2; anything else is a bug.
    """

    def __init__(self, message: str, where: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def cannot_read(path: object, exc: OSError) -> MedreformError:
    """The error for a file the system would not let us read."""
    return MedreformError(f"cannot read: {exc.strerror or exc}", Location(str(path)))


class ParseError(MedreformError, ValueError):
    """A value that does not parse — a number, date, period, deadline, target or rule.

    Raised by the parsers without a position; the loader that called them knows the file,
    line and column and reports the message there. ``detail`` keeps the reason as data, so a
    report can word it in either language; ``message`` is its English wording. Also a
    ``ValueError``, the usual type for a value of the right type but the wrong content.
    """

    def __init__(self, detail: Message | str) -> None:
        self.detail = detail if isinstance(detail, Message) else Message("text", {"text": detail})
        super().__init__(str(self.detail))


class InvalidInput(MedreformError):
    """Input files that cannot be used; carries every finding, not just the first."""

    def __init__(self, findings: list[Finding]) -> None:
        errors = [f for f in findings if f.is_error]
        super().__init__(
            f"{len(errors)} error(s) in input files", errors[0].where if errors else None
        )
        self.findings = findings

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self.findings if f.is_error)
