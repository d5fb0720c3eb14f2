"""Classification codes."""

from __future__ import annotations

import pytest

from cnbudget.codes import Code, Level, Scheme, parse_code
from cnbudget.errors import InvalidCode


@pytest.mark.parametrize(
    ("text", "digits", "level", "scheme"),
    [
        ("208", "208", Level.CLASS, Scheme.FUNCTION),
        ("20805", "20805", Level.SECTION, Scheme.FUNCTION),
        ("2080505", "2080505", Level.ITEM, Scheme.FUNCTION),
        ("208 05 05", "2080505", Level.ITEM, Scheme.FUNCTION),
        ("208\t05\t05", "2080505", Level.ITEM, Scheme.FUNCTION),
        ("208|05|05", "2080505", Level.ITEM, Scheme.FUNCTION),
        ("<b>208</b>", "208", Level.CLASS, Scheme.FUNCTION),
        ("**208**", "208", Level.CLASS, Scheme.FUNCTION),
        ("２０８", "208", Level.CLASS, Scheme.FUNCTION),
        ("30101", "30101", Level.SECTION, Scheme.DEPARTMENT_ECONOMIC),
        ("3010101", "3010101", Level.ITEM, Scheme.DEPARTMENT_ECONOMIC),
        ("3030703", "3030703", Level.ITEM, Scheme.DEPARTMENT_ECONOMIC),
        ("50101", "50101", Level.SECTION, Scheme.GOVERNMENT_ECONOMIC),
        ("101", "101", Level.CLASS, Scheme.REVENUE),
        ("101010101", "101010101", Level.SUBITEM, Scheme.REVENUE),
    ],
)
def test_parse_code(text: str, digits: str, level: Level, scheme: Scheme) -> None:
    code = parse_code(text)

    assert code == Code(digits)
    assert str(code) == digits
    assert code.level is level
    assert code.scheme is scheme
    assert code.span is not None
    assert code.span.slice(text) == code.source


def test_tree_relations() -> None:
    code = Code("2080505")

    assert code.parent == Code("20805")
    assert code.ancestors == (Code("208"), Code("20805"))
    assert code.parts == ("208", "05", "05")
    assert Code("208").is_ancestor_of(code)
    assert not code.is_ancestor_of(code)
    assert not Code("20806").is_ancestor_of(code)
    assert Code("208").parent is None
    assert Code("208").child("05") == Code("20805")
    assert Code("101010101").ancestors[-1] == Code("1010101")


def test_ordering_puts_parents_first() -> None:
    codes = [Code("20806"), Code("301"), Code("2080505"), Code("208"), Code("20805"), Code("101")]

    assert [str(c) for c in sorted(codes)] == ["208", "20805", "2080505", "20806", "301", "101"]


def test_explicit_scheme() -> None:
    assert parse_code("208", scheme="支出功能分类").scheme is Scheme.FUNCTION
    with pytest.raises(InvalidCode, match="has 9 digits"):
        parse_code("208050501", scheme=Scheme.FUNCTION)
    assert Code("101010101", Scheme.REVENUE).level is Level.SUBITEM


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20805051", "'20805051' has 8 digits; a 支出功能分类 code has 3, 5 or 7"),
        ("208 5 05", "each level below 类 has 2 digits, not '5'"),
        ("20 805", "a 类 has 3 digits, not '20'"),
        ("408", "no classification scheme has codes starting with '4'"),
        ("", "expected a code (208, 20805, 2080505), found the end of the text at position 0"),
        (
            "208 x",
            "expected a code (208, 20805, 2080505) or the end of the text, found 'x' at position 4",
        ),
    ],
)
def test_malformed_codes(text: str, message: str) -> None:
    with pytest.raises(InvalidCode) as info:
        parse_code(text)

    assert info.value.message == message


def test_code_validates_its_digits() -> None:
    with pytest.raises(ValueError, match="not a string of digits"):
        Code("2O8")
