"""validate through the CLI: kinds, exit codes and each CI format's exact shape."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from medreform_check.lint import RULES

from helpers import run_cli

PLAN = """schema_version: 1
plan:
  id: p
  title: T
  period: {start: 2023-01-01, end: 2025-12-31}
units:
  - {id: bureau, name: 局}
tasks:
  - {id: a, title: A, lead: bureau, deadline: 2025年前}
  - {id: b, title: "B, with: commas", lead: nobody, deadline: 2024}
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def run(*args: str):  # type: ignore[no-untyped-def]
    return run_cli(["validate", *args])


def test_text_lines(plan: Path, rules_dir: Path) -> None:
    result = run(str(plan), "--rules", str(rules_dir))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{plan}:9:47: warning: '2025年前' is ambiguous (before 2025, or by the end of it?); read as 2025-12-31: write '2025年底前' or '2024年底前' to say which [ambiguous-deadline]",
        f"{plan}:10:45: error: lead 'nobody' is not a unit of this plan [unknown-unit]",
        "1 error(s), 1 warning(s) in 1 file",
    ]


def test_warnings_alone_pass_unless_strict(plan: Path, rules_dir: Path) -> None:
    plan.write_text(PLAN.replace("lead: nobody", "lead: bureau"), encoding="utf-8")
    assert run(str(plan), "--rules", str(rules_dir)).exit_code == 0
    assert run(str(plan), "--rules", str(rules_dir), "--strict").exit_code == 1


def test_github_annotations(plan: Path, rules_dir: Path) -> None:
    lines = run(str(plan), "--rules", str(rules_dir), "-f", "github").stdout.splitlines()
    assert (
        lines[1]
        == f"::error file={plan},line=10,col=45,title=unknown-unit::lead 'nobody' is not a unit of this plan"
    )
    assert lines[0].startswith(
        f"::warning file={plan},line=9,col=47,title=ambiguous-deadline::'2025年前' is ambiguous"
    )
    assert lines[-1] == "medreform-check validate: 1 error(s), 1 warning(s) in 1 file"


def test_github_escapes_properties_and_data() -> None:
    from medreform_check.errors import Finding, Location, Severity
    from medreform_check.render.validation.github import annotation

    finding = Finding("schema", Severity.ERROR, Location("a,b:c.yaml", 3, 4), "50% done\nnext line")
    assert (
        annotation(finding)
        == "::error file=a%2Cb%3Ac.yaml,line=3,col=4,title=schema::50%25 done%0Anext line"
    )


def test_junit_has_a_testcase_per_file_failed_by_its_errors(
    plan: Path, tmp_path: Path, rules_dir: Path
) -> None:
    clean = tmp_path / "clean.csv"
    clean.write_text("unit,period,indicator,value\nbureau,2024-Q2,emr_level,3\n", encoding="utf-8")
    result = run(str(plan), str(clean), "--rules", str(rules_dir), "-f", "junit")
    root = ET.fromstring(result.stdout)
    assert root.tag == "testsuites"
    (suite,) = root
    assert (suite.get("name"), suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        "medreform-check validate",
        "2",
        "1",
        "0",
    )
    plan_case, csv_case = suite.findall("testcase")
    assert (plan_case.get("name"), plan_case.get("classname")) == (str(plan), "plan")
    (failure,) = plan_case.findall("failure")
    assert failure.get("type") == "unknown-unit"
    assert "ambiguous-deadline" in plan_case.findtext("system-out", "")
    assert csv_case.findall("failure") == []
    strict = ET.fromstring(
        run(str(plan), "--rules", str(rules_dir), "-f", "junit", "--strict").stdout
    )
    # With --strict the warning fails too: still one failed file, its one <failure> listing
    # both problems, so failures (1) never exceeds tests (1).
    assert (strict[0].get("tests"), strict[0].get("failures")) == ("1", "1")
    (failure,) = strict[0][0].findall("failure")
    assert failure.get("message", "").startswith("2 problems; first: ")
    assert "ambiguous-deadline" in (failure.text or "")
    assert "unknown-unit" in (failure.text or "")


def test_sarif_structure(plan: Path, rules_dir: Path) -> None:
    log = json.loads(run(str(plan), "--rules", str(rules_dir), "-f", "sarif").stdout)
    assert log["version"] == "2.1.0"
    (run_,) = log["runs"]
    driver = run_["tool"]["driver"]
    assert driver["name"] == "medreform-check"
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    assert all(
        r["shortDescription"]["text"] and r["fullDescription"]["text"] for r in driver["rules"]
    )
    results = run_["results"]
    assert [(r["ruleId"], r["level"]) for r in results] == [
        ("ambiguous-deadline", "warning"),
        ("unknown-unit", "error"),
    ]
    for result in results:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["message"]["text"]
        (location,) = result["locations"]
        region = location["physicalLocation"]["region"]
        artifact = location["physicalLocation"]["artifactLocation"]
        assert artifact == {"uri": plan.resolve().as_uri()} or artifact["uriBaseId"] == "%SRCROOT%"
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert results[1]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 10,
        "startColumn": 45,
    }


def test_json_format(plan: Path, rules_dir: Path) -> None:
    data = json.loads(run(str(plan), "--rules", str(rules_dir), "-f", "json").stdout)
    assert data["ok"] is False
    assert data["summary"] == {"files": 1, "errors": 1, "warnings": 1}
    (file,) = data["files"]
    assert (file["path"], file["kind"]) == (str(plan), "plan")
    assert file["findings"][1] == {
        "code": "unknown-unit",
        "severity": "error",
        "line": 10,
        "col": 45,
        "message": "lead 'nobody' is not a unit of this plan",
    }


def test_a_file_that_cannot_be_parsed_is_a_finding_not_exit_2(
    tmp_path: Path, rules_dir: Path
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("plan: [\n", encoding="utf-8")
    result = run(str(broken), "--rules", str(rules_dir))
    assert result.exit_code == 1
    # The line is where the list was left open; the column is the parser's to choose.
    assert result.stdout.startswith(f"{broken}:2:")
    assert "error: YAML syntax error" in result.stdout and "[yaml-syntax]" in result.stdout


def test_missing_paths_and_bad_arguments_exit_2(tmp_path: Path, rules_dir: Path) -> None:
    assert run(str(tmp_path / "nope.yaml"), "--rules", str(rules_dir)).exit_code == 2
    assert run(str(tmp_path), "-f", "xml").exit_code == 2
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    assert run(str(tmp_path / "notes.txt"), "--rules", str(rules_dir)).exit_code == 2


def test_directories_are_recursed_and_kinds_detected(
    plan: Path, tmp_path: Path, rules_dir: Path
) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "s.yaml").write_text(
        "schema_version: 1\nunit: bureau\nperiod: 2024-Q2\nvalues: []\n", encoding="utf-8"
    )
    (tmp_path / "sub" / "checks.yaml").write_text(
        "schema_version: 1\nchecks: []\n", encoding="utf-8"
    )
    data = json.loads(run(str(tmp_path), "--rules", str(rules_dir), "-f", "json").stdout)
    assert {(Path(f["path"]).name, f["kind"]) for f in data["files"]} == {
        ("plan.yaml", "plan"),
        ("s.yaml", "submission"),
        ("checks.yaml", "checks"),
    }


def test_the_repository_plans_and_rules_are_valid(rules_dir: Path) -> None:
    from helpers import ROOT

    result = run(str(ROOT / "rules"), *([str(ROOT / "plans")] if (ROOT / "plans").exists() else []))
    assert result.exit_code == 0, result.stdout


def test_schema_command_prints_each_schema() -> None:
    for kind in ("plan", "submission", "indicators", "checks"):
        result = run_cli(["schema", kind])
        assert result.exit_code == 0
        assert (
            json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        )
    assert run_cli(["schema", "report"]).exit_code == 2
