"""YAML submissions: one unit per file, its rows under ``values:``, each located by line."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from pathlib import Path

from medreform_check.loading.readers.rows import (
    RawRow,
    ReadItem,
    ReadNote,
    ReadProblem,
    text_or_none,
)
from medreform_check.loading.yamldoc import load_yaml
from medreform_check.model import RowIssue
from medreform_check.schemas.validation import Violation, locate_violation, violations
from medreform_check.vocabulary import Message


def read_yaml(path: Path, names: object = None) -> Iterator[ReadItem]:
    """A YAML submission's rows (``names`` is for tables, which must find their header)."""
    doc = load_yaml(path)
    yield ReadNote(f"{path}: YAML")
    errors = [f for f in doc.findings if f.is_error]
    data = doc.data
    if data is None:
        yield from (ReadProblem(RowIssue(f.where, None, f.message, f.code)) for f in errors)
        return
    values = data.get("values") if isinstance(data, dict) else None
    rows = values if isinstance(values, list) else []
    starts = [doc.locate(("values", k)).line or 0 for k in range(len(rows))]

    def row_of(line: int) -> int | None:
        k = bisect_right(starts, line) - 1
        return k if k >= 0 else None

    row_problems: dict[int, list[tuple[str, str]]] = {}
    header_problems: list[RowIssue] = []
    for finding in errors:  # duplicate keys and disallowed tags, placed by line
        k = row_of(finding.where.line or 0)
        if k is None:
            header_problems.append(RowIssue(finding.where, None, finding.message, finding.code))
        else:
            row_problems.setdefault(k, []).append((finding.code, finding.message))
    for violation in violations(data, "submission"):
        if (
            len(violation.path) >= 2
            and violation.path[0] == "values"
            and isinstance(violation.path[1], int)
        ):
            problem = ("schema", _row_message(violation))
            row_problems.setdefault(violation.path[1], []).append(problem)
        else:
            where = locate_violation(doc, violation)
            header_problems.append(RowIssue(where, None, violation.message, "schema"))

    yield from (ReadProblem(issue) for issue in header_problems)
    if not isinstance(data, dict):
        return  # not a mapping at all: the schema said so, above
    header = {k: data[k] for k in ("unit", "period", "submitted") if k in data}
    header_cells = {k: doc.locate((k,)) for k in header}
    for k, row in enumerate(rows):
        at = doc.locate(("values", k))
        unit = row.get("unit", header.get("unit")) if isinstance(row, dict) else header.get("unit")
        if header_problems:
            first = header_problems[0]
            reason = Message("row.file_has_errors", {"line": first.at.line})
            yield ReadProblem(RowIssue(at, text_or_none(unit), reason, first.code))
        elif k in row_problems:
            codes, messages = zip(*row_problems[k], strict=True)
            yield ReadProblem(RowIssue(at, text_or_none(unit), "; ".join(messages), codes[0]))
        else:
            cells = {**header_cells, **{name: doc.locate(("values", k, name)) for name in row}}
            yield RawRow(at, {**header, **row}, cells)
    if not rows and not header_problems:
        yield RawRow(doc.locate(), header, header_cells, receipt_only=True)


def _row_message(violation: Violation) -> str:
    inner = violation.path[2:]
    return (
        f"{inner[0]}: {violation.message}"
        if inner and not violation.about_key
        else violation.message
    )
