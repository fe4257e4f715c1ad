"""From the paths a user names to the files a command reads."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from medreform_check.errors import Location, MedreformError


def files_under(
    paths: Iterable[Path],
    suffixes: Sequence[str],
    unsupported: str | None = None,
    empty: str | None = None,
) -> list[Path]:
    """Each named file, and for a named directory every file under it with one of
    ``suffixes``, in name order.

    ``unsupported`` is the message (with ``{suffix}`` and ``{expected}``) for a named file of
    another type; without it any named file is taken. ``empty`` is the message for a directory
    with no such file; without it an empty directory is fine.
    """
    files: list[Path] = []
    for path in paths:
        where = Location(str(path))
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes
            )
            if empty and not found:
                raise MedreformError(empty, where)
            files += found
        elif path.is_file():
            if unsupported and path.suffix.lower() not in suffixes:
                expected = ", ".join(suffixes)
                raise MedreformError(
                    unsupported.format(suffix=path.suffix, expected=expected), where
                )
            files.append(path)
        elif path.exists():
            raise MedreformError("not a regular file", where)
        else:
            raise MedreformError("no such file or directory", where)
    return files
