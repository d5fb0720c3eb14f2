"""
The parsers of ``grammars/*.lark``: the one entry point of the layers above to them.

This is the only module that talks to lark: lark's exceptions become
:class:`~cnbudget.errors.ParseError` here, and what the transformer builds are
the plain tuples of :mod:`cnbudget._raw`.

Three things keep it fast:

- **Serialised tables.** Building the LALR tables takes tens of milliseconds, so
  ``data/*.lalr.json`` ships them, made by ``nox -s parsers`` from the grammar; a
  table whose grammar hash or lark version does not match is ignored and the
  parser is built from the grammar instead. No file is ever written at run time.
- **A fast path.** Most phrases are a plain number with its unit or ``%``
  (``355.50 万元``, ``6.42%``): a regular expression assembled from the grammar's
  own terminals reads them without the parser (a property test proves both
  readings agree), and hands everything else to the grammar.
- **A memo.** Budget documents repeat phrases (``增加 0 万元``), and results are
  immutable: the last few thousand parses are remembered, failures included.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from importlib import resources
from typing import TYPE_CHECKING, NamedTuple

from ._numbers import arabic_to_decimal
from ._raw import RawAmount, RawPercentage, RawQuantity, RawValue
from ._text import MappedText, clean
from .errors import ParseError

if TYPE_CHECKING:
    from decimal import Decimal

    from lark import Lark

PHRASES = "phrases.lark"
CODES = "codes.lark"
# The start symbols of every grammar file in grammars/.
START_SYMBOLS = {
    PHRASES: (
        "phrase",
        "amount",
        "percentage",
        "quantity",
        "change",
        "money",
        "when",
        "range",
        "numeral",
    ),
    CODES: ("code", "path"),
}
#: The grammars a text may be parsed with, by file.
GRAMMARS = tuple(START_SYMBOLS)

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
    "INCLUSION": None,
    "LIST_SEP": None,
    "RATE_OPEN": None,
    "BARE_INCREASE": None,
    "BARE_DECREASE": None,
    "RATE_CLOSE": None,
    "BETWEEN": None,
    "BETWEEN_AFTER": None,
    "MORE_THAN_AFTER": None,
    "LESS_THAN_AFTER": None,
    "UNTIL": None,
    "FROM": None,
    "CODE_PART": "a code (208, 20805, 2080505)",
    "NAME": "a name",
    "LABEL": "a level in brackets such as （类）",
    "$END": "the end of the text",
}

# ---------------------------------------------------------------- the parsers


def grammar_text(grammar: str) -> str:
    """The source of a grammar file, as shipped in the package."""
    return resources.files("cnbudget").joinpath("grammars", grammar).read_text(encoding="utf-8")


def tables_path(grammar: str) -> str:
    """Where the serialised tables of *grammar* live inside the package."""
    return f"data/{grammar.removesuffix('.lark')}.lalr.json"


def grammar_hash(grammar: str) -> str:
    """What the serialised tables record of their grammar, to tell when they are stale."""
    return hashlib.sha256(grammar_text(grammar).encode("utf-8")).hexdigest()


def _options(grammar: str) -> dict[str, object]:
    return {
        "parser": "lalr",
        "lexer": "contextual",
        "start": list(START_SYMBOLS[grammar]),
        "maybe_placeholders": False,
    }


def _transformer(grammar: str) -> object:
    from ._transform import ToCodes, ToValues  # noqa: PLC0415 -- lark is imported on first use

    return {PHRASES: ToValues, CODES: ToCodes}[grammar]()


def build(grammar: str) -> Lark:
    """Build the parser of *grammar* from its source: the slow way, and the reference."""
    from lark import Lark  # noqa: PLC0415 -- keep `import cnbudget` free of grammar work

    return Lark.open_from_package(
        "cnbudget",
        grammar,
        ("grammars",),
        transformer=_transformer(grammar),
        **_options(grammar),
    )


def serialize(grammar: str) -> str:
    """The tables of *grammar* as JSON, for ``data/*.lalr.json``."""
    import lark  # noqa: PLC0415
    from lark.grammar import Rule  # noqa: PLC0415
    from lark.lexer import TerminalDef  # noqa: PLC0415

    data, memo = build(grammar).memo_serialize([TerminalDef, Rule])
    # Only plain options: the transformer and where the grammar came from are set on load.
    data["options"] = {
        key: value
        for key, value in data["options"].items()
        if key not in {"transformer", "import_paths", "source_path"}
    }
    document = {
        "grammar": grammar,
        "grammar_sha256": grammar_hash(grammar),
        "lark": lark.__version__,
        "data": data,
        "memo": memo,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def _int_keys(mapping: dict[str, object]) -> dict[object, object]:
    # JSON object keys are strings; lark's tables key states and memo entries by int.
    return {int(key) if key.isdigit() else key: value for key, value in mapping.items()}


@functools.cache
def _tables(grammar: str) -> dict[str, object] | None:
    """The shipped tables of *grammar*, or ``None`` if missing or made from another grammar."""
    try:
        text = resources.files("cnbudget").joinpath(tables_path(grammar)).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    tables: dict[str, object] = json.loads(text, object_hook=_int_keys)
    return tables if tables.get("grammar_sha256") == grammar_hash(grammar) else None


@functools.cache
def parser(grammar: str = PHRASES) -> Lark:
    """The parser of one grammar file: loaded (or built) on first use, not at import."""
    import lark  # noqa: PLC0415

    tables = _tables(grammar)
    if tables is not None and tables.get("lark") == lark.__version__:
        try:
            loaded: Lark = lark.Lark._load_from_dict(  # type: ignore[no-untyped-call]  # noqa: SLF001 -- the one loader that takes a transformer
                tables["data"], tables["memo"], transformer=_transformer(grammar)
            )
        except Exception:  # noqa: BLE001 -- any trouble with the tables: build instead
            return build(grammar)
        return loaded
    return build(grammar)


@functools.cache
def terminals(grammar: str = PHRASES) -> dict[str, str]:
    """
    The regular expression of each terminal of *grammar*, by name.

    Read from the shipped tables when they are fresh, so that the scanner and the
    fast path need no lark import; built from the grammar otherwise.
    """
    tables = _tables(grammar)
    if tables is None:
        return {t.name: t.pattern.to_regexp() for t in parser(grammar).terminals}
    found = {}
    memo = tables["memo"]
    assert isinstance(memo, dict)  # noqa: S101 -- the shape serialize() writes
    for entry in memo.values():
        if entry.get("__type__") != "TerminalDef":
            continue
        pattern = entry["pattern"]
        value = pattern["value"]
        regexp = value if pattern["__type__"] == "PatternRE" else re.escape(value)
        if pattern["flags"]:
            regexp = f"(?{''.join(pattern['flags'])}:{regexp})"
        found[entry["name"]] = regexp
    return found


def terminal(name: str, grammar: str = PHRASES) -> str:
    """One terminal's regular expression, as a non-capturing group."""
    return f"(?:{terminals(grammar)[name]})"


# ---------------------------------------------------------------- the fast path

# The grammar's whitespace (it ignores these between tokens).
_SPACE = r"[ \t\r\n\u3000\xa0\x85\u2028\u2029\f]*"


class _Fast(NamedTuple):
    amount: re.Pattern[str]
    percentage: re.Pattern[str]
    quantity: re.Pattern[str]


@functools.cache
def _fast() -> _Fast:
    """Plain ``number unit`` shapes, from the grammar's own terminals."""
    number = (
        rf"{_SPACE}(?P<sign>{terminal('SIGN')}{_SPACE})?(?P<digits>{terminal('DIGITS')}){_SPACE}"
    )
    return _Fast(
        amount=re.compile(rf"{number}(?P<unit>[千万亿]?元){_SPACE}"),
        percentage=re.compile(rf"{number}(?P<percent>{terminal('PERCENT')}){_SPACE}"),
        quantity=re.compile(rf"{number}(?P<counter>{terminal('COUNTER')}){_SPACE}"),
    )


def _parse_fast(text: str, start: str) -> RawValue | None:
    """*text* read by the fast path as a *start* phrase, or ``None`` to ask the grammar."""
    if start not in {"amount", "percentage", "quantity", "phrase"}:
        return None
    fast = _fast()
    try:
        return _read_fast(fast, text, start)
    except ValueError:  # a number too long to be a figure: the grammar says so properly
        return None


def _read_fast(fast: _Fast, text: str, start: str) -> RawValue | None:
    if start in {"amount", "phrase"} and (match := fast.amount.fullmatch(text)):
        value, first = _number(match)
        return RawAmount(value, match["unit"], "", first, match.end("unit"))
    if start in {"percentage", "phrase"} and (match := fast.percentage.fullmatch(text)):
        value, first = _number(match)
        return RawPercentage(value, "", False, first, match.end("percent"))  # noqa: FBT003
    if start in {"quantity", "phrase"} and (match := fast.quantity.fullmatch(text)):
        value, first = _number(match)
        return RawQuantity(value, match["counter"], "", first, match.end("counter"))
    return None


def _number(match: re.Match[str]) -> tuple[Decimal, int]:
    """The signed value of a fast-path match, and where its number starts."""
    value = arabic_to_decimal(match["digits"])
    if match["sign"]:
        return value.copy_negate(), match.start("sign")
    return value, match.start("digits")


# ---------------------------------------------------------------- parsing


class Failure(Exception):
    """
    A failed parse, cheap to make: scanners that try many candidates get ``None`` instead.

    Only :meth:`to_error` works out the readable message, for the user.
    """

    def __init__(self, text: str, start: str, grammar: str, cause: Exception) -> None:
        super().__init__(text)
        self.text, self.start, self.grammar, self.cause = text, start, grammar, cause

    def to_error(self, error: type[ParseError], view: MappedText) -> ParseError:
        """The user-facing error, with its message and position in the source."""
        from ._transform import SemanticError  # noqa: PLC0415

        if isinstance(self.cause, SemanticError):
            span = view.span(self.cause.start, self.cause.end)
            return error(self.cause.message, text=view.source, span=span)
        expected, found, start = _syntax_error(self.text, self.start, self.grammar, self.cause)
        span = view.span(start, start + len(found))
        found_text = f"'{found}'" if found else "the end of the text"
        # The position is the one in the text the user gave, markup and all.
        message = f"expected {expected}, found {found_text} at position {span.start}"
        return error(message, text=view.source, span=span)


def _parse(text: str, start: str, grammar: str) -> RawValue | Failure:
    """*text* parsed from *start*, or the :class:`Failure`; offsets relative to *text*."""
    if grammar == PHRASES and (fast := _parse_fast(text, start)) is not None:
        return fast
    return _parse_grammar(text, start, grammar)


def _parse_grammar(text: str, start: str, grammar: str) -> RawValue | Failure:
    """*text* parsed by the LALR parser alone (the reference the fast path must agree with)."""
    from lark.exceptions import UnexpectedInput, VisitError  # noqa: PLC0415

    from ._transform import SemanticError  # noqa: PLC0415

    try:
        value: RawValue = parser(grammar).parse(text, start=start)  # type: ignore[assignment]
    except UnexpectedInput as error:
        return Failure(text, start, grammar, error)
    except VisitError as error:
        if isinstance(error.orig_exc, SemanticError):
            return Failure(text, start, grammar, error.orig_exc)
        raise
    except SemanticError as error:
        return Failure(text, start, grammar, error)
    return value


_memo = functools.lru_cache(maxsize=16384)(_parse)
# Long texts are not phrases that repeat, and would only fill the memory.
_LONGEST_MEMO = 200


def _cached(text: str, start: str, grammar: str) -> RawValue | Failure:
    if len(text) > _LONGEST_MEMO:
        return _parse(text, start, grammar)
    return _memo(text, start, grammar)


def clear_memo() -> None:
    """Forget every remembered parse (the benchmarks measure without them)."""
    _memo.cache_clear()


def parse(
    text: str, start: str, error: type[ParseError], grammar: str = PHRASES
) -> tuple[RawValue, MappedText]:
    """
    Parse all of *text* (markup removed) as one *start* phrase.

    Returns the raw value, with offsets into the cleaned text, and the cleaned
    text itself, which maps them back into *text*.

    Raises:
        ParseError: *error*, with the position in *text* and a readable message.
    """
    view = clean(text)
    found = _cached(view.text, start, grammar)
    if isinstance(found, Failure):
        raise found.to_error(error, view) from None
    return found, view


def attempt(text: str, start: str, grammar: str = PHRASES) -> RawValue | None:
    """What *text* (already clean) parses to from *start*, or ``None``; no message built."""
    found = _cached(text, start, grammar)
    return None if isinstance(found, Failure) else found


def _syntax_error(text: str, start: str, grammar: str, error: Exception) -> tuple[str, str, int]:
    """What the grammar expected, what it found instead, and where."""
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
    return " or ".join(names), found, position


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


__all__ = [
    "CODES",
    "GRAMMARS",
    "PHRASES",
    "START_SYMBOLS",
    "Failure",
    "attempt",
    "build",
    "clear_memo",
    "parse",
    "parser",
    "serialize",
    "terminal",
    "terminals",
]
