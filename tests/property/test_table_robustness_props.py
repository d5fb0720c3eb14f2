"""find_tables and parse_table on arbitrary text: tables or nothing, never an exception."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cnbudget.tables import find_tables, parse_table

from .strategies import any_text

table_alphabet = st.sampled_from(
    [
        *"\t\n |-*#0123456789.,，：:　",
        *("<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", "<th>", "<b>", "</b>", "<p>"),
        *('<td colspan="3">', "<td rowspan='2'>", '<td colspan="x">', "<br>", "<div>"),
        *(
            "合计",
            "总计",
            "小计",
            "栏次",
            "科目编码",
            "科目名称",
            "208",
            "05",
            "2080505",
            "收入",
            "支出",
        ),
        *(
            "表 1",
            "部门支出总表",
            "单位：万元",
            "编制部门：某局",
            "注：说明",
            "为空表",
            "-- PAGE_BREAK --",
        ),
        *("一级指标", "三级指标", "项目", "万元", ">=95%", "－12.50", "1,026.19", "<=3 万元"),
    ]
)
table_text = st.one_of(st.lists(table_alphabet, max_size=80).map("".join), any_text)


@given(table_text)
def test_find_tables_never_raises_and_spans_point_into_the_text(text: str) -> None:
    for table in find_tables(text):
        assert table.span is not None
        assert 0 <= table.span.start <= table.span.end <= len(text)
        for row in table.rows:
            assert len(row.cells) == len(table.columns)
            for cell in row.cells:
                assert cell.span is None or cell.span.end <= len(text)


@given(table_text)
@example("0<A>\r<A>")  # a line of markup alone, in a plain table: no item
def test_parse_table_never_raises(text: str) -> None:
    table = parse_table(text)

    assert all(len(row.cells) == len(table.columns) for row in table.rows)
