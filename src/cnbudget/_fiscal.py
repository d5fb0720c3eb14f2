"""
Budget lines: every money figure of a document's tables as one tidy row, and a Fiscal Data Package of them.

One row per (table, row, column) whose cell holds money, with the classification
code (full and by part), the row's name and level, the column's header path, the
value as printed with its unit and ``factor`` (元 per unit), and what the Fiscal
Data Package (https://specs.frictionlessdata.io/fiscal-data-package/) asks of a
budget line: fiscal year, ``direction`` (expenditure / revenue) and ``phase``
(approved / adjusted / executed). Columns that hold differences (增减, 增长率) are
left out: they are not amounts of a year, and summing them with the rest would
count money twice; so are performance tables (绩效目标表), whose figures are
indicators (人, %, 个) rather than money.
"""

from __future__ import annotations

import csv
import json
import re
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ._numbers import shift_decimal
from .amounts import Amount
from .codes import Scheme
from .tables import Side, TableKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from .tables import Column, Table


class Field(NamedTuple):
    """A column of the budget lines, with its Table Schema type and OpenSpending column type."""

    name: str
    type: str
    column_type: str | None
    description: str


FIELDS = (
    Field(
        "budget_line_id",
        "string",
        "budget-line-id",
        "source:table:row:column (numbers from 1), unique in the package",
    ),
    Field("fiscal_year", "integer", "date:fiscal-year", "the year the figure is for"),
    Field("department", "string", "administrator:generic:name", "the department (部门)"),
    Field("phase", "string", "phase", "approved (预算), adjusted (调整预算) or executed (决算)"),
    Field("direction", "string", "direction", "expenditure or revenue; empty when mixed"),
    Field(
        "functional_code",
        "string",
        "functional-classification:generic:code:full",
        "the 功能分类 code, all its digits",
    ),
    Field(
        "functional_code_part",
        "string",
        "functional-classification:generic:code:part",
        "its last part: the 类, 款 or 项 digits",
    ),
    Field(
        "economic_code",
        "string",
        "economic-classification:generic:code:full",
        "the 经济分类 code, all its digits",
    ),
    Field(
        "economic_code_part",
        "string",
        "economic-classification:generic:code:part",
        "its last part",
    ),
    Field("revenue_code", "string", None, "the 收入分类 code, all its digits"),
    Field("level", "string", None, "the code's level: 类, 款, 项 or 目"),
    Field("name", "string", None, "the row's name, as printed"),
    Field("row_role", "string", None, "detail, subtotal (小计) or total (合计, 总计)"),
    Field("table", "integer", None, "the table's place in the document, from 1"),
    Field("table_kind", "string", None, "the standard table it is (收支总表 …)"),
    Field("caption", "string", None, "the table's caption, as printed"),
    Field("column", "string", None, "the column's header labels, top down, joined by /"),
    Field("value", "number", None, "the figure as printed, in unit"),
    Field("unit", "string", None, "元, 千元, 万元 or 亿元; empty when the table names none"),
    Field("factor", "integer", None, "元 per unit: value × factor is the figure in 元"),
    Field("value_yuan", "number", "value", "the figure in 元, exactly: value × factor"),
    Field("source", "string", None, "the document the figure was read from"),
)

_ECONOMIC = frozenset({Scheme.DEPARTMENT_ECONOMIC, Scheme.GOVERNMENT_ECONOMIC})
_REVENUE_KINDS = frozenset({TableKind.INCOME, TableKind.FINAL_INCOME})
_TWO_SIDED_KINDS = frozenset(
    {
        TableKind.SUMMARY,
        TableKind.FISCAL_SUMMARY,
        TableKind.FINAL_SUMMARY,
        TableKind.FINAL_FISCAL_SUMMARY,
    }
)
# Tables whose figures are not a budget's incomes or spending.
_UNDIRECTED_KINDS = frozenset({TableKind.CARRYOVER, TableKind.OTHER})
# Tables whose figures are mostly no money: performance indicators (指标值, 上年完成值
# in 人, %, 个) and the list of units. Their few amounts are in the other tables too.
_LEFT_OUT_KINDS = frozenset(
    {TableKind.PROJECT_PERFORMANCE, TableKind.DEPARTMENT_PERFORMANCE, TableKind.UNITS}
)
_DIFFERENCE = re.compile(r"增减|增长|减少|变动|变化|比上年|差额|增幅|率|%|％")
_YEAR = re.compile(r"(?<!\d)(\d{4})\s*年")
_LAST_YEAR = re.compile(r"^上年(?:度)?(?:预算|决算|执行|实际|完成)")
_EXECUTED = re.compile(r"决算|执行|实际|完成")
_ADJUSTED = re.compile(r"调整")
# 年初预算数 is approved; 年初结转和结余 is a balance, as executed as the rest of a 决算.
_APPROVED = re.compile(r"预算|年初(?!结转|结余)")


def budget_lines(
    *,
    year: int | None,
    final: bool,
    department: str,
    tables: Sequence[Table],
    source: str = "",
) -> list[dict[str, object]]:
    """The budget lines of a document's tables, one plain dict per line (keys: FIELDS' names)."""
    lines: list[dict[str, object]] = []
    prefix = f"{source}:" if source else ""
    for number, table in enumerate(tables, start=1):
        if table.kind in _LEFT_OUT_KINDS:
            continue
        direction = _direction(table)
        unit = table.unit
        columns = [
            (index, column, *_year_and_phase(column, year, final=final))
            for index, column in enumerate(table.columns)
            if not any(_DIFFERENCE.search(label) for label in column.path)
        ]
        for row_number, row in enumerate(table.rows, start=1):
            code = row.code
            scheme = code.scheme if code else None
            functional = scheme is Scheme.FUNCTION
            economic = scheme in _ECONOMIC
            for index, column, column_year, phase in columns:
                value = _money(row.cells[index].value)
                if value is None:
                    continue
                lines.append(
                    {
                        "budget_line_id": f"{prefix}{number}:{row_number}:{index + 1}",
                        "fiscal_year": column_year,
                        "department": department,
                        "phase": phase,
                        "direction": direction,
                        "functional_code": str(code) if functional else "",
                        "functional_code_part": code.parts[-1] if code and functional else "",
                        "economic_code": str(code) if economic else "",
                        "economic_code_part": code.parts[-1] if code and economic else "",
                        "revenue_code": str(code) if scheme is Scheme.REVENUE else "",
                        "level": code.level.value if code else "",
                        "name": row.name,
                        "row_role": row.role.value,
                        "table": number,
                        "table_kind": table.kind.value,
                        "caption": table.caption,
                        "column": str(column),
                        "value": value,
                        "unit": unit.value if unit else "",
                        "factor": 10**unit.exponent if unit else None,
                        "value_yuan": shift_decimal(value, unit.exponent) if unit else None,
                        "source": source,
                    }
                )
    return lines


def _money(value: object) -> Decimal | None:
    """A cell's money figure in its table's unit (a bare number where the table names no unit)."""
    if isinstance(value, Amount):
        return value.value
    return value if isinstance(value, Decimal) else None


def _direction(table: Table) -> str:
    if table.kind in _UNDIRECTED_KINDS:
        return ""
    if table.kind in _REVENUE_KINDS:
        return "revenue"
    if table.kind in _TWO_SIDED_KINDS:
        if table.side is Side.INCOME:
            return "revenue"
        return "expenditure" if table.side is Side.EXPENDITURE else ""
    return "expenditure"


def _year_and_phase(column: Column, year: int | None, *, final: bool) -> tuple[int | None, str]:
    """
    The year and phase a column's figures are for: the document's, unless its header says.

    ``2025年预算数`` is 2025's approved budget, ``上年预算数`` the year before's;
    ``上年结转`` is this year's money, carried over, and keeps the document's year.
    """
    column_year, phase = year, "executed" if final else "approved"
    for label in column.path:
        if found := _YEAR.search(label):
            column_year = int(found.group(1))
        elif _LAST_YEAR.match(label) and year is not None:
            column_year = year - 1
        if _ADJUSTED.search(label):
            phase = "adjusted"
        elif _EXECUTED.search(label):
            phase = "executed"
        elif _APPROVED.search(label):
            phase = "approved"  # also a 决算's 年初预算数 column
    return column_year, phase


def write_package(
    lines: Iterable[dict[str, object]], directory: Path, *, name: str, title: str
) -> Path:
    """Write ``budget.csv`` and its ``datapackage.json`` into *directory*; return the latter."""
    directory.mkdir(parents=True, exist_ok=True)
    with (directory / "budget.csv").open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(field.name for field in FIELDS)
        for line in lines:
            writer.writerow("" if line[f.name] is None else line[f.name] for f in FIELDS)
    descriptor = {
        "profile": "fiscal-data-package",
        "name": name,
        "title": title,
        "resources": [
            {
                "name": "budget",
                "path": "budget.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [_descriptor(field) for field in FIELDS],
                    "primaryKey": ["budget_line_id"],
                },
            }
        ],
        "model": _model(),
    }
    path = directory / "datapackage.json"
    path.write_text(json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _descriptor(field: Field) -> dict[str, object]:
    descriptor: dict[str, object] = {
        "name": field.name,
        "type": field.type,
        "description": field.description,
    }
    if field.column_type:
        descriptor["columnType"] = field.column_type
    if field.type == "number":
        descriptor["decimalChar"] = "."
    return descriptor


def _model() -> dict[str, object]:
    """The Fiscal Data Package model: the measure and the dimensions, named by column."""
    return {
        # In 元 whatever the table's unit: value itself is in each table's unit.
        "measures": {"value_yuan": {"source": "value_yuan", "currency": "CNY"}},
        "dimensions": {
            "date": {
                "dimensionType": "datetime",
                "primaryKey": ["fiscal_year"],
                "attributes": {"fiscal_year": {"source": "fiscal_year"}},
            },
            "administrator": {
                "dimensionType": "entity",
                "primaryKey": ["department"],
                "attributes": {"department": {"source": "department"}},
            },
            "functional-classification": {
                "dimensionType": "classification",
                "classificationType": "functional",
                "primaryKey": ["functional_code"],
                "attributes": {
                    "functional_code": {"source": "functional_code"},
                    "name": {"source": "name", "labelfor": "functional_code"},
                },
            },
            "economic-classification": {
                "dimensionType": "classification",
                "classificationType": "economic",
                "primaryKey": ["economic_code"],
                "attributes": {"economic_code": {"source": "economic_code"}},
            },
            "phase": {
                "dimensionType": "other",
                "primaryKey": ["phase"],
                "attributes": {"phase": {"source": "phase"}},
            },
            "direction": {
                "dimensionType": "other",
                "primaryKey": ["direction"],
                "attributes": {"direction": {"source": "direction"}},
            },
        },
    }
