r"""
Read tables printed as plain PDF text: cells apart by single spaces, empty cells gone.

This is what ``pdfplumber``'s ``page.extract_text()`` and most PDF-to-text tools
give (``208 05 05 机关事业单位基本养老保险缴费支出 1,204,310 1,204,310``), and, with
`` \t`` between cells, what some other tools give. Nothing marks a column, so the
reader goes by token classes: code parts, then the name, then the figures at the
end of the line. Where empty cells vanished, a row has fewer figures than the
table has columns; which columns they belong to is decided by the table's own
arithmetic — a 合计 column is the sum of the columns beside it, a parent row the
sum of its children, the total row the sum of the top-level rows. Where that
cannot decide, the figures are kept in order and the row carries a
``values-ambiguous`` diagnostic: never a silent guess.

The reader hands back the same grid as the other readers (a code cell, a name
cell, one cell per value column, header rows that give the column paths), so
the table layer types it the same way.
"""

from __future__ import annotations

import bisect
import itertools
import os
import re
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ._grid import GridCell, GridRow, clean_cell
from ._numbers import plain_number
from ._outline import TABLE_NUMBER
from ._rows import NEW_ITEM, could_be_code, is_total
from ._table_arithmetic import Precision, column_relations, is_total_label
from ._table_values import unit_line
from ._text import Line, display_width, is_page_furniture, strip_markup
from .codes import code_of
from .diagnostics import Diagnostic, DiagnosticKind, Severity
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


class Token(NamedTuple):
    """A run of text between separators, and where it lies."""

    text: str
    start: int
    end: int


_SPACES = re.compile(r"[^ \t\u3000\xa0]+")
_CELLS = re.compile(r"[^\t]+")
# A figure standing alone: 1,204,310  -12.50  3.5%  and the dashes that print an empty cell.
_FIGURE = re.compile(r"[-－−]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?[%％]?|[-－—–−]{1,2}")
_PLACEHOLDER = re.compile(r"[-－—–−]{1,2}")
# Words that head the code and name columns, not a value column.
_LABEL_WORD = re.compile(r"(?:类|款|项|目|科目|项\s*目|序号|栏次|.*(?:编码|代码|名称))")
_SENTENCE = re.compile(r"[。；;！？]|，.*，")
# How many header lines a plain table prints above its first row, at most.
_HEADER_LINES = 6
_LONGEST_HEADER_WORDS = 16
_LONGEST_FRAGMENT = 30
_LONGEST_WRAP = 12
_SHORTEST_WHOLE_NAME = 4
# How the label of a column of figures ends: 预算数, 金额, 小计.
_COLUMN_LABEL = re.compile(r"(?:数|金额|额|合计|小计|总计|[（(][千万亿]?元[)）])$")
# How a whole name ends: a line with such a name under another is an item, not a wrap.
_COMPLETE = re.compile(r"(?:收入|支出|经费|费|费用|资金|拨款|补助|结余|结转|基金|预算)$")
# A name carried on to the next line fills at least 9/10 of the widest name.
_WRAP_FILL, _WRAP_FILL_OF = 10, 9
# And what it carries on to is mostly narrower than 6/10 of it.
_REST_FILL_OF = 6
# How many lines that are neither rows nor wraps a table may hold before it ends.
_GAP = 2
# Bounds on the search for where vanished cells were: candidates per row, combinations per sum.
_MOST_PLACEMENTS = 500
_MOST_COMBINATIONS = 4096
_MOST_PASSES = 8


def tokens(line: Line) -> list[Token]:
    """The tokens of a line: cells apart by tabs if it has any, else by spaces."""
    text = strip_markup(line.text) if "<" in line.text or "&" in line.text else line.text
    offset = line.start if text is line.text else None
    pattern = _CELLS if "\t" in text else _SPACES
    found = []
    for match in pattern.finditer(text):
        word = match[0].strip(" \u3000\xa0")
        if not word:
            continue
        if offset is None:  # markup was removed: the token points at the whole line
            found.append(Token(word, line.span.start, line.span.end))
        else:
            lead = len(match[0]) - len(match[0].lstrip(" \u3000\xa0"))
            start = offset + match.start() + lead
            found.append(Token(word, start, start + len(word)))
    return found


def is_figure(text: str) -> bool:
    """Whether a token is a figure of a value cell (or a dash printing an empty one)."""
    return _FIGURE.fullmatch(text) is not None


class _Segment(NamedTuple):
    """Code parts, words and the figures after them: one side of a row."""

    codes: list[Token]
    words: list[Token]
    figures: list[Token]


def _segments(found: Sequence[Token]) -> list[_Segment]:
    """A line's tokens as runs of (code parts, words, figures)."""
    segments: list[_Segment] = []
    index = 0
    while index < len(found):
        codes: list[Token] = []
        words: list[Token] = []
        figures: list[Token] = []
        while index < len(found) and not figures and could_be_code(found[index].text):
            # A code part only before a word: a row of figures alone has none.
            following = next((t for t in found[index + 1 :] if not could_be_code(t.text)), None)
            if following is None or is_figure(following.text):
                break
            codes.append(found[index])
            index += 1
        while index < len(found) and not is_figure(found[index].text):
            words.append(found[index])
            index += 1
        while index < len(found) and is_figure(found[index].text):
            if (figures or words) and _opens_segment(found, index):
                # 100.00 302 商品和服务支出: the code of the next half's row; so too
                # after a name whose figure is blank (301 工资福利支出 302 商品…).
                break
            figures.append(found[index])
            index += 1
        segments.append(_Segment(codes, words, figures))
    return segments


def _opens_segment(found: Sequence[Token], index: int) -> bool:
    """Whether the figure-like token at *index*, after figures, is a code before a name."""
    following = found[index + 1] if index + 1 < len(found) else None
    return (
        following is not None
        and could_be_code(found[index].text)
        and "." not in found[index].text
        and not is_figure(following.text)
        and not could_be_code(following.text)
    )


def _is_row(found: Sequence[Token]) -> bool:
    """
    Whether a line's tokens read as a data row.

    Figures at the end (but 栏次 1 2 3 numbers the header's columns), or a code
    before a name: a line item whose cells are all empty.
    """
    if not found or found[0].text == "栏次" or _PLACEHOLDER.fullmatch(found[0].text):
        return False
    if is_figure(found[-1].text):
        return True
    return could_be_code(found[0].text) and len(found) > 1 and not is_figure(found[1].text)


def _is_header(found: Sequence[Token], text: str) -> bool:
    return (
        bool(found)
        and len(found) <= _LONGEST_HEADER_WORDS
        and not _SENTENCE.search(text)
        and not any(is_figure(t.text) and not t.text.isdigit() for t in found)
    )


def _is_fragment(found: Sequence[Token], text: str) -> bool:
    """A line holding one piece of a name (a wrap) or an item with no figures."""
    words = list(itertools.dropwhile(lambda t: could_be_code(t.text), found))
    return (
        len(words) <= 2  # noqa: PLR2004 -- a name, and a word PDF text broke off it
        and len(text) <= _LONGEST_FRAGMENT
        and not _SENTENCE.search(text)
        and not any(is_figure(t.text) for t in words)
        and "表" not in text
    )


# A caption alone on its line: …支出表, …情况表（按功能分类科目）, 表3 …
_CAPTION_LINE = re.compile(r"(?:表\s*[0-9]+\s*)?\S{2,40}表(?:\s*[（(][^（）()]{1,20}[)）])?")
_HEADING_MARK = re.compile(r"#+\s*")


def is_caption_line(text: str) -> bool:
    """Whether a line holds a table's caption and nothing else (a markdown ``#`` allowed)."""
    if "表" not in text:
        return False
    line = _HEADING_MARK.sub("", clean_cell(text)[0], count=1)
    return _CAPTION_LINE.fullmatch(line) is not None


def extent(lines: Sequence[Line], first: int, other_table: Callable[[str], bool]) -> int | None:
    """
    The last line of a plain-text table whose header starts at *first*, or ``None``.

    The table holds header lines (words, no figures), then rows ending with
    figures, the pieces of names wrapped between them and page breaks; it ends
    at a sentence, a unit line or caption of the next table, a gap, or a line
    of a table in *other_table*'s rendering (tab-separated, markdown, HTML).
    """
    stop = len(lines)
    index = first
    headers = 0
    last: int | None = None
    lone_total: int | None = None
    header: set[str] = set()
    gap = 0
    while index < stop:
        text = lines[index].text.strip()
        index += 1
        if not text or _is_furniture(text):
            gap += not text
            if gap > _GAP:
                break
            continue
        found = tokens(lines[index - 1])
        if other_table(lines[index - 1].text) or _opens_next_table(
            text, started=last is not None or lone_total is not None or headers > 0
        ):
            break
        if last is None and headers < _HEADER_LINES and is_total(text) and not _is_row(found):
            lone_total = index - 1  # a header label, or the total row of an empty table
            headers += 1
        elif _is_row(found) and not _SENTENCE.search(text):
            last = index - 1
        elif text in header or (
            last is None and headers < _HEADER_LINES and _is_header(found, text)
        ):
            headers += text not in header  # or the header printed again after a page break
            header.add(text)
        elif last is not None and _is_fragment(found, text) and not text.startswith("注"):
            if last == index - 2 and not gap and _continues_name(text):
                last = index - 1  # the rest of the last row's name
            gap = 0
            continue  # a wrapped name or an empty item: kept if rows follow
        else:
            break
        gap = 0
    return last if last is not None else lone_total


def _is_furniture(text: str) -> bool:
    """A page number or page-break line: page furniture inside a table."""
    return is_page_furniture(text)


def _opens_next_table(text: str, *, started: bool) -> bool:
    """The next table's number (表 3), or, once this one has begun, its caption or unit line."""
    if TABLE_NUMBER.fullmatch(text):
        return True
    return started and (is_caption_line(text) or ("元" in text and unit_line(text) is not None))


def _continues_name(text: str) -> bool:
    """Whether a line under a table's last row can only be the rest of its name."""
    return (
        len(text) <= _LONGEST_WRAP
        and " " not in text
        and not NEW_ITEM.match(text)
        and not text.endswith(("：", ":"))
    )


# ---------------------------------------------------------------- reading


class _Item:
    """One data row of one side, as read: its code, name and figures."""

    __slots__ = (
        "candidates",
        "code",
        "code_span",
        "figures",
        "key",
        "line",
        "own_words",
        "pieces",
        "prefixed",
        "suffixed",
    )

    def __init__(self, line: Line, segment: _Segment) -> None:
        self.line = line
        self.code = "".join(t.text for t in segment.codes)
        self.code_span = (
            Span(segment.codes[0].start, segment.codes[-1].end) if segment.codes else None
        )
        self.pieces: list[Token] = list(segment.words)
        self.own_words = bool(segment.words)
        self.figures = segment.figures
        self.key: Token | None = None
        self.prefixed = self.suffixed = False
        self.candidates: list[tuple[int, ...]] = []

    def complete(self, context: str) -> str:
        """
        The full code of a code printed by its last part (``05`` under ``20805``).

        A part under a 类 is a 款, under a 款 a 项, beside a 项 another 项.
        Returns the code the next row completes from.
        """
        if not self.code:
            return context if not self.pieces else ""
        if len(self.code) == 2 and context:  # noqa: PLR2004
            base = context if len(context) < 7 else context[:5]  # noqa: PLR2004
            if code_of(base + self.code) is not None:
                self.code = base + self.code
        return self.code

    @property
    def wrapped(self) -> bool:
        return self.prefixed or self.suffixed

    @property
    def name(self) -> str:
        return clean_cell(" ".join(t.text for t in self.pieces))[0]

    @property
    def span(self) -> Span:
        starts = [self.line.start, *(t.start for t in self.pieces)]
        ends = [self.line.span.end, *(t.end for t in self.pieces)]
        return Span(min(starts), max(ends))

    def name_cell(self) -> GridCell:
        if not self.pieces:
            return GridCell("", False, Span(self.line.start, self.line.start))  # noqa: FBT003
        span = Span(min(t.start for t in self.pieces), max(t.end for t in self.pieces))
        return GridCell(self.name, False, span)  # noqa: FBT003


class _Side:
    """The rows of one side of a table (a two-sided 收支总表 has two) and its columns."""

    def __init__(self, labels: list[list[Token]]) -> None:
        self.labels = labels  # header words per header line, label columns left out
        self.items: list[_Item] = []
        self.width = 0  # value columns: as many as the header gives, and the most figures
        # Columns of words (项目名称) before the figures: the header names them.
        self.texts = max(
            (sum(1 for t in line if _TEXT_LABEL.fullmatch(t.text)) for line in labels), default=0
        )

    def columns(self) -> tuple[list[tuple[str, ...]], str | None]:
        """The column paths, and what was wrong with the header if it did not give them."""
        most = max((len(item.figures) for item in self.items), default=0) + self.texts
        paths, problem = _paths(self.labels, most)
        self.width = len(paths)
        return paths, problem


def read_plain(source: str, lines: Sequence[Line]) -> tuple[list[GridRow], list[Diagnostic]]:
    """The grid of a plain-text table block and what the reader could not decide."""
    header_lines, body = _header_and_body(lines)
    if (halves := _side_by_side(source, header_lines, body)) is not None:
        return halves
    two_sided = _two_sided(header_lines) or _pairs_of_sides(body)
    sides = _sides(header_lines, two_sided)
    diagnostics: list[Diagnostic] = []
    _read_items(body, sides, diagnostics)
    coded = any(item.code for side in sides for item in side.items)
    paths = []
    problems = []
    for side in sides:
        side_paths, problem = side.columns()
        if problem is not None:
            problems.append(problem)
        paths.append(side_paths)
        _place(side, side_paths[side.texts :], diagnostics)
    if problems and header_lines:
        message = "; ".join(dict.fromkeys(problems))
        span = header_lines[-1][0].span
        diagnostics.append(Diagnostic(DiagnosticKind.HEADER_AMBIGUOUS, message, span))
    elif problems:
        message = "the table prints no header: its columns are named by position"
        span = Span(lines[0].start, lines[0].start)
        diagnostics.append(
            Diagnostic(DiagnosticKind.HEADER_AMBIGUOUS, message, span, Severity.INFO)
        )
    keyed = len(sides) == 1 and any(item.key for item in sides[0].items)
    at = lines[0].start if lines else 0
    grid = _header_grid(header_lines, sides, paths, coded=coded, keyed=keyed, at=at)
    grid.extend(_data_grid(sides, coded=coded))
    return grid, diagnostics


# ---------------------------------------------------------------- halves side by side
#
# A 决算 基本支出 table prints its 人员经费 and 公用经费 halves side by side, each with
# its own 科目编码 / 科目名称 / 决算数: one line holds a row of each half. Each half is
# read as a table of its own, and the two grids are put side by side again, so that
# the table layer splits them as it splits the same table in any other rendering.

# The economic 类 of each half: 人员经费 (301 工资福利, 303 对个人和家庭的补助) and
# 公用经费 (302 商品和服务 and the rest), for a line that prints one half only.
_PERSONNEL_CLASSES = ("301", "303")


def _side_by_side(
    source: str, header_lines: _Tokens, body: _Tokens
) -> tuple[list[GridRow], list[Diagnostic]] | None:
    """Halves printed side by side, read each on its own and put side by side, or ``None``."""
    labels = next((i for i, (_, found) in enumerate(header_lines) if _repeats(found)), None)
    if labels is None or not body:
        return None
    names: tuple[str, str] = ("", "")
    for number, (_, found) in enumerate(header_lines):
        if number != labels and len(found) != 2:  # noqa: PLR2004 -- what else is in the header
            return None
        if number != labels:
            names = (found[0].text, found[1].text)
    line, found = header_lines[labels]
    cut = found[len(found) // 2].start
    diagnostics: list[Diagnostic] = []
    left: list[Line] = [_part(source, line.start, cut)]
    right: list[Line] = [_part(source, cut, line.span.end)]
    home: dict[int, int] = {}  # where each half's line starts: the line it is part of
    for number, (line, found) in enumerate(body):
        segments = [s for s in _segments(found) if s.codes or s.words or s.figures]
        # A row of each half: figures then the right half's row, or, the left's figure
        # blank, a name then the right half's code.
        if len(segments) >= 2 and (segments[0].figures or segments[1].codes):  # noqa: PLR2004
            cut = (segments[1].codes or segments[1].words or segments[1].figures)[0].start
            left.append(_part(source, line.start, cut))
            right.append(_part(source, cut, line.span.end))
            home[line.start] = home[cut] = number
            continue
        if (right_start := _right_name(found, names)) is not None:
            # 人员经费合计 公用经费合计 500,000: the left half's label with its figure blank,
            # then the right half's label and figure.
            left.append(_part(source, line.start, right_start))
            right.append(_part(source, right_start, line.span.end))
            home[line.start] = home[right_start] = number
            continue
        side = _half_of(segments, names, line, diagnostics)
        (left if side == 0 else right).append(line)
        home[line.start] = number
    halves = [read_plain(source, part) for part in (left, right)]
    for _, found_diagnostics in halves:
        diagnostics.extend(found_diagnostics)
    return _beside(halves[0][0], halves[1][0], names, home), diagnostics


def _repeats(found: Sequence[Token]) -> bool:
    """A header line whose labels repeat: 科目编码 科目名称 决算数 科目编码 科目名称 决算数."""
    words = [t.text for t in found]
    half = len(words) // 2
    return (
        half >= 2  # noqa: PLR2004 -- a name and a value at least
        and len(words) == 2 * half
        and words[:half] == words[half:]
        and _LABEL_WORD.fullmatch(words[0]) is not None
    )


def _part(source: str, start: int, end: int) -> Line:
    """The piece of a line from *start* to *end*, as a line of its own."""
    text = source[start:end]
    trailing = len(text) - len(text.rstrip())
    return Line(text.rstrip(), Span(start, end - trailing))


def _right_name(found: Sequence[Token], names: tuple[str, str]) -> int | None:
    """Where the right half starts in a line of two labels, by the right half's name."""
    if not names[1] or len(found) < 2:  # noqa: PLR2004
        return None
    mark = names[1][:2]  # 公用 of 公用经费
    if is_figure(found[0].text):
        return None
    for token in found[1:]:
        if mark in token.text and not is_figure(token.text):
            return token.start
    return None


def _half_of(
    segments: Sequence[_Segment], names: tuple[str, str], line: Line, diagnostics: list[Diagnostic]
) -> int:
    """Which half a line printing one half only belongs to: by its code, else by its name."""
    first = segments[0] if segments else None
    code = "".join(t.text for t in first.codes) if first else ""
    if code:
        return 0 if code.startswith(_PERSONNEL_CLASSES) else 1
    words = " ".join(t.text for t in first.words) if first and first.words else line.text
    name = clean_cell(words)[0]
    for side, label in enumerate(names):
        if label and label[:2] in name:  # 人员经费合计 under 人员经费
            return side
    if first is not None and first.figures:
        diagnostics.append(
            Diagnostic(
                DiagnosticKind.VALUES_AMBIGUOUS,
                f"'{name}' prints one half of a table of two halves side by side, and "
                "neither its code nor its name says which: read as the left half; check the PDF",
                line.span,
            )
        )
    return 0


def _beside(
    left: list[GridRow], right: list[GridRow], names: tuple[str, str], home: dict[int, int]
) -> list[GridRow]:
    """Two halves' grids side by side, header rows level by level, data rows line by line."""
    left_header, left_rows = _split_grid(left, home)
    right_header, right_rows = _split_grid(right, home)
    widths = [max((len(r.cells) for r in grid), default=0) for grid in (left, right)]
    rows: list[GridRow] = []
    if any(names):
        at = (left_header or right_header or [GridRow((), Span(0, 0))])[0].span
        cells = []
        for name, width in zip(names, widths, strict=True):
            cells += [GridCell(name, False, Span(at.start, at.start))]  # noqa: FBT003
            cells += [GridCell("", False, Span(at.start, at.start))] * (width - 1)  # noqa: FBT003
        rows.append(GridRow(tuple(cells), at))
    depth = max(len(left_header), len(right_header))
    pad = [[None] * (depth - len(h)) + list(h) for h in (left_header, right_header)]
    rows.extend(_joined_row(pair, widths) for pair in zip(*pad, strict=True))
    rows.extend(
        _joined_row((left_rows.get(number), right_rows.get(number)), widths)
        for number in sorted({*left_rows, *right_rows})
    )
    return rows


def _split_grid(
    grid: list[GridRow], home: dict[int, int]
) -> tuple[list[GridRow], dict[int, GridRow]]:
    """A half's header rows, and its data rows by the body line they are on."""
    header: list[GridRow] = []
    rows: dict[int, GridRow] = {}
    starts = sorted(home)
    for row in grid:
        found = bisect.bisect_right(starts, row.span.start) - 1
        if found < 0:
            header.append(row)  # above the first body line
        else:
            rows.setdefault(home[starts[found]], row)
    return header, rows


def _joined_row(pair: Sequence[GridRow | None], widths: Sequence[int]) -> GridRow:
    """Two halves' rows of one line as one row; a missing half as empty cells."""
    cells: list[GridCell] = []
    spans = [row.span for row in pair if row is not None]
    at = Span(min(s.start for s in spans), max(s.end for s in spans))
    wrapped = None
    for row, width in zip(pair, widths, strict=True):
        if row is None:
            cells += [GridCell("", False, Span(at.end, at.end))] * width  # noqa: FBT003
            continue
        if row.wrapped is not None and wrapped is None:
            wrapped = len(cells) + row.wrapped
        empty = GridCell("", bold=False, span=Span(at.end, at.end))
        cells += [*row.cells, *[empty] * (width - len(row.cells))]
    return GridRow(tuple(cells), at, wrapped=wrapped)


def _empty_item(found: Sequence[Token]) -> bool:
    """A line above the first figures that names an item, not a column: 一、外交支出, 因公出国（境）费用."""
    if not found or is_total_label(found[0].text):
        return False
    if NEW_ITEM.match(found[0].text):
        return True
    return len(found) == 1 and _is_whole_name(found[0].text)


def _nameless(found: Sequence[Token]) -> bool:
    """A line of figures alone, or of a code and figures: ``208 53.44 53.44``."""
    return bool(found) and all(is_figure(t.text) for t in found)


_Tokens = list[tuple["Line", list[Token]]]


def _header_and_body(lines: Sequence[Line]) -> tuple[_Tokens, _Tokens]:
    """The header lines and the body lines, each with its tokens; page furniture left out."""
    header_lines: _Tokens = []
    body: _Tokens = []
    repeated: set[str] = set()
    for line in lines:
        text = line.text.strip()
        if not text or _is_furniture(text):
            continue
        found = tokens(line)
        opens_item = bool(header_lines) and _empty_item(found)
        if (
            not body
            and not opens_item
            and not _is_row(found)
            and not (is_total(text) and line is lines[-1])
        ):
            header_lines.append(
                (line, found)
            )  # a lone 合计 is a header label, or an empty table's total
            repeated.add(text)
        elif text not in repeated:  # not the header printed again after a page break
            body.append((line, found))
    if (
        header_lines
        and body
        and len(header_lines[-1][1]) == 1
        and not _COLUMN_LABEL.search(header_lines[-1][1][0].text)
        and _nameless(body[0][1])
    ):
        # The first row's name printed around its line of figures: not a header label.
        body.insert(0, header_lines.pop())
    return header_lines, body


def _pairs_of_sides(body: Sequence[tuple[Line, list[Token]]]) -> bool:
    """Whether rows mostly print a name and figures twice (收入 | 支出 side by side)."""
    rows = [_segments(found) for _, found in body]
    rows = [segments for segments in rows if any(s.figures for s in segments)]
    pairs = sum(
        1
        for segments in rows
        if len(segments) == 2 and all(s.words and s.figures for s in segments)  # noqa: PLR2004
    )
    return bool(rows) and pairs * 2 > len(rows)


def _two_sided(header_lines: Sequence[tuple[Line, list[Token]]]) -> bool:
    """A 收支总表: its header opens with 收入 … 支出 (or names 项目 twice)."""
    for _, found in header_lines[:2]:
        words = [t.text for t in found]
        if len(words) == 2 and words[0].endswith("收入") and words[1].endswith("支出"):  # noqa: PLR2004
            return True
        if sum(1 for w in words if _LABEL_WORD.fullmatch(w)) == 2 and words[0] in {"项目", "项 目"}:  # noqa: PLR2004
            return True
    return False


def _sides(header_lines: Sequence[tuple[Line, list[Token]]], two_sided: bool) -> list[_Side]:  # noqa: FBT001
    """The sides of the table, each with the value labels of its header lines."""
    if not two_sided:
        return [_Side([_value_labels(found) for _, found in header_lines])]
    left: list[list[Token]] = []
    right: list[list[Token]] = []
    for _, found in header_lines:
        words = [t.text for t in found]
        if len(words) == 2 and words[0].endswith("收入") and words[1].endswith("支出"):  # noqa: PLR2004
            continue  # the line naming the sides
        cuts = [i for i, t in enumerate(found) if _LABEL_WORD.fullmatch(t.text)]
        middle = cuts[1] if len(cuts) > 1 else len(found) // 2
        left.append(_value_labels(found[:middle]))
        right.append(_value_labels(found[middle:]))
    return [_Side(left), _Side(right)]


def _value_labels(found: Sequence[Token]) -> list[Token]:
    """The labels of value columns: not 科目编码/项目, not the column numbers under 栏次."""
    if found and found[0].text == "栏次":
        return []
    labels: list[Token] = []
    named = False  # past the label of the rows' names: another 名称 heads a column of words
    for token in found:
        if _TEXT_LABEL.fullmatch(token.text) and named:
            labels.append(Token(token.text, token.start, token.end))
            continue
        named = named or bool(_LABEL_WORD.fullmatch(token.text) and "编码" not in token.text)
        if labels and labels[-1].text.isdigit() and token.text.startswith(("年", "月")):
            # 2026 年预算数: a label PDF text broke at its space.
            joined = f"{labels[-1].text} {token.text}"
            labels[-1] = Token(joined, labels[-1].start, token.end)
        else:
            labels.append(token)
    return [
        t
        for t in labels
        if _TEXT_LABEL.fullmatch(t.text)
        or (not _LABEL_WORD.fullmatch(t.text) and not t.text.isdigit())
    ]


# A column of words between a row's name and its figures: 项目名称 in a 项目支出表.
_TEXT_LABEL = re.compile(r"(?!科目).+名称")


_INCOME_SIDE = re.compile(r"收入|上年结转|上年结余|年初|弥补|事业基金")
_EXPENDITURE_SIDE = re.compile(r"支出|结转下年|年终结转|年末|结余分配|上缴")


def _read_items(
    body: Sequence[tuple[Line, list[Token]]], sides: Sequence[_Side], diagnostics: list[Diagnostic]
) -> None:
    """Each row's items, with the pieces of wrapped names joined to the row they belong to."""
    entries: list[_Entry] = []
    context = ""  # the code of the row above, to complete a code printed by its last part
    for line, found in body:
        segments = [s for s in _segments(found) if s.codes or s.words or s.figures]
        if not any(s.figures for s in segments):
            stripped = clean_cell(line.text)[0]
            # No segment at all: markup alone (<A>), a piece of nothing.
            if segments and (NEW_ITEM.match(stripped) or is_total(stripped) or segments[0].codes):
                item = _Item(line, segments[0])  # an item with every cell empty
                context = item.complete(context)
                entries.append([_add(sides, item, diagnostics)])
            else:
                entries.append((line, found))  # a piece of a wrapped name
            continue
        if entries and isinstance(entries[-1], tuple) and not segments[0].words:
            segments[0] = _code_before_figures(segments[0])
        if _figures_of_above(entries, segments):
            continue
        key = None
        if len(sides) == 1 and len(segments) > 1:
            if _is_key(segments[0], segments[1]):  # a 序号 or 单位代码 (028001) before the name
                key = segments[0].figures[0]
                segments = segments[1:]
            # Figures inside a name (2024年 printed apart) are part of the name.
            words = [t for s in segments[:-1] for t in (*s.words, *s.figures)]
            segments = [
                _Segment(segments[0].codes, words + segments[-1].words, segments[-1].figures)
            ]
        item = _Item(line, segments[0])
        item.key = key
        if _rest_of_coded(entries, item):
            continue
        context = item.complete(context)
        if len(sides) == 2 and len(segments) >= 2:  # noqa: PLR2004 -- both sides on one line
            figures = [f for s in segments[1:] for f in s.figures]
            other = _Item(line, _Segment(segments[1].codes, segments[1].words, figures))
            sides[0].items.append(item)
            sides[1].items.append(other)
            entries.append([item, other])
        else:
            entries.append([_add(sides, item, diagnostics)])
    _join_pieces(entries, sides, diagnostics)


def _code_before_figures(segment: _Segment) -> _Segment:
    """
    A line of a code and figures alone, under a piece of its name: the code is no figure.

    (PDF text prints a two-line name cell around the line of its figures.)
    """
    figures = segment.figures
    count = 0
    while count < len(figures) - 1 and count < 3 and could_be_code(figures[count].text):  # noqa: PLR2004 -- 类 款 项
        count += 1
    digits = "".join(t.text for t in figures[:count])
    if not count or code_of(digits) is None:
        return segment
    return _Segment([*segment.codes, *figures[:count]], segment.words, figures[count:])


def _stands_alone(above: str, piece: str, widest: int) -> bool:
    """
    Whether *piece*, under the name *above*, is a row of its own rather than the rest of it.

    Both read as whole names, and the piece is too wide to be the rest that did not fit.
    """
    return (
        _COMPLETE.search(above) is not None
        and _is_whole_name(piece)
        and display_width(piece) * _WRAP_FILL >= widest * _REST_FILL_OF
    )


def _is_whole_name(text: str) -> bool:
    """A name that stands on its own (政府性基金预算拨款收入), not the end of one (支出)."""
    return len(text) >= _SHORTEST_WHOLE_NAME and _COMPLETE.search(text) is not None


_Entry = list["_Item"] | tuple["Line", list[Token]]


def _figures_of_above(entries: list[_Entry], segments: Sequence[_Segment]) -> bool:
    """Give a line of figures alone to the item above it that printed none (a two-line name)."""
    if not _figures_alone(segments) or not entries or not isinstance(entries[-1], list):
        return False
    above = entries[-1][-1]
    if above.figures or above.code:
        return False
    above.figures = segments[0].figures
    above.prefixed = True  # its name goes on under the figures
    return True


def _rest_of_coded(entries: list[_Entry], item: _Item) -> bool:
    """Join a line that prints the rest of a coded row's name and its figures to that row."""
    if item.code or not item.pieces or not entries or not isinstance(entries[-1], list):
        return False
    if len(entries[-1]) != 1 or not _continues_coded(entries[-1][0], item):
        return False
    above = entries[-1][0]
    above.pieces.extend(item.pieces)
    above.figures = item.figures
    above.suffixed = True
    return True


def _figures_alone(segments: Sequence[_Segment]) -> bool:
    return len(segments) == 1 and not segments[0].codes and not segments[0].words


def _is_key(first: _Segment, then: _Segment) -> bool:
    """A lone number before a name that is no part of it: a 序号 or 单位代码, not 2026 年."""
    return (
        not first.codes
        and not first.words
        and len(first.figures) == 1
        and first.figures[0].text.isdigit()
        and bool(then.words)
        and not then.words[0].text.startswith(_UNITS_AFTER_NUMBER)
    )


_UNITS_AFTER_NUMBER = ("年", "月", "日", "号", "个", "项", "人", "万", "亿", "元")


def _continues_coded(above: _Item, item: _Item) -> bool:
    """Whether *item* (no code, figures) carries on *above* (a code and a name, no figures)."""
    name = item.name
    return (
        bool(above.code)
        and not above.figures
        and not above.suffixed
        and len(name) <= _LONGEST_WRAP
        and not NEW_ITEM.match(name)
        and not is_total(name)
    )


def _join_pieces(
    entries: list[_Entry],
    sides: Sequence[_Side],
    diagnostics: list[Diagnostic],
) -> None:
    """
    Give each piece of a wrapped name to its row.

    PDF text puts the rest of a long name on the line after its row, or — where
    the figures sit in the middle of a two-line cell — one piece on each side of
    a line that prints the code and figures alone. A piece goes to the row above
    whose name it closes around its figures, to the row below if that row printed
    no name, else to the row above, else it is a row of its own.
    """
    items = [item for entry in entries if isinstance(entry, list) for item in entry]
    coded = any(item.code for item in items)
    # Without codes a line with no figures is mostly an item whose cells are all
    # empty; it carries a name on only under a name as wide as the widest.
    widest = max((display_width(item.name) for item in items if item.own_words), default=0)
    # The first item after each entry, from the end: one pass, not a search per piece.
    below_of: list[_Item | None] = [None] * len(entries)
    following: _Item | None = None
    for index in range(len(entries) - 1, -1, -1):
        below_of[index] = following
        entry = entries[index]
        if isinstance(entry, list):
            following = entry[0]
    above: _Item | None = None
    added = False
    for index, entry in enumerate(entries):
        if isinstance(entry, list):
            above = entry[-1]
            continue
        line, found = entry
        piece = clean_cell(line.text)[0]
        # A piece that fills the line and goes on to another piece opens a name of its own.
        head = (
            not coded
            and index + 1 < len(entries)
            and isinstance(entries[index + 1], tuple)
            and display_width(piece) * _WRAP_FILL >= widest * _WRAP_FILL_OF
        )
        if not head and _joined(found, above, below_of[index], coded=coded, widest=widest):
            continue
        above = _add(sides, _Item(line, _Segment([], list(found), [])), diagnostics)
        added = True  # a piece on the next line may carry its name on
    if added:
        for side in sides:
            side.items.sort(key=lambda item: item.line.start)


def _joined(
    found: list[Token], above: _Item | None, below: _Item | None, *, coded: bool, widest: int
) -> bool:
    """Give a piece of a name to the row it belongs to, if one takes it."""
    piece = clean_cell(" ".join(t.text for t in found))[0]
    if above is not None and above.prefixed and not above.suffixed:
        above.pieces.extend(found)  # the piece under a line printed around by its name
        above.suffixed = True
        return True
    if below is not None and not below.own_words and not below.prefixed:
        below.pieces = [*found, *below.pieces]
        below.prefixed = True
        return True
    if (
        above is not None
        and not above.suffixed
        and above.pieces
        and not is_total(above.name)
        and (coded or display_width(above.name) * _WRAP_FILL >= widest * _WRAP_FILL_OF)
        and not _stands_alone(above.name, piece, widest)
    ):
        above.pieces.extend(found)
        above.suffixed = True
        return True
    return False


def _add(sides: Sequence[_Side], item: _Item, diagnostics: list[Diagnostic]) -> _Item:
    """Put a one-segment row on its side: the side its name belongs to, in a two-sided table."""
    if len(sides) == 1:
        sides[0].items.append(item)
        return item
    name = item.name
    income = bool(_INCOME_SIDE.search(name))
    expenditure = bool(_EXPENDITURE_SIDE.search(name))
    if (expenditure and not income) or item.code:
        sides[1].items.append(item)
        return item
    sides[0].items.append(item)
    if not income and item.figures:
        diagnostics.append(
            Diagnostic(
                DiagnosticKind.VALUES_AMBIGUOUS,
                f"'{name}' prints one side of a two-sided table and its name does not say "
                "which: read as 收入; check the PDF",
                item.span,
            )
        )
    return item


# ---------------------------------------------------------------- columns


def _paths(labels: list[list[Token]], most: int) -> tuple[list[tuple[str, ...]], str | None]:
    """
    The column paths of a side whose fullest row prints *most* figures, from its header words.

    Plain text keeps the words of a merged header but not what each spans: a line
    of labels above a line of sub-labels gives them to the label they belong under
    (the groups a 小计 opens, or the one label that is no total). A header may
    name more columns than any row fills (empty cells vanish), never fewer; when
    no reading of it gives enough, the columns are named by position and a
    diagnostic says so.
    """
    words = [[t.text for t in line] for line in labels if line]
    prefix: tuple[str, ...] = ()
    while len(words) > 1 and len(words[0]) == 1:
        prefix = (*prefix, words.pop(0)[0])  # one label over the whole side
    # Readings that may name more columns than the rows fill, and one that may not.
    readings: list[tuple[list[tuple[str, ...]], bool]] = []
    if len(words) > 1 and (nested := _nested(words)) is not None:
        readings.append((nested, True))
    if len(words) == 1:
        readings.append(([(w,) for w in words[0]], True))
    elif words:
        readings.append(([(w,) for w in words[-1]], False))
        readings.append(([(w,) for line in words for w in line], False))
    elif prefix:
        readings.append(([()], True))
    for exact in (True, False):
        for paths, may_exceed in readings:
            if len(paths) == most or (not exact and may_exceed and len(paths) > most):
                return [(*prefix, *path) if path or prefix else path for path in paths], None
    if not most:
        return [], None
    printed = " / ".join(" ".join(line) for line in words) or "nothing"
    message = (
        f"the header of plain text ('{printed}') does not give the {most} columns "
        "its rows fill: columns are named by position"
    )
    return [(*prefix, f"第{i + 1}列") for i in range(most)], message


def _nested(lines: Sequence[Sequence[str]]) -> list[tuple[str, ...]] | None:
    """
    Paths of a header of several lines: each line's labels under those above.

    A line's labels fall into groups — a group opens at a 小计 or where a label
    repeats — and the groups go, in order, to the labels above that are no
    totals (to the ones that own them, 基本支出 over 人员经费, when there are more).
    """
    paths: list[tuple[str, ...]] = [(word,) for word in lines[0]]
    for line in lines[1:]:
        groups: list[list[str]] = []
        for word in line:
            if not groups or (groups[-1] and (is_total_label(word) or word in groups[-1])):
                groups.append([])
            groups[-1].append(word)
        parents = [i for i, path in enumerate(paths) if not is_total_label(path[-1])]
        if len(parents) > len(groups):
            owning = [i for i in parents if any(_owns(paths[i][-1], g) for g in groups)]
            parents = (owning if len(owning) >= len(groups) else parents)[: len(groups)]
        if len(parents) != len(groups):
            return None
        children = dict(zip(parents, groups, strict=True))
        paths = [
            extended
            for index, path in enumerate(paths)
            for extended in (
                [(*path, child) for child in children[index]] if index in children else [path]
            )
        ]
    return paths


# Which header label the sub-labels of a standard table belong under.
_OWNERS = {
    "基本支出": ("人员经费", "公用经费"),
    "财政拨款": ("一般公共预算", "政府性基金"),
    "本年收入": ("一般公共预算", "事业收入"),
    "本年拨款": ("一般公共预算",),
}


def _owns(label: str, children: Sequence[str]) -> bool:
    """A standard parent of these labels, or one that opens with what they open with."""
    if any(
        label.endswith(owner)
        and any(child.startswith(known) for child in children for known in kin)
        for owner, kin in _OWNERS.items()
    ):
        return True
    # Character by character is what is meant: 公务用车 opens both labels.
    shared = max((len(os.path.commonprefix([label, c])) for c in children), default=0)  # noqa: RUF071
    return shared >= _SHARED_WORD


# A parent label and its sub-labels open with a word of this many characters: 公务用车.
_SHARED_WORD = 4


# ---------------------------------------------------------------- placing figures


def _value(token: Token) -> Decimal:
    if _PLACEHOLDER.fullmatch(token.text):
        return Decimal(0)
    number = plain_number(token.text.rstrip("%％"))
    return Decimal(0) if number is None else number


def _row(item: _Item, placement: tuple[int, ...], width: int) -> list[Decimal]:
    values = [Decimal(0)] * width
    for position, token in zip(placement, item.figures, strict=True):
        values[position] = _value(token)
    return values


def _place(side: _Side, paths: Sequence[tuple[str, ...]], diagnostics: list[Diagnostic]) -> None:
    """Decide which column each figure of each row is in (see the module's docstring)."""
    width = side.width - side.texts
    sums = Precision.of(t.text for item in side.items for t in item.figures)
    relations = column_relations(paths)
    complete = [
        _row(item, tuple(range(width)), width) for item in side.items if len(item.figures) == width
    ]
    relations = [
        (total, parts)
        for total, parts in relations
        if all(sums.agrees(row[total], [row[p] for p in parts]) for row in complete)
    ]
    for item in side.items:
        count = len(item.figures)
        if count == width:
            item.candidates = [tuple(range(width))]
            continue
        fits = []
        for placement in itertools.islice(
            itertools.combinations(range(width), count), _MOST_PLACEMENTS
        ):
            row = _row(item, placement, width)
            if all(sums.agrees(row[t], [row[p] for p in parts]) for t, parts in relations):
                fits.append(placement)
        item.candidates = fits or list(
            itertools.islice(itertools.combinations(range(width), count), _MOST_PLACEMENTS)
        )
    _solve(side, sums, width)
    for item in side.items:
        if len(item.candidates) > 1:
            options = " or ".join(
                "/".join(paths[i][-1] if i < len(paths) else str(i) for i in placement)
                for placement in item.candidates[:3]
            )
            figures = " ".join(t.text for t in item.figures)
            diagnostics.append(
                Diagnostic(
                    DiagnosticKind.VALUES_AMBIGUOUS,
                    f"'{item.name or figures}': the PDF text dropped empty cells and the table's "
                    f"sums do not tell where '{figures}' go ({options}): read in order; check the PDF",
                    item.span,
                )
            )
        item.candidates = item.candidates[:1]


def _solve(side: _Side, sums: Precision, width: int) -> None:
    """Keep the placements that let every parent row equal the sum of its children."""
    groups = _sum_groups(side.items)
    # Sums reach from 项 to 款 to 类 to the total row: a few passes settle them.
    for _ in range(_MOST_PASSES):
        changed = [_narrow([parent, *children], sums, width) for parent, children in groups]
        if not any(changed):
            return


def _narrow(members: Sequence[_Item], sums: Precision, width: int) -> bool:
    """Keep the placements of *members* (a parent, then its children) that add up; any left out?"""
    if all(len(m.candidates) <= 1 for m in members):
        return False
    combinations = 1
    for member in members:
        combinations *= len(member.candidates)
    if combinations > _MOST_COMBINATIONS:
        return False
    kept: list[set[tuple[int, ...]]] = [set() for _ in members]
    for choice in itertools.product(*(m.candidates for m in members)):
        rows = [_row(m, c, width) for m, c in zip(members, choice, strict=True)]
        if all(sums.agrees(rows[0][j], [r[j] for r in rows[1:]]) for j in range(width)):
            for slot, placement in zip(kept, choice, strict=True):
                slot.add(placement)
    if not any(kept):
        return False  # the sums do not hold whichever way: the table's own check reports it
    changed = False
    for member, slot in zip(members, kept, strict=True):
        narrowed = [c for c in member.candidates if c in slot]
        if len(narrowed) < len(member.candidates):
            member.candidates = narrowed
            changed = True
    return changed


def _sum_groups(items: Sequence[_Item]) -> list[tuple[_Item, list[_Item]]]:
    """(parent, children) by code, and (total row, top-level rows)."""
    by_code = {item.code: item for item in items if item.code and code_of(item.code)}
    groups: dict[str, list[_Item]] = {}
    for digits, item in by_code.items():
        code = code_of(digits)
        parent = code.parent if code is not None else None
        if parent is not None and str(parent) in by_code:
            groups.setdefault(str(parent), []).append(item)
    found = [(by_code[parent], children) for parent, children in groups.items()]
    depths = [len(digits) for digits in by_code]
    if depths:
        top = [item for digits, item in by_code.items() if len(digits) == min(depths)]
        totals = [item for item in items if not item.code and is_total(item.name)]
        found.extend((total, top) for total in totals[:1])
    return found


# ---------------------------------------------------------------- the grid


def _header_grid(  # noqa: PLR0913 -- what the header rows are built from
    header_lines: Sequence[tuple[Line, list[Token]]],
    sides: Sequence[_Side],
    paths: Sequence[Sequence[tuple[str, ...]]],
    *,
    coded: bool,
    keyed: bool,
    at: int,
) -> list[GridRow]:
    """
    Header rows that give the column paths back: a merged label, then blanks.

    A two-sided table's first row names its sides (收入 | 支出) over each side's
    name and value columns, as the other renderings print it.
    """
    spans = {t.text: Span(t.start, t.end) for _, found in header_lines for t in found}
    where = header_lines[0][0].span if header_lines else Span(at, at)
    two_sided = len(sides) == 2  # noqa: PLR2004
    side_paths = (
        [[(name, *path) for path in p] for name, p in zip(("收入", "支出"), paths, strict=False)]
        if two_sided
        else [list(p) for p in paths]
    )
    depth = max((len(path) for p in side_paths for path in p), default=1)
    rows = []
    for level in range(depth):
        cells: list[GridCell] = []
        for side, columns in zip(sides, side_paths, strict=True):
            last = level == depth - 1
            if two_sided:
                cells.append(
                    _label(
                        ("收入", "支出")[len(cells) > 0]
                        if level == 0
                        else ("项目" if last else ""),
                        spans,
                        where,
                    )
                )
            else:
                if keyed:
                    cells.append(_label("", spans, where))
                if coded:
                    cells.append(_label("科目编码" if last else "", spans, where))
                cells.append(_label("项目" if last else "", spans, where))
            previous: tuple[str, ...] | None = None
            for path in columns[: side.width]:
                prefix = path[: level + 1]
                label = path[level] if level < len(path) else ""
                shown = label if prefix != previous and not (two_sided and level == 0) else ""
                cells.append(_label(shown, spans, where))
                previous = prefix
        rows.append(GridRow(tuple(cells), where))
    return rows


def _label(text: str, spans: dict[str, Span], where: Span) -> GridCell:
    return GridCell(text, False, spans.get(text, Span(where.start, where.start)))  # noqa: FBT003


def _value_cells(side: _Side, item: _Item) -> list[GridCell]:
    """The cells after a row's name: its columns of words, then its figures where placed."""
    end = Span(item.line.span.end, item.line.span.end)
    values = [GridCell("", False, end)] * side.width  # noqa: FBT003
    words = item.pieces
    if side.texts and len(words) > 1:
        # One word for the name, the rest for the columns of words (项目名称).
        item.pieces, rest = words[:1], words[1:]
        for column in range(side.texts):
            taken = rest[column:] if column == side.texts - 1 else rest[column : column + 1]
            if taken:
                text = clean_cell(" ".join(t.text for t in taken))[0]
                values[column] = GridCell(text, False, Span(taken[0].start, taken[-1].end))  # noqa: FBT003
    placement = item.candidates[0] if item.candidates else ()
    for position, token in zip(placement, item.figures, strict=True):
        values[side.texts + position] = GridCell(token.text, False, Span(token.start, token.end))  # noqa: FBT003
    return values


def _data_grid(sides: Sequence[_Side], *, coded: bool) -> list[GridRow]:
    """One grid row per line: each side's code, name and value cells."""
    keyed = len(sides) == 1 and any(item.key for item in sides[0].items)
    lead = 1 + (coded and len(sides) == 1) + keyed  # the key, code and name cells before the values
    by_line: dict[int, list[_Item | None]] = {}
    for number, side in enumerate(sides):
        for item in side.items:
            by_line.setdefault(item.line.start, [None] * len(sides))[number] = item
    rows = []
    for start in sorted(by_line):
        cells: list[GridCell] = []
        spans = []
        wrapped = None
        for side, placed in zip(sides, by_line[start], strict=True):
            if placed is None:
                empty = GridCell("", False, Span(start, start))  # noqa: FBT003
                cells.extend([empty] * (lead + side.width))
                continue
            item = placed
            spans.append(item.span)
            if keyed:
                key = item.key
                where = Span(key.start, key.end) if key else Span(item.line.start, item.line.start)
                cells.append(GridCell(key.text if key else "", bold=False, span=where))
            if coded and len(sides) == 1:
                span = item.code_span or Span(item.line.start, item.line.start)
                cells.append(GridCell(item.code, False, span))  # noqa: FBT003
            if item.wrapped and wrapped is None:
                wrapped = len(cells)
            values = _value_cells(side, item)  # first: it takes the words of 项目名称 off the name
            cells.append(item.name_cell())
            cells.extend(values)
        span = Span(min(s.start for s in spans), max(s.end for s in spans))
        rows.append(GridRow(tuple(cells), span, wrapped=wrapped))
    return rows
