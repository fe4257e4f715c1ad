"""The console script's entry point, and where the rules come from."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from medreform_check import __main__ as entry
from medreform_check.errors import InvalidInput, MedreformError
from medreform_check.loading.rules import find_rules_dir, read_catalogue, read_checks

from helpers import ROOT


def test_main_exits_with_the_command_s_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "argv", ["medreform-check", "--version"])
    entry.main()  # the fast path returns without exiting
    assert capsys.readouterr().out.startswith("medreform-check ")
    monkeypatch.setattr(sys, "argv", ["medreform-check", "validate", str(ROOT / "nowhere.yaml")])
    with pytest.raises(SystemExit) as exited:
        entry.main()
    assert exited.value.code == 2
    assert "nowhere.yaml: error: no such file or directory" in capsys.readouterr().err


def test_an_explicit_rules_directory_must_hold_a_catalogue(tmp_path: Path) -> None:
    with pytest.raises(MedreformError, match="no such directory"):
        find_rules_dir(tmp_path / "missing")
    with pytest.raises(MedreformError, match=r"no indicators\.yaml"):
        find_rules_dir(tmp_path)
    assert find_rules_dir(ROOT / "rules") == ROOT / "rules"


def test_broken_rules_stop_with_every_finding(tmp_path: Path) -> None:
    (tmp_path / "indicators.yaml").write_text("schema_version: 1\nindicators: {x: {kind: rate}}\n")
    with pytest.raises(InvalidInput) as broken:
        read_catalogue(tmp_path)
    # A rate needs its name and which way is better (CONTRACT §1.1).
    assert sorted(f.message for f in broken.value.findings) == [
        "missing required key 'better'",
        "missing required key 'name'",
    ]
    catalogue = read_catalogue(ROOT / "rules")
    assert read_checks(tmp_path, catalogue) == []  # no checks.yaml: no checks
    (tmp_path / "checks.yaml").write_text("schema_version: 1\nchecks: [{id: c}]\n")
    with pytest.raises(InvalidInput):
        read_checks(tmp_path, catalogue)
