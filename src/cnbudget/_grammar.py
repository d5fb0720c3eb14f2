"""
The LALR parser of ``grammars/phrases.lark``, built once on first use.

This is the only module that talks to lark: lark's exceptions become
:class:`~cnbudget.errors.ParseError` here, and lark's tokens never leave
:mod:`cnbudget._transform`.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, TypeVar

import attrs

from .errors import ParseError
from .spans import Span

if TYPE_CHECKING:
    from lark import Lark

_T = TypeVar("_T")

PHRASES = "phrases.lark"
CODES = "codes.lark"
# The start symbols of every grammar file in grammars/.
START_SYMBOLS = {
    PHRASES: ("phrase", "amount", "percentage", "quantity", "change", "when", "number"),
    CODES: ("code", "path"),
}

# What each terminal looks like, for error messages; None: not worth naming.
_EXPECTED = {
    "DIGITS": "a number",
    "CN_NUMBER": "a number",
    "SIGN": None,
    "UNIT": "a money unit (元, 千元, 万元, 亿元)",
    "PERCENT": "'%'",
    "PERCENT_OF": None,
    "COUNTER": "a counter (人, 个, 辆, 台（套）, 平方米 …)",
    "INCREASE": "a direction word (增加, 减少 …)",
    "DECREASE": "a direction word (增加, 减少 …)",
    "UNSPECIFIED": "a direction word (增加, 减少 …)",
    "FLAT": None,
    "YEAR": "'年'",
    "MONTH": "'月'",
    "DAY": "'日'",
    "RANGE_SEP": "'至' or '-'",
    "UNTIL": None,
    "FROM": None,
    "CODE_PART": "a code (208, 20805, 2080505)",
    "NAME": "a name",
    "LABEL": "a level in brackets such as （类）",
    "$END": "the end of the text",
}


@functools.cache
def parser(grammar: str = PHRASES) -> Lark:
    """The parser of one grammar file: built on first use, not at import."""
    from lark import Lark  # noqa: PLC0415 -- keep `import cnbudget` free of grammar work

    from ._transform import ToCodes, ToValues  # noqa: PLC0415

    transformer = {PHRASES: ToValues, CODES: ToCodes}[grammar]()
    return Lark.open_from_package(
        "cnbudget",
        grammar,
        ("grammars",),
        parser="lalr",
        lexer="contextual",
        start=list(START_SYMBOLS[grammar]),
        transformer=transformer,
        maybe_placeholders=False,
    )


class Failure(Exception):
    """
    A failed parse, cheap to raise: scanners that try many candidates catch it.

    Only :meth:`to_error` works out the readable message, for the user.
    """

    def __init__(self, text: str, start: str, grammar: str, cause: Exception) -> None:
        super().__init__(text)
        self.text, self.start, self.grammar, self.cause = text, start, grammar, cause

    def to_error(self, error: type[ParseError]) -> ParseError:
        """The user-facing error, with its message and position."""
        from ._transform import SemanticError  # noqa: PLC0415

        if isinstance(self.cause, SemanticError):
            return error(self.cause.message, text=self.text, span=self.cause.span)
        failure = _syntax_error(self.text, self.start, self.grammar, self.cause)
        return error(failure.message, text=failure.text, span=failure.span)


def _parse(text: str, start: str, grammar: str = PHRASES) -> object:
    """
    Parse *text* from *start*; spans are relative to *text*, sources unset.

    Raises:
        Failure: *text* is not one *start* phrase.
    """
    from lark.exceptions import UnexpectedInput, VisitError  # noqa: PLC0415

    from ._transform import SemanticError, to_number  # noqa: PLC0415

    try:
        value = parser(grammar).parse(text, start=start)
    except UnexpectedInput as error:
        raise Failure(text, start, grammar, error) from None
    except VisitError as error:
        if isinstance(error.orig_exc, SemanticError):
            raise Failure(text, start, grammar, error.orig_exc) from None
        raise
    except SemanticError as error:
        raise Failure(text, start, grammar, error) from None
    return to_number(value) if start == "number" else value


# Budget documents repeat the same phrases many times ("增加 0 万元，增长 0.00%"),
# and values are immutable, so a parse is worth remembering; long texts are not
# phrases that repeat, and would only fill the memory.
_parse_memo = functools.lru_cache(maxsize=4096)(_parse)
_LONGEST_MEMO = 200


def _parse_cached(text: str, start: str, grammar: str = PHRASES) -> object:
    if len(text) > _LONGEST_MEMO:
        return _parse(text, start, grammar)
    return _parse_memo(text, start, grammar)


def parse(
    text: str,
    start: str,
    kind: type[_T] | tuple[type[_T], ...],
    error: type[ParseError],
    grammar: str = PHRASES,
) -> _T:
    """Parse all of *text* as one *start* phrase, raising *error* on failure."""
    value = parse_raw(text, start, error, grammar)
    assert isinstance(value, kind)  # noqa: S101 -- each start symbol gives one kind
    return locate(value, text, 0)


def parse_raw(text: str, start: str, error: type[ParseError], grammar: str = PHRASES) -> object:
    """What the transformer makes of *text*, raising *error* on failure."""
    try:
        return _parse_cached(text, start, grammar)
    except Failure as failure:
        raise failure.to_error(error) from None


def attempt(text: str, start: str, grammar: str = PHRASES) -> object | None:
    """What *text* parses to from *start*, or ``None``: for scanners, no message built."""
    try:
        return _parse_cached(text, start, grammar)
    except Failure:
        return None


def locate(value: _T, text: str, offset: int) -> _T:
    """Move *value*'s spans by *offset* into *text* and record its source text."""
    span: Span = value.span  # type: ignore[attr-defined]
    if offset:
        span = span.shift(offset)
    changes: dict[str, object] = {"span": span, "source": text[span.start : span.end]}
    for name in ("amount", "rate", "start", "end"):
        inner = getattr(value, name, None)
        if inner is not None and not isinstance(inner, int):
            changes[name] = locate(inner, text, offset)
    return attrs.evolve(value, **changes)  # type: ignore[misc]


def _syntax_error(text: str, start: str, grammar: str, error: Exception) -> ParseError:
    from lark.exceptions import UnexpectedCharacters, UnexpectedToken  # noqa: PLC0415

    position: int
    if isinstance(error, UnexpectedCharacters):
        # lark declares pos_in_stream as None on the class; instances hold an int.
        position = int(getattr(error, "pos_in_stream", 0))
    elif isinstance(error, UnexpectedToken) and error.token.type != "$END":
        position = error.token.start_pos or 0
    else:
        position = len(text.rstrip())
    found = _word_at(text, position)
    acceptable = _acceptable(text, start, grammar, position)
    names = sorted({_EXPECTED.get(name) or "" for name in acceptable})
    names = [name for name in names if name] or ["something else"]
    found_text = f"'{found}'" if found else "the end of the text"
    message = f"expected {' or '.join(names)}, found {found_text} at position {position}"
    return ParseError(message, text=text, span=Span(position, position + len(found)))


def _acceptable(text: str, start: str, grammar: str, position: int) -> set[str]:
    """The terminals the grammar accepts after ``text[:position]`` when parsing *start*."""
    from lark.exceptions import LarkError  # noqa: PLC0415

    from ._transform import SemanticError  # noqa: PLC0415

    try:
        interactive = parser(grammar).parse_interactive(text[:position], start=start)
        interactive.exhaust_lexer()
        return set(interactive.accepts())  # type: ignore[no-untyped-call]
    except (LarkError, SemanticError):
        return set()


def _word_at(text: str, position: int) -> str:
    """The run of similar characters at *position*, to quote in a message."""
    end = position
    while end < len(text) and end - position < 6 and not text[end].isspace():  # noqa: PLR2004
        if end > position and text[end].isdigit() != text[position].isdigit():
            break
        end += 1
    return text[position:end]
