"""Calendar periods (year, half, quarter, month) and deadline phrases.

Plans and reports write dates the way offices do: ``2024-Q2``, ``2024年第二季度``,
``2024年5月底前``. Everything here turns such text into exact dates, or raises
``ValueError`` with a message that says what was expected.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache

from dateutil.relativedelta import relativedelta

from medreform_check.errors import ParseError
from medreform_check.language.values import shown
from medreform_check.vocabulary import Message

_PER_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}
_MONTHS_PER = {"year": 12, "half": 6, "quarter": 3, "month": 1}

# Years outside this range are typing mistakes, and keeping them out means date
# arithmetic (due dates, a year earlier) can never overflow.
MIN_YEAR, MAX_YEAR = 1900, 2200

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


@dataclass(frozen=True, slots=True, order=True)
class Period:
    """A calendar period: ``Period("quarter", 2024, 2)`` is 2024-Q2."""

    kind: str
    year: int
    index: int

    @property
    def start(self) -> date:
        return _bounds(self.kind, self.year, self.index)[0]

    @property
    def end(self) -> date:
        return _bounds(self.kind, self.year, self.index)[1]

    @property
    def label(self) -> str:
        if self.kind == "year":
            return str(self.year)
        if self.kind == "half":
            return f"{self.year}-H{self.index}"
        if self.kind == "quarter":
            return f"{self.year}-Q{self.index}"
        return f"{self.year}-{self.index:02d}"

    def __str__(self) -> str:
        return self.label

    def next(self) -> Period:
        if self.index < _PER_YEAR[self.kind]:
            return Period(self.kind, self.year, self.index + 1)
        return Period(self.kind, self.year + 1, 1)

    @classmethod
    def containing(cls, kind: str, day: date) -> Period:
        return cls(kind, day.year, (day.month - 1) // _MONTHS_PER[kind] + 1)


@cache
def _bounds(kind: str, year: int, index: int) -> tuple[date, date]:
    # Periods recur by the hundred thousand in submissions; their dates are computed once.
    first = (index - 1) * _MONTHS_PER[kind] + 1
    last = index * _MONTHS_PER[kind]
    return date(year, first, 1), date(year, last, calendar.monthrange(year, last)[1])


def periods_overlapping(kind: str, start: date, end: date) -> Iterator[Period]:
    """The calendar periods of ``kind`` that share at least one day with [start, end]."""
    period = Period.containing(kind, start)
    while period.start <= end:
        yield period
        period = period.next()


def _normalise(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _check_year(year: int) -> int:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ParseError(Message("year.range", {"year": year, "low": MIN_YEAR, "high": MAX_YEAR}))
    return year


def _day(year: int, month: int, day: int) -> date:
    _check_year(year)
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(
            Message("date.not_calendar", {"date": f"{year}-{month:02d}-{day:02d}"})
        ) from None


def _month_end(year: int, month: int) -> date:
    _check_year(year)
    if not 1 <= month <= 12:
        raise ParseError(Message("month.range", {"month": month}))
    return date(year, month, calendar.monthrange(year, month)[1])


_PERIOD_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})(?:年度?)?$"), "year"),
    (re.compile(r"^(\d{4})-?H([12])$", re.I), "half"),
    (re.compile(r"^(\d{4})年(上|下)半年$"), "half"),
    (re.compile(r"^(\d{4})-?Q([1-4])$", re.I), "quarter"),
    (re.compile(r"^(\d{4})年第?([一二三四1-4])季度?$"), "quarter"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?$"), "month"),
)


def _match_period(text: str) -> Period | None:
    """The period ``text`` names, None if it names none; raises if it names an impossible one."""
    for pattern, kind in _PERIOD_PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        year = _check_year(int(match.group(1)))
        if kind == "year":
            return Period("year", year, 1)
        token = match.group(2)
        if kind == "half":
            index = {"上": 1, "下": 2}.get(token) or int(token)
        elif kind == "quarter":
            index = _CN_DIGITS[token]
        else:
            index = int(token)
            if not 1 <= index <= 12:
                raise ParseError(Message("month.range", {"month": index}))
        return Period(kind, year, index)
    return None


def parse_period(raw: object) -> Period:
    """Parse a reporting period such as ``2024-Q2`` or ``2024年第二季度``."""
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ParseError(Message("period.expected"))
    period = _match_period(_normalise(str(raw)))
    if period is None:
        raise ParseError(Message("period.not", {"raw": shown(raw)}))
    return period


_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SLASH_DATE = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
_CN_DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_COMPACT_DATE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")


def parse_date(raw: object) -> date:
    """Parse an exact date as offices write it; reject impossible ones."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        _check_year(raw.year)
        return raw
    if not isinstance(raw, str):
        raise ParseError(Message("date.expected"))
    text = _normalise(raw)
    for pattern in (_ISO_DATE, _SLASH_DATE, _CN_DATE, _COMPACT_DATE):
        match = pattern.match(text)
        if match:
            return _day(*(int(g) for g in match.groups()))
    # Spreadsheets export date cells as "2024-05-31 00:00:00".
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:T|\s)?00:00(?::00)?$", raw.strip())
    if match:
        return _day(*(int(g) for g in match.groups()))
    raise ParseError(Message("date.not", {"raw": shown(raw)}))


@dataclass(frozen=True, slots=True)
class Deadline:
    """A parsed deadline; ``ambiguous`` marks ``2025年前`` (before 2025, or by 2025?)."""

    day: date
    ambiguous: bool = False


# Words around a deadline that do not change it: 力争到2023年底, 于2024年5月底前.
_LEAD_WORDS = re.compile(r"^(?:力争|争取)?(?:到|于|在|至|截至|截止到?)?")
_CN_DEADLINES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:前|之前|以前)?$"), "day"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(?:份)?(?:底|末)?(?:前|之前|以前)?$"), "month"),
    (re.compile(r"^(\d{4})年(上|下)半年(?:末|底)?(?:前|之前|以前)?$"), "half"),
    (re.compile(r"^(\d{4})年第?([一二三四1-4])季度(?:末|底)?(?:前|之前|以前)?$"), "quarter"),
    (re.compile(r"^(\d{4})年(?:底|末|年底|年末)(?:前|之前|以前)?$"), "year"),
    (re.compile(r"^(\d{4})年(?:度)?$"), "year"),
    (re.compile(r"^(\d{4})年(?:前|之前|以前)$"), "ambiguous-year"),
)


def parse_deadline(raw: object) -> Deadline:
    """Parse a deadline in any of the contract's forms to the last day it allows."""
    if isinstance(raw, (date, datetime)):
        return Deadline(parse_date(raw))
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ParseError(Message("deadline.expected"))
    text = _normalise(str(raw))
    if _ISO_DATE.match(text):
        return Deadline(parse_date(text))
    period = _match_period(text)
    if period is not None:
        return Deadline(period.end)
    body = _LEAD_WORDS.sub("", text, count=1)
    for pattern, form in _CN_DEADLINES:
        match = pattern.match(body)
        if not match:
            continue
        year = int(match.group(1))
        if form == "day":
            return Deadline(_day(year, int(match.group(2)), int(match.group(3))))
        if form == "month":
            return Deadline(_month_end(year, int(match.group(2))))
        if form == "half":
            return Deadline(
                Period("half", _check_year(year), 1 if match.group(2) == "上" else 2).end
            )
        if form == "quarter":
            return Deadline(Period("quarter", _check_year(year), _CN_DIGITS[match.group(2)]).end)
        return Deadline(date(_check_year(year), 12, 31), ambiguous=form == "ambiguous-year")
    raise ParseError(Message("deadline.not", {"raw": shown(raw)}))


def year_earlier(day: date) -> date:
    """The same calendar date one year before; 29 February falls back to the 28th."""
    return day + relativedelta(years=-1)


def year_later(day: date) -> date:
    """The same calendar date one year on; 29 February moves to the 28th."""
    return day + relativedelta(years=1)
