"""Writing results: to a file atomically, or to standard output (CONTRACT §3 "Output paths").

- ``-`` is standard output.
- A regular file (or a name not yet taken) is written atomically: a temporary file in the same
  directory, flushed to disk, renamed over the target; an interruption or a failure leaves the
  previous file as it was and no temporary file behind.
- A symbolic link is written through: the file it points to is replaced, atomically, at the
  target's own path, and the link stays a link.
- A character device or a FIFO (``/dev/null``, ``/dev/stdout``, a named pipe) is opened and
  written directly: renaming a file over it would replace the device with a regular file.
- A directory is an error: one command writes one file through ``--output``.
- An output that is one of the run's inputs is refused before anything is written
  (``refuse_inputs``), compared by identity so ``./x``, ``x``, hard and symbolic links match.

Standard output that cannot take the output — closed, full (``/dev/full``), or a terminal whose
encoding lacks the characters — is an error about the environment (exit 2), not a bug.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from medreform_check.errors import Location, MedreformError


class ReaderGone(Exception):
    """Standard output's reader went away (``… | head``). Not an OSError, so that click's
    own handling of a broken pipe (exit 1) never sees it; the error boundary stops quietly."""


# The signals the error boundary turns into an interruption; held while a file is renamed.
_STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _cannot_write(path: Path, exc: OSError) -> MedreformError:
    return MedreformError(f"cannot write: {exc.strerror or exc}", Location(str(path)))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait while the temporary file exists: a signal arriving
    then is delivered when the block ends, by which time the temporary file is either
    renamed into place or removed. ``write_atomic`` checks for a waiting signal before the
    rename, so an interrupted run keeps the previous file."""
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, _STOP_SIGNALS)
    except (AttributeError, OSError, ValueError):  # no POSIX signal masks here
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _stop_waiting() -> bool:
    """Whether one of the stop signals arrived while held."""
    try:
        return bool(signal.sigpending() & _STOP_SIGNALS)
    except (AttributeError, OSError):
        return False


def write_atomic(path: Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` so that readers see the old file or the whole new one.

    The data goes to a temporary file in the same directory, is flushed to disk, then
    renamed over ``path``; on any failure or interruption the temporary file is removed and
    ``path`` is left as it was.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise MedreformError("cannot write: the directory does not exist", Location(str(path)))
    if path.is_dir():
        raise MedreformError("cannot write: this is a directory", Location(str(path)))
    with _signals_held():
        try:
            fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        try:
            # mkstemp makes the file private; give it the mode a plain open() would.
            os.fchmod(fd, path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_umask())
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            if _stop_waiting():  # interrupted: keep the previous file
                os.unlink(temp_name)
                return  # the held signal is delivered as the block ends
            os.replace(temp_name, path)
        except BaseException as exc:
            with contextlib.suppress(OSError):
                os.unlink(temp_name)
            if isinstance(exc, OSError):
                raise _cannot_write(path, exc) from None
            raise


def _write_directly(path: Path, data: bytes) -> None:
    """A device or a pipe: opened and written in place, never replaced."""
    try:
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
    except OSError as exc:
        raise _cannot_write(path, exc) from None


def write_output(path: Path, content: str | bytes) -> None:
    """Write ``--output``: through a symlink to its target, directly to a device or FIFO,
    atomically to a regular file."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        mode = os.stat(path).st_mode
    except OSError:
        mode = None  # not there yet (or a dangling link): a new regular file
    if mode is not None and (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)):
        _write_directly(path, data)
        return
    # A link is followed to the file it names, so the new content lands there and the link
    # stays; realpath follows a chain of links and a dangling one alike.
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    write_atomic(target, data)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino)


def _files_of(path: Path, suffixes: tuple[str, ...]) -> Iterator[Path]:
    """``path`` itself, or the files under it that the run reads (by suffix)."""
    if not path.is_dir():
        yield path
        return
    for folder, _, names in os.walk(path, followlinks=True):
        for name in names:
            if name.lower().endswith(suffixes):
                yield Path(folder) / name


def refuse_inputs(
    output: Path | None, inputs: Iterable[Path | None], suffixes: tuple[str, ...] = ()
) -> None:
    """Stop before anything is written if ``output`` is one of the files the run reads:
    compared by identity (device and inode), so another spelling, a hard link or a symbolic
    link of the same file is caught. An input directory stands for the files under it whose
    names end in one of ``suffixes`` (those the command reads from a directory)."""
    if output is None or str(output) == "-":
        return
    written = _identity(output)
    if written is None or not stat.S_ISREG(os.stat(output).st_mode):
        return  # nothing there yet, or a device: no input is overwritten
    for given in inputs:
        if given is None or str(given) == "-":
            continue
        for read in _files_of(given, suffixes):
            if _identity(read) == written:
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
    """To ``output`` (see ``write_output``) when given and not ``-``, else to standard
    output."""
    if output is not None and str(output) != "-":
        write_output(output, content)
        return
    to_stdout(content)


def to_stdout(content: str | bytes) -> None:
    stream = sys.stdout
    if stream is None:  # started with standard output closed (`>&-`)
        raise MedreformError("cannot write the output: standard output is closed")
    try:
        if isinstance(content, bytes):
            stream.flush()
            stream.buffer.write(content)
        else:
            _encodable(content, stream.encoding)
            stream.write(content)
        stream.flush()
    except BrokenPipeError:
        raise ReaderGone from None
    except (OSError, ValueError) as exc:
        discard_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise MedreformError(f"cannot write to standard output: {reason}") from None


def _encodable(text: str, encoding: str | None) -> None:
    """Refuse, before writing anything, output that the terminal's encoding cannot carry."""
    if not encoding:
        return
    try:
        text.encode(encoding)
    except UnicodeEncodeError as exc:
        char = exc.object[exc.start]
        raise MedreformError(
            f"standard output's encoding ({encoding}) cannot show U+{ord(char):04X}: "
            "use --output FILE, or set PYTHONIOENCODING=utf-8 or a UTF-8 locale (LANG=C.UTF-8)"
        ) from None
    except LookupError:
        return


def discard_stdout() -> None:
    """Point standard output at /dev/null, so that Python's final flush of what is left in
    its buffer does not fail again (and print a traceback) on the way out."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# What a shell reports for a command whose reader went away (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


def reader_gone() -> int:
    """Standard output's reader has gone (``… | head``): stop quietly, as other command-line
    tools do. stdout now points at /dev/null so Python's final flush does not fail again."""
    discard_stdout()
    return EXIT_BROKEN_PIPE
