"""The phrases that make a sentence checkable: a date (2023年底, 到2025年, 2024年5月底前), a
number (达到3级, 不低于80%, 精确到30分钟, 接近5:3:2), a frequency (每年, 季调度), a direction
(提高…率, …比例持续下降), 力争/争取, and — in a one-year programme — a deliverable (建立,
开展, 启动…). Each finder reads one part of a sentence and returns what it found, never a
guess; the core parsers (``parse_deadline``, ``parse_target``) decide what a phrase means.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from medreform_check.draft.clauses import chinese_number
from medreform_check.draft.core import (
    Deadline,
    ParseError,
    Target,
    TargetError,
    parse_deadline,
    parse_target,
)

# --- masking: years inside titles and document numbers are not dates ----------------------

_QUOTED_TITLE = re.compile(r"《[^《》]*》|〔[^〔〕]*〕|[\[［【]\d{4}[\]］】]")


def mask(text: str) -> str:
    """``text`` with 《book titles》 and 〔2021〕 document-number years blanked, same length."""
    return _QUOTED_TITLE.sub(lambda m: "□" * len(m.group(0)), text)


# --- dates ---------------------------------------------------------------------------------

_RANGE = re.compile(r"((?:19|20)\d{2})年?(?:到|至|—|–|-|~|～)+((?:19|20)\d{2})年(?:间)?")
_DATE = re.compile(
    r"(?P<lead>(?:力争|争取)?(?:到|于|在|至|截至|截止到?)?)"
    r"(?P<year>(?:19|20)\d{2})年"
    r"(?P<rest>(?:\d{1,2}月(?:\d{1,2}日)?(?:份)?(?:底|末)?|[上下]半年(?:末|底)?"
    r"|第?[一二三四1-4]季度(?:末|底)?|年底|年末|底|末|度)?)"
    r"(?P<before>前|之前|以前)?"
)
_NOT_A_DEADLINE_AFTER = re.compile(r"^(?:以来|起|开始|之后|以后|的|同期|水平|基础)")
_BASELINE_BEFORE = re.compile(r"(?:较|比|与|同|由|从|自)$")
_SPAN = re.compile(r"(?:利用|用)([一二两三四五六七八九十\d]{1,3})年(?:左右)?(?:的)?时间")
_WITHIN_YEAR = re.compile(r"(?<![\d一二两三四五六七八九十])年内(?!容)")


@dataclass(frozen=True, slots=True)
class DatePhrase:
    written: str  # the deadline as the plan will say it: 到2025年, 2023年底, 2024年5月底前
    day: date
    ambiguous: bool
    note: str | None  # how a bare year was read
    start: int


def find_range(text: str) -> tuple[int, int] | None:
    """``2023年到2025年``: the first and last year of a span of years."""
    match = _RANGE.search(mask(text))
    return (int(match.group(1)), int(match.group(2))) if match else None


def find_dates(text: str, issued: date | None) -> list[DatePhrase]:
    """The deadlines in ``text``, in order. A year that starts something (2019年以来), serves
    as a baseline (较2022年) or lies before the issue date is history, not a deadline."""
    masked = _RANGE.sub(lambda m: "□" * len(m.group(0)), mask(text))
    found: list[DatePhrase] = []
    for match in _DATE.finditer(masked):
        after = masked[match.end() : match.end() + 4]
        if _NOT_A_DEADLINE_AFTER.match(after) or _BASELINE_BEFORE.search(masked[: match.start()]):
            continue
        lead = re.sub(r"^(?:力争|争取)", "", match.group("lead"))
        core = match.group("year") + "年" + match.group("rest")
        written, note = lead + core + (match.group("before") or ""), None
        if match.group("rest") in ("", "度") and not lead and not match.group("before"):
            written = f"{match.group('year')}年底"
            note = f"'{core}' read as the end of {match.group('year')}"
        try:
            deadline: Deadline = parse_deadline(written)
        except ParseError:
            continue
        if issued is not None and deadline.day < issued:
            continue
        found.append(DatePhrase(written, deadline.day, deadline.ambiguous, note, match.start()))
    return found


def find_span(text: str) -> int | None:
    """``利用3年时间``: the number of years."""
    match = _SPAN.search(text)
    return chinese_number(match.group(1)) if match else None


def says_within_year(text: str) -> bool:
    """``年内``: within the current year."""
    return bool(_WITHIN_YEAR.search(text))


# --- numbers ---------------------------------------------------------------------------------

_AT_MOST = "精确到|精确至|缩短到|缩短至|压缩到|压缩至|压减到|压减至|下降到|下降至|减少到|减少至"
_AT_LEAST = "增加到|增加至|增长到|增长至|实现"
_PLAIN = (
    "不低于|不少于|不小于|至少|提高到|提高至|提升到|提升至|达到|达|不高于|不超过|不大于|不多于|"
    "至多|最多|降低到|降低至|降到|降至|控制在|保持在|稳定在|超过|高于|大于|多于|低于|不满|不足|"
    "少于|小于"
)
_UNITS = (
    "%|‰|级|岁|分钟|小时|天|周|个月|人次|万人|人|家|个|张|次|万元|亿元|元|项|所|名|台|床|间|"
    "平方米|㎡|m2"
)
_CN_NUMBER = "[一二两三四五六七八九十]{1,3}"
_NUMBER = re.compile(
    rf"(?P<pre>{_AT_MOST}|{_AT_LEAST}|{_PLAIN})?"
    rf"(?P<num>\d+(?:\.\d+)?|{_CN_NUMBER})"
    rf"(?P<unit>{_UNITS})?"
    r"(?P<post>及以上|以上|及以下|以下|以内)?"
)
_RATIO = re.compile(r"(?P<pre>接近|达到|保持|为)?(?P<parts>\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,5})")


@dataclass(frozen=True, slots=True)
class NumberPhrase:
    written: str  # as the text says it: 争取达到80%
    target: Target
    start: int
    todo: str | None = None  # a reading that needs checking (接近5:3:2 → ± 5)


def _number_text(match: re.Match[str], with_frequency: bool) -> str | None:
    """The phrase for ``parse_target``, or None when the number sets no target."""
    pre, num, unit, post = (match.group(g) or "" for g in ("pre", "num", "unit", "post"))
    if not num.replace(".", "").isdigit():
        counted = unit in ("级", "次", "个", "家", "所", "项", "名", "人")
        if not counted or not (pre or post or (with_frequency and unit == "次")):
            return None  # 一体化, 三医联动: a Chinese numeral is a number only in a target
        num = str(chinese_number(num))
    if re.match(r"^(?:年|月|日|号|部门|方面|类|批|大|位|是)", match.string[match.end() :]):
        return None
    if not pre and not post:
        return f"不少于{num}次" if with_frequency and unit == "次" else None
    if re.fullmatch(_AT_MOST, pre):
        pre = "不高于"
    elif re.fullmatch(_AT_LEAST, pre):
        pre = "不低于"
    return pre + num + unit + post


def find_numbers(text: str, with_frequency: bool) -> tuple[list[NumberPhrase], list[str]]:
    """Number targets in ``text``, and the number phrases it could not read as targets."""
    masked = mask(text)
    found: list[NumberPhrase] = []
    unread: list[str] = []
    ratio = _RATIO.search(masked)
    if ratio and (ratio.group("pre") or re.search(r"比例|结构|之比", masked[: ratio.start()])):
        parts = ratio.group("parts")
        if ratio.group("pre") == "接近":
            todo = f"'接近{parts}': a tolerance of ± 5 points per part is a default; check it"
            found.append(NumberPhrase(ratio.group(0), parse_target(f"ratio {parts} ± 5"), 0, todo))
        else:
            found.append(NumberPhrase(ratio.group(0), parse_target(f"ratio {parts}"), 0))
        masked = masked[: ratio.start()] + "□" * len(ratio.group(0)) + masked[ratio.end() :]
    for match in _NUMBER.finditer(masked):
        phrase = _number_text(match, with_frequency)
        if phrase is None:
            continue
        try:
            found.append(NumberPhrase(match.group(0), parse_target(phrase), match.start()))
        except TargetError:
            unread.append(match.group(0))
    if re.search(r"\d+(?:\.\d+)?(?:个百分点|倍)", masked):
        unread.append(re.findall(r"\d+(?:\.\d+)?(?:个百分点|倍)", masked)[0])
    return found, unread


# --- directions ----------------------------------------------------------------------------

_UP = "提高|提升|增加|扩大|加大|增长|上升"
_DOWN = "降低|下降|减少|压减|缩短|压缩"
_VERB = re.compile(rf"(?P<up>{_UP})|(?P<down>{_DOWN})")
_MEASURE = re.compile(
    r"(?<![效概频])率|比例|占比|比重|人数|人次|数量|收入|支出|费用|成本|价格|覆盖面|投入|范围|规模|时间"
)
_ADVERBS = (
    "逐年|持续|明显|进一步|有效|不断|逐步|稳步|大幅|显著|较上年同期|较上年|同比|合理|切实|努力|"
    "积极|重点|力争|争取|要|的|在|中"
)
_EDGE_ADVERBS = re.compile(rf"^(?:{_ADVERBS})+|(?:{_ADVERBS})+$")


@dataclass(frozen=True, slots=True)
class Direction:
    op: str  # increase | decrease
    name: str  # what rises or falls: 医用耗材消耗在医疗收入中的占比
    yearly: bool  # 逐年: every year above the year before


def find_direction(text: str) -> Direction | None:
    """A rise or fall of something measurable; None for 提升…能力 and the like."""
    masked = mask(text)
    match = _VERB.search(masked)
    if match is None:
        return None
    after = text[match.end() :]
    before = text[: match.start()]
    name = after if len(_EDGE_ADVERBS.sub("", after)) >= 2 else before
    name = re.sub(r"（[^（）]*）", "", name)
    name = _EDGE_ADVERBS.sub("", name.strip("，、 "))
    if not _MEASURE.search(name):
        return None
    op = "increase" if match.group("up") else "decrease"
    return Direction(op, name, "逐年" in text[: match.start()])


def names_a_direction(text: str) -> bool:
    """A direction verb with nothing measurable (提升…能力): worth a word in the header."""
    return bool(_VERB.search(mask(text)))


# --- frequencies, 力争, deliverables ---------------------------------------------------------

_FREQUENCIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"每半年|半年通报|半年调度|半年一次|每年两次评估"), "half"),
    (re.compile(r"每个?季度?(?!度)|季调度|季度调度|季通报|按季度?(?:调度|通报|报送)"), "quarter"),
    (re.compile(r"每个?月|逐月|月调度|月通报|按月(?:调度|通报|报送)"), "month"),
    (re.compile(r"每一?年度?|年年|年终评估|年通报|逐年"), "year"),
)


@dataclass(frozen=True, slots=True)
class Frequency:
    every: str
    written: str
    start: int


def find_frequencies(text: str) -> list[Frequency]:
    """Each frequency phrase in ``text``, in order (季调度、半年通报、年终评估 gives three)."""
    found: list[Frequency] = []
    taken: set[int] = set()
    for pattern, every in _FREQUENCIES:
        for match in pattern.finditer(text):
            if taken.isdisjoint(range(match.start(), match.end())):
                if match.group(0) == "逐年" and not _VERB.search(text[match.end() :]):
                    continue  # 逐年 only repeats a rise or fall
                found.append(Frequency(every, match.group(0), match.start()))
                taken.update(range(match.start(), match.end()))
    return sorted(found, key=lambda f: f.start)


_ASPIRATIONAL = re.compile(r"力争|争取")
_DELIVERABLE = re.compile(
    r"(?<!探索)(?<!持续)(?<!鼓励)(?<!支持)(?<!逐步)(?<!继续)(?<!推动)(?<!推进)(?<!常态化)"
    r"(?:建立|设立|开展|启动|完成|研究制定|制定|出台|建成|引入|引进|组建|成立|印发|编制)"
)


def is_aspirational(text: str) -> bool:
    return bool(_ASPIRATIONAL.search(text))


def is_deliverable(text: str) -> bool:
    """Names something to be done once (建立, 开展, 启动…), not a continuing effort."""
    return bool(_DELIVERABLE.search(mask(text)))
