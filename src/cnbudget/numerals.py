"""
Numerals: arabic (with separators and full-width digits) and Chinese.

Chinese numerals cover 〇/零, 一…九, 两, 十/百/千/万/亿, the financial forms
壹贰叁…, digit-by-digit years such as ``二零二六`` and decimals with ``点``:

>>> parse_number("一千零二十六点一九").value
Decimal('1026.19')
>>> parse_number("二零二六").value
Decimal('2026')
>>> parse_number("1,026.19").value
Decimal('1026.19')
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from . import _grammar
from ._raw import RawNumber
from .errors import InvalidNumber

if TYPE_CHECKING:
    from ._text import MappedText
    from .spans import Span

__all__ = ["Number", "parse_number"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(repr=False)
class Number:
    """
    A bare numeral, arabic or Chinese, with its exact value.

    Attributes:
        value: The exact value.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    value: Decimal
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        return f"{self.value:f}"

    def __repr__(self) -> str:
        return f"<Number {str(self)!r}>"


def number_from_raw(raw: RawNumber, where: MappedText, offset: int = 0) -> Number:
    """The :class:`Number` of a raw parse of ``where.text``, spanned in ``where.source``.

    The raw offsets are relative to ``where.text[offset:]``.
    """
    span = where.span(raw.start + offset, raw.end + offset)
    return Number(raw.value, span.slice(where.source), span)


def parse_number(text: str) -> Number:
    """
    Parse a bare numeral: ``1,026.19``, ``－５``, ``负5``, ``一千零二十六点一九``, ``10.1万``.

    Digits and numeral units may mix (``2万800``, ``一百点123``); a 万 or 亿 at
    the end counts in (``16.4亿`` is 1640000000).

    Raises:
        InvalidNumber: *text* is not one numeral.
    """
    raw, where = _grammar.parse(text, "numeral", InvalidNumber)
    assert isinstance(raw, RawNumber)  # noqa: S101 -- the numeral start symbol gives one
    return number_from_raw(raw, where)
