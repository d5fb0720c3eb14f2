"""
Read a table's header.

Where the data starts, the column paths of merged headers, which column names
the rows, and the header printed again after a page break.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._numbers import plain_number
from ._rows import could_be_code, is_total, split_row
from .diagnostics import Diagnostic, DiagnosticKind, Severity
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._grid import GridCell, GridRow
    from ._rows import Split

_SERIAL_HEADER = {"序号", "编号"}
_SERIAL = re.compile(r"[0-9]{1,3}")
_HEADER_WORD = re.compile(r"(?:类|款|项|目|科目|项\s*目|.*(?:编码|代码|名称)|收入|支出|预算数)")
# The header of the indicators of a performance table (绩效目标表), which opens
# with a form: 项目名称, 项目负责人, 年度目标 … above its indicators.
_INDICATOR_HEADER = {"一级指标", "三级指标"}
_NAME_HEADER = re.compile(r"(?:.*名称|项目|项目名称)")


# Digits in the shape of a number that plain_number does not read.
_NUMBERISH = re.compile(r"[-+−]?[0-9][0-9,.]*(?:[eE][-+]?[0-9]+)?%?")


def _is_data_row(cells: Sequence[GridCell]) -> bool:
    texts = [c.text for c in cells]
    if next((t for t in texts if t), "") == "栏次":
        return False  # 决算 tables number their columns under the header: 栏次 | 1 | 2
    if any(plain_number(t) is not None or _NUMBERISH.fullmatch(t) for t in texts[1:]):
        # A figure, or one the text layer broke (1.5E3, 1.2.3): a data row whose
        # cell is flagged, not a header row that would take the row away.
        return True
    parts, name, _ = split_row(texts)
    return bool(parts and name)


def _serial(cells: Sequence[GridCell]) -> bool:
    return bool(cells) and _SERIAL.fullmatch(cells[0].text) is not None


def _lone_total(cells: Sequence[GridCell]) -> bool:
    """A row holding nothing but a 合计/总计 label: an empty table's total row."""
    words = [c.text for c in cells if c.text]
    return len(words) == 1 and is_total(words[0])


def is_indicator_header(header: Sequence[GridRow]) -> bool:
    """Whether the header is that of the indicators of a performance table."""
    return any({cell.text for cell in row.cells} >= _INDICATOR_HEADER for row in header)


def split_header(grid: Sequence[GridRow]) -> tuple[list[GridRow], list[GridRow], list[GridRow]]:
    """A table's form rows (of a performance table), header rows and data rows."""
    for index, row in enumerate(grid):
        if {cell.text for cell in row.cells} >= _INDICATOR_HEADER:
            return list(grid[:index]), [row], list(grid[index + 1 :])
    first = first_data_row(grid)
    return [], list(grid[:first]), list(grid[first:])


def first_data_row(grid: Sequence[GridRow]) -> int:
    """
    Where the data rows of a table start.

    The first row with numbers or a code is data (in an empty table, the last
    row, its total); so are the rows just above it that hold nothing but a row
    label (an empty line item such as ``一、一般公共服务支出``), unless the
    label is a header word (科目名称) or 合计 over a column.
    """
    first = next((i for i, row in enumerate(grid) if _is_data_row(row.cells)), len(grid))
    if grid and grid[0].cells and grid[0].cells[0].text in _SERIAL_HEADER:
        # Under 序号, the first numbered row is data even with no figures (单位情况表).
        first = next((i for i, row in enumerate(grid[:first]) if i and _serial(row.cells)), first)
    if first == len(grid) and grid and _lone_total(grid[-1].cells):
        # An empty table: headers, then a total row with no values.
        first = len(grid) - 1
    if not grid:
        return 0
    # Where the first data row prints its label; an empty line item's label sits
    # there too, while a lone header label sits over a value column.
    label_at = _label_position(grid[min(first, len(grid) - 1)].cells)
    while first > 1:
        cells = grid[first - 1].cells
        words = [c.text for c in cells if c.text]
        if (
            len(words) != 1
            or _HEADER_WORD.fullmatch(words[0])
            or is_total(words[0])
            or _label_position(cells) > label_at
        ):
            break
        first -= 1
    return first


def _label_position(cells: Sequence[GridCell]) -> int:
    """The column of a row's first cell that is neither empty nor a code part."""
    return next(
        (i for i, c in enumerate(cells) if c.text and not could_be_code(c.text)), len(cells)
    )


def header_paths(header: Sequence[GridRow], width: int) -> list[tuple[str, ...]]:
    """Column paths from merged header rows: a label spans right until the next label."""
    paths: list[list[str]] = [[] for _ in range(width)]
    bounds = {0, width}  # where the groups of the row above start
    for row in header:
        texts = [c.text for c in row.cells] + [""] * (width - len(row.cells))
        starts = set(bounds)
        label = ""
        for column in range(width):
            if column in bounds:
                label = ""  # a group above ends here: so does this row's label
            if texts[column]:
                label = texts[column]
                starts.add(column)
            if label and (not paths[column] or paths[column][-1] != label):
                paths[column].append(label)
        bounds = starts
    return [tuple(path) for path in paths]


def width(header: Sequence[GridRow], data: Sequence[GridRow], first_value: int) -> int:
    """
    How many columns the table has.

    A trailing column with no label of its own and no value (a tab at the end
    of every line) is not a column.
    """
    rows = [*header, *data]
    columns = max([len(r.cells) for r in rows] or [first_value])
    filled = {i for row in rows for i, cell in enumerate(row.cells) if cell.text}
    while columns > first_value + 1 and columns - 1 not in filled:
        columns -= 1
    return columns


def name_column(header: Sequence[GridRow], data: Sequence[GridRow], split: Sequence[Split]) -> int:
    """The column of the rows' names: where coded rows print them, or the header says."""
    coded = [
        next(i for i, c in enumerate(row.cells) if c.text and c.text.endswith(name))
        for row, (parts, name, _) in zip(data, split, strict=True)
        if parts and name
    ]
    if coded:
        return max(coded)
    for row in header:
        for index, cell in enumerate(row.cells):
            if cell.text == "三级指标":  # an indicator is named by its 三级指标
                return index
    for row in reversed(header):
        for index, cell in enumerate(row.cells):
            if _NAME_HEADER.fullmatch(cell.text):
                return index
    return 0


def figures_only(header: Sequence[GridRow], data: Sequence[GridRow]) -> bool:
    """
    Whether the rows print no name at all: figures from the first column on.

    A “三公” table prints one row under a header that opens with 合计; its first
    figure is the 合计 column, not the row's name.
    """
    if not header or not data:
        return False
    first = next((row.cells[0].text for row in header if row.cells and row.cells[0].text), "")
    if not first or _NAME_HEADER.fullmatch(first) or _HEADER_WORD.fullmatch(first):
        return False
    return all(
        row.cells
        and plain_number(row.cells[0].text) is not None
        and all(not c.text or plain_number(c.text) is not None for c in row.cells)
        for row in data
    )


def _labels(row: GridRow) -> tuple[str, ...]:
    return tuple(c.text for c in row.cells if c.text)


def same_header(row: GridRow, header: Sequence[GridRow]) -> bool:
    """Whether *row* prints the same labels as one of the *header* rows."""
    labels = _labels(row)
    return bool(labels) and any(labels == _labels(h) for h in header)


def without_repeated_headers(
    header: Sequence[GridRow], data: Sequence[GridRow]
) -> tuple[list[GridRow], list[Diagnostic]]:
    """The data without the header printed again after a page break, and a note of it."""
    printed = {labels for h in header if (labels := _labels(h))}
    kept = [row for row in data if _labels(row) not in printed]
    if len(kept) == len(data):
        return list(data), []
    first = next(row for row in data if _labels(row) in printed)
    message = "the header is repeated after a page break; the rows below it are joined"
    found = Diagnostic(DiagnosticKind.PAGE_BREAK_JOINED, message, first.span, Severity.INFO)
    return kept, [found]


def ambiguous_columns(
    paths: Sequence[tuple[str, ...]], header: Sequence[GridRow]
) -> list[Diagnostic]:
    """A warning for columns that read the same header: header rows out of line with the data."""
    seen: dict[tuple[str, ...], int] = {}
    problems = []
    for index, path in enumerate(paths):
        if path in seen and path:
            message = (
                f"columns {seen[path]} and {index} both read '{'/'.join(path)}': "
                "the header rows may be out of line with the data"
            )
            problems.append(
                Diagnostic(
                    DiagnosticKind.HEADER_AMBIGUOUS, message, header[-1].span if header else None
                )
            )
        seen.setdefault(path, index)
    return problems


def names_units(header: Sequence[GridRow]) -> bool:
    """Whether the header is that of a list of units: 单位名称 | 单位性质."""
    labels = {cell.text for row in header for cell in row.cells}
    return "单位名称" in labels and bool(
        labels & {"单位性质", "单位级次", "单位类型", "序号", "备注"}
    )


def span_of(rows: Sequence[GridRow]) -> Span | None:
    """From the first row's start to the last row's end."""
    return Span(rows[0].span.start, rows[-1].span.end) if rows else None
