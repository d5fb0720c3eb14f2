"""Document.plot(): the picture draws the document's own figures."""

from __future__ import annotations

import io
import warnings

import pytest

pytest.importorskip("matplotlib")

from matplotlib.patches import Patch, Rectangle

from cnbudget import Amount, parse_document
from cnbudget.tables import TableKind

from .conftest import FIXTURES

# The test machines may have no font with 汉字: the glyphs are missing, the figures are not.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing:UserWarning")


def _width(patch: Patch) -> float:
    assert isinstance(patch, Rectangle)  # a bar
    return float(patch.get_width())


def test_the_plot_draws_spending_by_class_and_the_stated_changes() -> None:
    document = parse_document(
        (FIXTURES / "seeds" / "001_a1fb127064c62276.txt").read_text(encoding="utf-8")
    )

    figure = document.plot()

    spending, changes = figure.axes
    table = document.table(TableKind.EXPENDITURE)
    assert table is not None
    classes = [row for row in table.rows if row.code is not None and len(row.code.digits) == 3]
    assert [label.get_text() for label in spending.get_yticklabels()] == [
        f"{row.code} {row.name}" for row in classes
    ]
    printed = [row.cells[0].value for row in classes]
    assert all(isinstance(value, Amount) for value in printed)
    assert [round(_width(bar), 2) for bar in spending.patches] == [
        float(value.value) for value in printed if isinstance(value, Amount)
    ]
    # The first change the text states: 一般公共预算 357.50 万元, 减少 24.37 万元, 下降 6.38%.
    first = changes.patches[0]
    assert changes.get_yticklabels()[0].get_text() == "一般公共预算"
    assert round(_width(first), 2) == -24.37
    assert changes.texts[0].get_text() == "-24.37 (-6.38%)"
    widths = [_width(bar) for bar in changes.patches]
    colours = [bar.get_facecolor() for bar in changes.patches]
    assert len(widths) == len(changes.get_yticklabels())
    assert {c for w, c in zip(widths, colours, strict=True) if w < 0} != {
        c for w, c in zip(widths, colours, strict=True) if w > 0
    }
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        figure.savefig(io.BytesIO(), format="png")  # it renders


def test_a_document_without_the_figures_says_so_in_the_picture() -> None:
    figure = parse_document("2026年某某局部门预算\n\n一、部门职责\n").plot()

    texts = [text.get_text() for axes in figure.axes for text in axes.texts]

    assert texts == ["no table of spending by 类", "no year-on-year change stated"]
