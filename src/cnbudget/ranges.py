"""
Ranges of amounts and quantities: ``2万-6万元``, ``15至25万元``, ``在1万元（含）至5万元之间``.

>>> band = parse_range("单价在1万元（含）至5万元之间"[2:])
>>> band.low, band.high
(<Amount '1万元'>, <Amount '5万元'>)
>>> parse_amount("3万元") in band, parse_amount("5万元") in band
(True, True)
>>> parse_range("15至25万元").low  # the low end takes the high end's unit
<Amount '15万元'>

The low end may leave out what the high end prints: its unit (``15至25万元``), or
all but 万 or 亿 of it (``2万-6万元`` is 2万元 to 6万元). Each end counts itself in
unless it is marked ``（不含）``, as budget wording means ``（含）``. A bound on one
side only (``50万元（含）以上``, ``5万元以下（不含）``) is an
:class:`~cnbudget.amounts.Amount` with a :class:`~cnbudget.amounts.Qualifier`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from . import _grammar, _raw
from .amounts import Amount, Qualifier, Quantity, amount_from_raw, quantity_from_raw
from .errors import InvalidRange

if TYPE_CHECKING:
    from decimal import Decimal

    from ._text import MappedText
    from .spans import Span

__all__ = ["Range", "parse_range"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(repr=False)
class Range:
    """
    A range from one amount, or quantity, to another.

    Attributes:
        low: The low end.
        high: The high end, in the same kind (amounts, or quantities of one counter).
        low_inclusive: Whether the low end counts itself in (``（不含）`` says not).
        high_inclusive: Whether the high end does.
        qualifier: What the text says of the range as a whole: 约 of ``约2-3万元``.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    low: Amount | Quantity
    high: Amount | Quantity
    low_inclusive: bool = True
    high_inclusive: bool = True
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        low = f"{self.low}{'' if self.low_inclusive else '（不含）'}"
        return f"{self.qualifier}{low}至{self.high}{'' if self.high_inclusive else '（不含）'}"

    def __repr__(self) -> str:
        return f"<Range '{self}'>"

    def __contains__(self, value: object) -> bool:
        """Whether an amount (or a quantity of the same counter) lies in the range."""
        low, high = _measure(self.low, self.low), _measure(self.high, self.low)
        measured = _measure(value, self.low)
        if low is None or high is None or measured is None:
            return False
        above = measured > low or (self.low_inclusive and measured == low)
        below = measured < high or (self.high_inclusive and measured == high)
        return above and below


def _measure(value: object, like: Amount | Quantity) -> Decimal | None:
    """What *value* is compared by in a range whose ends are like *like*: 元, or a count."""
    if isinstance(like, Amount):
        return value.yuan if isinstance(value, Amount) else None
    if isinstance(value, Quantity) and value.counter == like.counter:
        return value.value
    return None


def parse_range(text: str) -> Range:
    """
    Parse a range of amounts or quantities: ``2万-6万元``, ``5-10人``, ``1万元（含）至5万元``.

    Raises:
        InvalidRange: *text* is not exactly one range (or its low end is above its high end).
    """
    raw, where = _grammar.parse(text, "range", InvalidRange)
    assert isinstance(raw, _raw.RawRange)  # noqa: S101
    return range_from_raw(raw, where)


def range_from_raw(raw: _raw.RawRange, where: MappedText, offset: int = 0) -> Range:
    """The :class:`Range` of a raw parse of ``where.text``, spanned in ``where.source``."""
    span = where.span(raw.start + offset, raw.end + offset)
    return Range(
        _end(raw.low, where, offset),
        _end(raw.high, where, offset),
        raw.low_inclusive,
        raw.high_inclusive,
        Qualifier(raw.qualifier),
        span.slice(where.source),
        span,
    )


def _end(
    raw: _raw.RawAmount | _raw.RawQuantity, where: MappedText, offset: int
) -> Amount | Quantity:
    if isinstance(raw, _raw.RawAmount):
        return amount_from_raw(raw, where, offset)
    return quantity_from_raw(raw, where, offset)
