"""Amounts, percentages and quantities: parsing, values, arithmetic."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget import (
    Amount,
    ParseError,
    Percentage,
    Qualifier,
    Quantity,
    Span,
    Unit,
    find_phrases,
    parse_amount,
    parse_percentage,
    parse_quantity,
)
from cnbudget._numbers import digits_to_cn
from cnbudget.errors import InvalidAmount, InvalidPercentage, InvalidQuantity


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier"),
    [
        ("457.50 万元", "457.50", "万元", ""),
        ("457.50万元", "457.50", "万元", ""),
        ("0.4022万元", "0.4022", "万元", ""),
        ("1,026.19 万元", "1026.19", "万元", ""),
        ("2,302,464.00元", "2302464.00", "元", ""),
        ("2,302,464 元", "2302464", "元", ""),
        ("１，０２６．１９万元", "1026.19", "万元", ""),
        ("3,000.50 千元", "3000.50", "千元", ""),
        ("约1.8亿元", "1.8", "亿元", "约"),
        ("-12.50 万元", "-12.50", "万元", ""),
        ("－5万元", "-5", "万元", ""),
        ("−5万元", "-5", "万元", ""),
        ("负 5 万元", "-5", "万元", ""),
        ("727.56\n万元", "727.56", "万元", ""),
        ("727.56\t万元", "727.56", "万元", ""),
        ("**763.15** 万元", "763.15", "万元", ""),
        ("<b>457.50</b>万元", "457.50", "万元", ""),
        ("一千零二十六点一九万元", "1026.19", "万元", ""),
        ("壹佰万元", "100", "万元", ""),
        ("50 万元以上", "50", "万元", "≥"),
        ("50万元（含）以上", "50", "万元", "≥"),
        ("5 万元左右", "5", "万元", "约"),
        ("1000多万元", "1000", "万元", ">"),
        ("超 1 万元", "1", "万元", ">"),
        ("<=3 万元", "3", "万元", "≤"),
        ("$\\geq 0$ 元", "0", "元", "≥"),
        ("  457.50 万元  ", "457.50", "万元", ""),
    ],
)
def test_parse_amount(text: str, value: str, unit: str, qualifier: str) -> None:
    amount = parse_amount(text)

    assert amount.value == Decimal(value)
    assert str(amount.value) == value
    assert amount.unit is Unit(unit)
    assert amount.qualifier is Qualifier(qualifier)
    assert amount.span is not None
    assert amount.span.slice(text) == amount.source


def test_source_and_span_exclude_surrounding_space_and_markup() -> None:
    amount = parse_amount("  **763.15** 万元 ")

    assert amount.source == "763.15** 万元"
    assert amount.span == Span(4, 15)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("0.4022万元", "4022"),
        ("457.50万元", "4575000"),
        ("1.8亿元", "180000000"),
        ("3,000.50 千元", "3000500"),
        ("0.01 万元", "100"),
        ("2,302,464.00元", "2302464.00"),
    ],
)
def test_yuan_is_exact(text: str, yuan: str) -> None:
    assert str(parse_amount(text).yuan) == yuan


def test_equality_is_by_money_not_spelling() -> None:
    assert parse_amount("457.50万元") == parse_amount("4,575,000 元")
    assert hash(parse_amount("457.50万元")) == hash(parse_amount("4575000元"))
    assert parse_amount("1万元") != parse_amount("约1万元")
    assert parse_amount("1万元") != parse_amount("1元")


def test_spans_do_not_take_part_in_equality() -> None:
    assert parse_amount(" 5万元") == parse_amount("5 万元")
    assert parse_percentage(" 5%") == parse_percentage("5%")
    assert parse_quantity(" 5 人") == parse_quantity("5人")


def test_str_is_canonical() -> None:
    assert str(parse_amount("1,026.19 万元")) == "1026.19万元"
    assert str(parse_amount("50 万元以上")) == "≥50万元"
    assert repr(parse_amount("约1.8亿元")) == "<Amount '约1.8亿元'>"


def test_arithmetic_is_exact_and_uses_the_smaller_unit() -> None:
    a, b = parse_amount("0.4022万元"), parse_amount("0.01元")

    assert a + b == Amount(Decimal("4022.01"))
    assert (a + b).unit is Unit.YUAN
    assert a - b == Amount(Decimal("4021.99"))
    assert sum([a, a, a]) == Amount(Decimal("1.2066"), Unit.TEN_THOUSAND_YUAN)
    assert a * 3 == Amount(Decimal("1.2066"), "万元")
    assert -a == Amount(Decimal("-0.4022"), "万元")
    assert abs(-a) == a
    assert a / parse_amount("0.2011万元") == 2


def test_arithmetic_beyond_default_decimal_precision() -> None:
    big = Amount(Decimal("1" * 40 + ".01"), "万元")

    assert (big + Amount(Decimal("0.01"), "元")).value == Decimal("1" * 40 + "0100.01")


def test_ordering_compares_money() -> None:
    assert parse_amount("1万元") > parse_amount("9999元")
    assert min([parse_amount("1亿元"), parse_amount("1元")]) == parse_amount("1元")


def test_to_converts_exactly() -> None:
    assert Amount(Decimal(4022), "元").to("万元").value == Decimal("0.4022")


def test_amount_rejects_non_finite_values() -> None:
    with pytest.raises(ValueError, match="finite"):
        Amount(Decimal("NaN"))


@pytest.mark.parametrize(
    ("text", "percent", "qualifier"),
    [
        ("4.86%", "4.86", ""),
        ("4.86 %", "4.86", ""),
        ("４．８６％", "4.86", ""),
        ("百分之四点八六", "4.86", ""),
        ("百分之百", "100", ""),
        ("$\\geq 95\\%$", "95", "≥"),
        ("> =95%", "95", "≥"),
        (">=30%", "30", "≥"),
        ("≥95%", "95", "≥"),
        ("不低于 90%", "90", "≥"),
        ("$=100\\%$", "100", "="),
        ("$\\leq 5\\%$", "5", "≤"),
        ("＞ 80％", "80", ">"),
        ("<2%", "2", "<"),
        ("90%以上", "90", "≥"),
    ],
)
def test_parse_percentage(text: str, percent: str, qualifier: str) -> None:
    value = parse_percentage(text)

    assert value.percent == Decimal(percent)
    assert value.qualifier is Qualifier(qualifier)


def test_percentage_fraction_is_exact() -> None:
    assert parse_percentage("4.86%").fraction == Decimal("0.0486")
    assert str(parse_percentage("4.86%").fraction) == "0.0486"
    assert parse_percentage("100%").fraction == 1


@pytest.mark.parametrize(
    ("text", "value", "counter", "qualifier"),
    [
        ("2 辆", "2", "辆", ""),
        ("66 人", "66", "人", ""),
        ("3,500 余人次", "3500", "人次", ">"),
        ("500余条", "500", "条", ">"),
        ("0 台（套）", "0", "台（套）", ""),
        ("0 台(套)", "0", "台（套）", ""),
        ("0 台/套", "0", "台（套）", ""),
        ("1，200 平方米", "1200", "平方米", ""),
        ("1 万人", "1", "万人", ""),
        ("6 元/年", "6", "元/年", ""),
        ("400 元/人", "400", "元/人", ""),
        ("三家", "3", "家", ""),
        ("两名", "2", "名", ""),
        (">=1 个", "1", "个", "≥"),
        ("12 个月", "12", "个月", ""),
        ("近 20 人", "20", "人", "约"),
    ],
)
def test_parse_quantity(text: str, value: str, counter: str, qualifier: str) -> None:
    quantity = parse_quantity(text)

    assert quantity == Quantity(Decimal(value), counter, Qualifier(qualifier))
    assert quantity.counter == counter


@pytest.mark.parametrize(
    ("function", "text", "error"),
    [
        (parse_amount, "457.50 万人", InvalidAmount),
        (parse_amount, "5 万万元", InvalidAmount),
        (parse_amount, "万元", InvalidAmount),
        (parse_amount, "", InvalidAmount),
        (parse_amount, "5 万元 5 万元", InvalidAmount),
        (parse_amount, "约 5 万元左右以上", InvalidAmount),
        (parse_percentage, "5 万元", InvalidPercentage),
        (parse_percentage, "百分之", InvalidPercentage),
        (parse_quantity, "5 万元", InvalidQuantity),
        (parse_quantity, "三公", InvalidQuantity),
    ],
)
def test_bad_input_raises_the_concept_error(
    function: object, text: str, error: type[ParseError]
) -> None:
    with pytest.raises(error) as info:
        function(text)  # type: ignore[operator]

    assert isinstance(info.value, ParseError)
    assert isinstance(info.value, ValueError)
    assert info.value.text == text
    assert 0 <= info.value.position <= len(text)


def test_conflicting_qualifiers_are_an_error() -> None:
    with pytest.raises(InvalidAmount, match="conflicting qualifiers '约' and '≥'"):
        parse_amount("约 50 万元以上")


def test_same_qualifier_twice_is_fine() -> None:
    assert parse_amount("约 5 万元左右").qualifier is Qualifier.APPROXIMATE


def test_percentage_negation() -> None:
    assert -Percentage(Decimal(5)) == Percentage(Decimal(-5))


def test_percentage_points_are_not_percentages() -> None:
    points = parse_percentage("3.2 个百分点")

    assert points.points
    assert points.fraction == Decimal("0.032")
    assert str(points) == "3.2个百分点"
    assert points != parse_percentage("3.2%")
    assert -points == Percentage(Decimal("-3.2"), points=True)


@pytest.mark.parametrize(
    ("function", "text", "expected"),
    [
        (parse_amount, "3亿多元", "> 3 亿元"),
        (parse_amount, "1 万余元", "> 1 万元"),
        (parse_quantity, "2 万余人次", "> 2 万人次"),
        (parse_quantity, "5.2万条", "5.2 万条"),
    ],
)
def test_magnitude_written_apart_from_the_unit(function: object, text: str, expected: str) -> None:
    assert function(text) == function(expected)  # type: ignore[operator]
    assert str(function(text)) == expected.replace(" ", "")  # type: ignore[operator]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("28.5万亿元", "285000亿元"),
        ("二十八点五万亿元", "285000亿元"),
        ("一万亿元", "10000亿元"),
        ("三万五千亿元", "35000亿元"),
    ],
)
def test_national_scale_amounts(text: str, expected: str) -> None:
    assert str(parse_amount(text)) == expected


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("壹拾壹元整", "11"),
        ("壹佰壹拾壹圆整", "111"),
        ("壹拾壹元正", "11"),
        ("玖仟陆佰陆拾伍圆壹角捌分", "9665.18"),
        ("壹佰捌拾壹圆柒角", "181.7"),
        ("六十四万零一百四十三元一角七分", "640143.17"),
        ("肆佰叁拾萬圆整", "4300000"),
        ("兩千元", "2000"),
        ("廿万元", "200000"),
    ],
)
def test_amounts_written_out_as_on_a_cheque(text: str, yuan: str) -> None:
    """大写: 圆 for 元, 整/正 after it, 角 and 分 for tenths and hundredths, 萬, 兩, 廿."""
    assert parse_amount(text).yuan == Decimal(yuan)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [("三万元五角", "30000.5"), ("壹萬圆零壹分", "10000.01"), ("叁亿圆零壹分", "300000000.01")],
)
def test_jiao_and_fen_after_wan_yuan_count_the_figure_in_yuan(text: str, yuan: str) -> None:
    """壹萬圆伍角 is how a cheque writes 10000.5 元: the 角 and 分 are of the whole figure."""
    amount = parse_amount(text)

    assert amount.yuan == Decimal(yuan)
    assert amount.unit is Unit.YUAN


def test_a_cheque_amount_in_prose_keeps_its_jiao_and_fen() -> None:
    (amount,) = find_phrases("合同金额为玖仟陆佰陆拾伍圆壹角捌分。")

    assert isinstance(amount, Amount)
    assert amount.yuan == Decimal("9665.18")
    assert amount.span is not None
    assert amount.span.end == len("合同金额为玖仟陆佰陆拾伍圆壹角捌分")


@pytest.mark.parametrize(
    ("text", "yuan", "shown"),
    [
        # A numeral with 亿 in it before 万元: 万 counts its last part only.
        ("一亿三千万元", 130_000_000, "13000万元"),
        ("两亿五千万元", 250_000_000, "25000万元"),
        ("1亿3000万元", 130_000_000, "13000万元"),
        # ... and a numeral below the unit's magnitude is multiplied whole, as before.
        ("三千五百万元", 35_000_000, "3500万元"),
        ("三万亿元", 3_000_000_000_000, "30000亿元"),
        # Digits and numeral units mixed.
        ("2万800元", 20_800, "20800元"),
        ("300万五千元", 3_005_000, "3005000元"),
        ("50亿零六千120元", 5_000_006_120, "5000006120元"),
        ("3百05元", 305, "305元"),
        ("2万4千元", 24_000, "24000元"),
        ("-2万800元", -20_800, "-20800元"),
    ],
)
def test_numerals_with_units_inside_keep_their_value(text: str, yuan: int, shown: str) -> None:
    amount = parse_amount(text)

    assert amount.yuan == yuan
    assert str(amount) == shown
    (found,) = find_phrases(f"总投资{text}。")  # never the 800元 or 3000万元 alone
    assert found == amount


@given(st.integers(1, 9999), st.integers(1, 9999))
def test_yi_then_wan_adds_the_wan_to_the_last_part(yi: int, wan: int) -> None:
    text = f"{digits_to_cn(str(yi))}亿{digits_to_cn(str(wan))}万元"

    assert parse_amount(text).yuan == yi * 10**8 + wan * 10**4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("人民币1.2万元", "1.2万元"),
        ("1.2万元人民币", "1.2万元"),
        ("约人民币3万元", "约3万元"),  # the qualifier before 人民币 still counts
        ("人民币 3 万元以上", "≥3万元"),
    ],
)
def test_renminbi_before_or_after_an_amount_changes_nothing(text: str, expected: str) -> None:
    assert str(parse_amount(text)) == expected
    (found,) = find_phrases(f"共计{text}。")
    assert str(found) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # A digit before 千万 or 百万 is the numeral's first digit, never dropped.
        ("支出3千万元", "3000万元"),
        ("支出5百万元", "500万元"),
        ("支出1.5千万元", "1500万元"),
        ("共3千人", "3000人"),
        ("共3百万人", "300万人"),
        ("5百元", "500元"),
        ("3千元", "3千元"),  # 千元 is a unit of its own
    ],
)
def test_digits_before_a_numeral_unit_are_part_of_the_number(text: str, shown: str) -> None:
    (found,) = find_phrases(text)

    assert str(found) == shown


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # Amounts sharing the unit printed after the last, each a phrase of its own.
        ("人员经费和公用经费分别为812.40、836.05万元。", ["812.40万元", "836.05万元"]),
        ("分别为812.40,836.05万元", ["812.40万元", "836.05万元"]),
        ("分别为10、20、30万元", ["10万元", "20万元", "30万元"]),
        # A comma after decimals only: 1,234.56 is one number, never a list.
        ("合计1,234.56万元", ["1234.56万元"]),
        # A thousands separator is still one number.
        ("共计1,026.19万元", ["1026.19万元"]),
        ("2,302,464.00元", ["2302464.00元"]),
    ],
)
def test_amounts_sharing_one_unit(text: str, found: list[str]) -> None:
    phrases = list(find_phrases(text))

    assert [str(p) for p in phrases] == found
    for phrase in phrases:
        assert isinstance(phrase, Amount)
        assert phrase.span is not None
        assert phrase.span.slice(text).startswith(phrase.source[:3])


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A thousands separator is no list: the change around the figure stays whole.
        ("比上年增加1,234.56万元，增长5%", ["增加1234.56万元，增长5%"]),
        ("约1,000万元", ["约1000万元"]),
        # 1、 or 三、 opening a clause numbers it: no list of amounts.
        ("1、500万元用于设备购置", ["500万元"]),
        ("三、五百万元以上项目", ["≥500万元"]),
        # 两三万元 is a rough count: no value (and the document reports it).
        ("两三万元", []),
        ("提高3百分点", ["增长3个百分点"]),
    ],
)
def test_lists_numbering_and_rough_counts(text: str, found: list[str]) -> None:
    assert [str(p) for p in find_phrases(text)] == found
