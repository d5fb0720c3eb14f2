"""Code parsers on arbitrary text: values or ParseError, nothing else; readers never crash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cnbudget.codes import parse_code
from cnbudget.paths import find_code_paths, parse_code_path, resolve_name, resolve_path
from cnbudget.trees import CodeTree

from .strategies import any_text, returns_or_raises_parse_error

code_alphabet = st.sampled_from(
    [
        *"0123456789０１２３ \t|｜<>b/*\n",
        *("类", "款", "项", "目", "（", "）", "(", ")", "（类）", "(款)", "　"),
        *(
            "支出",
            "行政运行",
            "卫生健康",
            "208",
            "05",
            "2080505",
            "301",
            "<b>",
            "</b>",
            "**",
            "合计",
        ),
    ]
)
code_text = st.one_of(st.lists(code_alphabet, max_size=40).map("".join), any_text)


@given(code_text, st.sampled_from([parse_code, parse_code_path]))
def test_code_parsers_return_or_raise_parse_error(text: str, parse: object) -> None:
    returns_or_raises_parse_error(parse, text)


@given(code_text)
def test_tree_reader_never_crashes_and_loses_no_coded_row(text: str) -> None:
    tree = CodeTree.from_text(text)

    for node in tree:
        for row in node.rows:
            assert row.span is not None
            assert 0 <= row.span.start <= row.span.end <= len(text)
    for unresolved in tree.unresolved:
        assert unresolved.span is not None
        assert unresolved.span.slice(text) == unresolved.text


@given(code_text)
def test_path_finder_and_resolver_never_crash(text: str) -> None:
    for path in find_code_paths(text):
        assert path.span is not None
        assert path.span.slice(text) == path.source
        resolution = resolve_path(path)
        assert len(resolution.codes) == len(path.segments)
    resolve_name(text)
