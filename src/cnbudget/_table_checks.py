"""
Every table against the arithmetic its layout implies.

A 合计/小计 column is the sum of the columns it heads, a parent row the sum of
its children (功能分类 类 = Σ 款), the total row the sum of the top-level rows,
and a two-sided 收支总表 has 收入总计 = 支出总计 — each at the printed precision.
A table that breaks it carries an ``extraction-suspect`` diagnostic naming the
rows: the reading is suspect (cells in the wrong column, a row lost) or the
document's own figures disagree. Either way the figures need a look.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from ._numbers import exact_sum
from ._rows import is_total
from ._table_arithmetic import Precision, column_relations
from .diagnostics import Diagnostic, DiagnosticKind
from .trees import CodeRow, CodeTree

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from .codes import Code
    from .spans import Span

# How many failures of its own arithmetic a table lists in one diagnostic.
_MOST_LISTED = 3


class CheckedRow(NamedTuple):
    """What the checks read of a row: its code, name, printed cells and their numbers."""

    code: Code | None
    name: str
    raws: tuple[str, ...]
    numbers: tuple[Decimal | None, ...]
    span: Span | None


class Checked(NamedTuple):
    """What the checks read of a table: its column paths and rows."""

    paths: tuple[tuple[str, ...], ...]
    rows: tuple[CheckedRow, ...]

    def column(self, index: int) -> str:
        """A column's name for a message: its last label, or its position."""
        path = self.paths[index] if index < len(self.paths) else ()
        return path[-1] if path else f"column {index + 1}"


def self_check(table: Checked) -> list[Diagnostic]:
    """What *table*'s figures break of the arithmetic its layout implies."""
    precision = Precision.of(raw for row in table.rows for raw in row.raws)
    return [*_columns(table, precision), *_children(table), *_total(table, precision)]


def check_sides(income: Checked, expenditure: Checked) -> list[Diagnostic]:
    """A two-sided 收支总表: its 收入总计 against its 支出总计, at the printed precision."""
    first = next((row for row in reversed(income.rows) if is_total(row.name)), None)
    second = next((row for row in reversed(expenditure.rows) if is_total(row.name)), None)
    if first is None or second is None:
        return []
    precision = Precision.of([*first.raws, *second.raws])
    failures = []
    for column, (a, b) in enumerate(zip(first.numbers, second.numbers, strict=False)):
        if a is not None and b is not None and not precision.agrees(a, [b]):
            text = f"'{first.name}' {a} ≠ '{second.name}' {b} ({income.column(column)})"
            failures.append((first, text))
    return [_suspect("the two sides", failures)] if failures else []


def _suspect(what: str, failures: Sequence[tuple[CheckedRow, str]]) -> Diagnostic:
    listed = "; ".join(text for _, text in failures[:_MOST_LISTED])
    more = f" and {len(failures) - _MOST_LISTED} more" if len(failures) > _MOST_LISTED else ""
    message = f"{what} do not add up: {listed}{more}; the reading or the document is wrong"
    return Diagnostic(DiagnosticKind.EXTRACTION_SUSPECT, message, failures[0][0].span)


def _columns(table: Checked, precision: Precision) -> list[Diagnostic]:
    """Each row's 合计/小计 columns against the columns they sum."""
    failures = []
    for total, parts in column_relations(table.paths):
        for row in table.rows:
            printed = row.numbers[total]
            terms = [v for p in parts if (v := row.numbers[p]) is not None]
            if printed is None or not terms or precision.agrees(printed, terms):
                continue
            names = " + ".join(table.column(p) for p in parts)
            text = f"'{row.name}' {table.column(total)} {printed} ≠ {names} = {exact_sum(terms)}"
            failures.append((row, text))
    return [_suspect("columns", failures)] if failures else []


def _children(table: Checked) -> list[Diagnostic]:
    """Each coded parent row against the sum of its children, column by column."""
    coded = [row for row in table.rows if row.code is not None]
    tree = CodeTree.from_rows(
        CodeRow(row.code, row.name, row.numbers, row.span) for row in coded if row.code is not None
    )
    failures = []
    for column in range(len(table.paths)):
        for mismatch in tree.check_sums(column):
            node = mismatch.node
            row = next((r for r in coded if r.code == node.code), None)
            if row is not None:
                children = ", ".join(str(child.code) for child in node.children[:_MOST_LISTED])
                more = ", …" if len(node.children) > _MOST_LISTED else ""
                text = (
                    f"{node.code} '{node.name}' {table.column(column)} {mismatch.printed} "
                    f"≠ Σ children ({children}{more}) {mismatch.total}"
                )
                failures.append((row, text))
    return [_suspect("rows and their children", failures)] if failures else []


def _total(table: Checked, precision: Precision) -> list[Diagnostic]:
    """The total row of a coded table against the rows of its top level."""
    coded = [row for row in table.rows if row.code is not None]
    total = next((row for row in table.rows if row.code is None and is_total(row.name)), None)
    if not coded or total is None:
        return []
    # The top level: rows whose parent the table does not print (功能分类 类, or 项 alone).
    codes = {row.code for row in coded}
    top = [
        row
        for row in coded
        if row.code is not None and not any(a in codes for a in row.code.ancestors)
    ]
    failures = []
    for column, printed in enumerate(total.numbers):
        terms = [v for row in top if (v := row.numbers[column]) is not None]
        if printed is None or not terms or precision.agrees(printed, terms):
            continue
        text = (
            f"'{total.name}' {table.column(column)} {printed} ≠ Σ top-level rows {exact_sum(terms)}"
        )
        failures.append((total, text))
    return [_suspect("the total row and the top-level rows", failures)] if failures else []
