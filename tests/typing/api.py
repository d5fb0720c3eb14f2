"""
Type-check the public API the way a user calls it.

NOT meant to be executed: mypy --strict checks this file (it is not collected by pytest).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cnbudget import (
    Amount,
    Change,
    Date,
    DateRange,
    Direction,
    Number,
    ParseError,
    Percentage,
    Phrase,
    Qualifier,
    Quantity,
    Span,
    Unit,
    find_phrases,
    parse_amount,
    parse_change,
    parse_date,
    parse_number,
    parse_percentage,
    parse_quantity,
)

amount: Amount = parse_amount("457.50 万元")
yuan: Decimal = amount.yuan
unit: Unit = amount.unit
qualifier: Qualifier = amount.qualifier
total: Amount = amount + amount - amount * 2
also_total: Amount = sum([amount, amount], Amount(Decimal(0)))
ratio: Decimal = amount / amount
span: Span | None = amount.span
source: str = amount.source

share: Percentage = parse_percentage("87.68%")
fraction: Decimal = share.fraction
count: Quantity = parse_quantity("2 辆")
counter: str = count.counter

change: Change = parse_change("减少 24.37 万元，下降 6.42%")
direction: Direction = change.direction
signed: Amount | None = change.signed_amount
signed_rate: Percentage | None = change.signed_rate
flag: bool = change.directions_disagree

when: Date | DateRange = parse_date("2026 年 2 月 10 日")
if isinstance(when, Date):
    day: dt.date = when.to_date()
number: Number = parse_number("一千零二十六点一九")

for phrase in find_phrases("基本支出 355.50 万元"):
    found: Phrase = phrase
    if isinstance(phrase, Amount):
        money: Decimal = phrase.yuan

try:
    parse_amount("万元")
except ParseError as error:
    where: Span = error.span
    message: str = error.message
