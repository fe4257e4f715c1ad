"""``python -m medreform_check`` and the ``medreform-check`` console script."""

from __future__ import annotations

import sys


def main() -> None:
    # `--version` alone needs none of the CLI machinery; answer it before importing any.
    if sys.argv[1:] == ["--version"]:
        from . import __version__

        sys.stdout.write(f"medreform-check {__version__}\n")
        return
    from .cli import app

    app(prog_name="medreform-check")


if __name__ == "__main__":
    main()
