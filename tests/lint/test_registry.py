"""The registry: every code listed once, documented, and in step with the README."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator

import pytest

import medreform_check.lint
from medreform_check.errors import Finding, Location, Severity
from medreform_check.lint.loader_codes import LOADER_CODES
from medreform_check.lint.registry import (
    CATALOGUE_RULES,
    PLAN_RULES,
    RULES,
    codes_table,
    index_codes,
)
from medreform_check.lint.rule import SCOPES, FindingCode, Problem, Rule, loader_code, rule

from helpers import ROOT

DOC = """Something wrong.
Example: `x: y`"""


def complain(context: str) -> Iterator[Problem]:
    """Something wrong with the context.
    Example: `x: y`"""
    yield Location("p.yaml", 3, 5), f"wrong: {context}"


def defined_in_lint_modules() -> Iterator[FindingCode]:
    """Every code any module of the lint package defines, whether listed or not."""
    for module_info in pkgutil.iter_modules(medreform_check.lint.__path__):
        module = importlib.import_module(f"medreform_check.lint.{module_info.name}")
        for value in vars(module).values():
            if isinstance(value, FindingCode):
                yield value
            elif isinstance(value, tuple):
                yield from (item for item in value if isinstance(item, FindingCode))


def test_every_code_is_listed_once() -> None:
    listed = [c.code for c in (*CATALOGUE_RULES, *LOADER_CODES, *PLAN_RULES)]
    assert len(listed) == len(set(listed))
    assert list(RULES) == listed


def test_every_rule_written_is_listed_in_the_registry() -> None:
    # Registration is explicit: a rule written but not listed would silently never run.
    listed = {id(c) for c in RULES.values()}
    forgotten = sorted(c.code for c in defined_in_lint_modules() if id(c) not in listed)
    assert forgotten == []


def test_rules_run_on_the_scope_they_document() -> None:
    assert {r.scope for r in PLAN_RULES} == {"plan"}
    assert {r.scope for r in CATALOGUE_RULES} == {"catalogue"}
    for finding_code in LOADER_CODES:
        assert not isinstance(finding_code, Rule), finding_code.code
        assert finding_code.scope in SCOPES, finding_code.code


def test_every_code_is_documented_with_a_summary_and_an_example() -> None:
    for code, finding_code in RULES.items():
        assert finding_code.summary, code
        assert not finding_code.summary.startswith("Example:"), code
        assert finding_code.example, code


def test_the_readme_table_is_the_one_generated_from_the_registry() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- codes:start -->\n", 1)[1].split("<!-- codes:end -->", 1)[0]
    assert table == codes_table(), "regenerate it: scripts/update-readme-codes"
    rows = [line.split("`")[1] for line in table.splitlines()[2:]]
    assert sorted(rows) == sorted(RULES)


def test_a_loader_code_given_twice_is_refused() -> None:
    first = loader_code("x", Severity.ERROR, DOC)
    second = loader_code("x", Severity.WARNING, DOC, scope="submission")
    with pytest.raises(ValueError, match="lint code x registered twice"):
        index_codes([first, second])


def test_a_rule_given_twice_is_refused() -> None:
    first = rule("x", Severity.ERROR, "plan")(complain)
    second = rule("x", Severity.WARNING, "catalogue")(complain)
    with pytest.raises(ValueError, match="lint code x registered twice"):
        index_codes([first, second])


def test_a_rule_and_a_loader_code_may_not_share_a_code() -> None:
    with pytest.raises(ValueError, match="lint code x registered twice"):
        index_codes(
            [loader_code("x", Severity.ERROR, DOC), rule("x", Severity.ERROR, "plan")(complain)]
        )


def test_making_a_rule_registers_nothing() -> None:
    made = rule("not-listed", Severity.ERROR, "plan")(complain)
    loader_code("not-listed-either", Severity.ERROR, DOC)
    assert "not-listed" not in RULES
    assert "not-listed-either" not in RULES
    assert made.check is complain


def test_a_rule_is_documented_by_its_docstring_and_turns_problems_into_findings() -> None:
    made = rule("x", Severity.WARNING, "plan")(complain)
    assert made.summary == "Something wrong with the context."
    assert made.example == "`x: y`"
    assert list(made.findings("ctx")) == [
        Finding("x", Severity.WARNING, Location("p.yaml", 3, 5), "wrong: ctx")
    ]
