"""The command line: ``main`` parses arguments with typer, runs the command inside the one
error boundary, and returns the exit code."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from medreform_check.cli.boundary import EXIT_OK, run_guarded


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``medreform-check`` with ``argv`` (default: the process's arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)

    def invoke() -> int:
        from medreform_check.cli.app import app

        code = app(args=args, prog_name="medreform-check", standalone_mode=False)
        return code if isinstance(code, int) else EXIT_OK

    return run_guarded(invoke, debug="--debug" in args)


__all__ = ["main"]
