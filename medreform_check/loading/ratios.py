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
from medreform_check.vocabulary import Message, format_number, format_range

_Key = tuple[str, date]  # unit, as_of


@dataclass(frozen=True, slots=True)
class Derived:
    """A rate computed from two rows, and the rows of its components."""

    rate: Observation
    components: tuple[Observation, ...]  # every row of both components on that date


def tolerance(reported: float) -> float:
    """Half a unit in the last decimal the reported figure shows: 82 agrees with 82.4, 82.5
    with 82.46 but not with 82.6. A whole number counts as written without decimals."""
    if reported == int(reported):
        return 0.5 + 1e-9
    exponent = Decimal(repr(float(reported))).as_tuple().exponent
    places = -exponent if isinstance(exponent, int) else 0
    return 0.5 * 10.0**-places + 1e-9 * max(1.0, abs(reported))


def _rows_by_date(
    observations: Sequence[Observation], wanted: set[str]
) -> dict[_Key, dict[str, list[Observation]]]:
    """The rows of ``wanted`` indicators per unit and date, the winning row last (the later
    `submitted`, then the later row, as everywhere else)."""
    rows: dict[_Key, dict[str, list[Observation]]] = defaultdict(lambda: defaultdict(list))
    chosen = (o for o in observations if o.indicator in wanted)
    for obs in sorted(chosen, key=lambda o: (o.submitted or date.min, o.seq)):
        rows[obs.unit, obs.as_of][obs.indicator].append(obs)
    return rows


class _Derivation:
    """The rates computed from one file set's rows, and what that changes in them: rows
    rejected, reported rates given their computed value, rates added."""

    def __init__(self, submissions: Submissions) -> None:
        self.out = submissions
        self.gone: set[int] = set()  # rows rejected here (ids of observations)
        self.replaced: dict[int, Observation] = {}  # reported rates, with the computed value
        self.derived: list[Derived] = []

    def rate(self, rate: Indicator, day: date, rows: Mapping[str, list[Observation]]) -> None:
        """One unit's ``rate`` on ``day`` from its numerator and denominator rows, if both."""
        numerator_id, denominator_id = rate.ratio_of or ("", "")
        if not rows.get(numerator_id) or not rows.get(denominator_id):
            return
        components = (*rows[numerator_id], *rows[denominator_id])
        numerator, denominator = rows[numerator_id][-1], rows[denominator_id][-1]
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
            self.out.rejected += [RowIssue(row.at, unit, reason, "row-value") for row in components]
            self.gone.update(id(row) for row in components)
            return
        reported = rows.get(rate.id)
        if reported:
            winner = reported[-1]
            figure = float(winner.value)  # type: ignore[arg-type]
            if abs(figure - value) > tolerance(figure):
                said = Message("ratio.disagrees", {**terms, "reported": format_number(figure)})
                self.out.warnings.append(RowIssue(winner.at, unit, said, "row-ratio"))
            computed = self.replaced[id(winner)] = winner._replace(value=value)
        else:
            dates = [d for d in (numerator.submitted, denominator.submitted) if d is not None]
            seq = max(numerator.seq, denominator.seq)
            submitted = max(dates, default=None)
            computed = Observation(unit, rate.id, value, day, submitted, seq, numerator.at)
            self.out.observations.append(computed)
        self.derived.append(Derived(computed, components))

    def apply(self) -> list[Derived]:
        if self.gone or self.replaced:
            self.out.observations = [
                self.replaced.get(id(o), o) for o in self.out.observations if id(o) not in self.gone
            ]
        return self.derived


def derive_rates(submissions: Submissions, indicators: Mapping[str, Indicator]) -> list[Derived]:
    """Compute every rate whose numerator and denominator a unit gave for one date."""
    numeric = {k for k, i in indicators.items() if i.kind != "composition"}
    ratios = [i for i in indicators.values() if i.ratio_of and {i.id, *i.ratio_of} <= numeric]
    if not ratios:
        return []
    wanted = {r.id for r in ratios} | {c for r in ratios for c in r.ratio_of or ()}
    derivation = _Derivation(submissions)
    for (_, day), rows in _rows_by_date(submissions.observations, wanted).items():
        for rate in ratios:
            derivation.rate(rate, day, rows)
    return derivation.apply()


def reject_components(submissions: Submissions, derived: Sequence[Derived]) -> None:
    """A computed rate that a consistency check rejected takes its components with it."""
    if not derived:
        return
    kept = {id(o) for o in submissions.observations}
    gone: set[int] = set()
    for item in derived:
        if id(item.rate) in kept:
            continue
        reason = Message(
            "ratio.rate_rejected", {"id": item.rate.indicator, "at": str(item.rate.at)}
        )
        for row in item.components:
            gone.add(id(row))
            if row.at != item.rate.at:  # the rate's own row is listed already
                submissions.rejected.append(RowIssue(row.at, row.unit, reason, "row-check"))
    submissions.observations = [o for o in submissions.observations if id(o) not in gone]
