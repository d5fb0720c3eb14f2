"""
Read the cells of a table from its text rendering, keeping where each came from.

PDF converters render one table several ways: tab-separated rows, markdown pipe
tables, HTML ``<table>`` markup (with ``rowspan``/``colspan``) and space-aligned
plain text. Each reader turns its rendering into the same grid: rows of cells,
a merged cell's label in its first position and empty cells in the rest of its
span (the way tab-separated text shows merged headers).

Readers take the whole source text and the lines of the block (from the
document's one :class:`~cnbudget._text.LineMap`), so every span points into the
source without offset arithmetic.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, NamedTuple

from ._grid import Grid, GridCell, GridRow, Layout, clean_cell
from ._rows import NEW_ITEM
from ._table_plain import read_plain
from ._text import display_columns, display_width
from .diagnostics import Diagnostic, DiagnosticKind, Severity
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ._text import Line


def _cell(source: str, start: int, end: int) -> GridCell:
    text, bold = clean_cell(source[start:end])
    return GridCell(text, bold, Span(start, end))


def _split_cells(source: str, start: int, end: int, separator: str) -> tuple[GridCell, ...]:
    cells = []
    position = start
    while True:
        cut = source.find(separator, position, end)
        if cut < 0:
            cells.append(_cell(source, position, end))
            return tuple(cells)
        cells.append(_cell(source, position, cut))
        position = cut + len(separator)


def read_tsv(source: str, lines: Sequence[Line]) -> list[GridRow]:
    """Rows of tab-separated cells; a space before a tab does not count."""
    return [
        GridRow(_split_cells(source, line.span.start, line.span.end, "\t"), line.span)
        for line in lines
    ]


def is_markdown_rule(line: str) -> bool:
    """Whether *line* is the ``|---|:--:|`` rule under a markdown table's header."""
    stripped = line.strip()
    if "--" not in stripped or stripped.strip("|:- \t"):
        return False  # a character no rule has: checked first, in one pass
    cells = stripped.strip("|").split("|")
    return all(re.fullmatch(r"[ \t]*:?-{2,}:?[ \t]*", cell) for cell in cells)


def read_markdown(source: str, lines: Sequence[Line]) -> list[GridRow]:
    """Rows of a markdown pipe table; the ``|---|`` rule under the header is skipped."""
    grid = []
    for line in lines:
        if is_markdown_rule(line.text):
            continue
        start, end = line.span.start, line.span.end
        while start < end and source[start].isspace():
            start += 1
        while end > start and source[end - 1].isspace():
            end -= 1
        if start < end and source[start] == "|":
            start += 1
        if end > start and source[end - 1] == "|":
            end -= 1
        grid.append(GridRow(_split_cells(source, start, end, "|"), line.span))
    return grid


_SPACES = re.compile(r"[ \u3000]{2,}")
_NUMBER = re.compile(r"[-－−]?[0-9０-９][0-9０-９,，.．]*%?")


def read_aligned(source: str, lines: Sequence[Line]) -> list[GridRow]:  # noqa: ARG001 -- a reader's signature
    """
    Rows of space-aligned plain text, cut at the gutters the lines share.

    A gutter is a run of two or more display columns (汉字 take two) that no line
    writes in; so an empty cell stays a cell. Text that shares no gutter is cut
    at runs of two or more spaces instead.
    """
    columns = _gutter_columns([line.text for line in lines])
    if columns is None:
        return [_split_on_spaces(line) for line in lines]
    grid: list[GridRow] = []
    for line in lines:
        row = _cut_columns(line, columns)
        if grid and (joined := _join_wrapped(grid[-1], row, columns)) is not None:
            grid[-1] = joined
        else:
            grid.append(row)
    return grid


def _join_wrapped(above: GridRow, row: GridRow, columns: list[tuple[int, int]]) -> GridRow | None:
    """
    *above* with *row* joined to it, if *row* only carries on its name.

    PDF text wraps a long name onto the next line (``机关事业单位基本养老保险缴`` /
    ``费支出``): a line with one cell, under the name of a row with numbers that
    fills its column to the edge, continues that name, unless it starts a new
    item (``2.``, ``其中：``). A guess: the table reports each one.
    """
    filled = [i for i, cell in enumerate(row.cells) if cell.text]
    words = [i for i, cell in enumerate(above.cells) if cell.text and not _is_number(cell.text)]
    numbers = any(_is_number(cell.text) for cell in above.cells)
    if above.wrapped is not None or len(filled) != 1 or not numbers or not words:
        return None
    name = next((i for i in words if not above.cells[i].text.isdigit()), words[0])
    low, high = columns[name]
    if (
        filled[0] != name
        or _is_number(row.cells[name].text)
        or NEW_ITEM.match(row.cells[name].text)
        or display_width(above.cells[name].text) < high - low - 2
    ):
        return None
    first, last = above.cells[name], row.cells[name]
    # The span covers both lines (and what lies between them on the page).
    joined = GridCell(
        first.text + last.text, first.bold or last.bold, Span(first.span.start, last.span.end)
    )
    cells = (*above.cells[:name], joined, *above.cells[name + 1 :])
    return GridRow(cells, Span(above.span.start, row.span.end), wrapped=name)


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def _gutter_columns(lines: list[str]) -> list[tuple[int, int]] | None:
    """The display-column ranges of the cells, or ``None`` when the lines share no gutter."""
    written: set[int] = set()
    for line in lines:
        for char, column in zip(line, display_columns(line), strict=True):
            if not char.isspace():
                written.update(range(column, column + display_width(char)))
    if not written:
        return None
    ranges: list[tuple[int, int]] = []
    start = previous = min(written)
    for column in sorted(written)[1:]:
        if column - previous > 2:  # noqa: PLR2004 -- a gutter: two blank columns or more
            ranges.append((start, previous + 1))
            start = column
        previous = column
    ranges.append((start, previous + 1))
    return ranges if len(ranges) > 1 else None


def _cut_columns(line: Line, columns: list[tuple[int, int]]) -> GridRow:
    text, start = line.text, line.start
    positions = display_columns(text)
    cells = []
    index = 0  # characters before it lie in earlier columns
    for low, high in columns:
        while index < len(positions) and positions[index] < low:
            index += 1
        first = last = index
        while last < len(positions) and positions[last] < high:
            last += 1
        index = last
        cells.append(_cell_of(text, start, first, last))
    return GridRow(tuple(cells), line.span)


def _cell_of(text: str, start: int, first: int, last: int) -> GridCell:
    raw = text[first:last]
    # The span covers the cell's characters, not the padding around them.
    left = len(raw) - len(raw.lstrip())
    right = len(raw.rstrip())
    cell_text, bold = clean_cell(raw)
    if right <= left:
        return GridCell(cell_text, bold, Span(start + first, start + first))
    return GridCell(cell_text, bold, Span(start + first + left, start + first + right))


def _split_on_spaces(line: Line) -> GridRow:
    text, start = line.text, line.start
    cells = []
    begin = 0
    for gap in [*_SPACES.finditer(text), None]:
        end = gap.start() if gap else len(text)
        raw = text[begin:end]
        if raw.strip() or gap is not None:
            cells.append(_cell_of(text, start, begin, end))
        begin = gap.end() if gap else end
    return GridRow(tuple(cells), line.span)


# ---------------------------------------------------------------- HTML

# A merged cell spans at most this many rows or columns.
_LARGEST_SPAN = 1000
# And a table grows to at most this many cells per character of its markup, with
# some to spare: a real table writes at least `<td>` for a few cells it spans.
_CELLS_PER_CHARACTER = 2
_SPARE_CELLS = 1000
# Markup that starts a tag, a comment or a declaration without ever ending it:
# CPython's html.parser rescans such a run from every '<' (quadratic), so the
# reader blanks those '<' out first and says so.
_UNTERMINATED_TAG = re.compile(r"<(?=[A-Za-z/!?])[^<>]*(?=<|\Z)")


class _TableParser(HTMLParser):
    """
    Collect the rows of the first ``<table>``, as HTML5 allows them to be written.

    End tags of cells and rows may be left out; a nested table's words belong to
    the cell that holds it; later tables are left for their own block.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.rows: list[tuple[list[_RawCell], int, int]] = []
        self.row: list[_RawCell] | None = None
        self.row_start = 0
        self.cell: list[str] | None = None
        self.cell_start = 0
        self.spans = (1, 1)
        self.bold = False
        # Tables open around the parser's position; rows without a <table> count too.
        self.depth = 0 if "<table" in text.lower() else 1
        self.done = False

    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def _end_of_tag(self) -> int:
        return self.text.find(">", self._position()) + 1

    def _close_cell(self, end: int) -> None:
        if self.cell is not None and self.row is not None:
            text, _ = clean_cell("".join(self.cell))
            self.row.append(_RawCell(text, self.bold, *self.spans, self.cell_start, end))
        self.cell = None

    def _close_row(self, end: int) -> None:
        self._close_cell(end)
        if self.row is not None:
            self.rows.append((self.row, self.row_start, end))
        self.row = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth += 1
        if self.depth != 1:
            return  # outside the table, or inside a nested one
        if tag == "tr":
            self._close_row(self._position())
            self.row, self.row_start = [], self._position()
        elif tag in {"td", "th"} and self.row is not None:
            self._close_cell(self._position())
            values = dict(attrs)
            self.cell, self.cell_start = [], self._position()
            self.spans = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self.bold = tag == "th"
        elif tag in {"b", "strong"}:
            self.bold = True
        elif tag in {"br", "p"} and self.cell:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if self.done:
            return
        if tag == "table":
            self.depth -= 1
            if self.depth == 0:
                self._close_row(self._position())
                self.done = True
        elif self.depth == 1 and tag in {"td", "th"}:
            self._close_cell(self._end_of_tag())
        elif self.depth == 1 and tag == "tr":
            self._close_row(self._end_of_tag())

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.done:
            self.cell.append(data)


class _RawCell(NamedTuple):
    text: str
    bold: bool
    rowspan: int
    colspan: int
    start: int
    end: int


def _span(value: str | None) -> int:
    try:
        return min(_LARGEST_SPAN, max(1, int(value or 1)))
    except ValueError:
        return 1


def _defused(text: str) -> tuple[str, int]:
    """*text* with the '<' of unterminated tags and comments blanked, and how many."""
    count = 0

    def blank(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return " " + match[0][1:]

    text = _UNTERMINATED_TAG.sub(blank, text)
    # A comment with no end after it: every '<!--' there.
    last_end = text.rfind("-->")
    tail = text[last_end + 3 :] if last_end >= 0 else text
    if "<!--" in tail:
        count += tail.count("<!--")
        text = text[: len(text) - len(tail)] + tail.replace("<!--", " !--")
    return text, count


def read_html(source: str, start: int, end: int) -> tuple[list[GridRow], list[Diagnostic]]:
    """
    Rows of an HTML table; a merged cell's label goes to the first cell it covers.

    The grid a table may expand to through ``rowspan`` and ``colspan`` is bounded
    by the size of its markup; what is cut is reported, as is markup that never ends.
    """
    text, unterminated = _defused(source[start:end])
    diagnostics = []
    if unterminated:
        diagnostics.append(
            Diagnostic(
                DiagnosticKind.MARKUP_UNTERMINATED,
                f"{unterminated} tags or comments never end: read as text",
                Span(start, end),
                Severity.INFO,
            )
        )
    parser = _TableParser(text)
    parser.feed(text)
    parser.close()
    parser._close_row(len(text))  # noqa: SLF001 -- a table whose end tags are all missing
    grid, cut = _expand_spans(parser.rows, start, _CELLS_PER_CHARACTER * len(text) + _SPARE_CELLS)
    if cut:
        diagnostics.append(
            Diagnostic(
                DiagnosticKind.SPAN_TRUNCATED,
                "rowspan/colspan larger than the table's markup can hold: read as single cells",
                Span(start, end),
            )
        )
    return grid, diagnostics


class _SpannedRow:
    """One grid row being filled, with the rowspans above that still cover columns."""

    def __init__(self, pending: dict[int, int], here: Span) -> None:
        self.cells: list[GridCell] = []
        self.pending = pending  # column -> rows still covered by a rowspan above
        self.here = here

    def fill_pending(self, until: int | None = None) -> None:
        """The columns a rowspan above still covers, up to *until* (None: all)."""
        out = self.cells
        while (until is None or len(out) < until) and self.pending.get(len(out), 0) > 0:
            self.pending[len(out)] -= 1
            out.append(GridCell("", False, self.here))  # noqa: FBT003

    def fill_right(self) -> None:
        """The columns to the right of the last cell that rowspans above still cover."""
        out = self.cells
        for column in sorted(c for c, n in self.pending.items() if n > 0 and c >= len(out)):
            while len(out) < column:
                out.append(GridCell("", False, self.here))  # noqa: FBT003
            self.fill_pending(column + 1)


def _expand_spans(
    rows: Sequence[tuple[Sequence[_RawCell], int, int]], start: int, budget: int
) -> tuple[list[GridRow], bool]:
    """
    The grid of *rows*, each merged cell spread over what it covers.

    At most *budget* cells in all come from ``rowspan``/``colspan``; a cell that
    would pass it is read as a single cell, and the second value says so.
    """
    grid: list[GridRow] = []
    pending: dict[int, int] = {}
    cut = False
    for cells, row_start, row_end in rows:
        row = _SpannedRow(pending, Span(start + row_start, start + row_start))
        for cell in cells:
            row.fill_pending()
            span = Span(start + cell.start, start + cell.end)
            colspan, rowspan = cell.colspan, cell.rowspan
            if colspan * rowspan > budget:
                colspan = rowspan = 1
                cut = True
            budget -= colspan * rowspan
            for extra in range(colspan):
                row.cells.append(GridCell(cell.text if extra == 0 else "", cell.bold, span))
                if rowspan > 1:
                    pending[len(row.cells) - 1] = rowspan - 1
        row.fill_right()
        grid.append(GridRow(tuple(row.cells), Span(start + row_start, start + row_end)))
    return grid, cut


# ---------------------------------------------------------------- any rendering


def layout_of(source: str, lines: Sequence[Line]) -> Layout:
    """Which rendering a table block is written in."""
    if any("<t" in source[line.span.start : line.span.end].lower() for line in lines):
        block = source[lines[0].start : lines[-1].span.end].lower()
        if "<table" in block or "<tr" in block:
            return Layout.HTML
    if lines and all(line.text.lstrip().startswith("|") for line in lines):
        return Layout.MARKDOWN
    if any(" \t" in line.text for line in lines):
        return Layout.PLAIN  # another tool's text: cells joined by space + TAB, empty ones gone
    if any("\t" in line.text for line in lines):
        return Layout.TSV
    if any(_SPACES.search(line.text.strip()) for line in lines):
        return Layout.ALIGNED
    return Layout.PLAIN


def read_grid(source: str, lines: Sequence[Line]) -> Grid:
    """The grid of a table block (its non-blank *lines*) in whichever rendering it is written."""
    if not lines:
        return Grid([], Layout.TSV, [])
    layout = layout_of(source, lines)
    if layout is Layout.HTML:
        rows, diagnostics = read_html(source, lines[0].start, lines[-1].span.end)
        return Grid(rows, layout, diagnostics)
    if layout is Layout.PLAIN:
        rows, diagnostics = read_plain(source, lines)
        return Grid(rows, layout, diagnostics)
    reader = {
        Layout.MARKDOWN: read_markdown,
        Layout.TSV: read_tsv,
        Layout.ALIGNED: read_aligned,
    }[layout]
    return Grid(reader(source, lines), layout, [])


def read_texts(source: str, lines: Sequence[Line]) -> Iterator[tuple[list[str], Span]]:
    """
    Read the cleaned cell texts of each row, with the row's span.

    :func:`read_grid` without the per-cell detail: cheaper for tab-separated text.
    """
    if not lines:
        return
    if layout_of(source, lines) is not Layout.TSV:
        for row in read_grid(source, lines).rows:
            yield row.texts, row.span
        return
    for line in lines:
        yield [clean_cell(raw)[0] for raw in line.text.split("\t")], line.span
