"""
Hostile input: long runs, repetition, unterminated markup, huge spans, mixed line endings.

Every public entry point keeps its promises on these shapes: ``find_*``, ``parse_document``
and ``check_text`` return (never raise), ``parse_*`` return or raise a ``ParseError``,
spans point into the text, every line belongs to one element, and a table's grid stays
in proportion to its markup. That the time stays linear in the input is measured by
``benchmarks/hostile.py`` (the ratio of two sizes), not asserted here: a timed test on a
shared machine is noise.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cnbudget import (
    check_text,
    find_phrases,
    find_tables,
    parse_amount,
    parse_date,
    parse_document,
    parse_table,
)
from tests.promises import uncovered_lines

from .strategies import returns_or_raises_parse_error

# Pieces whose repetition has made a loop or a regex quadratic before (issue 14).
RUNS = [
    " ",
    ".",
    "1",
    "1,",
    "万",
    "（",
    "<td",
    "<!--",
    "<table ",
    "<tr>",
    "|--",
    "\t",
    "科目\t金额\n",
    "一、标题甲\n（一）标题乙\n1.标题丙\n",
    "-- PAGE_BREAK --\n",
    "单位：元\n",
    "批复时间：",
    "电话：",
    "目录\n",
    "<table><tr><td>1</td></tr></table>",
    "某某单位的项目支出 1 万元。",
]
LINE_ENDS = ["\n", "\r\n", "\r", "\x85", "\u2028", "\u2029", "\f"]

runs = st.builds(
    lambda head, piece, count, tail: head + piece * count + tail,
    st.sampled_from(["", "x", "基本", "208\t", "<table><tr>"]),
    st.sampled_from(RUNS),
    st.integers(0, 400),
    st.sampled_from(["", "x", "b", "x 1万元", "月", "</table>"]),
)


@st.composite
def huge_spans(draw: st.DrawFn) -> str:
    """An HTML table whose row/colspans promise far more cells than its markup holds."""
    cells = draw(
        st.lists(
            st.builds(
                lambda rows, cols, text: f'<td rowspan="{rows}" colspan="{cols}">{text}</td>',
                st.integers(0, 10**7),
                st.integers(0, 10**7),
                st.sampled_from(["x", "1.00", "合计", ""]),
            ),
            min_size=1,
            max_size=5,
        )
    )
    rows = draw(st.integers(0, 200))
    return "<table><tr>" + "".join(cells) + "</tr>" + "<tr>" * rows + "</table>"


@st.composite
def nested_markup(draw: st.DrawFn) -> str:
    """Tags opened and closed in any order, some never ended, around table text."""
    pieces = st.sampled_from(
        [
            "<table>",
            "</table>",
            "<tr>",
            "</tr>",
            "<td>",
            "</td>",
            "<th",
            "<b>",
            "</b>",
            "<p>",
            "<!--",
            "-->",
            "<table",
            "科目",
            "208",
            "1,026.19",
            "\t",
            "\n",
        ]
    )
    return "".join(draw(st.lists(pieces, max_size=60)))


@st.composite
def mixed_line_ends(draw: st.DrawFn) -> str:
    """Lines of a disclosure joined by every line ending scraped text uses."""
    lines = draw(
        st.lists(
            st.sampled_from(
                [
                    "2026 年度某某局部门预算公开",
                    "一、部门概况",
                    "基本支出 355.50 万元，比上年减少 24.37 万元，下降 6.42%。",
                    "表1 收支总表",
                    "单位：万元",
                    "科目\t金额",
                    "208\t1.00",
                    "合计\t1.00",
                    "",
                ]
            ),
            max_size=12,
        )
    )
    ends = draw(st.lists(st.sampled_from(LINE_ENDS), min_size=len(lines), max_size=len(lines)))
    return "".join(line + end for line, end in zip(lines, ends, strict=True))


hostile = st.one_of(runs, huge_spans(), nested_markup(), mixed_line_ends())


def _within(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


@settings(max_examples=60, deadline=None)
@given(hostile)
@example("<table><tr>目录\nx")  # contents an unclosed table took: parse_document crashed
def test_documents_keep_every_promise(text: str) -> None:
    document = parse_document(text)

    for element in document.elements:
        assert element.span is not None
        assert _within(text, element.span.start, element.span.end)
    for diagnostic in document.diagnostics:
        assert diagnostic.span is None or _within(text, diagnostic.span.start, diagnostic.span.end)
    assert uncovered_lines(text) == []


@settings(max_examples=60, deadline=None)
@given(hostile)
def test_tables_stay_in_proportion_to_their_markup(text: str) -> None:
    for table in [*find_tables(text), parse_table(text)]:
        cells = sum(len(row.cells) for row in table.rows)
        assert cells <= 2 * len(text) + 1000
        for row in table.rows:
            for cell in row.cells:
                assert cell.span is None or _within(text, cell.span.start, cell.span.end)


@settings(max_examples=60, deadline=None)
@given(hostile)
def test_phrases_and_checks_return(text: str) -> None:
    for phrase in find_phrases(text):
        assert phrase.span is not None
        assert _within(text, phrase.span.start, phrase.span.end)
    report = check_text(text)
    for finding in report.findings:
        assert all(_within(text, span.start, span.end) for span in finding.spans)


@settings(max_examples=60, deadline=None)
@given(runs)
def test_phrase_parsers_return_or_raise_parse_error(text: str) -> None:
    returns_or_raises_parse_error(parse_amount, text)
    returns_or_raises_parse_error(parse_date, text)
