"""A small plan and submissions on disk, for driving the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

PLAN = """schema_version: 1
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

SUBMISSION = """schema_version: 1
unit: hospital
period: 2023-Q4
submitted: 2024-01-10
values:
  - {indicator: emr_level, value: 3}
  - {indicator: local_visit_rate, value: "75%"}
  - {task: centre, done: true, completed_on: 2024-05-20}
"""


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN, encoding="utf-8")
    subs = tmp_path / "subs"
    subs.mkdir()
    (subs / "hospital-2023Q4.yaml").write_text(SUBMISSION, encoding="utf-8")
    return {"plan": plan, "subs": subs, "dir": tmp_path}
