"""Dates and date ranges."""

from __future__ import annotations

import datetime as dt

import pytest

from cnbudget import Date, DateEdge, DateRange, parse_date
from cnbudget.errors import InvalidDate


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026 年 2 月 10 日", Date(2026, 2, 10)),
        ("2024 年 02 月 08 日", Date(2024, 2, 8)),
        ("二零二六年四月二十四日", Date(2026, 4, 24)),
        ("二〇二五年八月十五日", Date(2025, 8, 15)),
        ("2023 年 9 月", Date(2023, 9)),
        ("2026 年度", Date(2026)),
        ("２０２６年", Date(2026)),
        ("2025 年底", Date(2025, edge=DateEdge.END)),
        ("2025年末", Date(2025, edge=DateEdge.END)),
        ("10 月末", Date(None, 10, edge=DateEdge.END)),
        ("1 月 1 日", Date(None, 1, 1)),
        ("2026年2月9日", Date(2026, 2, 9)),
        ("2026年1月1号", Date(2026, 1, 1)),
    ],
)
def test_parse_date(text: str, expected: Date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2026 年 1 月 1 日-2026 年 12 月 20 日", Date(2026, 1, 1), Date(2026, 12, 20)),
        ("自 2024 年 1 月 1 日至 2024 年 12 月 31 日", Date(2024, 1, 1), Date(2024, 12, 31)),
        ("2024年1月1日—2024年12月31日", Date(2024, 1, 1), Date(2024, 12, 31)),
        ("2024 年 1 月 1 日至 12 月 31 日", Date(2024, 1, 1), Date(2024, 12, 31)),
        ("2024 年 1 月 1 日至 31 日", Date(2024, 1, 1), Date(2024, 1, 31)),
        ("截至 2025 年底", None, Date(2025, edge=DateEdge.END)),
        ("截至 10 月末", None, Date(None, 10, edge=DateEdge.END)),
        ("截止 2024 年 12 月 31 日", None, Date(2024, 12, 31)),
    ],
)
def test_parse_date_range(text: str, start: Date | None, end: Date) -> None:
    assert parse_date(text) == DateRange(start, end)


def test_to_date() -> None:
    assert Date(2026, 2, 10).to_date() == dt.date(2026, 2, 10)
    with pytest.raises(ValueError, match="not a complete date"):
        Date(2026).to_date()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026 年 2 月 30 日", "there is no day 30 in month 2"),
        ("2025 年 2 月 29 日", "there is no day 29 in month 2"),
        ("2026 年 13 月", "there is no month 13"),
        ("26 年", "'26' is not a four-digit year"),
        ("2026 年 12 月 20 日-2026 年 1 月 1 日", "the range ends (2026年1月1日) before it starts"),
        ("2026 年 5 万元", "expected"),
    ],
)
def test_impossible_dates_are_errors(text: str, message: str) -> None:
    with pytest.raises(InvalidDate, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse_date(text)


def test_leap_day() -> None:
    assert parse_date("2024 年 2 月 29 日") == Date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2026年2月10日", "2025年底", "10月底", "截至2025年底", "2024年1月1日至2024年12月31日"]
)
def test_str_round_trips(text: str) -> None:
    value = parse_date(text)

    assert str(value) == text
    assert parse_date(str(value)) == value
