"""Safe YAML loading that remembers where every value came from.

PyYAML's constructors lose positions, silently keep the last of two duplicate keys,
turn ``2024-05-31`` into a date and recurse on nesting (the C composer crashes on
very deep input). We read the parser's events ourselves instead: one pass, no
recursion, no tags beyond the plain YAML types, dates kept as text for our own
parsers, duplicate keys reported, alias expansion and nesting capped, and the
line and column of every key and value kept for error messages.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from medreform_check.errors import Finding, Location, Severity, cannot_read
from medreform_check.limits import MAX_YAML_BYTES, size_problem

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
# Aliases may repeat what an anchor holds; past this many values a file is an
# "alias bomb" (a few lines that expand to billions of values), not a plan.
MAX_EXPANDED_VALUES = 2_000_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_MERGE_KEY = "<<"

Position = tuple[int, int]  # 0-based line and column, as the parser reports them


@dataclass(slots=True)
class _Marks:
    """Where a mapping or sequence and each of its entries start."""

    start: Position
    keys: dict[Any, Position] = field(default_factory=dict)
    values: dict[Any, Position] = field(default_factory=dict)
    merged: set[Any] = field(default_factory=set)  # keys a `<<:` merge brought in


@dataclass
class YamlDocument:
    """A loaded YAML file: its data, the position of every node, and what went wrong."""

    path: str
    data: Any
    findings: list[Finding]
    _marks: dict[int, _Marks] = field(default_factory=dict, repr=False)
    _root: Position = (0, 0)

    @property
    def ok(self) -> bool:
        return not any(f.is_error for f in self.findings)

    def _walk(self, keys: Sequence[Any]) -> tuple[Position, bool, Any]:
        """The position of the value at ``keys``, whether the walk got there, and the value.

        A value that an alias (``*name``) or a merge (``<<:``) repeats is located at the
        alias, not inside the anchor it copies: the walk stops there, so a duplicate id made
        by ``- *task`` is reported where the copy is made."""
        position, obj = self._root, self.data
        for key in keys:
            marks = self._marks.get(id(obj))
            if marks is None or key not in marks.values:
                return position, False, obj
            position, obj = marks.values[key], obj[key]
            child = self._marks.get(id(obj)) if isinstance(obj, (dict, list)) else None
            if child is not None and child.start != position:
                return position, False, obj  # reached through an alias
        return position, True, obj

    def locate(self, keys: Sequence[Any] = ()) -> Location:
        """The position of the value at ``keys`` (or of the deepest ancestor that exists)."""
        position, _, _ = self._walk(keys)
        return Location(self.path, position[0] + 1, position[1] + 1)

    def locate_key(self, keys: Sequence[Any]) -> Location:
        """The position of the last key in ``keys`` itself, for messages about the key."""
        if not keys:
            return self.locate(keys)
        position, reached, parent = self._walk(keys[:-1])
        if not reached:
            return Location(self.path, position[0] + 1, position[1] + 1)
        marks = self._marks.get(id(parent))
        if marks is not None and keys[-1] in marks.keys:
            line, col = marks.keys[keys[-1]]
            return Location(self.path, line + 1, col + 1)
        return self.locate(keys)


class _Builder:
    """Turns a stream of parser events into plain data plus marks."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.findings: list[Finding] = []
        self.marks: dict[int, _Marks] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.expanded = 0
        self.resolver = yaml.resolver.Resolver()
        self.constructor = yaml.constructor.SafeConstructor()

    def error(self, position: Position, message: str, code: str = "yaml-syntax") -> None:
        where = Location(self.path, position[0] + 1, position[1] + 1)
        self.findings.append(Finding(code, Severity.ERROR, where, message))

    def scalar(self, event: Any) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)  # type: ignore[no-untyped-call]
        if tag not in _PLAIN_TAGS:
            self.error(
                _pos(event),
                f"YAML tag '{event.tag}' is not allowed (plain values only)",
                "yaml-tag",
            )
            return event.value
        if tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return event.value  # dates stay text: our own parsers read every date form
        if tag == "tag:yaml.org,2002:null":
            return None
        if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
            return _number(event.value)
        return self.constructor.construct_yaml_bool(yaml.ScalarNode(tag, event.value))

    def count(self, size: int, position: Position) -> bool:
        self.expanded += size
        if self.expanded > MAX_EXPANDED_VALUES:
            self.error(
                position,
                f"aliases expand to more than {MAX_EXPANDED_VALUES:,} values; refusing to load",
                "yaml-too-large",
            )
            return False
        return True


# A number as people write it: decimal digits, a point, an exponent. YAML 1.1 reads more as
# numbers — 075 as octal 61, 0x1F as 31, 1_000 as 1000, 1:10 as 70 (base 60) — none of which
# an office means; those stay text, for the value parsers to read as written or refuse.
_DECIMAL_INT = re.compile(r"[-+]?[0-9]+")
_DECIMAL_FLOAT = re.compile(r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def _number(text: str) -> Any:
    """``075`` is 75; a decimal number is its value; anything else YAML 1.1 calls a number
    (octal, hexadecimal, underscores, base 60, ``.inf``, ``.nan``) stays the text it is."""
    if _DECIMAL_INT.fullmatch(text):
        return int(text, 10)
    if _DECIMAL_FLOAT.fullmatch(text):
        return float(text)  # 1e400 is inf: the number parsers refuse what is not finite
    return text


def _pos(event: Any) -> Position:
    return (event.start_mark.line, event.start_mark.column)


_NO_KEY: Any = object()
_BAD_KEY: Any = object()


@dataclass(slots=True)
class _Frame:
    """A mapping or sequence still being read."""

    container: Any
    marks: _Marks
    anchor: str | None
    position: Position
    size: int = 1  # values in this subtree once aliases are expanded
    key: Any = _NO_KEY
    key_position: Position = (0, 0)


def _key_text(value: Any) -> str:
    return "" if value is None else value if isinstance(value, str) else str(value)


def _attach(builder: _Builder, frame: _Frame, value: Any, position: Position, size: int) -> None:
    container, marks = frame.container, frame.marks
    frame.size += size
    if isinstance(container, list):
        marks.values[len(container)] = position
        container.append(value)
        return
    if frame.key is _NO_KEY:
        if isinstance(value, (dict, list)):
            builder.error(position, "a mapping key must be a plain name, not a collection")
            frame.key = _BAD_KEY
        else:
            frame.key = _key_text(value)
        frame.key_position = position
        return
    key, key_position = frame.key, frame.key_position
    frame.key = _NO_KEY
    if key is _BAD_KEY:
        return
    if key == _MERGE_KEY:
        for source in value if isinstance(value, list) else [value]:
            if not isinstance(source, dict):
                builder.error(position, "'<<' must merge a mapping or a list of mappings")
                continue
            for k, v in source.items():
                if k not in container:
                    container[k] = v
                    marks.values[k], marks.keys[k] = position, key_position
                    marks.merged.add(k)
        return
    if key in marks.merged:  # a key of the mapping's own overrides what a merge brought in
        marks.merged.discard(key)
    elif key in container:
        first = marks.keys[key]
        builder.error(
            key_position,
            f"duplicate key '{key}' (first at line {first[0] + 1}); "
            "YAML would silently keep the last",
            "duplicate-key",
        )
    container[key] = value
    marks.keys[key], marks.values[key] = key_position, position


def _build(loader: Any, builder: _Builder) -> tuple[Any, Position]:
    """Consume one document's events without recursion; None when a limit was hit."""
    stack: list[_Frame] = []
    root: tuple[Any, Position] = (None, (0, 0))

    def attach(value: Any, position: Position, size: int) -> None:
        nonlocal root
        if stack:
            _attach(builder, stack[-1], value, position, size)
        else:
            root = (value, position)

    while True:
        event = loader.get_event()
        kind = type(event)
        if kind is yaml.ScalarEvent:
            # Mapping keys are names, taken as written: ``no:`` is the key "no", not False.
            is_key = (
                bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY
            )
            value = event.value if is_key else builder.scalar(event)
            if event.anchor:
                builder.anchors[event.anchor] = (value, 1)
            attach(value, _pos(event), 1)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                builder.error(
                    _pos(event),
                    f"YAML tag '{event.tag}' is not allowed (plain values only)",
                    "yaml-tag",
                )
            if len(stack) >= MAX_DEPTH:
                builder.error(
                    _pos(event), f"nesting deeper than {MAX_DEPTH} levels", "yaml-too-deep"
                )
                return None, (0, 0)
            container: Any = {} if kind is yaml.MappingStartEvent else []
            marks = builder.marks[id(container)] = _Marks(_pos(event))
            stack.append(_Frame(container, marks, event.anchor, _pos(event)))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            if frame.anchor:
                builder.anchors[frame.anchor] = (frame.container, frame.size)
            if not builder.count(1, frame.position):
                return None, (0, 0)
            attach(frame.container, frame.position, frame.size)
        elif kind is yaml.AliasEvent:
            if event.anchor not in builder.anchors:
                builder.error(_pos(event), f"unknown alias '*{event.anchor}'")
                attach(None, _pos(event), 1)
                continue
            value, size = builder.anchors[event.anchor]
            if not builder.count(size, _pos(event)):
                return None, (0, 0)
            attach(value, _pos(event), size)
        elif kind is yaml.DocumentEndEvent:
            return root


def _document(text: str, builder: _Builder, loader_class: Any) -> tuple[Any, Position]:
    """The one document in ``text`` as data; problems become findings on ``builder``.

    Raises the parser's own errors (``yaml.YAMLError``) for the caller to locate.
    """
    loader = loader_class(text)  # the pure-Python reader checks the text here already
    try:
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            builder.error((0, 0), "the file is empty (expected a YAML mapping)", "empty-file")
            return None, (0, 0)
        loader.get_event()  # document start
        data, root = _build(loader, builder)
        if data is None and not builder.findings:  # `~`, or `---` alone
            builder.error(root, "the file holds no data (expected a YAML mapping)", "empty-file")
        if data is not None and not loader.check_event(yaml.StreamEndEvent):
            event = loader.peek_event()
            builder.error(_pos(event), "expected one YAML document, found a second one ('---')")
        return data, root
    finally:
        loader.dispose()


def _too_deep(text: str, index: int, path: str) -> Finding | None:
    """Our ``yaml-too-deep`` finding if ``text`` nests deeper than MAX_DEPTH before ``index``.

    libyaml 0.2.6 (PyYAML 6.0.4) refuses nesting beyond 1000 levels with a scanner error,
    raised while it looks ahead, before our own limit sees a single event. The text up to
    the end of that line is read again by the pure-Python parser, which has no such limit,
    so the finding is the same, at the same place, whichever parser is installed.
    """
    end = text.find("\n", index)
    builder = _Builder(path)
    # The cut-off text may end mid-document: only the depth matters here.
    with contextlib.suppress(yaml.YAMLError):
        _document(text if end < 0 else text[:end], builder, yaml.SafeLoader)
    return next((f for f in builder.findings if f.code == "yaml-too-deep"), None)


def load_yaml_text(text: str, path: str, loader_class: Any = None) -> YamlDocument:
    """Load one YAML document from ``text``; problems become findings, never exceptions.

    ``loader_class`` is libyaml's ``CSafeLoader`` where PyYAML has it (the default), else the
    pure-Python ``SafeLoader``; both give the same findings.
    """
    builder = _Builder(path)
    try:
        data, root = _document(text, builder, loader_class or _Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        deep = _too_deep(text, mark.index, path) if mark is not None else None
        if deep is not None:
            return YamlDocument(path, None, [deep])
        position = (mark.line, mark.column) if mark else (0, 0)
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        builder.error(position, f"YAML syntax error: {problem}")
        return YamlDocument(path, None, builder.findings)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow; no mark
        line = text.count("\n", 0, exc.position)
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1)
        builder.error(
            (line, col), f"character U+{exc.character:04X} is not allowed in YAML ({exc.reason})"
        )
        return YamlDocument(path, None, builder.findings)
    except yaml.YAMLError as exc:
        builder.error((0, 0), f"YAML syntax error: {' '.join(str(exc).split())}")
        return YamlDocument(path, None, builder.findings)
    if data is None:
        return YamlDocument(path, None, builder.findings)
    return YamlDocument(path, data, builder.findings, builder.marks, root)


def decode_text(raw: bytes, path: str) -> tuple[str | None, Finding | None]:
    """UTF-8 (with or without BOM), or a finding that says where decoding failed."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        message = f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8"
        return None, Finding("encoding", Severity.ERROR, Location(path, line, col), message)


def load_yaml(path: Path) -> YamlDocument:
    """Read and load a YAML file; a file that cannot be read raises ``MedreformError``."""
    try:
        size = path.stat().st_size
        advice = "split the file; send large submissions as CSV"
        message = size_problem(path, size, MAX_YAML_BYTES, advice)
        if message:
            where = Location(str(path), 1, 1)
            return YamlDocument(
                str(path), None, [Finding("file-too-large", Severity.ERROR, where, message)]
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None
    text, problem = decode_text(raw, str(path))
    if text is None:
        assert problem is not None
        return YamlDocument(str(path), None, [problem])
    return load_yaml_text(text, str(path))
