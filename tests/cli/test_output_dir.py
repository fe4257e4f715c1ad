"""write_each, the --output-dir writer: refusals that come before anything is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from medreform_check.cli.output import write_each
from medreform_check.errors import MedreformError


def test_a_directory_where_a_file_would_go(tmp_path: Path) -> None:
    (tmp_path / "a.md").mkdir()
    with pytest.raises(MedreformError, match="this is a directory"):
        write_each(tmp_path, [("b.md", "b"), ("a.md", "a")], [])
    assert not (tmp_path / "b.md").exists()  # refused before the first file


def test_a_directory_that_cannot_be_made(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(MedreformError, match="cannot make the directory"):
        write_each(tmp_path / "file" / "sub", [("a.md", "a")], [])


def test_inputs_that_cannot_be_read_are_no_obstacle(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "gone").symlink_to(tmp_path / "nowhere")  # a dangling link under an input
    written = write_each(tmp_path / "out", [("a.md", "a")], [inputs, tmp_path / "missing"])
    assert written == [tmp_path / "out" / "a.md"]
    assert written[0].read_text(encoding="utf-8") == "a"


def test_a_link_to_an_input_is_caught(tmp_path: Path) -> None:
    source = tmp_path / "subs.csv"
    source.write_text("unit,value\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "hospital.csv").symlink_to(source)
    with pytest.raises(MedreformError, match="reads"):
        write_each(out, [("hospital.csv", "x")], [source])
    assert source.read_text(encoding="utf-8") == "unit,value\n"
