"""The peers' own cases (tests/fixtures/peers): every in-scope one cnbudget reads, exactly."""

from __future__ import annotations

import csv
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from cnbudget import Amount, CnBudgetError, parse_amount, parse_number, parse_range

from .conftest import FIXTURES

PEERS = FIXTURES / "peers"
CENT = Decimal("0.01")
# JioNLP cases in scope that cnbudget reads otherwise on purpose:
KNOWN = {
    "三百万": "万 alone is no money unit: 三百万 may count people",
    "肆佰叁拾萬": "no 圆: a 大写 numeral, not an amount",
    "人民币数十亿元": "a fuzzy count: never given a value",
    "数十亿元人民币": "a fuzzy count: never given a value",
}


def _rows(name: str) -> list[dict[str, str]]:
    with (PEERS / name).open(encoding="utf-8", newline="") as stream:
        return [row for row in csv.DictReader(stream, delimiter="\t") if row["scope"] == "in"]


def _ids(rows: list[dict[str, str]]) -> list[str]:
    return [row["input"] for row in rows]


NUMERALS = [row for row in _rows("cn2an_numerals.tsv") if row["peer_mode"] != "direct"]


@pytest.mark.parametrize("row", NUMERALS, ids=_ids(NUMERALS))
def test_cn2an_numerals(row: dict[str, str]) -> None:
    text, want = row["input"], Decimal(row["expected"])
    try:
        got = parse_number(text).value
    except CnBudgetError:
        got = parse_amount(text).yuan  # 一百元 and the like: money, read as money
    assert got == want


MONEY = [row for row in _rows("jionlp_money.tsv") if row["input"] not in KNOWN]


@pytest.mark.parametrize("row", MONEY, ids=_ids(MONEY))
def test_jionlp_money(row: dict[str, str]) -> None:
    text = row["input"]
    if row["kind"] == "amount":
        assert parse_amount(text).yuan.quantize(CENT, ROUND_HALF_UP) == Decimal(row["expected_num"])
        return
    band = parse_range(text)
    assert isinstance(band.low, Amount)
    assert isinstance(band.high, Amount)
    assert (band.low.yuan, band.high.yuan) == (Decimal(row["low"]), Decimal(row["high"]))


@pytest.mark.parametrize("text", sorted(KNOWN))
def test_what_is_read_otherwise_on_purpose_is_never_a_wrong_value(text: str) -> None:
    with pytest.raises(CnBudgetError):
        parse_amount(text)


def test_the_fixtures_are_there() -> None:
    assert len(NUMERALS) > 100
    assert len(MONEY) == 15
    assert Path(PEERS / "README.md").exists()
