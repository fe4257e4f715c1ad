"""The benchmark's generator and runner: deterministic, valid data; a quick run that works."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from medreform_check.commands.validate import validate_paths

from helpers import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(folder)).encode())
            h.update(path.read_bytes())
    return h.hexdigest()


def test_the_same_arguments_give_the_same_bytes(tmp_path: Path) -> None:
    one = generate(tmp_path / "one", units=20, indicators=6, quarters=5, seed=7)
    two = generate(tmp_path / "two", units=20, indicators=6, quarters=5, seed=7)
    other = generate(tmp_path / "other", units=20, indicators=6, quarters=5, seed=8)
    assert digest(one) == digest(two) != digest(other)


def test_the_generated_files_validate_and_have_every_value(tmp_path: Path) -> None:
    data = generate(tmp_path / "data", units=12, indicators=6, quarters=4)
    csvs = sorted((data / "submissions").glob("*.csv"))
    assert len(csvs) == 4
    rows = sum(len(p.read_text(encoding="utf-8").splitlines()) - 1 for p in csvs)
    assert rows == 12 * 6 * 4  # units × indicators × quarters
    validation = validate_paths([data / "plan.yaml", data / "rules", *csvs], data / "rules")
    assert validation.errors == 0 and validation.warnings == 0, [
        str(f) for r in validation.files for f in r.findings
    ]


def test_the_quick_benchmark_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("medreform-check benchmark — ")
    assert any(line.startswith("1. audit ÷ csv.reader") for line in lines)
    assert any(line.startswith("2. peak RSS") for line in lines)
