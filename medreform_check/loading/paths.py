"""From the paths a user names to the files a command reads.

A directory is walked in name order. Every file under it that is not read is listed with the
reason when the caller asks (``skipped``): another kind of file (a WPS ``.et``: "save it as
.xlsx"), an editor's lock file (``~$…``), a dangling symbolic link, a folder that cannot be
opened, a symbolic link that leads back into a folder being walked (a loop). A symbolically
linked folder is followed once.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from medreform_check.errors import Location, MedreformError
from medreform_check.model import Skipped
from medreform_check.vocabulary import Message

# Kinds an office may leave beside its submissions, and what to do with them.
_ADVICE = {
    ".et": "skip.wps",
    ".ett": "skip.wps",
    ".xlsm": "skip.macro",
    ".xlsb": "skip.binary",
    ".numbers": "skip.numbers",
    ".docx": "skip.document",
    ".doc": "skip.document",
    ".wps": "skip.document",
    ".pdf": "skip.document",
}


def files_under(
    paths: Iterable[Path],
    suffixes: Sequence[str],
    unsupported: str | None = None,
    empty: str | None = None,
    skipped: list[Skipped] | None = None,
) -> list[Path]:
    """Each named file, and for a named directory every file under it with one of
    ``suffixes``, in name order.

    ``unsupported`` is the message (with ``{suffix}`` and ``{expected}``) for a named file of
    another type; without it any named file is taken. ``empty`` is the message for a directory
    with no such file; without it an empty directory is fine. ``skipped`` collects the files
    under a directory that are not read, with the reason.
    """
    files: list[Path] = []
    for path in paths:
        where = Location(str(path))
        if path.is_dir():
            found = []
            for item in _walk(path, {os.path.realpath(path)}):
                if isinstance(item, Skipped):
                    if skipped is not None:
                        skipped.append(item)
                    continue
                if item.name.startswith("~$"):
                    if skipped is not None:
                        skipped.append(Skipped(str(item), None, Message("skip.lock_file")))
                    continue
                if item.suffix.lower() in suffixes:
                    found.append(item)
                elif skipped is not None:
                    skipped.append(Skipped(str(item), None, _reason(item, suffixes)))
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


def _reason(path: Path, suffixes: Sequence[str]) -> Message:
    advice = _ADVICE.get(path.suffix.lower())
    if advice is not None:
        return Message(advice)
    return Message("skip.other_kind", {"expected": ", ".join(suffixes)})


def _walk(folder: Path, walking: set[str]) -> Iterator[Path | Skipped]:
    """Files under ``folder`` in name order, depth first; ``walking`` holds the real paths of
    the folders being walked (a link back into one of them is a loop)."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Skipped(str(folder), None, Message("skip.unreadable_folder", {"why": exc.strerror}))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_symlink() and not path.exists():
            yield Skipped(str(path), None, Message("skip.dangling_link"))
        elif entry.is_dir():
            real = os.path.realpath(path)
            if real in walking:
                yield Skipped(str(path), None, Message("skip.link_loop", {"target": real}))
                continue
            yield from _walk(path, walking | {real})
        elif entry.is_file():
            yield path
        else:
            yield Skipped(str(path), None, Message("skip.not_a_file"))
