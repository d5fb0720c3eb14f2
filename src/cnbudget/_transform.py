"""Turn lark parse results into cnbudget values (used inline by the LALR parser)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from lark import Token, Transformer

from .amounts import Amount, Percentage, Qualifier, Quantity, Unit, shift_decimal
from .changes import Change, Direction
from .codes import RawCode, RawSegment
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
    written: str  # the numeral as written, without the sign


class _Word(NamedTuple):
    """A qualifier or direction word, with where it was written."""

    meaning: Qualifier | Direction
    span: Span


class _Part(NamedTuple):
    """A year, month or day of a date."""

    name: str
    value: int
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
}
_UNITS = {unit.value: unit for unit in Unit}
_EDGES = {"初": DateEdge.START, "底": DateEdge.END, "末": DateEdge.END}

_Child = Token | _Num | _Word | _Part | Amount | Percentage | Date


def _span_of(child: _Child) -> Span:
    if isinstance(child, Token):
        # lark's lexer always sets positions.
        return Span(child.start_pos or 0, child.end_pos or 0)
    assert child.span is not None  # noqa: S101 -- every value built here has one
    return child.span


def _around(children: Sequence[_Child]) -> Span:
    return Span(_span_of(children[0]).start, _span_of(children[-1]).end)


def _qualifier(children: Sequence[_Child]) -> Qualifier:
    """The one qualifier of a value, from its prefix, 余/多 and suffix."""
    words = [c for c in children if isinstance(c, _Word)]
    words += [_Word(_QUALIFIERS["MORE"], _span_of(c)) for c in children if _is(c, "MORE")]
    meanings = {word.meaning for word in words}
    if len(meanings) > 1:
        quoted = " and ".join(f"'{word.meaning}'" for word in words)
        msg = f"conflicting qualifiers {quoted}"
        raise SemanticError(msg, _around(words))
    return Qualifier(meanings.pop()) if meanings else Qualifier.EXACT


def _is(child: _Child, *types: str) -> bool:
    return isinstance(child, Token) and child.type in types


def _number(children: Sequence[_Child]) -> _Num:
    return next(c for c in children if isinstance(c, _Num))


def _token(children: Sequence[_Child], kind: str) -> str:
    return str(next(c for c in children if isinstance(c, Token) and c.type == kind))


def _magnitude(children: Sequence[_Child]) -> str:
    """万 or 亿 written apart from the unit or counter (2 万余人次), else nothing."""
    return next((str(c) for c in children if _is(c, "MAGNITUDE")), "")


class ToValues(Transformer[Token, object]):
    """Callbacks named after the grammar's rules, each returning a value or a part."""

    def number(self, children: list[Token]) -> _Num:
        *sign, digits = children
        convert = arabic_to_decimal if digits.type == "DIGITS" else cn_to_decimal
        try:
            value = convert(digits)
        except ValueError as error:
            raise SemanticError(str(error), _span_of(digits)) from None
        # copy_negate is exact; unary minus would round to the context's precision.
        return _Num(value.copy_negate() if sign else value, _around(children), str(digits))

    def prefix(self, children: list[Token]) -> _Word:
        return _Word(_QUALIFIERS[children[0].type], _span_of(children[0]))

    suffix = prefix

    def direction(self, children: list[Token]) -> _Word:
        return _Word(_DIRECTIONS[children[0].type], _span_of(children[0]))

    def amount(self, children: list[_Child]) -> Amount:
        unit = _magnitude(children) + _token(children, "UNIT")
        value = _number(children).value
        if unit == "万亿元":  # 28.5 万亿元: counted in 亿元, exactly
            unit, value = "亿元", shift_decimal(value, 4)
        if unit not in _UNITS:  # 5 万万元
            msg = f"'{unit}' is not a money unit"
            raise SemanticError(msg, _around(children))
        return Amount(value, _UNITS[unit], _qualifier(children), span=_around(children))

    def percentage(self, children: list[_Child]) -> Percentage:
        value = _number(children).value
        points = any(_is(c, "POINTS") for c in children)
        return Percentage(value, _qualifier(children), points=points, span=_around(children))

    def quantity(self, children: list[_Child]) -> Quantity:
        counter = _magnitude(children) + _token(children, "COUNTER")
        value = _number(children).value
        return Quantity(value, counter, _qualifier(children), span=_around(children))

    def change(self, children: list[_Child]) -> Change:
        span = _around(children)
        words = [c.meaning for c in children if isinstance(c, _Word)]
        if not words:  # 持平, 无增减变动
            return Change(Direction.FLAT, span=span)
        amount = next((c for c in children if isinstance(c, Amount)), None)
        rate = next((c for c in children if isinstance(c, Percentage)), None)
        return Change(words[0], amount, rate, words[-1], span=span)

    def _part(self, name: str, children: list[Token]) -> _Part:
        written, _mark = children
        number = self.number([written])
        if number.value != number.value.to_integral_value() or number.value < 0:
            msg = f"'{written}' is not a whole number"
            raise SemanticError(msg, number.span)
        return _Part(name, int(number.value), _around(children))

    def year(self, children: list[Token]) -> _Part:
        if len(children[0]) != 4:  # noqa: PLR2004 -- 2026, ２０２６ and 二零二六 alike
            msg = f"'{children[0]}' is not a four-digit year"
            raise SemanticError(msg, _span_of(children[0]))
        return self._part("year", children)

    def month(self, children: list[Token]) -> _Part:
        return self._part("month", children)

    def day(self, children: list[Token]) -> _Part:
        return self._part("day", children)

    def date(self, children: list[_Child]) -> Date:
        if _is(children[0], "NUMERIC_DATE"):  # 2024-02-08
            year, month, day = map(int, re.split(r"[-/.]", str(children[0])))
            return _date(year, month, day, None, _span_of(children[0]))
        parts = {c.name: c.value for c in children if isinstance(c, _Part)}
        edge = next((_EDGES[str(c)] for c in children if _is(c, "EDGE")), None)
        return _date(
            parts.get("year"), parts.get("month"), parts.get("day"), edge, _around(children)
        )

    def date_range(self, children: list[_Child]) -> DateRange:
        span = _around(children)
        end = children[-1]
        if _is(children[0], "UNTIL"):  # 截至 …
            assert isinstance(end, Date)  # noqa: S101 -- the grammar allows nothing else
            return DateRange(None, end, span=span)
        start = next(c for c in children if isinstance(c, Date))
        # The end may leave out what it shares with the start: 至 12 月 31 日, 至 31 日.
        if isinstance(end, _Part):
            end = _date(start.year, start.month, end.value, None, end.span)
        elif isinstance(end, Date) and end.year is None:
            month = start.month if end.month is None else end.month
            end = _date(start.year, month, end.day, end.edge, _span_of(end))
        assert isinstance(end, Date)  # noqa: S101
        first, last = _bounds(start, low=True), _bounds(end, low=False)
        if first is not None and last is not None and last < first:
            msg = f"the range ends ({end}) before it starts ({start})"
            raise SemanticError(msg, span)
        return DateRange(start, end, span=span)


def _date(
    year: int | None, month: int | None, day: int | None, edge: DateEdge | None, span: Span
) -> Date:
    try:
        return Date(year, month, day, edge, span=span)
    except ValueError as error:
        raise SemanticError(str(error), span) from None


def _bounds(date: Date, *, low: bool) -> tuple[int, int, int] | None:
    """The first (*low*) or last day a date can mean, for ordering; None without a year."""
    if date.year is None:
        return None
    month = date.month or (1 if low else 12)
    day = date.day or (1 if low else 31)
    return date.year, month, day


def to_number(value: object) -> Number:
    """The ``number`` start symbol gives a bare numeral."""
    assert isinstance(value, _Num)  # noqa: S101
    return Number(value.value, span=value.span)


# ---------------------------------------------------------------- codes.lark

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LABEL = re.compile(r"[（(]\s*([0-9０-９]*)\s*([类款项目])\s*[）)]")


class ToCodes(Transformer[Token, object]):
    """Callbacks for codes.lark."""

    def code(self, children: list[Token]) -> RawCode:
        return RawCode(tuple((str(t).translate(_FULL_WIDTH_DIGITS), _span_of(t)) for t in children))

    def segment(self, children: list[Token]) -> RawSegment:
        *names, label = children
        match = _LABEL.fullmatch(str(label))
        assert match is not None  # noqa: S101 -- the LABEL terminal has this shape
        digits, level = match.groups()
        # A name the PDF split with a space is one name.
        name = "".join(map(str, names))
        return RawSegment(
            name, _around(names), level, digits.translate(_FULL_WIDTH_DIGITS), _span_of(label)
        )

    def path(self, children: list[RawSegment]) -> tuple[RawSegment, ...]:
        return tuple(children)
