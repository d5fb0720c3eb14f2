"""Year-on-year changes."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cnbudget import Amount, Change, Direction, Percentage, find_phrases, parse_change
from cnbudget.errors import InvalidChange

INC, DEC, FLAT, UNSPEC = (
    Direction.INCREASE,
    Direction.DECREASE,
    Direction.FLAT,
    Direction.UNSPECIFIED,
)


@pytest.mark.parametrize(
    ("text", "direction", "amount", "rate", "rate_direction"),
    [
        ("减少 24.37 万元，下降 6.42%", DEC, "24.37", "6.42", DEC),
        ("增加 5 万元，增长 26.32%", INC, "5", "26.32", INC),
        ("增加 293 万元, 增加 1465.00%", INC, "293", "1465.00", INC),
        ("减少 261.4 万元，减少 26.43%", DEC, "261.4", "26.43", DEC),
        ("减少0.017万元", DEC, "0.017", None, DEC),
        ("增长 12.5%", INC, None, "12.5", INC),
        ("下降了 100%", DEC, None, "100", DEC),
        ("降幅为 0.78%", DEC, None, "0.78", DEC),
        ("增加（减少）0 万元，增长（减少）0%", UNSPEC, "0", "0", UNSPEC),
        ("增（减）0 万元", UNSPEC, "0", None, UNSPEC),
        ("减少 532.96 万元，增长 13.3%", DEC, "532.96", "13.3", INC),
        ("持平", FLAT, None, None, FLAT),
        ("无增减变动", FLAT, None, None, FLAT),
    ],
)
def test_parse_change_keeps_the_texts_words(
    text: str, direction: Direction, amount: str | None, rate: str | None, rate_direction: Direction
) -> None:
    change = parse_change(text)

    assert change.direction is direction
    assert change.rate_direction is rate_direction
    assert change.amount == (None if amount is None else Amount(Decimal(amount), "万元"))
    assert change.rate == (None if rate is None else Percentage(Decimal(rate)))


def test_disagreeing_words_are_flagged_not_resolved() -> None:
    change = parse_change("减少 532.96 万元，增长 13.3%")

    assert change.directions_disagree
    assert change.signed_amount == Amount(Decimal("-532.96"), "万元")
    assert change.signed_rate == Percentage(Decimal("13.3"))
    assert str(change) == "减少532.96万元，增长13.3%"


def test_agreeing_words_are_not_flagged() -> None:
    assert not parse_change("减少 24.37 万元，下降 6.42%").directions_disagree
    assert not parse_change("增加（减少）0 万元，增长（减少）0%").directions_disagree


def test_signed_accessors() -> None:
    change = parse_change("减少 24.37 万元，下降 6.42%")

    assert change.signed_amount == Amount(Decimal("-24.37"), "万元")
    assert change.signed_rate == Percentage(Decimal("-6.42"))
    assert parse_change("增长 12.5%").signed_amount is None
    assert parse_change("增长 12.5%").signed_rate == Percentage(Decimal("12.5"))


def test_unspecified_direction_has_no_sign() -> None:
    change = parse_change("增加（减少）0 万元，增长（减少）0%")

    assert change.signed_amount is None
    assert change.signed_rate is None


@pytest.mark.parametrize(
    "text",
    [
        "减少 24.37 万元，下降 6.42%",
        "增加（减少）0 万元，增长（减少）0%",
        "下降 6.42%",
        "持平",
        "减少 532.96 万元，增长 13.3%",
    ],
)
def test_str_round_trips(text: str) -> None:
    change = parse_change(text)

    assert parse_change(str(change)) == change


def test_change_constructed_directly() -> None:
    change = Change(Direction.DECREASE, Amount(Decimal(1), "万元"))

    assert change.rate_direction is Direction.DECREASE
    assert str(change) == "减少1万元"


@pytest.mark.parametrize("text", ["增加 1 人", "提高到 90%", "比上年预算减少 5 万元", "增加"])
def test_not_a_change(text: str) -> None:
    with pytest.raises(InvalidChange):
        parse_change(text)


@pytest.mark.parametrize("text", ["下降（增长）5%", "减少（增加）3万元", "增（减）3万元"])
def test_template_directions_either_way_round_are_unspecified(text: str) -> None:
    change = parse_change(text)

    assert change.direction is Direction.UNSPECIFIED
    assert change.source == text


@pytest.mark.parametrize(
    ("text", "amount", "rate"),
    [
        ("比上年增 加5.00万元", "5.00万元", None),  # a space PDF text put inside the word
        ("比上年减\n少5.00万元", "-5.00万元", None),  # ... or a line break
        ("减少率21.40%", None, "-21.40%"),  # the rate named before its figure
        ("增长率为3.5%", None, "3.5%"),
        ("减少12.30万元(45.10%)", "-12.30万元", "-45.10%"),  # the rate in brackets
        ("减少12.30万元（45.10%）", "-12.30万元", "-45.10%"),
        ("减支3万元", "-3万元", None),
        ("比上年增3万元", "3万元", None),  # 增 or 减 alone before the figure
        ("比上年减3万元", "-3万元", None),
        ("与上年持平", "0元", "0%"),  # 持平: a change of zero
    ],
)
def test_forms_of_changes_from_other_provinces(
    text: str, amount: str | None, rate: str | None
) -> None:
    (change,) = find_phrases(text)

    assert isinstance(change, Change)
    assert (str(change.signed_amount) if change.signed_amount else None) == amount
    assert (str(change.signed_rate) if change.signed_rate else None) == rate


@pytest.mark.parametrize("text", ["新增3万元", "增值税3万元", "减免税款3万元"])
def test_a_new_item_or_a_word_with_zeng_is_no_change(text: str) -> None:
    assert [type(p).__name__ for p in find_phrases(text)] == ["Amount"]


@pytest.mark.parametrize(
    ("text", "rate", "disagree"),
    [
        ("减少3万元（-5%）", "-5%", False),  # the bracket's sign is its direction
        ("减少3万元（5%）", "-5%", False),  # unsigned, it goes the amount's way
        ("增加3万元（-5%）", "-5%", True),  # and a contradiction shows
    ],
)
def test_a_rate_in_brackets_keeps_its_sign(text: str, rate: str, *, disagree: bool) -> None:
    (change,) = find_phrases(text)

    assert isinstance(change, Change)
    assert str(change.signed_rate) == rate
    assert change.directions_disagree is disagree
