"""Arabic and Chinese numerals."""

from __future__ import annotations

from decimal import Decimal, localcontext

import pytest

from cnbudget import parse_number
from cnbudget._numbers import cn_to_decimal
from cnbudget.errors import InvalidNumber


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("零", "0"),
        ("〇", "0"),
        ("一", "1"),
        ("两", "2"),
        ("十", "10"),
        ("十二", "12"),
        ("二十", "20"),
        ("二十四", "24"),
        ("一百零五", "105"),
        ("三百五", "350"),
        ("两千五", "2500"),
        ("一千零二十六", "1026"),
        ("一千零十", "1010"),
        ("一万五", "15000"),
        ("十万", "100000"),
        ("一亿二千万", "120000000"),
        ("三亿零五万", "300050000"),
        ("壹佰", "100"),
        ("叁仟肆佰伍拾陆", "3456"),
        ("二零二六", "2026"),
        ("二〇二五", "2025"),
        ("一千零二十六点一九", "1026.19"),
        ("四点八六", "4.86"),
        ("零点五", "0.5"),
    ],
)
def test_cn_to_decimal(text: str, value: str) -> None:
    assert cn_to_decimal(text) == Decimal(value)
    assert str(cn_to_decimal(text)) == value


@pytest.mark.parametrize("text", ["十十", "百千", "一二十", "万", "一点", "三公"])
def test_malformed_chinese_numerals(text: str) -> None:
    with pytest.raises(ValueError, match=r"."):
        cn_to_decimal(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1,026.19", "1026.19"),
        ("2,302,464", "2302464"),
        ("１，０２６．１９", "1026.19"),
        ("－５", "-5"),
        ("−5", "-5"),
        ("负5", "-5"),
        ("一千零二十六点一九", "1026.19"),
        (" 42 ", "42"),
    ],
)
def test_parse_number(text: str, value: str) -> None:
    number = parse_number(text)

    assert number.value == Decimal(value)
    assert str(number) == value
    assert number.span is not None
    assert number.span.slice(text) == number.source


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,02", "expected the end of the text, found ',' at position 1"),
        ("一二十", "'一二十' has two digits in a row without a unit"),
        ("五万元", "expected the end of the text, found '万元' at position 1"),
    ],
)
def test_parse_number_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidNumber) as info:
        parse_number(text)

    assert info.value.message == message


def test_chinese_decimals_are_exact_whatever_the_decimal_context() -> None:
    with localcontext() as context:
        context.prec = 5
        assert parse_number("一万零一点二三四五六七").value == Decimal("10001.234567")
