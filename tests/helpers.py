"""Hand-built model objects for engine tests: plans, tasks and observations in one line each."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

from medreform_check.commands.audit import build_report
from medreform_check.errors import Location
from medreform_check.language.targets import parse_target
from medreform_check.model import (
    Catalogue,
    Indicator,
    MilestoneReport,
    Observation,
    Plan,
    Stage,
    Submissions,
    Task,
    Unit,
)
from medreform_check.report import Report, Result

ROOT = Path(__file__).resolve().parent.parent
HERE = Location("test.yaml", 1, 1)

INDICATORS = {
    "level": Indicator("level", "级别", "level", "级", min=0, max=8, integer=True, better="higher"),
    "rate": Indicator("rate", "比例", "rate", "%", better="higher"),
    "share": Indicator("share", "占比", "rate", "%", better="lower"),
    "meetings": Indicator(
        "meetings", "会议次数", "count", "次", min=0, integer=True, better="higher"
    ),
    "mix": Indicator("mix", "结构", "composition", "%", parts=("a", "b", "c")),
}
CATALOGUE = Catalogue(INDICATORS)


def d(text: str) -> date:
    return date.fromisoformat(text)


def task(ident: str = "t", **fields: Any) -> Task:
    """A task; `target` may be given as text, `stages` as [(deadline, target), ...]."""
    if isinstance(fields.get("target"), str):
        fields["target"] = parse_target(fields["target"])
    for key in ("deadline", "start", "until"):
        if isinstance(fields.get(key), str):
            fields[key] = d(fields[key])
    if "stages" in fields:
        fields["stages"] = tuple(
            Stage(d(deadline), parse_target(target) if target else None, HERE)
            for deadline, target in fields["stages"]
        )
    fields.setdefault("owners", ("a",))
    return Task(id=ident, title=fields.pop("title", ident), order=0, at=HERE, **fields)


def plan(
    *tasks: Task, units: Sequence[str] = ("a", "b", "c"), warn_days: int = 30, **fields: Any
) -> Plan:
    numbered = tuple(
        Task(**{**{f: getattr(t, f) for f in t.__dataclass_fields__}, "order": k})
        for k, t in enumerate(tasks)
    )
    return Plan(
        id=fields.pop("id", "p"),
        title="测试方案",
        start=d(fields.pop("start", "2023-01-01")),
        end=d(fields.pop("end", "2025-12-31")),
        path="test.yaml",
        units={u: Unit(u, f"单位{u}") for u in units},
        tasks=numbered,
        warn_days=warn_days,
        **fields,
    )


_seq = [0]


def _next() -> int:
    _seq[0] += 1
    return _seq[0]


def obs(
    unit: str, indicator: str, value: Any, as_of: str, submitted: str | None = None
) -> Observation:
    return Observation(
        unit, indicator, value, d(as_of), d(submitted) if submitted else None, _next(), HERE
    )


def done(
    unit: str, task_id: str, completed_on: str | None, as_of: str, is_done: bool = True, **kw: Any
) -> MilestoneReport:
    return MilestoneReport(
        unit,
        task_id,
        is_done,
        d(completed_on) if completed_on else None,
        d(as_of),
        None,
        _next(),
        HERE,
        **kw,
    )


def run(the_plan: Plan, rows: Sequence[Observation | MilestoneReport], as_of: str) -> Report:
    subs = Submissions(
        observations=[r for r in rows if isinstance(r, Observation)],
        milestones=[r for r in rows if isinstance(r, MilestoneReport)],
    )
    return build_report([the_plan], CATALOGUE, subs, d(as_of))


def results(
    the_plan: Plan, rows: Sequence[Observation | MilestoneReport], as_of: str
) -> list[Result]:
    return list(run(the_plan, rows, as_of).results)


def only(the_plan: Plan, rows: Sequence[Observation | MilestoneReport], as_of: str) -> Result:
    found = results(the_plan, rows, as_of)
    assert len(found) == 1, found
    return found[0]


@dataclass(frozen=True)
class CliResult:
    """What a run of the command line left behind."""

    exit_code: int
    stdout_bytes: bytes
    stderr_bytes: bytes

    @property
    def stdout(self) -> str:
        return self.stdout_bytes.decode("utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_bytes.decode("utf-8", errors="replace")

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(
    argv: Sequence[str], env: Mapping[str, str | None] | None = None, input: str = ""
) -> CliResult:
    """Run ``medreform-check argv`` in this process, through the same entry point and error
    boundary as the console script, with its standard streams captured (unlike typer's
    CliRunner, which would bypass the boundary and whose stream handling varies by release)."""
    from medreform_check.cli import main

    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(io.BytesIO(input.encode("utf-8")), encoding="utf-8"),
        io.TextIOWrapper(out, encoding="utf-8", write_through=True),
        io.TextIOWrapper(err, encoding="utf-8", write_through=True),
    )
    saved = (sys.stdin, sys.stdout, sys.stderr)
    overrides = {k: v for k, v in (env or {}).items() if v is not None}
    removed = [k for k, v in (env or {}).items() if v is None]
    with mock.patch.dict(os.environ, overrides):
        for name in removed:
            os.environ.pop(name, None)
        sys.stdin, sys.stdout, sys.stderr = streams
        try:
            code = main(list(argv))
        finally:
            sys.stdin, sys.stdout, sys.stderr = saved
    return CliResult(code, out.getvalue(), err.getvalue())


def demo_audit(fmt: str, lang: str = "en") -> Any:
    """The shipped plan audited on the demo submissions as of 2024-06-30, through the CLI."""
    argv = ["audit", str(ROOT / "plans"), "-s", str(ROOT / "examples" / "submissions"), "--as-of", "2024-06-30",
            "--rules", str(ROOT / "rules"), "--fail-on", "none", "--format", fmt, "--lang", lang]  # fmt: skip
    result = run_cli(argv)
    assert result.exit_code == 0, result.stderr
    return result.stdout_bytes if fmt == "xlsx" else result.stdout


# A small plan and a submission for it, as files on disk, for driving the CLI.
SMALL_PLAN = """schema_version: 1
plan:
  id: small
  title: 小方案
  document_no: 测〔2024〕1号
  period: {start: 2023-01-01, end: 2025-12-31}
units:
  - {id: bureau, name: 疾控局}
  - {id: hospital, name: 综合医院}
tasks:
  - id: emr
    title: 电子病历3级
    lead: bureau
    owners: [hospital]
    indicator: emr_level
    target: ">= 3"
    deadline: 2023-12-31
  - id: centre
    title: 一站式服务中心
    owners: [hospital]
    deadline: 2024-05-31
  - id: visits
    title: 就诊率争取达到80%
    owners: [hospital]
    indicator: local_visit_rate
    target: 不低于80%
    aspirational: true
    deadline: 2023-12-31
"""

SMALL_SUBMISSION = """schema_version: 1
unit: hospital
period: 2023-Q4
submitted: 2024-01-10
values:
  - {indicator: emr_level, value: 3}
  - {indicator: local_visit_rate, value: "75%"}
  - {task: centre, done: true, completed_on: 2024-05-20}
"""
