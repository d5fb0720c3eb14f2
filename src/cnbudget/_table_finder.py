"""
Find the tables of a document.

A table is a block of table lines, with its caption, number, unit and
department above it and its notes below. Two-sided tables are split; tables
cut by page breaks are joined.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ._layouts import Grid, GridRow, clean, read_grid
from .amounts import Unit
from .diagnostics import Diagnostic, Severity
from .spans import Span
from .tables import RowRole, Table, _build, row_role, same_header, split_header

_PAGE_BREAK = re.compile(r"^\s*-+\s*PAGE_?BREAK\s*-+\s*$", re.IGNORECASE)
# A unit may share its line with the department: 编制部门：某局    单位：万元.
_UNIT = re.compile(r"(?:金额)?单位\s*[:：]\s*([千万亿]?元)\s*$")
_DEPARTMENT = re.compile(
    r"^(?:编制部门|编制单位|预算单位|预算主管部门|部门|单位名称)\s*[:：]\s*(.*)$"
)
_NUMBER = re.compile(r"^表\s*[0-9]+$")
_NUMBER_IN_CAPTION = re.compile(r"[（(]\s*[0-9]{1,2}\s*[)）]\s*$")
_NOTE = re.compile(r"^注\s*[:：]")
_EMPTY_NOTE = re.compile(r"空表|无数据")
_HEADING = re.compile(r"^#+\s*")
# How far a caption may sit above its table, in non-blank lines.
_CAPTION_REACH = 6
# How many blank lines a table may span; more start a new block.
_GAP = 2
# How far below its table a sentence saying it is empty (为空表) may come, in lines.
_EMPTY_NOTE_REACH = 2
# How many lines a page break may put between the two parts of a table.
_PAGE_BREAK_REACH = 12


class _Block(NamedTuple):
    first: int  # line indices
    last: int
    grid: Grid


def _is_table_line(line: str) -> bool:
    stripped = line.strip()
    if (
        stripped.startswith("|")
        or "<table" in stripped.lower()
        or stripped.lower().startswith("<tr")
    ):
        return True
    # A tab separates cells, but prose indented with one tab is not a table row.
    cells = line.split("\t")
    return len(cells) > 2 or (len(cells) == 2 and bool(cells[0].strip()))  # noqa: PLR2004


def _blocks(lines: list[str], starts: list[int]) -> list[_Block]:
    blocks: list[_Block] = []
    index = 0
    while index < len(lines):
        if not _is_table_line(lines[index]):
            index += 1
            continue
        first = last = index
        if "<table" in lines[index].lower():
            # To its end tag; an unclosed table ends at the first blank line.
            while (
                last < len(lines) - 1
                and "</table>" not in lines[last].lower()
                and lines[last + 1].strip()
            ):
                last += 1
        else:
            probe = index + 1
            while probe < len(lines):
                if _is_table_line(lines[probe]):
                    last = probe
                    probe += 1
                elif (
                    not lines[probe].strip() or _PAGE_BREAK.match(lines[probe])
                ) and probe - last <= _GAP:
                    probe += 1
                else:
                    break
        text = "\n".join(lines[first : last + 1])
        if "<table" in text.lower():
            # Each table of its own, even two on one line.
            blocks.extend(
                _Block(first, last, read_grid(text[start:end], starts[first] + start))
                for start, end in _html_tables(text)
            )
        else:
            blocks.append(_Block(first, last, read_grid(text, starts[first])))
        index = last + 1
    return [block for block in blocks if block.grid]  # markup with no rows is no table


_TABLE_TAG = re.compile(r"<(/?)table\b[^>]*>", re.IGNORECASE)


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


def _context(lines: list[str], first: int, floor: int) -> _Context:
    caption = number = ""
    unit: Unit | None = None
    department = None
    seen = 0
    for index in range(first - 1, floor - 1, -1):
        line = clean(_HEADING.sub("", lines[index].strip()))[0]
        if not line:
            continue
        seen += 1
        if seen > _CAPTION_REACH:
            break
        if found := _UNIT.search(line):
            unit = unit or Unit(found[1])
            line = line[: found.start()].strip()
        if found := _DEPARTMENT.match(line):
            department = department or found[1].strip() or None
        elif _NUMBER.match(line):
            number = number or line
        elif not caption and "表" in line and len(line) <= 60 and not _NOTE.match(line):  # noqa: PLR2004
            caption = line
            if not number and (found := _NUMBER_IN_CAPTION.search(line)):
                number = found[0].strip()
        elif caption:
            break
    return _Context(caption, number, unit, department)


def _notes(lines: list[str], last: int, ceiling: int) -> tuple[str, ...]:
    notes: list[str] = []
    seen = 0
    for index in range(last + 1, ceiling):
        line = lines[index].strip()
        if not line:
            continue
        seen += 1
        empty_table = _EMPTY_NOTE.search(line) and seen <= _EMPTY_NOTE_REACH
        if _NOTE.match(line) or (notes and re.match(r"^[0-9]+[.．、]", line)) or empty_table:
            notes.append(line)
        else:
            break
    return tuple(notes)


def _sides(header: Grid) -> int | None:
    """The column where the 支出 side of a two-sided 收支 table starts, if it is one."""
    if not header:
        return None
    texts = [c.text for c in header[0].cells]
    if not texts or not texts[0].endswith("收入"):
        return None
    return next((i for i, t in enumerate(texts) if i > 0 and t.endswith("支出")), None)


def _cut(grid: Grid, start: int, end: int | None) -> Grid:
    return [GridRow(row.cells[start:end], row.span) for row in grid]


class _Group(NamedTuple):
    """The blocks of one table: several when page breaks cut it."""

    form: Grid
    header: Grid
    data: Grid
    context: _Context
    notes: list[str]
    diagnostics: list[Diagnostic]


def find(text: str) -> list[Table]:
    """Every table of *text*, in document order."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    blocks = _blocks(lines, starts)
    groups: list[_Group] = []
    previous_end = 0
    for number, block in enumerate(blocks):
        ceiling = blocks[number + 1].first if number + 1 < len(blocks) else len(lines)
        context = _context(lines, block.first, previous_end)
        form, header, data = split_header(block.grid)
        notes = list(_notes(lines, block.last, ceiling))
        # A page break puts a line at least between two parts of a table.
        near = (
            groups and not context.caption and 0 <= block.first - previous_end <= _PAGE_BREAK_REACH
        )
        previous_end = block.last + 1
        if near and (how := _continues(groups[-1], header)):
            # A table cut by a page break, with or without its header repeated.
            group = groups[-1]
            group.data.extend(data)
            group.notes.extend(notes)
            group.diagnostics.append(
                Diagnostic(
                    "page-break-joined",
                    f"rows after a page break ({how}) joined to the table above",
                    Span(starts[block.first], starts[block.first]),
                    Severity.INFO,
                )
            )
            continue
        diagnostics = []
        if not context.caption and not header:
            diagnostics.append(
                Diagnostic(
                    "table-fragment",
                    "rows without caption or header (a table cut by a page break?) "
                    "kept as their own table",
                    block.grid[0].span if block.grid else None,
                )
            )
        groups.append(_Group(form, header, list(data), context, notes, diagnostics))
    return [table for group in groups for table in _tables(group)]


def _continues(group: _Group, header: Grid) -> str:
    """How a block continues the table above it, or ``""`` if it does not."""
    if group.data and _role(group.data[-1]) is RowRole.TOTAL:
        return ""  # the table above has ended
    if not header:
        return "no header"
    if all(same_header(row, group.header) for row in header):
        return "its header repeated"
    return ""


def _role(row: GridRow) -> RowRole:
    name = next((c.text for c in row.cells if c.text), "")
    return row_role(name)


def _tables(group: _Group) -> list[Table]:
    header, data, context = group.header, group.data, group.context
    common = {
        "caption": context.caption,
        "unit": context.unit,
        "number": context.number,
        "department": context.department,
        "notes": tuple(group.notes),
        "diagnostics": tuple(group.diagnostics),
        "form": group.form,
    }
    split = _sides(header)
    if split is None:
        return [_build(header, data, **common)]  # type: ignore[arg-type]
    income = _build(_cut(header, 0, split), _cut(data, 0, split), side="收入", **common)  # type: ignore[arg-type]
    spending = _build(_cut(header, split, None), _cut(data, split, None), side="支出", **common)  # type: ignore[arg-type]
    return [income, spending]


__all__ = ["find"]
