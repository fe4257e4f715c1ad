"""The column store of observations and the evidence index built from it."""

from __future__ import annotations

import pytest

from medreform_check import observations
from medreform_check.engine.evidence import Evidence
from medreform_check.model import ObservationStore, Submissions

from helpers import d, obs


def rows() -> list[observations.Observation]:
    return [
        obs("a", "rate", 70, "2024-03-31", "2024-04-10"),
        obs("b", "rate", 50, "2024-03-31"),
        obs("a", "level", 2, "2024-03-31"),
        obs("a", "rate", 75, "2024-06-30", "2024-07-10"),
        obs("a", "rate", 72, "2024-03-31", "2024-05-01"),  # a resubmission of Q1, later
        obs("a", "mix", {"x": 60.0, "y": 40.0}, "2024-06-30"),
    ]


@pytest.mark.parametrize("sort_up_to", [4_000_000, 0])  # sorted in C, or counting sort
def test_rows_are_grouped_per_unit_and_indicator_in_read_order(
    sort_up_to: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(observations, "SORT_UP_TO", sort_up_to)
    store = ObservationStore(rows())
    assert list(store.rows_of("a", "rate")) == [0, 3, 4]
    assert list(store.rows_of("b", "rate")) == [1]
    assert list(store.rows_of("b", "level")) == []
    assert list(store.rows_of("nobody", "rate")) == []
    store.drop(3)
    assert list(store.rows_of("a", "rate")) == [0, 4]
    assert len(store) == 5 and [o.value for o in store][:2] == [70, 50]


def test_an_observation_comes_back_as_it_went_in() -> None:
    given = rows()
    assert list(ObservationStore(given)) == given  # values, dates, seq and position


def test_the_series_keeps_one_value_per_date_the_later_submission_winning() -> None:
    evidence = Evidence.of(Submissions(rows()))
    series = evidence.values("a", "rate")
    assert series is not None
    # Q1 twice: submitted 04-10 (70) and 05-01 (72): the later submission counts.
    assert series.dates == [d("2024-03-31"), d("2024-06-30")]
    assert list(series.items) == [72, 75]
    mix = evidence.values("a", "mix")
    assert mix is not None and list(mix.items) == [{"x": 60.0, "y": 40.0}]


def test_known_by_counts_only_what_had_been_submitted_by_then() -> None:
    subs = Submissions(rows())
    # Known by 2024-04-30: only the 04-10 submission of a's rate; b's has no date (known).
    early = Evidence.of(subs, known_by=d("2024-04-30"))
    series = early.values("a", "rate")
    assert series is not None and list(series.items) == [70]
    assert early.values("b", "rate") is not None
    # Known by 2024-01-01: nothing of a's rate had arrived.
    assert Evidence.of(subs, known_by=d("2024-01-01")).values("a", "rate") is None
    later = Evidence.of(subs, known_by=d("2024-07-10")).values("a", "rate")
    assert later is not None and list(later.items) == [72, 75]
