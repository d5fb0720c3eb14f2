"""to_json / from_json: every object as JSON-ready data and back, exactly; the JSON Schema."""

from __future__ import annotations

import json
from decimal import Decimal
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cnbudget import (
    Amount,
    Catalog,
    CodePath,
    CodeTree,
    Document,
    Fact,
    Report,
    Table,
    check,
    find_code_paths,
    find_facts,
    find_phrases,
    from_json,
    json_schema,
    parse_code,
    parse_document,
    parse_table,
    to_json,
)
from cnbudget.amounts import Unit
from cnbudget.codes import Code, Scheme
from cnbudget.errors import CnBudgetError, InvalidJSON
from cnbudget.phrases import Phrase
from cnbudget.serialization import SCHEMA_VERSION
from cnbudget.tables import Cell
from tests.golden import assert_golden
from tests.property.strategies import any_text
from tests.renderers import to_html, to_markdown, to_plain, to_space_tab, to_tsv

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))
SCHEMA_FILE = resources.files("cnbudget") / "data" / "cnbudget.schema.json"


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _is_plain_json(data: object) -> bool:
    """Only what json.loads gives back: no tuples, Decimals, enums or floats."""
    if type(data) is dict:
        return all(type(key) is str and _is_plain_json(value) for key, value in data.items())
    if type(data) is list:
        return all(_is_plain_json(item) for item in data)
    return data is None or type(data) in {str, int, bool}


def _round_trip(value: object, cls: object) -> object:
    data = to_json(value)
    assert _is_plain_json(data)
    back: object = from_json(json.loads(json.dumps(data, ensure_ascii=False)), cls)  # type: ignore[arg-type]
    assert to_json(back) == data  # every field, spans and sources included
    return back


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem[:3])
def test_every_seed_document_and_report_round_trip(seed: Path) -> None:
    document = parse_document(_text(seed))
    back = _round_trip(document, Document)
    assert isinstance(back, Document)
    assert back == document
    assert back.outline == document.outline
    tables = [element for element in back.elements if isinstance(element, Table)]
    assert all(a is b for a, b in zip(tables, back.tables, strict=True))
    for table, original in zip(back.tables, document.tables, strict=True):
        for row, row_before in zip(table.rows, original.rows, strict=True):
            assert row.columns == row_before.columns  # row["人员经费"] answers again
    report = check(document)
    assert _round_trip(report, Report) == report


def test_decimals_are_strings_exactly_as_held() -> None:
    table = parse_table("项目\t金额\n合计\t1,026.10\n其他\t1.5E3\n", unit=Unit.TEN_THOUSAND_YUAN)
    data = to_json(table)
    first, second = (row["cells"][0]["value"] for row in data["rows"])
    assert first["value"] == "1026.10"  # the printed 0 stays
    assert first["unit"] == "万元"
    assert second == "1.5E3"  # not a number in this layout: words stay words
    assert json.dumps(data).count("1026.10") == 1


def test_a_number_beside_words_is_tagged_so_numeric_words_stay_words() -> None:
    number, words = Cell("12.5", Decimal("12.5")), Cell("12.5", "12.5")
    assert to_json(number)["value"] == {"type": "Decimal", "value": "12.5"}
    assert to_json(words)["value"] == "12.5"
    assert from_json(to_json(number), Cell).value == Decimal("12.5")
    assert from_json(to_json(words), Cell).value == "12.5"


def test_codes_are_their_digits_unless_they_keep_their_source() -> None:
    assert to_json(Code("2080505")) == "2080505"
    parsed = parse_code("208 05 05")
    data = to_json(parsed)
    assert data["digits"] == "2080505"
    assert data["source"] == "208 05 05"
    back = from_json(data, Code)
    assert (back, back.source, back.span) == (parsed, parsed.source, parsed.span)
    odd = Code("201", Scheme.REVENUE)  # not the scheme the first digit implies
    assert from_json(to_json(odd), Code).scheme is Scheme.REVENUE


def test_finders_lists_and_catalogues_round_trip() -> None:
    text = _text(SEEDS[1])
    phrases = list(find_phrases(text))
    assert _round_trip(find_phrases(text), list[Phrase]) == phrases  # an iterator is written out
    assert _round_trip(list(find_facts(text)), list[Fact]) == list(find_facts(text))
    assert _round_trip(list(find_code_paths(text)), list[CodePath]) == list(find_code_paths(text))
    tree = parse_document(text).tables[3].tree()
    assert _round_trip(tree, CodeTree) == tree
    catalog = Catalog.builtin()
    assert _round_trip(catalog, Catalog) == catalog


# Generated documents: seed lines in any order, seed tables in every rendering the
# table layer reads, and arbitrary text between them.
_LINES = [line for seed in SEEDS for line in _text(seed).splitlines() if line.strip()]
_TABLES = [table for seed in SEEDS[1:2] for table in parse_document(_text(seed)).tables[:6]]
_RENDER = [to_tsv, to_markdown, to_html, to_plain, to_space_tab]
_pieces = st.one_of(
    st.sampled_from(_LINES),
    st.builds(
        lambda table, render: render(table), st.sampled_from(_TABLES), st.sampled_from(_RENDER)
    ),
    any_text,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_pieces, max_size=12).map("\n".join))
def test_generated_documents_round_trip(text: str) -> None:
    document = parse_document(text)
    back = _round_trip(document, Document)
    assert back == document


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"value": 457.5}, "a Decimal is a string such as '457.50', got 457.5 @ $.value"),
        ({"value": "4x"}, "not a decimal number: '4x' @ $.value"),
        ({"value": "NaN"}, "not a finite decimal number: 'NaN' @ $.value"),
        ({"unit": "美元"}, "'美元' is not a Unit ('元', '千元', '万元', '亿元') @ $.unit"),
        ({"span": [8, 0]}, "a span is [start, end] with 0 <= start <= end, got [8, 0] @ $.span"),
        ({"source": 1}, "expected str, got 1 @ $.source"),
        ({"extra": 1}, "unknown fields: extra @ $"),
        ({"type": "Percentage"}, "expected type 'Amount', got 'Percentage' @ $"),
    ],
)
def test_bad_data_raises_invalid_json_saying_where(data: dict[str, object], problem: str) -> None:
    good = to_json(Amount(Decimal("457.50"), "万元", source="457.50万元"))
    with pytest.raises(InvalidJSON) as raised:
        from_json({**good, **data}, Amount)
    assert raised.value.problems == (problem,)
    assert isinstance(raised.value, CnBudgetError)
    assert isinstance(raised.value, ValueError)


def test_bad_document_data_names_each_place() -> None:
    data = to_json(parse_document(_text(SEEDS[1])))
    data["year"] = "2026"  # no coercion: a year is an integer
    data["tables"][0]["rows"][1]["cells"][0]["value"] = 3.5
    reference = next(i for i, e in enumerate(data["elements"]) if set(e) == {"type", "table"})
    data["elements"][reference]["table"] = 99
    with pytest.raises(InvalidJSON) as raised:
        from_json(data, Document)
    assert raised.value.problems == (
        "expected int, got '2026' @ $.year",
        (
            "expected Amount | Percentage | Quantity | Decimal | str | None, got 3.5"
            " @ $.tables[0].rows[1].cells[0].value"
        ),
    )
    data = to_json(parse_document(_text(SEEDS[1])))
    data["elements"][reference]["table"] = 99
    with pytest.raises(InvalidJSON, match=r"an element names table 99 of 17 @ \$.elements\["):
        from_json(data, Document)
    with pytest.raises(InvalidJSON, match="required field missing: toc"):
        from_json({k: v for k, v in data.items() if k != "toc"}, Document)


def test_the_shipped_schema_is_the_one_the_classes_give() -> None:
    schema = json_schema()
    assert schema["version"] == SCHEMA_VERSION
    jsonschema.Draft202012Validator.check_schema(schema)
    assert_golden(Path(str(SCHEMA_FILE)), json.dumps(schema, ensure_ascii=False, indent=1) + "\n")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem[:3])
def test_documents_and_reports_validate_against_the_schema(seed: Path) -> None:
    schema = json_schema()
    document = parse_document(_text(seed))
    jsonschema.validate(to_json(document), schema, cls=jsonschema.Draft202012Validator)
    report = {**schema, "$ref": "#/$defs/Report"}
    jsonschema.validate(to_json(check(document)), report, cls=jsonschema.Draft202012Validator)


def test_the_schema_rejects_what_from_json_rejects() -> None:
    schema = json_schema()
    data = to_json(parse_document(_text(SEEDS[0])))
    data["tables"][0]["rows"][0]["cells"][0]["value"] = 3.5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)
