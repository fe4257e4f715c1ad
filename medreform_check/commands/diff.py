"""``diff``: what a change to a plan tightens, relaxes or merely changes, task by task.

A pull request that lowers a target, moves a deadline later, drops a task, waives one or
marks it 力争 makes the plan easier to satisfy; reviewers should see that plainly.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from medreform_check.commands.diff_indicators import compare_in_base, indicator_verdicts
from medreform_check.errors import Location
from medreform_check.language.targets import Target
from medreform_check.model import Catalogue, Indicator, Plan, Task
from medreform_check.vocabulary import format_range

# Verdicts, and which of them fail a review unless --allow-relaxed.
ADDED, REMOVED, TIGHTENED, RELAXED, EARLIER, LATER, CHANGED = (
    "added", "removed", "tightened", "relaxed", "earlier", "later", "changed",
)  # fmt: skip
FAILING = frozenset({REMOVED, RELAXED, LATER})
_FREQUENCY = {"month": 12, "quarter": 4, "half": 2, "year": 1}


@dataclass(frozen=True, slots=True)
class Change:
    task: str
    aspect: str  # task, target, deadline, stages, every, owners, aspirational, waived, …
    verdict: str
    old: str | None
    new: str | None
    at: Location

    @property
    def failing(self) -> bool:
        return self.verdict in FAILING


@dataclass(frozen=True)
class PlanDiff:
    old: str
    new: str
    plan: str
    changes: tuple[Change, ...]

    @property
    def failing(self) -> bool:
        return any(c.failing for c in self.changes)

    def counts(self) -> dict[str, int]:
        return {
            v: sum(c.verdict == v for c in self.changes)
            for v in (ADDED, REMOVED, TIGHTENED, RELAXED, EARLIER, LATER, CHANGED)
        }


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (tuple, list)):
        return ", ".join(map(str, value)) or None
    return str(value)


_VERDICTS = {"tighter": TIGHTENED, "looser": RELAXED}


def _written_same(old: Target, new: Target) -> bool:
    return str(old) == str(new) and old.unit == new.unit


class _TaskDiff:
    def __init__(
        self, old: Task, new: Task, indicators: tuple[Indicator | None, Indicator | None]
    ) -> None:
        self.old, self.new = old, new
        self.old_indicator, self.new_indicator = indicators
        # When the unit changed, a target is shown with the unit it is read in.
        units = tuple(i.unit if i is not None else "" for i in indicators)
        self.show_units = units[0] != units[1]

    def change(self, aspect: str, verdict: str, old: object, new: object) -> Change:
        return Change(self.new.id, aspect, verdict, _text(old), _text(new), self.new.at)

    def shown(self, target: Target, indicator: Indicator | None) -> str:
        unit = target.unit or (indicator.unit if indicator is not None else "")
        return f"{target} {unit}" if self.show_units and unit else str(target)

    def target(self, aspect: str, old: Target | None, new: Target | None) -> Iterator[Change]:
        if old is None or new is None:
            if (old is None) != (new is None):
                yield self.change(aspect, CHANGED, old, new)
            return
        # Targets written alike whose indicator changed are the indicator's change (below).
        if _written_same(old, new) and self.old_indicator != self.new_indicator:
            return
        verdict = compare_in_base(old, self.old_indicator, new, self.new_indicator)
        if verdict != "same":
            shown = self.shown(old, self.old_indicator), self.shown(new, self.new_indicator)
            yield self.change(aspect, _VERDICTS.get(verdict, CHANGED), *shown)

    def indicator(self) -> Iterator[Change]:
        """A plan or catalogue change to the task's indicator that makes its unchanged
        targets accept more (or less): a relaxation (or tightening) of the task."""
        before, after = self.old_indicator, self.new_indicator
        if before is None or after is None or before.id != after.id or before == after:
            return
        pairs = [(o, n) for o, n in self.target_pairs() if _written_same(o, n)]
        shown = {
            "indicator unit": (before.unit or None, after.unit or None),
            "indicator bounds": (format_range(*before.bounds), format_range(*after.bounds)),
            "indicator better": (before.better, after.better),
        }
        for aspect, verdict in indicator_verdicts(pairs, before, after):
            yield self.change(aspect, _VERDICTS.get(verdict, CHANGED), *shown[aspect])

    def target_pairs(self) -> list[tuple[Target, Target]]:
        old, new = self.old, self.new
        pairs = [(old.target, new.target)]
        pairs += [(a.target, b.target) for a, b in zip(old.stages, new.stages, strict=False)]
        return [(a, b) for a, b in pairs if a is not None and b is not None]

    def day(self, aspect: str, old: date | None, new: date | None) -> Iterator[Change]:
        if old != new:
            if old is None or new is None:
                yield self.change(aspect, CHANGED, old, new)
            else:
                yield self.change(aspect, LATER if new > old else EARLIER, old, new)

    def flag(self, aspect: str, old: bool, new: bool) -> Iterator[Change]:
        """A flag whose being set makes the task easier (aspirational, waived)."""
        if old != new:
            yield self.change(aspect, RELAXED if new else TIGHTENED, old, new)

    def timing(self) -> Iterator[Change]:
        old, new = self.old, self.new
        forms = (
            (bool(old.deadline), bool(old.stages), bool(old.every)),
            (bool(new.deadline), bool(new.stages), bool(new.every)),
        )
        if forms[0] != forms[1]:
            yield self.change("timing", CHANGED, _timing(old), _timing(new))
            yield from self.day("final deadline", _last_deadline(old), _last_deadline(new))
            return
        yield from self.day("deadline", old.deadline, new.deadline)
        yield from self.target("target", old.target, new.target)
        if len(old.stages) != len(new.stages):
            yield self.change(
                "stages", CHANGED, f"{len(old.stages)} stages", f"{len(new.stages)} stages"
            )
        for k, (before, after) in enumerate(zip(old.stages, new.stages, strict=False), 1):
            yield from self.day(f"stage {k} deadline", before.deadline, after.deadline)
            yield from self.target(f"stage {k} target", before.target, after.target)
        if old.every and new.every and old.every != new.every:
            less_often = _FREQUENCY[new.every] < _FREQUENCY[old.every]
            yield self.change("every", RELAXED if less_often else TIGHTENED, old.every, new.every)
        if old.every and new.every:
            yield from self.day("from", old.start, new.start)
            if old.until != new.until and old.until and new.until:
                # A recurring duty that ends sooner asks for less.
                yield self.change(
                    "until", RELAXED if new.until < old.until else TIGHTENED, old.until, new.until
                )

    def all(self) -> Iterator[Change]:
        old, new = self.old, self.new
        if old.indicator != new.indicator:
            yield self.change(
                "indicator", CHANGED, old.indicator or "milestone", new.indicator or "milestone"
            )
        yield from self.timing()
        yield from self.indicator()
        if old.aggregate != new.aggregate:
            verdict = {("all", "any"): RELAXED, ("any", "all"): TIGHTENED}.get(
                (old.aggregate, new.aggregate), CHANGED
            )
            yield self.change("aggregate", verdict, old.aggregate, new.aggregate)
        yield from self.flag("aspirational", old.aspirational, new.aspirational)
        yield from self.flag("waived", old.waived is not None, new.waived is not None)
        if old.waived and new.waived and old.waived.until != new.waived.until:
            before, after = old.waived.until, new.waived.until
            longer = after is None or (before is not None and after > before)
            yield self.change(
                "waived until",
                RELAXED if longer else TIGHTENED,
                before or "always",
                after or "always",
            )
        yield from self.flag(
            "evidence optional", old.evidence_required is False, new.evidence_required is False
        )
        for aspect in ("lead", "owners", "owner_classes", "title", "section", "source"):
            before, after = getattr(old, aspect), getattr(new, aspect)
            if before != after:
                yield self.change(aspect.replace("_classes", "_class"), CHANGED, before, after)


def _timing(task: Task) -> str:
    if task.deadline:
        return f"deadline {task.deadline}"
    if task.stages:
        return f"{len(task.stages)} stages"
    return f"every {task.every}"


def _last_deadline(task: Task) -> date | None:
    if task.deadline:
        return task.deadline
    if task.stages:
        return task.stages[-1].deadline
    return task.until


def _indicator(task: Task, plan: Plan, catalogue: Catalogue) -> Indicator | None:
    ident = task.indicator or ""
    return plan.indicators.get(ident) or catalogue.indicators.get(ident)


def diff_plans(
    old: Plan, new: Plan, catalogue: Catalogue, old_catalogue: Catalogue | None = None
) -> PlanDiff:
    """Every change from ``old`` to ``new``, in the new plan's task order, removals last.

    The old plan's indicators come from ``old_catalogue`` (default: the same catalogue), so
    that a catalogue change that relaxes a target shows too."""
    before = {task.id: task for task in old.tasks}
    after = {task.id: task for task in new.tasks}
    changes: list[Change] = []
    for task in new.tasks:
        if task.id not in before:
            changes.append(Change(task.id, "task", ADDED, None, task.title, task.at))
            continue
        was = before[task.id]
        indicators = (
            _indicator(was, old, old_catalogue or catalogue),
            _indicator(task, new, catalogue),
        )
        changes += _TaskDiff(was, task, indicators).all()
    changes += [
        Change(t.id, "task", REMOVED, t.title, None, t.at) for t in old.tasks if t.id not in after
    ]
    return PlanDiff(old.path, new.path, new.id, tuple(changes))


def read_plan(path: str, stdin_text: str | None = None) -> Plan:
    """One plan for comparing: ``-`` reads standard input (``git show main:plan.yaml | …``)."""
    from pathlib import Path

    from medreform_check.errors import InvalidInput, MedreformError
    from medreform_check.loading.plan import plan_from
    from medreform_check.loading.yamldoc import load_yaml, load_yaml_text

    if path == "-":
        doc = load_yaml_text(stdin_text or "", "<stdin>")
    else:
        if not Path(path).exists():
            raise MedreformError("no such file", Location(path))
        doc = load_yaml(Path(path))
    plan, findings = plan_from(doc)
    if plan is None or any(f.is_error for f in findings):
        raise InvalidInput(findings)
    return plan
