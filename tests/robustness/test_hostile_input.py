"""Hostile and broken input, one test per row of docs/robustness.md.

Every test drives the CLI as a user would and checks what the user sees: the exit code, the
located message, that nothing was executed, and that no file appeared or changed except the
requested output. A 10-second alarm guards against hangs (the acceptance bound for these
inputs; it is a hang guard, not a benchmark).
"""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medreform_check.limits import MAX_YAML_BYTES
from medreform_check.loading.readers import csv_file, workbook

from helpers import ROOT, SMALL_PLAN, CliResult, run_cli

RULES = str(ROOT / "rules")
HEADER = "unit,indicator,value,as_of\n"
GOOD_ROW = "hospital,emr_level,3,2023-12-31\n"


@pytest.fixture(autouse=True)
def within_ten_seconds() -> Iterator[None]:
    def hung(*_: Any) -> None:
        raise TimeoutError("this input took more than 10 seconds")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working directory holding the small plan; afterwards, no input was changed and no
    temporary file was left behind."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    yield tmp_path
    assert (tmp_path / "plan.yaml").read_text(encoding="utf-8") == SMALL_PLAN
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]


def files_in(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def cli(*argv: str) -> CliResult:
    result = run_cli(list(argv))
    output = result.stdout + result.stderr
    assert "Traceback" not in output and "internal error" not in output, output
    return result


def audit(*submissions: str, plan: str = "plan.yaml") -> CliResult:
    subs = [arg for s in submissions for arg in ("-s", s)]
    return cli("audit", plan, *subs, "--as-of", "2024-06-30", "--rules", RULES,
               "--format", "json", "--fail-on", "none")  # fmt: skip


def rejected(result: CliResult) -> list[tuple[int | None, str]]:
    """(line, reason) of each rejected row; a rejected row makes the exit code 1."""
    assert result.exit_code == 1, result.output
    return [(r["line"], r["reason"]) for r in json.loads(result.stdout)["rejected"]]


def status(result: CliResult, task: str) -> str:
    (found,) = [r["status"] for r in json.loads(result.stdout)["results"] if r["task"] == task]
    return str(found)


def validate(name: str, content: str | bytes) -> CliResult:
    path = Path(name)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return cli("validate", name, "--rules", RULES)


def unchanged(before: dict[str, bytes], folder: Path) -> None:
    assert files_in(folder) == before


# --- reading files ------------------------------------------------------------------------


def test_empty_file(here: Path) -> None:
    result = validate("empty.yaml", "")
    assert result.exit_code == 1  # a finding, not a crash
    assert "empty.yaml:1:1: error: the file is empty (expected a YAML mapping) [empty-file]" in (
        result.stdout
    )
    Path("empty.csv").write_text("")
    assert rejected(audit("empty.csv")) == [(1, "the file is empty (expected a header row)")]


def test_binary_garbage(here: Path) -> None:
    garbage = bytes(range(256)) * 8
    Path("g.yaml").write_bytes(garbage)
    result = cli("audit", "g.yaml", "--as-of", "2024-06-30", "--rules", RULES)
    # The first byte that is not UTF-8 is 0x80, byte 128: after the newline at byte 10, so
    # line 2, column 128 - 11 + 1 = 118.
    assert result.exit_code == 2
    assert result.stderr.startswith("g.yaml:2:118: error: not UTF-8 text (byte 0x80)")
    Path("g.csv").write_bytes(garbage)
    reason = "not readable text (expected UTF-8, UTF-8 with BOM or GB18030)"
    assert rejected(audit("g.csv")) == [(2, reason)]  # the same first bad byte, on line 2


def test_wrong_encoding(here: Path) -> None:
    result = validate("gbk.yaml", "plan: 中文\n".encode("gbk"))
    assert "gbk.yaml:1:7: error: not UTF-8 text (byte 0xd6); save the file as UTF-8" in (
        result.stdout
    )
    Path("u16.csv").write_bytes((HEADER + GOOD_ROW).encode("utf-16"))
    reason = "not readable text (expected UTF-8, UTF-8 with BOM or GB18030)"
    assert rejected(audit("u16.csv")) == [(1, reason)]


def test_yaml_syntax_error(here: Path) -> None:
    result = validate(
        "bad.yaml", SMALL_PLAN.replace("owners: [hospital]\n", "owners: [hospital\n", 1)
    )
    assert result.exit_code == 1
    assert re.search(
        r"bad\.yaml:\d+:\d+: error: YAML syntax error: .* \[yaml-syntax\]", result.stdout
    )


def test_duplicate_keys(here: Path) -> None:
    doubled = SMALL_PLAN.replace(
        "    title: 电子病历3级\n", "    title: 电子病历3级\n    title: 又一个\n"
    )
    result = validate("dup.yaml", doubled)
    assert (
        "dup.yaml:13:5: error: duplicate key 'title' (first at line 12); YAML would silently "
        "keep the last [duplicate-key]" in result.stdout
    )


def test_python_tags_are_never_executed(here: Path) -> None:
    marker = here / "PWNED"
    attack = f'!!python/object/apply:os.system ["touch {marker}"]\n'
    result = validate("tag.yaml", SMALL_PLAN.replace("title: 小方案", f"title: {attack}"))
    assert "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in (
        result.stdout
    )
    Path("tag-sub.yaml").write_text(f"schema_version: 1\nunit: {attack}", encoding="utf-8")
    assert rejected(audit("tag-sub.yaml"))
    assert not marker.exists()


def test_alias_bomb(here: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]" for k in range(1, 10)]
    result = validate("bomb.yaml", "\n".join(lines) + "\n")  # 10**10 values if expanded
    assert "aliases expand to more than 2,000,000 values; refusing to load [yaml-too-large]" in (
        result.stdout
    )


def test_deep_nesting(here: Path) -> None:
    result = validate("deep.yaml", "plan: " + "[" * 100_000 + "]" * 100_000 + "\n")
    assert "deep.yaml:1:" in result.stdout and "[yaml-too-deep]" in result.stdout


def test_very_large_files(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Sizes are checked before reading: a sparse file of the right size is enough.
    with open("big.yaml", "wb") as handle:
        handle.truncate(MAX_YAML_BYTES + 1)
    result = validate("big.yaml", Path("big.yaml").read_bytes())
    assert "big.yaml:1:1: error: big.yaml is 8.0 MB; the limit is 8.0 MB" in result.stdout
    # The workbook limit (2 GiB unpacked) lowered to 64 MiB, so the bomb stays quick to build.
    monkeypatch.setattr(workbook, "MAX_WORKBOOK_UNPACKED_BYTES", 64 * 1024 * 1024)
    with zipfile.ZipFile("bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (64 * 1024 * 1024 + 1))
    assert Path("bomb.xlsx").stat().st_size < 200_000  # a small file that unpacks to 64 MB
    assert rejected(audit("bomb.xlsx")) == [
        (1, "bomb.xlsx unpacks to 64.0 MB; the limit is 64.0 MB (send it as CSV)")
    ]


def test_rows_per_file_bound_the_work_not_the_bytes(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The limit (20 million rows) lowered to 3: the header and two rows are read; line 4,
    # the first row past the limit, is where the rejection points.
    monkeypatch.setattr(csv_file, "MAX_ROWS_PER_FILE", 3)
    Path("many.csv").write_text(HEADER + GOOD_ROW * 5, encoding="utf-8")
    assert rejected(audit("many.csv")) == [
        (4, "the file has more than 3 rows; the rest was not read (split it by period or unit)")
    ]


def test_a_cell_too_long_for_csv_loses_only_its_row(here: Path) -> None:
    rows = ['hospital,emr_level,"' + "9" * 200_000 + '",2023-06-30\n', GOOD_ROW]
    Path("long.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    result = audit("long.csv")
    assert rejected(result) == [(2, "unreadable CSV row: a cell is longer than 131,072 characters")]
    assert status(result, "emr") == "met"  # line 3 was read and used


def test_non_finite_and_overflowing_numbers(here: Path) -> None:
    cells = ["nan", "inf", "-inf", "1e400", "NaN%"]
    Path("n.csv").write_text(
        HEADER + "".join(f"hospital,emr_level,{c},2023-12-31\n" for c in cells), encoding="utf-8"
    )
    assert rejected(audit("n.csv")) == [
        (2, "value: 'nan' is not a number"),
        (3, "value: 'inf' is not a number"),
        (4, "value: '-inf' is not a number"),
        (5, "value: '1e400' is too large a number"),  # 1e400 overflows to infinity
        (6, "value: 'NaN%' is not a number"),
    ]
    values = "".join(
        f"  - {{indicator: emr_level, value: {v}}}\n" for v in (".nan", "-.inf", "1e400")
    )
    Path("n.yaml").write_text(
        f"schema_version: 1\nunit: hospital\nperiod: 2023-Q4\nvalues:\n{values}", encoding="utf-8"
    )
    # YAML 1.1 would make floats of .nan and -.inf; the reader keeps them as the text they are
    assert rejected(audit("n.yaml")) == [
        (5, "value: '.nan' is not a finite number"),
        (6, "value: '-.inf' is not a finite number"),
        (7, "value: '1e400' is too large a number"),
    ]
    result = validate("t.yaml", SMALL_PLAN.replace('target: ">= 3"', 'target: ">= 1e400"'))
    assert "t.yaml:16:13: error: '1e400' is not a number [bad-target]" in result.stdout


def test_impossible_and_out_of_range_dates(here: Path) -> None:
    days = ["2023-02-30", "0000-01-01", "9999-12-31", "2023-13-01"]
    Path("d.csv").write_text(
        HEADER + "".join(f"hospital,emr_level,3,{d}\n" for d in days), encoding="utf-8"
    )
    assert rejected(audit("d.csv")) == [
        (2, "as_of: 2023-02-30 is not a calendar date"),
        (3, "as_of: year 0 is out of range (expected 1900–2200)"),
        (4, "as_of: year 9999 is out of range (expected 1900–2200)"),
        (5, "as_of: 2023-13-01 is not a calendar date"),
    ]
    plan = SMALL_PLAN.replace("deadline: 2024-05-31", "deadline: 2023-02-30")
    result = validate("p.yaml", plan)
    assert "p.yaml:21:15: error: 2023-02-30 is not a calendar date [bad-deadline]" in result.stdout
    result = cli("audit", "plan.yaml", "--as-of", "0000-01-01", "--rules", RULES)
    assert result.exit_code == 2
    assert result.stderr == (
        "medreform-check: error: --as-of: year 0 is out of range (expected 1900–2200)\n"
    )


def test_ragged_csv_rows(here: Path) -> None:
    Path("r.csv").write_text(
        HEADER + "hospital,emr_level,3\n" + "hospital,emr_level,3,2023-12-31,x\n" + "hospital\n",
        encoding="utf-8",
    )
    assert rejected(audit("r.csv")) == [
        (2, "the row has 3 cells, the header has 4"),
        (3, "the row has 5 cells, the header has 4"),
        (4, "the row has 1 cell, the header has 4"),
    ]


def test_formula_cells(here: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unit", "indicator", "value", "as_of"])
    sheet.append(["hospital", "emr_level", "=1+2", "2023-12-31"])
    sheet.append(["hospital", "emr_level", 3, "2023-12-31"])
    book.save("f.xlsx")
    result = audit("f.xlsx")
    assert rejected(result) == [
        (
            2,
            "cell C2 holds a formula ('=1+2'); formulas are never evaluated: enter the value itself",
        )
    ]
    assert status(result, "emr") == "met"


def test_damaged_workbooks(here: Path) -> None:
    Path("fake.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    ((line, reason),) = rejected(audit("fake.xlsx"))
    assert line == 1 and reason.startswith("not an Excel workbook (.xlsx)")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["unit", "indicator", "value", "as_of"])
    for _ in range(40):
        sheet.append(["hospital", "emr_level", 3, "2023-12-31"])
    book.save("whole.xlsx")
    with zipfile.ZipFile("whole.xlsx") as src, zipfile.ZipFile("cut.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]  # the sheet ends mid-row
            dst.writestr(item, data)
    ((line, reason),) = rejected(audit("cut.xlsx"))
    assert 2 < line < 42 and reason.startswith(
        "the workbook is damaged here; nothing from this line on was read"
    )


# --- paths, permissions and output ---------------------------------------------------------


def test_a_directory_where_a_file_is_expected_and_vice_versa(here: Path) -> None:
    Path("folder").mkdir()
    result = cli("audit", "folder", "--as-of", "2024-06-30", "--rules", RULES)
    assert (result.exit_code, result.stderr) == (
        2,
        "folder: error: no plan files (*.yaml, *.yml) in this directory\n",
    )
    result = cli(
        "audit", "plan.yaml", "--as-of", "2024-06-30", "--rules", RULES, "--output", "folder"
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "folder: error: cannot write: this is a directory\n",
    )
    result = cli("audit", "plan.yaml", "--as-of", "2024-06-30", "--rules", "plan.yaml")
    assert result.exit_code == 2
    assert result.stderr == "plan.yaml: error: --rules must be a directory (got a file)\n"


def test_missing_files(here: Path) -> None:
    result = cli("audit", "nope.yaml", "--as-of", "2024-06-30", "--rules", RULES)
    assert (result.exit_code, result.stderr) == (2, "nope.yaml: error: no such file or directory\n")
    result = audit("nope.csv")
    assert (result.exit_code, result.stderr) == (2, "nope.csv: error: no such file or directory\n")


def test_unreadable_files(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, whom permissions do not stop: make reading fail as it would.
    real, real_open = Path.read_bytes, Path.open

    def denied(self: Path) -> bytes:
        if self.name in ("plan.yaml", "s.csv"):
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    def denied_open(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name == "s.csv":  # CSV is streamed: opened, never read whole
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    Path("s.csv").write_text(HEADER + GOOD_ROW, encoding="utf-8")
    monkeypatch.setattr(Path, "read_bytes", denied)
    monkeypatch.setattr(Path, "open", denied_open)
    result = cli("audit", "plan.yaml", "--as-of", "2024-06-30", "--rules", RULES)
    assert (result.exit_code, result.stderr) == (
        2,
        "plan.yaml: error: cannot read: Permission denied\n",
    )
    result = cli("validate", "s.csv", "--rules", RULES)
    assert (
        result.exit_code == 2 and result.stderr == "s.csv: error: cannot read: Permission denied\n"
    )


def test_output_into_a_missing_directory(here: Path) -> None:
    before = files_in(here)
    result = cli(
        "audit", "plan.yaml", "--as-of", "2024-06-30", "--rules", RULES, "--output", "no/r.json"
    )
    assert (result.exit_code, result.stderr) == (
        2,
        "no/r.json: error: cannot write: the directory does not exist\n",
    )
    unchanged(before, here)


def read_only_directory(here: Path) -> tuple[Path, str] | None:
    """A directory nobody may write to, and what the system says on trying: one made so with
    chmod; or, for root (whom modes do not stop), sysfs, read-only for everyone."""
    locked = here / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    for directory in (locked, Path("/sys")):
        try:
            os.close(os.open(directory / "probe", os.O_CREAT | os.O_WRONLY))
            os.unlink(directory / "probe")
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                return directory, exc.strerror
    return None


def test_output_into_a_read_only_directory(here: Path) -> None:
    found = read_only_directory(here)
    if found is None:
        pytest.skip("no read-only directory on this machine")
    directory, says = found
    target = str(directory / "r.json")
    result = cli(
        "audit", "plan.yaml", "--as-of", "2024-06-30", "--rules", RULES, "--output", target
    )
    assert result.exit_code == 2
    assert result.stderr == f"{target}: error: cannot write: {says}\n"


@pytest.mark.parametrize(
    ("failure", "code", "message"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), 2,
         "r.json: error: cannot write: No space left on device\n"),
        (signal.SIGINT, 130, "medreform-check: interrupted\n"),
        (signal.SIGTERM, 143, "medreform-check: interrupted\n"),
        (signal.SIGHUP, 129, "medreform-check: interrupted\n"),
    ],
)  # fmt: skip
def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(
    here: Path, monkeypatch: pytest.MonkeyPatch, failure: OSError | int, code: int, message: str
) -> None:
    Path("r.json").write_text("the previous report\n", encoding="utf-8")
    before = files_in(here)

    def fail(_: int) -> None:  # the data is written; flushing it to disk fails, or a signal comes
        if isinstance(failure, OSError):
            raise failure
        os.kill(os.getpid(), failure)

    monkeypatch.setattr(os, "fsync", fail)
    result = cli("audit", "plan.yaml", "--as-of", "2024-06-30", "--rules", RULES,
                 "--format", "json", "--output", "r.json")  # fmt: skip
    assert (result.exit_code, result.stderr) == (code, message)
    unchanged(before, here)  # r.json as it was, and no .r.json.*.tmp beside it


def test_unknown_option_or_format(here: Path) -> None:
    result = cli("audit", "plan.yaml", "--frobnicate")
    assert result.exit_code == 2 and "--frobnicate" in result.stderr
    result = cli("audit", "plan.yaml", "--format", "pdf")
    # The wording is typer's; what matters is a clean usage error naming the option.
    assert result.exit_code == 2 and "--format" in result.stderr and "'pdf'" in result.stderr


def test_output_to_a_reader_that_went_away(here: Path) -> None:
    # `medreform-check audit … | head -1`: the pipe closes early. A real process, since the
    # test runner's own output is not a pipe.
    import subprocess
    import sys

    read_end, write_end = os.pipe()
    os.close(read_end)
    command = [sys.executable, "-m", "medreform_check", "audit", "plan.yaml", "--as-of",
               "2024-06-30", "--rules", RULES, "--format", "json"]  # fmt: skip
    with subprocess.Popen(command, stdout=write_end, stderr=subprocess.PIPE) as process:
        os.close(write_end)
        _, errors = process.communicate(timeout=10)
    assert (process.returncode, errors) == (141, b"")


# --- identifiers --------------------------------------------------------------------------


def test_look_alike_characters_in_ids(here: Path) -> None:
    rows = ["hospit\u0430l,emr_level,3,2023-12-31\n",  # a Cyrillic а
            "hospital,emr_level\u3000,3,2023-12-31\n",  # an ideographic (full-width) space
            "ｈｏｓｐｉｔａｌ,emr_level,3,2023-12-31\n"]  # full-width letters fold: read  # fmt: skip
    Path("l.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    result = audit("l.csv")
    assert rejected(result) == [
        (
            2,
            "unknown unit 'hospitаl' (it contains U+0430 CYRILLIC SMALL LETTER A; did you mean 'hospital'?)",
        ),
    ]  # the full-width space folds to a space and is trimmed: that row is read too


def test_invisible_characters_in_ids(here: Path) -> None:
    rows = ["hos\u200bpital,emr_level,3,2023-12-31\n", "hospital,emr\u2060_level,3,2023-12-31\n",
            "\ufeffhospital,emr_level,3,2023-12-31\n"]  # fmt: skip
    Path("z.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    result = audit("z.csv")
    assert rejected(result) == [
        (
            2,
            "unknown unit 'hos\\u200bpital' (it contains U+200B ZERO WIDTH SPACE; did you mean 'hospital'?)",
        ),
        (
            3,
            "unknown indicator 'emr\\u2060_level' (it contains U+2060 WORD JOINER; did you mean 'emr_level'?)",
        ),
        (
            4,
            "unknown unit '\\ufeffhospital' (it contains U+FEFF ZERO WIDTH NO-BREAK SPACE; did you mean 'hospital'?)",
        ),
    ]
    assert status(result, "emr") == "unreported"  # not silently matched
    result = validate("zw.yaml", SMALL_PLAN.replace("id: emr\n", "id: em\u200br\n"))
    assert "zw.yaml:11:9: error: 'em\\u200br' is not valid (expected an id of ASCII letters" in (
        result.stdout
    )


def test_full_width_ids(here: Path) -> None:
    # Chinese input methods type ｈｏｓｐｉｔａｌ; in a submission it reads as hospital (NFKC),
    # as full-width digits read as digits. A plan must spell ids in ASCII.
    Path("w.csv").write_text(
        HEADER + "ｈｏｓｐｉｔａｌ,ｅｍｒ＿ｌｅｖｅｌ,３,２０２３-１２-３１\n", encoding="utf-8"
    )
    result = audit("w.csv")
    assert result.exit_code == 0 and status(result, "emr") == "met"
    # A no-break space pasted from a web page is a space like any other, and trimmed.
    Path("w.csv").write_text(HEADER + "hospital\u00a0,emr_level,3,2023-12-31\n", encoding="utf-8")
    result = audit("w.csv")
    assert result.exit_code == 0 and status(result, "emr") == "met"
    result = validate(
        "fw.yaml", SMALL_PLAN.replace("owners: [hospital]", "owners: [ｈｏｓｐｉｔａｌ]", 1)
    )
    assert "fw.yaml:14:14: error: 'ｈｏｓｐｉｔａｌ' is not valid (expected an id of ASCII" in (
        result.stdout
    )


# --- bugs ---------------------------------------------------------------------------------


def test_an_internal_error(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import medreform_check.commands.audit

    def broken(*_: Any, **__: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(medreform_check.commands.audit, "run_audit", broken)
    result = run_cli(["audit", "plan.yaml", "--as-of", "2024-06-30"])
    assert result.exit_code == 3
    assert result.stderr == (
        "medreform-check: internal error: RuntimeError: a bug (run with --debug for details)\n"
    )
    result = run_cli(["audit", "plan.yaml", "--as-of", "2024-06-30", "--debug"])
    assert result.exit_code == 3
    assert result.stderr.startswith("Traceback (most recent call last):")


def test_every_row_of_the_robustness_table_has_a_test() -> None:
    table = (ROOT / "docs" / "robustness.md").read_text(encoding="utf-8")
    # Every test a row names exists in the file it links to (round two's rows link to
    # other files of tests/robustness and tests/render).
    linked = re.findall(r"\[`(test_\w+)`\]\(\.\./(tests/[\w/]+\.py)\)", table)
    missing = [
        (name, path)
        for name, path in linked
        if f"def {name}(" not in (ROOT / path).read_text(encoding="utf-8")
    ]
    assert linked and missing == []
    rows = {name for name, path in linked if path.endswith("test_hostile_input.py")}
    tests = {name for name in globals() if name.startswith("test_")}
    assert tests - rows == {"test_every_row_of_the_robustness_table_has_a_test"}


# --- files as they really arrive (issue 13, the readers) -------------------------------------


def _xlsx(rows: list[list[Any]], hidden: list[list[Any]] | None = None) -> bytes:
    import io

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    if hidden is not None:
        extra = book.create_sheet("内部")
        for row in hidden:
            extra.append(row)
        extra.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _rewrite(data: bytes, member: str, change: Any) -> bytes:
    """The workbook ``data`` with one part changed (``change`` maps old bytes to new)."""
    import io

    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            content = src.read(item.filename)
            dst.writestr(item.filename, change(content) if item.filename == member else content)
        if member not in src.namelist():  # a part the workbook did not have: added
            dst.writestr(member, change(b""))
    return target.getvalue()


def test_a_stray_quote_swallows_no_rows(here: Path) -> None:
    lines = [HEADER, 'hospital,emr_level,"3,2023-06-30\n', GOOD_ROW,
             "hospital,local_visit_rate,85,2023-12-31\n"]  # fmt: skip
    Path("q.csv").write_text("".join(lines), encoding="utf-8")
    result = audit("q.csv")
    # Line 2 opens a quote that never closes where the rows end: only that line is lost.
    assert rejected(result) == [
        (
            2,
            "a quote opens a cell here and is not closed where the row ends; this line is rejected and the lines after it are read as rows of their own",
        )
    ]
    assert status(result, "emr") == "met" and status(result, "visits") == "met"  # lines 3, 4


def test_one_undecodable_byte_in_a_gb18030_file(here: Path) -> None:
    text = HEADER + "综合医院,emr_level,3,2023-12-31\n"
    bad = "综合医院,local_visit_rate,8".encode("gb18030") + b"\xff5,2023-12-31\n"
    Path("gb.csv").write_bytes(
        text.encode("gb18030") + bad + "综合医院,local_visit_rate,85,2023-12-31\n".encode("gb18030")
    )
    result = audit("gb.csv")
    # 综合医院 is 4 characters of 2 bytes, then ",local_visit_rate,8" (19 bytes): 0xff is byte 28.
    assert rejected(result) == [
        (3, "byte 0xff at column 28 is not GB18030 text; this line was not read")
    ]
    assert status(result, "emr") == "met" and status(result, "visits") == "met"


def test_entities_in_a_workbook_are_refused_and_the_audit_goes_on(here: Path) -> None:
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')  # fmt: skip
    book = _xlsx(
        [["unit", "indicator", "value", "as_of"], ["hospital", "emr_level", 3, "2023-12-31"]]
    )
    Path("lol.xlsx").write_bytes(
        _rewrite(book, "xl/worksheets/sheet1.xml", lambda xml: laughs + xml.split(b"?>", 1)[-1])
    )
    Path("good.csv").write_text(
        HEADER + "hospital,local_visit_rate,85,2023-12-31\n", encoding="utf-8"
    )
    result = audit("lol.xlsx", "good.csv")
    assert rejected(result) == [
        (
            1,
            "the workbook part xl/worksheets/sheet1.xml declares a DOCTYPE (entities); refused, never expanded",
        )
    ]
    assert status(result, "visits") == "met"  # the other file was read


def _bounded(argv: list[str]) -> subprocess.CompletedProcess[bytes]:
    """The CLI in a process limited to 1 GiB of memory and 20 seconds of CPU."""
    import resource

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
        resource.setrlimit(resource.RLIMIT_CPU, (20, 20))

    command = [sys.executable, "-m", "medreform_check", *argv]
    return subprocess.run(command, capture_output=True, preexec_fn=limits, timeout=60, check=False)


def test_a_sparse_cell_far_away_is_refused_in_bounded_time_and_memory(here: Path) -> None:
    book = _xlsx(
        [["unit", "indicator", "value", "as_of"], ["hospital", "emr_level", 3, "2023-12-31"]]
    )
    far = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    sparse = _rewrite(
        book, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"</sheetData>", far)
    )
    Path("far.xlsx").write_bytes(sparse)
    assert len(sparse) < 10_000
    done = _bounded(["audit", "plan.yaml", "-s", "far.xlsx", "--as-of", "2024-06-30", "--rules",
                     RULES, "--format", "json", "--fail-on", "none"])  # fmt: skip
    assert done.returncode == 1, done.stderr
    (issue,) = json.loads(done.stdout)["rejected"]
    # 1,048,576 rows × 16,384 columns = 17,179,869,184 cells
    assert (
        issue["reason"]
        == "the sheet spans A1:XFD1048576 (17,179,869,184 cells); the limit is 20,000,000 cells, so it was not read"
    )


def test_a_huge_shared_strings_table_is_refused_in_bounded_time_and_memory(here: Path) -> None:
    book = _xlsx(
        [["unit", "indicator", "value", "as_of"], ["hospital", "emr_level", 3, "2023-12-31"]]
    )
    many = b"<si><t/></si>" * 5_000_001  # openpyxl writes inline strings: the part is added
    sst = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + many
        + b"</sst>"
    )
    table = _rewrite(book, "xl/sharedStrings.xml", lambda _: sst)
    Path("strings.xlsx").write_bytes(table)
    assert len(table) < 400_000  # 65 MB of XML, compressed
    done = _bounded(["audit", "plan.yaml", "-s", "strings.xlsx", "--as-of", "2024-06-30",
                     "--rules", RULES, "--format", "json", "--fail-on", "none"])  # fmt: skip
    assert done.returncode == 1, done.stderr
    (issue,) = json.loads(done.stdout)["rejected"]
    assert issue["reason"] == "the workbook has more than 5,000,000 shared strings; not read"


def test_a_stale_dimension_hides_no_rows(here: Path) -> None:
    rows = [["unit", "indicator", "value", "as_of"], ["hospital", "local_visit_rate", 70, "2023-06-30"],
            ["hospital", "local_visit_rate", 85, "2023-12-31"]]  # fmt: skip
    book = _xlsx(rows)
    stale = _rewrite(
        book, "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:D2"/>', xml),
    )  # fmt: skip
    Path("stale.xlsx").write_bytes(stale)
    result = audit("stale.xlsx")
    # Row 3 lies outside the stated A1:D2 and is read all the same: 85 meets 不低于80%.
    assert result.exit_code == 0 and status(result, "visits") == "met"


def test_every_sheet_is_read_hidden_ones_too(here: Path) -> None:
    header = ["unit", "indicator", "value", "as_of"]
    book = _xlsx([header, ["hospital", "emr_level", 3, "2023-12-31"]],
                 hidden=[header, ["hospital", "local_visit_rate", 85, "2023-12-31"]])  # fmt: skip
    Path("two.xlsx").write_bytes(book)
    result = audit("two.xlsx")
    assert status(result, "emr") == "met" and status(result, "visits") == "met"
    verbose = cli("audit", "plan.yaml", "-s", "two.xlsx", "--as-of", "2024-06-30", "--rules",
                  RULES, "--fail-on", "none", "--verbose")  # fmt: skip
    assert "two.xlsx: XLSX, sheet '内部' (hidden)" in verbose.stdout + verbose.stderr


def test_a_merged_unit_column_is_read_in_every_row(here: Path) -> None:
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(_xlsx([
        ["unit", "indicator", "value", "as_of"],
        ["hospital", "emr_level", 3, "2023-12-31"],
        [None, "local_visit_rate", 85, "2023-12-31"],
    ])))  # fmt: skip
    sheet = book.active
    assert sheet is not None
    sheet.merge_cells("A2:A3")  # 综合医院 written once beside its two rows
    book.save("merged.xlsx")
    result = audit("merged.xlsx")
    assert result.exit_code == 0  # not "no unit given" on row 3
    assert status(result, "emr") == "met" and status(result, "visits") == "met"


def test_a_directory_lists_every_file_it_does_not_read(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = Path("subs")
    (folder / "nested").mkdir(parents=True)
    (folder / "good.csv").write_text(HEADER + GOOD_ROW, encoding="utf-8")
    (folder / "city.et").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "notes.txt").write_text("read me", encoding="utf-8")
    (folder / "~$good.xlsx").write_bytes(b"lock")
    (folder / "gone.csv").symlink_to("nowhere.csv")
    (folder / "nested" / "loop").symlink_to("..", target_is_directory=True)
    (folder / "locked").mkdir()
    outside = Path("shared")
    outside.mkdir()
    (outside / "more.csv").write_text(
        HEADER + "hospital,local_visit_rate,85,2023-12-31\n", encoding="utf-8"
    )
    (folder / "linked").symlink_to(Path("..") / "shared", target_is_directory=True)
    real_scandir = os.scandir

    def scandir(path: Any) -> Any:  # tests may run as root, whom permissions do not stop
        if str(path).endswith("locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = audit("subs")
    skipped = {(Path(s["file"]).name, s["reason"]) for s in json.loads(result.stdout)["skipped"]}
    assert skipped == {
        ("city.et", "a WPS spreadsheet (.et): save it as .xlsx"),
        (
            "notes.txt",
            "not a kind of file submissions come in (expected .yaml, .yml, .csv, .xlsx, .xls, .ods)",
        ),
        ("~$good.xlsx", "an editor's lock file (the workbook is open somewhere); ignored"),
        ("gone.csv", "a symbolic link to nothing"),
        (
            "loop",
            f"a symbolic link back into a folder already being read ({Path('subs').resolve()}): a loop",
        ),
        ("locked", "a folder that cannot be opened: Permission denied"),
    }
    assert result.exit_code == 0  # skipped files never change the exit code
    assert status(result, "visits") == "met"  # the linked folder was followed, once


def test_a_damaged_workbook_part_loses_only_that_file(here: Path) -> None:
    book = _xlsx(
        [["unit", "indicator", "value", "as_of"], ["hospital", "emr_level", 3, "2023-12-31"]]
    )
    Path("broken.xlsx").write_bytes(
        _rewrite(book, "xl/workbook.xml", lambda xml: xml[: len(xml) // 3])
    )
    Path("good.csv").write_text(
        HEADER + "hospital,local_visit_rate,85,2023-12-31\n", encoding="utf-8"
    )
    result = audit("broken.xlsx", "good.csv")
    ((line, reason),) = rejected(result)
    assert line == 1 and reason.startswith("not a workbook that can be read (.xlsx)")
    assert status(result, "visits") == "met"


def test_values_under_unknown_or_missing_headings_are_never_blank(here: Path) -> None:
    text = (
        "unit,indicator,value,as_of,,序号\n"
        + "hospital,emr_level,3,2023-12-31,,1\n"
        + ",,,,7,\n"
        + ",,,,,8\n"
    )
    Path("h.csv").write_text(text, encoding="utf-8")
    result = audit("h.csv")
    # Line 3's only value sits in column 5, which has no heading; line 4's under 序号.
    assert rejected(result) == [
        (3, "the row's only value is in column 5, whose heading names nothing known"),
        (4, "the row's only value is in column 6, whose heading names nothing known"),
    ]
    warned = [(w["line"], w["reason"]) for w in json.loads(result.stdout)["warnings"]]
    assert (
        1,
        "column '序号' is not used (known columns: unit, period, indicator, task, value, done, completed_on, as_of, evidence, submitted, note)",
    ) in warned
    assert (3, "column 5 has no heading; its cells are not read") in warned
