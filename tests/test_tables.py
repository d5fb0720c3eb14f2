"""Tables: every table of the seeds, each rendering, page breaks, two-sided tables."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget import Amount, Code, Percentage, Unit, parse_document
from cnbudget.diagnostics import DiagnosticKind
from cnbudget.spans import Span
from cnbudget.tables import (
    Column,
    Row,
    RowRole,
    Side,
    Table,
    TableKind,
    find_tables,
    parse_table,
    table_kind,
)

from .conftest import FIXTURES
from .golden import assert_golden, render_tables
from .renderers import to_aligned, to_html, to_markdown, to_plain, to_space_tab, to_tsv

TABLE_SEEDS = sorted((FIXTURES / "tables").glob("*.txt"))


def _seed(stem: str) -> str:
    return (FIXTURES / "seeds" / f"{stem}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("golden", TABLE_SEEDS, ids=lambda path: path.stem[:3])
def test_every_table_of_the_seeds(golden: Path) -> None:
    text = _seed(golden.stem)

    assert_golden(golden, render_tables(find_tables(text), text))


@pytest.mark.parametrize("golden", TABLE_SEEDS, ids=lambda path: path.stem[:3])
def test_every_seed_table_reads_the_same_from_every_rendering(golden: Path) -> None:
    for table in find_tables(_seed(golden.stem)):
        if not table.columns or not table.rows:
            continue
        unit = table.unit
        for render in (to_tsv, to_markdown, to_html, to_aligned):
            if render is to_aligned and _blank_column(table):
                continue  # plain text cannot show a column that prints nothing at all
            again = parse_table(render(table), caption=table.caption, unit=unit)
            assert again.columns == table.columns, render.__name__
            # Plain text has no bold: emphasis is compared where the rendering can show it.
            bold = render is not to_aligned
            assert [(r.code, r.name, r.cells, r.role, r.emphasis and bold) for r in again.rows] == [
                (r.code, r.name, r.cells, r.role, r.emphasis and bold) for r in table.rows
            ], render.__name__


_PLAIN_RENDERINGS: dict[str, Callable[[Table], str]] = {
    "plain": to_plain,
    "whole-codes": lambda table: to_plain(table, split_codes=False),
    "wrapped": lambda table: to_plain(table, wrap=24),
    "wrapped-around": lambda table: to_plain(table, wrap=24, around=True),
    "space-tab": lambda table: to_space_tab(table, page_rows=7),
}
# Tables of words (绩效目标, 单位情况) have no figures for plain text to tell cells apart by.
_WORD_TABLES = {
    TableKind.OTHER,
    TableKind.UNITS,
    TableKind.PROJECT_PERFORMANCE,
    TableKind.DEPARTMENT_PERFORMANCE,
}


@pytest.mark.parametrize("rendering", sorted(_PLAIN_RENDERINGS))
@pytest.mark.parametrize("golden", TABLE_SEEDS, ids=lambda path: path.stem[:3])
def test_every_seed_table_reads_from_plain_pdf_text(golden: Path, rendering: str) -> None:
    """
    The same table, or the rows the layout lost information on carry a diagnostic.

    Plain PDF text drops empty cells and wraps names; what the table's own sums
    cannot decide must be said, never read differently in silence.
    """
    render = _PLAIN_RENDERINGS[rendering]
    for table in find_tables(_seed(golden.stem)):
        if table.kind in _WORD_TABLES or not table.columns or not table.rows:
            continue
        words = _word_columns(table)
        if words != list(range(len(words))) or (words and rendering == "wrapped-around"):
            # Words after figures (绩效目标), or a column of words around a two-line name:
            # plain text cannot tell where one cell ends; not read yet.
            continue
        text = render(table)
        again = parse_table(text, caption=table.caption, unit=table.unit)
        _assert_same_or_flagged(again, table, text)


def _assert_same_or_flagged(again: Table, table: Table, text: str) -> None:
    """*again* reads *table*'s columns and rows, or says where it could not."""
    header_flagged = any(d.kind is DiagnosticKind.HEADER_AMBIGUOUS for d in again.diagnostics)
    if not header_flagged:
        assert again.columns == table.columns, (table.caption, text)
    flagged = [
        d.span
        for d in again.diagnostics
        if d.span is not None
        and d.kind in {DiagnosticKind.VALUES_AMBIGUOUS, DiagnosticKind.WRAPPED_LINE_JOINED}
    ]
    expected = {(r.code, r.name, tuple(c.raw for c in r.cells)) for r in table.rows}
    for row in again.rows:
        read = (row.code, row.name, tuple(c.raw for c in row.cells))
        assert read in expected or _flagged(row, flagged), (table.caption, read, text)


def _plain_tables(tables: list[Table]) -> list[Table]:
    """The tables plain text can print: figures, and no words after them."""
    found = []
    for table in tables:
        if table.kind in _WORD_TABLES or not table.columns or not table.rows:
            continue
        words = _word_columns(table)
        if words == list(range(len(words))):
            found.append(table)
    return found


@pytest.mark.parametrize("render", [to_plain, to_space_tab], ids=["plain", "space-tab"])
@pytest.mark.parametrize("golden", TABLE_SEEDS, ids=lambda path: path.stem[:3])
def test_whole_documents_in_plain_pdf_text_give_the_same_tables(
    render: Callable[[Table], str], golden: Path
) -> None:
    """Each one-sided table of a seed, re-rendered in place as plain text, is found again."""
    text = _seed(golden.stem)
    tables = [t for t in _plain_tables(find_tables(text)) if t.side is None]
    rendered = text
    for table in reversed(tables):
        assert table.span is not None
        rendered = rendered[: table.span.start] + render(table) + rendered[table.span.end :]

    again = {t.caption: t for t in find_tables(rendered) if t.caption}
    for table in tables:
        if not table.caption:
            continue
        found = again[table.caption]
        assert (found.number, found.kind, found.unit) == (table.number, table.kind, table.unit)
        _assert_same_or_flagged(found, table, render(table))


def _word_columns(table: Table) -> list[int]:
    return [
        index
        for index in range(len(table.columns))
        if any(isinstance(row.cells[index].value, str) for row in table.rows)
    ]


def _flagged(row: Row, spans: list[Span]) -> bool:
    return row.span is not None and any(
        span.start < row.span.end and row.span.start < span.end for span in spans
    )


def _blank_column(table: Table) -> bool:
    """A column under the same merged header as the one before it, with no cell filled."""
    return any(
        table.columns[index] == table.columns[index - 1]
        and not any(row.cells[index].raw for row in table.rows)
        for index in range(1, len(table.columns))
    )


@pytest.mark.parametrize(
    ("caption", "kind"),
    [
        ("部门收支总体情况表", TableKind.SUMMARY),
        ("收支预算总表(01)", TableKind.SUMMARY),
        ("部门财务收支预算总表", TableKind.SUMMARY),
        ("部门收入总表", TableKind.INCOME),
        ("部门支出总体情况表", TableKind.EXPENDITURE),
        ("财政拨款收支预算总体情况表", TableKind.FISCAL_SUMMARY),
        ("一般公共预算支出表（按功能分类科目）", TableKind.GENERAL_PUBLIC),
        ("一般公共预算基本支出表（按经济分类科目）", TableKind.GENERAL_PUBLIC_BASIC),
        ("财政拨款“三公”经费支出情况表", TableKind.THREE_PUBLIC),
        ("政府性基金预算拨款支出预算表（08）", TableKind.GOVERNMENT_FUND),
        ("国有资本经营预算支出表", TableKind.STATE_CAPITAL),
        ("部门预算项目支出表", TableKind.PROJECT),
        ("财政拨款委托业务费支出情况表", TableKind.ENTRUSTED),
        ("上年结转结余情况表", TableKind.CARRYOVER),
        ("政府采购预算表", TableKind.PROCUREMENT),
        ("项目支出绩效目标表", TableKind.PROJECT_PERFORMANCE),
        ("部门整体绩效目标表", TableKind.DEPARTMENT_PERFORMANCE),
        ("收入支出决算总表", TableKind.FINAL_SUMMARY),
        ("财政拨款收入支出决算总表", TableKind.FINAL_FISCAL_SUMMARY),
        ("收入决算表", TableKind.FINAL_INCOME),
        ("支出决算表", TableKind.FINAL_EXPENDITURE),
        ("## 其他说明表", TableKind.OTHER),
    ],
)
def test_kind_from_caption(caption: str, kind: TableKind) -> None:
    assert table_kind(caption) is kind


BLOCK = (
    "科目编码\t科目名称\t合计\t基本支出\t\n"
    "\t\t\t人员经费\t公用经费\n"
    "208\t社会保障和就业支出\t26.60\t26.60\t0.00\n"
    "20805\t行政事业单位养老支出\t26.09\t26.09\t-\n"
    "合计\t\t26.60\t26.60\t"
)


def test_parse_table_types_every_cell() -> None:
    table = parse_table(BLOCK, caption="一般公共预算支出表", unit=Unit.TEN_THOUSAND_YUAN)

    assert table.kind is TableKind.GENERAL_PUBLIC
    assert table.columns == (
        Column(("合计",)),
        Column(("基本支出", "人员经费")),
        Column(("基本支出", "公用经费")),
    )
    first, second, total = table.rows
    assert first.code == Code("208")
    assert first["基本支出/人员经费"].value == Amount(Decimal("26.60"), "万元")
    assert first[Column(("合计",))].raw == "26.60"
    assert second.level == 1
    assert second[2].raw == "-"
    assert second[2].value is None
    assert total.role is RowRole.TOTAL
    assert total[2].raw == ""
    with pytest.raises(KeyError):
        first["不存在"]


def test_tree_sums_and_records() -> None:
    table = parse_table(BLOCK, unit=Unit.TEN_THOUSAND_YUAN)

    assert [str(node.code) for node in table.tree()] == ["208", "20805"]
    assert table.column_sums() == (Decimal("26.60"), Decimal("26.60"), Decimal("0.00"))
    assert table.to_records()[0] == {
        "code": "208",
        "name": "社会保障和就业支出",
        "role": "detail",
        "合计": Decimal("26.60"),
        "基本支出/人员经费": Decimal("26.60"),
        "基本支出/公用经费": Decimal("0.00"),
    }


def test_two_sided_tables_are_split() -> None:
    income, spending = [t for t in find_tables(_seed("001_a1fb127064c62276")) if t.number == "表 1"]

    assert (income.side, spending.side) == ("收入", "支出")
    assert income.rows[0].name == "一、本年收入"
    assert spending.rows[7].code == Code("208")
    assert income.rows[-1].role is spending.rows[-1].role is RowRole.TOTAL


def test_a_header_repeated_after_a_page_break_is_joined() -> None:
    tables = find_tables(_seed("004_4976b1c9999b6d28"))
    (table,) = [t for t in tables if t.kind is TableKind.GENERAL_PUBLIC_BASIC]

    assert [d.kind for d in table.diagnostics] == ["page-break-joined"]
    assert table.rows[-1].code == Code("3030704")
    assert table.tree().check_sums() == []


def test_a_fragment_without_its_header_is_kept_and_flagged() -> None:
    tables = find_tables(_seed("003_8d3e10822965df6b"))
    (fragment,) = [t for t in tables if any(d.kind == "table-fragment" for d in t.diagnostics)]

    assert fragment.rows[0].name == "税金及附加费用"
    assert fragment.rows[0].code is None  # its 302 row was lost with the page


def test_rows_of_another_width_after_a_total_and_a_blank_line_are_another_table() -> None:
    # Two ruled grids one under the other, as a PDF reader gives them: the 合计 ends
    # the first; the second's rows must not be read under the first's columns.
    text = (
        "项目\t金额\n基本支出\t1.00\n合计\t1.00\n\n"
        "科目编码\t科目名称\t合计\t基本支出\n201\t一般公共服务支出\t2.00\t2.00"
    )
    first, second = find_tables(text)

    assert [row.name for row in first.rows] == ["基本支出", "合计"]
    assert [c.path for c in second.columns] == [("合计",), ("基本支出",)]
    assert second.rows[0].code == Code("201")
    # Of the same width, the rows after the blank line go on the same table.
    (same,) = find_tables("项目\t金额\n基本支出\t1.00\n\n项目支出\t2.00\n合计\t3.00")
    assert [row.name for row in same.rows] == ["基本支出", "项目支出", "合计"]


def test_an_explicit_page_break_marker_joins_a_table() -> None:
    text = "表 1\n\n部门支出总表\n\n单位：万元\n\n科目编码\t科目名称\t合计\n208\t社会保障和就业支出\t1.00\n\n-- PAGE_BREAK --\n\n210\t卫生健康支出\t2.00\n合计\t\t3.00"

    (table,) = find_tables(text)

    assert [row.name for row in table.rows] == ["社会保障和就业支出", "卫生健康支出", "合计"]
    assert table.number == "表 1"
    assert table.unit is Unit.TEN_THOUSAND_YUAN


def test_empty_tables_and_notes() -> None:
    tables = find_tables(_seed("004_4976b1c9999b6d28"))
    (three_public,) = [t for t in tables if t.kind is TableKind.THREE_PUBLIC]

    assert three_public.is_empty
    assert three_public.notes == ("注：本部门没有“三公”经费支出，故本表为空表。",)
    assert three_public.department == "伊春市友好区医疗保障局"


def test_html_merged_headers() -> None:
    html = (
        "<table><tr><td rowspan='2'>科目名称</td><td colspan='2'>本年收入</td></tr>"
        "<tr><td>一般公共预算</td><td>政府性基金预算</td></tr>"
        "<tr><td><b>合计</b></td><td>1,026.19</td><td>0.00</td></tr></table>"
    )

    table = parse_table(html, unit=Unit.TEN_THOUSAND_YUAN)

    assert table.columns == (
        Column(("本年收入", "一般公共预算")),
        Column(("本年收入", "政府性基金预算")),
    )
    (row,) = table.rows
    assert row.role is RowRole.TOTAL
    assert row.emphasis
    assert row[0].value == Amount(Decimal("1026.19"), "万元")


def test_cells_with_phrases() -> None:
    table = parse_table("指标\t指标值\t分值\n满意度\t>=90%\t10\n印刷费\t<=3 万元\t5")

    assert table.rows[0][0].value == Percentage(Decimal(90), "≥")
    assert table.rows[1][0].value == Amount(Decimal(3), "万元", "≤")
    assert table.rows[1][1].value == Decimal(5)


def test_amounts_in_yuan_with_separators() -> None:
    table = parse_table("科目编码\t科目名称\t金额\n3010101\t基本工资\t2,302,464.00", unit=Unit.YUAN)

    assert table.rows[0][0].value == Amount(Decimal("2302464.00"), "元")
    assert table.rows[0].code == Code("3010101")


def test_space_aligned_text() -> None:
    table = parse_table(
        "科目编码    科目名称    合计\n208    社会保障和就业支出    26.60\n合计    合计    26.60",
        unit=Unit.TEN_THOUSAND_YUAN,
    )

    assert [row.name for row in table.rows] == ["社会保障和就业支出", "合计"]
    assert table.rows[0][0].value == Amount(Decimal("26.60"), "万元")
    assert to_aligned(table)  # renders


def test_words_in_a_column_of_numbers_are_kept_with_a_diagnostic() -> None:
    table = parse_table("项目\t金额\n办公费\t1.00\n差旅费\t见附表\n邮电费\t2.00", unit=Unit.YUAN)

    cell = table.rows[1][0]
    assert (cell.raw, cell.value) == ("见附表", "见附表")
    assert cell.diagnostic is not None
    assert cell.diagnostic.message == "'见附表' is not a number, in a column of numbers"
    assert table.rows[0][0].diagnostic is None


def test_several_page_breaks_keep_every_diagnostic() -> None:
    part = "\t".join
    pages = ["表 1\n部门支出总表\n单位：万元\n" + part(["科目编码", "科目名称", "合计"])]
    pages += [part(["208", f"行{n}", "1.00"]) for n in range(1)]
    text = pages[0] + "\n" + pages[1]
    for n in range(2, 5):
        text += f"\n\n-- PAGE_BREAK --\n\n{part(['科目编码', '科目名称', '合计'])}\n{part([f'2{n:02d}', f'行{n}', '1.00'])}"

    (table,) = find_tables(text)

    assert len(table.rows) == 4
    assert [d.kind for d in table.diagnostics] == ["page-break-joined"] * 3


def test_department_and_unit_on_one_line() -> None:
    text = "一般公共预算支出表\n编制单位：某某局            单位：万元\n科目编码\t科目名称\t合计\n208\t社保\t1.00"

    (table,) = find_tables(text)

    assert table.department == "某某局"
    assert table.unit is Unit.TEN_THOUSAND_YUAN


def test_prose_indented_with_a_tab_is_not_a_table() -> None:
    assert find_tables("一、说明\n\t2024 年收入预算 727.56 万元。\n") == []


def test_html_tables_anywhere_and_unclosed() -> None:
    text = (
        "<div><table><tr><td>项目</td><td>金额</td></tr><tr><td>办公费</td><td>1.00</td></tr></table></div>\n"
        "\n表 2 差旅费表\n<table><tr><td>项目<td>金额<tr><td>差旅费<td>2.00\n\n"
        "表 3 部门支出总表\n科目编码\t科目名称\t合计\n208\t社保\t3.00"
    )

    tables = find_tables(text)

    assert [t.rows[0].name for t in tables] == ["办公费", "差旅费", "社保"]


def test_cell_values_point_into_the_document() -> None:
    text = "前言\n表 1 项目绩效表\n指标\t指标值\t金额\n满意度\t<b>>=95%</b>\t1,026.19"

    (table,) = find_tables(text)

    rate, money = table.rows[0].cells
    assert rate.value.span.slice(text) == ">=95%"  # type: ignore[union-attr]
    assert rate.span is not None
    assert money.raw == "1,026.19"


def test_final_accounts_column_numbers_are_header() -> None:
    table = parse_table(
        "项目\t本年收入\t本年支出\n栏次\t1\t2\n合计\t10.00\t9.00\n基本支出\t10.00\t9.00",
        unit=Unit.YUAN,
    )

    assert [row.name for row in table.rows] == ["合计", "基本支出"]
    assert table.column_sums() == (Decimal("10.00"), Decimal("9.00"))


def test_column_sums_of_a_table_without_a_class_row() -> None:
    table = parse_table(
        "科目编码\t科目名称\t合计\n2101101\t行政单位医疗\t1.00\n2101103\t公务员医疗补助\t2.00"
    )

    assert table.column_sums() == (Decimal("3.00"),)


def test_a_label_shared_by_columns_is_ambiguous() -> None:
    table = parse_table(
        "项目\t当年预算\t\t上年结转\t\n\t合计\t人员经费\t合计\t人员经费\n办公费\t1\t2\t3\t4"
    )
    row = table.rows[0]

    assert row["当年预算/合计"].raw == "1"
    assert row["上年结转/人员经费"].raw == "4"
    with pytest.raises(KeyError, match="'人员经费' names 2 columns"):
        row["人员经费"]


@pytest.mark.parametrize("render", [to_markdown, to_html], ids=["markdown", "html"])
@pytest.mark.parametrize("golden", TABLE_SEEDS, ids=lambda path: path.stem[:3])
def test_whole_documents_rendered_otherwise_give_the_same_tables(
    render: object, golden: Path
) -> None:
    """Each one-sided table of a seed, re-rendered in place, is found again with its context."""
    text = _seed(golden.stem)
    tables = [t for t in find_tables(text) if t.side is None and t.columns and t.rows]
    rendered = text
    for table in reversed(tables):  # from the end, so earlier spans stay valid
        assert table.span is not None
        block = render(table)  # type: ignore[operator]
        rendered = rendered[: table.span.start] + block + rendered[table.span.end :]

    again = [t for t in find_tables(rendered) if t.side is None and t.columns and t.rows]

    def content(table: Table) -> tuple[object, ...]:
        rows = [(r.code, r.name, r.cells, r.role) for r in table.rows]
        # Without a caption the kind comes from the header, which the renderers rewrite.
        kind = table.kind if table.caption else None
        return (table.caption, table.number, kind, table.unit, table.columns, rows)

    assert [content(t) for t in again] == [content(t) for t in tables]


def _final_accounts() -> list[Table]:
    path = FIXTURES / "documents" / "jueshuan_2024_tables.txt"
    return find_tables(path.read_text(encoding="utf-8"))


def test_final_accounts_tables() -> None:
    income, spending, expenditure, basic = _final_accounts()

    assert (income.kind, income.side, income.number) == (TableKind.FINAL_SUMMARY, "收入", "表 1")
    assert income.department == "某市卫生健康委员会"
    assert income.unit is Unit.YUAN
    assert income.rows[0].name == "一、一般公共预算财政拨款收入"
    assert income.rows[0][0].value == Amount(Decimal("10261900.00"), "元")
    assert spending.rows[-1].role is RowRole.TOTAL
    assert income.notes == ("注：本表反映部门本年度的总收支和年末结转结余情况。",)

    assert expenditure.kind is TableKind.FINAL_EXPENDITURE
    assert [d.kind for d in expenditure.diagnostics] == ["page-break-joined"]
    assert [str(row.code) for row in expenditure.rows if row.code] == [
        "2080505",
        "2101101",
        "2101501",
    ]
    assert expenditure.column_sums() == (
        Decimal("10261900.00"),
        Decimal("9761900.00"),
        Decimal("500000.00"),
    )

    assert basic.kind is TableKind.GENERAL_PUBLIC_BASIC
    assert [str(node.code) for node in basic.tree()] == [
        "301",
        "30101",
        "3010101",
        "30102",
        "3010201",
        "302",
        "30201",
    ]
    assert basic.rows[1][0].value == Amount(Decimal("1850000.50"), "元")


@pytest.mark.parametrize(
    ("caption", "kind"),
    [
        ("一般公共预算财政拨款基本支出决算表", TableKind.GENERAL_PUBLIC_BASIC),
        ("一般公共预算财政拨款支出决算表", TableKind.GENERAL_PUBLIC),
        ("政府性基金预算财政拨款收入支出决算表", TableKind.GOVERNMENT_FUND),
        ("财政拨款“三公”经费支出决算表", TableKind.THREE_PUBLIC),
    ],
)
def test_final_accounts_kinds(caption: str, kind: TableKind) -> None:
    assert table_kind(caption) is kind


def test_names_wrapped_onto_the_next_line_in_plain_text() -> None:
    text = (
        "科目编码  科目名称                      合计    基本支出\n"
        "208       社会保障和就业支出            53.44   35.63\n"
        "2080505   机关事业单位基本养老保险缴    35.63   35.63\n"
        "          费支出\n"
        "2080506   机关事业单位职业年金缴费支出  17.81   \n"
    )

    table = parse_table(text, unit=Unit.TEN_THOUSAND_YUAN)

    assert [row.name for row in table.rows] == [
        "社会保障和就业支出",
        "机关事业单位基本养老保险缴费支出",
        "机关事业单位职业年金缴费支出",
    ]
    assert table.rows[2][1].value is None  # an empty cell stays a cell
    (diagnostic,) = table.diagnostics
    assert diagnostic.kind == "wrapped-line-joined"
    assert diagnostic.span is not None
    assert diagnostic.span.slice(text).endswith("费支出")


def test_to_pandas_keeps_exact_decimals_under_the_header_rows() -> None:
    pytest.importorskip("pandas")
    table = parse_table(BLOCK, unit=Unit.TEN_THOUSAND_YUAN)

    frame = table.to_pandas()
    floats = table.to_pandas(floats=True)

    assert list(frame.columns) == [
        ("code", ""),
        ("name", ""),
        ("level", ""),
        ("role", ""),
        ("合计", ""),
        ("基本支出", "人员经费"),
        ("基本支出", "公用经费"),
    ]
    assert frame.loc[0, ("合计", "")] == Decimal("26.60")
    assert isinstance(frame.loc[0, ("合计", "")], Decimal)
    assert list(frame["基本支出"].columns) == ["人员经费", "公用经费"]
    assert (frame.loc[0, ("code", "")], frame.loc[0, ("level", "")]) == ("208", "类")
    assert frame.attrs == {"caption": table.caption, "kind": "其他", "unit": "万元"}
    assert [str(t) for t in floats.dtypes.iloc[4:]] == ["float64"] * 3
    assert floats.loc[0, ("合计", "")] == 26.6
    # One header row: plain column names.
    flat = parse_table("项目\t金额\n办公费\t1.00\n合计\t1.00").to_pandas()
    assert list(flat.columns) == ["code", "name", "level", "role", "金额"]


def test_two_html_tables_on_one_line() -> None:
    first = (
        "<table><tr><td>项目</td><td>金额</td></tr><tr><td>办公费</td><td>1.00</td></tr></table>"
    )
    second = (
        "<table><tr><td>科目</td><td>金额</td></tr><tr><td>差旅费</td><td>2.00</td></tr></table>"
    )
    text = first + second

    tables = find_tables(text)

    assert [[row.name for row in t.rows] for t in tables] == [["办公费"], ["差旅费"]]
    assert all(t.span is not None and t.span.slice(text).startswith("<tr>") for t in tables)
    # Each is a line of its own, so each line of the document belongs to one element.
    document = parse_document("<p>表1 甲表</p>" + text + "<p>注：无。</p>\n")
    assert [type(e).__name__ for e in document.elements] == [
        "Heading",
        "Table",
        "Table",
        "Paragraph",
    ]
    assert find_tables(text) == find_tables(first + "\n" + second)


def test_tables_on_one_line_read_as_on_two() -> None:
    same_header = (
        "<table><tr><td>项目</td><td>金额</td></tr><tr><td>办公费</td><td>1.00</td></tr></table>"
        "<table><tr><td>项目</td><td>金额</td></tr><tr><td>差旅费</td><td>2.00</td></tr></table>"
    )

    [joined] = find_tables(same_header)

    # As when a page break cuts a table and repeats its header: joined, and said so.
    assert [row.name for row in joined.rows] == ["办公费", "差旅费"]
    assert [d.kind for d in joined.diagnostics] == [DiagnosticKind.PAGE_BREAK_JOINED]
    assert find_tables(same_header.replace("</table><table>", "</table>\n<table>")) == [joined]


def test_header_rows_out_of_line_are_reported() -> None:
    tables = find_tables(_seed("003_8d3e10822965df6b"))
    (table,) = [t for t in tables if t.number == "( 05 )"]

    kinds = [d.kind for d in table.diagnostics]
    assert kinds == ["header-ambiguous", "header-ambiguous"]
    assert "当年预算/基本支出/小计" in table.diagnostics[0].message


def test_a_units_table_without_caption_is_known_by_its_header() -> None:
    (units, *_) = find_tables(_seed("004_4976b1c9999b6d28"))

    assert units.kind is TableKind.UNITS
    assert units.rows[0].key == "1"
    assert units.rows[0].name == "伊春市友好区医疗保障局（本级）"


@pytest.mark.parametrize(
    ("text", "read_from"),
    [
        ("项目\t金额\n合计\t<b>1</b>,026.19\n", "1</b>,026.19"),
        (
            (
                "<table><tr><td>项目</td><td>金额</td></tr>"
                "<tr><td>合计</td><td><b>457</b>.50</td></tr></table>"
            ),
            "457</b>.50",
        ),
    ],
)
def test_a_value_with_markup_inside_spans_exactly_what_it_was_read_from(
    text: str, read_from: str
) -> None:
    value = parse_table(text, unit=Unit.TEN_THOUSAND_YUAN).rows[0][0].value

    assert isinstance(value, Amount)
    assert value.span is not None
    assert value.span.slice(text) == read_from


def test_total_and_column_sums_of_a_two_sided_summary() -> None:
    """收支总表: the 1./2./其中 rows are not added to their 一、 rows again."""
    income, expenditure = find_tables(_seed(TABLE_SEEDS[0].stem))[:2]

    assert income.total is not None
    assert income.total.name == "收入总计"
    assert income.column_sums() == (Decimal("457.50"),)  # 一、本年收入 + 二、上年结转结余
    assert expenditure.total is not None
    assert expenditure.total.name == "支出总计"
    # The printed 类 rows sum to 457.49: each was rounded to 0.01 万元.
    assert expenditure.column_sums() == (Decimal("457.49"),)


@pytest.mark.parametrize(
    "block",
    [
        (
            "合计\t因公出国（境）费\t公务用车购置及运行费\t\t\t公务接待费\n"
            "\t\t小计\t公务用车购置费\t公务用车运行维护费\t\n"
            "3.50\t0.00\t2.50\t0.00\t2.50\t1.00\n"
        ),
        (
            "| 合计 | 因公出国（境）费 | 公务用车购置及运行费 | | | 公务接待费 |\n"
            "|---|---|---|---|---|---|\n"
            "| | | 小计 | 公务用车购置费 | 公务用车运行维护费 | |\n"
            "| 3.50 | 0.00 | 2.50 | 0.00 | 2.50 | 1.00 |\n"
        ),
        (
            "<table><tr><td rowspan=2>合计</td><td rowspan=2>因公出国（境）费</td>"
            "<td colspan=3>公务用车购置及运行费</td><td rowspan=2>公务接待费</td></tr>"
            "<tr><td>小计</td><td>公务用车购置费</td><td>公务用车运行维护费</td></tr>"
            "<tr><td>3.50</td><td>0.00</td><td>2.50</td><td>0.00</td><td>2.50</td><td>1.00</td></tr>"
            "</table>\n"
        ),
    ],
    ids=["tsv", "markdown", "html"],
)
def test_a_three_public_row_without_a_name_keeps_its_total_column(block: str) -> None:
    """The 合计 figure is the first column, not the row's name."""
    (table,) = find_tables("一般公共预算“三公”经费支出表\n单位：万元\n" + block)

    assert table.columns[0].path == ("合计",)
    assert len(table.columns) == 6
    (row,) = table.rows
    assert row.name == ""
    assert [c.raw for c in row.cells] == ["3.50", "0.00", "2.50", "0.00", "2.50", "1.00"]


HALVES = (
    "一般公共预算财政拨款基本支出决算表\n单位：元\n"
    "人员经费\t\t\t公用经费\t\t\n"
    "科目编码\t科目名称\t决算数\t科目编码\t科目名称\t决算数\n"
    "301\t工资福利支出\t3,000,000\t302\t商品和服务支出\t500,000\n"
    "30101\t基本工资\t1,000,000\t30201\t办公费\t100,000\n"
    "30102\t津贴补贴\t2,000,000\t30202\t印刷费\t400,000\n"
    "303\t对个人和家庭的补助\t200,000\t310\t资本性支出\t0\n"
    "30302\t退休费\t200,000\t\t\t\n"
    "人员经费合计\t\t3,200,000\t公用经费合计\t\t500,000\n"
)


def _cells_apart(text: str, separator: str) -> str:
    """Each line's non-empty cells joined by *separator*: empty cells vanish, as PDF text drops them."""
    return "\n".join(
        separator.join(cell for cell in line.split("\t") if cell) for line in text.splitlines()
    )


@pytest.mark.parametrize(
    "render",
    [
        str,
        lambda text: text.replace("\t", " | "),
        lambda text: _cells_apart(text, " "),
        lambda text: _cells_apart(text, " \t"),
    ],
    ids=["tsv", "pipes", "plain-pdf-text", "space-tab"],
)
def test_side_by_side_final_accounts_halves_are_split(render: Callable[[str], str]) -> None:
    """人员经费 | 公用经费 halves: each code keeps its own figure, 302xx rows are kept."""
    text = render(HALVES)
    if "|" in text:
        lines = text.splitlines()
        text = "\n".join([*lines[:2], *(f"| {line} |" for line in lines[2:])]) + "\n"

    personnel, public = find_tables(text)

    assert (personnel.side, public.side) == (Side.PERSONNEL, Side.PUBLIC)
    assert [(str(r.code or ""), r.name, r.cells[0].raw) for r in personnel.rows] == [
        ("301", "工资福利支出", "3,000,000"),
        ("30101", "基本工资", "1,000,000"),
        ("30102", "津贴补贴", "2,000,000"),
        ("303", "对个人和家庭的补助", "200,000"),
        ("30302", "退休费", "200,000"),
        ("", "人员经费合计", "3,200,000"),
    ]
    assert [(str(r.code or ""), r.cells[0].raw) for r in public.rows] == [
        ("302", "500,000"),
        ("30201", "100,000"),
        ("30202", "400,000"),
        ("310", "0"),
        ("", "500,000"),
    ]
    assert personnel.total is not None
    assert personnel.total.role is RowRole.TOTAL
    assert not [d for t in (personnel, public) for d in t.diagnostics]


def test_a_caption_printed_inside_the_grid_starts_the_next_table() -> None:
    text = (
        "部门支出总表\n\n单位：万元\n\n"
        "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n|---|---|---|---|---|\n"
        "| 208 | 社会保障和就业支出 | 26.60 | 26.60 | 0.00 |\n"
        "| | 合计 | 26.60 | 26.60 | 0.00 |\n"
        "| 一般公共预算支出表 | | | | |\n| 单位：万元 | | | | |\n"
        "| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |\n"
        "| 210 | 卫生健康支出 | 209.61 | 136.38 | 73.23 |\n"
        "| | 合计 | 209.61 | 136.38 | 73.23 |\n"
    )

    spending, general = find_tables(text)

    assert (spending.kind, general.kind) == (TableKind.EXPENDITURE, TableKind.GENERAL_PUBLIC)
    assert general.caption == "一般公共预算支出表"
    assert general.unit is Unit.TEN_THOUSAND_YUAN
    assert [r.name for r in spending.rows] == ["社会保障和就业支出", "合计"]
    assert [r.name for r in general.rows] == ["卫生健康支出", "合计"]
    assert not [d for t in (spending, general) for d in t.diagnostics]


def test_a_list_of_units_under_any_caption_is_a_units_table() -> None:
    text = (
        "纳入2026年部门预算编制范围的单位\n序号\t单位名称\t备注\n1\t某某局本级\t\n2\t某某中心\t\n"
    )

    (table,) = find_tables(text)

    assert table.kind is TableKind.UNITS
    assert [(r.key, r.name) for r in table.rows] == [("1", "某某局本级"), ("2", "某某中心")]


def test_a_code_printed_with_spaces_in_one_cell_is_a_code() -> None:
    text = (
        "部门支出总表\n科目编码\t科目名称\t合计\n208 05 05\t机关事业单位基本养老保险缴费支出\t100\n"
    )

    (table,) = find_tables(text)

    assert [(str(r.code), r.name) for r in table.rows] == [
        ("2080505", "机关事业单位基本养老保险缴费支出")
    ]


def test_performance_forms_printed_one_after_another_are_one_table_each() -> None:
    text = (
        "项目支出绩效目标填报表\n"
        "项目名称\t医保经办服务\t主管部门\t某某局\n年度目标\t提升经办服务水平\n"
        "一级指标\t二级指标\t三级指标\t指标值\n"
        "产出指标\t数量指标\t服务人次\t≥1000人次\n效益指标\t社会效益指标\t群众满意度\t≥95%\n"
        "预算单位\t某某局\n项目名称\t医保信息化建设\t主管部门\t某某局\n年度目标\t完成系统升级\n"
        "一级指标\t二级指标\t三级指标\t指标值\n产出指标\t质量指标\t系统可用率\t≥99%\n"
    )

    first, second = find_tables(text)

    assert first.kind is second.kind is TableKind.PROJECT_PERFORMANCE
    assert [r.name for r in first.rows] == ["服务人次", "群众满意度"]
    assert second.form[0] == ("预算单位", "某某局")
    assert [r.name for r in second.rows] == ["系统可用率"]
    assert not [d for t in (first, second) for d in t.diagnostics]


def test_tabs_inside_html_prose_make_no_table() -> None:
    page = "<p>一、部门主要职能</p>\n<p>负责\t\t\t全区医疗保障工作。</p>\n<p>本部门\t\t设5个科室。</p>\n"

    assert find_tables(page) == []


def test_parse_table_reads_the_caption_and_unit_lines_above_the_rows() -> None:
    text = (
        "部门支出总表\n单位：万元\n"
        "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "208\t社会保障和就业支出\t53.44\t53.44\t\n"
        "合计\t\t53.44\t53.44\t"
    )

    table = parse_table(text)
    given = parse_table(text, caption="支出预算表", unit=Unit.YUAN)

    assert (table.caption, table.kind, table.unit) == (
        "部门支出总表",
        TableKind.EXPENDITURE,
        Unit.TEN_THOUSAND_YUAN,
    )
    assert [row.name for row in table.rows] == ["社会保障和就业支出", "合计"]
    assert table.rows[0]["合计"].value == Amount(Decimal("53.44"), Unit.TEN_THOUSAND_YUAN)
    assert (given.caption, given.unit) == ("支出预算表", Unit.YUAN)  # what is given wins


@pytest.mark.parametrize("broken", ["1.5E3", "1.2.3", "12,3.4"])
def test_a_first_row_with_a_broken_figure_is_a_row_with_a_diagnostic(broken: str) -> None:
    # Not a second header row: that would take the row and its money away unseen.
    table = parse_table(f"项目\t金额\n基本支出\t{broken}\n项目支出\t2.00\n合计\t3.00")

    assert [column.path for column in table.columns] == [("金额",)]
    assert [row.name for row in table.rows] == ["基本支出", "项目支出", "合计"]
    cell = table.rows[0].cells[0]
    assert cell.value is None or isinstance(cell.value, str)
    assert cell.diagnostic is not None
    assert cell.diagnostic.kind is DiagnosticKind.NOT_A_NUMBER


def test_a_line_of_one_half_only_goes_by_its_code_and_else_says_it_cannot_tell() -> None:
    # Plain PDF text: the 302 row has no left-half row beside it, 其他 no code at all.
    text = (
        "一般公共预算财政拨款基本支出决算表\n单位：元\n人员经费 公用经费\n"
        "科目编码 科目名称 决算数 科目编码 科目名称 决算数\n"
        "301 工资福利支出 3,000,000 302 商品和服务支出 500,000\n"
        "30201 办公费 500,000\n"
        "其他 7\n"
        "人员经费合计 3,000,007 公用经费合计 500,000\n"
    )

    personnel, public = find_tables(text)

    assert [str(r.code or r.name) for r in public.rows] == ["302", "30201", "公用经费合计"]
    assert [r.name for r in personnel.rows] == ["工资福利支出", "其他", "人员经费合计"]
    (ambiguous,) = [d for d in personnel.diagnostics if d.kind is DiagnosticKind.VALUES_AMBIGUOUS]
    assert "'其他' prints one half" in ambiguous.message
    assert ambiguous.span is not None
    assert ambiguous.span.slice(text) == "其他 7"


def test_halves_side_by_side_with_the_left_figures_blank_keep_each_code() -> None:
    # Plain PDF text drops the blank cells: the left half prints codes and names only.
    text = (
        "一般公共预算财政拨款基本支出决算表\n单位：元\n人员经费 公用经费\n"
        "科目编码 科目名称 决算数 科目编码 科目名称 决算数\n"
        "301 工资福利支出 302 商品和服务支出 500,000\n"
        "30101 基本工资 30201 办公费 500,000\n"
        "人员经费合计 公用经费合计 500,000\n"
    )

    personnel, public = find_tables(text)

    assert [(str(r.code or ""), r.cells[0].raw) for r in personnel.rows] == [
        ("301", ""),
        ("30101", ""),
        ("", ""),
    ]
    assert [(str(r.code or ""), r.name, r.cells[0].raw) for r in public.rows] == [
        ("302", "商品和服务支出", "500,000"),
        ("30201", "办公费", "500,000"),
        ("", "公用经费合计", "500,000"),
    ]


@pytest.mark.parametrize(
    "text", ["<table><tr></tr></table>", "<table><tr><td> </td></tr></table>", "\t\t\n\t\t\n"]
)
def test_a_table_with_nothing_in_it_is_no_table(text: str) -> None:
    assert find_tables(text) == []
    assert parse_document("一、概况\n" + text + "\n说明。\n").tables == ()
