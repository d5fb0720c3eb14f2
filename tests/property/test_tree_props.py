"""Properties of code trees: every written form reads back the same; sums hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget.codes import Code
from cnbudget.trees import CodeRow, CodeTree

from .strategies import code_trees, render_rows


def _reference(rows: list[tuple[str, str, Decimal]]) -> CodeTree:
    return CodeTree.from_rows(CodeRow(Code(d), n, (v,)) for d, n, v in rows)


@pytest.mark.parametrize("form", ["whole", "columns", "indented", "glued"])
@given(rows=code_trees())
def test_every_written_form_reads_back_the_same_tree(
    form: str, rows: list[tuple[str, str, Decimal]]
) -> None:
    tree = CodeTree.from_text(render_rows(rows, form))

    assert tree == _reference(rows)
    assert tree.unresolved == ()
    assert [str(node.code) for node in tree] == [digits for digits, _, _ in rows]


@given(rows=code_trees())
def test_sums_of_a_rounded_consistent_tree_hold(rows: list[tuple[str, str, Decimal]]) -> None:
    assert _reference(rows).check_sums() == []


@given(rows=code_trees(), data=st.data())
def test_a_perturbed_parent_is_found(
    rows: list[tuple[str, str, Decimal]], data: st.DataObject
) -> None:
    tree = _reference(rows)
    parents = [node for node in tree if node.children]
    if not parents:
        return
    parent = data.draw(st.sampled_from(parents))
    # Just beyond what rounding can explain for this parent, either way.
    tolerance = Decimal("0.01") * (len(parent.children) + 1) / 2
    off = (tolerance + Decimal("0.01")) * data.draw(st.sampled_from([1, -1]))
    wrong = parent.total(0) + off
    perturbed = [(d, n, wrong if d == parent.code.digits else v) for d, n, v in rows]

    mismatches = _reference(perturbed).check_sums()

    assert parent.code in [m.node.code for m in mismatches]
