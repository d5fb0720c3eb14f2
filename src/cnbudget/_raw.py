"""
What the grammar reads, before it becomes a value: plain tuples, cheap and immutable.

The parsers (:mod:`cnbudget._grammar`) return these; each value module turns
its own into its value type with the spans mapped into the source. So the
value modules import the parsers and never the other way round, as
packaging's ``_parser`` returns ``ParsedRequirement`` for ``Requirement``.
Offsets are relative to the text that was parsed.
"""

from __future__ import annotations

import calendar
from decimal import Decimal
from typing import NamedTuple, TypeGuard


class RawNumber(NamedTuple):
    """A numeral and its exact value; a Chinese (or mixed) numeral also as written."""

    value: Decimal
    start: int
    end: int
    chinese: str = ""  # the numeral as Chinese numerals (2万800 as 二万八百), for units after it


class RawAmount(NamedTuple):
    """An amount: its number, unit (元, 千元, 万元, 亿元) and qualifier as the enum values."""

    value: Decimal
    unit: str
    qualifier: str
    start: int
    end: int


class RawPercentage(NamedTuple):
    """A percentage or a difference in percentage points."""

    percent: Decimal
    qualifier: str
    points: bool
    start: int
    end: int


class RawQuantity(NamedTuple):
    """A counted quantity with its counter as written."""

    value: Decimal
    counter: str
    qualifier: str
    start: int
    end: int


class RawRange(NamedTuple):
    """A range from one amount or quantity to another; each end counts itself in or not."""

    low: RawAmount | RawQuantity
    high: RawAmount | RawQuantity
    low_inclusive: bool
    high_inclusive: bool
    start: int
    end: int
    qualifier: str = ""  # 约2-3万元: of the range as a whole


class RawAmounts(NamedTuple):
    """Amounts that share one unit (812.40、836.05万元), in order."""

    items: tuple[RawAmount, ...]
    start: int
    end: int


class RawChange(NamedTuple):
    """A change: direction words as the enum values, amount and rate if written."""

    direction: str
    amount: RawAmount | None
    rate: RawPercentage | None
    rate_direction: str
    start: int
    end: int


class RawDate(NamedTuple):
    """A date with any part missing; *edge* is 初 or 底."""

    year: int | None
    month: int | None
    day: int | None
    edge: str | None
    start: int
    end: int


class RawDateRange(NamedTuple):
    """A period; *first* is ``None`` for 截至 ….."""

    first: RawDate | None
    last: RawDate
    start: int
    end: int


class RawCode(NamedTuple):
    """The digit runs of a code as written, each with its offsets (checked in codes.py)."""

    parts: tuple[tuple[str, int, int], ...]


class RawSegment(NamedTuple):
    """One ``name（label）`` of a prose path."""

    name: str
    name_start: int
    name_end: int
    label: str  # 类, 款, 项 or 目, as written
    label_digits: str  # the code inside the label, if any: （208类）
    label_start: int
    label_end: int


RawPhrase = (
    RawAmount
    | RawPercentage
    | RawQuantity
    | RawChange
    | RawDate
    | RawDateRange
    | RawRange
    | RawAmounts
)
RawValue = RawPhrase | RawNumber | RawCode | tuple[RawSegment, ...]
#: The raw types a ``phrase`` parse gives.
RAW_PHRASES = (
    RawAmount,
    RawPercentage,
    RawQuantity,
    RawChange,
    RawDate,
    RawDateRange,
    RawRange,
    RawAmounts,
)


def is_segments(raw: RawValue) -> TypeGuard[tuple[RawSegment, ...]]:
    """Whether *raw* is what the ``path`` start symbol gives (a named tuple is a tuple too)."""
    return not hasattr(raw, "_fields") and all(isinstance(part, RawSegment) for part in raw)


def check_date(year: int | None, month: int | None, day: int | None) -> None:
    """
    Check that a (partial) date names days that exist.

    Raises:
        ValueError: the date is impossible, with the reason.
    """
    if year is None and month is None:
        msg = "a date needs a year or a month"
        raise ValueError(msg)
    if month is not None and not 1 <= month <= 12:  # noqa: PLR2004
        msg = f"there is no month {month}"
        raise ValueError(msg)
    if year is not None and not 1 <= year <= 9999:  # noqa: PLR2004
        msg = f"year {year} is out of range"
        raise ValueError(msg)
    if day is not None:
        if month is None:
            msg = "a day needs a month"
            raise ValueError(msg)
        # Without a year, allow 29 February.
        last = calendar.monthrange(2000 if year is None else year, month)[1]
        if not 1 <= day <= last:
            msg = f"there is no day {day} in month {month}"
            raise ValueError(msg)
