"""
Find the tables of a document.

A table is a block of table lines, with its caption, number, unit and
department above it and its notes below. Two-sided tables are split; tables
cut by page breaks are joined. What this module finds are :class:`RawTable`
tuples; :mod:`cnbudget.tables` types them.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, NamedTuple

from ._grid import Grid, GridRow, Layout, clean_cell
from ._outline import TABLE_NUMBER, contents_cells, is_contents_title
from ._rows import is_total
from ._table_header import is_indicator_header, same_header, split_header
from ._table_layouts import read_grid, read_html
from ._table_plain import extent, is_caption_line, read_plain
from ._table_values import unit_line
from .diagnostics import Diagnostic, DiagnosticKind, Severity
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._text import Line, LineMap
    from .amounts import Unit

_PAGE_BREAK = re.compile(r"\s*-+\s*PAGE_?BREAK\s*-+\s*", re.IGNORECASE)
_DEPARTMENT = re.compile(
    r"(?:编制部门|编制单位|预算单位|预算主管部门|部门|单位名称)\s*[:：]\s*(.*)"
)
_NUMBER_IN_CAPTION = re.compile(r"[（(]\s*[0-9]{1,2}\s*[)）]\s*$")
_NOTE = re.compile(r"注\s*[:：]")
_NOTE_ITEM = re.compile(r"[0-9]+[.．、]")
_EMPTY_NOTE = re.compile(r"空表|无数据")
_HEADING = re.compile(r"#+\s*")
# A line that opens with a block of HTML prose (a page minified onto one line, too).
_HTML_PROSE = re.compile(
    r"<(?:p|div|h[1-6]|li|body|html|section|article|!doctype)\b", re.IGNORECASE
)
_HTML_CELL = re.compile(r"<t[rdh]\b", re.IGNORECASE)
_PIPES = re.compile(r"(?:\s*\|\s*)+")
# How far a caption may sit above its table, in non-blank lines.
_CAPTION_REACH = 6
# How many blank lines a table may span; more start a new block.
_GAP = 2
# How far below its table a sentence saying it is empty (为空表) may come, in lines.
_EMPTY_NOTE_REACH = 2
# How many lines a page break may put between the two parts of a table.
_PAGE_BREAK_REACH = 12
_LONGEST_CAPTION = 60


class RawTable(NamedTuple):
    """A table as found: its grids and what was printed around it."""

    form: list[GridRow]
    header: list[GridRow]
    data: list[GridRow]
    layout: Layout
    caption: str
    number: str
    unit: Unit | None
    department: str | None
    notes: tuple[str, ...]
    side: str | None  # 收入 or 支出, 人员经费 or 公用经费: the half of a table split in two
    diagnostics: tuple[Diagnostic, ...]


class _Block(NamedTuple):
    first: int  # line indices
    last: int
    grid: Grid
    # A later form of performance forms printed one after another: its own table,
    # under the caption of the first.
    later_form: bool = False


def is_page_break(line: str) -> bool:
    """Whether *line* is a page-break marker such as ``-- PAGE_BREAK --``."""
    return "PAGE" in line.upper() and _PAGE_BREAK.fullmatch(line) is not None


def is_table_line(line: str) -> bool:
    """Whether *line* looks like a row of a table (a pipe row, HTML, tab-separated cells)."""
    if "\t" not in line and "|" not in line and "<" not in line:
        return False  # prose: most lines
    stripped = line.strip()
    lowered = stripped.lower()
    if "<table" in lowered or lowered.startswith("<tr"):
        return True
    if stripped.startswith("<") and _HTML_PROSE.match(stripped) and not _HTML_CELL.search(stripped):
        return False  # tabs inside HTML prose (<p>…\t\t…</p>) are white space
    if stripped.startswith("|"):
        # A row holding nothing but a caption or unit is what the next table is.
        filled = [cell.strip() for cell in stripped.strip("|").split("|") if cell.strip()]
        return not filled or not all(_is_context(c) or is_caption_line(c) for c in filled)
    # A tab separates cells, but prose indented with one tab is not a table row.
    cells = line.split("\t")
    if not (len(cells) > 2 or (len(cells) == 2 and bool(cells[0].strip()))):  # noqa: PLR2004
        return False
    # Nor is a caption, unit or department line that another tool ended with " \t".
    filled = [cell.strip() for cell in cells if cell.strip()]
    return not all(_is_context(cell) or is_caption_line(cell) for cell in filled)


def _blocks(source: str, lines: Sequence[Line]) -> list[_Block]:
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        if is_contents_title(lines[index].text):
            index = _after_contents(lines, index)  # 目录 printed as table rows is no table
            continue
        if not is_table_line(lines[index].text):
            plain = _plain_block(source, lines, index)
            blocks.extend([plain] if plain else [])
            index = plain.last + 1 if plain else index + 1
            continue
        last = _block_end(lines, index)
        blocks.extend(_read_block(source, lines, index, last))
        index = last + 1
    # Markup with no rows is no table.
    return [form for block in blocks if block.grid.rows for form in _forms(block)]


def _forms(block: _Block) -> list[_Block]:
    """Performance forms (绩效目标表) printed one after another: each 项目名称 opens one."""
    rows = block.grid.rows
    starts = []
    indicators = False  # an indicator header since the form began: the form has ended
    for index, row in enumerate(rows):
        if is_indicator_header([row]):
            indicators = True
        elif indicators and _FORM_START.fullmatch(_first_text(row)):
            start = index
            while start > 1 and _FORM_LABEL.fullmatch(_first_text(rows[start - 1])):
                start -= 1  # 预算单位 and the like, printed above 项目名称
            starts.append(start)
            indicators = False
    if not starts:
        return [block]
    bounds = [0, *starts, len(rows)]
    return [
        _Block(
            block.first,
            block.last,
            Grid(rows[low:high], block.grid.layout, block.grid.diagnostics if not low else []),
            later_form=bool(low),
        )
        for low, high in itertools.pairwise(bounds)
    ]


_FORM_START = re.compile(r"项目名称[:：]?")
_FORM_LABEL = re.compile(r".{0,8}(?:单位|部门|负责人|联系人|电话)[:：]?")


def _first_text(row: GridRow) -> str:
    return next((cell.text for cell in row.cells if cell.text), "")


def _opens_plain_table(text: str) -> bool:
    """A unit line (单位：元) or a caption line: what a table in plain PDF text starts under."""
    if "元" in text and unit_line(text) is not None:
        return True
    return is_caption_line(text)


def _after_contents(lines: Sequence[Line], index: int) -> int:
    """The line after the contents that start at *index*, whose entries may be table rows."""
    index += 1
    while index < len(lines) and (
        not lines[index].text.strip() or contents_cells(lines[index].text) is not None
    ):
        index += 1
    return index


def _is_context(text: str) -> bool:
    """A blank line, or one that says what the table below is: 部门：…, 单位：元, 表3."""
    line = clean_cell(text)[0]
    return (
        not line
        or unit_line(line) is not None
        or _DEPARTMENT.fullmatch(line) is not None
        or TABLE_NUMBER.fullmatch(line) is not None
    )


def _plain_block(source: str, lines: Sequence[Line], index: int) -> _Block | None:
    """The table in plain PDF text under line *index*, if a unit line or caption opens one."""
    if not _opens_plain_table(lines[index].text):
        return None
    first = index + 1
    while first < len(lines) and first - index <= _CAPTION_REACH and _is_context(lines[first].text):
        first += 1  # the department, unit and number lines between caption and table
    if first - index > _CAPTION_REACH:
        return None
    if first >= len(lines) or is_table_line(lines[first].text):
        return None  # a table another reader takes
    last = extent(lines, first, is_table_line)
    if last is None:
        return None
    block_lines = [line for line in lines[first : last + 1] if line.text.strip()]
    rows, diagnostics = read_plain(source, block_lines)
    return _Block(first, last, Grid(rows, Layout.PLAIN, diagnostics))


def _block_end(lines: Sequence[Line], first: int) -> int:
    """The last line of the block of table lines that starts at *first*."""
    last = first
    if "<table" in lines[first].text.lower():
        # To its end tag; an unclosed table ends at the first blank line.
        while (
            last < len(lines) - 1
            and "</table>" not in lines[last].text.lower()
            and lines[last + 1].text.strip()
        ):
            last += 1
        return last
    probe = first + 1
    while probe < len(lines):
        if is_table_line(lines[probe].text):
            if probe > last + 1 and _ends_before(lines[last].text, lines[probe].text):
                break
            last = probe
            probe += 1
        elif (
            not lines[probe].text.strip() or is_page_break(lines[probe].text)
        ) and probe - last <= _GAP:
            probe += 1
        else:
            break
    return last


def _ends_before(row: str, after_gap: str) -> bool:
    """
    Whether a blank line between two tab-separated rows ends a table.

    It does after a total row (合计) when the rows after it have another number of
    cells: those are the next table's, as two ruled grids one under the other come
    out of a PDF, and joining them would put figures under columns they are not in.
    """
    if "\t" not in row or row.count("\t") == after_gap.count("\t"):
        return False
    return is_total(next((clean_cell(cell)[0] for cell in row.split("\t") if cell.strip()), ""))


def _read_block(source: str, lines: Sequence[Line], first: int, last: int) -> list[_Block]:
    """The grids of the table lines *first* to *last*: one per HTML table in them."""
    start, end = lines[first].start, lines[last].span.end
    text = source[start:end]
    if "<table" in text.lower():
        # Each table of its own, even two on one line.
        found = []
        for table_start, table_end in _html_tables(text):
            rows, diagnostics = read_html(source, start + table_start, start + table_end)
            found.append(_Block(first, last, Grid(rows, Layout.HTML, diagnostics)))
        return found
    block_lines = [
        line
        for line in lines[first : last + 1]
        if line.text.strip() and not is_page_break(line.text)
    ]
    return [_Block(first, last, read_grid(source, block_lines))]


_TABLE_TAG = re.compile(r"<(/?)table\b[^<>]{0,2000}>", re.IGNORECASE)


def _html_tables(text: str) -> list[tuple[int, int]]:
    """Where each top-level ``<table>`` of *text* starts and ends (an unclosed one: the end)."""
    found, depth, start = [], 0, 0
    for tag in _TABLE_TAG.finditer(text):
        if not tag[1]:
            if depth == 0:
                start = tag.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                found.append((start, tag.end()))
    if depth:
        found.append((start, len(text)))
    return found or [(0, len(text))]


class _Context(NamedTuple):
    caption: str
    number: str
    unit: Unit | None
    department: str | None


def _context(lines: Sequence[Line], first: int, floor: int) -> _Context:
    caption = number = ""
    unit: Unit | None = None
    department = None
    seen = 0
    for index in range(first - 1, floor - 1, -1):
        text = _PIPES.sub(" ", lines[index].text).strip()  # a caption printed as a pipe row
        line = clean_cell(_HEADING.sub("", text, count=1))[0]
        if not line:
            continue
        seen += 1
        if seen > _CAPTION_REACH:
            break
        if found := unit_line(line):
            unit = unit or found[0]
            line = line[: found[1]].strip()
        if found_department := _DEPARTMENT.fullmatch(line):
            department = department or found_department[1].strip() or None
        elif TABLE_NUMBER.fullmatch(line):
            number = number or line
        elif (
            not caption and "表" in line and len(line) <= _LONGEST_CAPTION and not _NOTE.match(line)
        ):
            caption = line
            if not number and (found_number := _NUMBER_IN_CAPTION.search(line)):
                number = found_number[0].strip()
        elif caption:
            break
    return _Context(caption, number, unit, department)


def _notes(lines: Sequence[Line], last: int, ceiling: int) -> list[str]:
    notes: list[str] = []
    seen = 0
    for index in range(last + 1, ceiling):
        line = lines[index].text.strip()
        if not line:
            continue
        seen += 1
        empty_table = _EMPTY_NOTE.search(line) and seen <= _EMPTY_NOTE_REACH
        if _NOTE.match(line) or (notes and _NOTE_ITEM.match(line)) or empty_table:
            notes.append(line)
        else:
            break
    return notes


def _sides(header: Sequence[GridRow]) -> tuple[int, str, str] | None:
    """
    Where the second half of a two-sided table starts, and what each half is.

    A 收支总表 prints 收入 | 支出 over its halves; a 决算 基本支出 table prints 人员经费
    and 公用经费 halves side by side, each with its own 科目编码 / 科目名称 / 决算数:
    a header row whose labels repeat from a column on.
    """
    if not header:
        return None
    texts = header[0].texts
    if texts and texts[0].endswith("收入"):
        split = next((i for i, t in enumerate(texts) if i > 0 and t.endswith("支出")), None)
        if split is not None:
            return split, "收入", "支出"
    for number, row in enumerate(header):
        labels = row.texts
        if not labels or not _SIDE_HEADER.fullmatch(labels[0]):
            continue
        for split in range(2, min(len(labels) // 2, _WIDEST_HALF) + 1):
            left = labels[:split]
            if (
                labels[split] == labels[0]
                and labels[split : 2 * split] == left
                and sum(1 for t in left if t) >= 2  # noqa: PLR2004 -- a code or name, and a value
            ):
                # The labels over the halves, if a row above prints them: 人员经费 | 公用经费.
                names = next(
                    (
                        (t[0], t[split])
                        for t in (r.texts for r in header[:number])
                        if len(t) > split and t[0] and t[split]
                    ),
                    ("", ""),
                )
                if "人员" in names[0] and "公用" in names[1]:
                    return split, "人员经费", "公用经费"
                return split, "左", "右"
    return None


# How many columns a half printed beside another has, at most.
_WIDEST_HALF = 12
# What a half's header opens with.
_SIDE_HEADER = re.compile(r".*(?:编码|代码|名称)|项目|科目")


def _cut(grid: Sequence[GridRow], start: int, end: int | None) -> list[GridRow]:
    return [GridRow(row.cells[start:end], row.span) for row in grid]


class _Group(NamedTuple):
    """The blocks of one table: several when page breaks cut it."""

    form: list[GridRow]
    header: list[GridRow]
    data: list[GridRow]
    layout: Layout
    context: _Context
    notes: list[str]
    diagnostics: list[Diagnostic]


def find(source: str, line_map: LineMap) -> list[RawTable]:
    """Every table of *source* (whose lines *line_map* holds), in document order."""
    lines = list(line_map)
    blocks = _blocks(source, lines)
    groups: list[_Group] = []
    previous_end = 0
    for number, block in enumerate(blocks):
        if not block.grid.diagnostics and not any(
            cell.text for row in block.grid.rows for cell in row.cells
        ):
            continue  # <table><tr></tr></table>: markup and nothing in it, no table
        ceiling = blocks[number + 1].first if number + 1 < len(blocks) else len(lines)
        if block.later_form and groups:
            context = groups[-1].context
        else:
            context = _context(lines, block.first, previous_end)
        form, header, data = split_header(block.grid.rows)
        notes = _notes(lines, block.last, ceiling)
        # A page break puts a line at least between two parts of a table.
        near = (
            groups
            and not block.later_form
            and not context.caption
            and 0 <= block.first - previous_end <= _PAGE_BREAK_REACH
        )
        previous_end = block.last + 1
        if near and (how := _continues(groups[-1], header)):
            # A table cut by a page break, with or without its header repeated.
            group = groups[-1]
            group.data.extend(data)
            group.notes.extend(notes)
            at = lines[block.first].start
            group.diagnostics.append(
                Diagnostic(
                    DiagnosticKind.PAGE_BREAK_JOINED,
                    f"rows after a page break ({how}) joined to the table above",
                    Span(at, at),
                    Severity.INFO,
                )
            )
            group.diagnostics.extend(block.grid.diagnostics)
            continue
        diagnostics = list(block.grid.diagnostics)
        if not context.caption and not header:
            diagnostics.append(
                Diagnostic(
                    DiagnosticKind.TABLE_FRAGMENT,
                    "rows without caption or header (a table cut by a page break?) "
                    "kept as their own table",
                    block.grid.rows[0].span,
                )
            )
        groups.append(
            _Group(form, header, list(data), block.grid.layout, context, notes, diagnostics)
        )
    return [table for group in groups for table in _tables(group)]


def _continues(group: _Group, header: Sequence[GridRow]) -> str:
    """How a block continues the table above it, or ``""`` if it does not."""
    if group.data and is_total(next((t for t in group.data[-1].texts if t), "")):
        return ""  # the table above has ended
    if not header:
        return "no header"
    if all(same_header(row, group.header) for row in header):
        return "its header repeated"
    return ""


def _tables(group: _Group) -> list[RawTable]:
    context = group.context

    def table(header: list[GridRow], data: list[GridRow], side: str | None = None) -> RawTable:
        return RawTable(
            group.form,
            header,
            data,
            group.layout,
            context.caption,
            context.number,
            context.unit,
            context.department,
            tuple(group.notes),
            side,
            tuple(group.diagnostics),
        )

    halves = _sides(group.header)
    if halves is None:
        return [table(group.header, group.data)]
    split, first, second = halves
    return [
        table(_cut(group.header, 0, split), _cut(group.data, 0, split), first),
        table(_cut(group.header, split, None), _cut(group.data, split, None), second),
    ]
