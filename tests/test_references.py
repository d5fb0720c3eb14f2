"""Document numbers (文号)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget import DocumentReference, find_references, parse_reference
from cnbudget.errors import InvalidReference

from .conftest import FIXTURES
from .property.strategies import any_text


@pytest.mark.parametrize(
    ("text", "issuer", "year", "serial"),
    [
        ("新医保〔2021〕12号", "新医保", 2021, 12),
        ("包财社[2023]484号", "包财社", 2023, 484),
        ("博州财社（2025）102 号", "博州财社", 2025, 102),
        ("新医保发 (2024) 48 号", "新医保发", 2024, 48),
        ("博州医保函字（2025）4 号", "博州医保函字", 2025, 4),
        ("国办发〔2025〕第3号", "国办发", 2025, 3),
    ],
)
def test_parse_reference(text: str, issuer: str, year: int, serial: int) -> None:
    reference = parse_reference(text)

    assert reference == DocumentReference(issuer, year, serial)
    assert str(parse_reference(str(reference))) == str(reference)


SEED_REFERENCES = {
    "001_a1fb127064c62276": [
        (491, "新医保〔2021〕12号"),
        (503, "博州财社（2025）102 号"),
        (503, "新财社（2025）217 号"),
        (587, "新医保发（2025）53 号"),
        (588, "新医保发（2025）5 号"),
        (590, "博州医保函字（2025）4 号"),
        (593, "新医保发 (2024) 48 号"),
    ],
    "002_1cae8c9875b7ae39": [(266, "包财社[2023]484号"), (318, "医保发[2019]39 号")],
}


@pytest.mark.parametrize("seed", sorted(SEED_REFERENCES))
def test_every_reference_of_the_seeds(seed: str) -> None:
    text = (FIXTURES / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")

    found = [
        (text.count("\n", 0, r.span.start) + 1, r.source) for r in find_references(text) if r.span
    ]

    assert found == SEED_REFERENCES[seed]


def test_leading_words_are_not_the_issuer() -> None:
    (reference,) = find_references("依据包财社[2023]484号文件执行")

    assert reference.issuer == "包财社"
    assert reference.source == "包财社[2023]484号"


@pytest.mark.parametrize("text", ["新医保2021年12号", "（2021）12号", "新医保〔21〕12号", ""])
def test_not_a_reference(text: str) -> None:
    with pytest.raises(InvalidReference):
        parse_reference(text)


@given(any_text)
def test_finding_never_raises(text: str) -> None:
    for reference in find_references(text):
        assert reference.span is not None
        assert reference.span.slice(text) == reference.source


_PIECES = [*"依据根据财社医保新号第〔〕[]（）()【】 \n0123459", "2021", "1999"]


@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_finding_numbers_first_finds_what_the_whole_pattern_finds(text: str) -> None:
    from cnbudget.references import _REFERENCE, _reference  # noqa: PLC0415

    expected = [_reference(match, 0) for match in _REFERENCE.finditer(text)]
    found = list(find_references(text))
    assert [(r.span, str(r)) for r in found] == [(r.span, str(r)) for r in expected]
