"""The part of a document that its schema errors leave usable, so the rest is still checked.

One unknown key in one task must not hide a duplicate id, an unknown indicator or a bad
deadline elsewhere in the plan. Each schema violation is cut out at the smallest piece whose
checks do not depend on it: a task or a plan indicator with any violation is set aside whole
(and a task measured by a set-aside indicator with it); a unit with a broken value is set
aside, an unknown key of a unit or of the header dropped; an optional header key with a
broken value is dropped.
What is left must then pass the schema on its own, else nothing is built.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from medreform_check.schemas.validation import Violation, violations

# The plan header keys without which there is no plan to check.
_ESSENTIAL_HEADER = frozenset({"id", "title", "period"})


@dataclass
class UsablePart:
    """A copy of the data without the broken pieces; positions are those of the original
    (tasks and units set aside keep their places, so indices still point into the file)."""

    data: Any
    skipped_tasks: set[int] = field(default_factory=set)
    skipped_units: set[int] = field(default_factory=set)

    def without_skipped(self) -> Any:
        """The data as the schema sees it once the skipped items are gone."""
        data = dict(self.data)
        for key, skipped in (("tasks", self.skipped_tasks), ("units", self.skipped_units)):
            if isinstance(data.get(key), list):
                data[key] = [item for k, item in enumerate(data[key]) if k not in skipped]
        return data


def _drop_key(data: Any, path: tuple[Any, ...]) -> bool:
    node = data
    for key in path[:-1]:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            return False
    if isinstance(node, dict):
        node.pop(path[-1], None)
        return True
    return False


def _cut(part: UsablePart, violation: Violation) -> bool:
    """Set aside the smallest piece holding ``violation``; False when none can be."""
    path = violation.path
    if len(path) >= 2 and path[0] == "tasks" and isinstance(path[1], int):
        # Even an unknown key: it is most likely a misspelt one (``deadlin``), and every
        # check of the task would miss what it meant to say.
        part.skipped_tasks.add(path[1])
        return True
    if len(path) >= 2 and path[0] == "indicators":
        return _drop_key(part.data, path[:2])
    if violation.about_key:
        # A unit's or the header's unknown key: nothing else reads it. Setting the unit
        # aside would make every task it owns name an unknown unit.
        return _drop_key(part.data, path)
    if len(path) >= 2 and path[0] == "units" and isinstance(path[1], int):
        part.skipped_units.add(path[1])
        return True
    if len(path) >= 2 and path[0] == "plan" and path[1] not in _ESSENTIAL_HEADER:
        return _drop_key(part.data, path[:2])
    return False


def _indicator_ids(data: Any) -> set[str]:
    indicators = data.get("indicators")
    return set(indicators) if isinstance(indicators, dict) else set()


def _skip_dependants(part: UsablePart, lost: Iterable[str]) -> None:
    """Tasks measured by an indicator that was set aside depend on the broken part."""
    missing = set(lost)
    tasks = part.data.get("tasks")
    if not missing or not isinstance(tasks, list):
        return
    for k, spec in enumerate(tasks):
        if isinstance(spec, dict) and spec.get("indicator") in missing:
            part.skipped_tasks.add(k)


def usable_part(data: Any, kind: str, found: list[Violation]) -> UsablePart | None:
    """What of ``data`` can still be checked despite the violations ``found``; None when a
    violation sits where nothing around it can be set aside (a missing plan id, say)."""
    if not isinstance(data, dict):
        return None
    part = UsablePart(copy.deepcopy(data))
    before = _indicator_ids(part.data)
    for violation in found:
        if not _cut(part, violation):
            return None
    _skip_dependants(part, before - _indicator_ids(part.data))
    if violations(part.without_skipped(), kind):
        return None
    return part
