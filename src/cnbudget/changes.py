"""
Year-on-year changes: ``减少 24.37 万元，下降 6.42%``.

A change keeps the text's own direction words. Budget prose is not always
consistent, so when the amount and the rate are given opposite directions the
change says so instead of silently picking one:

>>> c = parse_change("减少 532.96 万元，增长 13.3%")
>>> c.signed_amount, c.signed_rate, c.directions_disagree
(<Amount '-532.96万元'>, <Percentage '13.3%'>, True)
"""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

import attrs

from . import _grammar, _raw
from .amounts import Amount, Percentage, Unit, amount_from_raw, percentage_from_raw
from .errors import InvalidChange

if TYPE_CHECKING:
    from ._raw import RawChange
    from ._text import MappedText
    from .spans import Span

__all__ = ["Baseline", "BaselineKind", "Change", "Direction", "parse_change"]


def __dir__() -> list[str]:
    return __all__


class Direction(str, enum.Enum):
    """Which way a change goes, as the text words it."""

    INCREASE = "increase"  # 增加, 增长, 上升, 提高 …
    DECREASE = "decrease"  # 减少, 下降, 降低 …
    FLAT = "flat"  # 持平, 无增减变动
    UNSPECIFIED = "unspecified"  # template text: 增加（减少）

    def __str__(self) -> str:
        return self.value


# Canonical words for str(): the amount part, then the rate part.
_WORDS = {
    Direction.INCREASE: ("增加", "增长"),
    Direction.DECREASE: ("减少", "下降"),
    Direction.FLAT: ("持平", "持平"),
    Direction.UNSPECIFIED: ("增加（减少）", "增长（减少）"),
}


class BaselineKind(str, enum.Enum):
    """What of the year compared with a change is measured against."""

    BUDGET = "预算"  #: 比上年预算, 与2025年预算数
    EXECUTED = "预算执行数"  #: 比上年预算执行数 (the budget as carried out)
    FINAL = "决算"  #: 比上年决算
    UNSPECIFIED = "unspecified"  #: 比上年, where the text does not say which

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Baseline:
    """
    What a change is measured against, as the text prints it before the change.

    Attributes:
        year: The year compared with (``2025`` in ``比2025年预算``), or ``None`` for
            上年 (the year before the document's own).
        kind: Its budget, its budget as carried out, its final accounts, or unsaid.
        source: The words as printed: ``比上年预算``, ``与2025年预算数相比，``.
        span: Where *source* lies in the parsed text.
    """

    year: int | None
    kind: BaselineKind = attrs.field(converter=BaselineKind)
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen(repr=False)
class Change:
    """
    A change against a baseline (usually the previous year's budget).

    Attributes:
        direction: The first direction word: of the amount, or of the rate when
            only a rate is given.
        amount: The change in money (unsigned, as written), if given.
        rate: The change in percent (unsigned, as written), if given.
        rate_direction: The direction word of the rate; the same as *direction*
            when one word covers both.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
        baseline: What it is measured against, when the text prints that just
            before it (:func:`~cnbudget.phrases.find_phrases` reads it; a change
            parsed alone has none). Two changes of the same figures are equal
            whatever their baselines.
    """

    direction: Direction = attrs.field(converter=Direction)
    amount: Amount | None = None
    rate: Percentage | None = None
    rate_direction: Direction = attrs.field(converter=Direction)
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)
    baseline: Baseline | None = attrs.field(default=None, eq=False)

    @rate_direction.default
    def _same_as_direction(self) -> Direction:
        return self.direction

    @property
    def directions_disagree(self) -> bool:
        """Whether the amount and the rate are said to move opposite ways."""
        return {self.direction, self.rate_direction} == {Direction.INCREASE, Direction.DECREASE}

    @property
    def signed_amount(self) -> Amount | None:
        """
        The amount, negative for a decrease; ``None`` if no amount or no direction.

        持平 with no figure is a change of zero: ``Amount(0, 元)``.
        """
        if self.amount is None and self.direction is Direction.FLAT:
            return Amount(Decimal(0), Unit.YUAN)
        return _signed(self.amount, self.direction)

    @property
    def signed_rate(self) -> Percentage | None:
        """The rate, negative for a decrease; ``None`` if no rate or no direction (持平: 0%)."""
        if self.rate is None and self.rate_direction is Direction.FLAT:
            return Percentage(Decimal(0))
        return _signed(self.rate, self.rate_direction)

    def __str__(self) -> str:
        if self.amount is None and self.rate is None:
            return _WORDS[self.direction][0]
        parts = []
        if self.amount is not None:
            parts.append(f"{_WORDS[self.direction][0]}{self.amount}")
        if self.rate is not None:
            parts.append(f"{_WORDS[self.rate_direction][1]}{self.rate}")
        return "，".join(parts)

    def __repr__(self) -> str:
        return f"<Change {str(self)!r}>"


_Signed = TypeVar("_Signed", "Amount", "Percentage")


def _signed(value: _Signed | None, direction: Direction) -> _Signed | None:
    if value is None or direction is Direction.UNSPECIFIED:
        return None
    return -value if direction is Direction.DECREASE else value


def change_from_raw(raw: RawChange, where: MappedText, offset: int = 0) -> Change:
    """The :class:`Change` of a raw parse of ``where.text``, spanned in ``where.source``.

    The raw offsets are relative to ``where.text[offset:]``.
    """
    span = where.span(raw.start + offset, raw.end + offset)
    return Change(
        Direction(raw.direction),
        None if raw.amount is None else amount_from_raw(raw.amount, where, offset),
        None if raw.rate is None else percentage_from_raw(raw.rate, where, offset),
        Direction(raw.rate_direction),
        span.slice(where.source),
        span,
    )


def parse_change(text: str) -> Change:
    """
    Parse a year-on-year change.

    Accepts ``增加 5 万元，增长 26.32%``, ``减少0.017万元``, ``下降 6.42%``,
    ``持平`` and template text such as ``增加（减少）0 万元，增长（减少）0%``.
    The baseline (``比上年预算``) is not part of the phrase.

    Raises:
        InvalidChange: *text* is not exactly one change.
    """
    raw, where = _grammar.parse(text, "change", InvalidChange)
    assert isinstance(raw, _raw.RawChange)  # noqa: S101 -- the change start symbol gives one
    return change_from_raw(raw, where)
