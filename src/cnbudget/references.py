"""
References to official documents: 文号 such as ``新医保〔2021〕12号``.

Budget prose cites the documents that set up a project or a rule by their
number: issuer abbreviation, year in brackets, serial number and 号. Brackets
vary (〔〕, [], （）, ()), as do spaces.

>>> ref = parse_reference("博州财社（2025）102 号")
>>> ref.issuer, ref.year, ref.serial, str(ref)
('博州财社', 2025, 102, '博州财社〔2025〕102号')
>>> [str(r) for r in find_references("依据《通知》（包财社[2023]484号）执行")]
['包财社〔2023〕484号']
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from .errors import InvalidReference
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["DocumentReference", "find_references", "parse_reference"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen(repr=False)
class DocumentReference:
    """
    A document number (文号).

    Attributes:
        issuer: The issuer's abbreviation with the document type: ``新医保发``.
        year: The year in brackets.
        serial: The serial number before 号.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    issuer: str
    year: int
    serial: int
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        return f"{self.issuer}〔{self.year}〕{self.serial}号"

    def __repr__(self) -> str:
        return f"<DocumentReference {str(self)!r}>"


# The issuer is the run of 汉字 before the bracket; words of the sentence that
# lead into it (依据, 根据 …) are not part of it.
_REFERENCE = re.compile(
    r"(?:依据|根据|按照|参照)?"
    r"(?P<issuer>[\u4e00-\u9fff]{1,12})\s*[〔\[（(【]\s*(?P<year>(?:19|20)[0-9]{2})\s*[〕\]）)】]"
    r"\s*第?\s*(?P<serial>[0-9]{1,5})\s*号"
)


def _reference(match: re.Match[str], offset: int) -> DocumentReference:
    span = Span(match.start("issuer") + offset, match.end() + offset)
    return DocumentReference(
        match["issuer"],
        int(match["year"]),
        int(match["serial"]),
        match.string[match.start("issuer") : match.end()],
        span,
    )


def parse_reference(text: str) -> DocumentReference:
    """
    Parse a document number: ``新医保〔2021〕12号``, ``包财社[2023]484号``, ``博州财社（2025）102 号``.

    Raises:
        InvalidReference: *text* is not one document number.
    """
    stripped = text.strip()
    match = _REFERENCE.fullmatch(stripped)
    if match is None:
        at = len(text) - len(text.lstrip())
        message = f"'{stripped}' is not a document number such as 新医保〔2021〕12号"
        raise InvalidReference(message, text=text, span=Span(at, at + len(stripped)))
    return _reference(match, len(text) - len(text.lstrip()))


# What every document number ends with: 〔2021〕12号. Most text holds none, and
# looking for this first spares trying an issuer at every 汉字.
_NUMBER = re.compile(r"[〔\[（(【]\s*(?:19|20)[0-9]{2}\s*[〕\]）)】]\s*第?\s*[0-9]{1,5}\s*号")
# The most an issuer and the word before it (依据) take before the bracket.
_LONGEST_ISSUER = 14


def find_references(text: str) -> Iterator[DocumentReference]:
    """Yield every document number in *text*, in order; never raises on any text."""
    floor = 0
    for number in _NUMBER.finditer(text):
        if number.start() < floor:
            continue
        # The issuer ends where the spaces before the bracket start.
        issuer_end = number.start()
        while issuer_end > floor and text[issuer_end - 1].isspace():
            issuer_end -= 1
        start = max(floor, issuer_end - _LONGEST_ISSUER)
        if (match := _REFERENCE.search(text, start, number.end())) is not None:
            floor = match.end()
            yield _reference(match, 0)
