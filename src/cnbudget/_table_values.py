"""
What a table's cells are worth.

How its unit is decided, which columns hold money, and what each cell's text means.

How a table's unit is decided, in order:

1. the unit the caller gives (``parse_table(…, unit=Unit.TEN_THOUSAND_YUAN)``);
2. the unit line printed with the table: ``单位：万元``, ``金额单位：元``, also on the
   department's line (``编制部门：某局    单位：万元``) — :func:`unit_line`;
3. a unit in the caption or the header, in brackets: ``（万元）``, ``(单位：元)`` —
   :func:`unit_in`.

Without any, amounts are plain numbers (:class:`~decimal.Decimal`), never a
guessed unit. Columns whose header names something other than money (序号, 数量,
人数, 比例 …) hold plain numbers whatever the unit.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from ._numbers import plain_number
from ._text import clean, has_markup
from .amounts import Amount, Percentage, Quantity, Unit
from .phrases import PhraseKind, read_phrase
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from ._grid import GridCell, GridRow

CellValue = Amount | Percentage | Quantity | Decimal | str | None

EMPTY = frozenset({"", "-", "—", "--", "/", "－"})
_NOT_MONEY = re.compile(r"序号|数量|权重|分值|人数|个数|编码|代码|级次|比例|率|性质|年度|时间")
# A unit line: 单位：万元, 金额单位：元; at the end of a line it may share.
_UNIT_LINE = re.compile(r"(?:金额)?单位\s*[:：]\s*([千万亿]?元)\s*$")
_UNIT_IN_TEXT = re.compile(r"[（(]\s*(?:(?:金额)?单位\s*[:：]\s*)?([千万亿]?元)\s*[)）]")
# Only text with a digit (or 百分之) can be a phrase: skip names without trying.
_PHRASE_HINT = re.compile(r"[0-9０-９]|百分之")


def unit_line(line: str) -> tuple[Unit, int] | None:
    """The unit a line ends with (``单位：万元``) and where the unit statement starts."""
    found = _UNIT_LINE.search(line)
    return (Unit(found[1]), found.start()) if found else None


def unit_in(texts: Iterable[str]) -> Unit | None:
    """The first unit in brackets among *texts* (a caption, header labels): ``（万元）``."""
    for text in texts:
        if "元" in text and (found := _UNIT_IN_TEXT.search(text)):
            return Unit(found[1])
    return None


def is_money(path: Sequence[str]) -> bool:
    """Whether a column of this header path holds money (not 序号, 数量, 比例 …)."""
    return not any(_NOT_MONEY.search(label) for label in path)


def numeric_columns(data: Sequence[GridRow], first_value: int, width: int) -> list[bool]:
    """Which columns hold numbers: most of their filled cells, and at least two."""
    numeric = []
    for index in range(first_value, first_value + width):
        texts = [
            row.cells[index].text
            for row in data
            if index < len(row.cells) and row.cells[index].text not in EMPTY
        ]
        numbers = sum(1 for text in texts if plain_number(text) is not None)
        numeric.append(numbers >= 2 and numbers * 2 > len(texts))  # noqa: PLR2004
    return numeric


def text_span(source: str, cell: GridCell) -> Span:
    """Where a cell's text lies in the source: exactly its characters, markup inside allowed."""
    start, end = cell.span.start, cell.span.end
    raw = source[start:end]
    if not has_markup(raw) and (at := raw.find(cell.text)) >= 0:
        return Span(start + at, start + at + len(cell.text))
    view = clean(source, start, end)
    stripped = view.text.strip()
    lead = view.text.find(stripped) if stripped else 0
    return view.span(lead, lead + len(stripped))


def cell_value(source: str, cell: GridCell, *, money: bool, unit: Unit | None) -> CellValue:
    """
    What a cell means.

    An amount in the table's unit, a percentage or quantity, a plain number, its
    words, or ``None`` when empty.
    """
    text = cell.text
    if text in EMPTY:
        return None
    number = plain_number(text)
    if number is not None:
        if money and unit is not None:
            span = text_span(source, cell)
            return Amount(number, unit, source=span.slice(source), span=span)
        return number
    if _PHRASE_HINT.search(text):
        # The grammar skips the spaces around a phrase: its span is the phrase's own.
        view = clean(source, cell.span.start, cell.span.end)
        for kind in (PhraseKind.PERCENTAGE, PhraseKind.QUANTITY, PhraseKind.AMOUNT):
            value = read_phrase(view, kind)
            if isinstance(value, (Amount, Percentage, Quantity)):
                return value
    return text
