"""Turn lark parse results into cnbudget values (used inline by the LALR parser)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from lark import Token, Transformer

from .amounts import Amount, Percentage, Qualifier, Quantity, Unit
from .changes import Change, Direction
from .dates import Date, DateEdge, DateRange
from .numerals import Number, arabic_to_decimal, cn_to_decimal
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Sequence


class SemanticError(Exception):
    """Well-formed syntax with an impossible meaning, e.g. 2 月 30 日."""

    def __init__(self, message: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.span = span


class _Num(NamedTuple):
    value: Decimal
    span: Span
    digits: str  # the numeral as written, without the sign


class _Word(NamedTuple):
    """A qualifier, direction or date part, with where it was written."""

    meaning: object
    span: Span


_QUALIFIERS = {
    "APPROX": Qualifier.APPROXIMATE,
    "APPROX_AFTER": Qualifier.APPROXIMATE,
    "AT_LEAST": Qualifier.AT_LEAST,
    "AT_LEAST_AFTER": Qualifier.AT_LEAST,
    "MORE_THAN": Qualifier.MORE_THAN,
    "MORE": Qualifier.MORE_THAN,
    "AT_MOST": Qualifier.AT_MOST,
    "AT_MOST_AFTER": Qualifier.AT_MOST,
    "LESS_THAN": Qualifier.LESS_THAN,
    "EQUAL": Qualifier.EQUAL,
}
_DIRECTIONS = {
    "INCREASE": Direction.INCREASE,
    "DECREASE": Direction.DECREASE,
    "UNSPECIFIED": Direction.UNSPECIFIED,
    "FLAT": Direction.FLAT,
}
_EDGES = {"初": DateEdge.START, "底": DateEdge.END, "末": DateEdge.END}


def _span(token: Token) -> Span:
    assert token.start_pos is not None  # noqa: S101 -- lark's lexer always sets it
    assert token.end_pos is not None  # noqa: S101
    return Span(token.start_pos, token.end_pos)


def _start(child: object) -> int:
    return _span(child).start if isinstance(child, Token) else child.span.start  # type: ignore[attr-defined]


def _end(child: object) -> int:
    return _span(child).end if isinstance(child, Token) else child.span.end  # type: ignore[attr-defined]


def _around(children: Sequence[object]) -> Span:
    return Span(_start(children[0]), _end(children[-1]))


def _qualifier(children: Sequence[object]) -> Qualifier:
    found = [c.meaning for c in children if isinstance(c, _Word) and isinstance(c.meaning, Qualifier)]
    found += [_QUALIFIERS[c.type] for c in children if isinstance(c, Token) and c.type == "MORE"]
    if len(set(found)) > 1:
        words = [c for c in children if isinstance(c, _Word) or getattr(c, "type", "") == "MORE"]
        msg = "conflicting qualifiers " + " and ".join(f"'{w}'" for w in map(str, found))
        raise SemanticError(msg, _around(words))
    return found[0] if found else Qualifier.EXACT


_T = TypeVar("_T")


def _only(children: Sequence[object], kind: type[_T]) -> _T:
    return next(c for c in children if isinstance(c, kind))


def _token(children: Sequence[object], *types: str) -> Token:
    return next(c for c in children if isinstance(c, Token) and c.type in types)


class ToValues(Transformer[Token, object]):
    """Callbacks named after the grammar's rules, each returning a value or a part."""

    def number(self, children: list[Token]) -> _Num:
        *sign, digits = children
        try:
            if digits.type == "DIGITS":
                value = arabic_to_decimal(digits)
            else:
                value = cn_to_decimal(digits)
        except ValueError as error:
            raise SemanticError(str(error), _span(digits)) from None
        return _Num(value.copy_negate() if sign else value, _around(children), str(digits))

    def prefix(self, children: list[Token]) -> _Word:
        return _Word(_QUALIFIERS[children[0].type], _span(children[0]))

    suffix = prefix

    def direction(self, children: list[Token]) -> _Word:
        return _Word(_DIRECTIONS[children[0].type], _span(children[0]))

    def amount(self, children: list[object]) -> Amount:
        number = _only(children, _Num)
        unit = Unit(_token(children, "UNIT"))
        return Amount(number.value, unit, _qualifier(children), span=_around(children))

    def percentage(self, children: list[object]) -> Percentage:
        number = _only(children, _Num)
        return Percentage(number.value, _qualifier(children), span=_around(children))

    def quantity(self, children: list[object]) -> Quantity:
        number = _only(children, _Num)
        counter = str(_token(children, "COUNTER"))
        return Quantity(number.value, counter, _qualifier(children), span=_around(children))

    def change(self, children: list[object]) -> Change:
        span = _around(children)
        if len(children) == 1:  # FLAT
            return Change(Direction.FLAT, span=span)
        words = [c.meaning for c in children if isinstance(c, _Word)]
        amount = next((c for c in children if isinstance(c, Amount)), None)
        rate = next((c for c in children if isinstance(c, Percentage)), None)
        return Change(words[0], amount, rate, words[-1], span=span)  # type: ignore[arg-type]

    def _part(self, children: list[Token | _Num]) -> tuple[int, Span]:
        digits, _mark = children
        if isinstance(digits, Token):  # a numeral used as a year, month or day
            digits = self.number([digits])
        if digits.value != digits.value.to_integral_value() or digits.value < 0:
            msg = f"'{digits.digits}' is not a whole number"
            raise SemanticError(msg, digits.span)
        return int(digits.value), _around(children)

    def year(self, children: list[Token]) -> _Word:
        written = children[0]
        if len(written) != 4:  # noqa: PLR2004 -- 2026, ２０２６ and 二零二六 alike
            msg = f"'{written}' is not a four-digit year"
            raise SemanticError(msg, _span(written))
        value, span = self._part(children)  # type: ignore[arg-type]
        return _Word(("year", value), span)

    def month(self, children: list[Token]) -> _Word:
        value, span = self._part(children)  # type: ignore[arg-type]
        return _Word(("month", value), span)

    def day(self, children: list[Token]) -> _Word:
        value, span = self._part(children)  # type: ignore[arg-type]
        return _Word(("day", value), span)

    def date(self, children: list[object]) -> Date:
        parts = dict(c.meaning for c in children if isinstance(c, _Word))  # type: ignore[misc]
        edge = next((_EDGES[c[0]] for c in children if isinstance(c, Token)), None)
        try:
            return Date(parts.get("year"), parts.get("month"), parts.get("day"), edge, span=_around(children))
        except ValueError as error:
            raise SemanticError(str(error), _around(children)) from None

    def date_range(self, children: list[object]) -> DateRange:
        span = _around(children)
        *_, end = children
        if isinstance(children[0], Token) and children[0].type == "UNTIL":  # 截至 …
            assert isinstance(end, Date)  # noqa: S101 -- the grammar allows nothing else
            return DateRange(None, end, span=span)
        start = _only(children, Date)
        if isinstance(end, _Word):  # 1 月 1 日至 31 日: a bare day
            _, day = end.meaning  # type: ignore[misc]
            end = self._complete(start, None, day, None, end.span)
        elif end.year is None:  # 1 月 1 日至 12 月 31 日
            assert isinstance(end, Date)  # noqa: S101 -- the grammar allows nothing else
            assert end.span is not None  # noqa: S101
            end = self._complete(start, end.month, end.day, end.edge, end.span)
        assert isinstance(end, Date)  # noqa: S101
        first, last = _bounds(start, low=True), _bounds(end, low=False)
        if first is not None and last is not None and last < first:
            msg = f"the range ends ({end}) before it starts ({start})"
            raise SemanticError(msg, span)
        return DateRange(start, end, span=span)


    @staticmethod
    def _complete(
        start: Date, month: int | None, day: int | None, edge: DateEdge | None, span: Span
    ) -> Date:
        """An end date that takes the year (and month) it leaves out from *start*."""
        try:
            return Date(start.year, start.month if month is None else month, day, edge, span=span)
        except ValueError as error:
            raise SemanticError(str(error), span) from None


def _bounds(date: Date, *, low: bool) -> tuple[int, int, int] | None:
    if date.year is None:
        return None
    month = date.month or (1 if low else 12)
    day = date.day or (1 if low else 31)
    return date.year, month, day


def to_number(value: object) -> Number:
    """The ``number`` start symbol gives a bare numeral."""
    assert isinstance(value, _Num)  # noqa: S101
    return Number(value.value, span=value.span)
