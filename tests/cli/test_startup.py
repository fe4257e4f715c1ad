"""Start-up shortcuts: --version and --help answered without the CLI, and still right."""

from __future__ import annotations

import os
import subprocess
import sys

from medreform_check import __version__
from medreform_check.help_text import TOP_LEVEL


def test_the_stored_help_is_what_typer_prints() -> None:
    # Through typer itself, in a process of its own as a user runs it (CliRunner wraps help
    # text differently from a real terminal).
    code = "from medreform_check.cli import app; app(['--help'], prog_name='medreform-check')"
    for columns in ("80", "132"):
        env = {**os.environ, "COLUMNS": columns}
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
        )
        assert result.stdout == TOP_LEVEL


def test_help_and_version_do_not_load_the_cli() -> None:
    code = (
        "import sys, io; sys.argv = ['medreform-check', '--help']; sys.stdout = io.StringIO();"
        "from medreform_check.__main__ import main; main();"
        "assert not any(m in sys.modules for m in ('typer', 'click', 'rich', 'openpyxl', 'yaml')), sorted(sys.modules)"
    )
    env = {**os.environ, "COLUMNS": "100"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    result = subprocess.run(
        [sys.executable, "-m", "medreform_check", "--version"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout == f"medreform-check {__version__}\n"


def test_a_narrow_terminal_gets_typer_wrapping() -> None:
    env = {**os.environ, "COLUMNS": "60"}
    result = subprocess.run(
        [sys.executable, "-m", "medreform_check", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout != TOP_LEVEL
    assert "Check health-reform action plans against what\n" in result.stdout


def test_importing_the_cli_loads_neither_excel_nor_json_schema() -> None:
    code = "import sys, medreform_check.cli; assert 'openpyxl' not in sys.modules and 'jsonschema' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
