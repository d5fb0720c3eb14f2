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
import itertools
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from . import _html, _table_finder
from ._grid import clean_cell
from ._numbers import exact_sum
from ._rows import complete_code, is_subtotal, is_total, split_row
from ._table_checks import Checked, CheckedRow, check_sides, self_check
from ._table_header import (
    ambiguous_columns,
    figures_only,
    header_paths,
    is_indicator_header,
    name_column,
    names_units,
    span_of,
    split_header,
    width,
    without_repeated_headers,
)
from ._table_layouts import read_grid
from ._table_plain import is_caption_line
from ._table_values import CellValue, cell_value, is_money, numeric_columns, unit_in, unit_line
from ._text import LineMap, Nesting, lines_of, numbering
from .amounts import Amount, Percentage, Quantity, Unit
from .diagnostics import Diagnostic, DiagnosticKind, Severity
from .trees import CodeRow, CodeTree

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    import pandas as pd

    from ._grid import GridRow
    from ._rows import Split
    from ._table_finder import RawTable
    from .codes import Code
    from .spans import Span

__all__ = [
    "Cell",
    "Column",
    "Row",
    "RowRole",
    "Side",
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
    (TableKind.PROJECT_PERFORMANCE, r"绩效目标"),
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
    (TableKind.UNITS, r"单位(?:情况|构成|名单|清单|明细)|编制范围|所属(?:预算)?单位"),
    (TableKind.SUMMARY, r"收支(?:总体情况|预算总|总)|财务收支"),
    (TableKind.INCOME, r"收入(?:总体情况|预算总|总)"),
    (TableKind.EXPENDITURE, r"支出(?:总体情况|预算总|总)"),
]


def table_kind(caption: str) -> TableKind:
    """The kind of table a caption names, or :attr:`TableKind.OTHER`."""
    caption = clean_cell(caption)[0]
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


def row_role(name: str) -> RowRole:
    """The role of a row from its name: 合计/总计 rows are totals, 小计 subtotals."""
    if is_total(name):
        return RowRole.TOTAL
    if is_subtotal(name):
        return RowRole.SUBTOTAL
    return RowRole.DETAIL


class Side(str, enum.Enum):
    """The half of a table printed as two side by side, and split in two."""

    INCOME = "收入"  #: a 收支总表's 收入 half
    EXPENDITURE = "支出"  #: its 支出 half
    PERSONNEL = "人员经费"  #: a 基本支出 table's 人员经费 half (302 beside 301)
    PUBLIC = "公用经费"  #: its 公用经费 half
    LEFT = "左"  #: the left half of another table printed side by side
    RIGHT = "右"  #: its right half

    def __str__(self) -> str:
        return self.value


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
    diagnostic: Diagnostic | None = None
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen(repr=False)
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

    def __repr__(self) -> str:
        code = f"{self.code} " if self.code else ""
        values = " | ".join(cell.raw for cell in self.cells)
        return f"<Row {code}{self.name!r}: {values}>"

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


@attrs.frozen(repr=False)
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
        side: For a two-sided table split in two: :attr:`Side.INCOME` (收入) or
            :attr:`Side.EXPENDITURE` (支出).
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
    side: Side | None = attrs.field(default=None, converter=attrs.converters.optional(Side))
    diagnostics: tuple[Diagnostic, ...] = attrs.field(default=(), eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def __repr__(self) -> str:
        side = f" {self.side}" if self.side else ""
        unit = f" {self.unit}" if self.unit else ""
        return f"<Table {self.kind}{side}{unit} {len(self.rows)}×{len(self.columns)}>"

    def _repr_html_(self) -> str:
        """The table as a notebook shows it: header rows merged, problem cells coloured."""
        depth = max((len(column.path) for column in self.columns), default=1)
        # A label spans the columns under it, and down to the data when nothing is under it.
        header: list[list[tuple[str, int, int]]] = [[("编码", 1, depth), ("名称", 1, depth)]]
        header += [[] for _ in range(depth - 1)]
        for level in range(depth):
            for _, group in itertools.groupby(self.columns, key=lambda c: c.path[: level + 1]):
                columns = list(group)
                path = columns[0].path
                if level < len(path):
                    tall = depth - level if len(path) == level + 1 else 1
                    header[level].append((path[level], len(columns), tall))
                elif not path and level == 0:
                    header[0].append(("", len(columns), depth))
        problems = [d for d in self.diagnostics if d.span is not None]
        body = []
        for row in self.rows:
            found = [
                d
                for d in problems
                if row.span and d.span and row.span.start <= d.span.start < row.span.end
            ]
            cells = [_html.Cell(str(row.code or row.key)), _html.Cell(row.name)]
            cells += [
                _html.Cell(
                    cell.raw,
                    number=_number(cell.value) is not None,
                    severity=cell.diagnostic.severity.value if cell.diagnostic else "",
                    problem=cell.diagnostic.message if cell.diagnostic else "",
                )
                for cell in row.cells
            ]
            if found:
                cells[1] = cells[1]._replace(
                    severity=found[0].severity.value, problem="; ".join(d.message for d in found)
                )
            body.append((cells, "total" if row.role is RowRole.TOTAL else ""))
        unit = f"（单位：{self.unit}）" if self.unit else ""
        caption = f"{self.caption or '(no caption)'} — {self.kind}{unit}, {len(self.rows)}×{len(self.columns)}"
        notes = (
            _html.items(
                ((d.severity.value, f"{d.kind}: {d.message}") for d in self.diagnostics),
                summary=f"{len(self.diagnostics)} diagnostics",
            )
            if self.diagnostics
            else ""
        )
        return _html.block(_html.grid(caption, header, body), notes)

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

    @property
    def total(self) -> Row | None:
        """
        The grand-total row (总计, else the first 合计), or ``None``.

        A two-sided 收支总表 is split in two, so each side has its own.
        """
        totals = [row for row in self.rows if row.role is RowRole.TOTAL]
        return next((row for row in totals if "总计" in row.name), totals[0] if totals else None)

    def column_sums(self) -> tuple[Decimal | None, ...]:
        """
        Each column summed over the detail rows of the top level, as numbers.

        The top level is the coded rows whose parent the table does not print
        (功能分类 类), or, in a table without codes, the rows numbered 一、二、…
        (not the 1. 2. or 其中 rows under them): what a total row should equal.
        """
        coded = {row.code for row in self.rows if row.code is not None}
        if coded:
            rows = [
                row
                for row in self.rows
                if row.code is not None and not any(a in coded for a in row.code.ancestors)
            ]
        else:
            rows = [row for row in self.rows if row.role is RowRole.DETAIL and row.level == 0]
        sums: list[Decimal | None] = []
        for index in range(len(self.columns)):
            values = [v for row in rows if (v := _number(row.cells[index].value)) is not None]
            sums.append(exact_sum(values) if values else None)
        return tuple(sums)

    def to_pandas(self, *, floats: bool = False) -> pd.DataFrame:
        """
        The rows as a :class:`pandas.DataFrame`: ``code``, ``name``, ``level``, ``role``, then one column per value column.

        Values stay exact :class:`~decimal.Decimal` (``object`` columns; a
        percentage or a quantity as its text), or, with *floats*, ``float64``
        columns (text cells become ``NaN``), for plotting and statistics. A
        header of merged cells (``基本支出`` over ``人员经费`` and ``公用经费``)
        gives a :class:`pandas.MultiIndex` of the header rows, the row columns
        at its top level (``("code", "")``). The frame's ``attrs`` hold the
        table's caption, kind and unit. Needs the ``pandas`` extra:
        ``pip install cnbudget[pandas]``; raises :class:`ImportError` saying so
        without it.
        """
        try:
            import pandas as pd  # noqa: PLC0415 -- an optional extra, imported when asked for
        except ImportError:
            msg = "Table.to_pandas() needs pandas: pip install 'cnbudget[pandas]'"
            raise ImportError(msg) from None
        depth = max((len(column.path) for column in self.columns), default=1)
        labels: list[tuple[str, ...]] = [
            (name, *[""] * (depth - 1)) for name in ("code", "name", "level", "role")
        ]
        labels += [(*c.path, *[""] * (depth - len(c.path))) for c in self.columns]
        rows = [
            [
                str(row.code) if row.code else None,
                row.name,
                row.code.level.value if row.code else None,
                row.role.value,
                *(_figure(cell.value, floats=floats) for cell in row.cells),
            ]
            for row in self.rows
        ]
        columns = pd.MultiIndex.from_tuples(labels) if depth > 1 else [c[0] for c in labels]
        frame = pd.DataFrame(rows, columns=columns)
        if floats:  # by position: two columns may have the same header
            for index in range(4, len(labels)):
                frame.isetitem(index, frame.iloc[:, index].astype("float64"))
        frame.attrs.update(
            caption=self.caption, kind=self.kind.value, unit=self.unit.value if self.unit else None
        )
        return frame

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


def _figure(value: CellValue, *, floats: bool) -> object:
    """A cell for a data frame: its number (a float with *floats*), else its text, or ``None``."""
    number = _number(value)
    if number is not None:
        return float(number) if floats else number
    if floats:
        return None
    return _plain(value)


def _plain(value: CellValue) -> object:
    if isinstance(value, Amount):
        return value.value
    if isinstance(value, (Percentage, Quantity)):
        return str(value)
    return value


# ---------------------------------------------------------------- reading one table


def _build(raw: RawTable, source: str, *, unit: Unit | None = None) -> Table:
    """Type a table as found (or as given to :func:`parse_table`)."""
    header = raw.header
    data, found = without_repeated_headers(header, raw.data)
    diagnostics = (*raw.diagnostics, *found, *_wrapped_lines(data))
    split = [split_row(row.texts) for row in data]
    first_value = 0 if figures_only(header, data) else name_column(header, data, split) + 1
    paths = header_paths(header, width(header, data, first_value))[first_value:]
    diagnostics = (*diagnostics, *ambiguous_columns(paths, header))
    columns = tuple(Column(path) for path in paths)
    unit = unit or raw.unit or unit_in([raw.caption, *(c.text for r in header for c in r.cells)])
    reader = _RowReader(
        source,
        columns,
        first_value,
        unit,
        numeric=numeric_columns(data, first_value, len(columns)),
        indicators=bool(raw.form) or is_indicator_header(header),
    )
    rows = tuple(reader.rows(data, split))
    kind = table_kind(raw.caption) if raw.caption else TableKind.OTHER
    if kind is TableKind.OTHER and names_units(header):
        kind = TableKind.UNITS  # 序号 | 单位名称 | 备注 under a caption that names no table
    table = Table(
        raw.caption,
        columns,
        rows,
        form=tuple(tuple(c.text for c in row.cells if c.text) for row in raw.form),
        number=raw.number,
        kind=kind,
        unit=unit,
        department=raw.department,
        notes=raw.notes,
        side=raw.side,
        diagnostics=diagnostics,
        span=span_of([*raw.form, *header, *data]),
    )
    return attrs.evolve(table, diagnostics=(*diagnostics, *self_check(_checked(table))))


def _checked(table: Table) -> Checked:
    """What the table checks read of *table*."""
    rows = tuple(
        CheckedRow(
            row.code,
            row.name,
            tuple(cell.raw for cell in row.cells),
            tuple(_number(cell.value) for cell in row.cells),
            row.span,
        )
        for row in table.rows
    )
    return Checked(tuple(column.path for column in table.columns), rows)


def _wrapped_lines(data: Sequence[GridRow]) -> list[Diagnostic]:
    """A note of each name plain text wrapped onto two lines and the reader joined."""
    return [
        Diagnostic(
            DiagnosticKind.WRAPPED_LINE_JOINED,
            f"'{row.cells[row.wrapped].text}' was printed on two lines and read as one: check it",
            row.span,
            Severity.INFO,
        )
        for row in data
        if row.wrapped is not None
    ]


class _RowReader:
    """Turns grid rows into typed rows, carrying codes (and 指标 labels) down the table."""

    def __init__(  # noqa: PLR0913 -- what a table's columns say about its cells
        self,
        source: str,
        columns: tuple[Column, ...],
        first_value: int,
        unit: Unit | None,
        *,
        numeric: list[bool],
        indicators: bool,
    ) -> None:
        self.source = source
        self.columns = columns
        self.first_value = first_value  # the first value column; the name is in the one before
        self.unit = unit
        self.numeric = numeric  # columns of numbers, where words get a diagnostic
        self.indicators = indicators  # a performance table: 一级/二级指标 merged down their rows
        self.money = [is_money(column.path) for column in columns]
        self.nesting = Nesting()
        self.run: int | None = None  # the level of rows without a number, on the list above

    def rows(self, data: Sequence[GridRow], split: Sequence[Split]) -> Iterator[Row]:
        context: list[str] = []  # the code parts of the row above: ["208", "05"]
        keys: list[tuple[str, int]] = []  # the 单位代码 above and their levels
        above = [""] * self.first_value  # the labels before the name, carried down
        level = 0
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
                name = (labels[-1] if labels else "") or (filled[0] if filled else "")
                key = " ".join(text for text in filled if text != name)
            else:
                name, key = label, ""
            level = self._level(code, name, level)
            if key.isdigit():
                # 单位代码 nest by prefix: 028 医保局 over 028001 伊春市友好区医疗保障局.
                while keys and not key.startswith(keys[-1][0]):
                    keys.pop()
                if keys and keys[-1][0] != key:
                    level = keys[-1][1] + 1
                keys.append((key, level))
            yield Row(
                code,
                name,
                self._cells(row),
                key=key,
                role=row_role(name),
                level=level,
                emphasis=any(c.bold for c in row.cells),
                span=row.span,
                columns=self.columns,
            )

    def _level(self, code: Code | None, name: str, above: int) -> int:
        """
        A code's depth below 类; else how deep the numbering nests (一、 0, 1. 1 …).

        Rows without a number go on the list above them: the items of 其中：, or
        of the numbered row they follow (一、财政拨款 / 一般公共预算); a total
        row closes the list.
        """
        if code is not None:
            self.run = None
            return code.level.depth - 1
        if name.startswith("其中"):
            self.run = above + 1  # 其中：… itemises the row above
            return self.run
        if is_total(name):
            self.run = None
            self.nesting.reset()
            return 0
        style = numbering(name).style
        if style is None:
            return self.run if self.run is not None else 0
        level = self.nesting.level(style) - 1
        self.run = level + 1
        return level

    def _cells(self, row: GridRow) -> tuple[Cell, ...]:
        cells = []
        for index in range(len(self.columns)):
            position = self.first_value + index
            grid_cell = row.cells[position] if position < len(row.cells) else None
            if grid_cell is None:
                cells.append(Cell("", None, None, None))
                continue
            value = cell_value(self.source, grid_cell, money=self.money[index], unit=self.unit)
            problem = None
            if self.numeric[index] and isinstance(value, str):
                problem = Diagnostic(
                    DiagnosticKind.NOT_A_NUMBER,
                    f"'{grid_cell.text}' is not a number, in a column of numbers",
                    grid_cell.span,
                )
            cells.append(Cell(grid_cell.text, value, problem, grid_cell.span))
        return tuple(cells)


def parse_table(
    text: str,
    *,
    caption: str = "",
    unit: Unit | None = None,
) -> Table:
    """
    Read one table block in any rendering: header rows, then data rows.

    Spans point into *text*.

    Args:
        text: The block: its rows, and, if printed above them, its caption and unit
            lines (``部门收支总表``, ``单位：万元``), which are read as *caption* and *unit*.
        caption: The caption, if known, to tell the table's kind; it wins over a
            caption line of *text*.
        unit: The money unit the amounts are in; it wins over a unit line of *text*.

    Never raises on any text: what it could not read is in :attr:`Table.diagnostics`.
    """
    lines = lines_of(text)
    first = 0
    for line in lines[:_LINES_ABOVE]:
        if "\t" in line.text or "|" in line.text or "<" in line.text:
            break  # a row: the table has begun
        if (found := unit_line(line.text)) is not None:
            unit = unit or found[0]
        elif is_caption_line(line.text):
            caption = caption or clean_cell(line.text)[0]
        else:
            break
        first += 1
    grid = read_grid(text, lines[first:])
    form, header, data = split_header(grid.rows)
    raw = _table_finder.RawTable(
        form, header, data, grid.layout, caption, "", unit, None, (), None, tuple(grid.diagnostics)
    )
    return _build(raw, text)


# How many lines above its rows a table block given to parse_table may print its
# caption, number and unit on.
_LINES_ABOVE = 3


def find_tables(text: str, *, lines: LineMap | None = None) -> list[Table]:
    """
    Every table of a document; see :mod:`cnbudget.tables`.

    *lines*, if given, is the :class:`~cnbudget._text.LineMap` of *text*, built once
    by a caller that needs it too.

    Never raises on any text; text with no table gives an empty list.
    """
    line_map = LineMap(text) if lines is None else lines
    tables = [_build(raw, text) for raw in _table_finder.find(text, line_map)]
    for index, (income, expenditure) in enumerate(itertools.pairwise(tables)):
        sides = (income.side, expenditure.side) == (Side.INCOME, Side.EXPENDITURE)
        if sides and (found := check_sides(_checked(income), _checked(expenditure))):
            tables[index] = attrs.evolve(income, diagnostics=(*income.diagnostics, *found))
    return tables
