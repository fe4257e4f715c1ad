"""The command body the CLI calls: output written atomically, never over what it reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from drafting import NOTICE

from medreform_check.draft.command import run_draft
from medreform_check.draft.core import MedreformError

from helpers import ROOT


def test_writes_the_draft_to_the_output_file(tmp_path: Path) -> None:
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    output = tmp_path / "plan.yaml"
    assert run_draft(document, output, ROOT / "rules", "city-2024") == 0
    assert yaml.safe_load(output.read_text(encoding="utf-8"))["plan"]["id"] == "city-2024"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notice.txt", "plan.yaml"]


def test_writes_to_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    assert run_draft(document, None, ROOT / "rules", None) == 0
    assert "schema_version: 1" in capsys.readouterr().out


def test_never_overwrites_the_document_it_reads(tmp_path: Path) -> None:
    document = tmp_path / "notice.txt"
    document.write_text(NOTICE, encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(document)
    with pytest.raises(MedreformError, match="names a file this command reads"):
        run_draft(document, link, ROOT / "rules", None)
    assert document.read_text(encoding="utf-8") == NOTICE


def test_an_unreadable_document_names_its_path(tmp_path: Path) -> None:
    missing = tmp_path / "absent.docx"
    with pytest.raises(MedreformError) as caught:
        run_draft(missing, None, ROOT / "rules", None)
    assert str(missing) in str(caught.value)
