"""``python -m medreform_check`` and the ``medreform-check`` console script."""

from __future__ import annotations

import os
import sys

# Typer wraps help text to the terminal, up to 80 columns; the stored copy is that width.
_HELP_WIDTH = 80


def _wide_enough() -> bool:
    try:
        columns = (
            int(os.environ.get("COLUMNS", "0")) or os.get_terminal_size(sys.stdout.fileno()).columns
        )
    except (OSError, ValueError):
        return True  # not a terminal: typer would use 80 columns too
    return columns >= _HELP_WIDTH


def main() -> None:
    try:
        _main()
    except BrokenPipeError:  # `medreform-check --help | head -1`
        from .output import reader_gone

        sys.exit(reader_gone())


def _main() -> None:
    # `--version` and `--help` alone need none of the CLI machinery (typer and click cost
    # more than the answer); everything else goes to the CLI.
    arguments = sys.argv[1:]
    if arguments == ["--version"]:
        from . import __version__

        sys.stdout.write(f"medreform-check {__version__}\n")
        return
    if arguments in (["--help"], ["-h"]) and _wide_enough():
        from .help_text import TOP_LEVEL

        sys.stdout.write(TOP_LEVEL)
        return
    from .cli import app

    app(prog_name="medreform-check")


if __name__ == "__main__":
    main()
