"""``draft_plan``: a policy document in, a commented plan file out (CONTRACT §3.2).

document → outline (notice and plans) → clauses → sentences → groups of parts → tasks, with
units from responsibility notes and 任务分工 tables, then the YAML text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from medreform_check.draft.clauses import Clause, clauses_of
from medreform_check.draft.core import Catalogue, MedreformError
from medreform_check.draft.documents import read_document
from medreform_check.draft.indicators import DraftIndicator, IndicatorBook
from medreform_check.draft.outline import Header, Outline, Part, outline
from medreform_check.draft.phrases import DatePhrase, find_dates, is_deliverable, names_a_direction
from medreform_check.draft.readings import Group, group_sentence, sentence_reading
from medreform_check.draft.sentences import ClauseText, Sentence, read_clause
from medreform_check.draft.tables import AssignmentRow, assignment_rows
from medreform_check.draft.tasks import (
    Context,
    DraftTask,
    merge_stages,
    set_aspiration,
    set_target,
    set_timing,
)
from medreform_check.draft.units import Assignment, UnitBook

PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FALLBACK_YEAR = 2000  # only for a document that names no year at all; said in a TODO


@dataclass(frozen=True, slots=True)
class LeftOut:
    source: str
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class PlanHead:
    id: str
    title: str
    issuer: str | None
    document_no: str | None
    issued: date | None
    start: date
    end: date
    period_note: str = "from the title's years"


@dataclass
class Draft:
    """The drafted plan: its parts as data, and ``text``, the YAML file."""

    path: Path
    head: PlanHead
    parts: list[Part]
    units: dict[str, str]  # id -> name
    indicators: dict[str, DraftIndicator]
    tasks: list[DraftTask]
    left_out: list[LeftOut]
    notes: list[str] = field(default_factory=list)
    text: str = ""


# --- 任务分工 tables ----------------------------------------------------------------------


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\w]", "", text)
    return {text[k : k + 2] for k in range(len(text) - 1)}


def _best_clause(
    row: AssignmentRow, clauses: list[tuple[ClauseText, set[str]]]
) -> ClauseText | None:
    """The clause whose text holds most of the row's wording (at least 60 % of its bigrams)."""
    wanted = _bigrams(row.text)
    if not wanted:
        return None
    score, best = max(
        ((len(wanted & bigrams) / len(wanted), k) for k, (_, bigrams) in enumerate(clauses)),
        default=(0.0, -1),
    )
    return clauses[best][0] if score >= 0.6 else None


@dataclass
class _Assignments:
    """Who answers for each clause: its own note, else a matching 任务分工 row's."""

    by_clause: dict[Clause, Assignment] = field(default_factory=dict)
    row_dates: dict[Clause, DatePhrase] = field(default_factory=dict)

    def for_clause(self, clause: Clause | None) -> Assignment | None:
        while clause is not None:
            if clause in self.by_clause:
                return self.by_clause[clause]
            clause = clause.parent
        return None


def _table_clauses(
    texts: list[ClauseText], assignments: _Assignments, issued: date | None
) -> list[ClauseText]:
    """Apply each 任务分工 row to the clause it restates; a row that restates none becomes a
    clause of its own (``任务分工表第3项``), every sentence of which is a task."""
    extra: list[ClauseText] = []
    wording = [(t, _bigrams(t.clause.heading + "".join(t.clause.paragraphs))) for t in texts]
    for text in texts:
        for table in text.clause.tables:
            for row in assignment_rows(table):
                match = _best_clause(row, wording)
                dates = find_dates(row.deadline, issued)
                if match is not None:
                    key = match.clause
                    if row.assignment and key not in assignments.by_clause:
                        assignments.by_clause[key] = row.assignment
                    if dates:
                        assignments.row_dates.setdefault(key, dates[0])
                    continue
                label = f"任务分工表第{row.number}项"
                clause = Clause(text.clause.part, (label,), ("t", row.number), "", None, [row.text])
                clause.section_text = row.group or "任务分工表"
                own = read_clause(clause)
                extra.append(own)
                if row.assignment:
                    assignments.by_clause[clause] = row.assignment
                if dates:
                    assignments.row_dates[clause] = dates[0]
    return extra


# --- tasks ------------------------------------------------------------------------------------


def _year_origin(clause: Clause) -> str:
    node: Clause | None = clause
    while node is not None:
        if node.heading and node.year is not None and str(node.year) in node.heading:
            return f"the heading '{node.heading}'"
        node = node.parent
    return "the document's title"


def _clause_date(text: ClauseText, issued: date | None) -> DatePhrase | None:
    """The clause's date when all its sentences name one date between them."""
    dates = [d for s in text.sentences for d in find_dates(s.text, issued)]
    return dates[0] if dates and len({d.day for d in dates}) == 1 else None


def _key(clause: Clause, item: str | None) -> str:
    from .clauses import chinese_number

    numbers = [str(n) for n in clause.numbers] + ([str(chinese_number(item))] if item else [])
    letter = clause.part.letter
    return letter + "-".join(numbers) if numbers[0].isdigit() else f"{letter}-{'-'.join(numbers)}"


def _left_out_reason(text: str, clause: Clause) -> str:
    if names_a_direction(text):
        return "a direction with nothing to measure"
    if clause.year is not None:
        return "continuing work, no deliverable, in a one-year programme"
    return "no date, number, frequency or direction"


def _inherit(group: Group, earlier: Group | None) -> Group:
    """A target part with no date of its own takes the latest date before it in the sentence."""
    reading = group.reading
    if reading.dated or earlier is None:
        return group
    source = earlier.reading
    dated = replace(
        reading,
        dates=source.dates,
        years=source.years,
        span=source.span,
        within_year=source.within_year,
    )
    return replace(group, reading=dated)


class _TaskBuilder:
    def __init__(
        self,
        period: tuple[date, date],
        issued: date | None,
        books: tuple[IndicatorBook, UnitBook],
        assignments: _Assignments,
    ) -> None:
        self.start, self.end = period
        self.issued = issued
        self.indicators, self.units = books
        self.assignments = assignments
        self.tasks: list[DraftTask] = []
        self.left_out: list[LeftOut] = []

    def clause(self, text: ClauseText) -> None:
        clause = text.clause
        context = Context(
            self.start,
            self.end,
            self.issued,
            clause.year,
            _year_origin(clause),
            self.assignments.row_dates.get(clause),
            _clause_date(text, self.issued),
        )
        forced = clause.year_targets or clause.labels[0].startswith("任务分工表")
        for sentence in text.sentences:
            groups = group_sentence(sentence.text, self.issued)
            deliverable = clause.year is not None and is_deliverable(sentence.text)
            if not groups and (forced or deliverable):
                whole = sentence_reading(sentence.text, self.issued)
                groups = [Group(sentence.text, whole, None, whole.aspirational)]
            if not groups:
                reason = _left_out_reason(sentence.text, clause)
                self.left_out.append(LeftOut(sentence.source, sentence.text, reason))
                continue
            made = []
            opening = groups[0].opening
            earlier = Group("", opening, None, False) if opening is not None else None
            for group in groups:
                dated = _inherit(group, earlier)
                made.append(self._task(sentence, dated, groups, context))
                earlier = dated if dated.reading.dated else earlier
            self.tasks += merge_stages(made)

    def _task(
        self, sentence: Sentence, group: Group, groups: list[Group], context: Context
    ) -> DraftTask:
        clause = sentence.clause
        task = DraftTask(group.title, clause.section, sentence.source, _key(clause, sentence.item))
        set_timing(task, group.reading, context)
        set_target(task, group, sentence.text, self.indicators, len(groups) == 1)
        set_aspiration(task, group, groups)
        self._assign(task, sentence)
        return task

    def _assign(self, task: DraftTask, sentence: Sentence) -> None:
        assignment = sentence.assignment or self.assignments.for_clause(sentence.clause)
        if assignment is not None:
            task.owners = tuple(self.units.id_for(name) for name in assignment.owners)
            task.lead = task.owners[0]
            origin = (
                "named in the sentence"
                if sentence.assignment
                else assignment.origin
                if assignment.origin.startswith("任务分工表")
                else "named in the clause's note"
            )
            task.notes["lead"] = f"{assignment.lead}: {origin}"
            task.notes["owners"] = "、".join(assignment.owners)
            return
        subject = self.units.find_subject(sentence.text)
        if subject is not None:
            task.lead, task.owners = subject, (subject,)
            task.notes["lead"] = f"{self.units.names[subject]}: the sentence's subject"
            return
        task.lead = self.units.placeholder()
        task.owners = (task.lead,)
        task.todos.append(
            "the text names no responsible unit: lead and owners are the placeholder "
            f"'{UnitBook.PLACEHOLDER_ID}'"
        )


def _name_tasks(tasks: list[DraftTask]) -> None:
    """Ids from the clause and the task's place in it: a5-10-2 is the second task of 五（十）."""
    counts: dict[str, int] = {}
    taken: set[str] = set()
    for task in tasks:
        counts[task.key] = counts.get(task.key, 0) + 1
        ident = f"{task.key}-{counts[task.key]}"
        suffix = 2
        while ident in taken:
            ident, suffix = f"{task.key}-{counts[task.key]}-{suffix}", suffix + 1
        task.id = ident
        taken.add(ident)


# --- the plan --------------------------------------------------------------------------------


def _register_units(texts: list[ClauseText], assignments: _Assignments, units: UnitBook) -> None:
    """Every unit any note or table names, in document order (so ids follow the text)."""
    for text in texts:
        found = [assignments.by_clause.get(text.clause)]
        found += [s.assignment for s in text.sentences]
        for assignment in found:
            for name in assignment.owners if assignment else ():
                units.id_for(name)


def _period(shape: Outline, texts: list[ClauseText], notes: list[str]) -> tuple[date, date]:
    spans = [p.years for p in shape.parts if p.letter != "n" and p.years]
    spans = spans or [p.years for p in shape.parts if p.years]
    if spans:
        return date(min(s[0] for s in spans), 1, 1), date(max(s[1] for s in spans), 12, 31)
    days = [d.day for t in texts for s in t.sentences for d in find_dates(s.text, None)]
    if days:
        notes.append("the title names no years: the period spans the dates in the text")
        return date(min(days).year, 1, 1), date(max(days).year, 12, 31)
    year = shape.header.issued.year if shape.header.issued else FALLBACK_YEAR
    notes.append(f"TODO: the document names no years: the period {year} is a placeholder")
    return date(year, 1, 1), date(year, 12, 31)


def _widen(
    period: tuple[date, date], tasks: list[DraftTask], notes: list[str]
) -> tuple[date, date]:
    days = [d for t in tasks for d in (t.due, t.start, t.until, *(s.due for s in t.stages)) if d]
    start, end = period
    low, high = min([start, *days]), max([end, *days])
    if (low, high) != (start, end):
        notes.append(
            f"TODO: the text names dates outside the title's years: the period is widened to "
            f"{low.year}–{high.year}"
        )
    return date(low.year, 1, 1), date(high.year, 12, 31)


def _plan_id(header: Header, period: tuple[date, date]) -> str:
    start, end = period[0].year, period[1].year
    ident = f"plan-{start}-{end}" if start != end else f"plan-{start}"
    number = re.search(r"(\d+)号$", header.document_no or "")
    return f"{ident}-no{number.group(1)}" if number else ident


def draft_plan(path: Path, catalogue: Catalogue, plan_id: str | None = None) -> Draft:
    """Draft a plan from the document at ``path``; ``MedreformError`` if it cannot be read."""
    if plan_id is not None and not PLAN_ID.match(plan_id):
        raise MedreformError(
            f"--plan-id '{plan_id}' is not a plan id (lowercase letters, digits and '-', "
            "like alxa-hitech-2023-2025)"
        )
    shape = outline(read_document(path))
    issued = shape.header.issued
    assignments = _Assignments()
    texts: list[ClauseText] = []
    for part in shape.parts:
        own = [read_clause(c) for c in clauses_of(part)]
        for text in own:
            if text.assignment is not None:
                assignments.by_clause[text.clause] = text.assignment
        texts += own + _table_clauses(own, assignments, issued)
    units = UnitBook()
    _register_units(texts, assignments, units)
    notes = list(shape.notes)
    period = _period(shape, texts, notes)
    read_from_title = len(notes) == len(shape.notes)
    builder = _TaskBuilder(period, issued, (IndicatorBook(catalogue), units), assignments)
    for text in texts:
        builder.clause(text)
    _name_tasks(builder.tasks)
    widened = _widen(period, builder.tasks, notes)
    from_title = read_from_title and widened == period
    header = shape.header
    head = PlanHead(
        plan_id or _plan_id(header, period),
        header.title or path.stem,
        header.issuer,
        header.document_no,
        issued,
        *widened,
        "from the title's years" if from_title else "see the notes above",
    )
    draft = Draft(
        path,
        head,
        [p for p in shape.parts if p.letter != "n"],
        dict(units.names),
        dict(builder.indicators.stubs),
        builder.tasks,
        builder.left_out,
        notes,
    )
    from .writer import render

    draft.text = render(draft)
    return draft
