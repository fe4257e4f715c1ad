"""Plan files (CONTRACT §1.3): schema first, then every date and target parsed in place."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from medreform_check.errors import Finding, Location, ParseError, Severity
from medreform_check.language.periods import parse_date, parse_deadline
from medreform_check.language.targets import Target, TargetError, parse_target
from medreform_check.language.values import parse_number
from medreform_check.loading.catalogue import indicators_from
from medreform_check.loading.partial import UsablePart, usable_part
from medreform_check.loading.yamldoc import YamlDocument, load_yaml
from medreform_check.model import Baseline, Plan, Reporting, Stage, Task, Unit, Waiver
from medreform_check.schemas.validation import check_document, violations

T = TypeVar("T")
Keys = tuple[Any, ...]


def _names(raw: object) -> tuple[str, ...]:
    if raw is None:
        return ()
    return (raw,) if isinstance(raw, str) else tuple(raw)  # type: ignore[arg-type]


class _PlanBuilder:
    """Turns a schema-valid plan document into a ``Plan``, recording each bad value."""

    def __init__(
        self, doc: YamlDocument, findings: list[Finding], part: UsablePart | None = None
    ) -> None:
        self.doc = doc
        self.findings = findings
        self.part = part or UsablePart(doc.data)

    def problem(
        self, keys: Keys, code: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        self.findings.append(Finding(code, severity, self.doc.locate(keys), message))

    def parse(self, keys: Keys, code: str, parser: Callable[[Any], T], raw: Any) -> T | None:
        try:
            return parser(raw)
        except ParseError as exc:
            self.problem(keys, code, str(exc))
            return None

    def day(self, keys: Keys, raw: Any) -> date | None:
        return None if raw is None else self.parse(keys, "bad-date", parse_date, raw)

    def deadline(self, keys: Keys, raw: Any) -> date | None:
        parsed = self.parse(keys, "bad-deadline", parse_deadline, raw)
        if parsed is None:
            return None
        if parsed.ambiguous:
            year = parsed.day.year
            self.problem(
                keys,
                "ambiguous-deadline",
                f"'{raw}' is ambiguous (before {year}, or by the end of it?); read as "
                f"{parsed.day}: write '{year}年底前' or '{year - 1}年底前' to say which",
                Severity.WARNING,
            )
        return parsed.day

    def target(self, keys: Keys, raw: Any) -> Target | None:
        if raw is None:
            return None
        try:
            return parse_target(raw)
        except TargetError as exc:
            self.problem(keys, "bad-target", str(exc))
            return None

    def baseline(self, keys: Keys, raw: Any) -> Baseline | None:
        if raw is None:
            return None
        value = self.parse((*keys, "value"), "bad-target", parse_number, raw["value"])
        as_of = self.day((*keys, "as_of"), raw["as_of"])
        return None if value is None or as_of is None else Baseline(value, as_of)

    def where(self, keys: Keys) -> Location:
        return self.doc.locate(keys)

    def units(self, raw: list[Mapping[str, Any]]) -> dict[str, Unit]:
        units: dict[str, Unit] = {}
        for i, spec in enumerate(raw):
            if i in self.part.skipped_units:
                continue
            ident = spec["id"]
            if ident in units:
                first = units[ident].at.line
                self.problem(
                    ("units", i, "id"),
                    "duplicate-id",
                    f"unit id '{ident}' is used twice (first at line {first})",
                )
                continue
            units[ident] = Unit(
                ident,
                spec["name"],
                _names(spec.get("class")),
                self.where(("units", i)),
                parent=spec.get("parent"),
                aliases=tuple(spec.get("aliases", ())),
                reports=spec.get("reports"),
            )
        return units

    def task(self, i: int, spec: Mapping[str, Any]) -> Task:
        keys: Keys = ("tasks", i)
        stages = tuple(
            Stage(
                self.deadline((*keys, "stages", k, "deadline"), stage["deadline"]),
                self.target((*keys, "stages", k, "target"), stage.get("target")),
                self.where((*keys, "stages", k)),
            )
            for k, stage in enumerate(spec.get("stages", ()))
        )
        waived = spec.get("waived")
        return Task(
            id=spec["id"],
            title=spec["title"],
            order=i,
            at=self.where(keys),
            section=spec.get("section"),
            source=spec.get("source"),
            lead=spec.get("lead"),
            owners=tuple(spec.get("owners", ())),
            owner_classes=_names(spec.get("owner_class")),
            aggregate=spec.get("aggregate", "all"),
            indicator=spec.get("indicator"),
            target=self.target((*keys, "target"), spec.get("target")),
            deadline=self.deadline((*keys, "deadline"), spec["deadline"])
            if "deadline" in spec
            else None,
            stages=stages,
            every=spec.get("every"),
            start=self.day((*keys, "from"), spec.get("from")),
            until=self.day((*keys, "until"), spec.get("until")),
            aspirational=spec.get("aspirational", False),
            waived=Waiver(
                waived["reason"], self.day((*keys, "waived", "until"), waived.get("until"))
            )
            if waived
            else None,
            evidence_required=spec.get("evidence") == "required",
            weight=spec.get("weight"),
            by=spec.get("by"),
            baseline=self.baseline((*keys, "baseline"), spec.get("baseline")),
        )

    def tasks(self, raw: list[Mapping[str, Any]]) -> tuple[Task, ...]:
        tasks = []
        seen: dict[str, Location] = {}
        for i, spec in enumerate(raw):
            if i in self.part.skipped_tasks:
                continue
            ident = spec["id"]
            if ident in seen:
                first = seen[ident].line
                self.problem(
                    ("tasks", i, "id"),
                    "duplicate-id",
                    f"task id '{ident}' is used twice (first at line {first})",
                )
            else:
                seen[ident] = self.where(("tasks", i))
            tasks.append(self.task(i, spec))
        return tuple(tasks)

    def build(self) -> Plan | None:
        data = self.part.data
        head = data["plan"]
        reporting = head.get("reporting")
        start = self.day(("plan", "period", "start"), head["period"]["start"])
        end = self.day(("plan", "period", "end"), head["period"]["end"])
        if start is None or end is None:
            return None
        if start > end:
            self.problem(
                ("plan", "period"),
                "bad-period",
                f"the plan period starts ({start}) after it ends ({end})",
            )
        return Plan(
            id=head["id"],
            title=head["title"],
            start=start,
            end=end,
            path=self.doc.path,
            units=self.units(data.get("units", [])),
            tasks=self.tasks(data["tasks"]),
            indicators=indicators_from(self.doc, ("indicators",), data.get("indicators", {})),
            issuer=head.get("issuer"),
            document_no=head.get("document_no"),
            issued=self.day(("plan", "issued"), head.get("issued")),
            warn_days=head.get("warn_days", 30),
            escalate_days=head.get("escalate_days", 30),
            reporting=Reporting(reporting["every"], reporting["due_days"]) if reporting else None,
        )


def plan_from(doc: YamlDocument) -> tuple[Plan | None, list[Finding]]:
    """The plan in ``doc`` and every finding about it.

    With schema errors, the plan is built from what they leave usable (``usable_part``), so
    the rest of it is still checked; the errors are among the findings, so no command uses
    such a plan for an audit. None when nothing usable is left or the file did not load.
    """
    findings = list(doc.findings)
    if doc.data is None or not doc.ok:
        return None, findings
    found = violations(doc.data, "plan")
    findings += check_document(doc, "plan", found)
    part = usable_part(doc.data, "plan", found) if found else None
    if found and part is None:
        return None, findings
    return _PlanBuilder(doc, findings, part).build(), findings


def load_plan(path: Path) -> tuple[Plan | None, list[Finding]]:
    return plan_from(load_yaml(path))
