"""``medreform-check draft DOCUMENT [--output FILE] [--rules DIR] [--plan-id ID]``: the body
of the command, for the CLI to call inside its error handler (it returns the exit code)."""

from __future__ import annotations

import os
from pathlib import Path

from .core import Location, MedreformError, emit, find_rules_dir, read_catalogue
from .plan import draft_plan


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def run_draft(document: Path, output: Path | None, rules: Path | None, plan_id: str | None) -> int:
    """Draft ``document`` and write the plan to ``output`` (atomically) or standard output.
    ``--output`` may not name a file this run reads: the document or the catalogue."""
    rules_dir = find_rules_dir(rules)
    catalogue_path = rules_dir / "indicators.yaml"
    if output is not None and str(output) != "-":
        for read in (document, catalogue_path):
            if _same_file(output, read):
                raise MedreformError(
                    "--output names a file this command reads; choose another",
                    Location(str(output)),
                )
    draft = draft_plan(document, read_catalogue(rules_dir), plan_id)
    emit(draft.text, None if output is None or str(output) == "-" else output)
    return 0
