"""The document's outer shape: what it says about itself (title, 发文字号, issuer, date) and
the documents it carries — a notice (通知) often carries a 方案 and a 工作要点 — kept apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from medreform_check.draft.documents import Block, Document, Table
from medreform_check.draft.tables import find_columns

_KINDS = (
    "工作要点",
    "实施方案",
    "行动方案",
    "工作方案",
    "方案",
    "要点",
    "规划",
    "计划",
    "实施意见",
    "意见",
    "办法",
    "细则",
    "纲要",
    "措施",
    "任务清单",
    "通知",
)
_TITLE_KIND = re.compile("(?:" + "|".join(_KINDS) + r")(?:（[^（）]{0,20}）)?(?:》)?(?:的通知)?$")
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十\d]+）|\d+[.、]|[①-⑳])"
)
_METADATA = re.compile(
    r"^(?:[-*•·]\s*)?(?:索引号|发文字号|文号|成文日期|成文时间|发布日期|发布时间|发布机构|发文机关|发文单位|"
    r"公开方式|组配分类|主题分类|浏览次数|公文时效|信息来源|来源|作者|字号|分类)："
)
_DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$|^(\d{4})-(\d{1,2})-(\d{1,2})")
_ANNEX = re.compile(r"^附件\s*\d*[：]?")
_DOC_NO = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[［【（](\d{4})[〕\]］】）](\d{1,4})号")
YEAR_RANGE = re.compile(r"(\d{4})\s*年?\s*(?:—|–|-|~|～|至|到)+\s*(\d{4})\s*年")
_YEAR = re.compile(r"(\d{4})\s*年")


@dataclass(frozen=True, slots=True)
class Header:
    """What the document says about itself; None where it does not say."""

    title: str | None
    issuer: str | None
    document_no: str | None
    issued: date | None


@dataclass
class Part:
    """One document: the notice, or a plan it carries."""

    title: str
    letter: str  # for task ids: "a", "b"…; "n" for the notice
    prefix: str  # for sources: "" for the first plan, "工作要点" for a later one, "通知"
    blocks: list[Block] = field(default_factory=list)

    @property
    def years(self) -> tuple[int, int] | None:
        """The years the title covers: (2023, 2025) for 2023年—2025年, (2023, 2023) for 2023年."""
        return title_years(self.title)

    @property
    def single_year(self) -> int | None:
        years = self.years
        return years[0] if years and years[0] == years[1] else None


@dataclass
class Outline:
    header: Header
    parts: list[Part]  # the notice (if any) first, then the plans in order
    notes: list[str] = field(default_factory=list)


def title_years(title: str) -> tuple[int, int] | None:
    span = YEAR_RANGE.search(title)
    if span:
        return int(span.group(1)), int(span.group(2))
    years = sorted({int(y) for y in _YEAR.findall(title)})
    return (years[0], years[0]) if len(years) == 1 else None


def is_title(text: str) -> bool:
    """A document title: unnumbered, short, no sentence punctuation, ending with its kind."""
    return (
        len(text) <= (240 if "《" in text else 120)
        and not _NUMBERED.match(text)
        and not _METADATA.match(text)
        and not re.search(r"[。；：，]", text.split("《")[0])
        and bool(_TITLE_KIND.search(text))
    )


def _kind(title: str) -> str:
    bare = re.sub(r"（[^（）]*）$", "", title)
    return next((k for k in _KINDS if bare.endswith(k)), "文件")


def _metadata(text: str, found: dict[str, str]) -> None:
    """``发文字号：| X | 成文时间：| Y`` (a table row read as text) into ``found``."""
    cells = [c.strip() for c in text.split("|")]
    for k, cell in enumerate(cells):
        match = re.match(r"^([\u4e00-\u9fff]{2,6})：(.*)$", cell)
        if not match:
            continue
        value = match.group(2).strip() or (cells[k + 1] if k + 1 < len(cells) else "")
        if value and not value.endswith("："):
            found.setdefault(match.group(1), value)


def _parse_day(text: str) -> date | None:
    match = _DATE_LINE.match(text.strip())
    if not match:
        return None
    y, m, d = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _flatten(table: Table) -> list[str]:
    """A table that assigns no tasks, as text: a row of short cells on one line (``键：| 值``),
    else each cell's lines in order (a page laid out in a table)."""
    lines: list[str] = []
    for row in table.rows:
        if all(len(c) <= 40 and "\n" not in c for c in row):
            lines.append(" | ".join(c for c in row if c))
        else:
            lines += [line for c in row for line in c.split("\n") if line]
    return [line for line in lines if line]


def _blocks(document: Document) -> list[Block]:
    blocks: list[Block] = []
    for block in document.blocks:
        if isinstance(block, Table) and find_columns(block) is None:
            blocks += _flatten(block)
        else:
            blocks.append(block)
    return blocks


def _carried_title(titles: list[str]) -> str:
    """The plan's title: the carried documents' titles joined by 及; a place name shared
    with the first (``阿拉善… 乌兰布和…示范区``) is not repeated."""
    first = titles[0]
    rest = []
    for title in titles[1:]:
        shared = 0
        while shared < min(len(first), len(title)) and first[shared] == title[shared]:
            shared += 1
        if shared and first[shared - 1] in "区市县旗盟省州镇":
            cut = shared  # the whole shared place name
        else:
            cut = first.rfind(" ", 0, shared + 1) + 1
        rest.append(title[cut:].strip() if cut > 0 else title)
    return "及".join([first, *rest])


def _header(blocks: list[Block], titles: list[str], notice: str | None) -> Header:
    found: dict[str, str] = {}
    issued: date | None = None
    for block in blocks[:400]:
        if isinstance(block, str):
            if "：" in block and (_METADATA.match(block) or "|" in block):
                _metadata(block, found)
            issued = issued or _parse_day(block)
    text = "\n".join(b for b in blocks[:60] if isinstance(b, str))
    number = found.get("发文字号") or found.get("文号")
    doc_no = _DOC_NO.search(number or text)
    day = next(
        (d for d in (_parse_day(found.get(k, "")) for k in ("成文日期", "成文时间")) if d), None
    )
    issuer = found.get("发布机构") or found.get("发文机关") or found.get("发文单位")
    if issuer is None and notice and "关于" in notice:
        issuer = notice.split("关于")[0] or None
    title = _carried_title(titles) if titles else notice
    return Header(title, issuer, _bracketed(doc_no.group(0)) if doc_no else None, day or issued)


def _bracketed(number: str) -> str:
    return re.sub(r"[\[［【（](\d{4})[\]］】）]", r"〔\1〕", number)


def outline(document: Document) -> Outline:
    """Split the document into the notice and the plans it carries, read its header."""
    blocks = _blocks(document)
    parts: list[Part] = []
    front: list[Block] = []
    notice: str | None = None
    for block in blocks:
        if isinstance(block, str) and is_title(block):
            if notice is None and not parts and _kind(block) == "通知":
                notice = block
                parts.append(Part(block, "n", "通知"))
            elif parts and parts[-1].letter != "n" and not parts[-1].blocks:
                parts[-1].title += block  # a title set on two lines
            else:
                parts.append(Part(block, "", ""))
            continue
        if not _skipped(block):
            (parts[-1].blocks if parts else front).append(block)
    if front and parts:
        parts[0].blocks[:0] = front
    plans = [p for p in parts if p.letter != "n"]
    notes = list(document.notes)
    if not plans and parts:  # a notice that carries no plan is the plan itself
        parts[0].letter, parts[0].prefix = "", ""
        plans = parts
    elif not plans:
        plans = parts = [Part(_fallback_title(front, document), "", "", front)]
        notes.append("no document title was found: the whole text is read as one plan")
    _name_plans(plans)
    header = _header(blocks, [p.title for p in plans], notice)
    return Outline(header, parts, notes)


def _skipped(block: Block) -> bool:
    """Lines about the page rather than the plan: metadata, signature dates, 附件 labels."""
    if not isinstance(block, str):
        return False
    return bool(
        _METADATA.match(block)
        or ("|" in block and "：" in block)
        or _parse_day(block)
        or _ANNEX.match(block)
    )


def _fallback_title(front: list[Block], document: Document) -> str:
    first = next((b for b in front if isinstance(b, str)), "")
    return first if first and len(first) <= 60 and "。" not in first else document.path.stem


def _name_plans(plans: list[Part]) -> None:
    """Letters a, b… for ids; the first plan's sources bare, a later one's prefixed by its kind
    (``工作要点 三（三）``), numbered if two share a kind."""
    seen: dict[str, int] = {}
    for k, part in enumerate(plans):
        part.letter = chr(ord("a") + k) if k < 26 else f"d{k + 1}"
        kind = _kind(part.title)
        seen[kind] = seen.get(kind, 0) + 1
        if k:
            part.prefix = kind if seen[kind] == 1 else f"{kind}{seen[kind]}"
