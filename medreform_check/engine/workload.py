"""How much work plans ask for, checked before any is done (limits.py, issue 13).

A 14 KB plan can ask for `every: month` over three centuries in a hundred tasks, or for monthly
reports from three hundred units over the same span: half a million instances or a million
report entries, gigabytes of memory. Each limit is far above a real plan and is checked where
the work would be generated, with an error that names it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from medreform_check.engine.instances import count_instances, too_many
from medreform_check.engine.reporting import count_reports
from medreform_check.errors import Finding, Location, Severity
from medreform_check.limits import MAX_INSTANCES, MAX_INSTANCES_PER_TASK, MAX_REPORTS
from medreform_check.model import Plan

CODE = "too-many-instances"


def _error(where: Location, message: str) -> Finding:
    return Finding(CODE, Severity.ERROR, where, message)


def _instances(plans: Sequence[Plan]) -> Iterator[Finding]:
    total = 0
    for plan in plans:
        for task in plan.tasks:
            count = count_instances(task, plan)
            if count > MAX_INSTANCES_PER_TASK:
                yield _error(task.at, too_many(task, count))
            total += count
            if total > MAX_INSTANCES:
                yield _error(
                    task.at,
                    f"the plans have more than {MAX_INSTANCES:,} task instances by task "
                    f"'{task.id}'; the limit is {MAX_INSTANCES:,} per run "
                    "(limits.MAX_INSTANCES): split the plan or narrow its recurring tasks",
                )
                return


def workload(plans: Sequence[Plan]) -> list[Finding]:
    """Errors for whatever exceeds a limit: a task's instances, all instances of the run,
    a plan's periodic reports; each at the task (or the plan) that crosses it."""
    findings = list(_instances(plans))
    for plan in plans:
        reports = count_reports(plan)
        if reports > MAX_REPORTS:
            findings.append(
                _error(
                    Location(plan.path),
                    f"plan '{plan.id}' asks for more than {MAX_REPORTS:,} periodic reports "
                    f"({len(plan.reporting_units()):,} units, every "
                    f"{plan.reporting.every if plan.reporting else ''}); the limit is "
                    f"{MAX_REPORTS:,} (limits.MAX_REPORTS): narrow the plan period or report "
                    "less often",
                )
            )
    return findings
