"""
Exact decimal arithmetic and numeral conversion, below every value type.

Every computation of the library runs in :data:`EXACT`, its own decimal context:
results never depend on the caller's ``decimal.getcontext()``.
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, Inexact, InvalidOperation, Rounded
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

# Sums and products of exact decimals stay exact: this context never rounds,
# and raises instead of ever doing so, whatever the caller's context says.
EXACT = Context(prec=999_999_999, Emax=999_999_999, Emin=-999_999_999, traps=[Inexact, Rounded])
# The most digits a figure may have: no budget prints more, and Decimal("9" * 10**6)
# would make every later operation slow.
LONGEST_NUMBER = 60

_ARABIC = str.maketrans("０１２３４５６７８９．－−", "0123456789.--", ",，")
# A number as a table cell prints it: sign, separators, full-width digits.
_PLAIN_NUMBER = re.compile(r"[-－−]?[0-9０-９]+(?:[,，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?")


def arabic_to_decimal(text: str) -> Decimal:
    """
    Convert arabic digits, possibly full-width and with separators, exactly.

    Raises:
        ValueError: more digits than any figure has.
    """
    digits = text.translate(_ARABIC)
    if len(digits) > LONGEST_NUMBER:
        msg = f"'{text[:20]}…' has {len(digits)} digits; no figure has more than {LONGEST_NUMBER}"
        raise ValueError(msg)
    return Decimal(digits)


def plain_number(text: str) -> Decimal | None:
    """
    The exact value of a number written alone (a table cell), or ``None``.

    >>> plain_number("2,302,464.00"), plain_number("－12.50"), plain_number("见附表")
    (Decimal('2302464.00'), Decimal('-12.50'), None)
    """
    if len(text) > LONGEST_NUMBER or not _PLAIN_NUMBER.fullmatch(text):
        return None
    return Decimal(text.translate(_ARABIC))


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of *values*, exact whatever the decimal context."""
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    return total


def shift_decimal(value: Decimal, places: int) -> Decimal:
    """Multiply *value* by ``10 ** places`` exactly, keeping its digits."""
    sign, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 -- parsed values are finite
    exponent += places
    if exponent > 0:  # write 4575000, not 4.5750E+6
        digits, exponent = digits + (0,) * exponent, 0
    return Decimal((sign, digits, exponent))


def finite_decimal(value: Decimal | int | str) -> Decimal:
    """
    *value* as a finite :class:`~decimal.Decimal`.

    Raises:
        ValueError: *value* is not a finite number.
    """
    try:
        result = Decimal(value)
    except InvalidOperation:
        msg = f"{value!r} is not a number"
        raise ValueError(msg) from None
    if not result.is_finite():
        msg = f"{value!r} is not a finite number"
        raise ValueError(msg)
    return result


# ---------------------------------------------------------------- Chinese numerals

_DIGITS = {
    "零": 0, "〇": 0, "○": 0,
    "一": 1, "壹": 1,
    "二": 2, "贰": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}  # fmt: skip
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_LARGE_UNITS = {"万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8}
# 廿 (twenty), 卅 (thirty) and 卌 (forty), read as the two characters they stand for.
_CONTRACTED = str.maketrans({"廿": "二十", "卅": "三十", "卌": "四十"})


_CN_DIGITS = "零一二三四五六七八九"
_HALF_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def digits_to_cn(digits: str) -> str:
    """
    A run of Arabic digits as Chinese numerals, as a mixed numeral reads it: ``800`` → 八百.

    Leading zeros are a 零 (``05`` in ``3百05`` → 零五); a run of more than four
    digits is read digit by digit.

    >>> digits_to_cn("120"), digits_to_cn("05"), digits_to_cn("3000")
    ('一百二十', '零五', '三千')
    """
    digits = digits.translate(_HALF_DIGITS)
    stripped = digits.lstrip("0")
    lead = "零" if stripped != digits and stripped else ""
    if not stripped:
        return "零"
    if len(stripped) > 4:  # noqa: PLR2004 -- beyond 千, the numeral would need 万
        return lead + "".join(_CN_DIGITS[int(d)] for d in stripped)
    out = ""
    zero = False
    for place, digit in zip("千百十 "[4 - len(stripped) :], stripped, strict=True):
        if digit == "0":
            zero = True
            continue
        out += ("零" if zero and out else "") + _CN_DIGITS[int(digit)] + place.strip()
        zero = False
    return lead + out


def cn_to_decimal(text: str) -> Decimal:
    """
    Convert a Chinese numeral to an exact :class:`~decimal.Decimal`.

    Raises:
        ValueError: *text* is not a well-formed Chinese numeral.

    >>> cn_to_decimal("三百五")
    Decimal('350')
    >>> cn_to_decimal("一亿二千万")
    Decimal('120000000')
    """
    text = text.translate(_CONTRACTED)
    whole, dot, fraction = text.partition("点")
    fraction = "".join(
        _CN_DIGITS[int(c)] if c in "0123456789" else c for c in fraction.translate(_HALF_DIGITS)
    )  # 一百点123: Arabic digits after 点 read as the numerals they are
    if dot and not (fraction and all(char in _DIGITS for char in fraction)):
        msg = f"'{text}' has no digits after 点"
        raise ValueError(msg)
    if len(text) > LONGEST_NUMBER:
        msg = f"'{text[:20]}…' is longer than any numeral ({LONGEST_NUMBER} characters)"
        raise ValueError(msg)
    value = _whole_number(whole) if whole else Decimal(0)
    if fraction:
        # Written out and read back: exact whatever the decimal context.
        value = Decimal(f"{value}." + "".join(str(_DIGITS[char]) for char in fraction))
    return value


def _whole_number(text: str) -> Decimal:  # noqa: C901, PLR0912 -- one pass, one loop
    if all(char in _DIGITS for char in text):
        # 二零二六: read digit by digit, as years are written.
        return Decimal("".join(str(_DIGITS[char]) for char in text))
    total = 0  # completed 亿 and 万 groups
    section = 0  # the current group below 万
    digit: int | None = None  # a digit waiting for its unit
    last_small = 10**5  # units inside a group must fall: 千 > 百 > 十
    last_large = 10**9
    previous = ""
    for char in text:
        if char in _DIGITS:
            if digit is not None:
                msg = f"'{text}' has two digits in a row without a unit"
                raise ValueError(msg)
            digit = _DIGITS[char]
            if digit == 0:
                digit = None  # 零 only marks a skipped unit
        elif char in _SMALL_UNITS:
            unit = _SMALL_UNITS[char]
            if unit >= last_small:
                msg = f"'{text}' has '{char}' out of order"
                raise ValueError(msg)
            # A bare 十 at the start of a group means 一十.
            section += (1 if digit is None else digit) * unit
            digit, last_small = None, unit
        elif char in _LARGE_UNITS:
            unit = _LARGE_UNITS[char]
            group = section + (digit or 0)
            # 万亿 (a million million) is the one pair written low to high.
            ten_thousand_million = unit == 10**8 and last_large == 10**4
            if (unit >= last_large and not ten_thousand_million) or (group == 0 and not previous):
                msg = f"'{text}' has '{char}' out of order"
                raise ValueError(msg)
            if unit == 10**8:
                total = (total + group) * unit
            else:
                total += group * unit
            section, digit, last_small, last_large = 0, None, 10**5, unit
        else:
            msg = f"'{char}' is not a Chinese numeral"
            raise ValueError(msg)
        previous = char
    if digit is not None and previous in _DIGITS and len(text) > 1:
        before = text[-2]
        if before in _SMALL_UNITS:
            # 三百五 is 350: a trailing digit counts in the next unit down.
            digit *= _SMALL_UNITS[before] // 10
        elif before in _LARGE_UNITS:
            digit *= _LARGE_UNITS[before] // 10  # 一万五 is 15000
    return Decimal(total + section + (digit or 0))
