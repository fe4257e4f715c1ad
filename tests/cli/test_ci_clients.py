"""JUnit and SARIF as the real clients read them (issue 14).

No package ships xunit's ``junit-10.xsd`` or the SARIF 2.1.0 schema, so the constraints those
files state are written here by hand (attributes and children each element allows, required
properties, the URI formats); junitparser and jsonschema's format checker are the real
clients we run.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree as ET

import pytest

from medreform_check.commands.validate import FileReport, Validation
from medreform_check.errors import Finding, Location, Severity
from medreform_check.lint import RULES
from medreform_check.render import RenderOptions
from medreform_check.render.validation import junit

from helpers import ROOT, SMALL_PLAN, run_cli

RULES_DIR = str(ROOT / "rules")

# --- JUnit: what xunit's junit-10.xsd allows ------------------------------------------------

# element -> (required attributes, allowed attributes, allowed children)
JUNIT_10 = {
    "testsuites": (set(), {"name", "time", "tests", "failures", "errors"}, {"testsuite"}),
    "testsuite": (
        {"name", "tests", "failures", "errors"},
        {"name", "tests", "failures", "errors", "group", "time", "skipped", "timestamp",
         "hostname", "id", "package", "file", "log", "url"},
        {"testsuite", "properties", "testcase", "system-out", "system-err"},
    ),
    "testcase": (
        {"name"},
        {"name", "time", "classname", "group"},
        {"skipped", "error", "failure", "rerunFailure", "rerunError", "flakyFailure",
         "flakyError", "system-out", "system-err"},
    ),
    "failure": (set(), {"type", "message"}, set()),
    "error": (set(), {"type", "message"}, set()),
    "skipped": (set(), {"type", "message"}, set()),
    "system-out": (set(), set(), set()),
    "system-err": (set(), set(), set()),
}  # fmt: skip


def assert_junit_10(text: str) -> ET.Element:
    """Parse (well-formedness) and check every element against junit-10.xsd's rules."""
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    for element in root.iter():
        assert element.tag in JUNIT_10, element.tag
        required, allowed, children = JUNIT_10[element.tag]
        assert required <= set(element.attrib), (element.tag, element.attrib)
        assert set(element.attrib) <= allowed, (element.tag, set(element.attrib) - allowed)
        assert {child.tag for child in element} <= children, element.tag
    for suite in [root, *root.iter("testsuite")]:
        cases = list(suite.iter("testcase"))
        failed = [c for c in cases if c.find("failure") is not None]
        # tests, failures and errors agree with the cases on every suite
        assert suite.get("tests") == str(len(cases))
        assert suite.get("failures") == str(len(failed))
        assert suite.get("errors") == "0"
    return root


def junitparser_counts(text: str, tmp_path: Path) -> list[tuple[int, int]]:
    """(tests, failures) of each suite as junitparser reads the file."""
    from junitparser import Failure, JUnitXml

    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    counts = []
    for suite in xml:
        failed = sum(any(isinstance(r, Failure) for r in case.result) for case in suite)
        assert failed <= suite.tests
        assert (suite.tests, suite.failures) == (len(list(suite)), failed)
        counts.append((suite.tests, suite.failures))
    return counts


def test_junit_of_a_real_run_fits_junit_10_and_junitparser(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    # Two errors in one file (an unknown unit twice on different lines) and a clean file:
    # tests 2, failures 1 — never more failures than tests.
    plan.write_text(
        SMALL_PLAN.replace("lead: bureau", "lead: nobody").replace(
            "owners: [hospital]\n    deadline: 2024-05-31",
            "owners: [nowhere]\n    deadline: 2024-05-31",
        ),
        encoding="utf-8",
    )
    clean = tmp_path / "clean.csv"
    clean.write_text(
        "unit,period,indicator,value\nhospital,2024-Q2,emr_level,3\n", encoding="utf-8"
    )
    result = run_cli(["validate", str(plan), str(clean), "--rules", RULES_DIR, "-f", "junit"])
    assert result.exit_code == 1, result.stderr
    root = assert_junit_10(result.stdout)
    (failure,) = root.iter("failure")
    assert failure.get("message", "").startswith("2 problems; first: ")
    assert junitparser_counts(result.stdout, tmp_path) == [(2, 1)]


HOSTILE = [
    "esc\x1b[31m red",
    "bell\x07 nul\x00 vt\x0b",
    "lone \ud800 surrogate",
    "not\ufffe a char",
    "]]> <tag> & 'quotes' \"dq\"",
    "new\nline\r\ncarriage",
    "阿拉善 医改方案",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_junit_is_well_formed_whatever_the_input(text: str, tmp_path: Path) -> None:
    finding = Finding("yaml-syntax", Severity.ERROR, Location(f"{text}.yaml", 2, 3), text)
    warning = Finding("ambiguous-deadline", Severity.WARNING, Location(f"{text}.yaml", 4), text)
    validation = Validation((FileReport(f"{text}.yaml", None, (finding, warning)),), notes=(text,))
    rendered = junit.render(validation, RenderOptions())
    assert isinstance(rendered, str)
    root = assert_junit_10(rendered)
    assert junitparser_counts(rendered, tmp_path) == [(1, 1)]
    # Nothing was dropped: the characters XML cannot carry are spelt out.
    case = next(root.iter("testcase"))
    assert "\\x1b" in case.get("name", "") if "\x1b" in text else True
    assert "\\ud800" in case.get("name", "") if "\ud800" in text else True


def test_xml_text_spells_out_only_what_xml_cannot_hold() -> None:
    assert junit.xml_text("a\x1bb\x00c\td\ne\rf") == "a\\x1bb\\x00c\td\ne\rf"
    assert junit.xml_text("\ufffe中\uffff") == "\\ufffe中\\uffff"


# --- SARIF 2.1.0: the official schema's constraints on what we write -----------------------

_MESSAGE = {
    "type": "object",
    "required": ["text"],
    "properties": {"text": {"type": "string", "minLength": 1}},
    "additionalProperties": False,
}
_ARTIFACT_LOCATION = {
    "type": "object",
    "properties": {
        "uri": {"type": "string", "format": "uri-reference"},
        "uriBaseId": {"type": "string"},
    },
    "required": ["uri"],
    "additionalProperties": False,
}
_RULE = {
    "type": "object",
    "required": ["id"],
    "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"},
        "shortDescription": _MESSAGE,
        "fullDescription": _MESSAGE,
        "help": _MESSAGE,
        "helpUri": {"type": "string", "format": "uri"},
        "defaultConfiguration": {
            "type": "object",
            "properties": {"level": {"enum": ["none", "note", "warning", "error"]}},
            "additionalProperties": False,
        },
    },
    "additionalProperties": False,
}
_RESULT = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "ruleId": {"type": "string"},
        "ruleIndex": {"type": "integer", "minimum": -1},
        "level": {"enum": ["none", "note", "warning", "error"]},
        "message": _MESSAGE,
        "locations": {
            "type": "array",
            "minItems": 0,
            "uniqueItems": True,
            "items": {
                "type": "object",
                "properties": {
                    "physicalLocation": {
                        "type": "object",
                        "properties": {
                            "artifactLocation": _ARTIFACT_LOCATION,
                            "region": {
                                "type": "object",
                                "properties": {
                                    "startLine": {"type": "integer", "minimum": 1},
                                    "startColumn": {"type": "integer", "minimum": 1},
                                },
                                "additionalProperties": False,
                            },
                        },
                        "additionalProperties": False,
                    }
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}
SARIF_2_1_0 = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"enum": ["2.1.0"]},
        "runs": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {"type": "array", "uniqueItems": True, "items": _RULE},
                                },
                                "additionalProperties": False,
                            }
                        },
                        "additionalProperties": False,
                    },
                    "originalUriBaseIds": {
                        "type": "object",
                        "additionalProperties": {
                            "type": "object",
                            "properties": {"uri": {"type": "string", "format": "uri"}},
                            "additionalProperties": False,
                        },
                    },
                    "invocations": {"type": "array"},
                    "results": {"type": "array", "items": _RESULT},
                },
                "additionalProperties": False,
            },
        },
    },
    "additionalProperties": False,
}


def check_sarif(text: str) -> dict[str, Any]:
    from jsonschema import Draft7Validator

    checker = Draft7Validator.FORMAT_CHECKER
    # jsonschema[format] is what checks URIs: without it, `format` passes everything.
    assert {"uri", "uri-reference"} <= set(checker.checkers), "install jsonschema[format]"
    assert not checker.conforms("plans/阿拉善 医改方案.yaml", "uri-reference")
    log: dict[str, Any] = json.loads(text)
    errors = list(Draft7Validator(SARIF_2_1_0, format_checker=checker).iter_errors(log))
    assert errors == [], [e.message for e in errors]
    return log


def files_of(log: dict[str, Any]) -> list[Path]:
    """Each result's file, resolved the way a SARIF viewer does: uri against its base."""
    (run,) = log["runs"]
    bases = {name: base["uri"] for name, base in run["originalUriBaseIds"].items()}
    found = []
    for result in run["results"]:
        location = result["locations"][0]["physicalLocation"]["artifactLocation"]
        uri = location["uri"]
        assert not uri.startswith("../") and "/../" not in uri
        full = bases[location["uriBaseId"]] + uri if "uriBaseId" in location else uri
        assert urlsplit(full).scheme == "file"
        found.append(Path(unquote(urlsplit(full).path)))
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A git work tree holding a plan with a Chinese name and a space, and one error in it."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "plans").mkdir()
    plan = tmp_path / "plans" / "阿拉善 医改方案.yaml"
    plan.write_text(SMALL_PLAN.replace("lead: bureau", "lead: nobody"), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("where", ["root", "subdirectory", "absolute"])
def test_sarif_fits_the_schema_and_points_into_the_work_tree(
    repo: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = repo / "plans" / "阿拉善 医改方案.yaml"
    cwd, argument = {
        "root": (repo, "plans/阿拉善 医改方案.yaml"),
        "subdirectory": (repo / "plans", "阿拉善 医改方案.yaml"),
        "absolute": (Path("/"), str(plan)),
    }[where]
    monkeypatch.chdir(cwd)
    result = run_cli(["validate", argument, "--rules", RULES_DIR, "-f", "sarif"])
    assert result.exit_code == 1, result.stderr
    log = check_sarif(result.stdout)
    (run,) = log["runs"]
    if where == "absolute":  # outside any work tree: the root is the current directory, /
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///"}}
    else:
        assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": repo.resolve().as_uri() + "/"}}
        location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location == {
            "uri": "plans/%E9%98%BF%E6%8B%89%E5%96%84%20%E5%8C%BB%E6%94%B9%E6%96%B9%E6%A1%88.yaml",
            "uriBaseId": "%SRCROOT%",
        }
    assert files_of(log) == [plan.resolve()]


def test_a_file_outside_the_work_tree_keeps_an_absolute_uri(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere") / "p #1.yaml"
    elsewhere.write_text(SMALL_PLAN.replace("lead: bureau", "lead: nobody"), encoding="utf-8")
    monkeypatch.chdir(repo)
    log = check_sarif(
        run_cli(["validate", str(elsewhere), "--rules", RULES_DIR, "-f", "sarif"]).stdout
    )
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert "uriBaseId" not in location["artifactLocation"]
    assert location["artifactLocation"]["uri"].endswith("/p%20%231.yaml")
    assert files_of(log) == [elsewhere.resolve()]


def test_sarif_rules_have_names_and_whole_descriptions() -> None:
    result = run_cli(["validate", str(ROOT / "plans"), "--rules", RULES_DIR, "-f", "sarif"])
    log = check_sarif(result.stdout)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["informationUri"].startswith("https://")
    assert [r["id"] for r in driver["rules"]] == list(RULES)
    for rule in driver["rules"]:
        assert rule["name"] != rule["id"]
        assert rule["name"][0].isupper() and "-" not in rule["name"]
        for text in (rule["shortDescription"]["text"], rule["fullDescription"]["text"]):
            assert text.endswith("."), (rule["id"], text)  # never cut mid-sentence
    by_id = {r["id"]: r for r in driver["rules"]}
    assert by_id["unknown-unit"]["name"] == "UnknownUnit"
    # the first line of this docstring ends in "bounds,": the whole sentence is kept
    assert by_id["row-value"]["shortDescription"]["text"].endswith(
        "a bad composition or yes/no answer."
    )


def test_repeated_findings_are_one_result_in_every_format(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    rows = "".join(f"x,2024-Q2,emr_level,{k}\n" for k in range(13))
    subs = tmp_path / "s.csv"
    subs.write_text("unit,period,indicator,value\n" + rows, encoding="utf-8")
    # 13 rows (lines 2–14) name the unknown unit 'x': one finding, its count, the first lines
    expected = "unknown unit 'x' on 13 rows (lines 2, 3, 4, …)"
    outputs = {
        fmt: run_cli(["validate", str(plan), str(subs), "--rules", RULES_DIR, "-f", fmt]).stdout
        for fmt in ("text", "json", "github", "junit", "sarif")
    }
    for fmt, text in outputs.items():
        assert text.count(expected) == (2 if fmt == "junit" else 1), (fmt, text)
    results = json.loads(outputs["sarif"])["runs"][0]["results"]
    assert [r["message"]["text"] for r in results] == [expected]
    (finding,) = json.loads(outputs["json"])["files"][1]["findings"]
    assert (finding["line"], finding["message"]) == (2, expected)
    assert outputs["text"].splitlines()[0] == f"{subs}:2:1: error: {expected} [row-unknown]"


def test_the_root_is_the_work_tree_of_a_git_worktree_file(tmp_path: Path) -> None:
    from medreform_check.render.validation.sarif import source_root

    (tmp_path / ".git").write_text("gitdir: /elsewhere\n", encoding="utf-8")  # a worktree
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert source_root(tmp_path / "a" / "b") == tmp_path.resolve()
    os_root = Path(os.path.abspath(os.sep))
    assert source_root(os_root) == os_root
