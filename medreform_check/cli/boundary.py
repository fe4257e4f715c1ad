"""The one place where exceptions become exit codes, for every command (CONTRACT §3).

Modelled on pre-commit's ``error_handler``: expected failures are one line on stderr and exit
2; a bug is exit 3 with the traceback only under ``--debug``; an interruption (Ctrl-C,
SIGTERM, SIGHUP) is 128 + the signal's number, after every ``finally`` has run, so an output
being written is discarded and the previous file kept.
"""

from __future__ import annotations

import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

from medreform_check.cli.output import ReaderGone, reader_gone
from medreform_check.errors import InvalidInput, MedreformError
from medreform_check.vocabulary import escape_controls

EXIT_OK, EXIT_FAILED, EXIT_UNUSABLE, EXIT_INTERNAL = 0, 1, 2, 3
_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Interrupted(BaseException):
    """A signal asked us to stop. A BaseException, like KeyboardInterrupt, so no ``except
    Exception`` swallows it; but not a KeyboardInterrupt, which typer and click would turn
    into their own exit codes."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


def _raise_interrupted(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextmanager
def signals_raise() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP raise ``Interrupted`` while the command runs."""
    previous: dict[signal.Signals, Any] = {}
    try:
        for signum in _SIGNALS:
            previous[signum] = signal.signal(signum, _raise_interrupted)
    except ValueError:  # not the main thread: leave signals as they are
        pass
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def say(message: str) -> None:
    """One line to stderr, whatever it holds: control characters from input written out
    (``\\x1b``, ``\\n``), characters the stream's encoding lacks as ``\\u…`` escapes (a
    latin-1 terminal still gets the message); nothing if stderr is gone (a closed stderr
    must not hide the exit code)."""
    stream = sys.stderr
    if stream is None:
        return
    encoding = getattr(stream, "encoding", None) or "utf-8"
    line = escape_controls(message) + "\n"
    try:
        stream.write(line.encode(encoding, "backslashreplace").decode(encoding))
        stream.flush()
    except (OSError, ValueError, LookupError):
        pass


def _usage_error_type() -> type[Exception]:
    """Click's ``ClickException``, as the typer in use ships it: typer < 0.26 re-exports the
    click package's exceptions, later typers carry their own copy of click. Found from the
    public ``typer.BadParameter``, one of its subclasses, so no click import is needed."""
    import typer

    return next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def run_guarded(command: Callable[[], int], debug: bool) -> int:
    """Run ``command`` and map whatever it raises to an exit code."""
    try:
        with signals_raise():
            return command()
    except InvalidInput as exc:
        for finding in exc.findings:
            say(str(finding))
        return EXIT_UNUSABLE
    except MedreformError as exc:
        where = f"{exc.where}: error" if exc.where else "medreform-check: error"
        say(f"{where}: {exc.message}")
        return EXIT_UNUSABLE
    except Interrupted as exc:
        say("medreform-check: interrupted")
        return 128 + exc.signum
    except ReaderGone:
        return reader_gone()
    except Exception as exc:
        if isinstance(exc, _usage_error_type()):
            exc.show()  # type: ignore[attr-defined]  # click's own usage message
            return int(exc.exit_code)  # type: ignore[attr-defined]
        if debug:
            traceback.print_exc()
        say(
            f"medreform-check: internal error: {type(exc).__name__}: {exc} "
            "(run with --debug for details)"
        )
        return EXIT_INTERNAL
