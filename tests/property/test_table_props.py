"""Layout invariance: a table reads the same from every rendering of it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget import Unit
from cnbudget.tables import Table, parse_table

from ..renderers import to_aligned, to_html, to_markdown, to_tsv  # noqa: TID252 -- the suite is not installed
from .strategies import code_trees

labels = st.sampled_from(
    ["合计", "基本支出", "项目支出", "人员经费", "公用经费", "一般公共预算", "小计"]
)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    """A table of coded rows under one or two header rows, as a TSV rendering reads it."""
    rows = draw(code_trees())
    width = draw(st.integers(1, 4))
    top = draw(st.lists(labels, min_size=width, max_size=width, unique=True))
    lines = ["科目编码\t科目名称\t" + "\t".join(top)]
    if draw(st.booleans()):
        lines.append(
            "\t\t" + "\t".join(draw(st.lists(labels, min_size=width, max_size=width, unique=True)))
        )
    for digits, name, value in rows:
        values = [str(value)] + [
            str(draw(st.decimals(0, 999, places=2, allow_nan=False, allow_infinity=False)))
            for _ in range(width - 1)
        ]
        lines.append("\t".join([digits, name, *values]))
    lines.append("合计\t合计\t" + "\t".join(["1.00"] * width))
    return parse_table("\n".join(lines), unit=Unit.TEN_THOUSAND_YUAN)


def _content(table: Table) -> tuple[object, ...]:
    return (
        table.columns,
        [(r.code, r.name, r.cells, r.role, r.level, r.emphasis) for r in table.rows],
    )


@pytest.mark.parametrize("render", [to_tsv, to_markdown, to_html, to_aligned])
@given(table=tables())
def test_every_rendering_reads_back_the_same_table(render: object, table: Table) -> None:
    again = parse_table(render(table), unit=Unit.TEN_THOUSAND_YUAN)  # type: ignore[operator]

    assert _content(again) == _content(table)
    assert again == table  # spans aside


@given(table=tables())
def test_typed_cells_keep_the_printed_text(table: Table) -> None:
    for row in table.rows:
        for cell in row.cells:
            assert cell.value is None or Decimal(cell.raw) == cell.value.value  # type: ignore[union-attr]
