"""Values read as the user wrote them, not as YAML 1.1 would (issue 13, CONTRACT §1.4 "Numbers
and dates"), and `<<:` merge keys read as YAML means them."""

from __future__ import annotations

from pathlib import Path

import pytest

from medreform_check.loading.yamldoc import load_yaml_text

from helpers import ROOT, SMALL_PLAN, run_cli

RULES = str(ROOT / "rules")


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("075", 75),  # YAML 1.1: octal 61
        ("-012", -12),
        ("0x1F", "0x1F"),  # YAML 1.1: 31
        ("1_0", "1_0"),  # YAML 1.1: 10
        ("1:10", "1:10"),  # YAML 1.1: 70, base 60
        ("50:30:20", "50:30:20"),  # YAML 1.1: 180620
        ("0b101", "0b101"),
        (".inf", ".inf"),
        ("3.50", 3.5),
        ("7", 7),
    ],
)
def test_numbers_are_decimal_or_stay_text(written: str, read: object) -> None:
    doc = load_yaml_text(f"value: {written}\n", "x.yaml")
    assert doc.findings == []
    assert doc.data == {"value": read}
    assert type(doc.data["value"]) is type(read)


def submission(tmp_path: Path, values: list[str]) -> Path:
    rows = "".join(f"  - {{indicator: {i}, value: {v}}}\n" for i, v in values)
    path = tmp_path / "s.yaml"
    path.write_text(
        f"schema_version: 1\nunit: hospital\nperiod: 2023-Q4\nvalues:\n{rows}", encoding="utf-8"
    )
    return path


def test_yaml_number_traps_in_a_submission(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    path = submission(
        tmp_path,
        [("local_visit_rate", "075"), ("emr_level", "0x1F"), ("emr_level", "1_0"),
         ("emr_level", "1:10"), ("revenue_structure", "50:30:20")],
    )  # fmt: skip
    result = run_cli(["audit", str(plan), "-s", str(path), "--as-of", "2024-06-30",
                      "--rules", RULES, "-f", "json", "--fail-on", "none"])  # fmt: skip
    import json

    data = json.loads(result.stdout)
    assert [(r["line"], r["reason"]) for r in data["rejected"]] == [
        (6, "value: '0x1F' is not a number: hexadecimal is not read (write 31)"),
        (7, "value: '1_0' is not a number: write it without '_' (10)"),
        (
            8,
            "value: '1:10' is not a number (colons separate the parts of a composition, as in 50:30:20)",
        ),
    ]
    visits = next(r for r in data["results"] if r["task"] == "visits")
    assert visits["actual"] == 75  # 075 is seventy-five per cent, not 61


def test_a_merge_key_with_an_override_loads(tmp_path: Path) -> None:
    text = (
        "defaults: &d {title: 默认, lead: bureau, owners: [hospital], deadline: 2024-12-31}\n"
    ) + SMALL_PLAN.replace(
        "  - id: centre\n    title: 一站式服务中心\n",
        "  - <<: *d\n    id: centre\n    title: 一站式服务中心\n",
    )
    doc = load_yaml_text(text, "p.yaml")
    assert doc.findings == []
    centre = next(t for t in doc.data["tasks"] if t["id"] == "centre")
    assert centre["title"] == "一站式服务中心" and centre["lead"] == "bureau"
    # An override that comes first wins too; a key written twice by hand is still an error.
    doc = load_yaml_text("x:\n  b: 3\n  <<: {a: 1, b: 2}\n", "x.yaml")
    assert doc.findings == [] and doc.data == {"x": {"b": 3, "a": 1}}
    doc = load_yaml_text("x:\n  <<: {a: 1}\n  b: 3\n  b: 4\n", "x.yaml")
    assert [(f.code, f.where.line) for f in doc.findings] == [("duplicate-key", 4)]


def test_a_duplicate_made_through_an_alias_is_located_at_the_alias(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    text = SMALL_PLAN.replace("  - id: emr\n", "  - &emr\n    id: emr\n") + "  - *emr\n"
    plan.write_text(text, encoding="utf-8")
    last = len(text.splitlines())  # the alias is the last line, at column 5
    result = run_cli(["validate", str(plan), "--rules", RULES])
    assert f"{plan}:{last}:5: error: task id 'emr' is used twice" in result.stdout, result.stdout
