"""
cnbudget: exact, typed data from Chinese government budget disclosures.

The everyday names are re-exported here; see the public modules
(:mod:`cnbudget.amounts`, :mod:`cnbudget.changes`, :mod:`cnbudget.dates`,
:mod:`cnbudget.numerals`, :mod:`cnbudget.phrases`, :mod:`cnbudget.spans`,
:mod:`cnbudget.errors`) for the rest.
"""

from __future__ import annotations

from .amounts import (
    Amount,
    Percentage,
    Qualifier,
    Quantity,
    Unit,
    parse_amount,
    parse_percentage,
    parse_quantity,
)
from .changes import Change, Direction, parse_change
from .dates import Date, DateEdge, DateRange, parse_date
from .errors import CnBudgetError, ParseError
from .numerals import Number, parse_number
from .phrases import Phrase, find_phrases
from .spans import Span

__all__ = [
    "Amount",
    "Change",
    "CnBudgetError",
    "Date",
    "DateEdge",
    "DateRange",
    "Direction",
    "Number",
    "ParseError",
    "Percentage",
    "Phrase",
    "Qualifier",
    "Quantity",
    "Span",
    "Unit",
    "find_phrases",
    "parse_amount",
    "parse_change",
    "parse_date",
    "parse_number",
    "parse_percentage",
    "parse_quantity",
]


def __dir__() -> list[str]:
    return [*__all__, "__version__"]


def __getattr__(name: str) -> str:
    # Read lazily: importlib.metadata is slow to import.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("cnbudget")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
