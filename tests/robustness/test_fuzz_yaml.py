"""Hypothesis fuzzing of the YAML reader through the whole command line (issue 13): whatever a
plan or a submission holds, no exception escapes as an internal error (exit 3), and the input
files are left byte for byte as they were."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import ROOT, SMALL_PLAN, run_cli

RULES = str(ROOT / "rules")

# Pieces of YAML that reach the corners of the reader: YAML 1.1 number and boolean traps,
# anchors, aliases and merge keys, tags, flow collections, quoting, control characters.
SCALARS = st.sampled_from(
    ["075", "0x1F", "1_0", "1:10", "50:30:20", ".inf", "-.nan", "1e400", "9" * 401, "yes",
     "no", "~", "''", '"\\e[31m\\a"', '"a\\nb"', "2024-02-30", "2024-Q2", "不低于80%",
     "&a 3", "*a", "!!python/object:os.system", "!!binary aGk=", "[1, 2", "{x: 1}",
     "[*a, *a]", "|\n  text", "- - -", "\t", "\u202e", "\x1b", "0b101", "+.5"]
)  # fmt: skip
KEYS = st.sampled_from(
    ["schema_version", "plan", "tasks", "values", "unit", "period", "indicator", "value",
     "id", "title", "deadline", "target", "every", "<<", '"a\\nb"', "? [x]", "&k key"]
)  # fmt: skip


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 12))):
        indent = "  " * draw(st.integers(0, 3))
        dash = draw(st.sampled_from(["", "- "]))
        lines.append(f"{indent}{dash}{draw(KEYS)}: {draw(SCALARS)}")
    text = "\n".join(lines) + "\n"
    if draw(st.booleans()):
        text = "schema_version: 1\nunit: hospital\nperiod: 2023-Q4\nvalues:\n" + text
    return text


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=st.one_of(documents(), st.text(max_size=200)))
def test_any_yaml_is_read_without_an_internal_error(tmp_path: Path, text: str) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    fuzzed = tmp_path / "fuzzed.yaml"
    raw = text.encode("utf-8", "surrogatepass")
    fuzzed.write_bytes(raw)
    for argv in (
        ["validate", str(fuzzed)],
        ["audit", str(plan), "-s", str(fuzzed), "--as-of", "2024-06-30", "-f", "json"],
        ["audit", str(fuzzed), "--as-of", "2024-06-30"],
        ["diff", str(plan), str(fuzzed)],
    ):
        result = run_cli([*argv, "--rules", RULES])
        assert result.exit_code in (0, 1, 2), (argv[0], result.stderr)
        assert "internal error" not in result.stderr
        assert fuzzed.read_bytes() == raw
        assert plan.read_text(encoding="utf-8") == SMALL_PLAN
