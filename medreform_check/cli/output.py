"""Writing results: to a file atomically, or to standard output."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from medreform_check.errors import Location, MedreformError


class ReaderGone(Exception):
    """Standard output's reader went away (``… | head``). Not an OSError, so that click's
    own handling of a broken pipe (exit 1) never sees it; the error boundary stops quietly."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the whole new one.

    The data goes to a temporary file in the same directory, is flushed to disk, then
    renamed over ``path``; on any failure the temporary file is removed and ``path``
    is left as it was.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise MedreformError("cannot write: the directory does not exist", Location(str(path)))
    if path.is_dir():
        raise MedreformError("cannot write: this is a directory", Location(str(path)))
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise MedreformError(f"cannot write: {exc.strerror or exc}", Location(str(path))) from None
    try:
        # mkstemp makes the file private; give it the mode a plain open() would.
        os.fchmod(fd, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        if isinstance(exc, OSError):
            raise MedreformError(
                f"cannot write: {exc.strerror or exc}", Location(str(path))
            ) from None
        raise


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs(output: Path | None, inputs: Iterable[Path]) -> None:
    """Stop before anything is written if ``output`` is one of the files the run reads:
    compared by identity, so another spelling or a link of the same file is caught."""
    if output is None or str(output) == "-":
        return
    for read in inputs:
        if _same_file(output, read):
            raise MedreformError(
                f"--output is {read}, which this command reads; choose another file",
                Location(str(output)),
            )


def _identities(paths: Iterable[Path]) -> set[tuple[int, int]]:
    """(device, inode) of every file under ``paths``: what a run reads, however it is named."""
    found = set()
    for path in paths:
        for item in path.rglob("*") if path.is_dir() else (path,):
            try:
                info = item.stat()
            except OSError:
                continue
            found.add((info.st_dev, info.st_ino))
    return found


def write_each(
    directory: Path, files: Sequence[tuple[str, str | bytes]], inputs: Iterable[Path]
) -> list[Path]:
    """Write each ``(name, content)`` into ``directory``, each file atomically and one after
    the other (``--output-dir``); the directory is made if missing, and files of other names
    in it are left alone. Refused before anything is written when a file would replace one
    the run reads, or where a directory stands."""
    where = Location(str(directory))
    if directory.exists() and not directory.is_dir():
        raise MedreformError("--output-dir is a file, not a directory", where)
    targets = [directory / name for name, _ in files]
    read = _identities(inputs)
    for target in targets:
        if target.is_dir():
            raise MedreformError("cannot write: this is a directory", Location(str(target)))
        if target.exists() and (target.stat().st_dev, target.stat().st_ino) in read:
            raise MedreformError(
                "--output-dir would replace a file this command reads; choose another directory",
                Location(str(target)),
            )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise MedreformError(f"cannot make the directory: {exc.strerror or exc}", where) from None
    for target, (_, content) in zip(targets, files, strict=True):
        write_atomic(target, content)
    return targets


def emit(content: str | bytes, output: Path | None) -> None:
    """To ``output`` atomically when given, else to standard output."""
    if output is not None:
        write_atomic(output, content)
        return
    try:
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        else:
            sys.stdout.write(content)
        sys.stdout.flush()
    except BrokenPipeError:
        raise ReaderGone from None


# What a shell reports for a command whose reader went away (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


def reader_gone() -> int:
    """Standard output's reader has gone (``… | head``): stop quietly, as other command-line
    tools do. stdout now points at /dev/null so Python's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return EXIT_BROKEN_PIPE
