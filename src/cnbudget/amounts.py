r"""
Amounts of money, percentages and counted quantities.

>>> a = parse_amount("0.4022万元")
>>> a.yuan
Decimal('4022')
>>> a == parse_amount("4,022 元")
True
>>> parse_percentage(r"$\geq 95\%$")
<Percentage '≥95%'>
>>> parse_quantity("500余条")
<Quantity '>500条'>
"""

from __future__ import annotations

import enum
from decimal import ROUND_HALF_EVEN, Context, Decimal, DivisionByZero, InvalidOperation
from typing import TYPE_CHECKING

import attrs

from . import _grammar, _raw
from ._numbers import EXACT, finite_decimal, shift_decimal
from .errors import InvalidAmount, InvalidPercentage, InvalidQuantity

if TYPE_CHECKING:
    from ._raw import RawAmount, RawPercentage, RawQuantity
    from ._text import MappedText
    from .spans import Span

__all__ = [
    "Amount",
    "Percentage",
    "Qualifier",
    "Quantity",
    "Unit",
    "parse_amount",
    "parse_percentage",
    "parse_quantity",
]


def __dir__() -> list[str]:
    return __all__


class Unit(str, enum.Enum):
    """Money units, by the power of ten they stand for."""

    YUAN = "元"
    THOUSAND_YUAN = "千元"
    TEN_THOUSAND_YUAN = "万元"
    HUNDRED_MILLION_YUAN = "亿元"

    @property
    def exponent(self) -> int:
        """The power of ten this unit stands for (万元 is ``10 ** 4`` 元)."""
        return _EXPONENTS[self]

    def __str__(self) -> str:
        return self.value


# Ratios are rarely exact (1/3): they round, but always the same way.
_RATIO = Context(prec=28, rounding=ROUND_HALF_EVEN, traps=[DivisionByZero, InvalidOperation])

_EXPONENTS = {
    Unit.YUAN: 0,
    Unit.THOUSAND_YUAN: 3,
    Unit.TEN_THOUSAND_YUAN: 4,
    Unit.HUNDRED_MILLION_YUAN: 8,
}


class Qualifier(str, enum.Enum):
    r"""
    How a figure relates to the value it states.

    Written before the number (``约``, ``≥``, ``不低于``, LaTeX ``\geq``), between
    number and unit (``余``, ``多``) or after it (``左右``, ``以上``, ``以下``).
    """

    EXACT = ""
    APPROXIMATE = "约"
    AT_LEAST = "≥"
    MORE_THAN = ">"
    AT_MOST = "≤"
    LESS_THAN = "<"
    EQUAL = "="

    def __str__(self) -> str:
        return self.value


@attrs.frozen(eq=False, repr=False)
class Amount:
    """
    An exact amount of money in a :class:`Unit`.

    Amounts are equal when they are the same money with the same qualifier:
    ``457.50万元 == 4575000元``. ``str()`` keeps the digits as written, so
    ``parse_amount(str(a)) == a``. Arithmetic is exact and expresses the result
    in the smaller unit of the two.

    Attributes:
        value: The number as written, in :attr:`unit`.
        unit: 元, 千元, 万元 or 亿元.
        qualifier: 约, ≥, ≤ … or :attr:`Qualifier.EXACT`.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    value: Decimal = attrs.field(converter=finite_decimal)
    unit: Unit = attrs.field(default=Unit.YUAN, converter=Unit)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    source: str = ""
    span: Span | None = None

    @property
    def yuan(self) -> Decimal:
        """The value in 元, exact (``0.4022万元`` is ``Decimal('4022')``)."""
        return shift_decimal(self.value, self.unit.exponent)

    def to(self, unit: Unit | str) -> Amount:
        """
        Express this amount in another unit, exactly.

        Raises :class:`ValueError` for a *unit* that is not a :class:`Unit` or the value
        of one (``"万元"``).
        """
        unit = Unit(unit)
        value = shift_decimal(self.value, self.unit.exponent - unit.exponent)
        return Amount(value, unit, self.qualifier)

    def _key(self) -> tuple[Decimal, Qualifier]:
        return self.yuan, self.qualifier

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Amount):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    # Ordering compares the money only; qualifiers do not order.
    def __lt__(self, other: Amount) -> bool:
        return self.yuan < other.yuan

    def __le__(self, other: Amount) -> bool:
        return self.yuan <= other.yuan

    def __gt__(self, other: Amount) -> bool:
        return self.yuan > other.yuan

    def __ge__(self, other: Amount) -> bool:
        return self.yuan >= other.yuan

    def _combine(self, other: Amount, *, negate: bool) -> Amount:
        unit = min(self.unit, other.unit, key=lambda u: u.exponent)
        left, right = self.to(unit).value, other.to(unit).value
        value = EXACT.subtract(left, right) if negate else EXACT.add(left, right)
        return Amount(value, unit)

    def __add__(self, other: Amount) -> Amount:
        if not isinstance(other, Amount):
            return NotImplemented
        return self._combine(other, negate=False)

    def __radd__(self, other: int) -> Amount:
        # So that sum(amounts) works: sum() starts from 0.
        if other == 0:
            return Amount(self.value, self.unit)
        return NotImplemented

    def __sub__(self, other: Amount) -> Amount:
        if not isinstance(other, Amount):
            return NotImplemented
        return self._combine(other, negate=True)

    def __neg__(self) -> Amount:
        return Amount(self.value.copy_negate(), self.unit, self.qualifier)

    def __abs__(self) -> Amount:
        return Amount(self.value.copy_abs(), self.unit, self.qualifier)

    def __mul__(self, factor: Decimal | int) -> Amount:
        if not isinstance(factor, (Decimal, int)):
            return NotImplemented
        return Amount(EXACT.multiply(self.value, Decimal(factor)), self.unit, self.qualifier)

    __rmul__ = __mul__

    def __truediv__(self, other: Amount) -> Decimal:
        """The ratio of two amounts, to 28 significant digits whatever the decimal context."""
        if not isinstance(other, Amount):
            return NotImplemented
        return _RATIO.divide(self.yuan, other.yuan)

    def __str__(self) -> str:
        return f"{self.qualifier}{self.value:f}{self.unit}"

    def __repr__(self) -> str:
        return f"<Amount {str(self)!r}>"


@attrs.frozen(repr=False)
class Percentage:
    """
    A percentage, kept exactly as the percent figure written.

    >>> p = parse_percentage("4.86%")
    >>> p.percent, p.fraction
    (Decimal('4.86'), Decimal('0.0486'))

    Attributes:
        percent: The figure before the ``%`` sign.
        qualifier: ≥, ≤, = … or :attr:`Qualifier.EXACT`.
        points: Whether this is a difference in percentage points
            (``提高 3.2 个百分点``) rather than a percentage.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    percent: Decimal = attrs.field(converter=finite_decimal)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    points: bool = attrs.field(default=False, kw_only=True)
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def fraction(self) -> Decimal:
        """The value as a fraction (``4.86%`` is ``Decimal('0.0486')``)."""
        return shift_decimal(self.percent, -2)

    def __neg__(self) -> Percentage:
        return Percentage(self.percent.copy_negate(), self.qualifier, points=self.points)

    def __str__(self) -> str:
        return f"{self.qualifier}{self.percent:f}{'个百分点' if self.points else '%'}"

    def __repr__(self) -> str:
        return f"<Percentage {str(self)!r}>"


# Spellings of one counter that mean the same thing.
_COUNTER_SPELLINGS = {
    "台(套)": "台（套）",
    "台/套": "台（套）",
    "台／套": "台（套）",
    "平米": "平方米",
}


def normalize_counter(counter: str) -> str:
    """The canonical spelling of a counter: ``台/套`` and ``台(套)`` are ``台（套）``."""
    counter = counter.replace("／", "/")
    return _COUNTER_SPELLINGS.get(counter, counter)


@attrs.frozen(repr=False)
class Quantity:
    """
    A counted quantity: ``2 辆``, ``66 人``, ``340 家``, ``6 元/年``.

    Attributes:
        value: The number.
        counter: The measure word or unit (人, 人次, 辆, 台（套）, 平方米, 元/人 …),
            in its canonical spelling.
        qualifier: 约, ≥, > (``500余条``) … or :attr:`Qualifier.EXACT`.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    value: Decimal = attrs.field(converter=finite_decimal)
    counter: str = attrs.field(converter=normalize_counter)
    qualifier: Qualifier = attrs.field(default=Qualifier.EXACT, converter=Qualifier)
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        return f"{self.qualifier}{self.value:f}{self.counter}"

    def __repr__(self) -> str:
        return f"<Quantity {str(self)!r}>"


def amount_from_raw(raw: RawAmount, where: MappedText, offset: int = 0) -> Amount:
    """The :class:`Amount` of a raw parse of ``where.text``, spanned in ``where.source``.

    The raw offsets are relative to ``where.text[offset:]``.
    """
    span = where.span(raw.start + offset, raw.end + offset)
    return Amount(
        raw.value, _UNITS[raw.unit], Qualifier(raw.qualifier), span.slice(where.source), span
    )


def percentage_from_raw(raw: RawPercentage, where: MappedText, offset: int = 0) -> Percentage:
    """The :class:`Percentage` of a raw parse of ``where.text``, spanned in ``where.source``.

    The raw offsets are relative to ``where.text[offset:]``.
    """
    span = where.span(raw.start + offset, raw.end + offset)
    return Percentage(
        raw.percent,
        Qualifier(raw.qualifier),
        points=raw.points,
        source=span.slice(where.source),
        span=span,
    )


def quantity_from_raw(raw: RawQuantity, where: MappedText, offset: int = 0) -> Quantity:
    """The :class:`Quantity` of a raw parse of ``where.text``, spanned in ``where.source``.

    The raw offsets are relative to ``where.text[offset:]``.
    """
    span = where.span(raw.start + offset, raw.end + offset)
    return Quantity(
        raw.value, raw.counter, Qualifier(raw.qualifier), span.slice(where.source), span
    )


_UNITS = {unit.value: unit for unit in Unit}


def parse_amount(text: str) -> Amount:
    """
    Parse an amount of money: ``457.50 万元``, ``2,302,464.00元``, ``约1.8亿元``.

    Markup around or inside it (``<b>457.50</b> 万元``) is allowed.

    Raises:
        InvalidAmount: *text* is not exactly one amount.
    """
    raw, where = _grammar.parse(text, "amount", InvalidAmount)
    assert isinstance(raw, _raw.RawAmount)  # noqa: S101 -- each start symbol gives one kind
    return amount_from_raw(raw, where)


def parse_percentage(text: str) -> Percentage:
    r"""
    Parse a percentage: ``4.86%``, ``百分之四点八六``, ``>=95%``, ``$\geq 95\%$``.

    Raises:
        InvalidPercentage: *text* is not exactly one percentage.
    """
    raw, where = _grammar.parse(text, "percentage", InvalidPercentage)
    assert isinstance(raw, _raw.RawPercentage)  # noqa: S101
    return percentage_from_raw(raw, where)


def parse_quantity(text: str) -> Quantity:
    """
    Parse a counted quantity: ``2 辆``, ``0 台（套）``, ``三家``, ``500余条``.

    Raises:
        InvalidQuantity: *text* is not exactly one quantity.
    """
    raw, where = _grammar.parse(text, "quantity", InvalidQuantity)
    assert isinstance(raw, _raw.RawQuantity)  # noqa: S101
    return quantity_from_raw(raw, where)
