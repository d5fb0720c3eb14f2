r"""
The standard tables of a budget disclosure, typed.

:func:`find_tables` finds every table of a document written as tab-separated
rows, markdown pipes or HTML ``<table>``, with its caption, number, kind, unit,
department line and notes, and joins tables cut by page breaks;
:func:`parse_table` reads one table block in any of these renderings, and also
space-aligned plain text (where an empty cell cannot be told from a gap).

>>> table = parse_table(
...     "科目编码\t科目名称\t合计\t基本支出\n"
...     "208\t社会保障和就业支出\t26.60\t26.60\n"
...     "合计\t\t26.60\t26.60",
...     unit=Unit.TEN_THOUSAND_YUAN,
... )
>>> row = table.rows[0]
>>> row.code, row.name, row["基本支出"].value
(<Code '208'>, '社会保障和就业支出', <Amount '26.60万元'>)
>>> table.rows[-1].role
<RowRole.TOTAL: 'total'>
"""

from __future__ import annotations

import enum
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from . import _grammar
from ._layouts import Cell as GridCell
from ._layouts import GridRow, clean, read_grid
from ._rows import complete_code, could_be_code, split_row
from .amounts import (
    Amount,
    Percentage,
    Quantity,
    Unit,
)
from .codes import Code
from .diagnostics import Diagnostic, Severity
from .numerals import exact_sum, plain_number
from .spans import Span
from .trees import CodeRow, CodeTree

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import pandas as pd

__all__ = [
    "Cell",
    "Column",
    "Row",
    "RowRole",
    "Table",
    "TableKind",
    "find_tables",
    "parse_table",
]


def __dir__() -> list[str]:
    return __all__


class TableKind(str, enum.Enum):
    """The standard tables of 部门预算公开 and 部门决算公开, by their usual names."""

    SUMMARY = "收支总表"
    INCOME = "收入总表"
    EXPENDITURE = "支出总表"
    FISCAL_SUMMARY = "财政拨款收支总表"
    GENERAL_PUBLIC = "一般公共预算支出表"
    GENERAL_PUBLIC_BASIC = "一般公共预算基本支出表"
    GENERAL_PUBLIC_PROJECT = "一般公共预算项目支出表"
    THREE_PUBLIC = "“三公”经费支出表"
    GOVERNMENT_FUND = "政府性基金预算支出表"
    STATE_CAPITAL = "国有资本经营预算支出表"
    PROJECT = "项目支出表"
    ENTRUSTED = "委托业务费支出表"
    CARRYOVER = "上年结转结余情况表"
    PROCUREMENT = "政府采购预算表"
    PROJECT_PERFORMANCE = "项目绩效目标表"
    DEPARTMENT_PERFORMANCE = "部门整体绩效目标表"
    UNITS = "单位情况表"
    FINAL_SUMMARY = "收入支出决算总表"
    FINAL_INCOME = "收入决算表"
    FINAL_EXPENDITURE = "支出决算表"
    FINAL_FISCAL_SUMMARY = "财政拨款收入支出决算总表"
    OTHER = "其他"

    def __str__(self) -> str:
        return self.value


# Caption patterns, most specific first: captions vary (部门收支总体情况表,
# 收支预算总表, 部门财务收支预算总表 …) but keep these words.
_KINDS = [
    (TableKind.FINAL_FISCAL_SUMMARY, r"财政拨款收入支出决算总表"),
    (TableKind.FINAL_SUMMARY, r"收入支出决算总表"),
    (TableKind.THREE_PUBLIC, r"三公"),
    (TableKind.PROJECT_PERFORMANCE, r"项目.*绩效"),
    (TableKind.DEPARTMENT_PERFORMANCE, r"(?:部门|单位)?整体绩效"),
    (TableKind.FISCAL_SUMMARY, r"财政拨款收支"),
    # 预算 and 决算 versions alike: 一般公共预算财政拨款基本支出决算表.
    (TableKind.GENERAL_PUBLIC_BASIC, r"一般公共预算(?:财政拨款)?基本支出"),
    (TableKind.GENERAL_PUBLIC_PROJECT, r"一般公共预算(?:财政拨款)?项目支出"),
    (TableKind.GENERAL_PUBLIC, r"一般公共预算(?:财政拨款)?(?:拨款)?支出"),
    (TableKind.GOVERNMENT_FUND, r"政府性基金"),
    (TableKind.STATE_CAPITAL, r"国有资本经营"),
    (TableKind.FINAL_INCOME, r"收入决算表"),
    (TableKind.FINAL_EXPENDITURE, r"支出决算表"),
    (TableKind.ENTRUSTED, r"委托业务费"),
    (TableKind.CARRYOVER, r"上年结转结余"),
    (TableKind.PROCUREMENT, r"政府采购"),
    (TableKind.PROJECT, r"项目支出"),
    (TableKind.UNITS, r"单位(?:情况|构成)"),
    (TableKind.SUMMARY, r"收支(?:总体情况|预算总|总)|财务收支"),
    (TableKind.INCOME, r"收入(?:总体情况|预算总|总)"),
    (TableKind.EXPENDITURE, r"支出(?:总体情况|预算总|总)"),
]


def table_kind(caption: str) -> TableKind:
    """The kind of table a caption names, or :attr:`TableKind.OTHER`."""
    caption = clean(caption)[0]
    for kind, pattern in _KINDS:
        if re.search(pattern, caption):
            return kind
    return TableKind.OTHER


class RowRole(str, enum.Enum):
    """Whether a row is a detail row or a total."""

    DETAIL = "detail"
    SUBTOTAL = "subtotal"  # 小计
    TOTAL = "total"  # 合计, 总计, 收入总计 …

    def __str__(self) -> str:
        return self.value


_TOTAL = re.compile(r"^(?:[一二三四五六七八九十]+、)?(?:本年)?(?:收入|支出)?(?:合计|总计)[:：]?$")


def row_role(name: str) -> RowRole:
    """The role of a row from its name: 合计/总计 rows are totals, 小计 subtotals."""
    name = re.sub(r"\s+", "", name)
    if _TOTAL.match(name):
        return RowRole.TOTAL
    if name in {"小计", "其中：小计"}:
        return RowRole.SUBTOTAL
    return RowRole.DETAIL


@attrs.frozen
class Column:
    """
    A value column, named by its header path from merged multi-row headers.

    Attributes:
        path: The header labels from the top row down, such as
            ``("本年收入", "一般公共预算")``.
    """

    path: tuple[str, ...]

    @property
    def name(self) -> str:
        """The lowest header label (``""`` when the column has none)."""
        return self.path[-1] if self.path else ""

    def __str__(self) -> str:
        return "/".join(self.path)


CellValue = Amount | Percentage | Quantity | Decimal | str | None


@attrs.frozen
class Cell:
    """
    One value cell: its text as printed and what it means.

    Attributes:
        raw: The text, markup removed, otherwise verbatim.
        value: An :class:`~cnbudget.amounts.Amount` in the table's unit for a
            number in a money table, a :class:`~cnbudget.amounts.Percentage` or
            :class:`~cnbudget.amounts.Quantity` for a phrase, a
            :class:`~decimal.Decimal` for a number without a unit, the text
            itself for words, ``None`` for an empty cell or ``-``.
        diagnostic: Why a cell in a numeric column is not a number, if it is not.
        span: Where the cell lies in the text.
    """

    raw: str
    value: CellValue = None
    diagnostic: str | None = None
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class Row:
    """
    A data row: its code, name and cells in column order.

    Attributes:
        code: The classification code, completed from the rows above, if any.
        name: The row's label (科目名称 or 项目).
        key: What the row prints before its name that is not a classification
            code: a 序号 or a 单位代码 such as ``028001``.
        cells: One cell per value column of the table.
        role: Detail, subtotal or total.
        level: Indentation: the code's depth below 类, or the depth of the
            numbering (一、 → 0, （一） → 1, 其中 → 2) for rows without a code.
        emphasis: Whether the row's name or values were printed bold.
        span: Where the row lies in the text.
    """

    code: Code | None
    name: str
    cells: tuple[Cell, ...]
    key: str = ""
    role: RowRole = RowRole.DETAIL
    level: int = 0
    emphasis: bool = False
    span: Span | None = attrs.field(default=None, eq=False)
    columns: tuple[Column, ...] = attrs.field(default=(), eq=False, repr=False)

    def __getitem__(self, key: int | str | Column) -> Cell:
        """
        The cell of a column.

        By index, :class:`Column`, path (``"基本支出/人员经费"``) or lowest header
        label (``"人员经费"``), which must name one column.

        Raises:
            KeyError: no column, or several, answer to *key*.
        """
        if isinstance(key, int):
            return self.cells[key]
        found = [
            index
            for index, column in enumerate(self.columns)
            if (column == key if isinstance(key, Column) else key in {column.name, str(column)})
        ]
        if len(found) > 1 and isinstance(key, str):
            # A full path wins over a shared lowest label.
            found = [index for index in found if str(self.columns[index]) == key] or found
        if len(found) != 1:
            paths = ", ".join(str(self.columns[index]) for index in found)
            msg = f"{key!r} names {len(found)} columns" + (f": {paths}" if paths else "")
            raise KeyError(msg)
        return self.cells[found[0]]


@attrs.frozen
class Table:
    """
    One table of a disclosure.

    Attributes:
        caption: The caption as printed (markup removed), ``""`` if none.
        number: The number as printed: ``表 1``, ``(01)``, ``表1``.
        kind: Which standard table it is.
        unit: The money unit of its amounts (``单位：万元``), if stated.
        department: The 编制部门/预算单位/部门 line's value, if any.
        columns: The value columns.
        rows: The data rows, in order.
        notes: Notes printed under it (``注：…``, ``…为空表。``).
        form: The filled cells of each row above the indicators of a performance
            table (项目名称, 项目负责人, 年度目标 …), as printed.
        side: For a two-sided table split in two: ``"收入"`` or ``"支出"``.
        diagnostics: What was uncertain: joined page breaks, fragments, …
        span: Where it lies in the text.
    """

    caption: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    number: str = ""
    kind: TableKind = TableKind.OTHER
    unit: Unit | None = None
    department: str | None = None
    notes: tuple[str, ...] = ()
    form: tuple[tuple[str, ...], ...] = ()
    side: str | None = None
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def is_empty(self) -> bool:
        """No cell holds a non-zero value, or a note says the table is empty (空表)."""
        if any("空表" in note or "无数据" in note for note in self.notes):
            return True
        return not any(_nonzero(cell.value) for row in self.rows for cell in row.cells)

    def tree(self) -> CodeTree:
        """The :class:`~cnbudget.trees.CodeTree` of the coded rows."""
        return CodeTree.from_rows(
            CodeRow(row.code, row.name, tuple(_number(c.value) for c in row.cells), row.span)
            for row in self.rows
            if row.code is not None
        )

    def column_sums(self) -> tuple[Decimal | None, ...]:
        """Each column summed over the detail rows of the top level, as numbers."""
        levels = [row.level for row in self.rows if row.code is not None]
        top = min(levels, default=None)
        rows = [
            row
            for row in self.rows
            if row.role is RowRole.DETAIL and (top is None or row.level == top)
        ]
        sums: list[Decimal | None] = []
        for index in range(len(self.columns)):
            values = [v for row in rows if (v := _number(row.cells[index].value)) is not None]
            sums.append(exact_sum(values) if values else None)
        return tuple(sums)

    def to_pandas(self) -> pd.DataFrame:
        """
        The rows as a :class:`pandas.DataFrame`, one column per header path.

        Values stay exact :class:`~decimal.Decimal` (``object`` columns).
        Needs the ``pandas`` extra: ``pip install cnbudget[pandas]``.
        """
        try:
            import pandas as pd  # noqa: PLC0415 -- an optional extra, imported when asked for
        except ImportError:
            msg = "Table.to_pandas() needs pandas: pip install 'cnbudget[pandas]'"
            raise ImportError(msg) from None
        return pd.DataFrame.from_records(self.to_records())

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per row: code, name, role and each column's value (for JSON, CSV)."""
        records = []
        for row in self.rows:
            record: dict[str, object] = {
                "code": str(row.code) if row.code else None,
                "name": row.name,
                "role": row.role.value,
            }
            for column, cell in zip(self.columns, row.cells, strict=True):
                record[str(column)] = _plain(cell.value)
            records.append(record)
        return records


def _nonzero(value: CellValue) -> bool:
    number = _number(value)
    return (number is not None and number != 0) or isinstance(value, str)


def _number(value: CellValue) -> Decimal | None:
    if isinstance(value, Amount):
        return value.value
    if isinstance(value, Decimal):
        return value
    return None


def _plain(value: CellValue) -> object:
    if isinstance(value, Amount):
        return value.value
    if isinstance(value, (Percentage, Quantity)):
        return str(value)
    return value


# ---------------------------------------------------------------- reading one table

_EMPTY = {"", "-", "—", "--", "/", "－"}
_NOT_MONEY = re.compile(r"序号|数量|权重|分值|人数|个数|编码|代码|级次|比例|率|性质|年度|时间")
_NUMBERING_LEVEL = [
    (re.compile(r"^[一二三四五六七八九十]+、"), 0),
    (re.compile(r"^[（(][一二三四五六七八九十]+[)）]"), 1),
    (re.compile(r"^[0-9]+[、.．]"), 1),
    (re.compile(r"^(?:其中[:：]|[（(][0-9]+[)）])"), 2),
]


def _is_data_row(cells: Sequence[GridCell]) -> bool:
    texts = [c.text for c in cells]
    if next((t for t in texts if t), "") == "栏次":
        return False  # 决算 tables number their columns under the header: 栏次 | 1 | 2
    if any(plain_number(t) is not None for t in texts[1:]):
        return True
    parts, name, _ = split_row(texts)
    return bool(parts and name)


_SERIAL_HEADER = {"序号", "编号"}


def _serial(cells: Sequence[GridCell]) -> bool:
    return bool(cells) and re.fullmatch(r"[0-9]{1,3}", cells[0].text) is not None


def _lone_total(cells: Sequence[GridCell]) -> bool:
    """A row holding nothing but a 合计/总计 label: an empty table's total row."""
    words = [c.text for c in cells if c.text]
    return len(words) == 1 and row_role(words[0]) is RowRole.TOTAL


_HEADER_WORD = re.compile(r"^(?:类|款|项|目|科目|项\s*目|.*(?:编码|代码|名称)|收入|支出|预算数)$")


# The header of the indicators of a performance table (绩效目标表), which opens
# with a form: 项目名称, 项目负责人, 年度目标 … above its indicators.
_INDICATOR_HEADER = {"一级指标", "三级指标"}


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
            or _HEADER_WORD.match(words[0])
            or row_role(words[0]) is RowRole.TOTAL
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


def _header_paths(header: Sequence[GridRow], width: int) -> list[tuple[str, ...]]:
    """Column paths from merged header rows: a label spans right until the next label."""
    paths: list[list[str]] = [[] for _ in range(width)]
    bounds = [0, width]  # where the groups of the row above start
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
        bounds = sorted(starts)
    return [tuple(path) for path in paths]


def _value(cell: GridCell | None, *, money: bool, unit: Unit | None) -> CellValue:
    text = cell.text if cell else ""
    if cell is None or text in _EMPTY:
        return None
    # Where the text lies in the document: exactly, unless cleaning changed it.
    inside = cell.raw.find(text)
    at = cell.span.start + max(inside, 0)
    number = plain_number(text)
    if number is not None:
        if money and unit is not None:
            return Amount(number, unit, source=text, span=Span(at, at + len(text)))
        return number
    if _PHRASE_HINT.search(text):
        for start in ("percentage", "quantity", "amount"):
            value = _grammar.attempt(text, start)
            if isinstance(value, (Amount, Percentage, Quantity)):
                located = _grammar.locate(value, text, 0)
                assert located.span is not None  # noqa: S101 -- parsed values have spans
                return attrs.evolve(located, span=located.span.shift(at))
    return text


def _numeric_columns(data: Sequence[GridRow], first_value: int, width: int) -> list[bool]:
    """Which columns hold numbers: most of their filled cells, and at least two."""
    numeric = []
    for index in range(first_value, first_value + width):
        texts = [
            row.cells[index].text
            for row in data
            if index < len(row.cells) and row.cells[index].text not in _EMPTY
        ]
        numbers = sum(1 for text in texts if plain_number(text) is not None)
        numeric.append(numbers >= 2 and numbers * 2 > len(texts))  # noqa: PLR2004
    return numeric


# Only text with a digit (or 百分之) can be a phrase: skip names without trying.
_PHRASE_HINT = re.compile(r"[0-9０-９]|百分之")


def _level(code: Code | None, name: str) -> int:
    if code is not None:
        return code.level.depth - 1
    for pattern, level in _NUMBERING_LEVEL:
        if pattern.match(name):
            return level
    return 0


def parse_table(
    text: str,
    *,
    caption: str = "",
    unit: Unit | None = None,
    offset: int = 0,
) -> Table:
    """
    Read one table block in any rendering: header rows, then data rows.

    Args:
        text: The block: its rows only, without caption or unit lines.
        caption: The caption, if known, to tell the table's kind.
        unit: The money unit the amounts are in (``单位：万元``).
        offset: Where *text* starts in a larger document, for spans.
    """
    form, header, data = split_header(read_grid(text, offset))
    return _build(header, data, caption=caption, unit=unit, form=form)


def _build(  # noqa: PLR0913 -- what the finder learnt around the block
    header: Sequence[GridRow],
    data: Sequence[GridRow],
    *,
    caption: str,
    unit: Unit | None,
    number: str = "",
    department: str | None = None,
    notes: tuple[str, ...] = (),
    side: str | None = None,
    diagnostics: tuple[Diagnostic, ...] = (),
    form: Sequence[GridRow] = (),
) -> Table:
    data, found = _repeated_headers(header, data)
    diagnostics = (*diagnostics, *found, *_wrapped_lines(data))
    split = [split_row([c.text for c in row.cells]) for row in data]
    first_value = _name_column(header, data, split) + 1
    width = _width(header, data, first_value)
    columns = tuple(Column(path) for path in _header_paths(header, width)[first_value:])
    diagnostics = (*diagnostics, *_ambiguous_columns(columns, header))
    if unit is None:
        unit = _unit_in(c.text for r in header for c in r.cells)
    reader = _RowReader(
        columns,
        first_value,
        unit,
        numeric=_numeric_columns(data, first_value, len(columns)),
        indicators=bool(form) or _is_indicator_header(header),
    )
    rows = tuple(reader.rows(data, split))
    spans = [r.span for r in [*form, *header, *data]]
    return Table(
        caption,
        columns,
        rows,
        form=tuple(tuple(c.text for c in row.cells if c.text) for row in form),
        number=number,
        kind=table_kind(caption) if caption else _kind_from_header(header),
        unit=unit,
        department=department,
        notes=notes,
        side=side,
        diagnostics=diagnostics,
        span=Span(spans[0].start, spans[-1].end) if spans else None,
    )


def _width(header: Sequence[GridRow], data: Sequence[GridRow], first_value: int) -> int:
    """
    How many columns the table has.

    A trailing column with no label of its own and no value (a tab at the end
    of every line) is not a column.
    """
    width = max([len(r.cells) for r in [*header, *data]] or [first_value])
    while width > first_value + 1 and not any(
        width - 1 < len(row.cells) and row.cells[width - 1].text for row in [*header, *data]
    ):
        width -= 1
    return width


def _ambiguous_columns(columns: Sequence[Column], header: Sequence[GridRow]) -> list[Diagnostic]:
    """A warning for columns that read the same header: header rows out of line with the data."""
    seen: dict[Column, int] = {}
    problems = []
    for index, column in enumerate(columns):
        if column in seen and column.path:
            message = (
                f"columns {seen[column]} and {index} both read '{column}': "
                "the header rows may be out of line with the data"
            )
            problems.append(
                Diagnostic("header-ambiguous", message, header[-1].span if header else None)
            )
        seen.setdefault(column, index)
    return problems


def _kind_from_header(header: Sequence[GridRow]) -> TableKind:
    """The kind of a table without a caption, where its header says: 单位名称 | 单位性质."""
    labels = {cell.text for row in header for cell in row.cells}
    if "单位名称" in labels and labels & {"单位性质", "单位级次", "单位类型"}:
        return TableKind.UNITS
    return TableKind.OTHER


def _repeated_headers(
    header: Sequence[GridRow], data: Sequence[GridRow]
) -> tuple[list[GridRow], list[Diagnostic]]:
    """The data without the header printed again after a page break, and a note of it."""
    repeated = [row for row in data if same_header(row, header)]
    if not repeated:
        return list(data), []
    message = "the header is repeated after a page break; the rows below it are joined"
    found = Diagnostic("page-break-joined", message, repeated[0].span, Severity.INFO)
    return [row for row in data if row not in repeated], [found]


def _wrapped_lines(data: Sequence[GridRow]) -> list[Diagnostic]:
    """A note of each name plain text wrapped onto two lines and the reader joined."""
    return [
        Diagnostic(
            "wrapped-line-joined",
            f"'{row.cells[row.wrapped].text}' was printed on two lines and read as one: check it",
            row.span,
            Severity.INFO,
        )
        for row in data
        if row.wrapped is not None
    ]


@attrs.define
class _RowReader:
    """Turns grid rows into typed rows, carrying codes (and 指标 labels) down the table."""

    columns: tuple[Column, ...]
    first_value: int  # the first value column; the name is in the one before
    unit: Unit | None
    numeric: list[bool]  # columns of numbers, where words get a diagnostic
    indicators: bool  # a performance table: 一级/二级指标 are merged down their rows
    money: list[bool] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        self.money = [not _NOT_MONEY.search(str(column)) for column in self.columns]

    def rows(
        self, data: Sequence[GridRow], split: Sequence[tuple[list[tuple[int, str]], str, list[str]]]
    ) -> Iterator[Row]:
        context: list[str] = []  # the code parts of the row above: ["208", "05"]
        above = [""] * self.first_value  # the labels before the name, carried down
        for row, (parts, label, _) in zip(data, split, strict=True):
            if not any(c.text for c in row.cells):
                continue  # a row only the other side of a two-sided table fills
            code = complete_code(parts, context) if parts and label else None
            context = list(code.parts) if code is not None else ([] if label else context)
            labels = [
                row.cells[i].text if i < len(row.cells) else "" for i in range(self.first_value)
            ]
            if self.indicators:
                above = [text or carried for text, carried in zip(labels, above, strict=True)]
                name, key = above[-1], " / ".join(text for text in above[:-1] if text)
            elif code is None:
                # The name column holds the name; what comes before it is a key (序号, 028001).
                filled = [text for text in labels if text]
                name = labels[-1] or (filled[0] if filled else "")
                key = " ".join(text for text in filled if text != name)
            else:
                name, key = label, ""
            yield Row(
                code,
                name,
                self._cells(row),
                key=key,
                role=row_role(name),
                level=_level(code, name),
                emphasis=any(c.bold for c in row.cells),
                span=row.span,
                columns=self.columns,
            )

    def _cells(self, row: GridRow) -> tuple[Cell, ...]:
        cells = []
        for index in range(len(self.columns)):
            position = self.first_value + index
            grid_cell = row.cells[position] if position < len(row.cells) else None
            raw = grid_cell.text if grid_cell else ""
            value = _value(grid_cell, money=self.money[index], unit=self.unit)
            problem = None
            if self.numeric[index] and isinstance(value, str):
                problem = f"'{raw}' is not a number, in a column of numbers"
            cells.append(Cell(raw, value, problem, grid_cell.span if grid_cell else None))
        return tuple(cells)


def _is_indicator_header(header: Sequence[GridRow]) -> bool:
    return any({cell.text for cell in row.cells} >= _INDICATOR_HEADER for row in header)


def same_header(row: GridRow, header: Sequence[GridRow]) -> bool:
    """Whether *row* prints the same labels as one of the *header* rows."""
    texts = [c.text for c in row.cells if c.text]
    return bool(texts) and any(texts == [c.text for c in h.cells if c.text] for h in header)


_NAME_HEADER = re.compile(r"^(?:.*名称|项目|项目名称)$")


def _name_column(
    header: Sequence[GridRow],
    data: Sequence[GridRow],
    split: Sequence[tuple[list[tuple[int, str]], str, list[str]]],
) -> int:
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
            if _NAME_HEADER.match(cell.text):
                return index
    return 0


_UNIT_IN_TEXT = re.compile(r"[（(]\s*([千万亿]?元)\s*[)）]")


def _unit_in(texts: Iterator[str] | Sequence[str]) -> Unit | None:
    for text in texts:
        found = _UNIT_IN_TEXT.search(text)
        if found:
            return Unit(found[1])
    return None


def find_tables(text: str) -> list[Table]:
    """Every table of a document; see :mod:`cnbudget.tables`."""
    from ._table_finder import find  # noqa: PLC0415 -- one concept per module

    return find(text)
