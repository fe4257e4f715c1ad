"""Text from input never drives the terminal, never forges a line, never becomes markup
(issue 13): ESC, BEL and bidirectional overrides are shown escaped (``\\x1b``); a newline in a
YAML key or a file name stays inside its finding, so no CI log line can be forged; Markdown
escapes HTML and emphasis."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers import ROOT, SMALL_PLAN, run_cli

RULES = str(ROOT / "rules")
RAW = ("\x1b", "\x07", "\u202e", "\r")
# A title with an escape sequence (red), a bell, a right-to-left override and a line break
# that tries to start a GitHub workflow command; YAML's double quotes spell them.
HOSTILE_TITLE = '"电子病历\\e[31mRED\\a\\u202eevil\\n::error file=x::forged"'


@pytest.fixture
def hostile_plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(SMALL_PLAN.replace("title: 电子病历3级", f"title: {HOSTILE_TITLE}"), "utf-8")
    return path


def no_raw_controls(text: str) -> None:
    for char in RAW:
        assert char not in text, repr(char)
    assert not any(line.startswith("::error file=x") for line in text.splitlines())


@pytest.mark.parametrize(
    "argv",
    [
        ["audit", "{plan}", "--fail-on", "none", "-f", "table"],
        ["audit", "{plan}", "--fail-on", "none", "-f", "markdown"],
        ["overdue", "{plan}", "-f", "table"],
        ["overdue", "{plan}", "-f", "markdown"],
    ],
)
def test_titles_with_controls_are_shown_escaped(hostile_plan: Path, argv: list[str]) -> None:
    args = [a.replace("{plan}", str(hostile_plan)) for a in argv]
    result = run_cli([*args, "--as-of", "2024-06-30", "--rules", RULES, "--no-color"])
    assert result.exit_code == 0, result.stderr
    no_raw_controls(result.stdout)
    if "markdown" in argv:  # the backslash and the bracket are escaped once more
        assert (
            "电子病历\\\\x1b\\[31mRED\\\\x07\\\\u202eevil ::error file=x::forged" in result.stdout
        )
    else:  # the title wraps in its column; its first line holds the three escapes
        assert "电子病历\\x1b[31mRED\\x07\\u202e" in result.stdout


def test_colours_of_our_own_survive_the_escaping(hostile_plan: Path) -> None:
    from medreform_check.render.terminal import safe

    assert safe("a\x1b[31mb") == "a\\x1b[31mb"
    assert safe("日本\t語") == "日本\\t語"


def test_diff_escapes_old_and_new_values(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(SMALL_PLAN, encoding="utf-8")
    new = tmp_path / "new\x1b]0;title\x07.yaml"
    new.write_text(SMALL_PLAN.replace('target: ">= 3"', 'target: ">= 2"', 1), encoding="utf-8")
    for fmt in ("table", "markdown"):
        result = run_cli(["diff", str(old), str(new), "--rules", RULES, "-f", fmt])
        assert result.exit_code == 1, result.stderr
        no_raw_controls(result.stdout)
        shown = "\\\\x1b\\]0;title\\\\x07" if fmt == "markdown" else "\\x1b]0;title\\x07"
        assert shown in result.stdout


def finding_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


def test_a_newline_in_a_yaml_key_stays_inside_its_finding(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    forged = '"bad\\n::error file=README.md,line=1::forged\\r"'
    plan.write_text(
        SMALL_PLAN.replace("    title: 电子病历3级\n", f"    title: x\n    {forged}: 1\n"), "utf-8"
    )
    text = run_cli(["validate", str(plan), "--rules", RULES]).stdout
    # One finding (the unknown key) and the summary: two lines, not three.
    lines = finding_lines(text)
    assert len(lines) == 2, lines
    assert re.fullmatch(
        r".*plan\.yaml:\d+:\d+: error: unknown key 'bad\\n::error file=README\.md,line=1::forged\\r' .*\[schema\]",
        lines[0],
    )
    github = run_cli(["validate", str(plan), "--rules", RULES, "-f", "github"]).stdout
    assert [line[:8] for line in finding_lines(github)] == ["::error ", "medrefor"]
    assert "%0A::error file=README.md" in github  # GitHub's own escape keeps it one line


def test_a_newline_in_a_file_name_stays_inside_its_finding(tmp_path: Path) -> None:
    plan = tmp_path / "a\n::warning::forged.yaml"
    plan.write_text(SMALL_PLAN.replace("lead: bureau", "lead: nobody"), encoding="utf-8")
    for fmt in ("text", "github"):
        result = run_cli(["validate", str(plan), "--rules", RULES, "-f", fmt])
        assert result.exit_code == 1
        lines = finding_lines(result.stdout)
        assert len(lines) == 2, lines
        assert not any(line.startswith("::warning::forged") for line in lines)
    # Messages on stderr too: a missing file with controls in its name.
    missing = run_cli(["audit", str(tmp_path / "no\x1b[2Jpe\n.yaml"), "--rules", RULES])
    assert missing.exit_code == 2
    assert len(missing.stderr.splitlines()) == 1
    assert "no\\x1b[2Jpe\\n.yaml: error: no such file" in missing.stderr


def test_markdown_escapes_html_and_emphasis(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    title = '"<script>alert(1)</script> **bold** _em_ [link](http://x) `code` a|b &amp;"'
    plan.write_text(SMALL_PLAN.replace("title: 电子病历3级", f"title: {title}"), "utf-8")
    result = run_cli(["audit", str(plan), "--as-of", "2024-06-30", "--rules", RULES,
                      "--fail-on", "none", "-f", "markdown"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert not re.search(r"(?<!\\)<script", text)  # every < escaped: no tag opens
    assert "**bold**" not in text and "[link](" not in text
    assert (
        "\\<script>alert(1)\\</script> \\*\\*bold\\*\\* \\_em\\_ \\[link\\](http://x) "
        "\\`code\\` a\\|b \\&amp;" in text
    )
