"""
Read the cells of a table from its text rendering, keeping where each came from.

PDF converters render one table four ways: tab-separated rows, markdown pipe
tables, HTML ``<table>`` markup (with ``rowspan``/``colspan``) and space-aligned
plain text. Each reader turns its rendering into the same :class:`Grid`:
rows of cells, a merged cell's label in its first position and empty cells in
the rest of its span (the way tab-separated text shows merged headers).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import NamedTuple

from .spans import Span

_MARKUP = re.compile(r"</?(?:b|strong|p|span|br)\s*/?>|\*\*", re.IGNORECASE)
# PDF text breaks long header labels with spaces: 一般公共 预算, 财政专户 （教育收 费）.
_BROKEN = re.compile(r"(?<=[\u3000-\u9fff（）()])[ \u3000]+(?=[\u3000-\u9fff（）()])")


class Cell(NamedTuple):
    """One cell: its text with markup removed, whether it was bold, and where it lies."""

    text: str
    bold: bool
    span: Span
    raw: str = ""  # the cell as written, markup and all: the text at span


class GridRow(NamedTuple):
    """One rendered row and where it lies (for HTML: the ``<tr>`` element)."""

    cells: tuple[Cell, ...]
    span: Span


Grid = list[GridRow]


def clean(raw: str) -> tuple[str, bool]:
    """A cell's text without markup or the spaces PDF text puts inside labels."""
    bold = "<b>" in raw.lower() or "**" in raw or "<strong>" in raw.lower()
    text = _MARKUP.sub("", raw).strip()
    return _BROKEN.sub("", text), bold


def _split_cells(line: str, start: int, separator: str) -> tuple[Cell, ...]:
    cells = []
    position = start
    for raw in line.split(separator):
        text, bold = clean(raw)
        cells.append(Cell(text, bold, Span(position, position + len(raw)), raw))
        position += len(raw) + len(separator)
    return tuple(cells)


def read_tsv(text: str, offset: int = 0) -> Grid:
    """Rows of tab-separated cells; a space before a tab does not count."""
    grid = []
    position = offset
    for line in text.split("\n"):
        if line.strip():
            grid.append(
                GridRow(_split_cells(line, position, "\t"), Span(position, position + len(line)))
            )
        position += len(line) + 1
    return grid


_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_markdown(text: str, offset: int = 0) -> Grid:
    """Rows of a markdown pipe table; the ``|---|`` rule under the header is skipped."""
    grid = []
    position = offset
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and not _MARKDOWN_RULE.match(line):
            start = position + line.index(stripped)
            body = stripped
            if body.startswith("|"):
                body, start = body[1:], start + 1
            body = body.removesuffix("|")
            grid.append(
                GridRow(_split_cells(body, start, "|"), Span(position, position + len(line)))
            )
        position += len(line) + 1
    return grid


_SPACES = re.compile(r"[ \u3000]{2,}")


def read_aligned(text: str, offset: int = 0) -> Grid:
    """Rows of plain text whose cells are separated by runs of two or more spaces."""
    grid = []
    position = offset
    for line in text.split("\n"):
        if line.strip():
            cells = []
            start = 0
            for gap in [*_SPACES.finditer(line), None]:
                end = gap.start() if gap else len(line)
                raw = line[start:end]
                if raw.strip() or gap is not None:
                    text_, bold = clean(raw)
                    cells.append(Cell(text_, bold, Span(position + start, position + end), raw))
                start = gap.end() if gap else end
            grid.append(GridRow(tuple(cells), Span(position, position + len(line))))
        position += len(line) + 1
    return grid


# A merged cell spans at most this many rows or columns: bounds time and memory.
_LARGEST_SPAN = 1000


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
            text, _ = clean("".join(self.cell))
            raw = self.text[self.cell_start : end]
            self.row.append(_RawCell(text, self.bold, *self.spans, self.cell_start, end, raw))
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
    raw: str


def _span(value: str | None) -> int:
    try:
        return min(_LARGEST_SPAN, max(1, int(value or 1)))
    except ValueError:
        return 1


def read_html(text: str, offset: int = 0) -> Grid:
    """Rows of an HTML table; a merged cell's label goes to the first cell it covers."""
    parser = _TableParser(text)
    parser.feed(text)
    parser.close()
    parser._close_row(len(text))  # noqa: SLF001 -- a table whose end tags are all missing
    grid: Grid = []
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan above
    for cells, row_start, row_end in parser.rows:
        out: list[Cell] = []
        queue = list(cells)
        column = 0
        while queue or any(c >= column and n > 0 for c, n in pending.items()):
            if pending.get(column, 0) > 0:
                pending[column] -= 1
                out.append(Cell("", bold=False, span=Span(offset + row_start, offset + row_start)))
                column += 1
                continue
            if not queue:
                break
            cell = queue.pop(0)
            span = Span(offset + cell.start, offset + cell.end)
            for extra in range(cell.colspan):
                out.append(Cell(cell.text if extra == 0 else "", cell.bold, span, cell.raw))
                if cell.rowspan > 1:
                    pending[column] = cell.rowspan - 1
                column += 1
        grid.append(GridRow(tuple(out), Span(offset + row_start, offset + row_end)))
    return grid


def read_grid(text: str, offset: int = 0) -> Grid:
    """The grid of a table block in whichever rendering it is written."""
    if "<table" in text.lower():
        return read_html(text, offset)
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and all(line.lstrip().startswith("|") for line in lines):
        return read_markdown(text, offset)
    if any("\t" in line for line in lines):
        return read_tsv(text, offset)
    return read_aligned(text, offset)
