"""What every plan rule looks at: the plan, the catalogue, and the file for positions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from medreform_check.errors import Location
from medreform_check.language.targets import Target
from medreform_check.loading.yamldoc import YamlDocument
from medreform_check.model import Catalogue, Indicator, Plan, Task, Unit


@dataclass(frozen=True)
class PlanContext:
    """One plan, the catalogue it draws indicators from, and, when it came from a file, that
    file, so that a problem can point at the very key it is about."""

    plan: Plan
    catalogue: Catalogue
    doc: YamlDocument | None = None

    def at(self, fallback: Location, *keys: Any) -> Location:
        """Where ``keys`` are written; ``fallback`` for a plan built without its file."""
        return self.doc.locate(keys) if self.doc is not None else fallback

    def task_at(self, task: Task, *keys: Any) -> Location:
        """Where ``keys`` are written inside ``task``."""
        return self.at(task.at, "tasks", task.order, *keys)

    def unit_at(self, unit: Unit, *keys: Any) -> Location:
        """Where ``keys`` are written inside ``unit`` (the first unit with its id)."""
        if self.doc is None:
            return unit.at
        listed = self.doc.data.get("units") or []
        k = next((k for k, spec in enumerate(listed) if spec.get("id") == unit.id), None)
        return unit.at if k is None else self.doc.locate(("units", k, *keys))

    def indicator(self, ident: str | None) -> Indicator | None:
        """The indicator ``ident`` names: the plan's own first, then the catalogue's."""
        if ident is None:
            return None
        return self.plan.indicators.get(ident) or self.catalogue.indicators.get(ident)

    def written(self, task: Task, *keys: Any) -> bool:
        """Whether the file has a value at ``keys`` in the task (parsed or not)."""
        if self.doc is None:
            return False
        node: Any = self.doc.data["tasks"][task.order]
        for key in keys:
            if not isinstance(node, (dict, list)) or (isinstance(node, dict) and key not in node):
                return False
            node = node[key]
        return True

    def targets(self, task: Task) -> Iterator[tuple[Target | None, Location, bool]]:
        """Each target the task sets, where it is written, and whether anything is written there."""
        if task.stages:
            for k, stage in enumerate(task.stages):
                yield (
                    stage.target,
                    self.task_at(task, "stages", k, "target"),
                    self.written(task, "stages", k, "target"),
                )
        else:
            yield task.target, self.task_at(task, "target"), self.written(task, "target")
