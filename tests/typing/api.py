"""
Type-check the public API the way a user calls it.

NOT meant to be executed: mypy --strict checks this file (it is not collected by pytest).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cnbudget import (
    Amount,
    Change,
    Date,
    DateRange,
    Direction,
    Number,
    ParseError,
    Percentage,
    Phrase,
    Qualifier,
    Quantity,
    Span,
    Unit,
    find_phrases,
    parse_amount,
    parse_change,
    parse_date,
    parse_number,
    parse_percentage,
    parse_quantity,
)

amount: Amount = parse_amount("457.50 万元")
yuan: Decimal = amount.yuan
unit: Unit = amount.unit
qualifier: Qualifier = amount.qualifier
total: Amount = amount + amount - amount * 2
also_total: Amount = sum([amount, amount], Amount(Decimal(0)))
ratio: Decimal = amount / amount
span: Span | None = amount.span
source: str = amount.source

share: Percentage = parse_percentage("87.68%")
fraction: Decimal = share.fraction
count: Quantity = parse_quantity("2 辆")
counter: str = count.counter

change: Change = parse_change("减少 24.37 万元，下降 6.42%")
direction: Direction = change.direction
signed: Amount | None = change.signed_amount
signed_rate: Percentage | None = change.signed_rate
flag: bool = change.directions_disagree

when: Date | DateRange = parse_date("2026 年 2 月 10 日")
if isinstance(when, Date):
    day: dt.date = when.to_date()
number: Number = parse_number("一千零二十六点一九")

for phrase in find_phrases("基本支出 355.50 万元"):
    found: Phrase = phrase
    if isinstance(phrase, Amount):
        money: Decimal = phrase.yuan

try:
    parse_amount("万元")
except ParseError as error:
    where: Span = error.span
    message: str = error.message

# Classification codes, trees, the catalogue and prose paths.
from cnbudget import (  # noqa: E402
    Catalog,
    Code,
    CodePath,
    CodeTree,
    Diagnostic,
    Level,
    Scheme,
    check_names,
    find_code_paths,
    parse_code,
    parse_code_path,
    resolve_path,
)
from cnbudget.trees import Node, SumMismatch  # noqa: E402

code: Code = parse_code("208 05 05")
level: Level = code.level
scheme: Scheme = code.scheme
parent: Code | None = code.parent
above: tuple[Code, ...] = code.ancestors
tree: CodeTree = CodeTree.from_text("2080505\t机关事业单位基本养老保险缴费支出\t35.63")
node: Node = tree["2080505"]
column_total: Decimal = node.total(0)
mismatches: list[SumMismatch] = tree.check_sums(0)
catalog: Catalog = Catalog.builtin() | Catalog.harvest([(tree, "this document")])
wrong_names = check_names(tree, catalog)
path: CodePath = parse_code_path("卫生健康支出（类）行政事业单位医疗（款）")
resolved: Code | None = resolve_path(path, catalog).code
problems: tuple[Diagnostic, ...] = resolve_path(path).diagnostics
paths: list[CodePath] = list(find_code_paths("卫生健康支出（类）401.12 万元"))

# Tables and whole documents.
from cnbudget import Document, Fact, Table, TableKind, find_facts, find_tables, parse_document  # noqa: E402
from cnbudget.diagnostics import DiagnosticKind, Severity  # noqa: E402
from cnbudget.documents import DocumentKind, Heading, HeadingStyle, Scope, Section  # noqa: E402
from cnbudget.tables import Cell, Column, Row, RowRole, Side  # noqa: E402

table: Table = find_tables("科目\t金额\n208\t1.00\n合计\t1.00")[0]
kind: TableKind = table.kind
table_unit: Unit | None = table.unit
side: Side | None = table.side
column: Column = table.columns[0]
header_path: tuple[str, ...] = column.path
row: Row = table.rows[0]
role: RowRole = row.role
row_code: Code | None = row.code
cell: Cell = row.cells[0]
cell_problem: Diagnostic | None = cell.diagnostic
if cell_problem is not None:
    problem_kind: DiagnosticKind = cell_problem.kind
    severity: Severity = cell_problem.severity

document: Document = parse_document("2026年某某局部门预算\n一、部门概况\n基本支出 355.50 万元。")
document_kind: DocumentKind = document.kind
document_scope: Scope = document.scope
year: int | None = document.year
outline: Section = document.outline
first_heading: Heading = document.headings[0]
style: HeadingStyle = first_heading.style
summary: Table | None = document.table(TableKind.OTHER)
facts: tuple[Fact, ...] = document.facts
figure: Amount | Quantity = next(find_facts("基本支出 355.50 万元。")).value
