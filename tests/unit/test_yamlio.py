"""Located, safe YAML loading."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from medreform_check.errors import Location
from medreform_check.loading.yamldoc import MAX_DEPTH, load_yaml_text

# libyaml's loader where PyYAML bundles it, and always the pure-Python one: findings must not
# depend on which is installed.
LOADERS = [
    pytest.param(getattr(yaml, "CSafeLoader", None), id="libyaml"),
    pytest.param(yaml.SafeLoader, id="pure-python"),
]


def codes(text: str, loader: Any = None) -> list[tuple[str, int | None, int | None]]:
    doc = load_yaml_text(text, "f.yaml", loader)
    return [(f.code, f.where.line, f.where.col) for f in doc.findings]


def codes_and_lines(text: str, loader: Any) -> list[tuple[str, int | None]]:
    """Codes and lines only: a syntax error's column is the parser's to compute, not ours."""
    if loader is None:
        pytest.skip("this PyYAML has no libyaml")
    return [(code, line) for code, line, _ in codes(text, loader)]


def test_every_value_and_key_is_located() -> None:
    doc = load_yaml_text("a: 1\nb:\n  - x\n  - {c: 2024-05-31}\n", "f.yaml")
    assert doc.locate(("a",)) == Location("f.yaml", 1, 4)
    assert doc.locate(("b", 1, "c")) == Location("f.yaml", 4, 9)
    assert doc.locate_key(("b", 1, "c")) == Location("f.yaml", 4, 6)
    # A path that does not exist stops at the deepest node that does.
    assert doc.locate(("b", 7)) == Location("f.yaml", 3, 3)


def test_dates_stay_text_and_keys_are_names() -> None:
    doc = load_yaml_text("when: 2024-05-31\nno: yes\n2024: x\n", "f.yaml")
    assert doc.data == {"when": "2024-05-31", "no": True, "2024": "x"}


def test_duplicate_keys_are_reported_on_the_second_key() -> None:
    assert codes("a: 1\nb: 2\na: 3\n") == [("duplicate-key", 3, 1)]


def test_python_tags_are_refused_and_never_run() -> None:
    doc = load_yaml_text("x: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "f.yaml")
    assert [f.code for f in doc.findings] == ["yaml-tag"]
    assert doc.data == {"x": ["touch /tmp/pwned"]}


@pytest.mark.parametrize("loader", LOADERS)
def test_syntax_errors_are_located(loader: Any) -> None:
    assert codes_and_lines("a: [1, 2\nb: 3\n", loader) == [("yaml-syntax", 2)]


def test_empty_file() -> None:
    assert codes("") == [("empty-file", 1, 1)]
    assert codes("# only a comment\n") == [("empty-file", 1, 1)]


def test_two_documents() -> None:
    assert codes("a: 1\n---\nb: 2\n") == [("yaml-syntax", 2, 1)]


def _block_nesting(levels: int) -> str:
    return "a:\n" + "".join(" " * k + "- \n" for k in range(1, levels))


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    ("text", "line"),
    [
        # One line of brackets: libyaml 0.2.6 refuses it at 1000 levels, while looking ahead.
        ("[" * 100_000 + "]" * 100_000, 1),
        ("x: " + "{a: " * 1500 + "1" + "}" * 1500, 1),
        ("- " * 1200 + "1\n", 1),
        # One level per line, the mapping on line 1: the 65th level opens on line 65.
        (_block_nesting(1500), MAX_DEPTH + 1),
        ("ok: 1\nx: " + "[" * 2000 + "\n", 2),
    ],
    ids=["flow-sequences", "flow-mappings", "compact-sequences", "block", "after-a-line"],
)
def test_deep_nesting_is_our_finding_whatever_the_loader(text: str, line: int, loader: Any) -> None:
    assert codes_and_lines(text, loader) == [("yaml-too-deep", line)]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    assert [c for c, _, _ in codes("\n".join(lines))] == ["yaml-too-large"]


def test_aliases_within_the_limit_are_fine() -> None:
    doc = load_yaml_text("base: &b {x: 1}\nuse: *b\nmerged: {<<: *b, y: 2}\n", "f.yaml")
    assert doc.findings == []
    assert doc.data["use"] == {"x": 1}
    assert doc.data["merged"] == {"x": 1, "y": 2}


@pytest.mark.parametrize("loader", LOADERS)
def test_control_characters_are_located(loader: Any) -> None:
    assert codes_and_lines("a: 1\nb: \x00\n", loader) == [("yaml-syntax", 2)]
