"""The promises every parse keeps, as functions the tests share."""

from __future__ import annotations

import re

from cnbudget._outline import read_line
from cnbudget._text import LineMap
from cnbudget.documents import parse_document
from cnbudget.spans import Span


def uncovered_lines(text: str) -> list[tuple[int, int]]:
    """(line, how many elements cover it) for each non-blank line that is not covered once."""
    document = parse_document(text)
    # The two sides of a two-sided 收支 table are two elements over the same lines.
    spans = {element.span for element in document.elements}
    wrong = []
    # Every line ending of scraped text: CRLF, LF, CR, NEL, U+2028/U+2029 and form feed.
    physical = re.finditer("([^\n\r\x85\u2028\u2029\f]*)(?:\r\n|[\n\r\x85\u2028\u2029\f]|$)", text)
    breaks = {m.end(1) for m in physical}
    # A line of HTML holding several blocks is the lines a browser shows (cut before
    # <table>, after </table>, and before the block tags of a long line).
    lines = [(line.text, line.start, line.span.end) for line in LineMap(text)]
    assert {end for _, _, end in lines} >= breaks
    for number, (_, start, end) in enumerate(lines, start=1):
        if not read_line(text, Span(start, end)).text:
            continue  # blank, or markup and nothing else (<!DOCTYPE html>, <body>)
        owners = sum(
            1 for span in spans if span is not None and span.start < end and start < span.end
        )
        if owners != 1:
            wrong.append((number, owners))
    return wrong
