"""Facts: never an exception, and every span points back at what the fact holds."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cnbudget.documents import parse_document
from cnbudget.facts import find_facts

from .strategies import any_text


@given(any_text)
def test_a_fact_spans_its_label_and_value(text: str) -> None:
    for fact in find_facts(text):
        assert fact.span is not None
        assert fact.value.span is not None
        assert fact.label
        assert fact.span.end == fact.value.span.end
        assert text[fact.value.span.start : fact.value.span.end] == fact.value.source


@given(any_text, any_text)
def test_document_facts_point_into_the_document(first: str, second: str) -> None:
    text = f"第一部分 概况\n{first}\n{second}\n"

    for fact in parse_document(text).facts:
        assert fact.span is not None
        assert fact.value.span is not None
        assert text[fact.value.span.start : fact.value.span.end] == fact.value.source
        for change in fact.changes:
            assert change.span is not None
            assert text[change.span.start : change.span.end] == change.source


_LABELS = ["一般公共预算财政拨款支出", "基本支出", "项目支出", "机关运行经费预算"]
# How PDF text breaks a page: a line break, a blank line, a page number, a marker.
_BREAKS = ["\n", "\n\n", "\n- 3 -\n", "\n\n-- PAGE_BREAK --\n\n", "\n3\n"]
_CENTS = st.integers(1, 99999).map(lambda n: Decimal(n) / 100)


@given(
    label=st.sampled_from(_LABELS),
    value=_CENTS,
    change=_CENTS,
    rate=_CENTS,
    cut=st.integers(1, 200),
    page_break=st.sampled_from(_BREAKS),
)
def test_a_sentence_cut_by_a_page_break_reads_whole(  # noqa: PLR0913, PLR0917 -- its parts
    label: str, value: Decimal, change: Decimal, rate: Decimal, cut: int, page_break: str
) -> None:
    sentence = (
        f"本部门严格执行预算管理规定。2026年{label}{value}万元，比上年增加{change}万元，"
        f"增长{rate}%，主要原因是人员变动。"
    )
    at = min(cut, len(sentence) - 1)
    text = f"2026年某某局部门预算\n\n一、收入支出预算情况\n\n{sentence[:at]}{page_break}{sentence[at:]}\n"

    [fact] = [f for f in parse_document(text).facts if f.value.value == value]

    assert fact.label.endswith(label)
    [read] = fact.changes
    assert read.amount is not None
    assert read.rate is not None
    assert (read.amount.value, read.rate.percent) == (change, rate)


_NAMES = ["基本支出", "项目支出", "人员经费", "公用经费", "事业收入", "上年结转"]


@given(
    names=st.lists(st.sampled_from(_NAMES), min_size=2, max_size=5, unique=True),
    data=st.data(),
    separator=st.sampled_from(["、", "，", ","]),
    form=st.sampled_from(["plain", "grouped"]),
)
def test_a_list_of_figures_gives_each_name_its_figure(
    names: list[str], data: st.DataObject, separator: str, form: str
) -> None:
    values = [data.draw(st.integers(1, 9999999).map(lambda n: Decimal(n) / 100)) for _ in names]
    # In thousands (1,234.56); never with a comma between (1,234.56,2,345.67 no one prints).
    grouped = form == "grouped" and separator != ","
    figures = separator.join(f"{v:,.2f}" if grouped else f"{v:.2f}" for v in values)
    text = f"{'、'.join(names)}分别为{figures}万元。"

    found = [(fact.label, fact.value.value) for fact in find_facts(text)]

    assert found == list(zip(names, values, strict=True))
