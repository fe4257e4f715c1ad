"""Located, safe YAML loading."""

from __future__ import annotations

from medreform_check.errors import Location
from medreform_check.yamlio import MAX_DEPTH, load_yaml_text


def codes(text: str) -> list[tuple[str, int | None, int | None]]:
    return [(f.code, f.where.line, f.where.col) for f in load_yaml_text(text, "f.yaml").findings]


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


def test_syntax_errors_are_located() -> None:
    assert codes("a: [1, 2\nb: 3\n") == [("yaml-syntax", 2, 2)]


def test_empty_file() -> None:
    assert codes("") == [("empty-file", 1, 1)]
    assert codes("# only a comment\n") == [("empty-file", 1, 1)]


def test_two_documents() -> None:
    assert codes("a: 1\n---\nb: 2\n") == [("yaml-syntax", 2, 1)]


def test_deep_nesting_is_refused_without_crashing() -> None:
    found = codes("[" * 100_000 + "]" * 100_000)
    assert found == [("yaml-too-deep", 1, MAX_DEPTH + 1)]


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


def test_control_characters_are_located() -> None:
    assert codes("a: 1\nb: \x00\n") == [("yaml-syntax", 2, 4)]
