"""
Dates and date ranges as budget documents write them.

Any part may be missing (``2026 年``, ``10 月末``), the numerals may be Chinese
(``二零二六年四月二十四日``) and a range may be open at the start (``截至 2025 年底``):

>>> parse_date("二零二六年四月二十四日")
<Date '2026年4月24日'>
>>> parse_date("自 2024 年 1 月 1 日至 2024 年 12 月 31 日").end.to_date()
datetime.date(2024, 12, 31)
>>> parse_date("截至 2025 年底")
<DateRange '截至2025年底'>
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING

import attrs

from . import _grammar
from ._raw import RawDate, RawDateRange, check_date
from .errors import InvalidDate

if TYPE_CHECKING:
    from ._text import MappedText
    from .spans import Span

__all__ = ["Date", "DateEdge", "DateRange", "parse_date"]


def __dir__() -> list[str]:
    return __all__


class DateEdge(str, enum.Enum):
    """The start or end of the period a date names: ``年初``, ``年底``, ``月末``."""

    START = "初"
    END = "底"  # also written 末

    def __str__(self) -> str:
        return self.value


def _check_date(
    instance: Date, _attribute: attrs.Attribute[int | None], _value: int | None
) -> None:
    check_date(instance.year, instance.month, instance.day)


@attrs.frozen(repr=False)
class Date:
    """
    A calendar date, possibly partial: a year, a month, or a day.

    Attributes:
        year: The year, if written.
        month: The month, if written.
        day: The day of the month, if written.
        edge: The start (``初``) or end (``底``, ``末``) of the year or month named.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    year: int | None = attrs.field(default=None, validator=_check_date)
    month: int | None = None
    day: int | None = None
    edge: DateEdge | None = attrs.field(default=None)
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def to_date(self) -> dt.date:
        """
        The :class:`datetime.date` this names, if year, month and day are all known.

        Raises:
            ValueError: a part of the date is missing.
        """
        if self.year is None or self.month is None or self.day is None:
            msg = f"'{self}' is not a complete date"
            raise ValueError(msg)
        return dt.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        parts = [
            f"{self.year}年" if self.year is not None else "",
            f"{self.month}月" if self.month is not None else "",
            f"{self.day}日" if self.day is not None else "",
            str(self.edge or ""),
        ]
        return "".join(parts)

    def __repr__(self) -> str:
        return f"<Date {str(self)!r}>"


@attrs.frozen(repr=False)
class DateRange:
    """
    A period from *start* to *end*; *start* is ``None`` for ``截至 …`` (up to).

    Attributes:
        start: The first day, or ``None`` when open.
        end: The last day.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    start: Date | None
    end: Date
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        if self.start is None:
            return f"截至{self.end}"
        return f"{self.start}至{self.end}"

    def __repr__(self) -> str:
        return f"<DateRange {str(self)!r}>"


def date_from_raw(
    raw: RawDate | RawDateRange, where: MappedText, offset: int = 0
) -> Date | DateRange:
    """The date or range of a raw parse of ``where.text``, spanned in ``where.source``.

    The raw offsets are relative to ``where.text[offset:]``.
    """
    span = where.span(raw.start + offset, raw.end + offset)
    if isinstance(raw, RawDateRange):
        first = None if raw.first is None else date_from_raw(raw.first, where, offset)
        last = date_from_raw(raw.last, where, offset)
        assert isinstance(last, Date)  # noqa: S101
        assert first is None or isinstance(first, Date)  # noqa: S101
        return DateRange(first, last, span.slice(where.source), span)
    edge = None if raw.edge is None else DateEdge(raw.edge)
    return Date(raw.year, raw.month, raw.day, edge, span.slice(where.source), span)


def parse_date(text: str) -> Date | DateRange:
    """
    Parse a date or a date range.

    Dates: ``2026 年 2 月 10 日``, ``2023 年 9 月``, ``二零二六年四月二十四日``;
    ranges: ``2026 年 1 月 1 日-2026 年 12 月 20 日``, ``截至 10 月末``.

    In a range, an end date that leaves out the year or month takes them from the
    start: ``2026 年 1 月 1 日至 12 月 31 日`` ends on 2026-12-31.

    Raises:
        InvalidDate: *text* is not exactly one date or range, or names a day that
            does not exist.
    """
    raw, where = _grammar.parse(text, "when", InvalidDate)
    assert isinstance(raw, (RawDate, RawDateRange))  # noqa: S101 -- what the when symbol gives
    return date_from_raw(raw, where)
