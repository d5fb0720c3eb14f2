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
from typing import TYPE_CHECKING, NamedTuple

from .errors import display_width
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterator

_NEEDS_CLEANING = re.compile(r"[<*\s\u3000]")
_MARKUP = re.compile(r"</?(?:b|strong|p|span|br)\s*/?>|\*\*", re.IGNORECASE)
# PDF text breaks long header labels with spaces: 一般公共 预算, 财政专户 （教育收 费）.
_BROKEN = re.compile(r"(?<=[\u3000-\u9fff（）()])[ \u3000\r\n]+(?=[\u3000-\u9fff（）()])")


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
    # Plain text only: the cell of a long name wrapped onto the next line and joined back.
    wrapped: int | None = None


Grid = list[GridRow]


def clean(raw: str) -> tuple[str, bool]:
    """A cell's text without markup or the spaces PDF text puts inside labels."""
    text = raw.strip()
    if not _NEEDS_CLEANING.search(text):
        return text, False  # most cells: a number or a name, nothing to clean
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
_NUMBER = re.compile(r"[-－−]?[0-9０-９][0-9０-９,，.．]*%?")
# What starts an item of its own rather than carrying on a name.
_NEW_ITEM = re.compile(
    r"^(?:[0-9]+[.．、]|[一二三四五六七八九十]+、|[（(][0-9一二三四五六七八九十]+[)）]|其中)"
)


def read_aligned(text: str, offset: int = 0) -> Grid:
    """
    Rows of space-aligned plain text, cut at the gutters the lines share.

    A gutter is a run of two or more display columns (汉字 take two) that no line
    writes in; so an empty cell stays a cell. Text that shares no gutter is cut
    at runs of two or more spaces instead.
    """
    lines = []
    position = offset
    for line in text.split("\n"):
        if line.strip():
            lines.append((position, line))
        position += len(line) + 1
    columns = _gutter_columns([line for _, line in lines])
    if columns is None:
        return [_split_on_spaces(line, start) for start, line in lines]
    grid: Grid = []
    for start, line in lines:
        row = _cut_columns(line, start, columns)
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
        or _NEW_ITEM.match(row.cells[name].text)
        or display_width(above.cells[name].text) < high - low - 2
    ):
        return None
    first, last = above.cells[name], row.cells[name]
    # The span covers both lines (and what lies between them on the page).
    joined = Cell(
        first.text + last.text, first.bold or last.bold, Span(first.span.start, last.span.end)
    )
    cells = (*above.cells[:name], joined, *above.cells[name + 1 :])
    return GridRow(cells, Span(above.span.start, row.span.end), wrapped=name)


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def _display_columns(line: str) -> list[int]:
    """The display column each character starts at."""
    starts, column = [], 0
    for char in line:
        starts.append(column)
        column += display_width(char)
    return starts


def _gutter_columns(lines: list[str]) -> list[tuple[int, int]] | None:
    """The display-column ranges of the cells, or ``None`` when the lines share no gutter."""
    written: set[int] = set()
    for line in lines:
        for char, column in zip(line, _display_columns(line), strict=True):
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


def _cut_columns(line: str, start: int, columns: list[tuple[int, int]]) -> GridRow:
    positions = _display_columns(line)
    cells = []
    for low, high in columns:
        inside = [i for i, column in enumerate(positions) if low <= column < high]
        if inside:
            first, last = inside[0], inside[-1] + 1
        else:
            first = last = next(
                (i for i, column in enumerate(positions) if column >= low), len(line)
            )
        raw = line[first:last]
        text, bold = clean(raw)
        cells.append(Cell(text, bold, Span(start + first, start + last), raw))
    return GridRow(tuple(cells), Span(start, start + len(line)))


def _split_on_spaces(line: str, start: int) -> GridRow:
    cells = []
    begin = 0
    for gap in [*_SPACES.finditer(line), None]:
        end = gap.start() if gap else len(line)
        raw = line[begin:end]
        if raw.strip() or gap is not None:
            text, bold = clean(raw)
            cells.append(Cell(text, bold, Span(start + begin, start + end), raw))
        begin = gap.end() if gap else end
    return GridRow(tuple(cells), Span(start, start + len(line)))


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


def read_texts(text: str, offset: int = 0) -> Iterator[tuple[list[str], Span]]:
    """
    Read the cleaned cell texts of each row, with the row's span.

    :func:`read_grid` without the per-cell detail: cheaper for tab-separated text.
    """
    if _layout(text) != "tsv":
        for row in read_grid(text, offset):
            yield [cell.text for cell in row.cells], row.span
        return
    position = offset
    for line in text.split("\n"):
        if line.strip():
            yield [clean(raw)[0] for raw in line.split("\t")], Span(position, position + len(line))
        position += len(line) + 1


def _layout(text: str) -> str:
    """Which rendering a table block is written in."""
    lowered = text.lower()
    if "<table" in lowered or "<tr" in lowered:
        return "html"
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and all(line.lstrip().startswith("|") for line in lines):
        return "markdown"
    if any("\t" in line for line in lines):
        return "tsv"
    return "aligned"


def read_grid(text: str, offset: int = 0) -> Grid:
    """The grid of a table block in whichever rendering it is written."""
    reader = {
        "html": read_html,
        "markdown": read_markdown,
        "tsv": read_tsv,
        "aligned": read_aligned,
    }[_layout(text)]
    return reader(text, offset)
