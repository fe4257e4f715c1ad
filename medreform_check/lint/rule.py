"""What a finding code and a lint rule are: plain values, built without registering anything.

A ``FindingCode`` documents a code: its severity, what it looks at (its scope) and its
docstring, whose first sentence is the summary and whose ``Example:`` line is the example (the
README's table is generated from them). Loaders emit such codes while they read a file. A
``Rule`` is a code with a check: a plain function that yields ``(Location, message)``.

Nothing here keeps a list of codes: ``registry.py`` lists every one of them, explicitly.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from medreform_check.errors import Finding, Location, Severity

Problem = tuple[Location, str]
"""What a check yields: where the problem is, and the message for it."""

Scope = Literal["file", "plan", "catalogue", "checks", "submission"]
"""What a code looks at; the README's table is grouped in this order."""

SCOPES: tuple[Scope, ...] = ("file", "plan", "catalogue", "checks", "submission")

ContextT = TypeVar("ContextT")


@dataclass(frozen=True)
class FindingCode:
    """A stable finding code, its severity, its scope and its documentation."""

    code: str
    severity: Severity
    doc: str
    scope: Scope

    @property
    def summary(self) -> str:
        """The first paragraph, whole: a sentence may run over several lines of the
        docstring, and SARIF viewers show this text on its own."""
        paragraph = self.doc.strip().split("\n\n")[0].split("Example:")[0]
        return " ".join(paragraph.split())

    @property
    def name(self) -> str:
        """The code as a readable name, ``unknown-unit`` → ``UnknownUnit`` (SARIF wants a
        name different from the id)."""
        return "".join(part.capitalize() for part in self.code.split("-"))

    @property
    def example(self) -> str:
        for line in self.doc.splitlines():
            if line.strip().startswith("Example:"):
                return line.split("Example:", 1)[1].strip()
        return ""


@dataclass(frozen=True)
class Rule(FindingCode, Generic[ContextT]):
    """A finding code with the check that finds it, over one kind of context."""

    check: Callable[[ContextT], Iterator[Problem]]

    def findings(self, context: ContextT) -> Iterator[Finding]:
        for where, message in self.check(context):
            yield Finding(self.code, self.severity, where, message)


def rule(
    code: str, severity: Severity, scope: Scope
) -> Callable[[Callable[[ContextT], Iterator[Problem]]], Rule[ContextT]]:
    """Make a check function into a ``Rule``, documented by the function's docstring.

    Only a constructor: the rule counts once ``registry.py`` lists it.
    """

    def make(check: Callable[[ContextT], Iterator[Problem]]) -> Rule[ContextT]:
        return Rule(code, severity, inspect.getdoc(check) or "", scope, check)

    return make


def loader_code(code: str, severity: Severity, doc: str, scope: Scope = "file") -> FindingCode:
    """A code that loaders emit while they read a file; ``doc`` as a rule's docstring."""
    return FindingCode(code, severity, inspect.cleandoc(doc), scope)
