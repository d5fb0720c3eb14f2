"""
The checks that read tables: code trees, row sums, totals, and one table against another.

Each rule yields one item per check it makes: ``None`` when the printed figures
agree exactly, a :class:`Problem` when they differ (by rounding or by more).
Checks whose figures are all zero or blank are not made: they prove nothing.
"""

from __future__ import annotations

import enum
import itertools
import re
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from ._figures import Comparison, Figure, Problem, Verdict, at_least, compare, same_figure
from ._table_arithmetic import column_relations
from ._text import numbering
from .amounts import Amount
from .diagnostics import DiagnosticKind, Severity
from .tables import RowRole, Side, TableKind

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from .codes import Code
    from .documents import Document
    from .tables import Cell, Row, Table


# Tables whose numbers are weights, counts or words, not money that adds up.
_NOT_MONEY = frozenset(
    {TableKind.PROJECT_PERFORMANCE, TableKind.DEPARTMENT_PERFORMANCE, TableKind.UNITS}
)
# A reading these diagnostics mark may have put a figure in the wrong place.
_UNCERTAIN = frozenset(
    {
        DiagnosticKind.VALUES_AMBIGUOUS,
        DiagnosticKind.HEADER_AMBIGUOUS,
        DiagnosticKind.TABLE_FRAGMENT,
    }
)


def money_tables(document: Document) -> list[Table]:
    """The tables whose figures are money and can be summed."""
    return [table for table in document.tables if table.kind not in _NOT_MONEY and table.rows]


def judged(comparison: Comparison, what: str, table: Table | None = None) -> Problem | None:
    """A problem for a comparison that is not exact; rounding is information."""
    verdict = comparison.verdict
    if verdict is Verdict.EXACT:
        return None
    if verdict is Verdict.ROUNDING:
        return Problem.of(f"{what}: {comparison.arithmetic()}", Severity.INFO, comparison)
    severity = Severity.ERROR
    note = ""
    if table is not None and uncertain(table):
        severity = Severity.WARNING
        note = "; the table's reading is uncertain (see its diagnostics)"
    return Problem.of(f"{what}: {comparison.arithmetic()}{note}", severity, comparison)


def uncertain(table: Table) -> bool:
    """Whether the table layer flagged its reading: a figure may sit in the wrong place."""
    return any(d.kind in _UNCERTAIN for d in table.diagnostics)


def figure(cell: Cell, table: Table) -> Figure | None:
    """A cell as a figure: blank as exact zero, ``None`` for words."""
    value = cell.value
    if isinstance(value, Amount):
        return Figure.printed(value.value, table.unit, cell.raw, cell.span)
    if isinstance(value, Decimal):
        return Figure.printed(value, table.unit, cell.raw, cell.span)
    if value is None and cell.raw.strip() in {"", "-", "—", "－", "/"}:
        return Figure.blank(table.unit, cell.span)
    return None


# A column of ratios (决算数为年初预算数的%, 增长率, 执行率): its figures do not add up.
_RATIO_COLUMN = re.compile(r"[%％]|率|比例|比重|百分|占")


def _summable(table: Table, column: int) -> bool:
    return not _RATIO_COLUMN.search(str(table.columns[column]))


def _sum_check(
    table: Table, total: Row, parts: Sequence[Row], column: int, what: str
) -> Iterator[Problem | None]:
    """*total*'s cell in *column* against the sum of the *parts*' cells."""
    if not _summable(table, column):
        return
    head = figure(total.cells[column], table)
    terms = [figure(row.cells[column], table) for row in parts]
    if head is None or head.is_blank or not terms:
        return
    figures = [term for term in terms if term is not None]
    if len(figures) < len(terms) or all(f.value == 0 for f in (head, *figures)):
        return
    yield judged(compare(head, figures), what, table)


def table_name(table: Table) -> str:
    """A table as a message names it: its kind, else its caption."""
    if table.kind is not TableKind.OTHER:
        return str(table.kind)
    return table.caption[:30] or "the table"


def _column(table: Table, index: int) -> str:
    return str(table.columns[index]) or f"column {index + 1}"


def _label(row: Row) -> str:
    return f"{row.code} '{row.name}'" if row.code else f"'{row.name}'"


def code_trees(document: Document) -> Iterator[Problem | None]:
    """CB101: each coded parent row = Σ the rows one level down, column by column."""
    for table in money_tables(document):
        coded = [row for row in table.rows if row.code is not None]
        by_code = {row.code: row for row in coded}
        if len(by_code) < len(coded):
            continue  # a code per project (项目支出表): rows repeat codes, no tree
        children: dict[Code, list[Row]] = {}
        for row in coded:
            assert row.code is not None  # noqa: S101 -- coded rows only
            parent = next((a for a in reversed(row.code.ancestors) if a in by_code), None)
            if parent is not None:
                children.setdefault(parent, []).append(row)
        for code, kids in children.items():
            parent_row = by_code[code]
            names = ", ".join(str(kid.code) for kid in kids[:4]) + (", …" if len(kids) > 4 else "")  # noqa: PLR2004
            for column in range(len(table.columns)):
                what = (
                    f"{table_name(table)} {_label(parent_row)} {_column(table, column)} = Σ {names}"
                )
                yield from _sum_check(table, parent_row, kids, column, what)
        if not coded and not uncertain(table):
            # Without codes the rows nest by their names alone (1. under 一、, 其中 under
            # the row above): an uncertain reading may have lost that, so it is not checked.
            yield from _numbered_children(table)


def _numbered_children(table: Table) -> Iterator[Problem | None]:
    """Rows without codes: 一、 = Σ its 1. 2. rows; a parent ≥ Σ its 其中 rows."""
    for index, row in enumerate(table.rows):
        kids = _rows_under(table.rows, index)
        if not kids:
            continue
        if all(numbering(kid.name).style is not None for kid in kids):
            for column in range(len(table.columns)):
                what = f"{table_name(table)} {_label(row)} {_column(table, column)} = Σ the rows under it"
                yield from _sum_check(table, row, kids, column, what)
        elif kids[0].name.startswith("其中"):
            for column in range(len(table.columns)):
                yield from _of_which(table, row, kids, column)


def _rows_under(rows: Sequence[Row], index: int) -> list[Row]:
    """The detail rows one level below ``rows[index]``, up to the next row at its level."""
    row = rows[index]
    if row.role is not RowRole.DETAIL:
        return []
    kids: list[Row] = []
    for below in rows[index + 1 :]:
        if below.level <= row.level or below.role is not RowRole.DETAIL:
            break
        if below.level == row.level + 1:
            kids.append(below)
    return kids


def _of_which(table: Table, row: Row, kids: Sequence[Row], column: int) -> Iterator[Problem | None]:
    """其中 rows name part of the row above: their sum may not exceed it."""
    if not _summable(table, column):
        return
    head = figure(row.cells[column], table)
    terms = [figure(kid.cells[column], table) for kid in kids]
    figures = [term for term in terms if term is not None]
    if (
        head is None
        or head.is_blank
        or len(figures) < len(terms)
        or all(f.value == 0 for f in figures)
    ):
        return
    parts = compare(head, figures)
    if parts.difference >= -parts.tolerance:
        yield None
        return
    what = f"{table_name(table)} {_label(row)} {_column(table, column)} ≥ Σ its 其中 rows"
    yield Problem.of(f"{what}: {parts.arithmetic()}", Severity.ERROR, parts)


def row_sums(document: Document) -> Iterator[Problem | None]:
    """CB102: in each row, a 合计/小计 column = Σ the columns it heads."""
    for table in money_tables(document):
        relations = column_relations([column.path for column in table.columns])
        for total, parts in relations:
            names = " + ".join(_column(table, part) for part in parts)
            for row in table.rows:
                head = figure(row.cells[total], table)
                terms = [figure(row.cells[part], table) for part in parts]
                figures = [term for term in terms if term is not None]
                if head is None or head.is_blank or len(figures) < len(terms):
                    continue
                if all(f.value == 0 for f in (head, *figures)):
                    continue
                what = f"{table_name(table)} {_label(row)} {_column(table, total)} = {names}"
                yield judged(compare(head, figures), what, table)


def table_totals(document: Document) -> Iterator[Problem | None]:
    """CB103: total rows = Σ the rows they close; 收入总计 = 支出总计."""
    tables = money_tables(document)
    for table in tables:
        if any(d.kind is DiagnosticKind.TABLE_FRAGMENT for d in table.diagnostics):
            continue  # the rows before the cut are elsewhere or lost
        coded = [row for row in table.rows if row.code is not None]
        if coded:
            codes = {row.code for row in coded}
            top = [
                row
                for row in coded
                if row.code is not None and not any(a in codes for a in row.code.ancestors)
            ]
            total = table.total
            loose = [r for r in table.rows if r.code is None and r.role is RowRole.DETAIL]
            if total is not None and total.code is None and not loose:
                # (Uncoded detail rows beside the coded ones: the top level is unclear.)
                for column in range(len(table.columns)):
                    what = f"{table_name(table)} {_label(total)} {_column(table, column)} = Σ top-level rows"
                    yield from _sum_check(table, total, top, column, what)
            continue
        if uncertain(table):
            continue  # rows nested by their names alone, read uncertainly (see code_trees)
        start = 0
        for index, row in enumerate(table.rows):
            if row.role is not RowRole.TOTAL:
                continue
            grand = "总计" in row.name
            closed = table.rows[0 if grand else start : index]
            top = _top_level([r for r in closed if r.role is RowRole.DETAIL and r.level == 0])
            start = index + 1
            for column in range(len(table.columns)):
                what = (
                    f"{table_name(table)} {_label(row)} {_column(table, column)} = Σ the rows above"
                )
                yield from _sum_check(table, row, top, column, what)
    yield from _two_sides(tables)


def _top_level(rows: list[Row]) -> list[Row]:
    """
    The rows a total sums: where the first is bold and others not, the bold ones.

    A bold unit row (``某某局 92.15``) over its projects heads them without numbering.
    """
    bold = [row for row in rows if row.emphasis]
    return bold if rows and rows[0].emphasis and len(bold) < len(rows) else rows


def _two_sides(tables: Sequence[Table]) -> Iterator[Problem | None]:
    """A 收支总表 split in two: its income total against its expenditure total."""
    for income, expenditure in itertools.pairwise(tables):
        if income.side is not Side.INCOME or expenditure.side is not Side.EXPENDITURE:
            continue
        first, second = income.total, expenditure.total
        if first is None or second is None or len(income.columns) != len(expenditure.columns):
            continue
        for column in range(len(income.columns)):
            a = figure(first.cells[column], income)
            b = figure(second.cells[column], expenditure)
            if a is None or b is None or a.is_blank or b.is_blank or a.value == b.value == 0:
                continue
            what = f"{table_name(income)} {_label(first)} = {_label(second)} ({_column(income, column)})"
            yield judged(compare(a, [b]), what, income)


class _Scope(int, enum.Enum):
    """Funding scopes (口径), widest first: a wider scope's figure ≥ a narrower one's."""

    ALL = 0  # 部门 all sources
    FISCAL = 1  # 财政拨款
    GENERAL_PUBLIC = 2  # 一般公共预算
    GOVERNMENT_FUND = 3  # 政府性基金
    STATE_CAPITAL = 4  # 国有资本经营


_TABLE_SCOPES = {
    TableKind.EXPENDITURE: _Scope.ALL,
    TableKind.FINAL_EXPENDITURE: _Scope.ALL,
    TableKind.FISCAL_SUMMARY: _Scope.FISCAL,
    TableKind.FINAL_FISCAL_SUMMARY: _Scope.FISCAL,
    TableKind.GENERAL_PUBLIC: _Scope.GENERAL_PUBLIC,
    TableKind.GOVERNMENT_FUND: _Scope.GOVERNMENT_FUND,
    TableKind.STATE_CAPITAL: _Scope.STATE_CAPITAL,
}
_COLUMN_SCOPES = (
    ("一般公共预算", _Scope.GENERAL_PUBLIC),
    ("政府性基金", _Scope.GOVERNMENT_FUND),
    ("国有资本经营", _Scope.STATE_CAPITAL),
)


def _narrower(wide: _Scope, narrow: _Scope) -> bool:
    """Whether *wide* holds *narrow*: all sources ⊃ 财政拨款 ⊃ each kind of 预算."""
    return wide < narrow and wide <= _Scope.FISCAL


class _Printed(NamedTuple):
    table: Table
    row: Row
    figure: Figure


def _scoped_figures(table: Table) -> Iterator[tuple[_Scope, Code | None, _Printed]]:
    """Each row's total for its funding scope: the 合计 column, and per-source columns."""
    scope = _TABLE_SCOPES.get(table.kind)
    if scope is None or table.unit is None or table.side is Side.INCOME:
        return
    columns: list[tuple[int, _Scope]] = []
    for index, column in enumerate(table.columns):
        label = column.name
        if index == 0 and label.endswith(("合计", "总计")):
            columns.append((index, scope))
        elif scope is _Scope.FISCAL and len(column.path) <= 2:  # noqa: PLR2004
            columns += [(index, s) for word, s in _COLUMN_SCOPES if label.startswith(word)]
    for row in table.rows:
        if row.role is RowRole.SUBTOTAL or (row.code is None and row.role is not RowRole.TOTAL):
            continue
        if row.role is RowRole.TOTAL and (row is not table.total or scope is _Scope.FISCAL):
            continue  # a 财政拨款收支总表's 支出总计 holds 年末结转和结余 too
        for index, column_scope in columns:
            found = figure(row.cells[index], table)
            if found is not None and not found.is_blank:
                yield column_scope, row.code, _Printed(table, row, found)


def across_tables(document: Document) -> Iterator[Problem | None]:
    """CB104: a 类/款/项 (and the total) printed in several tables agrees across them."""
    printed: dict[Code | None, list[tuple[_Scope, _Printed]]] = {}
    for table in money_tables(document):
        for scope, code, found in _scoped_figures(table):
            printed.setdefault(code, []).append((scope, found))
    for code, figures in printed.items():
        # Each figure against the first of every scope before it: a figure that disagrees
        # is found, and a document of many copies costs time in proportion to them.
        firsts: dict[_Scope, tuple[_Scope, _Printed]] = {}
        for printed_ in figures:
            for first in firsts.values():
                yield from _pair(code, first, printed_)
            firsts.setdefault(printed_[0], printed_)


def _pair(
    code: Code | None, first: tuple[_Scope, _Printed], second: tuple[_Scope, _Printed]
) -> Iterator[Problem | None]:
    """Two tables' figures of one code: = in one scope, ≥ from the wider scope."""
    (scope_a, a), (scope_b, b) = first, second
    if a.table is b.table or a.figure.value == b.figure.value == 0:
        return
    what = _label(a.row) if code else "the total"
    if scope_a is scope_b:
        comparison = same_figure(a.figure, b.figure)
        yield judged(comparison, f"{what}: {table_name(a.table)} = {table_name(b.table)}", a.table)
        return
    if not (_narrower(scope_a, scope_b) or _narrower(scope_b, scope_a)):
        return  # 一般公共预算 and 政府性基金: apart, neither holds the other
    wide, narrow = (a, b) if _narrower(scope_a, scope_b) else (b, a)
    broken = at_least(wide.figure, narrow.figure)
    if broken is None:
        yield None
        return
    message = (
        f"{what}: {table_name(wide.table)} ≥ {table_name(narrow.table)} (a wider funding scope): "
        f"{broken.arithmetic()}"
    )
    yield Problem.of(message, Severity.ERROR, broken)
