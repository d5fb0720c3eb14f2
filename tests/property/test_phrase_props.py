"""Properties of the phrase parsers: round trips, exact arithmetic, no surprises on any text."""

from __future__ import annotations

from decimal import Decimal, localcontext

from hypothesis import given
from hypothesis import strategies as st

from cnbudget import (
    Amount,
    Percentage,
    Quantity,
    _grammar,
    find_phrases,
    parse_amount,
    parse_change,
    parse_date,
    parse_number,
    parse_percentage,
    parse_quantity,
)

from .strategies import (
    amounts,
    any_text,
    capital_amounts,
    decimals,
    qualifiers,
    returns_or_raises_parse_error,
    written_amounts,
)

PARSERS = [
    parse_amount,
    parse_percentage,
    parse_quantity,
    parse_change,
    parse_date,
    parse_number,
]


@given(amounts)
def test_amount_str_round_trips(amount: Amount) -> None:
    assert parse_amount(str(amount)) == amount
    assert str(parse_amount(str(amount))) == str(amount)


@given(written_amounts())
def test_every_way_of_writing_an_amount_parses_to_it(case: tuple[Amount, str]) -> None:
    amount, text = case

    parsed = parse_amount(text)

    assert parsed == amount
    assert parsed.unit is amount.unit
    assert parsed.value == amount.value


@given(decimals, qualifiers)
def test_percentage_str_round_trips(percent: Decimal, qualifier: object) -> None:
    value = Percentage(percent, qualifier)

    assert parse_percentage(str(value)) == value


@given(decimals, st.sampled_from(["人", "人次", "辆", "台（套）", "个", "家", "平方米", "元/人"]))
def test_quantity_str_round_trips(value: Decimal, counter: str) -> None:
    quantity = Quantity(value, counter)

    assert parse_quantity(str(quantity)) == quantity


@given(amounts, amounts)
def test_amount_arithmetic_is_exact(a: Amount, b: Amount) -> None:
    with localcontext() as context:
        context.prec = 200  # wide enough for every generated sum: this is the reference
        assert (a + b).yuan == a.yuan + b.yuan
        assert (a - b).yuan == a.yuan - b.yuan
        assert (a * 7).yuan == a.yuan * 7
    assert (a + b) - b == Amount(a.value, a.unit)
    assert sum([a, b]) == a + b


@given(any_text)
def test_find_phrases_never_raises_and_spans_are_sound(text: str) -> None:
    end = 0
    for phrase in find_phrases(text):
        assert phrase.span is not None
        assert phrase.span.start >= end
        assert phrase.span.slice(text) == phrase.source
        assert phrase.source == phrase.source.strip()
        end = phrase.span.end


@given(any_text, st.sampled_from(PARSERS))
def test_parsers_return_or_raise_parse_error(text: str, parse: object) -> None:
    returns_or_raises_parse_error(parse, text)


@given(any_text)
def test_phrases_found_parse_alone_to_the_same_value(text: str) -> None:
    kinds = {
        Amount: parse_amount,
        Percentage: parse_percentage,
        Quantity: parse_quantity,
    }
    for phrase in find_phrases(text):
        if isinstance(phrase, Amount) and not any(mark in phrase.source for mark in "元圆块角毛分"):
            # 项目预算860.00万: 元 left out, an amount only where its sentence speaks of money.
            assert parse_amount(phrase.source + "元").yuan == phrase.yuan
        elif type(phrase) in kinds:
            assert kinds[type(phrase)](phrase.source) == phrase


# Long runs built to trip a backtracking scanner are timed in benchmarks/hostile.py
# (the ``run-*`` cases), by the ratio of two sizes rather than by a wall clock.


def _fast_path_texts() -> st.SearchStrategy[tuple[str, str]]:
    fast = _grammar._fast()  # noqa: SLF001 -- the private fast path is what is under test
    cases = [
        st.tuples(st.just(start), st.from_regex(pattern, fullmatch=True))
        for start, pattern in (
            ("amount", fast.amount),
            ("percentage", fast.percentage),
            ("quantity", fast.quantity),
        )
    ]
    return st.one_of(*cases)


@given(_fast_path_texts())
def test_the_fast_path_reads_what_the_grammar_reads(case: tuple[str, str]) -> None:
    """Every text the fast path's own patterns match reads the same through the grammar."""
    start, text = case
    fast = _grammar._parse_fast(text, start)  # noqa: SLF001
    slow = _grammar._parse_grammar(text, start, _grammar.PHRASES)  # noqa: SLF001

    if fast is None:  # only a number too long to be a figure is left to the grammar
        assert isinstance(slow, _grammar.Failure)
    else:
        assert fast == slow


@given(capital_amounts())
def test_every_capital_amount_parses_to_its_value(case: tuple[Decimal, str]) -> None:
    value, text = case

    assert parse_amount(text).yuan == value
    assert [phrase.yuan for phrase in find_phrases(text) if isinstance(phrase, Amount)] == [value]
