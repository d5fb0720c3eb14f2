"""
Find every phrase in running text.

>>> text = "基本支出 355.50 万元，比上年预算减少 24.37 万元，下降 6.42%。"
>>> for phrase in find_phrases(text):
...     print(phrase.span, repr(phrase))
5-14 <Amount '355.50万元'>
20-40 <Change '减少24.37万元，下降6.42%'>
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, TypeAlias

import attrs

from . import _grammar, _scanner
from ._raw import (
    RAW_PHRASES,
    RawAmount,
    RawAmounts,
    RawChange,
    RawDate,
    RawDateRange,
    RawPercentage,
    RawQuantity,
    RawRange,
)
from ._text import MappedText, clean
from .amounts import (
    Amount,
    Percentage,
    Quantity,
    amount_from_raw,
    percentage_from_raw,
    quantity_from_raw,
)
from .changes import Baseline, BaselineKind, Change, change_from_raw
from .dates import Date, DateRange, date_from_raw
from .ranges import Range, range_from_raw

if TYPE_CHECKING:
    from collections.abc import Iterator

    from ._raw import RawValue

__all__ = ["Phrase", "PhraseKind", "find_phrases"]

# A minus sign right after a figure is a range dash (1万-5万元), not a sign.
_DASHES = frozenset("-－−—～~")
# What a figure ends with: digits, numerals, a unit or %, a counter (3户-5人).
_NUMBER_END = frozenset(
    "0123456789０１２３４５６７８９零一二三四五六七八九十百千万亿元%％"
    "人次户台套个名辆家条项件份所天篇场期批张处间座册亩米"
)
# 数十, 几千, 若干万: how many is not said.
_NUMERAL_UNITS = frozenset("十百千万亿拾佰仟萬億")
_FUZZY = frozenset("数几若")
# What a time of day's minutes follow: 9时30分, 9点30分.
_CLOCK = frozenset("时点")
# A number printed with a leading zero (05, ０１): a code, not a count.
_LEADING_ZERO = re.compile(r"[0０][0-9０-９]")
# ... but 数 ending a noun is no fuzzy count: 人数十二人 is 人数 12 人.
_COUNT_NOUNS = frozenset("人户次个总件家项台份笔")


def __dir__() -> list[str]:
    return __all__


Phrase: TypeAlias = Amount | Percentage | Quantity | Change | Date | DateRange | Range
"""Any value :func:`find_phrases` yields."""


class PhraseKind(str, enum.Enum):
    """
    The kinds of phrase, for output and filtering.

    >>> PhraseKind.of(next(find_phrases("截至 2025 年底")))
    <PhraseKind.DATE_RANGE: 'date_range'>
    """

    AMOUNT = "amount"
    PERCENTAGE = "percentage"
    QUANTITY = "quantity"
    CHANGE = "change"
    DATE = "date"
    DATE_RANGE = "date_range"
    RANGE = "range"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def of(cls, phrase: Phrase) -> PhraseKind:
        """The kind of *phrase*."""
        return _KINDS[type(phrase)]


_KINDS: dict[type, PhraseKind] = {
    Amount: PhraseKind.AMOUNT,
    Percentage: PhraseKind.PERCENTAGE,
    Quantity: PhraseKind.QUANTITY,
    Change: PhraseKind.CHANGE,
    Date: PhraseKind.DATE,
    DateRange: PhraseKind.DATE_RANGE,
    Range: PhraseKind.RANGE,
}
# The grammar's start symbol for each kind; a date may turn out to be a range.
_STARTS = {
    PhraseKind.AMOUNT: "amount",
    PhraseKind.PERCENTAGE: "percentage",
    PhraseKind.QUANTITY: "quantity",
    PhraseKind.CHANGE: "change",
    PhraseKind.DATE: "when",
    PhraseKind.DATE_RANGE: "when",
    PhraseKind.RANGE: "range",
}


def to_phrase(raw: RawValue, where: MappedText, offset: int = 0) -> Phrase:
    """The value of a raw phrase read from ``where.text[offset:]``, spanned in ``where.source``."""
    if isinstance(raw, RawAmount):
        return amount_from_raw(raw, where, offset)
    if isinstance(raw, RawPercentage):
        return percentage_from_raw(raw, where, offset)
    if isinstance(raw, RawQuantity):
        return quantity_from_raw(raw, where, offset)
    if isinstance(raw, RawChange):
        return change_from_raw(raw, where, offset)
    if isinstance(raw, (RawDate, RawDateRange)):
        return date_from_raw(raw, where, offset)
    if isinstance(raw, RawRange):
        return range_from_raw(raw, where, offset)
    msg = f"{raw!r} is not a phrase"
    raise TypeError(msg)


def read_phrase(
    where: MappedText, kind: PhraseKind | None = None, start: int = 0, end: int | None = None
) -> Phrase | None:
    """
    All of ``where.text[start:end]`` as one phrase (of *kind*, if given), or ``None``.

    The quiet sibling of the ``parse_*`` functions for the layers above: no error
    message is built for text that is not a phrase.
    """
    text = where.text[start:end]
    raw = _grammar.attempt(text, "phrase" if kind is None else _STARTS[kind])
    if raw is None or isinstance(raw, RawAmounts):
        return None  # not a phrase, or several (812.40、836.05万元)
    return to_phrase(raw, where, start)


def find_phrases(text: str) -> Iterator[Phrase]:
    """
    Yield every amount, percentage, quantity, change, date, date range and range in *text*.

    Phrases come in document order and never overlap: the longest sensible
    reading wins, so a change yields once, not also as its inner amount. Each
    value's ``span`` points into *text*, markup inside it included
    (``<b>1</b>,026.19 万元``). Numbers without a unit, counter or ``%`` (table
    cells, codes, phone numbers) are not phrases.

    Never raises on any *text*; a candidate the grammar rejects is scanned again
    one character later, so ``增加 1 人`` still yields ``1 人``.
    """
    return phrases_in(clean(text))


# 比上年预算, 较2024年度预算执行数, 与上年相比，: the baseline printed just before a change.
_BASELINE = re.compile(
    r"(?:比|较|与|同)[ ]*(上年|上一年|去年|([0-9]{4})[ ]*年度?)[ ]*"
    r"(预算执行数|执行数|预算数|预算|决算数|决算)?[ ]*(?:相比|相较)?[，,]?[ ]*$"
)
_BASELINE_KINDS = {
    "预算执行数": BaselineKind.EXECUTED,
    "执行数": BaselineKind.EXECUTED,
    "预算数": BaselineKind.BUDGET,
    "预算": BaselineKind.BUDGET,
    "决算数": BaselineKind.FINAL,
    "决算": BaselineKind.FINAL,
}
_LONGEST_BASELINE = 24


def _with_baseline(change: Change, where: MappedText, first: int) -> Change:
    """*change* with the baseline printed just before it, at *first* in ``where.text``."""
    window = max(0, first - _LONGEST_BASELINE)
    found = _BASELINE.search(where.text, window, first)
    if found is None:
        return change
    span = where.span(found.start(), found.end())
    baseline = Baseline(
        int(found[2]) if found[2] else None,
        _BASELINE_KINDS.get(found[3] or "", BaselineKind.UNSPECIFIED),
        span.slice(where.source).rstrip("，, "),
        span,
    )
    return attrs.evolve(change, baseline=baseline)


def _is_fuzzy(text: str, first: int) -> bool:
    """Whether the numeral at *first* follows a word that leaves it rough (数十, 几千)."""
    before = text[first - 1] if first else ""
    if before == "数" and first > 1 and text[first - 2] in _COUNT_NOUNS:
        return False
    return before in _FUZZY


def phrases_in(where: MappedText) -> Iterator[Phrase]:
    """Every phrase of ``where.text``, spanned in ``where.source``: :func:`find_phrases`."""
    for phrase, _, _ in located_phrases(where):
        yield phrase


def located_phrases(where: MappedText) -> Iterator[tuple[Phrase, int, int]]:
    """
    Every phrase of ``where.text`` with where it lies in ``where.text``.

    The phrase's own span points into ``where.source``; the two offsets point
    into ``where.text``, for readers of the clean text (labels, sentences).
    """
    text = where.text
    position = 0
    while (found := _scanner.search(text, position)) is not None:
        start, end = found.start, found.end
        # 项目预算860.00万: the scanner found the sentence speaks of money.
        raw = _grammar.attempt(text[start:end], "money" if found.yuan_implied else "phrase")
        if raw is None:
            position = start + 1
            continue
        assert isinstance(raw, RAW_PHRASES)  # noqa: S101 -- what the phrase start symbol gives
        first = start + raw.start
        if text[first] in _DASHES and first > 0 and text[first - 1] in _NUMBER_END:
            # 1万-5万元: the dash joins a range; 5万元 is not negative.
            position = first + 1
            continue
        if text[first] in _NUMERAL_UNITS and _is_fuzzy(text, first):
            # 数十亿元, 几千万元: a fuzzy count, not 10亿元 or 1000万元.
            position = start + raw.end
            continue
        if isinstance(raw, RawQuantity) and (
            _LEADING_ZERO.match(text, first)
            or (raw.counter == "分" and first and text[first - 1] in _CLOCK)
        ):
            # （05项）: a classification code's part, not five items (no count prints a 0
            # first); 9时30分: a time of day, no score.
            position = start + raw.end
            continue
        if isinstance(raw, RawAmounts):  # 812.40、836.05万元: each amount a phrase of its own
            for item in raw.items:
                yield amount_from_raw(item, where, start), start + item.start, start + item.end
            position = end
            continue
        phrase = to_phrase(raw, where, start)
        if isinstance(phrase, Change):
            phrase = _with_baseline(phrase, where, first)
        yield phrase, start + raw.start, start + raw.end
        position = end
