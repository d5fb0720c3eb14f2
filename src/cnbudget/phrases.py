"""
Find every phrase in running text.

>>> text = "基本支出 355.50 万元，比上年预算减少 24.37 万元，下降 6.42%。"
>>> for phrase in find_phrases(text):
...     print(phrase.span, repr(phrase))
5-14 <Amount '355.50万元'>
20-40 <Change '减少24.37万元，下降6.42%'>
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from . import _grammar, _scanner
from .amounts import Amount, Percentage, Quantity
from .changes import Change
from .dates import Date, DateRange

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["Phrase", "find_phrases", "phrase_kind"]


def __dir__() -> list[str]:
    return __all__


Phrase: TypeAlias = Amount | Percentage | Quantity | Change | Date | DateRange
"""Any value :func:`find_phrases` yields."""


_KINDS: dict[type, str] = {
    Amount: "amount",
    Percentage: "percentage",
    Quantity: "quantity",
    Change: "change",
    Date: "date",
    DateRange: "date_range",
}


def phrase_kind(phrase: Phrase) -> str:
    """
    The kind of a phrase as one word, for output and filtering.

    >>> phrase_kind(next(find_phrases("截至 2025 年底")))
    'date_range'
    """
    return _KINDS[type(phrase)]


def find_phrases(text: str) -> Iterator[Phrase]:
    """
    Yield every amount, percentage, quantity, change, date and date range in *text*.

    Phrases come in document order and never overlap: the longest sensible
    reading wins, so a change yields once, not also as its inner amount. Each
    value's ``span`` points into *text*. Numbers without a unit, counter or
    ``%`` (table cells, codes, phone numbers) are not phrases.

    Never raises on any *text*; a candidate the grammar rejects is scanned again
    one character later, so ``增加 1 人`` still yields ``1 人``.
    """
    position = 0
    while (found := _scanner.search(text, position)) is not None:
        start, end = found
        value = _grammar.attempt(text[start:end], "phrase")
        if value is None:
            position = start + 1
            continue
        yield _grammar.locate(value, text, start)  # type: ignore[misc]
        position = end
