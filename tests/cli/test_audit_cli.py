"""The audit command's wiring: formats, exit codes, errors, output files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from helpers import run_cli


def audit(files: dict[str, Path], *args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    argv = ["audit", str(files["plan"]), "-s", str(files["subs"]), *args]
    return run_cli(argv, env={"LANG": "C", **(env or {})})


def test_json_matches_the_contract_field_for_field(files: dict[str, Path], rules_dir: Path) -> None:
    result = audit(files, "--as-of", "2024-06-30", "--format", "json", "--rules", str(rules_dir))
    data = json.loads(result.stdout)
    assert list(data) == [
        "as_of",
        "known_by",
        "plans",
        "summary",
        "results",
        "rejected",
        "warnings",
        "reporting",
        "units",
        "skipped",
    ]
    assert data["as_of"] == "2024-06-30" and data["plans"] == ["small"]
    # The hospital owns all three: emr met, the centre done in time, the visit rate missed
    # (aspirational, but overdue all the same): 2 of 3, 100 × 2 ÷ 3 = 66.67 %.
    assert data["units"] == [
        {"unit": "hospital", "name": "综合医院", "parent": None, "due": 3, "met": 2, "overdue": 1,
         "rate": 66.6666666667}
    ]  # fmt: skip
    assert data["known_by"] is None
    assert list(data["summary"]) == [
        "met",
        "met_late",
        "missed",
        "unreported",
        "at_risk",
        "pending",
        "waived",
    ]
    emr = data["results"][0]
    assert list(emr) == [
        "plan", "task", "title", "lead", "period", "deadline", "target", "status", "level",
        "actual", "actual_at_deadline", "units", "missing_units", "days_overdue", "completed_on", "message",
    ]  # fmt: skip
    assert emr == {
        "plan": "small", "task": "emr", "title": "电子病历3级", "lead": "bureau", "period": None,
        "deadline": "2023-12-31", "target": ">= 3", "status": "met", "level": None, "actual": 3, "actual_at_deadline": 3,
        "units": ["hospital"], "missing_units": [], "days_overdue": None, "completed_on": None, "message": "",
    }  # fmt: skip
    # The 75% visit rate missed its 80% target, but the target is aspirational (力争).
    visits = data["results"][2]
    assert (visits["status"], visits["days_overdue"], visits["actual"]) == ("missed", 182, 75)
    assert visits["message"] == "aspirational target (力争)"
    assert data["summary"] == {
        "met": 2,
        "met_late": 0,
        "missed": 1,
        "unreported": 0,
        "at_risk": 0,
        "pending": 0,
        "waived": 0,
    }
    assert result.exit_code == 0  # aspirational misses do not fail the run


def test_strict_makes_aspirational_misses_fail(files: dict[str, Path], rules_dir: Path) -> None:
    result = audit(files, "--as-of", "2024-06-30", "--strict", "--rules", str(rules_dir))
    assert result.exit_code == 1


def test_fail_on_chooses_the_failing_statuses(files: dict[str, Path], rules_dir: Path) -> None:
    # As of 2024-05-15 the centre (due 2024-05-31, done 2024-05-20) is at risk.
    assert audit(files, "--as-of", "2024-05-15", "--rules", str(rules_dir)).exit_code == 0
    assert (
        audit(
            files, "--as-of", "2024-05-15", "--fail-on", "at_risk", "--rules", str(rules_dir)
        ).exit_code
        == 1
    )


def test_a_missed_task_fails_the_run(files: dict[str, Path], rules_dir: Path) -> None:
    text = files["plan"].read_text(encoding="utf-8").replace("    aspirational: true\n", "")
    files["plan"].write_text(text, encoding="utf-8")
    assert audit(files, "--as-of", "2024-06-30", "--rules", str(rules_dir)).exit_code == 1


def test_a_rejected_row_fails_the_run_and_is_listed(
    files: dict[str, Path], rules_dir: Path
) -> None:
    (files["subs"] / "bad.csv").write_text(
        "unit,period,indicator,value\nnobody,2024-Q1,emr_level,3\n", encoding="utf-8"
    )
    result = audit(files, "--as-of", "2024-06-30", "--format", "json", "--rules", str(rules_dir))
    assert result.exit_code == 1
    rejected = json.loads(result.stdout)["rejected"]
    assert rejected == [
        {
            "file": str(files["subs"] / "bad.csv"),
            "line": 2,
            "unit": "nobody",
            "reason": "unknown unit 'nobody'",
        }
    ]


def test_an_invalid_plan_exits_2_with_located_messages(
    files: dict[str, Path], rules_dir: Path
) -> None:
    files["plan"].write_text(
        files["plan"].read_text(encoding="utf-8").replace('target: ">= 3"', "target: lots"),
        encoding="utf-8",
    )
    result = audit(files, "--as-of", "2024-06-30", "--rules", str(rules_dir))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{files['plan']}:16:13: error: 'lots' is not a target: it has no comparison (expected '>= 3', "
        "'<= 30%', 'between 2 and 3', 'increase', 'decrease', 'ratio 5:3:2 ± 5', '不低于80%', '30%以内' "
        "or a mapping {op: '>=', value: 3}) [bad-target]\n"
    )


def test_a_missing_plan_exits_2(files: dict[str, Path], rules_dir: Path) -> None:
    result = run_cli(
        [
            "audit",
            str(files["dir"] / "nope.yaml"),
            "--as-of",
            "2024-06-30",
            "--rules",
            str(rules_dir),
        ],
    )
    assert result.exit_code == 2
    assert result.stderr == f"{files['dir'] / 'nope.yaml'}: error: no such file or directory\n"


def test_bad_arguments_exit_2(files: dict[str, Path], rules_dir: Path) -> None:
    assert audit(files, "--as-of", "2024-02-30").exit_code == 2
    assert (
        "--as-of: 2024-02-30 is not a calendar date" in audit(files, "--as-of", "2024-02-30").stderr
    )
    assert audit(files, "--format", "pdf").exit_code == 2
    assert audit(files, "--fail-on", "late").exit_code == 2
    assert audit(files, "--lang", "fr").exit_code == 2


def test_output_is_written_and_matches_stdout(files: dict[str, Path], rules_dir: Path) -> None:
    target = files["dir"] / "out.json"
    common = ("--as-of", "2024-06-30", "--format", "json", "--rules", str(rules_dir))
    to_file = audit(files, *common, "--output", str(target))
    assert to_file.stdout == ""
    assert target.read_text(encoding="utf-8") == audit(files, *common).stdout
    assert [p.name for p in files["dir"].iterdir() if p.name.startswith(".out.json")] == []


def test_output_into_a_missing_directory_exits_2(files: dict[str, Path], rules_dir: Path) -> None:
    result = audit(
        files,
        "--as-of",
        "2024-06-30",
        "--rules",
        str(rules_dir),
        "-o",
        str(files["dir"] / "no" / "x.txt"),
    )
    assert result.exit_code == 2
    assert "the directory does not exist" in result.stderr


def test_table_in_chinese_without_colour(files: dict[str, Path], rules_dir: Path) -> None:
    result = audit(
        files, "--as-of", "2024-06-30", "--lang", "zh", "--no-color", "--rules", str(rules_dir)
    )
    assert "\x1b[" not in result.stdout
    assert "✓ 已达标" in result.stdout and "✗ 逾期未达标" in result.stdout
    assert "汇总" in result.stdout


def test_lang_defaults_from_the_environment(files: dict[str, Path], rules_dir: Path) -> None:
    result = audit(
        files, "--as-of", "2024-06-30", "--rules", str(rules_dir), env={"LANG": "zh_CN.UTF-8"}
    )
    assert "已达标" in result.stdout
    result = audit(
        files, "--as-of", "2024-06-30", "--rules", str(rules_dir), env={"LANG": "en_US.UTF-8"}
    )
    assert "met" in result.stdout and "已达标" not in result.stdout


def test_version_and_module_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "medreform_check", "--version"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (result.returncode, result.stdout) == (0, "medreform-check 0.1.0\n")
    assert run_cli(["--version"]).stdout == "medreform-check 0.1.0\n"


def test_the_shipped_rules_are_found_outside_a_checkout(files: dict[str, Path]) -> None:
    # Run from a directory with no ./rules: the copy installed with the package is used.
    env = {**os.environ, "LANG": "C"}
    argv = [
        sys.executable,
        "-m",
        "medreform_check",
        "audit",
        str(files["plan"]),
        "-s",
        str(files["subs"]),
        "--as-of",
        "2024-06-30",
        "-f",
        "json",
    ]
    result = subprocess.run(
        argv, capture_output=True, text=True, cwd=files["dir"], env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"]["met"] == 2


def test_overdue_command_exits_0_and_lists_the_overdue(
    files: dict[str, Path], rules_dir: Path
) -> None:
    argv = [
        "overdue",
        str(files["plan"]),
        "-s",
        str(files["subs"]),
        "--as-of",
        "2024-06-30",
        "--rules",
        str(rules_dir),
        "-f",
        "json",
    ]
    result = run_cli(argv)
    assert result.exit_code == 0  # the list was produced, whatever it holds
    assert [r["task"] for r in json.loads(result.stdout)["results"]] == ["visits"]
    assert run_cli([*argv[:-2], "-f", "pdf"]).exit_code == 2


def test_verbose_says_how_each_file_was_read(files: dict[str, Path], rules_dir: Path) -> None:
    (files["subs"] / "extra.csv").write_bytes(
        "unit,period,indicator,value\nhospital,2024-Q2,emr_level,3\n".encode("gb18030")
    )
    result = audit(
        files, "--as-of", "2024-06-30", "--rules", str(rules_dir), "--verbose", "-f", "json"
    )
    assert (
        f"{files['subs'] / 'extra.csv'}: CSV, UTF-8" in result.stderr.splitlines()
    )  # ASCII is valid UTF-8
    (files["subs"] / "extra.csv").write_bytes(
        "单位,报告期,指标,数值\n综合医院,2024-Q2,emr_level,3\n".encode("gb18030")
    )
    result = audit(files, "--as-of", "2024-06-30", "--rules", str(rules_dir), "-v", "-f", "json")
    assert f"{files['subs'] / 'extra.csv'}: CSV, GB18030" in result.stderr.splitlines()
    assert json.loads(result.stdout)["rejected"] == []


def test_template_of_an_unknown_period_or_unit_exits_2(
    files: dict[str, Path], rules_dir: Path
) -> None:
    base = ["template", str(files["plan"]), "--rules", str(rules_dir)]
    assert run_cli([*base, "--unit", "hospital", "--period", "2024-Q5"]).exit_code == 2
    bad_unit = run_cli([*base, "--unit", "nobody", "--period", "2024-Q2"])
    assert bad_unit.exit_code == 2 and "no unit 'nobody'" in bad_unit.stderr
    ok = run_cli(
        [*base, "--unit", "综合医院", "--period", "2024-Q2", "-f", "csv"], env={"LANG": "C"}
    )
    assert ok.exit_code == 0 and ok.stdout.startswith("\ufeffunit,period,indicator")


def test_the_demo_audit_prints_nothing_on_stderr() -> None:
    from helpers import ROOT

    argv = ["audit", str(ROOT / "plans" / "alxa-hitech-2023-2025.yaml"), "-s",
            str(ROOT / "examples" / "submissions"), "--as-of", "2024-06-30", "--fail-on", "none"]  # fmt: skip
    result = run_cli(argv)
    assert (result.exit_code, result.stderr) == (0, "")


def test_plan_warnings_are_printed_only_with_verbose(
    files: dict[str, Path], rules_dir: Path
) -> None:
    """Lint is validate's job; audit, overdue and template show a plan's warnings on request."""
    files["plan"].write_text(
        files["plan"]
        .read_text(encoding="utf-8")
        .replace("deadline: 2024-05-31", "deadline: 2025年前"),
        encoding="utf-8",
    )
    plan, subs, rules = str(files["plan"]), str(files["subs"]), str(rules_dir)
    as_of = ["--as-of", "2024-06-30", "--rules", rules]
    commands = [
        ["audit", plan, "-s", subs, "--fail-on", "none", *as_of],
        ["overdue", plan, "-s", subs, *as_of],
        ["template", plan, "--unit", "hospital", "--period", "2024-Q1", "--rules", rules],
    ]
    for argv in commands:
        quiet = run_cli(argv)
        assert quiet.exit_code == 0 and quiet.stderr == "", (argv[0], quiet.stderr)
        assert "[ambiguous-deadline]" in run_cli([*argv, "--verbose"]).stderr, argv[0]
