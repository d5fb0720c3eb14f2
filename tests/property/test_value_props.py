"""Every value prints as text that parses back to it: dates, changes, codes, document numbers."""

from __future__ import annotations

from hypothesis import given

from cnbudget import (
    Change,
    Code,
    Date,
    DocumentReference,
    parse_change,
    parse_code,
    parse_date,
    parse_reference,
)

from .strategies import changes, codes, dates, references


@given(dates)
def test_a_date_round_trips(date: Date) -> None:
    assert parse_date(str(date)) == date


@given(changes)
def test_a_change_round_trips_exactly(change: Change) -> None:
    parsed = parse_change(str(change))

    assert parsed == change
    assert parsed.signed_amount == change.signed_amount


@given(codes)
def test_a_code_round_trips_in_every_written_form(code: Code) -> None:
    digits = str(code)
    parts = [digits[:3], digits[3:5], digits[5:]]
    spaced = " ".join(part for part in parts if part)

    assert parse_code(digits) == code
    assert parse_code(spaced) == code


@given(references)
def test_a_document_number_round_trips(reference: DocumentReference) -> None:
    assert parse_reference(str(reference)) == reference
