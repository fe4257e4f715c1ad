"""Properties that must hold for any input, checked with hypothesis.

The parsers and loaders, given anything, either succeed or raise the project's own error
type (``ParseError`` for values, ``MedreformError`` for files) — never a bare ``ValueError``,
``IndexError`` or ``RecursionError``. The engine keeps its invariants for any submissions.
Budgets are small so the whole suite stays well under a minute.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medreform_check.commands.validate import validate_paths
from medreform_check.errors import MedreformError, ParseError
from medreform_check.language.periods import parse_date, parse_deadline, parse_period
from medreform_check.language.targets import parse_target
from medreform_check.language.values import parse_composition, parse_done, parse_number
from medreform_check.loading.submissions import read_submissions
from medreform_check.model import MilestoneReport, Observation
from medreform_check.report import Report, Status

from helpers import CATALOGUE, HERE, ROOT, SMALL_PLAN, SMALL_SUBMISSION, plan, run, task

# MEDREFORM_FUZZ=N runs N examples per property instead, for a longer hunt.
_LONGER = int(os.environ.get("MEDREFORM_FUZZ", "0"))
_SETTINGS = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
FAST = settings(max_examples=_LONGER or 150, **_SETTINGS)  # type: ignore[arg-type]
SLOW = settings(max_examples=_LONGER or 40, **_SETTINGS)  # type: ignore[arg-type]

# Text that looks like what the parsers read — digits, dates, Chinese date words, operators —
# mixed with anything at all, so the search reaches deep into each grammar.
PIECES = st.sampled_from(
    ["2023", "2024-05-31", "年", "月", "日", "底", "前", "第", "季度", "半年", "Q", "H", "-",
     "/", ".", "%", "≥", ">=", "<", "不低于", "以内", "between", " and ", ":", "±", "1e400",
     "nan", "inf", "0", "13", "31", "２０２４", "\u200b", " ", "以上", "提高", "下降"]
)  # fmt: skip
TEXT = st.one_of(st.text(), st.lists(st.one_of(PIECES, st.text(max_size=3))).map("".join))
ANYTHING = st.recursive(
    st.one_of(TEXT, st.none(), st.booleans(), st.integers(), st.floats()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)
    ),
    max_leaves=8,
)


def parses_or_says_why(parse: Any, raw: object) -> Any:
    try:
        return parse(raw)
    except ParseError as exc:
        assert str(exc)  # a message the user can read
        return None


@FAST
@given(ANYTHING)
def test_numbers(raw: object) -> None:
    number = parses_or_says_why(parse_number, raw)
    assert number is None or math.isfinite(number)
    parses_or_says_why(lambda r: parse_number(r, "%"), raw)
    parses_or_says_why(parse_done, raw)
    parses_or_says_why(lambda r: parse_composition(r, ("a", "b", "c")), raw)


@FAST
@given(ANYTHING)
def test_dates_periods_and_deadlines(raw: object) -> None:
    day = parses_or_says_why(parse_date, raw)
    assert day is None or 1900 <= day.year <= 2200
    period = parses_or_says_why(parse_period, raw)
    assert period is None or period.start <= period.end
    parses_or_says_why(parse_deadline, raw)


@FAST
@given(ANYTHING)
def test_targets(raw: object) -> None:
    target = parses_or_says_why(parse_target, raw)
    if target is not None:
        # A parsed target can judge any finite value without failing.
        assert target.meets(50.0, 40.0) in (True, False)


def mutate(text: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each (position, length to delete, insertion) applied in turn."""
    for position, length, insertion in edits:
        at = position % (len(text) + 1)
        text = text[:at] + insertion + text[at + length :]
    return text


EDITS = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.one_of(PIECES, st.text(max_size=4),
              st.sampled_from(["\n", ":", "- ", "[", "]", "{", "}", "&a", "*a", "!!", "'", '"', "  "]))),
    min_size=1, max_size=6,
)  # fmt: skip


def check_files(files: dict[str, str | bytes]) -> None:
    """Validate and audit-read the files: results or project errors, nothing else."""
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, content in files.items():
            path = Path(folder) / name
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8", errors="surrogatepass")
            else:
                path.write_bytes(content)
            paths.append(path)
        with contextlib.suppress(MedreformError):
            validate_paths(paths, ROOT / "rules")


@SLOW
@given(EDITS)
def test_any_edit_of_a_plan_is_validated_without_crashing(
    edits: list[tuple[int, int, str]],
) -> None:
    check_files({"plan.yaml": mutate(SMALL_PLAN, edits)})


@SLOW
@given(EDITS)
def test_any_edit_of_a_submission_is_read_without_crashing(
    edits: list[tuple[int, int, str]],
) -> None:
    csv = "unit,period,indicator,value,task,done,completed_on\n"
    csv += "hospital,2023-Q4,emr_level,3,,,\nhospital,2023-Q4,,,centre,是,2024-05-20\n"
    check_files(
        {"plan.yaml": SMALL_PLAN, "s.yaml": mutate(SMALL_SUBMISSION, edits),
         "s.csv": mutate(csv, edits)}
    )  # fmt: skip


@SLOW
@given(st.binary(max_size=400))
def test_any_bytes_as_a_submission_are_rejected_or_read(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for suffix in (".csv", ".yaml", ".xlsx"):
            path = Path(folder) / f"s{suffix}"
            path.write_bytes(data)
            read = read_submissions([path], [], CATALOGUE)
            assert (
                read.rejected
                or read.observations
                or read.milestones
                or read.warnings
                or (not data.strip())
            )


# --- the engine ----------------------------------------------------------------------------

ENGINE_PLAN = plan(
    task("level", indicator="level", target=">= 3", deadline="2023-12-31", owners=("a", "b")),
    task("rate", indicator="rate", target=">= 80", deadline="2024-12-31", owners=("a", "b"),
         aggregate="mean"),
    task("share", indicator="share", target="decrease", deadline="2024-12-31", owners=("a",)),
    task("meetings", indicator="meetings", target=">= 2", every="year", owners=("a",)),
    task("staged", indicator="rate", stages=[("2023-12-31", ">= 50"), ("2024-12-31", ">= 70")],
         owners=("b",)),
    task("centre", deadline="2024-05-31", owners=("a",)),
)  # fmt: skip
INDICATOR_OF = {"level": "level", "rate": "rate", "share": "share", "meetings": "meetings"}
FIRST, LAST = date(2022, 1, 1), date(2026, 6, 30)
DAYS = st.integers(0, (LAST - FIRST).days).map(lambda n: FIRST + timedelta(days=n))

_seq = [0]


def _next() -> int:
    _seq[0] += 1
    return _seq[0]


@st.composite
def observations(draw: st.DrawFn) -> Observation:
    indicator = draw(st.sampled_from(sorted(set(INDICATOR_OF.values()))))
    value = float(draw(st.integers(0, 8) if indicator == "level" else st.integers(0, 100)))
    as_of = draw(DAYS)
    late = draw(st.one_of(st.none(), st.integers(0, 60)))
    submitted = None if late is None else as_of + timedelta(days=late)
    return Observation(draw(st.sampled_from(["a", "b"])), indicator, value, as_of, submitted,
                       _next(), HERE)  # fmt: skip


@st.composite
def milestones(draw: st.DrawFn) -> MilestoneReport:
    as_of = draw(DAYS)
    done = draw(st.booleans())
    completed = as_of - timedelta(days=draw(st.integers(0, 30))) if done else None
    return MilestoneReport("a", "centre", done, completed, as_of, None, _next(), HERE)


ROWS = st.lists(st.one_of(observations(), milestones()), max_size=25)


def keyed(report: Report) -> dict[tuple[str, str], Any]:
    return {(r.task, r.period or r.deadline.isoformat()): r for r in report.results}


@SLOW
@given(ROWS, DAYS)
def test_nothing_reported_as_of_a_later_date_is_used(rows: list[Any], as_of: date) -> None:
    # A milestone report is dated by its completed_on (a 'not done' by its as_of): CONTRACT §2.
    known = [r for r in rows if (r.as_of if isinstance(r, Observation) else r.dated) <= as_of]
    assert (
        run(ENGINE_PLAN, rows, as_of.isoformat()).results
        == run(ENGINE_PLAN, known, as_of.isoformat()).results
    )


@SLOW
@given(ROWS, DAYS)
def test_each_instance_gets_exactly_one_status(rows: list[Any], as_of: date) -> None:
    report = run(ENGINE_PLAN, rows, as_of.isoformat())
    instances = keyed(run(ENGINE_PLAN, [], as_of.isoformat()))
    assert len(keyed(report)) == len(report.results)  # no instance judged twice
    assert keyed(report).keys() == instances.keys()  # and none missing, whatever was reported
    for result in report.results:
        assert isinstance(result.status, Status)
        overdue = result.status in (Status.MISSED, Status.UNREPORTED)
        assert (result.days_overdue is not None) == overdue
        if overdue:
            assert result.days_overdue == (as_of - result.deadline).days > 0


@SLOW
@given(ROWS, DAYS, st.data())
def test_a_report_after_the_deadline_never_undoes_met(
    rows: list[Any], as_of: date, data: st.DataObject
) -> None:
    report = run(ENGINE_PLAN, rows, as_of.isoformat())
    met = [r for r in report.results if r.status is Status.MET and r.indicator]
    if not met:
        return
    result = data.draw(st.sampled_from(met))
    later = data.draw(st.integers(1, max(1, (LAST - result.deadline).days)))
    extra = data.draw(observations())._replace(
        indicator=result.indicator, as_of=result.deadline + timedelta(days=later)
    )
    again = keyed(run(ENGINE_PLAN, [*rows, extra], as_of.isoformat()))
    assert again[result.task, result.period or result.deadline.isoformat()].status is Status.MET
