"""Who is responsible: the notes plans write (``（XX牵头，XX配合）``, ``（XX等按职责分工负责）``,
``责任单位：XX、XX``) and the units they name, each given a stable ASCII id."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A unit named in a note. ``lead`` is the 牵头单位 (the first unit when the note names none);
# ``owners`` is every unit the note makes responsible, the lead first.


@dataclass(frozen=True, slots=True)
class Assignment:
    lead: str
    owners: tuple[str, ...]
    origin: str  # where it was read, for the task's comment


# "高新区、示范区医改领导小组" is one body: a bare place name joins the name after it.
_PLACE = re.compile(r"^[\u4e00-\u9fff]{1,10}?(?:区|市|县|旗|盟|省|州|镇|乡|苏木)$")
_NAME_NOISE = re.compile(
    r"^(?:由|请|各自|分别)|(?:等(?:部门|单位|有关部门|相关部门)?|分别|按职责分工负责|按职责负责|负责|牵头|"
    r"配合|参与|协同|协助)+$"
)
_SEPARATORS = re.compile(r"[、，；\n/]")


def split_unit_names(text: str) -> list[str]:
    """The unit names in a list such as ``示范区疾控局、高新区综合医院等``."""
    names: list[str] = []
    pending = ""
    for raw in _SEPARATORS.split(text):
        name = _NAME_NOISE.sub("", raw.strip()).strip()
        if not name:
            continue
        if _PLACE.match(name):
            pending += name + "、"
            continue
        names.append(pending + name)
        pending = ""
    if pending:
        names.append(pending.rstrip("、"))
    return list(dict.fromkeys(n for n in names if 1 < len(n) <= 40))


_RESPONSIBLE = re.compile(
    r"^(?P<units>[^（）]{2,300}?)(?:等)?(?:按照?职责分工|按职责|分工)?(?:共同)?负责$"
)
_LEADS = re.compile(
    r"^(?P<lead>[^（），；]{2,100}?)牵头(?:[，；、](?P<others>[^（）]{2,300}?)"
    r"(?:配合|参与|协同|协助)?)?$"
)
_LABELLED = re.compile(
    r"(?P<label>牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|参与单位|协同单位)：\s*"
    r"(?P<units>[^；。（）]+)"
)


def _labelled(text: str) -> Assignment | None:
    lead: list[str] = []
    owners: list[str] = []
    for match in _LABELLED.finditer(text):
        names = split_unit_names(match.group("units"))
        (lead if match.group("label").startswith("牵头") else owners).extend(names)
    everyone = list(dict.fromkeys(lead + owners))
    if not everyone:
        return None
    return Assignment(everyone[0], tuple(everyone), text)


def parse_note(text: str) -> Assignment | None:
    """The assignment a note states, or None; ``text`` may keep its brackets."""
    body = text[1:-1] if text.startswith("（") and text.endswith("）") else text
    body = body.strip()
    if _LABELLED.search(body):
        return _labelled(body)
    match = _LEADS.match(body)
    if match:
        lead = split_unit_names(match.group("lead"))
        others = split_unit_names(match.group("others") or "")
        everyone = list(dict.fromkeys(lead + others))
        if everyone:
            return Assignment(everyone[0], tuple(everyone), text)
    match = _RESPONSIBLE.match(body)
    if match and not re.search(r"[。；]", body):
        names = split_unit_names(match.group("units"))
        if names:
            return Assignment(names[0], tuple(names), text)
    return None


_BRACKETED = re.compile(r"（[^（）]{2,300}）")


def take_notes(sentence: str) -> tuple[str, Assignment | None]:
    """``sentence`` without its responsibility notes, and the assignment they make."""
    found: Assignment | None = None
    for match in reversed(list(_BRACKETED.finditer(sentence))):
        assignment = parse_note(match.group(0))
        if assignment is not None:
            found = found or assignment
            sentence = sentence[: match.start()] + sentence[match.end() :]
    if found is None and _LABELLED.search(sentence):
        start = _LABELLED.search(sentence)
        assert start is not None
        found = _labelled(sentence[start.start() :])
        sentence = sentence[: start.start()]
    return sentence.strip("，； "), found


class UnitBook:
    """Units in order of first mention; ids ``unit-01``, ``unit-02``… so that the same
    document always gives the same ids."""

    PLACEHOLDER_ID = "unassigned"
    PLACEHOLDER_NAME = "待定（文中未写明责任单位）"

    def __init__(self) -> None:
        self._ids: dict[str, str] = {}
        self.names: dict[str, str] = {}  # id -> name as first written

    @staticmethod
    def _key(name: str) -> str:
        return re.sub(r"\s+", "", name)

    def id_for(self, name: str) -> str:
        key = self._key(name)
        if key not in self._ids:
            ident = f"unit-{len(self._ids) + 1:02d}"
            self._ids[key] = ident
            self.names[ident] = name
        return self._ids[key]

    def placeholder(self) -> str:
        self.names.setdefault(self.PLACEHOLDER_ID, self.PLACEHOLDER_NAME)
        return self.PLACEHOLDER_ID

    def find_subject(self, sentence: str) -> str | None:
        """The id of a known unit the sentence starts with (``示范区疾控局要将…``)."""
        text = self._key(sentence)
        best = max(
            (key for key in self._ids if text.startswith(key) and len(key) >= 3),
            key=len,
            default=None,
        )
        return self._ids[best] if best else None
