"""What a submitted row means, whatever file it came from (CONTRACT §1.4).

The interpreter decides each raw row against the plans and the catalogue: an observation, a
milestone report, a receipt for the reporting table — or a rejection with its reason and
position. Every row read is either used or rejected; nothing is dropped.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Sequence
from datetime import date

from medreform_check.errors import Location, ParseError
from medreform_check.language.periods import Period, parse_date, parse_period
from medreform_check.language.values import (
    normalise,
    parse_composition,
    parse_done,
    parse_quantity,
    shown,
)
from medreform_check.limits import MAX_VALUE
from medreform_check.loading.bulk import BulkCaches
from medreform_check.loading.names import build_names
from medreform_check.loading.readers import (
    CleanRows,
    RawRow,
    filled_fields,
)
from medreform_check.model import (
    Catalogue,
    Indicator,
    MilestoneReport,
    Observation,
    Plan,
    Receipt,
    RowIssue,
    Submissions,
    Task,
    Value,
)
from medreform_check.vocabulary import Message, format_number, format_range


class _Rejected(Exception):
    """A row that cannot be used: a finding code, the reason, and where (default: the row)."""

    def __init__(self, code: str, reason: Message, at: Location | None = None) -> None:
        super().__init__(str(reason))
        self.code = code
        self.reason = reason
        self.at = at


def _plain_number(raw: object) -> float | None:
    """``raw`` as a float when it is a plain finite number (the usual case), else None."""
    if isinstance(raw, str):
        if "_" in raw:  # float() reads 1_000; a report should not
            return None
        try:
            number = float(raw)
        except ValueError:
            return None
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool):
        try:
            number = float(raw)
        except OverflowError:  # a 400-digit integer: the general parser says why
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _suggest(word: str, choices: Iterable[str]) -> Message:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return Message("row.did_you_mean", {"name": close[0]}) if close else _NOTHING


_NOTHING = Message("text", {"text": ""})


def _field(name: str, exc: ParseError) -> Message:
    """``value: '8o' is not a number``: which field, and why it did not parse."""
    return Message("row.field", {"field": Message(f"field.{name}"), "reason": exc.detail})


class RowInterpreter:
    """Decides what each raw row is, against the plans and indicators in use."""

    def __init__(
        self,
        plans: Sequence[Plan],
        catalogue: Catalogue,
        know_units: bool = True,
        fast: bool = True,
    ) -> None:
        self.fast = fast  # the bulk path for clean table rows (off only to test it against read)
        # Without plans (validating submissions alone) units and tasks cannot be checked.
        self.know_units = know_units
        self.indicators: dict[str, Indicator] = dict(catalogue.indicators)
        for plan in plans:
            self.indicators.update(plan.indicators)
        units = [unit for plan in plans for unit in plan.units.values()]
        # Units and indicators by every name they answer to (ids first: an id always wins).
        self.names = build_names(self.indicators, units)
        self.tasks: dict[str, list[tuple[Plan, Task]]] = {}
        self.scopes: dict[tuple[str, str], frozenset[str]] = {}
        # (unit, period label, submitted, file) of each receipt made (a label hashes in C)
        self.receipts_seen: set[tuple[str, str, date | None, str]] = set()
        self.unit_cache: dict[object, str] = {}
        self.date_cache: dict[str, date] = {}
        self.period_cache: dict[object, Period] = {}
        self.bulk = BulkCaches()  # the fast path's own caches (bulk.py)
        # For the fast path: each plain indicator's id -> (id, low, high, whole numbers); the id
        # is kept so that observations share one string rather than hold a copy per row. No
        # bound is wider than MAX_VALUE: a value beyond it takes the general path, which says so.
        self.limits: dict[str, tuple[str, float, float, bool]] = {
            ident: (
                ident,
                -MAX_VALUE if low is None else max(low, -MAX_VALUE),
                MAX_VALUE if high is None else min(high, MAX_VALUE),
                indicator.integer,
            )
            for ident, indicator in self.indicators.items()
            if indicator.kind != "composition"
            for low, high in [indicator.bounds]
        }
        for plan in plans:
            for task in plan.tasks:
                self.tasks.setdefault(task.id, []).append((plan, task))
                self.scopes[plan.id, task.id] = frozenset(plan.units_in_scope(task))

    # --- single fields ---------------------------------------------------------------

    plain_number = staticmethod(_plain_number)

    def plain_indicator(self, raw: str) -> tuple[str, float, float, bool] | None:
        """The plain indicator a cell names, with its bounds, or None (for the fast path)."""
        ident = self.names.indicators.find(raw)
        return None if ident is None else self.limits.get(ident)

    def unit_id(self, raw: str) -> str | None:
        """The unit a cell names, or None (for the fast path: it never rejects)."""
        known = self.unit_cache.get(raw)
        if known is not None:
            return known
        return self.names.units.find(raw)

    def unit(self, row: RawRow) -> str:
        raw = row.fields.get("unit")
        if raw is None:
            raise _Rejected("row-unknown", Message("row.no_unit"))
        known = self.unit_cache.get(raw)
        if known is not None:
            return known
        text = normalise(str(raw))
        if not self.know_units:
            return text
        found = self.names.units.find(text)
        if found is None:
            message = {"name": shown(str(raw)), "hint": self.names.units.hint(str(raw))}
            raise _Rejected("row-unknown", Message("row.unknown_unit", message), row.where("unit"))
        self.unit_cache[raw] = found
        return found

    # A file repeats a handful of dates and periods thousands of times: parse each once.

    def day(self, row: RawRow, name: str) -> date | None:
        raw = row.fields.get(name)
        if raw is None:
            return None
        known = self.date_cache.get(raw) if isinstance(raw, str) else None
        if known is not None:
            return known
        try:
            parsed = parse_date(raw)
        except ParseError as exc:
            raise _Rejected("row-date", _field(name, exc), row.where(name)) from None
        if isinstance(raw, str):
            self.date_cache[raw] = parsed
        return parsed

    def period(self, row: RawRow) -> Period | None:
        raw = row.fields.get("period")
        if raw is None:
            return None
        known = self.period_cache.get(raw)
        if known is not None:
            return known
        try:
            parsed = self.period_cache[raw] = parse_period(raw)
        except ParseError as exc:
            raise _Rejected("row-date", _field("period", exc), row.where("period")) from None
        return parsed

    def value(self, row: RawRow, indicator: Indicator) -> Value:
        raw = row.fields.get("value")
        if raw is None:
            reason = Message("row.no_value", {"id": indicator.id})
            raise _Rejected("row-value", reason, row.where("value"))
        try:
            if indicator.kind == "composition":
                return parse_composition(raw, indicator.parts)
            number = _plain_number(raw)
            if number is None:
                number = parse_quantity(raw, indicator.unit or None)
        except ParseError as exc:
            raise _Rejected("row-value", _field("value", exc), row.where("value")) from None
        if abs(number) > MAX_VALUE:  # sums of such values could overflow to infinity
            reason = Message("number.over_limit", {"raw": shown(raw), "limit": "10^15"})
            raise _Rejected("row-value", _field("value", ParseError(reason)), row.where("value"))
        low, high = indicator.bounds
        if (low is not None and number < low) or (high is not None and number > high):
            outside = {
                "value": format_number(number),
                "range": format_range(low, high),
                "name": indicator.name,
                "id": indicator.id,
            }
            raise _Rejected("row-value", Message("row.value_outside", outside), row.where("value"))
        if indicator.integer and number != int(number):
            reason = Message("row.not_whole", {"id": indicator.id, "value": format_number(number)})
            raise _Rejected("row-value", reason, row.where("value"))
        return number

    def task(self, row: RawRow, unit: str) -> tuple[Plan, Task]:
        ident = normalise(str(row.fields["task"]))
        if ident not in self.tasks:
            message = {"name": shown(ident), "hint": _suggest(ident, self.tasks)}
            raise _Rejected("row-unknown", Message("row.unknown_task", message), row.where("task"))
        owned = [
            (plan, task) for plan, task in self.tasks[ident] if unit in self.scopes[plan.id, ident]
        ]
        if not owned:
            reason = Message("row.not_owner", {"unit": unit, "task": ident})
            raise _Rejected("row-not-owner", reason, row.where("task"))
        return owned[0]

    def indicator(self, row: RawRow) -> Indicator:
        raw = str(row.fields["indicator"])
        ident = self.names.indicators.find(raw)
        if ident is None:
            message = {"name": shown(raw), "hint": self.names.indicators.hint(raw)}
            reason = Message("row.unknown_indicator", message)
            raise _Rejected("row-unknown", reason, row.where("indicator"))
        return self.indicators[ident]

    # --- whole rows ------------------------------------------------------------------

    def read_cells(
        self, batch: CleanRows, line: int, cells: list[str], seq: int, out: Submissions
    ) -> int:
        """A row the fast path does not settle, read the general way; 0 for a blank row
        (not a row at all), else 1."""
        fields = filled_fields(batch.names, cells, text_only=True)
        if fields is None:
            return 0
        self.read(RawRow(Location(batch.path, line), fields, columns=batch.columns), seq, out)
        return 1

    def read(self, row: RawRow, seq: int, out: Submissions) -> None:
        """Add what ``row`` says to ``out``, or reject it there with the reason."""
        unit_text = None if row.fields.get("unit") is None else str(row.fields["unit"])
        if not row.receipt_only:
            out.rows_read += 1
        try:
            unit = self.unit(row)
            period = self.period(row)
            submitted = self.day(row, "submitted")
            if (
                period is not None
                and (unit, period.label, submitted, row.at.path) not in self.receipts_seen
            ):
                self.receipts_seen.add((unit, period.label, submitted, row.at.path))
                out.receipts.append(Receipt(unit, period, submitted, row.at))
            if row.receipt_only:
                return
            given = self.day(row, "as_of")
            as_of = given or (period.end if period else None)
            if as_of is None:  # a completion with no period: dated by when it was done
                as_of = self.day(row, "completed_on")
            if as_of is None:
                raise _Rejected("row-date", Message("row.undated"))
            if given is not None and period is not None and given > period.end:
                after = {"as_of": given.isoformat(), "period": period.label,
                         "end": period.end.isoformat()}  # fmt: skip
                reason = Message("row.as_of_after_period", after)
                raise _Rejected("as-of-after-period", reason, row.where("as_of"))
            self._fill(row, unit, as_of, submitted, seq, out)
        except _Rejected as rejection:
            where = rejection.at or row.at
            out.rejected.append(RowIssue(where, unit_text, rejection.reason, rejection.code))

    def _fill(
        self,
        row: RawRow,
        unit: str,
        as_of: date,
        submitted: date | None,
        seq: int,
        out: Submissions,
    ) -> None:
        fields = row.fields
        if fields.get("indicator") is None and fields.get("task") is None:
            raise _Rejected("row-subject", Message("row.no_subject"))
        if (
            fields.get("value") is None
            and fields.get("done") is None
            and fields.get("completed_on") is None
        ):
            # A template row nobody filled in: nothing was reported, and nothing is wrong.
            subject = fields.get("indicator") or fields.get("task")
            out.warnings.append(
                RowIssue(
                    row.at,
                    str(fields["unit"]),
                    Message("row.blank", {"subject": str(subject)}),
                    "row-blank",
                )
            )
            return
        if not self.know_units and fields.get("indicator") is None:
            self._unplanned_task_row(row)
            return
        task = self.task(row, unit)[1] if fields.get("task") is not None else None
        if fields.get("indicator") is not None:
            indicator = self.indicator(row)
            if task is not None and task.indicator != indicator.id:
                measure = task.indicator or Message("row.completion")
                reason = {"task": task.id, "measure": measure, "indicator": indicator.id}
                where = row.where("indicator")
                raise _Rejected("row-subject", Message("row.wrong_indicator", reason), where)
        elif task is not None and task.indicator is not None:
            indicator = self.indicators[task.indicator]
        else:
            assert task is not None
            out.milestones.append(self._milestone(row, unit, task, as_of, submitted, seq))
            return
        value = self.value(row, indicator)
        out.store.add(Observation(unit, indicator.id, value, as_of, submitted, seq, row.at))

    def _unplanned_task_row(self, row: RawRow) -> None:
        """Check what can be checked of a task row when no plan says what the task is."""
        if row.fields.get("done") is None:
            return
        try:
            done = parse_done(row.fields["done"])
        except ParseError as exc:
            raise _Rejected("row-value", _field("done", exc), row.where("done")) from None
        if done and self.day(row, "completed_on") is None:
            reason = Message("row.done_undated")
            raise _Rejected("row-completion", reason, row.where("done"))

    def _milestone(
        self, row: RawRow, unit: str, task: Task, as_of: date, submitted: date | None, seq: int
    ) -> MilestoneReport:
        # Offices often write 是/否 into the value column; take it as the answer. A completion
        # date with no answer at all means done (CONTRACT §1.4).
        name = "done" if row.fields.get("done") is not None else "value"
        raw = row.fields.get(name)
        if raw is None and row.fields.get("completed_on") is None:
            raise _Rejected("row-value", Message("row.needs_done", {"task": task.id}))
        try:
            done = True if raw is None else parse_done(raw)
        except ParseError as exc:
            raise _Rejected("row-value", _field(name, exc), row.where(name)) from None
        completed_on = self.day(row, "completed_on")
        if done and completed_on is None:
            reason = Message("row.task_done_undated", {"task": task.id})
            raise _Rejected("row-completion", reason, row.where("done"))
        evidence = row.fields.get("evidence")
        evidence_text = None if evidence is None else str(evidence).strip() or None
        if done and task.evidence_required and evidence_text is None:
            reason = Message("row.needs_evidence", {"task": task.id})
            raise _Rejected("row-completion", reason, row.at)
        return MilestoneReport(
            unit, task.id, done, completed_on, as_of, submitted, seq, row.at, evidence_text
        )
