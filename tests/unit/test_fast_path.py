"""The bulk path for clean CSV rows gives exactly what the row-by-row interpreter gives."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medreform_check.loading.submissions import read_submissions
from medreform_check.model import Submissions

from helpers import CATALOGUE, plan, task

PLAN = plan(task("t", indicator="rate", target=">= 1", deadline="2024-12-31", owners=("a", "b")))

UNITS = st.sampled_from(["a", "b", "c", "ａ", " a", "单位a", "", " "])
PERIODS = st.sampled_from(["2024-Q1", "2024Q2", "2024年第二季度", "2024-Q5", "2024", "x", ""])
DATES = st.sampled_from(["2024-03-31", "2024/3/31", "2024-02-30", "0000-01-01", "soon"])
INDICATORS = st.sampled_from(["rate", "level", "share", "meetings", "mix", "levle", "ｒａｔｅ"])
VALUES = st.one_of(
    st.sampled_from(
        [
            "80",
            "80%",
            "８０",
            "1_000",
            "nan",
            "inf",
            "1e400",
            "-5.51",
            "2.5",
            "3",
            "101",
            "-1",
            "abc",
            "50:30:20",
            "",
            "  ",
        ]
    ),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-10, max_value=200).map(
        lambda f: f"{f:g}"
    ),
)
COLUMN_SETS = st.sampled_from(
    [
        ("unit", "period", "indicator", "value"),
        ("unit", "indicator", "value", "as_of", "submitted"),
        ("unit", "period", "indicator", "value", "submitted", "note"),
        ("unit", "period", "indicator", "value", "task"),
    ]
)
CELLS = {
    "unit": UNITS,
    "period": PERIODS,
    "indicator": INDICATORS,
    "value": VALUES,
    "as_of": DATES,
    "submitted": DATES,
    "note": st.sampled_from(["n", "", " "]),
    "task": st.sampled_from(["t", "", "zz"]),
}


@st.composite
def tables(draw: st.DrawFn) -> str:
    columns = draw(COLUMN_SETS)
    rows = draw(st.lists(st.tuples(*(CELLS[c] for c in columns)), max_size=12))
    return "\n".join([",".join(columns), *(",".join(row) for row in rows)]) + "\n"


def read(text: str, fast: bool) -> Submissions:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.csv"
        path.write_text(text, encoding="utf-8")
        subs = read_submissions([path], [PLAN], CATALOGUE, fast=fast)
        # The temporary path differs per call; compare everything else.
        return subs


def comparable(subs: Submissions) -> tuple[object, ...]:
    def strip(at: object) -> object:
        return getattr(at, "line", None), getattr(at, "col", None)

    return (
        [
            (o.unit, o.indicator, o.value, o.as_of, o.submitted, o.seq, strip(o.at))
            for o in subs.observations
        ],
        [(m.unit, m.task, m.done, m.completed_on, m.seq) for m in subs.milestones],
        [(strip(r.at), r.unit, r.reason, r.code) for r in subs.rejected],
        [(strip(r.at), r.unit, r.reason, r.code) for r in subs.warnings],
        [(r.unit, r.period, r.submitted) for r in subs.receipts],
        subs.rows_read,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tables())
def test_fast_and_general_paths_agree(text: str) -> None:
    assert comparable(read(text, fast=True)) == comparable(read(text, fast=False))


def test_the_fast_path_is_taken_for_clean_rows() -> None:
    text = "unit,period,indicator,value\n" + "a,2024-Q1,rate,80\n" * 3 + "b,2024-Q1,rate,80%\n"
    subs = read(text, fast=True)
    assert [(o.unit, o.value) for o in subs.observations] == [
        ("a", 80),
        ("a", 80),
        ("a", 80),
        ("b", 80),
    ]
    assert subs.rows_read == 4 and subs.rejected == []
