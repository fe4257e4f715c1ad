"""`medreform-check draft` through the CLI: output written atomically, never over what it reads."""

from __future__ import annotations

from pathlib import Path

import yaml
from drafting import NOTICE

from helpers import ROOT, run_cli

RULES = ["--rules", str(ROOT / "rules")]


def test_writes_the_draft_to_the_output_file(tmp_path: Path) -> None:
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    output = tmp_path / "plan.yaml"
    result = run_cli(["draft", str(document), "-o", str(output), "--plan-id", "city-2024", *RULES])
    assert result.exit_code == 0, result.stderr
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["plan"]["id"] == "city-2024"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.txt", "plan.yaml"]


def test_writes_to_standard_output(tmp_path: Path) -> None:
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    result = run_cli(["draft", str(document), *RULES])
    assert result.exit_code == 0 and "schema_version: 1" in result.stdout


def test_never_overwrites_the_document_it_reads(tmp_path: Path) -> None:
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(document)
    result = run_cli(["draft", str(document), "-o", str(link), *RULES])
    assert result.exit_code == 2 and "which this command reads" in result.stderr
    assert document.read_text(encoding="utf-8") == NOTICE


def test_an_unreadable_document_names_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "absent.docx"
    result = run_cli(["draft", str(missing), *RULES])
    assert result.exit_code == 2 and str(missing) in result.stderr
