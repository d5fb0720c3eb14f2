"""The error family: what users see when a parse fails."""

from __future__ import annotations

import pickle

import pytest

from cnbudget import CnBudgetError, ParseError, Span, parse_amount, parse_date, parse_percentage
from cnbudget._text import display_width
from cnbudget.errors import InvalidAmount, InvalidDate


def test_message_quotes_the_text_with_a_marker_aligned_for_full_width() -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_amount("457.50 美元")

    assert info.exconly() == (
        "cnbudget.errors.InvalidAmount: expected a money unit (元, 千元, 万元, 亿元), "
        "found '美元' at position 7\n"
        "    457.50 美元\n"
        "           ^^^^"
    )


def test_marker_after_chinese_text() -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_amount("约五十万美元")

    lines = str(info.value).splitlines()
    assert lines[0] == "expected a money unit (元, 千元, 万元, 亿元), found '美元' at position 4"
    # 约五十万 is four full-width characters: eight columns.
    assert lines[2] == "    " + " " * 8 + "^^^^"


def test_semantic_error_marks_the_whole_phrase() -> None:
    with pytest.raises(InvalidDate) as info:
        parse_date("2026 年 2 月 30 日")

    assert info.exconly().splitlines()[1:] == [
        "    2026 年 2 月 30 日",
        "    " + "^" * display_width("2026 年 2 月 30 日"),
    ]


def test_end_of_text() -> None:
    with pytest.raises(
        ParseError, match="expected a number, found the end of the text at position 3"
    ):
        parse_percentage("百分之")


def test_long_lines_are_clipped_around_the_problem() -> None:
    text = "5" + "**" * 100 + "美元" + "乙" * 200
    with pytest.raises(InvalidAmount) as info:
        parse_amount(text)

    excerpt, marker = str(info.value).splitlines()[1:]
    assert excerpt.startswith("    …")
    assert excerpt.endswith("…")
    assert display_width(excerpt) < 120
    assert display_width(marker.rstrip("^")) == display_width(excerpt[: excerpt.index("美元")])


def test_only_the_offending_line_is_shown() -> None:
    with pytest.raises(InvalidAmount) as info:
        parse_amount("5\n美元")

    assert str(info.value).splitlines()[1:] == ["    美元", "    ^^^^"]


def test_errors_are_value_errors_of_one_family() -> None:
    assert issubclass(InvalidAmount, ParseError)
    assert issubclass(ParseError, CnBudgetError)
    assert issubclass(ParseError, ValueError)


def test_lark_exceptions_never_escape() -> None:
    from lark.exceptions import LarkError  # noqa: PLC0415

    for text in ["", "万元", "5 万元 5", "\x00", "增加", "$$$", "**"]:
        with pytest.raises(ParseError) as info:
            parse_amount(text)
        assert not isinstance(info.value, LarkError)
        assert info.value.__cause__ is None


def test_errors_pickle() -> None:
    error = InvalidAmount("bad", text="5 万人", span=Span(2, 4))

    again = pickle.loads(pickle.dumps(error))  # noqa: S301

    assert type(again) is InvalidAmount
    assert (again.message, again.text, again.span) == ("bad", "5 万人", Span(2, 4))
    assert str(again) == str(error)


def test_display_width() -> None:
    assert display_width("abc") == 3
    assert display_width("万元") == 4
    assert display_width("１２") == 4
    assert display_width("e\u0301") == 1
