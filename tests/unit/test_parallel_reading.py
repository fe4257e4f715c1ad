"""Submissions read in two halves (the second by a forked helper, or handed over in this
process) come out exactly as read in one go: the same rows in the same order with the same
numbers and positions, the same receipts, rejected rows, warnings, notes and skipped files —
whatever the files hold, wherever the cut falls. When the cut cannot hold (a quote before it,
the helper failing, the row limit reached across it) the second half is read here."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medreform_check.loading import parallel
from medreform_check.loading.readers import csv_file
from medreform_check.loading.submissions import read_submissions
from medreform_check.model import Submissions

from helpers import CATALOGUE, plan, task

UNITS = ("a", "b", "c")
PLAN = plan(
    task("t", indicator="rate", target=">= 1", deadline="2024-12-31", owners=UNITS),
    task("m", deadline="2024-06-30", owners=("a",)),
    units=UNITS,
)
HEADER = "unit,period,indicator,task,value,done,completed_on,as_of,evidence,note"
ODD_ROWS = [
    "nobody,2024-Q1,rate,,50,,,,,",  # unknown unit
    "a,2024-Q1,rate,,abc,,,,,",  # not a number
    "b,2024-Q1,rate,,101,,,,,",  # outside 0-100
    'c,2024-Q1,rate,,40,,,,,"a note, quoted"',  # a quote: the line is not plain
    "a,2024-Q1,,m,,是,2024-03-01,,,",  # a milestone
    "b,2024-Q9,rate,,40,,,,,",  # no such period
    "",  # a blank line
]


def _rows(rng: random.Random, quarter: int, count: int, odd: float) -> list[str]:
    period = f"2024-Q{quarter}"
    rows = []
    for k in range(count):
        unit = UNITS[k % len(UNITS)]
        rows.append(f"{unit},{period},rate,,{rng.randint(0, 100)},,,,,")
        if rng.random() < odd:
            rows.append(rng.choice(ODD_ROWS))
    return rows


@st.composite
def inputs(draw: st.DrawFn) -> dict[str, str]:
    rng = random.Random(draw(st.integers(min_value=0, max_value=10**6)))
    files: dict[str, str] = {}
    for k in range(draw(st.integers(min_value=1, max_value=4))):
        count = draw(st.integers(min_value=45, max_value=400))
        odd = draw(st.sampled_from([0.0, 0.0, 0.01, 0.1]))
        ending = draw(st.sampled_from(["\n", "\n", "\r\n"]))
        body = ending.join([HEADER, *_rows(rng, k % 4 + 1, count, odd)])
        files[f"{k}-q.csv"] = body + draw(st.sampled_from(["", ending]))
    if draw(st.booleans()):
        files["z.yaml"] = (
            "schema_version: 1\nunit: a\nperiod: 2024-Q2\nvalues:\n  - indicator: rate\n    value: 9\n"
        )
    return files


def _seen(subs: Submissions) -> tuple[Any, ...]:
    """Everything read, rows in read order with their numbers and positions, and what the
    checks that need every row find in the columns."""
    store = subs.store
    return (
        (store.rising(), store.least_above_zero(), store.panel() is not None),
        list(store),
        [(m.unit, m.task, m.done, m.completed_on, m.seq, m.at) for m in subs.milestones],
        list(subs.receipts),
        [(r.at, r.unit, r.reason, r.code) for r in subs.rejected],
        [(r.at, r.unit, r.reason, r.code) for r in subs.warnings],
        subs.rows_read,
        subs.notes,
        subs.skipped,
    )


def _read(folder: Path, **how: Any) -> tuple[Any, ...]:
    return _seen(read_submissions([folder], [PLAN], CATALOGUE, **how))


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (folder / name).write_bytes(text.encode("utf-8"))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=inputs())
def test_two_halves_handed_over_give_what_one_reading_gives(
    files: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("subs")
    _write(folder, files)
    whole = _read(folder, split_from=1 << 40)
    assert _read(folder, split_from=0, fork=False) == whole


@pytest.mark.skipif(not parallel.can_fork(), reason="no fork on this system")
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(files=inputs())
def test_a_forked_helper_gives_what_one_reading_gives(
    files: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("subs")
    _write(folder, files)
    assert _read(folder, split_from=0) == _read(folder, split_from=1 << 40)


def _one_file(tmp_path: Path, rows: list[str]) -> Path:
    (tmp_path / "all.csv").write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return tmp_path


def test_the_cut_falls_at_the_middle_line_of_one_big_file(tmp_path: Path) -> None:
    folder = _one_file(tmp_path, _rows(random.Random(1), 1, 300, 0.0))
    parts = parallel.halves(sorted(folder.iterdir()), None, split_from=0)
    assert parts is not None and parts.cut is not None and parts.first == parts.second == []
    size = (folder / "all.csv").stat().st_size
    middle = int(size * parallel._FIRST_SHARE)
    assert middle <= parts.cut.at < middle + 40  # the next line after the middle
    text = (folder / "all.csv").read_bytes()
    assert text[parts.cut.at - 1 : parts.cut.at] == b"\n"
    assert parts.cut.line == text[: parts.cut.at].count(b"\n") + 1


def test_a_quote_before_the_cut_has_the_whole_file_read_here(tmp_path: Path) -> None:
    rows = _rows(random.Random(2), 1, 8000, 0.0)  # (a first block of plain lines, then more)
    rows[3000] = 'c,2024-Q1,rate,,40,,,,,"a quoted\nnote over two lines"'
    folder = _one_file(tmp_path, rows)
    parts = parallel.halves(sorted(folder.iterdir()), None, split_from=0)
    assert parts is not None and parts.cut is not None and parts.cut.line > 3003
    whole = _read(folder, split_from=1 << 40)
    assert _read(folder, split_from=0, fork=False) == whole
    if parallel.can_fork():
        assert _read(folder, split_from=0) == whole


def test_a_helper_that_fails_has_the_second_half_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _one_file(tmp_path, _rows(random.Random(3), 1, 300, 0.05))
    whole = _read(folder, split_from=1 << 40)

    def broken(sink: Any, *rest: Any) -> None:
        sink.write(b"not a pickle")
        if os.getpid() != parent:  # (the forked helper: dies as a crash would)
            os._exit(3)

    parent = os.getpid()
    monkeypatch.setattr(parallel, "_send", broken)
    assert _read(folder, split_from=0, fork=False) == whole
    if parallel.can_fork():
        assert _read(folder, split_from=0) == whole


def test_the_row_limit_is_counted_over_both_parts_of_a_cut_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _one_file(tmp_path, _rows(random.Random(4), 1, 300, 0.0))
    monkeypatch.setattr(csv_file, "MAX_ROWS_PER_FILE", 250)
    monkeypatch.setattr(parallel, "MAX_ROWS_PER_FILE", 250)
    whole = _read(folder, split_from=1 << 40)
    assert [r[3] for r in whole[4]] == ["too-many-rows"]  # (the limit, at row 251)
    assert _read(folder, split_from=0, fork=False) == whole


def test_a_panel_read_in_halves_is_one(tmp_path: Path) -> None:
    """Each unit's values of each quarter, in order: the rows rise, and both halves say so."""
    rng = random.Random(6)
    many = [f"u{k:04d}" for k in range(400)]
    the_plan = plan(
        task("t", indicator="rate", target=">= 1", deadline="2024-12-31", owners=tuple(many)),
        units=many,
    )
    rows = [f"{u},2024-Q{q},rate,,{rng.randint(1, 99)},,,,," for q in (1, 2, 3, 4) for u in many]
    _one_file(tmp_path, rows)
    whole = read_submissions([tmp_path], [the_plan], CATALOGUE, split_from=1 << 40)
    halves = read_submissions([tmp_path], [the_plan], CATALOGUE, split_from=0, fork=False)
    assert whole.store.rising() and whole.store.panel() is not None
    assert _seen(halves) == _seen(whole)


def test_little_input_is_read_in_one_process(tmp_path: Path) -> None:
    folder = _one_file(tmp_path, _rows(random.Random(5), 1, 50, 0.0))
    assert parallel.halves(sorted(folder.iterdir()), None) is None  # under SPLIT_FROM
