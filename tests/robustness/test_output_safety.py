"""Where output goes (issue 13, CONTRACT §3 "Output paths"), and the environment it goes into.

Nothing a run reads is ever overwritten by it; ``-`` is standard output; links are written
through, devices and pipes written in place; an interruption keeps the previous file; a
closed, full or narrow-encoded standard stream is reported as such (exit 2), never as a bug.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from helpers import ROOT, SMALL_PLAN, SMALL_SUBMISSION, run_cli

RULES = ROOT / "rules"
DOCUMENT = "阿拉善高新区2024年深化医改工作要点\n一、到2024年底，县域内就诊率达到90%。\n"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "q4.yaml").write_text(SMALL_SUBMISSION, encoding="utf-8")
    (tmp_path / "doc.txt").write_text(DOCUMENT, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    for name in ("indicators.yaml", "checks.yaml"):
        (tmp_path / "rules" / name).write_bytes((RULES / name).read_bytes())
    return tmp_path


COMMANDS = {
    "audit": ["audit", "plan.yaml", "-s", "subs", "--as-of", "2024-06-30", "-f", "json"],
    "overdue": ["overdue", "plan.yaml", "-s", "subs", "--as-of", "2024-06-30", "-f", "json"],
    "template": ["template", "plan.yaml", "-u", "hospital", "-p", "2024-Q2", "-s", "subs"],
    "validate": ["validate", "plan.yaml", "subs"],
    "diff": ["diff", "plan.yaml", "plan.yaml"],
    "draft": ["draft", "doc.txt"],
}
# Each command, and an input it reads, spelt as the user might spell it.
VICTIMS = [
    ("audit", "plan.yaml"),
    ("audit", "subs/q4.yaml"),  # a file found by walking a directory argument
    ("audit", "rules/checks.yaml"),  # a rules file, read without being named
    ("overdue", "./plan.yaml"),
    ("template", "subs/../plan.yaml"),
    ("validate", "plan.yaml"),
    ("validate", "subs/q4.yaml"),
    ("diff", "plan.yaml"),
    ("draft", "doc.txt"),
    ("draft", "rules/indicators.yaml"),
]


@pytest.mark.parametrize(("command", "victim"), VICTIMS)
@pytest.mark.parametrize("spelling", ["same", "hard link", "symlink"])
def test_output_that_is_an_input_is_refused_before_anything_is_written(
    work: Path, command: str, victim: str, spelling: str
) -> None:
    before = (work / victim).read_bytes()
    output = victim
    if spelling == "hard link":
        output = "other-name.yaml"
        os.link(work / victim, work / output)
    elif spelling == "symlink":
        output = "link.yaml"
        (work / output).symlink_to(work / victim)
    result = run_cli([*COMMANDS[command], "--rules", "rules", "-o", output])
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{Path(output)}: error: --output is ")
    assert line.endswith(", which this command reads; choose another file")
    assert (work / victim).read_bytes() == before
    assert result.stdout == ""
    assert not list(work.rglob("*.tmp"))


def test_diff_from_standard_input_refuses_its_new_plan(work: Path) -> None:
    result = run_cli(["diff", "-", "plan.yaml", "--rules", "rules", "-o", "plan.yaml"],
                     input=SMALL_PLAN)  # fmt: skip
    assert result.exit_code == 2 and "which this command reads" in result.stderr


def test_an_unrelated_existing_file_is_replaced(work: Path) -> None:
    (work / "report.json").write_text("old\n", encoding="utf-8")
    result = run_cli([*COMMANDS["audit"], "--rules", "rules", "-o", "report.json"])
    assert result.exit_code == 0, result.stderr
    assert (work / "report.json").read_text(encoding="utf-8").startswith("{")


def test_dash_is_standard_output(work: Path) -> None:
    result = run_cli([*COMMANDS["audit"], "--rules", "rules", "-o", "-"])
    assert result.exit_code == 0 and result.stdout.startswith("{")
    assert not (work / "-").exists()


def test_a_symlink_is_written_through_to_its_target(work: Path) -> None:
    (work / "reports").mkdir()
    target = work / "reports" / "latest.json"
    target.write_text("old\n", encoding="utf-8")
    (work / "out.json").symlink_to(target)
    result = run_cli([*COMMANDS["audit"], "--rules", "rules", "-o", "out.json"])
    assert result.exit_code == 0, result.stderr
    assert (work / "out.json").is_symlink()  # still a link, to the same file
    assert os.readlink(work / "out.json") == str(target)
    assert target.read_text(encoding="utf-8").startswith("{")
    assert not list(work.rglob("*.tmp"))


def test_a_dangling_symlink_creates_its_target(work: Path) -> None:
    (work / "out.json").symlink_to(work / "new.json")
    assert run_cli([*COMMANDS["audit"], "--rules", "rules", "-o", "out.json"]).exit_code == 0
    assert (work / "out.json").is_symlink() and (work / "new.json").read_text().startswith("{")


def test_a_character_device_stays_a_device() -> None:
    null = Path("/dev/null")
    if not null.is_char_device():
        pytest.skip("/dev/null is not a device on this machine (something replaced it)")
    device = null.stat().st_rdev
    result = run_cli(["schema", "plan", "-o", str(null)])
    assert result.exit_code == 0, result.stderr
    assert null.is_char_device() and null.stat().st_rdev == device


def test_a_fifo_is_written_in_place(work: Path) -> None:
    fifo = work / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run_cli(["schema", "plan", "-o", str(fifo)])
    reader.join(timeout=10)
    assert result.exit_code == 0, result.stderr
    assert received and received[0].startswith(b"{")
    assert fifo.is_fifo()


def test_a_full_device_is_a_clear_error() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    result = run_cli(["schema", "plan", "-o", "/dev/full"])
    assert result.exit_code == 2
    assert result.stderr == "/dev/full: error: cannot write: No space left on device\n"


def test_a_directory_is_an_error_and_a_trailing_slash_creates_nothing(work: Path) -> None:
    (work / "out").mkdir()
    result = run_cli([*COMMANDS["audit"], "--rules", "rules", "-o", "out"])
    assert (result.exit_code, result.stderr) == (
        2,
        "out: error: cannot write: this is a directory\n",
    )
    result = run_cli([*COMMANDS["audit"], "--rules", "rules", "-o", "reports/"])
    assert result.exit_code == 2 and "'reports/' names a directory" in result.stderr
    assert not (work / "reports").exists()


# --- signals, with a real process ---------------------------------------------------------


def _waiting_on_a_pipe(pid: int) -> bool:
    try:
        return "pipe" in Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return False


@pytest.mark.parametrize(
    ("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]
)
def test_a_signal_keeps_the_previous_output_and_leaves_no_temporary_file(
    work: Path, signum: int, code: int
) -> None:
    """`diff - plan.yaml -o report.md` waits on standard input: the signal comes while the
    process runs, with our handlers in place (it then reads its input, so the wait is
    on the pipe), and the previous report must survive."""
    if not Path("/proc/self/wchan").exists():
        pytest.skip("no /proc/PID/wchan: cannot tell when the process waits on its input")
    (work / "report.md").write_text("the previous report\n", encoding="utf-8")
    command = [sys.executable, "-m", "medreform_check", "diff", "-", "plan.yaml", "--rules",
               "rules", "-f", "markdown", "-o", "report.md"]  # fmt: skip
    with subprocess.Popen(
        command, stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd=work
    ) as process:
        deadline = time.monotonic() + 20
        while not _waiting_on_a_pipe(process.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _waiting_on_a_pipe(process.pid), "the process never waited on its input"
        process.send_signal(signum)
        _, errors = process.communicate(timeout=10)
    assert process.returncode == code
    assert errors == b"medreform-check: interrupted\n"
    assert (work / "report.md").read_text(encoding="utf-8") == "the previous report\n"
    assert [p.name for p in work.iterdir() if p.name.endswith(".tmp")] == []


def test_a_signal_while_the_file_is_written_keeps_the_previous_one(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The narrowest window: the temporary file is complete and about to be renamed. The
    signal is held until then, seen waiting, and the temporary file removed instead."""
    from medreform_check.cli import output

    (work / "r.json").write_text("previous\n", encoding="utf-8")
    real_fsync = os.fsync

    def fsync_then_signal(fd: int) -> None:
        real_fsync(fd)
        os.kill(os.getpid(), signal.SIGTERM)

    monkeypatch.setattr(output.os, "fsync", fsync_then_signal)
    result = run_cli([*COMMANDS["audit"], "--rules", "rules", "-o", "r.json"])
    assert result.exit_code == 143
    assert (work / "r.json").read_text(encoding="utf-8") == "previous\n"
    assert not list(work.rglob("*.tmp"))


# --- the environment ----------------------------------------------------------------------


def _run(args: list[str], cwd: Path, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    command = [sys.executable, "-m", "medreform_check", *args]
    streams = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, **kwargs}
    return subprocess.run(command, cwd=cwd, timeout=30, **streams)  # type: ignore[call-overload, no-any-return]


def test_a_missing_plan_is_exit_2_with_stderr_closed(work: Path) -> None:
    command = [sys.executable, "-m", "medreform_check", "audit", "nope.yaml", "--rules", "rules"]
    process = subprocess.run(command, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             close_fds=True, timeout=30, preexec_fn=lambda: os.close(2))  # fmt: skip
    assert process.returncode == 2


def test_stdout_closed_is_an_error_about_stdout(work: Path) -> None:
    command = [sys.executable, "-m", "medreform_check", "schema", "plan"]
    process = subprocess.run(command, cwd=work, stderr=subprocess.PIPE, timeout=30,
                             preexec_fn=lambda: os.close(1))  # fmt: skip
    assert process.returncode == 2
    assert (
        process.stderr
        == b"medreform-check: error: cannot write the output: standard output is closed\n"
    )


def test_stdout_on_a_full_device_is_an_error_about_stdout(work: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with open("/dev/full", "wb") as full:
        process = _run(["schema", "plan"], work, stdout=full)
    assert process.returncode == 2
    assert process.stderr == (
        b"medreform-check: error: cannot write to standard output: No space left on device\n"
    )


def test_a_latin1_terminal_is_told_what_to_do_not_a_traceback(work: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "latin-1", "NO_COLOR": "1"}
    process = _run([*COMMANDS["audit"], "--rules", "rules", "-f", "table"], work, env=env)
    assert process.returncode == 2
    message = process.stderr.decode("latin-1")
    # Python names the codec iso8859-1; the first character it cannot show is the plan's 小
    assert message.startswith(
        "medreform-check: error: standard output's encoding (iso8859-1) cannot show U+5C0F: "
    )
    assert "PYTHONIOENCODING=utf-8" in message and "Traceback" not in message
    assert process.stdout == b""  # nothing half-written
    # Its own messages still reach a latin-1 stderr, with what it cannot show escaped.
    process = _run(["audit", "计划.yaml", "--rules", "rules"], work, env=env)
    assert process.returncode == 2
    assert process.stderr == b"\\u8ba1\\u5212.yaml: error: no such file or directory\n"
