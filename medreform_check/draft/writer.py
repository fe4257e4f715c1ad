"""The draft as a commented YAML plan file, written by hand so that every comment sits where a
reviewer needs it. Every string YAML 1.1 could read as something else (``no``, ``0012``,
``2023-09-28``, ``1:10``) is double-quoted, so the file loads back to exactly what was drafted.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

import yaml

from medreform_check.draft.indicators import DraftIndicator
from medreform_check.draft.tasks import DraftTask

if TYPE_CHECKING:
    from .plan import Draft

_UNSAFE_START = set("-?:,[]{}#&*!|>'\"%@` ")
_LINE_BREAKS = "\u2028\u2029\x85\ufeff"
LEFT_OUT_WIDTH = 60


def _plain_ok(text: str) -> bool:
    if not text or text != text.strip() or text[0] in _UNSAFE_START:
        return False
    if any(not c.isprintable() or c in _LINE_BREAKS for c in text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or any(c in text for c in "[]{},"):
        return False
    try:
        loaded = yaml.safe_load(text)
    except yaml.YAMLError:
        return False
    return isinstance(loaded, str) and loaded == text


def _quoted(text: str) -> str:
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char not in _LINE_BREAKS:
            out.append(char)
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def scalar(value: str | date | bool) -> str:
    """A YAML scalar that loads back as ``value`` (a date as its ISO text)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = value.isoformat() if isinstance(value, date) else value
    return text if _plain_ok(text) else _quoted(text)


def comment(text: str) -> str:
    """A comment's text on one line, printable characters only (YAML refuses control
    characters even in comments, and input text may hold anything)."""
    printable = "".join(c if c.isprintable() and c not in _LINE_BREAKS else " " for c in text)
    return re.sub(r" {2,}", " ", printable).strip()


def _line(indent: int, key: str, value: str, note: str | None = None) -> str:
    line = f"{' ' * indent}{key}: {value}"
    return f"{line}  # {comment(note)}" if note else line


def _flow(items: tuple[str, ...]) -> str:
    return "[" + ", ".join(scalar(i) for i in items) + "]"


def _shorten(text: str, width: int = LEFT_OUT_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- header -----------------------------------------------------------------------------------

_RULES = """\
# How the text was read (docs/draft.md gives every rule):
#   * A task for every sentence that sets a date, a number, a frequency (每年, 季调度…) or a
#     direction (提高…率, …比例下降); one per target where a sentence lists several. `title` is
#     the sentence or its part, `source` its clause (`五（十）`, `六（一）三` = 三是 of 六（一）).
#   * In a one-year programme (or under a heading such as 2023年度任务目标) undated targets are
#     due that year's end, and deliverables (建立、开展、启动…) are milestones due then.
#   * Ids: a5-10-2 is the second task drafted from A 五（十）. Units are unit-01, unit-02… in
#     order of first mention; `lead` is the first unit a note names, `owners` all it names.
#   * `indicator`: a catalogue indicator where the text names it (name or alias); else a
#     plan-local `plan_indicator_NN` under `indicators:` for you to check.
#   * A comment says where each inferred value comes from; `# TODO:` marks what needs a decision."""


def _header(draft: Draft) -> list[str]:
    lines = [
        f"# Drafted by `medreform-check draft` from {comment(draft.path.name)}.",
        "# A first draft to review, not a plan: check every task against the text, settle each",
        "# `# TODO:`, then run `medreform-check validate` on this file.",
        "#",
    ]
    several = len(draft.parts) > 1
    lines.append(f"# The document carries {len(draft.parts)} plans:" if several else "# The plan:")
    for k, part in enumerate(draft.parts):
        where = f"sources start `{part.prefix}`" if part.prefix else "sources such as `五（十）`"
        label = f"{chr(ord('A') + k)}. " if several else ""
        lines.append(f"#   {label}{comment(part.title)}")
        year = part.single_year
        said = f" Its title names {year}: undated targets are due {year}年底." if year else ""
        lines.append(f"#      ({where}.{said})")
    lines += ["#", *_RULES.splitlines()]
    if draft.notes:
        lines += ["#", "# Notes:"] + [f"#   * {comment(n)}" for n in draft.notes]
    if draft.left_out:
        lines += [
            "#",
            "# LEFT OUT, by clause: sentences that set no date, number, frequency or direction",
            "# ([dir] a direction with nothing to measure; [cont] continuing work in a one-year",
            "# programme, no deliverable):",
        ]
        tags = {"a direction with nothing to measure": "[dir] ", "continuing": "[cont] "}
        for item in draft.left_out:
            tag = next((t for key, t in tags.items() if item.reason.startswith(key)), "")
            lines.append(f"#   {comment(item.source)}  {tag}{comment(_shorten(item.text))}")
    return lines


# --- body ---------------------------------------------------------------------------------------


def _plan(draft: Draft) -> list[str]:
    head = draft.head
    lines = ["schema_version: 1", "plan:", _line(2, "id", scalar(head.id))]
    lines.append(_line(2, "title", scalar(head.title)))
    if head.issuer:
        lines.append(_line(2, "issuer", scalar(head.issuer)))
    if head.document_no:
        lines.append(_line(2, "document_no", scalar(head.document_no)))
    if head.issued:
        lines.append(_line(2, "issued", scalar(head.issued)))
    period = f"{{start: {scalar(head.start)}, end: {scalar(head.end)}}}"
    return [*lines, _line(2, "period", period, head.period_note)]


def _units(draft: Draft) -> list[str]:
    if not draft.units:
        return []
    lines = ["", "units:"]
    for ident, name in draft.units.items():
        lines += [f"  - id: {scalar(ident)}", f"    name: {scalar(name)}"]
    return lines


def _indicator(stub: DraftIndicator) -> list[str]:
    lines = [f"  {stub.id}:", _line(4, "name", scalar(stub.name)), _line(4, "kind", stub.kind)]
    lines.append(_line(4, "unit", scalar(stub.unit)))
    if stub.parts:
        lines.append(_line(4, "parts", _flow(stub.parts)))
    if stub.minimum is not None:
        lines.append(_line(4, "min", str(int(stub.minimum))))
    if stub.integer:
        lines.append(_line(4, "integer", "true"))
    if stub.better:
        lines.append(_line(4, "better", stub.better))
    return lines


def _indicators(draft: Draft) -> list[str]:
    if not draft.indicators:
        return []
    lines = [
        "",
        "indicators:",
        "  # TODO: plan-local indicators drafted from the text: check each one's kind, unit and",
        "  # `better`, or use a catalogue indicator instead (an alias in rules/indicators.yaml).",
    ]
    for stub in draft.indicators.values():
        lines += _indicator(stub)
    return lines


def _timing(task: DraftTask) -> list[str]:
    notes = task.notes
    if task.stages:
        lines = ["    stages:"]
        for stage in task.stages:
            lines.append(
                f"      - {{deadline: {scalar(stage.deadline)}, target: {scalar(stage.target)}}}"
            )
        return lines
    if task.every:
        lines = [_line(4, "every", task.every, notes.get("every"))]
        if task.start:
            lines.append(_line(4, "from", scalar(task.start), notes.get("from")))
        if task.until:
            lines.append(_line(4, "until", scalar(task.until), notes.get("until")))
        return lines
    assert task.deadline is not None
    return [_line(4, "deadline", scalar(task.deadline), notes.get("deadline"))]


def _task(task: DraftTask, draft: Draft) -> list[str]:
    lines = [f"  # TODO: {comment(todo)}" for todo in task.todos]
    lines.append(f"  - id: {scalar(task.id)}")
    lines.append(_line(4, "title", scalar(task.title)))
    lines.append(_line(4, "section", scalar(task.section)))
    lines.append(_line(4, "source", scalar(task.source)))
    lines.append(_line(4, "lead", scalar(task.lead), task.notes.get("lead")))
    lines.append(_line(4, "owners", _flow(task.owners), task.notes.get("owners")))
    if task.aggregate:
        lines.append(_line(4, "aggregate", task.aggregate, task.notes.get("aggregate")))
    if task.indicator:
        stub = draft.indicators.get(task.indicator)
        lines.append(_line(4, "indicator", scalar(task.indicator), stub.name if stub else None))
    if task.target:
        lines.append(_line(4, "target", scalar(task.target)))
    if task.aspirational:
        lines.append(_line(4, "aspirational", "true", "力争/争取"))
    return lines + _timing(task)


def render(draft: Draft) -> str:
    lines = _header(draft) + _plan(draft) + _units(draft) + _indicators(draft)
    lines += ["", "tasks:" if draft.tasks else "tasks: []"]
    for task in draft.tasks:
        lines += _task(task, draft)
    return "\n".join(lines) + "\n"
