"""From a group of sentence parts to a draft task: its timing, target, indicator and comments.

Timing, in order: a frequency (every), 逐年 with a direction (every year), a span of years
(every year of it), a date in the text, 利用N年时间, 年内; then, for an undated target, the
single year its heading or document title names, the 完成时限 of its 任务分工 row, the
clause's only date, and last the plan's end — the last two with a TODO.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from medreform_check.draft.core import Target, parse_deadline
from medreform_check.draft.indicators import IndicatorBook
from medreform_check.draft.phrases import DatePhrase, Frequency
from medreform_check.draft.readings import Group, Reading, subject_of


@dataclass(frozen=True, slots=True)
class Stage:
    deadline: str
    due: date
    target: str


@dataclass
class DraftTask:
    title: str
    section: str
    source: str
    key: str  # the clause's position for the id (a5-10)
    id: str = ""
    lead: str = ""
    owners: tuple[str, ...] = ()
    indicator: str | None = None
    target: str | None = None
    aggregate: str | None = None
    aspirational: bool = False
    deadline: str | None = None
    due: date | None = None
    every: str | None = None
    start: date | None = None
    until: date | None = None
    stages: tuple[Stage, ...] = ()
    notes: dict[str, str] = field(default_factory=dict)  # field -> comment on its line
    todos: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Context:
    """What a clause knows that its sentences do not say."""

    start: date  # the plan period
    end: date
    issued: date | None
    year: int | None  # the single year of its heading or document title
    year_origin: str  # what names that year, for the comment
    row_date: DatePhrase | None  # the 完成时限 of a matching 任务分工 row
    clause_date: DatePhrase | None  # the clause's only date


def _year_end(year: int) -> str:
    return f"{year}年底"


def _every(task: DraftTask, frequency: Frequency, context: Context) -> None:
    task.every = frequency.every
    if context.year is not None and date(context.year, 12, 31) < context.end:
        task.until = date(context.year, 12, 31)
        task.notes["until"] = f"{context.year_origin} names {context.year}"
    if context.issued and context.start < context.issued <= context.end:
        months = {"year": 12, "half": 6, "quarter": 3, "month": 1}[frequency.every]
        first = date(context.issued.year, (context.issued.month - 1) // months * months + 1, 1)
        if context.start < first and (task.until is None or first <= task.until):
            task.start = first
            task.notes["from"] = f"the {frequency.every} that holds the issue date"


def _dated(task: DraftTask, written: str, note: str | None, todo: str | None = None) -> None:
    deadline = parse_deadline(written)
    task.deadline, task.due = written, deadline.day
    if note:
        task.notes["deadline"] = note
    if todo:
        task.todos.append(todo)


def set_timing(task: DraftTask, reading: Reading, context: Context) -> None:
    """Exactly one of every / deadline, from the first rule that applies (module docstring)."""
    if reading.frequencies:
        _every(task, reading.frequencies[0], context)
        kinds = sorted({f.every for f in reading.frequencies})
        if len(kinds) > 1:
            task.todos.append(f"the text names several frequencies ({', '.join(kinds)})")
    elif reading.direction is not None and reading.direction.yearly:
        _every(task, Frequency("year", "逐年", 0), context)
    elif reading.years and reading.years[0] < reading.years[1]:
        begin, last = reading.years
        task.every = "year"
        if date(begin, 1, 1) > context.start:
            task.start = date(begin, 1, 1)
        if date(last, 12, 31) < context.end:
            task.until = date(last, 12, 31)
        task.notes["every"] = f"'{begin}年到{last}年': every year of the span"
    elif reading.dates:
        first = reading.dates[0]
        _dated(task, first.written, first.note)
        others = sorted({d.written for d in reading.dates[1:]} - {first.written})
        if others:
            task.todos.append(f"the text also names {', '.join(others)}; the first date is used")
    elif reading.years:
        _dated(task, _year_end(reading.years[0]), f"'{reading.years[0]}年' read as its end")
    elif reading.span:
        year = context.start.year + reading.span - 1
        _dated(task, _year_end(year), f"'利用{reading.span}年时间': the end of year {year}")
    elif reading.within_year:
        year = context.year or (context.issued or context.start).year
        _dated(task, _year_end(year), f"'年内' read as the end of {year}")
    else:
        _undated(task, context)


def _undated(task: DraftTask, context: Context) -> None:
    if context.year is not None:
        _dated(
            task, _year_end(context.year), f"undated: {context.year_origin} names {context.year}"
        )
    elif context.row_date is not None:
        _dated(task, context.row_date.written, "undated: the 任务分工 table's 完成时限")
    elif context.clause_date is not None:
        written = context.clause_date.written
        _dated(task, written, "undated: the clause's only date")
        task.todos.append(f"no date in the sentence: due {written}, the clause's only date; check")
    else:
        written = f"{context.end.year}年底"
        _dated(task, written, "undated: the plan's end")
        task.todos.append("no date in the text: due the end of the plan period; check")


def _name_for(reading: Reading, target: Target) -> str:
    if reading.direction is not None:
        return reading.direction.name
    if target.unit == "次":
        number = reading.numbers[0].written
        text = next((p for p in reading.text.split("，") if number in p), reading.text)
        for written in [f.written for f in reading.frequencies] + [number]:
            text = text.replace(written, "")
        return re.sub(r"^[，、]+|[，、]+$", "", text) + "次数"
    return subject_of(reading) or reading.text


def set_target(
    task: DraftTask, group: Group, sentence: str, book: IndicatorBook, single: bool
) -> None:
    """The target, its indicator, aggregate and aspiration; TODOs for what was not read."""
    reading = group.reading
    target: Target | None = None
    if reading.numbers:
        number = reading.numbers[0]
        target = number.target
        if number.todo:
            task.todos.append(number.todo)
        if len(reading.numbers) > 1:
            more = ", ".join(n.written for n in reading.numbers[1:])
            task.todos.append(f"the text also sets {more}; only the first is drafted")
    elif reading.direction is not None:
        target = Target(reading.direction.op)
    for phrase in reading.unread:
        task.todos.append(f"could not read '{phrase}' as a target")
    if target is None:
        return
    mean = "平均" in reading.text and target.op not in ("increase", "decrease", "ratio")
    texts = (reading.text, sentence) if single else (reading.text,)
    task.indicator, problem = book.choose(texts, target, _name_for(reading, target), mean)
    if problem:
        task.todos.append(problem)
    task.target = str(target)
    if mean:
        task.aggregate = "mean"
        task.notes["aggregate"] = "平均"


def set_aspiration(task: DraftTask, group: Group, groups: list[Group]) -> None:
    """力争 in the task's own words; or in the shared opening, unless other parts repeat it —
    then the repetition marks which targets are aspirational."""
    if group.own_aspiration:
        task.aspirational = True
    elif group.opening is not None and group.opening.aspirational:
        task.aspirational = not any(g.own_aspiration for g in groups)


def merge_stages(tasks: list[DraftTask]) -> list[DraftTask]:
    """Targets of one sentence on the same indicator, due on different dates, are stages of
    one task (``2023年底达到2级，2025年底达到3级``)."""
    by_indicator: dict[str, list[DraftTask]] = {}
    for task in tasks:
        if task.indicator and task.due and task.target and not task.every:
            by_indicator.setdefault(task.indicator, []).append(task)
    for same in by_indicator.values():
        dues = [t.due for t in same]
        if len(same) < 2 or len(set(dues)) != len(dues):
            continue
        ordered = sorted(same, key=lambda t: t.due or date.min)
        first = ordered[0]
        first.stages = tuple(
            Stage(t.deadline or "", t.due or date.min, t.target or "") for t in ordered
        )
        first.deadline = first.due = first.target = None
        first.notes.pop("deadline", None)
        first.title = "；".join(dict.fromkeys(t.title for t in ordered))
        for task in ordered[1:]:
            first.todos += [todo for todo in task.todos if todo not in first.todos]
            tasks.remove(task)
    return tasks
