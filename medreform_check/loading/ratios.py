"""Rates computed from their numerator and denominator (CONTRACT §1.1 `ratio_of`).

A unit may report a rate itself, or its numerator and denominator — rows of the two
component indicators with the same `as_of` — or both. When the components are given, the
unit's rate is computed from them: 100 × numerator ÷ denominator. A reported rate is then
checked against it (they must agree within the rounding of the reported figure, else a
warning) and takes the computed value; without one, the computed rate is added, located at
the numerator's row. The bounds of the rate apply to the computed value (outside them, both
components are rejected), and so do the consistency checks, which run after this step: when
one rejects a computed rate, its components are rejected with it.

The components stay in the submissions as values of their own indicators: `pooled` finds
them on the date of a unit's latest rate, which is how it tells a unit that gave them from
one that gave only the rate (``engine.aggregates``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from medreform_check.model import Indicator, Observation, RowIssue, Submissions
from medreform_check.observations import ObservationStore
from medreform_check.vocabulary import Message, format_number, format_range

_Key = tuple[str, date]  # unit, as_of


@dataclass(frozen=True, slots=True)
class Derived:
    """A rate computed from two rows: its row in the store, and the rows of its components."""

    rate: int
    components: tuple[int, ...]  # every row of both components on that date


def tolerance(reported: float) -> float:
    """Half a unit in the last decimal the reported figure shows: 82 agrees with 82.4, 82.5
    with 82.46 but not with 82.6. A whole number counts as written without decimals."""
    if reported == int(reported):
        return 0.5 + 1e-9
    exponent = Decimal(repr(float(reported))).as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    return 0.5 * 10.0**-places + 1e-9 * max(1.0, abs(reported))


def _rows_by_date(store: ObservationStore, wanted: set[str]) -> dict[_Key, dict[str, list[int]]]:
    """The store's rows of ``wanted`` indicators per unit and date, the winning row last (the
    later `submitted`, then the later row, as everywhere else)."""
    rows: dict[_Key, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    chosen = store.rows_of_indicators(wanted)
    chosen.sort(key=lambda r: (store.submitted[r], store.seqs[r]))
    for row in chosen:
        obs = store.observation(row)
        rows[obs.unit, obs.as_of][obs.indicator].append(row)
    return rows


class _Derivation:
    """The rates computed from the submissions' rows, and what that changes in them: rows
    rejected, reported rates given their computed value, rates added."""

    def __init__(self, submissions: Submissions) -> None:
        self.out = submissions
        self.store = submissions.store
        self.derived: list[Derived] = []

    def rate(self, rate: Indicator, day: date, rows: Mapping[str, list[int]]) -> None:
        """One unit's ``rate`` on ``day`` from its numerator and denominator rows, if both."""
        numerator_id, denominator_id = rate.ratio_of or ("", "")
        if not rows.get(numerator_id) or not rows.get(denominator_id):
            return
        store = self.store
        components = (*rows[numerator_id], *rows[denominator_id])
        numerator = store.observation(rows[numerator_id][-1])
        denominator = store.observation(rows[denominator_id][-1])
        top, bottom = float(numerator.value), float(denominator.value)  # type: ignore[arg-type]
        unit = numerator.unit
        terms = {
            "id": rate.id,
            "numerator": format_number(top),
            "denominator": format_number(bottom),
        }
        if not bottom:
            reason = Message("ratio.zero", {**terms, "of": denominator_id})
            self.out.warnings.append(RowIssue(denominator.at, unit, reason, "row-ratio"))
            return
        value = 100.0 * top / bottom
        terms["value"] = format_number(value)
        low, high = rate.bounds
        if (low is not None and value < low) or (high is not None and value > high):
            reason = Message("ratio.outside", {**terms, "range": format_range(low, high)})
            for row in components:
                self.out.rejected.append(RowIssue(store.location(row), unit, reason, "row-value"))
                store.drop(row)
            return
        self.derived.append(Derived(self._rate_row(rate, rows, terms, value), components))

    def _rate_row(
        self, rate: Indicator, rows: Mapping[str, list[int]], terms: dict[str, str], value: float
    ) -> int:
        """The row of the unit's rate, given the computed value: the reported rate's row,
        or a row added at the numerator's."""
        store = self.store
        reported = rows.get(rate.id)
        if reported:
            row = reported[-1]
            figure = float(store.values[row])
            if abs(figure - value) > tolerance(figure):
                said = Message("ratio.disagrees", {**terms, "reported": format_number(figure)})
                where, unit = store.location(row), store.unit_of(row)
                self.out.warnings.append(RowIssue(where, unit, said, "row-ratio"))
            store.set_value(row, value)
            return row
        numerator = store.observation(rows[rate.ratio_of[0] if rate.ratio_of else ""][-1])
        denominator = store.observation(rows[rate.ratio_of[1] if rate.ratio_of else ""][-1])
        dates = [d for d in (numerator.submitted, denominator.submitted) if d is not None]
        seq = max(numerator.seq, denominator.seq)
        day = numerator.as_of
        computed = Observation(
            numerator.unit, rate.id, value, day, max(dates, default=None), seq, numerator.at
        )
        store.add(computed)
        return store.rows - 1


def derive_rates(submissions: Submissions, indicators: Mapping[str, Indicator]) -> list[Derived]:
    """Compute every rate whose numerator and denominator a unit gave for one date."""
    numeric = {k for k, i in indicators.items() if i.kind != "composition"}
    ratios = [i for i in indicators.values() if i.ratio_of and {i.id, *i.ratio_of} <= numeric]
    if not ratios:
        return []
    wanted = {r.id for r in ratios} | {c for r in ratios for c in r.ratio_of or ()}
    derivation = _Derivation(submissions)
    for (_, day), rows in _rows_by_date(submissions.store, wanted).items():
        for rate in ratios:
            derivation.rate(rate, day, rows)
    return derivation.derived


def reject_components(submissions: Submissions, derived: Sequence[Derived]) -> None:
    """A computed rate that a consistency check rejected takes its components with it."""
    store = submissions.store
    for item in derived:
        if item.rate not in store.dropped:
            continue
        rate_at = store.location(item.rate)
        indicator = store.indicator_of(item.rate)
        reason = Message("ratio.rate_rejected", {"id": indicator, "at": str(rate_at)})
        for row in item.components:
            if row in store.dropped:
                continue
            store.drop(row)
            where, unit = store.location(row), store.unit_of(row)
            if where != rate_at:  # the rate's own row is listed already
                submissions.rejected.append(RowIssue(where, unit, reason, "row-check"))
