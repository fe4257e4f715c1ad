"""Start-up: --version answered without the CLI; importing the CLI loads nothing it does not need."""

from __future__ import annotations

import subprocess
import sys

from medreform_check import __version__


def test_version_does_not_load_the_cli() -> None:
    code = (
        "import sys, io; sys.argv = ['medreform-check', '--version']; sys.stdout = io.StringIO();"
        "from medreform_check.__main__ import main; main();"
        "assert not any(m in sys.modules for m in ('typer', 'click', 'rich', 'openpyxl', 'yaml')), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
    result = subprocess.run(
        [sys.executable, "-m", "medreform_check", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == f"medreform-check {__version__}\n"


def test_help_lists_every_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "medreform_check", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0
    for command in ("audit", "validate", "schema", "diff", "overdue", "template"):
        assert command in result.stdout


def test_importing_the_cli_loads_neither_excel_nor_json_schema() -> None:
    code = "import sys, medreform_check.cli.app; assert 'openpyxl' not in sys.modules and 'jsonschema' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
