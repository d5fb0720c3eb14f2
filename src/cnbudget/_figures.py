"""
Printed figures as intervals, and sums judged the way XBRL Calculations 1.1 judges them.

A figure printed with *d* decimals stands for every value that rounds to it:
``256.6`` is 256.6 ± 0.05, ``15`` is 15 ± 0.5. A total and the sum of its parts
agree when their intervals meet; when they meet but the printed figures differ,
the difference is rounding. A blank cell is an exact zero (nothing was rounded),
and a total over a single non-zero part must print that part's figure: copying
a figure rounds nothing. Values are held in 元 so that 万元 and 元 tables compare
exactly, each with its own tolerance.
"""

from __future__ import annotations

import enum
from decimal import Context, Decimal
from typing import TYPE_CHECKING, NamedTuple

import attrs

from ._numbers import EXACT, exact_sum
from ._text import strip_markup
from .amounts import Amount, Unit
from .diagnostics import Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .spans import Span

_HALF = Decimal("0.5")
# How many terms of a sum a message lists.
_MOST_TERMS = 12
# For showing figures only: enough digits that nothing shown is rounded.
_DISPLAY = Context(prec=100)
_ZERO = Decimal(0)


@attrs.frozen
class Figure:
    """A printed figure: its value in 元, half its rounding interval, the text and where."""

    value: Decimal
    half: Decimal
    text: str
    unit: Unit | None
    places: int = 0  # decimals printed, in its own unit
    span: Span | None = attrs.field(default=None, eq=False)

    @classmethod
    def printed(cls, value: Decimal, unit: Unit | None, text: str, span: Span | None) -> Figure:
        """A figure printed as *value* in *unit* (``None``: the table's unknown unit)."""
        exponent = value.as_tuple().exponent
        places = max(-exponent, 0) if isinstance(exponent, int) else 0
        shift = unit.exponent if unit is not None else 0
        half = EXACT.multiply(_HALF, Decimal(1).scaleb(shift - places))
        return cls(value.scaleb(shift, EXACT), half, text or str(value), unit, places, span)

    @classmethod
    def of_amount(cls, amount: Amount) -> Figure:
        """The figure an amount of prose or of a cell prints."""
        # As a reader sees it: the markup inside it (**763.15** 万元) left out.
        text = strip_markup(amount.source).strip() if amount.source else str(amount)
        return cls.printed(amount.value, amount.unit, text, amount.span)

    @classmethod
    def blank(cls, unit: Unit | None, span: Span | None = None) -> Figure:
        """An empty cell: an exact zero."""
        return cls(_ZERO, _ZERO, "（空）", unit, 0, span)

    @property
    def is_blank(self) -> bool:
        """Whether nothing was printed."""
        return self.text == "（空）"


class Verdict(str, enum.Enum):
    """How a total compares with its parts."""

    EXACT = "exact"  #: the printed figures agree to the last digit
    ROUNDING = "rounding"  #: they differ by what rounding explains
    BROKEN = "broken"  #: they differ by more

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Comparison:
    """A total against the sum of its parts (or one figure against another)."""

    total: Figure
    parts: tuple[Figure, ...]
    total_of_parts: Decimal
    difference: Decimal  # total − Σ parts, in 元
    tolerance: Decimal  # in 元

    @property
    def verdict(self) -> Verdict:
        """Exact, rounding, or broken."""
        if self.difference == 0:
            return Verdict.EXACT
        if self.difference.copy_abs() <= self.tolerance:
            return Verdict.ROUNDING
        return Verdict.BROKEN

    def arithmetic(self, *, relation: str = "") -> str:
        """
        The arithmetic as a reader checks it, in the total's unit.

        ``457.50 ≠ 53.44 + 401.12 + 2.93 = 457.49 (rounding allows 0.015)``.
        """
        unit = self.total.unit
        sign = "=" if self.verdict is Verdict.EXACT else "≠"
        shown = _shown(self.total_of_parts, unit, [self.total, *self.parts])
        printed = [part for part in self.parts if not part.is_blank]
        blanks = len(self.parts) - len(printed)
        terms = [part.text + _unit_note(part.unit, unit) for part in printed]
        if len(terms) > _MOST_TERMS:
            terms[_MOST_TERMS - 1 :] = [f"… ({len(terms) - _MOST_TERMS + 1} more)"]
        if len(self.parts) == 1:
            right = terms[0] if terms else self.parts[0].text
        else:
            blank = f" ({blanks} blank)" if blanks else ""
            right = f"{' + '.join(terms) or '0'}{blank} = {shown}"
        text = f"{self.total.text} {sign} {relation}{right}"
        if self.verdict is not Verdict.EXACT and self.tolerance == 0:
            text += " (a copy of one figure: no rounding)"
        elif self.verdict is not Verdict.EXACT:
            text += f" (rounding allows {_shown(self.tolerance, unit, [])})"
        return text


class Problem(NamedTuple):
    """What a check found: a sentence, how much it matters, the figures and their spans."""

    message: str
    severity: Severity
    spans: tuple[Span, ...]
    expected: Decimal | None = None  # what the other figures make it, in the printed unit
    actual: Decimal | None = None  # what is printed
    tolerance: Decimal | None = None  # the difference rounding explains

    @classmethod
    def of(cls, message: str, severity: Severity, comparison: Comparison) -> Problem:
        """A problem with a comparison's figures and spans."""
        figures = (comparison.total, *comparison.parts)
        return cls(
            message,
            severity,
            tuple(f.span for f in figures if f.span is not None),
            Decimal(_shown(comparison.total_of_parts, comparison.total.unit, figures)),
            Decimal(_shown(comparison.total.value, comparison.total.unit, figures)),
            Decimal(_shown(comparison.tolerance, comparison.total.unit, [])),
        )


def compare(total: Figure, parts: Sequence[Figure]) -> Comparison:
    """
    *total* against the sum of *parts*, with the tolerance their rounding allows.

    A non-zero total over a single printed part (the others blank) copies it, so there
    is no tolerance; a printed ``0.00`` may hide up to half a unit, like any figure.
    """
    summed = exact_sum(part.value for part in parts)
    printed = [part for part in parts if not part.is_blank]
    if len(printed) == 1 and total.value != 0:
        tolerance = _ZERO
    else:
        tolerance = exact_sum([total.half, *(part.half for part in parts)])
    return Comparison(total, tuple(parts), summed, EXACT.subtract(total.value, summed), tolerance)


def same_figure(first: Figure, second: Figure) -> Comparison:
    """
    Two printings of one figure (in two tables, or prose and a table).

    Each was rounded on its own, perhaps to another unit, so their intervals need only meet.
    """
    difference = EXACT.subtract(first.value, second.value)
    return Comparison(first, (second,), second.value, difference, first.half + second.half)


def at_least(larger: Figure, smaller: Figure) -> Comparison | None:
    """*larger* against *smaller* where only ≥ must hold; ``None`` when it holds."""
    comparison = same_figure(larger, smaller)
    return comparison if comparison.difference < -comparison.tolerance else None


def in_unit(value: Decimal, unit: Unit | None) -> Decimal:
    """A value in 元 written in *unit*."""
    return value.scaleb(-unit.exponent, EXACT) if unit is not None else value


def _shown(value: Decimal, unit: Unit | None, figures: Sequence[Figure]) -> str:
    """*value* (in 元) in *unit*, at least as fine as the finest figure prints it."""
    shown = in_unit(value, unit)
    places = max(
        (
            f.places + (f.unit.exponent if f.unit else 0) - (unit.exponent if unit else 0)
            for f in figures
        ),
        default=0,
    )
    exponent = shown.normalize(_DISPLAY).as_tuple().exponent
    finest = -exponent if isinstance(exponent, int) else 0
    quantum = Decimal(1).scaleb(-max(places, finest, 0))
    return f"{shown.quantize(quantum, context=_DISPLAY):f}"


def _unit_note(unit: Unit | None, total: Unit | None) -> str:
    return f" {unit}" if unit is not None and total is not None and unit != total else ""
