"""The README's promises: its two quick-start lines, and CI running exactly the second."""

from __future__ import annotations

import re

from helpers import ROOT


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```sh\n(.*?)```", section, flags=re.S)
    return [line for line in block.splitlines() if line.strip()]


def test_the_quick_start_has_exactly_two_command_lines() -> None:
    install_and_audit, install_and_test = quick_start()
    assert (
        "medreform-check audit plans/" in install_and_audit
        and " -s examples/submissions" in install_and_audit
    )
    assert "--as-of" in install_and_audit  # never today's date: the demo output is fixed
    assert "'.[test]'" in install_and_test and "pytest" in install_and_test


def test_ci_runs_the_readme_test_line_and_says_what_it_adds() -> None:
    """.ci/run reads its first step from the README, so the two cannot drift apart; whatever it
    runs besides, the README names."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'block = re.search(r"## Quick start' in script
    assert 'bash -c "$readme_test_line"' in script
    for added in (
        "coverage",
        "ruff check",
        "ruff format --check",
        "mypy --strict",
        "lowest-direct",
    ):
        assert added in script, added
        assert added in readme, added


def test_every_command_is_documented() -> None:
    from medreform_check.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or (c.callback.__name__ if c.callback else "") for c in app.registered_commands]
    assert sorted(names) == ["audit", "diff", "draft", "overdue", "schema", "template", "validate"]
    for name in names:
        assert f"medreform-check {name}" in readme, name
