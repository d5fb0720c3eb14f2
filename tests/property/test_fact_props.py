"""Facts: never an exception, and every span points back at what the fact holds."""

from __future__ import annotations

from hypothesis import given

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
