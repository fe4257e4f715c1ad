"""Every finding code, its severity and its documentation, in one registry.

Rules are plain functions registered with ``@rule``; their docstring is their
documentation (the README's table is generated from it). Codes that loaders emit
while parsing are registered with ``loader_code`` so they are documented too.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from medreform_check.errors import Finding, Location, Severity

Problem = tuple[Location, str]
Check = Callable[[Any], Iterator[Problem]]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    doc: str
    scope: str  # what it looks at: plan, catalogue, checks, submission, file
    check: Check | None = None

    @property
    def summary(self) -> str:
        return self.doc.strip().splitlines()[0]

    @property
    def example(self) -> str:
        for line in self.doc.splitlines():
            if line.strip().startswith("Example:"):
                return line.split("Example:", 1)[1].strip()
        return ""

    def findings(self, context: Any) -> Iterator[Finding]:
        assert self.check is not None
        for where, message in self.check(context):
            yield Finding(self.code, self.severity, where, message)


RULES: dict[str, Rule] = {}


def rule(code: str, severity: Severity, scope: str) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if code in RULES:
            raise ValueError(f"lint code {code} registered twice")
        RULES[code] = Rule(code, severity, inspect.getdoc(check) or "", scope, check)
        return check

    return register


def loader_code(code: str, severity: Severity, doc: str, scope: str = "file") -> None:
    RULES[code] = Rule(code, severity, inspect.cleandoc(doc), scope)


def rules_for(scope: str) -> list[Rule]:
    return [r for r in RULES.values() if r.scope == scope and r.check is not None]


def codes_table() -> str:
    """The README's table of codes, made from the rules' docstrings."""
    lines = ["| code | severity | what it finds | example |", "|---|---|---|---|"]
    for rule in sorted(RULES.values(), key=lambda r: (_SCOPES.index(r.scope), r.code)):
        summary = " ".join(rule.doc.split("Example:")[0].split())
        example = rule.example.replace("|", "\\|")
        lines.append(f"| `{rule.code}` | {rule.severity.value} | {summary} | {example} |")
    return "\n".join(lines) + "\n"


_SCOPES = ("file", "plan", "catalogue", "checks", "submission")
