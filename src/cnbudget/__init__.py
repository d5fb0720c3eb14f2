"""
cnbudget: exact, typed data from Chinese government budget disclosures.

The everyday names are re-exported here; see the public modules
(:mod:`cnbudget.amounts`, :mod:`cnbudget.changes`, :mod:`cnbudget.dates`,
:mod:`cnbudget.numerals`, :mod:`cnbudget.ranges`, :mod:`cnbudget.phrases`,
:mod:`cnbudget.codes`, :mod:`cnbudget.trees`, :mod:`cnbudget.catalog`, :mod:`cnbudget.paths`,
:mod:`cnbudget.tables`, :mod:`cnbudget.documents`, :mod:`cnbudget.facts`,
:mod:`cnbudget.references`, :mod:`cnbudget.checks`,
:mod:`cnbudget.serialization`, :mod:`cnbudget.pdf`, :mod:`cnbudget.corpus`,
:mod:`cnbudget.diagnostics`, :mod:`cnbudget.spans`, :mod:`cnbudget.errors`)
for the rest.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from .catalog import Catalog, check_names
    from .changes import Change, Direction, parse_change
    from .checks import Finding, Report, Rule, check, check_text
    from .codes import Code, Level, Scheme, parse_code
    from .dates import Date, DateEdge, DateRange, parse_date
    from .diagnostics import Diagnostic
    from .documents import Document, parse_document
    from .errors import CnBudgetError, ParseError
    from .facts import Fact, find_facts
    from .numerals import Number, parse_number
    from .paths import CodePath, find_code_paths, parse_code_path, resolve_name, resolve_path
    from .pdf import parse_pdf, read_pdf
    from .phrases import Phrase, find_phrases
    from .ranges import Range, parse_range
    from .references import DocumentReference, find_references, parse_reference
    from .serialization import from_json, json_schema, to_json
    from .spans import Span
    from .tables import Table, TableKind, find_tables, parse_table
    from .trees import CodeTree

__all__ = [
    "Amount",
    "Catalog",
    "Change",
    "CnBudgetError",
    "Code",
    "CodePath",
    "CodeTree",
    "Date",
    "DateEdge",
    "DateRange",
    "Diagnostic",
    "Direction",
    "Document",
    "DocumentReference",
    "Fact",
    "Finding",
    "Level",
    "Number",
    "ParseError",
    "Percentage",
    "Phrase",
    "Qualifier",
    "Quantity",
    "Range",
    "Report",
    "Rule",
    "Scheme",
    "Span",
    "Table",
    "TableKind",
    "Unit",
    "check",
    "check_names",
    "check_text",
    "find_code_paths",
    "find_facts",
    "find_phrases",
    "find_references",
    "find_tables",
    "from_json",
    "json_schema",
    "parse_amount",
    "parse_change",
    "parse_code",
    "parse_code_path",
    "parse_date",
    "parse_document",
    "parse_number",
    "parse_pdf",
    "parse_percentage",
    "parse_quantity",
    "parse_range",
    "parse_reference",
    "parse_table",
    "read_pdf",
    "resolve_name",
    "resolve_path",
    "to_json",
]


def __dir__() -> list[str]:
    return [*__all__, "__version__"]


# Each name and the module that defines it. They are imported on first use, so
# that `import cnbudget` stays cheap however many layers the package grows.
_LAZY = {
    "Amount": "amounts",
    "Catalog": "catalog",
    "Change": "changes",
    "CnBudgetError": "errors",
    "Code": "codes",
    "CodePath": "paths",
    "CodeTree": "trees",
    "Date": "dates",
    "DateEdge": "dates",
    "DateRange": "dates",
    "Diagnostic": "diagnostics",
    "Document": "documents",
    "DocumentReference": "references",
    "Direction": "changes",
    "Fact": "facts",
    "Finding": "checks",
    "Level": "codes",
    "Number": "numerals",
    "ParseError": "errors",
    "Percentage": "amounts",
    "Phrase": "phrases",
    "Qualifier": "amounts",
    "Quantity": "amounts",
    "Range": "ranges",
    "Report": "checks",
    "Rule": "checks",
    "Scheme": "codes",
    "Span": "spans",
    "Table": "tables",
    "TableKind": "tables",
    "Unit": "amounts",
    "check": "checks",
    "check_names": "catalog",
    "check_text": "checks",
    "find_code_paths": "paths",
    "find_facts": "facts",
    "find_phrases": "phrases",
    "find_references": "references",
    "find_tables": "tables",
    "from_json": "serialization",
    "json_schema": "serialization",
    "parse_amount": "amounts",
    "parse_change": "changes",
    "parse_code": "codes",
    "parse_code_path": "paths",
    "parse_date": "dates",
    "parse_document": "documents",
    "parse_number": "numerals",
    "parse_pdf": "pdf",
    "parse_percentage": "amounts",
    "parse_quantity": "amounts",
    "parse_range": "ranges",
    "parse_reference": "references",
    "parse_table": "tables",
    "read_pdf": "pdf",
    "resolve_name": "paths",
    "resolve_path": "paths",
    "to_json": "serialization",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value  # later lookups skip this function
        return value
    if name == "__version__":
        # Read lazily: importlib.metadata is slow to import.
        from importlib.metadata import version  # noqa: PLC0415

        return version("cnbudget")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
