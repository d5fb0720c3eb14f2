"""
The outline of a document.

Which lines are headings, at what level, the table of contents (目录) and how
its entries match the body.

Headings are numbered lines (``第一部分``, ``一、``, ``（一）``, ``1.``, ``（1）``) or
short lines marked as headings (markdown ``#``, HTML ``<h1>``, bold). Levels come
from :class:`~cnbudget._text.Nesting`: the order the numbering styles nest in.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, NamedTuple

from ._text import MappedText, NumberingStyle, clean, heading_key, numbering

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .spans import Span

# Markup that makes a short line a heading: markdown #, bold, HTML <h1>…<h6>.
_HEADING_MARKUP = re.compile(r"^\s*#{1,6}\s|\*\*|</?(?:b|strong|h[1-6])\b", re.IGNORECASE)
_MARKDOWN_DEPTH = re.compile(r"\s*(#{1,6})\s|\s*<h([1-6])\b", re.IGNORECASE)
_MARKDOWN_HEADING = re.compile(r"#{1,6}\s+")
_LIST_ITEM = re.compile(r"[-*]\s+")
# Prose, not a heading: a sentence, or figures.
SENTENCE = re.compile(r"[。；;]|[0-9]\s*(?:万元|元|%)")
_DEFINITION = re.compile(r"[:：]\s*指")
_LONGEST_HEADING = 40
TABLE_NUMBER = re.compile(r"表\s*[0-9一二三四五六七八九十]+\s*")
TOC = re.compile(r"目\s*录")
_LONGEST_TOC_ENTRY = 60
# No real contents lists more entries; matching them against the headings costs
# entries × headings, so the bound keeps that linear in the document.
_MOST_TOC_ENTRIES = 200
# A contents entry's dotted leader and page number: 部门概况……1, 部门概况 1.
_LEADER_CHARACTERS = ".…·．"


class LineText(NamedTuple):
    """A line of the body as the outline reads it."""

    text: str  # markup, a markdown # or list dash removed, stripped
    marked: bool  # whether heading markup (#, **, <b>, <h1>) marks it
    view: MappedText  # the line without markup, mapped into the source


def read_line(source: str, span: Span) -> LineText:
    """A line of *source* as the outline reads it."""
    view = clean(source, span.start, span.end)
    text = view.text.strip()
    if text[:1] == "#" and (heading := _MARKDOWN_HEADING.match(text)):
        text = text[heading.end() :]
    if text[:1] in "-*" and (item := _LIST_ITEM.match(text)):
        text = text[item.end() :]  # a markdown list item
    raw = source[span.start : span.end]
    marked = ("#" in raw or "*" in raw or "<" in raw) and _HEADING_MARKUP.search(raw) is not None
    return LineText(text.strip(), marked, view)


class HeadingParts(NamedTuple):
    """A heading line: its style (a heading style's value), number, ordinal and text."""

    style: str
    number: str
    ordinal: int | None
    text: str


# A figure standing alone between spaces, as the cells of plain PDF text put it (not
# 2026 年 or 3 人, which are words of a heading).
_CELL_FIGURE = re.compile(
    r"(?<!\S)[-−]?[0-9][0-9,]*(?:\.[0-9]+)?(?!\S)(?!\s*[年月日号%％万亿千百元个人项次])"
)


def is_table_row(text: str) -> bool:
    """Whether a line reads as a row of plain PDF text: two figures standing alone or more."""
    return len(_CELL_FIGURE.findall(text, 0, 2000)) >= 2  # noqa: PLR2004


def heading_parts(line: LineText, raw: str) -> HeadingParts | None:
    """The parts of a heading line, or ``None`` for prose (or a table row)."""
    text = line.text
    if not text or "\t" in raw or is_table_row(text):
        return None
    style, number, ordinal, rest = numbering(text)
    if style is NumberingStyle.PART:
        return HeadingParts(style.value, number, ordinal, rest)
    # A comma makes a sentence of an unmarked line (a list item the PDF broke).
    short = len(rest) <= _LONGEST_HEADING and not SENTENCE.search(rest)
    short = short and (line.marked or "，" not in rest)
    # 一、财政拨款：指… is a definition, not a heading; 项目名称：… in a heading is fine.
    short = short and not _DEFINITION.search(rest)
    if style is not None and short and rest:
        return HeadingParts(style.value, number, ordinal, rest)
    if style is None and line.marked and short and text:
        return HeadingParts(_markup_style(raw), "", None, text)
    return None


def _markup_style(line: str) -> str:
    """``h1``…``h6`` for markdown ``#`` and HTML ``<h1>``, ``bold`` for a bold line."""
    if match := _MARKDOWN_DEPTH.match(line):
        return f"h{len(match[1]) if match[1] else match[2]}"
    return "bold"


_CELL_SEPARATOR = re.compile(r"\s*[\t|]\s*")
_PAGE = re.compile(r"[0-9]{1,3}")


def is_contents_title(raw: str) -> bool:
    r"""Whether a line is the 目录 title, however spaced, tabbed or piped (``目 \t录``)."""
    return (
        len(raw) < _LONGEST_TOC_ENTRY and TOC.fullmatch(re.sub(r"[\s|\u3000]", "", raw)) is not None
    )


def contents_cells(raw: str) -> str | None:
    r"""
    A contents line printed as a table row (``一、部门主要职能 \t1``, ``| … | 1 |``) as text.

    ``None`` when the cells are not an entry and its page: a row of a data table.
    """
    cells = [cell for cell in _CELL_SEPARATOR.split(raw.strip().strip("|").strip()) if cell]
    if not 1 < len(cells) <= 3 or not _PAGE.fullmatch(cells[-1]):  # noqa: PLR2004 -- words, page
        return None
    if any(_PAGE.fullmatch(cell) for cell in cells[:-1]) or len(raw) > _LONGEST_TOC_ENTRY:
        return None
    return " ".join(cells)


def _next_text(lines: Sequence[tuple[str, str]], index: int) -> str:
    return next((text for text, _ in lines[index + 1 :] if text), "")


def _is_prose(text: str) -> bool:
    return len(text) > _LONGEST_TOC_ENTRY or bool(SENTENCE.search(text)) or "，" in text


def contents_entry(text: str) -> str:
    """A contents line without its dotted leader and page number: ``部门概况……1`` is 部门概况."""
    stripped = text.rstrip()
    without_page = stripped.rstrip("0123456789")
    if without_page != stripped and len(stripped) - len(without_page) <= 3:  # noqa: PLR2004
        # A page number: after a space or a leader, not part of the words (附表1).
        tail = without_page.rstrip()
        if tail != without_page or tail.endswith(tuple(_LEADER_CHARACTERS)):
            stripped = tail
    without_leader = stripped.rstrip(_LEADER_CHARACTERS)
    if len(stripped) - len(without_leader) >= 2:  # noqa: PLR2004
        stripped = without_leader
    return stripped.strip()


class ContentsLine(NamedTuple):
    """An entry of the table of contents as printed."""

    line: int  # the index of its line
    text: str
    number: str
    last: int  # the index of its last line: an entry wrapped at the page width goes on


# A contents line at least this long may have been wrapped at the page width.
_WRAPPED_ENTRY = 24


def read_contents(lines: Sequence[tuple[str, str]], start: int) -> list[ContentsLine]:
    """
    The entries of the table of contents that starts at line *start*.

    *lines* holds each line's outline text and raw text. The contents end at prose,
    a table row, or the first entry the body prints again.
    """
    entries: list[ContentsLine] = []
    seen: set[tuple[str, str]] = set()
    paged = False  # whether the last entry printed its page number
    for index in range(start + 1, len(lines)):
        text, raw = lines[index]
        if not text:
            continue
        if "\t" in raw or raw.lstrip().startswith("|"):
            cells = contents_cells(raw)
            if cells is None:
                return entries  # a table row: the body has begun
            text = cells
        entry = contents_entry(text)
        _, number, _, rest = numbering(entry)
        if _goes_on(entries, index, number, rest, paged=paged):
            # The rest of an entry wrapped at the page width (…的总体说 / 明……3).
            last = entries[-1]
            entries[-1] = last._replace(text=last.text + rest, last=index)
            paged = entry != text.strip()
            continue
        paged = entry != text.strip()
        text = entry
        key = (number, heading_key(rest))
        if key in seen or (not number and _repeats(entries, rest)):
            # The body starts over with the first entry it repeats, numbered or not
            # (一、部门主要职能 … 上海市普陀区某某局主要职能).
            return entries
        seen.add(key)
        if len(text) > _LONGEST_TOC_ENTRY or SENTENCE.search(text):
            return entries  # prose: the body has begun
        if _is_prose(_next_text(lines, index)):
            return entries  # a heading over its first sentence: the body has begun
        if len(entries) == _MOST_TOC_ENTRIES:
            return entries
        entries.append(ContentsLine(index, rest, number, index))
    return entries


def _repeats(entries: Sequence[ContentsLine], text: str) -> bool:
    """Whether an unnumbered line prints a numbered entry above it again, as a body heading."""
    key = loose_key(text)
    return any(entry.number and same_key(loose_key(entry.text), key) for entry in entries)


def _goes_on(
    entries: Sequence[ContentsLine], index: int, number: str, rest: str, *, paged: bool
) -> bool:
    """Whether an unnumbered contents line continues the numbered entry on the line above."""
    if not entries or number or not rest:
        return False
    last = entries[-1]
    return (
        last.last == index - 1
        and bool(last.number)
        and not paged
        and len(last.text) + len(last.number) >= _WRAPPED_ENTRY
        and len(rest) < len(last.text)
    )


# Words bodies add to or drop from what their contents list: 部门 for the department's
# name, 的, 情况, the year (heading_key drops years).
_LOOSE_WORDS = re.compile(r"本部门|本单位|部门|单位|的|情况|关于|年度")
# A body heading rewords its entry at least this much alike (difflib's ratio).
_ALIKE = 0.85
#: How the name of a department or unit ends: 某某局, 某某委员会, 某某中心.
ORGANIZATION_END = (
    r"(?:局|委员会|委|办公室|办|院|中心|部|厅|会|所|站|队|馆|署|处|室|校|学|园|司|社|团)"
)
# A department's or unit's name, as a body puts it before its entry's words.
_ORGANIZATION = re.compile(rf".{{1,24}}{ORGANIZATION_END}")
#: Why a table is empty or not printed: 本表无数据, 为空表, 未安排, 不涉及, 无…支出.
EMPTY_TABLE = re.compile(
    r"空表|无数据|未安排|没有|无此|不涉及|无相关|未发生|无[^，。；]{0,12}(?:收入|支出|经费|预算|资金)"
)


def loose_key(text: str) -> str:
    """A heading reduced for matching its contents entry: no number, year, 部门 or 的."""
    return _LOOSE_WORDS.sub("", heading_key(text))


def same_key(a: str, b: str) -> bool:
    """
    Whether two :func:`loose_key` results are one heading's: the entry's *a*, the body's *b*.

    Bodies drop the entry's number and reword it: the department's name for 部门
    (``一、部门主要职能`` / ``上海市普陀区某某局主要职能``), a year put in, 的
    added or dropped, full and half widths; the keys leave those out.
    """
    if not a or not b or a.endswith("表") != b.endswith("表"):
        return False  # a table's caption answers an entry naming a table, and only that
    if a == b:
        return True
    return b.endswith(a) and _ORGANIZATION.fullmatch(b[: len(b) - len(a)]) is not None


def alike_keys(a: str, b: str) -> bool:
    """Two :func:`loose_key` results that reword one heading (占用/占有): difflib's ratio."""
    if not a or not b or a.endswith("表") != b.endswith("表"):
        return False
    shorter, longer = sorted((len(a), len(b)))
    if shorter * 2 < longer * _ALIKE:
        return False  # so unlike in length that no ratio could reach _ALIKE
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= _ALIKE
        and matcher.quick_ratio() >= _ALIKE
        and (matcher.ratio() >= _ALIKE)
    )
