"""Properties of the checks: silent on consistent documents, loud on one perturbed figure."""

from __future__ import annotations

from decimal import Decimal
from html import escape

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget.checks import Finding, check
from cnbudget.diagnostics import Severity
from cnbudget.documents import parse_document
from cnbudget.spans import Span

from .strategies import code_trees

# CB108 compares names with the catalogue: generated names are not the catalogue's.
IGNORED = ["CB108"]
LOUD = {Severity.ERROR, Severity.WARNING}


def _document(rows: list[tuple[str, str, Decimal]], rendering: str) -> str:
    """A 预算 document printing *rows* in a 一般公共预算支出表 with its total, in *rendering*."""
    total = sum((v for d, _, v in rows if len(d) == 3), Decimal(0))
    body = [["科目编码", "科目名称", "合计"], *([d, n, str(v)] for d, n, v in rows)]
    body.append(["", "合计", str(total)])
    if rendering == "tsv":
        table = "\n".join("\t".join(cells) for cells in body)
    elif rendering == "plain":  # PDF text: one space between cells, empty cells gone
        table = "\n".join(" ".join(cell for cell in cells if cell) for cells in body)
    elif rendering == "markdown":
        lines = ["| " + " | ".join(cells) + " |" for cells in body]
        table = "\n".join([lines[0], "|---|---|---|", *lines[1:]])
    else:
        cells = "".join(
            "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in body
        )
        table = f"<table>{cells}</table>"
    prose = f"2026年一般公共预算支出 {total} 万元。"
    return (
        "2026年某某局部门预算\n\n一、部门预算情况说明\n\n"
        f"{prose}\n\n二、一般公共预算支出表\n\n一般公共预算支出表\n单位：万元\n{table}\n"
    )


RENDERINGS = ["tsv", "plain", "markdown", "html"]


@pytest.mark.parametrize("rendering", RENDERINGS)
@given(rows=code_trees())
def test_a_consistent_document_gives_no_error_or_warning(
    rendering: str, rows: list[tuple[str, str, Decimal]]
) -> None:
    report = check(parse_document(_document(rows, rendering)), ignore=IGNORED)

    assert [f.message for f in report.findings if f.severity in LOUD] == []


def _names(finding: Finding, span: Span) -> bool:
    return any(s.start <= span.start and span.end <= s.end for s in finding.spans)


@pytest.mark.parametrize("rendering", RENDERINGS)
@given(rows=code_trees(), data=st.data())
def test_one_perturbed_parent_gives_an_error_that_names_it(
    rendering: str, rows: list[tuple[str, str, Decimal]], data: st.DataObject
) -> None:
    parents = [d for d, _, _ in rows if any(o != d and o.startswith(d) for o, _, _ in rows)]
    if not parents:
        return
    parent = data.draw(st.sampled_from(parents))
    children = sum(1 for o, _, _ in rows if o != parent and o.startswith(parent))
    # Beyond what rounding can explain however many figures take part.
    off = Decimal("0.01") * (children + 2) * data.draw(st.sampled_from([1, -1]))
    perturbed = [(d, n, v + off if d == parent else v) for d, n, v in rows]
    if any(v < 0 for _, _, v in perturbed):
        return
    document = parse_document(_document(perturbed, rendering))
    [row] = [r for t in document.tables for r in t.rows if str(r.code) == parent]
    cell = row.cells[0]
    assert cell.span is not None

    report = check(document, ignore=IGNORED)

    errors = [f for f in report.findings if f.severity is Severity.ERROR]
    assert any(_names(f, cell.span) for f in errors), [f.message for f in errors]
