"""``python -m medreform_check`` and the ``medreform-check`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    # `--version` alone needs none of the CLI machinery (typer costs more than the answer).
    if sys.argv[1:] == ["--version"]:
        from medreform_check import __version__

        sys.stdout.write(f"medreform-check {__version__}\n")
        return
    from medreform_check.cli import main as run

    sys.exit(run())


if __name__ == "__main__":
    main()
