"""Ranges of amounts and quantities: parse_range, find_phrases, str round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget import (
    Amount,
    Qualifier,
    Quantity,
    Unit,
    find_phrases,
    from_json,
    parse_amount,
    to_json,
)
from cnbudget.errors import InvalidRange, ParseError
from cnbudget.ranges import Range, parse_range

WAN = Unit.TEN_THOUSAND_YUAN


def _wan(value: str) -> Amount:
    return Amount(Decimal(value), WAN)


@pytest.mark.parametrize(
    ("text", "low", "high", "inclusive"),
    [
        ("2万-6万元", _wan("2"), _wan("6"), (True, True)),
        ("2万元--6万元", _wan("2"), _wan("6"), (True, True)),
        ("2万～6万元", _wan("2"), _wan("6"), (True, True)),
        ("15至25万元", _wan("15"), _wan("25"), (True, True)),
        ("一百三十到一百六十万元", _wan("130"), _wan("160"), (True, True)),
        (
            "六千到八千亿元",
            Amount(Decimal(6000), Unit.HUNDRED_MILLION_YUAN),
            Amount(Decimal(8000), Unit.HUNDRED_MILLION_YUAN),
            (True, True),
        ),
        ("2万(含)-6万元", _wan("2"), _wan("6"), (True, True)),
        ("1万元（不含）至5万元", _wan("1"), _wan("5"), (False, True)),
        ("在1万元（含）至5万元之间", _wan("1"), _wan("5"), (True, True)),
        ("1万元至5万元（不含）", _wan("1"), _wan("5"), (True, False)),
        (
            "3000－5000元",
            Amount(Decimal(3000), Unit.YUAN),
            Amount(Decimal(5000), Unit.YUAN),
            (True, True),
        ),
        ("5-10人", Quantity(Decimal(5), "人"), Quantity(Decimal(10), "人"), (True, True)),
        ("3至5万人", Quantity(Decimal(3), "万人"), Quantity(Decimal(5), "万人"), (True, True)),
        (
            "一千万到两千万人",
            Quantity(Decimal(1000), "万人"),
            Quantity(Decimal(2000), "万人"),
            (True, True),
        ),
    ],
)
def test_the_forms_of_a_range(
    text: str, low: Amount | Quantity, high: Amount | Quantity, inclusive: tuple[bool, bool]
) -> None:
    found = parse_range(text)

    assert (found.low, found.high) == (low, high)
    assert (found.low_inclusive, found.high_inclusive) == inclusive
    assert found.source == text
    assert parse_range(str(found)) == found  # str() reads back as the same range


def test_the_asset_wording_of_budget_documents_is_a_range_in_running_text() -> None:
    text = "单价在1万元（含）至5万元之间的设备3台，单价50万元（含）以上的设备0台。"

    phrases = list(find_phrases(text))

    band = phrases[0]
    assert isinstance(band, Range)
    assert band.span is not None
    assert band.span.slice(text) == "在1万元（含）至5万元之间"
    assert band.low.span is not None
    assert band.low.span.slice(text) == "1万元"
    assert parse_amount("1万元") in band
    assert parse_amount("50000元") in band
    assert parse_amount("5.01万元") not in band
    # One side only: an amount with its qualifier, as before.
    assert [repr(p) for p in phrases[1:]] == [
        "<Quantity '3台'>",
        "<Amount '≥50万元'>",
        "<Quantity '0台'>",
    ]


def test_an_excluded_end_is_not_in_the_range() -> None:
    band = parse_range("1万元（不含）至5万元（不含）")

    assert parse_amount("1万元") not in band
    assert parse_amount("5万元") not in band
    assert parse_amount("3万元") in band
    assert Quantity(Decimal(3), "人") not in band
    assert str(band) == "1万元（不含）至5万元（不含）"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("6万-2万元", "low end is more than its high end"),
        ("2万元-6人", "a range from '万元' to '人'"),
        ("2万元", "expected"),
    ],
)
def test_what_is_no_range_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(InvalidRange, match=message) as caught:
        parse_range(text)

    assert isinstance(caught.value, ParseError)
    assert caught.value.text == text


def test_one_sided_bounds_keep_their_inclusion() -> None:
    assert repr(parse_amount("5万元以下（不含）")) == "<Amount '<5万元'>"
    assert repr(parse_amount("50万元以上（不含）")) == "<Amount '>50万元'>"
    assert repr(parse_amount("50万元以上（含）")) == "<Amount '≥50万元'>"
    assert repr(parse_amount("50万元（含）以上")) == "<Amount '≥50万元'>"


def test_a_range_goes_to_json_and_back() -> None:
    band = parse_range("在1万元（含）至5万元之间")

    assert from_json(to_json(band), Range) == band


_SEPARATORS = st.sampled_from(["-", "--", "～", "~", "至", "到", "－", "—"])
_INCLUSION = st.sampled_from(["", "（含）", "(含)", "（不含）"])
_VALUES = st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False)


@given(_VALUES, _VALUES, _SEPARATORS, _INCLUSION, _INCLUSION, st.sampled_from(["元", "万元"]))
def test_any_separator_and_inclusion_read_exactly(  # noqa: PLR0913, PLR0917 -- the parts of a range
    a: Decimal, b: Decimal, separator: str, low_mark: str, high_mark: str, unit: str
) -> None:
    low, high = sorted((a, b))
    text = f"{low}{unit}{low_mark}{separator}{high}{unit}{high_mark}"

    band = parse_range(text)

    assert (band.low, band.high) == (Amount(low, Unit(unit)), Amount(high, Unit(unit)))
    assert band.low_inclusive == ("不" not in low_mark)
    assert band.high_inclusive == ("不" not in high_mark)
    assert parse_range(str(band)) == band
    (found,) = find_phrases(f"标准为{text}。")
    assert found == band


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # Each end counts its 万 as a numeral's own: 一亿三千 + 万元 is 1.3 亿元.
        ("一亿三千到一亿五千万元", 130_000_000, 150_000_000),
        ("1亿3000-1亿5000万元", 130_000_000, 150_000_000),
        # ... and a low end that writes its 万 itself is not counted in 万 twice.
        ("一千万到两千万元", 10_000_000, 20_000_000),
        ("一亿到二亿元", 100_000_000, 200_000_000),
        # Two hyphens after a negative low end: a dash, then the high end's minus sign.
        ("-5--3万元", -50_000, -30_000),
    ],
)
def test_range_ends_keep_their_value(text: str, low: int, high: int) -> None:
    band = parse_range(text)

    assert isinstance(band.low, Amount)
    assert isinstance(band.high, Amount)
    assert (band.low.yuan, band.high.yuan) == (Decimal(low), Decimal(high))


@pytest.mark.parametrize("text", ["5万-10人", "3户-5人"])
def test_a_range_over_two_counters_is_an_error(text: str) -> None:
    with pytest.raises(InvalidRange, match="a range from"):
        parse_range(text)


@pytest.mark.parametrize("text", ["约2-3万元", "2-3万元左右", "约2万元至3万元"])
def test_a_qualifier_of_the_whole_range_is_kept(text: str) -> None:
    (band,) = find_phrases(f"投资{text}。")

    assert isinstance(band, Range)
    assert band.qualifier is Qualifier.APPROXIMATE
    assert str(band) == "约2万元至3万元"
    assert parse_range(str(band)) == band
