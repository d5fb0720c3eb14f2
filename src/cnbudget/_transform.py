"""
Turn lark's parse results into the raw tuples of :mod:`cnbudget._raw`.

Used inline by the LALR parser: each callback, named after a grammar rule,
returns a raw tuple or a part of one. Impossible meanings (2 月 30 日, 5 万万元)
raise :class:`SemanticError`, which :mod:`cnbudget._grammar` turns into a
:class:`~cnbudget.errors.ParseError`. Nothing here imports a value module.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from lark import Token, Transformer

from ._numbers import EXACT, arabic_to_decimal, cn_to_decimal, digits_to_cn, shift_decimal
from ._raw import (
    RawAmount,
    RawAmounts,
    RawChange,
    RawCode,
    RawDate,
    RawDateRange,
    RawNumber,
    RawPercentage,
    RawQuantity,
    RawRange,
    RawSegment,
    check_date,
)

if TYPE_CHECKING:
    from collections.abc import Sequence


class SemanticError(Exception):
    """Well-formed syntax with an impossible meaning, e.g. 2 月 30 日."""

    def __init__(self, message: str, start: int, end: int) -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end


class _Word(NamedTuple):
    """A qualifier or direction word (its enum value), with where it was written."""

    meaning: str
    start: int
    end: int


class _Cents(NamedTuple):
    """角 and 分 after 元, as a fraction of a 元."""

    value: Decimal
    start: int
    end: int


class _Bound(NamedTuple):
    """One end of a range as written: its number, 万/亿 apart, and its unit or counter."""

    number: RawNumber
    magnitude: str
    unit: str  # a money unit as written, or ""
    counter: str  # a counter, or ""
    start: int
    end: int


class _Part(NamedTuple):
    """A year, month or day of a date."""

    name: str
    value: int
    start: int
    end: int


_QUALIFIERS = {
    "APPROX": "约",
    "APPROX_AFTER": "约",
    "AT_LEAST": "≥",
    "AT_LEAST_AFTER": "≥",
    "MORE_THAN": ">",
    "MORE": ">",
    "AT_MOST": "≤",
    "AT_MOST_AFTER": "≤",
    "LESS_THAN": "<",
    "MORE_THAN_AFTER": ">",
    "LESS_THAN_AFTER": "<",
    "EQUAL": "=",
}
_DIRECTIONS = {
    "INCREASE": "increase",
    "DECREASE": "decrease",
    "UNSPECIFIED": "unspecified",
    "BARE_INCREASE": "increase",
    "BARE_DECREASE": "decrease",
}
_UNITS = frozenset({"元", "千元", "万元", "亿元"})
_EXPONENTS = {"元": 0, "千元": 3, "万元": 4, "亿元": 8}
_EDGES = {"初": "初", "底": "底", "末": "底"}

_Child = Token | RawNumber | _Word | _Part | _Cents | _Bound | RawAmount | RawPercentage | RawDate
# The traditional and cheque forms of the units: 萬元, 億元, 圆.
_UNIT_FORMS = str.maketrans({"萬": "万", "億": "亿", "圆": "元", "块": "元", "钱": None})


def _bounds(child: _Child) -> tuple[int, int]:
    if isinstance(child, Token):
        # lark's lexer always sets positions.
        return child.start_pos or 0, child.end_pos or 0
    return child.start, child.end


def _around(children: Sequence[_Child]) -> tuple[int, int]:
    return _bounds(children[0])[0], _bounds(children[-1])[1]


def _qualifier(children: Sequence[_Child]) -> str:
    """The one qualifier of a value, from its prefix, 余/多 and suffix."""
    words = [c for c in children if isinstance(c, _Word)]
    words += [_Word(_QUALIFIERS["MORE"], *_bounds(c)) for c in children if _is(c, "MORE")]
    meanings = {word.meaning for word in words}
    if len(meanings) > 1:
        quoted = " and ".join(f"'{word.meaning}'" for word in words)
        msg = f"conflicting qualifiers {quoted}"
        raise SemanticError(msg, words[0].start, words[-1].end)
    return meanings.pop() if meanings else ""


def _is(child: _Child, *types: str) -> bool:
    return isinstance(child, Token) and child.type in types


def _number(children: Sequence[_Child]) -> RawNumber:
    return next(c for c in children if isinstance(c, RawNumber))


def _token(children: Sequence[_Child], kind: str) -> str:
    return str(next(c for c in children if isinstance(c, Token) and c.type == kind))


def _magnitude(children: Sequence[_Child]) -> str:
    """万 or 亿 written apart from the unit or counter (2 万余人次), else nothing."""
    return next((str(c) for c in children if _is(c, "MAGNITUDE")), "")


def to_number(written: Token, *, negative: bool = False) -> Decimal:
    """The exact value of a DIGITS, CN_NUMBER or MIXED_NUMBER token."""
    convert = arabic_to_decimal if written.type == "DIGITS" else cn_to_decimal
    text = as_chinese(written)
    if written.type == "MIXED_NUMBER" and not text:  # 1.5千 (before 万元)
        digits, unit = str(written)[:-1], str(written)[-1]
        value = shift_decimal(arabic_to_decimal(digits), _POWERS[unit])
        return value.copy_negate() if negative else value
    try:
        value = convert(text or str(written))
    except ValueError as error:
        raise SemanticError(str(error), *_bounds(written)) from None
    # copy_negate is exact; unary minus would round to the context's precision.
    return value.copy_negate() if negative else value


def as_chinese(written: Token) -> str:
    """A CN_NUMBER or MIXED_NUMBER token in Chinese numerals (2万800 as 二万八百); else ""."""
    if written.type == "CN_NUMBER":
        return str(written)
    if written.type == "MIXED_NUMBER":
        if "." in str(written) or "．" in str(written):
            return ""  # 1.5千: a decimal before one unit, read by to_number
        return _ARABIC_RUN.sub(lambda run: digits_to_cn(run[0]), str(written))
    return ""


_ARABIC_RUN = re.compile(r"[0-9０-９]+")
# The numeral units by their power of ten, to tell 一亿三千 + 万元 (1.3 亿元) from 三万 + 亿元.
_POWERS = {"十": 1, "拾": 1, "百": 2, "佰": 2, "千": 3, "仟": 3, "万": 4, "萬": 4, "亿": 8, "億": 8}


class ToValues(Transformer[Token, object]):
    """Callbacks named after the rules of phrases.lark."""

    def number(self, children: list[Token]) -> RawNumber:
        *sign, digits = children
        value = to_number(digits, negative=bool(sign))
        return RawNumber(value, *_around(children), chinese=as_chinese(digits))

    def numeral(self, children: list[_Child]) -> RawNumber:
        """A number alone, 万 or 亿 after it counted in: 10.1万 is 101000."""
        number = _number(children)
        magnitude = _magnitude(children).translate(_UNIT_FORMS)
        if not magnitude:
            return number
        value = _scaled(number, magnitude, children)
        return RawNumber(_tidy(shift_decimal(value, _POWERS[magnitude])), *_around(children))

    def prefix(self, children: list[Token]) -> _Word:
        return _Word(_QUALIFIERS[children[0].type], *_bounds(children[0]))

    suffix = prefix

    def direction(self, children: list[Token]) -> _Word:
        return _Word(_DIRECTIONS[children[0].type], *_bounds(children[0]))

    bare = direction

    def amount(self, children: list[_Child]) -> RawAmount:
        if not any(_is(c, "UNIT") for c in children):  # 3角: tenths of a 元, 元 left out
            tenths = self.cents(
                [c for c in children if isinstance(c, RawNumber) or _is(c, "JIAO", "FEN")]
            )
            return RawAmount(tenths.value, "元", _qualifier(children), *_around(children))
        unit = (_magnitude(children) + _token(children, "UNIT")).translate(_UNIT_FORMS)
        _counted(_number(children), children)
        value = _scaled(_number(children), unit[:-1], children)
        cents = next((c for c in children if isinstance(c, _Cents)), None)
        if cents is not None:
            if unit not in _UNITS:
                msg = f"角 and 分 count only after 元, not after '{unit}'"
                raise SemanticError(msg, *_around(children))
            # 壹萬圆伍角: 10000.5 元; the 角 and 分 count the figure in 元.
            power = sum(_POWERS[magnitude] for magnitude in unit[:-1])
            unit, value = "元", EXACT.add(shift_decimal(value, power), cents.value)
        if unit == "万亿元":  # 28.5 万亿元: counted in 亿元, exactly
            unit, value = "亿元", shift_decimal(value, 4)
        if unit not in _UNITS:  # 5 万万元
            msg = f"'{unit}' is not a money unit"
            raise SemanticError(msg, *_around(children))
        return RawAmount(value, unit, _qualifier(children), *_around(children))

    def money_amount(self, children: list[_Child]) -> RawAmount:
        """860.00万 where money is meant: 860.00 万元."""
        unit = (_magnitude(children) + "元").translate(_UNIT_FORMS)
        value = _number(children).value
        return RawAmount(value, unit, _qualifier(children), *_around(children))

    def money_change(self, children: list[_Child]) -> RawChange:
        return self.change(children)

    def cents(self, children: list[_Child]) -> _Cents:
        """角 and 分 after 元: tenths and hundredths of a 元."""
        value = Decimal(0)
        numbers = [c for c in children if isinstance(c, RawNumber)]
        marks = [str(c) for c in children if _is(c, "JIAO", "FEN")]
        for number, mark in zip(numbers, marks, strict=True):
            if not 0 <= number.value <= 9 or number.value != number.value.to_integral_value():  # noqa: PLR2004
                msg = f"'{number.value}{mark}' is not a digit of 角 or 分"
                raise SemanticError(msg, *_around(children))
            value = EXACT.add(value, number.value.scaleb(-1 if mark[0] in "角毛" else -2))
        return _Cents(value, *_around(children))

    def percentage(self, children: list[_Child]) -> RawPercentage:
        points = any(_is(c, "POINTS") for c in children)
        value = _number(children).value
        return RawPercentage(value, _qualifier(children), points, *_around(children))

    def quantity(self, children: list[_Child]) -> RawQuantity:
        if any(_is(c, "FEN") for c in children):
            return self._score(children)
        magnitude = _magnitude(children)
        counter = magnitude + _token(children, "COUNTER")
        _counted(_number(children), children)
        value = _scaled(_number(children), magnitude.translate(_UNIT_FORMS), children)
        return RawQuantity(value, counter, _qualifier(children), *_around(children))

    def _score(self, children: list[_Child]) -> RawQuantity:
        """A score, 95分: in digits only, since 十分 means "very" and 一分为二 "split in two"."""
        number = _number(children)
        if number.chinese:
            msg = f"'{number.chinese}分' is no score: a score is written in digits (95分)"
            raise SemanticError(msg, *_around(children))
        return RawQuantity(number.value, "分", _qualifier(children), *_around(children))

    def amounts(self, children: list[_Child]) -> RawAmounts:
        """Amounts sharing the unit printed after the last: each in that unit."""
        unit = (_magnitude(children) + _token(children, "UNIT")).translate(_UNIT_FORMS)
        if unit not in _UNITS:
            msg = f"'{unit}' is not a money unit"
            raise SemanticError(msg, *_around(children))
        numbers = [c for c in children if isinstance(c, RawNumber)]
        items = tuple(
            RawAmount(_scaled(n, unit[:-1], children), unit, "", n.start, n.end) for n in numbers
        )
        last = items[-1]
        items = (*items[:-1], last._replace(end=_around(children)[1]))  # the unit is the last's
        return RawAmounts(items, *_around(children))

    def low(self, children: list[_Child]) -> _Bound:
        return _Bound(
            _number(children),
            _magnitude(children),
            next((str(c) for c in children if _is(c, "UNIT")), ""),
            next((str(c) for c in children if _is(c, "COUNTER")), ""),
            *_around(children),
        )

    high = low

    def range(self, children: list[_Child]) -> RawRange:
        """A range; the low end takes what it leaves out from the high one (15至25万元)."""
        low, high = (c for c in children if isinstance(c, _Bound))
        inclusive = [True, True]
        for mark in (c for c in children if _is(c, "INCLUSION")):
            inclusive[0 if _bounds(mark)[0] < high.start else 1] = "不" not in str(mark)
        if (high.counter and low.unit) or (high.unit and low.counter):
            msg = f"a range from '{low.unit or low.counter}' to '{high.unit or high.counter}'"
            raise SemanticError(msg, *_around(children))
        if low.number.value < 0 and _dashes(children) == 2:  # noqa: PLR2004
            # -5--3万元: a dash, then the high end's minus sign.
            number = high.number
            high = high._replace(number=number._replace(value=number.value.copy_negate()))
        ends = (_end(low, high), _end(high, high))
        if (
            isinstance(ends[0], RawQuantity)
            and isinstance(ends[1], RawQuantity)
            and ends[0].counter != ends[1].counter
        ):
            msg = f"a range from '{ends[0].counter}' to '{ends[1].counter}'"
            raise SemanticError(msg, *_around(children))
        if _measure(ends[0]) > _measure(ends[1]) and _counted_alike(*ends):
            msg = "the range's low end is more than its high end"
            raise SemanticError(msg, *_around(children))
        return RawRange(
            ends[0], ends[1], inclusive[0], inclusive[1], *_around(children), _qualifier(children)
        )

    def change(self, children: list[_Child]) -> RawChange:
        words = [c.meaning for c in children if isinstance(c, _Word)]
        if not words:  # 持平, 无增减变动
            return RawChange("flat", None, None, "flat", *_around(children))
        amount = next((c for c in children if isinstance(c, RawAmount)), None)
        rate = next((c for c in children if isinstance(c, RawPercentage)), None)
        rate_direction = words[-1]
        # 减少12.30万元(-45.10%): the bracket has no word of its own; its sign is its
        # direction, and an unsigned rate goes the amount's way.
        bracketed = any(_is(c, "RATE_OPEN") for c in children)
        if rate is not None and bracketed and rate.percent < 0:
            rate = rate._replace(percent=rate.percent.copy_negate())
            rate_direction = "decrease"
        return RawChange(words[0], amount, rate, rate_direction, *_around(children))

    def _part(self, name: str, children: list[Token]) -> _Part:
        written, _mark = children
        value = to_number(written)
        if value != value.to_integral_value() or value < 0:
            msg = f"'{written}' is not a whole number"
            raise SemanticError(msg, *_bounds(written))
        return _Part(name, int(value), *_around(children))

    def year(self, children: list[Token]) -> _Part:
        if len(children[0]) != 4:  # noqa: PLR2004 -- 2026, ２０２６ and 二零二六 alike
            msg = f"'{children[0]}' is not a four-digit year"
            raise SemanticError(msg, *_bounds(children[0]))
        return self._part("year", children)

    def month(self, children: list[Token]) -> _Part:
        return self._part("month", children)

    def day(self, children: list[Token]) -> _Part:
        return self._part("day", children)

    def date(self, children: list[_Child]) -> RawDate:
        if _is(children[0], "NUMERIC_DATE"):  # 2024-02-08
            year, month, day = map(int, re.split(r"[-/.]", str(children[0])))
            return _date(year, month, day, None, *_bounds(children[0]))
        parts = {c.name: c.value for c in children if isinstance(c, _Part)}
        edge = next((_EDGES[str(c)] for c in children if _is(c, "EDGE")), None)
        return _date(
            parts.get("year"), parts.get("month"), parts.get("day"), edge, *_around(children)
        )

    def date_range(self, children: list[_Child]) -> RawDateRange:
        start, end = _around(children)
        last = children[-1]
        if _is(children[0], "UNTIL"):  # 截至 …
            assert isinstance(last, RawDate)  # noqa: S101 -- the grammar allows nothing else
            return RawDateRange(None, last, start, end)
        first = next(c for c in children if isinstance(c, RawDate))
        # The end may leave out what it shares with the start: 至 12 月 31 日, 至 31 日.
        if isinstance(last, _Part):
            last = _date(first.year, first.month, last.value, None, last.start, last.end)
        elif isinstance(last, RawDate) and last.year is None:
            month = first.month if last.month is None else last.month
            last = _date(first.year, month, last.day, last.edge, last.start, last.end)
        assert isinstance(last, RawDate)  # noqa: S101
        low, high = _ordering(first, low=True), _ordering(last, low=False)
        if low is not None and high is not None and high < low:
            msg = f"the range ends ({_written(last)}) before it starts ({_written(first)})"
            raise SemanticError(msg, start, end)
        return RawDateRange(first, last, start, end)


_DIGITS_ONLY = frozenset("零〇○一二两兩三四五六七八九")


def _counted(number: RawNumber, children: Sequence[_Child]) -> None:
    """
    Raise for a numeral of bare digits before a unit or counter: 两三万元, 七八个.

    Digit by digit is how years are written (二零二六年); before 万元 or 人, two or
    three digits are a rough count (两三 = two or three), which has no value.
    """
    chinese = number.chinese
    if chinese and 2 <= len(chinese) <= 3 and set(chinese) <= _DIGITS_ONLY:  # noqa: PLR2004
        msg = f"'{chinese}' is a rough count (two or three figures side by side), not a number"
        raise SemanticError(msg, *_around(children))


def _scaled(number: RawNumber, magnitude: str, children: Sequence[_Child]) -> Decimal:
    """
    The value of *number* counted in *magnitude* (万 of 万元): 一亿三千 万元 is 13000 万元.

    A numeral with a larger unit than the magnitude after it adds the magnitude to
    its last part only (一亿三千万 is 一亿 + 三千万), as Chinese reads it.
    """
    power = _POWERS.get(magnitude, 0)
    if not number.chinese or not power:
        return number.value
    if _largest_power(number.chinese) <= power:
        return number.value  # 三万 亿元 is 3万 × 亿: the magnitude multiplies it all
    try:
        whole = cn_to_decimal(number.chinese + magnitude)
    except ValueError as error:
        raise SemanticError(str(error), *_around(children)) from None
    value = _tidy(shift_decimal(whole, -power))
    return value.copy_negate() if number.value < 0 else value


def _tidy(value: Decimal) -> Decimal:
    """A value a numeral gave, without the zeros shifting it left: 13000, 3.5 (not 3.50000000)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def _end(bound: _Bound, high: _Bound) -> RawAmount | RawQuantity:
    """
    One end of a range, with the unit or counter it leaves out taken from the *high* end.

    The magnitude it takes counts as a numeral's own would: 一亿三千 to 一亿五千万元
    runs from 13000 万元.
    """
    if high.counter:
        counter = high.magnitude + high.counter  # 5-10万人: both in 万人
        if bound.counter:
            counter = bound.magnitude + bound.counter
        elif bound.magnitude:
            counter = bound.magnitude + high.counter
        magnitude = (
            counter[: -len(high.counter)] if not bound.counter else bound.magnitude
        ).translate(_UNIT_FORMS)
        value = _end_value(bound, high, magnitude, own=bool(bound.counter or bound.magnitude))
        return RawQuantity(value, counter, "", bound.start, bound.end)
    unit = (high.magnitude + high.unit).translate(_UNIT_FORMS)  # 15至25万元: in 万元
    if bound.unit:
        unit = (bound.magnitude + bound.unit).translate(_UNIT_FORMS)
    elif bound.magnitude:  # 2万-6万元: the low end's 万, the high end's 元
        unit = (bound.magnitude + unit[-1]).translate(_UNIT_FORMS)
    if unit not in _UNITS:
        msg = f"'{unit}' is not a money unit"
        raise SemanticError(msg, bound.start, bound.end)
    value = _end_value(bound, high, unit[:-1], own=bool(bound.unit or bound.magnitude))
    return RawAmount(value, unit, "", bound.start, bound.end)


def _end_value(bound: _Bound, high: _Bound, magnitude: str, *, own: bool) -> Decimal:
    """
    The value of a range's end counted in *magnitude* (万 of 万元 or 万人).

    An end that prints no unit of its own takes the high end's; if its numeral wrote
    that magnitude itself (一千万到两千万元), it is 1000 万元, not 1000万 万元.
    """
    power = _POWERS.get(magnitude, 0)
    if not own and bound is not high and power and _largest_power(bound.number.chinese) == power:
        return _tidy(shift_decimal(bound.number.value, -power))
    return _scaled(bound.number, magnitude, (bound.number,))


def _dashes(children: Sequence[_Child]) -> int:
    """How many hyphens the range's separator is."""
    sep = next((str(c) for c in children if _is(c, "RANGE_SEP")), "")
    return sep.count("-") + sep.count("－")


def _largest_power(chinese: str) -> int:
    """The power of ten of the largest numeral unit in *chinese* (4 for 一千万), 0 for none."""
    return max((_POWERS.get(char, 0) for char in chinese), default=0)


def _measure(end: RawAmount | RawQuantity) -> Decimal:
    """An end's value to compare by: an amount in 元."""
    if isinstance(end, RawAmount):
        return shift_decimal(end.value, _EXPONENTS[end.unit])
    return end.value


def _counted_alike(low: RawAmount | RawQuantity, high: RawAmount | RawQuantity) -> bool:
    """Whether two ends compare by value: amounts, or quantities of one counter."""
    if isinstance(low, RawAmount):
        return True
    return isinstance(high, RawQuantity) and low.counter == high.counter


def _date(  # noqa: PLR0913, PLR0917 -- the parts of a date and where it was written
    year: int | None, month: int | None, day: int | None, edge: str | None, start: int, end: int
) -> RawDate:
    try:
        check_date(year, month, day)
    except ValueError as error:
        raise SemanticError(str(error), start, end) from None
    return RawDate(year, month, day, edge, start, end)


def _written(date: RawDate) -> str:
    """A date as :class:`~cnbudget.dates.Date` prints it, for messages."""
    parts = [
        f"{date.year}年" if date.year is not None else "",
        f"{date.month}月" if date.month is not None else "",
        f"{date.day}日" if date.day is not None else "",
        date.edge or "",
    ]
    return "".join(parts)


def _ordering(date: RawDate, *, low: bool) -> tuple[int, int, int] | None:
    """The first (*low*) or last day a date can mean, for ordering; None without a year."""
    if date.year is None:
        return None
    month = date.month or (1 if low else 12)
    day = date.day or (1 if low else 31)
    return date.year, month, day


# ---------------------------------------------------------------- codes.lark

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_LABEL = re.compile(r"[（(]\s*([0-9０-９]*)\s*([类款项目])\s*[）)]")


class ToCodes(Transformer[Token, object]):
    """Callbacks named after the rules of codes.lark."""

    def code(self, children: list[Token]) -> RawCode:
        return RawCode(tuple((str(t).translate(_FULL_WIDTH_DIGITS), *_bounds(t)) for t in children))

    def segment(self, children: list[Token]) -> RawSegment:
        *names, label = children
        match = _LABEL.fullmatch(str(label))
        assert match is not None  # noqa: S101 -- the LABEL terminal has this shape
        digits, level = match.groups()
        # A name the PDF split with a space is one name.
        name = "".join(map(str, names))
        return RawSegment(
            name, *_around(names), level, digits.translate(_FULL_WIDTH_DIGITS), *_bounds(label)
        )

    def path(self, children: list[RawSegment]) -> tuple[RawSegment, ...]:
        return tuple(children)
