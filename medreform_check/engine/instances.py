"""Task instances: one per deadline, per stage, or per calendar period of an ``every`` task."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from medreform_check.errors import MedreformError
from medreform_check.language.periods import Period, periods_overlapping
from medreform_check.language.targets import Target
from medreform_check.limits import MAX_INSTANCES_PER_TASK
from medreform_check.model import Plan, Task


@dataclass(frozen=True, slots=True)
class Instance:
    """What is due when: a target, a deadline, and the period it covers."""

    task: Task
    deadline: date
    target: Target | None
    start: date  # the period starts here: the task's `from`, or the calendar period's first day
    period: Period | None = None  # set for `every` instances
    stage: int | None = None  # 1-based, for staged tasks
    stages: int = 0


def count_instances(task: Task, plan: Plan, cap: int = MAX_INSTANCES_PER_TASK) -> int:
    """How many instances ``task`` has over the whole plan, whatever the as-of date; counting
    stops past ``cap``, so a task over three centuries costs no more than the limit."""
    if task.deadline is not None:
        return 1
    if task.stages:
        return len(task.stages)
    if task.every is None:
        return 0
    last = min(task.until or plan.end, plan.end)
    count = 0
    for _ in periods_overlapping(task.every, task.start or plan.start, last):
        count += 1
        if count > cap:
            break
    return count


def too_many(task: Task, count: int) -> str:
    every = f" (every {task.every})" if task.every else ""
    return (
        f"task '{task.id}' has {'more than ' if count > MAX_INSTANCES_PER_TASK else ''}"
        f"{min(count, MAX_INSTANCES_PER_TASK):,} instances{every}; the limit is "
        f"{MAX_INSTANCES_PER_TASK:,} per task (limits.MAX_INSTANCES_PER_TASK): narrow its "
        "`from`/`until` or the plan period"
    )


def instances_of(task: Task, plan: Plan, as_of: date) -> list[Instance]:
    """The instances of ``task`` in deadline order; ``every`` ones once their period has begun.

    Refuses a task over the per-task limit: the commands check ``workload`` first and say so
    with a located error, so this only guards a caller that did not."""
    count = count_instances(task, plan)
    if count > MAX_INSTANCES_PER_TASK:
        raise MedreformError(too_many(task, count), task.at)
    start = task.start or plan.start
    if task.deadline is not None:
        return [Instance(task, task.deadline, task.target, start)]
    if task.stages:
        count = len(task.stages)
        return [
            Instance(task, stage.deadline, stage.target, start, stage=k, stages=count)
            for k, stage in enumerate(task.stages, 1)
            if stage.deadline is not None
        ]
    if task.every is None:
        return []
    # Never past the plan's end: a period cut by `until` or the plan end is due when it is cut.
    last = min(task.until or plan.end, plan.end)
    instances = []
    for period in periods_overlapping(task.every, start, last):
        first_day = max(period.start, start)
        if first_day > as_of:
            break
        instances.append(
            Instance(task, min(period.end, last), task.target, first_day, period=period)
        )
    return instances
