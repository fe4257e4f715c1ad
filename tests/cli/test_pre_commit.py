"""The pre-commit hooks in a repository as people have them (issue 14): CI workflows and
pre-commit's own config beside the plans, and no `files:` override.

The real ``pre-commit`` runs the hooks of ``.pre-commit-hooks.yaml`` — their ``files``,
``exclude`` and ``require_serial`` copied as they are — as ``repo: local`` hooks whose entry is
this checkout's ``python -m medreform_check``, so nothing is installed and the run is fast.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from helpers import ROOT, SMALL_PLAN

WORKFLOW = """name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
"""
SUBMISSION = "unit,period,indicator,value\nhospital,2023-Q4,emr_level,3\n"


def local_hooks() -> list[dict[str, Any]]:
    """Our published hooks, as `repo: local` hooks running this checkout."""
    published = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hooks = []
    for hook in published:
        assert hook["entry"] == "medreform-check validate"
        local = {k: v for k, v in hook.items() if k not in ("language", "entry", "description")}
        local.update(entry=f"{sys.executable} -m medreform_check validate", language="system")
        if hook["id"] == "medreform-check-submissions":
            local["args"] = ["plans"]  # as docs/ci.md tells users to
        hooks.append(local)
    return hooks


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "office"
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "ci.yml").write_text(WORKFLOW, encoding="utf-8")
    (repo / "plans").mkdir()
    (repo / "plans" / "plan.yaml").write_text(SMALL_PLAN, encoding="utf-8")
    (repo / "submissions").mkdir()
    (repo / "submissions" / "hospital-2023Q4.csv").write_text(SUBMISSION, encoding="utf-8")
    shutil.copytree(ROOT / "rules", repo / "rules")
    (repo / "notes.yaml").write_text("meeting: 2024-07-01\n", encoding="utf-8")  # not ours
    config = {"repos": [{"repo": "local", "hooks": local_hooks()}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    return repo


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


def pre_commit(repo: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    env.pop("NO_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_hooks_pass_in_a_real_repository_then_fail_on_a_broken_plan(
    repository: Path, tmp_path: Path
) -> None:
    green = pre_commit(repository, tmp_path / "home")
    # The workflow, pre-commit's own config and notes.yaml are not handed to validate
    # (they would be `unknown-kind` errors); the plan, rules and submission pass.
    assert green.returncode == 0, green.stdout + green.stderr
    assert "unknown-kind" not in green.stdout
    assert green.stdout.count("Passed") == 2, green.stdout

    plan = repository / "plans" / "plan.yaml"
    plan.write_text(SMALL_PLAN.replace("lead: bureau", "lead: nobody"), encoding="utf-8")
    git(repository, "add", ".")
    red = pre_commit(repository, tmp_path / "home")
    assert red.returncode == 1, red.stdout + red.stderr
    # SMALL_PLAN: the first task's `lead:` is line 13, its value at column 11
    assert "plans/plan.yaml:13:11: error: lead 'nobody'" in red.stdout, red.stdout
    assert "[unknown-unit]" in red.stdout
