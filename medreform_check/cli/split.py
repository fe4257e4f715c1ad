"""``overdue --split-by lead|unit --output-dir DIR``: one 督办单 per responsible unit, each
rendered before any is written, then written file by file, atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from medreform_check.errors import MedreformError

# The file each format is written to by --output-dir, named by the unit's id.
SPLIT_SUFFIXES = {"docx": ".docx", "markdown": ".md", "html": ".html", "xlsx": ".xlsx",
                  "csv": ".csv", "json": ".json"}  # fmt: skip


def split_format(
    fmt: str | None, split_by: str | None, output: Path | None, output_dir: Path | None
) -> str:
    """The format to write, once --split-by, --output-dir and --output agree."""
    if output is not None and output_dir is not None:
        raise MedreformError("--output and --output-dir cannot be used together: choose one")
    if (split_by is None) != (output_dir is None):
        raise MedreformError("--split-by and --output-dir go together: give both, or neither")
    if split_by is None:
        return str(fmt or "table")
    chosen = str(fmt or "docx")
    if chosen not in SPLIT_SUFFIXES:
        raise MedreformError(
            f"--split-by writes files: choose --format {'|'.join(SPLIT_SUFFIXES)}, not {chosen}"
        )
    return chosen


def write_split(
    listed: Any,
    by: str,
    fmt: str,
    directory: Path,
    inputs: list[Path],
    rules: Path | None,
    options: Any,
) -> None:
    """Each unit's 督办单 rendered (all of them, before anything is written), then written
    file by file; the paths written go to standard output, one a line."""
    from medreform_check.cli.output import write_each
    from medreform_check.commands.overdue import split_overdue
    from medreform_check.loading.rules import find_rules_dir
    from medreform_check.render import renderer

    render = renderer("overdue", fmt)
    files = [
        (f"{unit}{SPLIT_SUFFIXES[fmt]}", render(notice, options))
        for unit, notice in split_overdue(listed, by)
    ]
    for path in write_each(directory, files, [*inputs, find_rules_dir(rules)]):
        typer.echo(str(path))
