"""
Tables in plain PDF text, in the shapes real documents take; every value checked by hand.

Cells apart by single spaces with empty cells gone (what pdfplumber's
``extract_text()`` gives), or by space + TAB with ``-- PAGE_BREAK --`` lines
(another tool's text); codes split into parts, headers and names wrapped.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget.amounts import Unit
from cnbudget.diagnostics import DiagnosticKind
from cnbudget.documents import parse_document
from cnbudget.tables import RowRole, Side, Table, TableKind, find_tables, parse_table

from .renderers import to_plain, to_tsv

# 合计 = 208 + 210; 208 is all 基本支出, 210 splits; no row prints its empty cell.
GENERAL_PUBLIC = """\
2026年某某区某某局部门预算
一、部门概况
某某局负责本区医疗保障工作。
一般公共预算支出表
单位：元
科目编码 科目名称 一般公共预算支出
合计 基本支出 项目支出
合计 1,810,500 1,610,500 200,000
208 社会保障和就业支出 1,204,310 1,204,310
208 05 行政事业单位养老支出 1,204,310 1,204,310
208 05 05 机关事业单位基本养老保险缴
费支出 804,310 804,310
— 2 —
科目编码 科目名称 一般公共预算支出
合计 基本支出 项目支出
208 05 06 机关事业单位职业年金缴费支出 400,000 400,000
210 卫生健康支出 606,190 406,190 200,000
210 15 医疗保障管理事务 606,190 406,190 200,000
210 15 01 行政运行 406,190 406,190
210 15 05 医疗保障政策管理 200,000 200,000
二、其他说明
本部门无政府性基金预算。
"""


def _cells(table: Table) -> list[tuple[str, str, list[str]]]:
    return [(str(r.code or ""), r.name, [c.raw for c in r.cells]) for r in table.rows]


def _kinds(table: Table) -> set[DiagnosticKind]:
    return {d.kind for d in table.diagnostics}


def test_vanished_empty_cells_are_placed_by_the_tables_own_sums() -> None:
    document = parse_document(GENERAL_PUBLIC)

    (table,) = document.tables
    assert (table.caption, table.kind, table.unit) == (
        "一般公共预算支出表",
        TableKind.GENERAL_PUBLIC,
        Unit.YUAN,
    )
    assert [c.path for c in table.columns] == [
        ("一般公共预算支出", "合计"),
        ("一般公共预算支出", "基本支出"),
        ("一般公共预算支出", "项目支出"),
    ]
    assert _cells(table) == [
        ("", "合计", ["1,810,500", "1,610,500", "200,000"]),
        ("208", "社会保障和就业支出", ["1,204,310", "1,204,310", ""]),
        ("20805", "行政事业单位养老支出", ["1,204,310", "1,204,310", ""]),
        ("2080505", "机关事业单位基本养老保险缴费支出", ["804,310", "804,310", ""]),
        ("2080506", "机关事业单位职业年金缴费支出", ["400,000", "400,000", ""]),
        ("210", "卫生健康支出", ["606,190", "406,190", "200,000"]),
        ("21015", "医疗保障管理事务", ["606,190", "406,190", "200,000"]),
        ("2101501", "行政运行", ["406,190", "406,190", ""]),
        ("2101505", "医疗保障政策管理", ["200,000", "", "200,000"]),  # 项目支出: the sums say so
    ]
    assert table.total is not None
    assert table.total.cells[0].value.value == Decimal(1810500)  # type: ignore[union-attr]
    assert _kinds(table) == {DiagnosticKind.WRAPPED_LINE_JOINED}  # an INFO note, nothing more
    assert [h.text for h in document.headings] == ["部门概况", "一般公共预算支出表", "其他说明"]
    assert document.table(TableKind.GENERAL_PUBLIC) is table


def test_figures_the_sums_cannot_place_are_read_in_order_and_flagged() -> None:
    text = (
        "部门支出总表\n单位：元\n科目编码 科目名称 合计 基本支出 项目支出\n"
        "201 一般公共服务支出 200 100 100\n"
        "201 01 人大事务 100 100\n"
        "201 02 政协事务 100 100\n"
    )

    (table,) = find_tables(text)

    ambiguous = [d for d in table.diagnostics if d.kind is DiagnosticKind.VALUES_AMBIGUOUS]
    assert [d.span.slice(text) for d in ambiguous if d.span] == [
        "201 01 人大事务 100 100",
        "201 02 政协事务 100 100",
    ]
    assert "'人大事务'" in ambiguous[0].message
    assert "基本支出" in ambiguous[0].message
    assert "项目支出" in ambiguous[0].message
    # Read in order (合计, 基本支出), which breaks the parent's sum: said too.
    assert DiagnosticKind.EXTRACTION_SUSPECT in _kinds(table)


SUMMARY = """\
部门收支总表
单位：万元
收入 支出
项目 预算数 项目 预算数
一、一般公共预算拨款收入 248.98 一、社会保障和就业支出 26.60
二、政府性基金预算拨款收入 0.00 二、卫生健康支出 209.61
三、事业收入 0.00 三、住房保障支出 12.77
四、其他收入 0.00
本年收入合计 248.98 本年支出合计 248.98
收入总计 248.98 支出总计 248.98
"""


def test_a_two_sided_summary_in_plain_text_is_split() -> None:
    income, expenditure = find_tables(SUMMARY)

    assert (income.side, expenditure.side) == (Side.INCOME, Side.EXPENDITURE)
    assert income.kind is expenditure.kind is TableKind.SUMMARY
    assert [c.path for c in income.columns] == [("收入", "预算数")]
    assert [c.path for c in expenditure.columns] == [("支出", "预算数")]
    assert _cells(income) == [
        ("", "一、一般公共预算拨款收入", ["248.98"]),
        ("", "二、政府性基金预算拨款收入", ["0.00"]),
        ("", "三、事业收入", ["0.00"]),
        ("", "四、其他收入", ["0.00"]),
        ("", "本年收入合计", ["248.98"]),
        ("", "收入总计", ["248.98"]),
    ]
    assert _cells(expenditure) == [
        ("", "一、社会保障和就业支出", ["26.60"]),
        ("", "二、卫生健康支出", ["209.61"]),
        ("", "三、住房保障支出", ["12.77"]),
        ("", "本年支出合计", ["248.98"]),
        ("", "支出总计", ["248.98"]),
    ]
    assert not [d for t in (income, expenditure) for d in t.diagnostics]
    assert income.column_sums() == (Decimal("248.98"),)


def test_a_summary_whose_sides_disagree_is_suspect() -> None:
    income, _ = find_tables(SUMMARY.replace("支出总计 248.98", "支出总计 249.98"))

    (suspect,) = [d for d in income.diagnostics if d.kind is DiagnosticKind.EXTRACTION_SUSPECT]
    assert "'收入总计' 248.98 ≠ '支出总计' 249.98" in suspect.message


def test_another_tools_text_with_space_tab_and_page_breaks() -> None:
    page = (
        "一般公共预算支出表 \t\n单位：元 \t\n"
        "科目编码 \t科目名称 \t合计 \t基本支出 \t项目支出\n"
        "208 \t社会保障和就业支出 \t1,204,310 \t1,204,310\n"
        "208 \t05 \t行政事业单位养老支出 \t1,204,310 \t1,204,310\n"
        "-- PAGE_BREAK --\n"
        "科目编码 \t科目名称 \t合计 \t基本支出 \t项目支出\n"
        "210 \t卫生健康支出 \t200,000 \t200,000\n"
        "210 \t15 \t医疗保障管理事务 \t200,000 \t200,000\n"
        "合计 \t1,404,310 \t1,204,310 \t200,000\n"
    )

    (table,) = find_tables(page)

    assert (table.caption, table.unit) == ("一般公共预算支出表", Unit.YUAN)
    assert [c.name for c in table.columns] == ["合计", "基本支出", "项目支出"]
    assert _cells(table) == [
        ("208", "社会保障和就业支出", ["1,204,310", "1,204,310", ""]),
        ("20805", "行政事业单位养老支出", ["1,204,310", "1,204,310", ""]),
        ("210", "卫生健康支出", ["200,000", "", "200,000"]),
        ("21015", "医疗保障管理事务", ["200,000", "", "200,000"]),
        ("", "合计", ["1,404,310", "1,204,310", "200,000"]),
    ]
    assert not [d for d in table.diagnostics if d.severity.value != "info"]


def test_a_three_public_row_keeps_its_total_column() -> None:
    """“三公” tables print one row of figures under a header that opens with 合计."""
    text = (
        "一般公共预算“三公”经费支出表\n单位：万元\n"
        "合计 因公出国（境）费 公务用车购置及运行费 公务接待费\n"
        "小计 公务用车购置费 公务用车运行维护费\n"
        "3.50 0.00 2.50 0.00 2.50 1.00\n"
    )

    (table,) = find_tables(text)

    assert table.kind is TableKind.THREE_PUBLIC
    assert [c.path for c in table.columns] == [
        ("合计",),
        ("因公出国（境）费",),
        ("公务用车购置及运行费", "小计"),
        ("公务用车购置及运行费", "公务用车购置费"),
        ("公务用车购置及运行费", "公务用车运行维护费"),
        ("公务接待费",),
    ]
    (row,) = table.rows
    assert row.name == ""
    assert [c.raw for c in row.cells] == ["3.50", "0.00", "2.50", "0.00", "2.50", "1.00"]
    assert not table.diagnostics


def test_an_empty_table_in_plain_text() -> None:
    text = (
        "政府性基金预算支出表\n单位：万元\n项目 本年政府性基金预算支出\n"
        "合计 基本支出 项目支出\n合计\n注：本部门没有政府性基金预算，故本表为空表。\n"
    )

    (table,) = find_tables(text)

    assert [c.name for c in table.columns] == ["合计", "基本支出", "项目支出"]
    assert [(r.name, r.role) for r in table.rows] == [("合计", RowRole.TOTAL)]
    assert table.is_empty


def _perturbable(table: Table) -> list[tuple[int, int]]:
    """(row, column) of figures whose row has a parent or a total above it in the table."""
    codes = {row.code for row in table.rows if row.code is not None}
    return [
        (number, column)
        for number, row in enumerate(table.rows)
        if row.code is not None and any(a in codes for a in row.code.ancestors)
        for column, cell in enumerate(row.cells)
        if cell.raw not in {"", "0", "0.00", "-"}
    ]


@settings(max_examples=30, deadline=None)
@given(st.data(), st.sampled_from([to_tsv, to_plain]))
def test_a_perturbed_figure_is_flagged_on_its_row(data: st.DataObject, render: object) -> None:
    """Change one figure of a coded row by more than rounding: the table says where sums broke."""
    table = parse_table(to_tsv(find_tables(GENERAL_PUBLIC)[0]), unit=Unit.YUAN)
    number, column = data.draw(st.sampled_from(_perturbable(table)))
    row = table.rows[number]
    raw = row.cells[column].raw
    changed = f"{int(raw.replace(',', '')) + data.draw(st.integers(1000, 10**6)):,}"
    text = render(table)  # type: ignore[operator]
    line = next(line for line in text.splitlines() if line.split()[-1] and row.name in line)
    text = text.replace(line, line.replace(raw, changed, 1) if raw in line else line)

    again = parse_table(text, unit=Unit.YUAN)

    flagged = [
        d
        for d in again.diagnostics
        if d.kind in {DiagnosticKind.EXTRACTION_SUSPECT, DiagnosticKind.VALUES_AMBIGUOUS}
    ]
    assert flagged
    assert any(str(row.code) in d.message or f"'{row.name}'" in d.message for d in flagged)
