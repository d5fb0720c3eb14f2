"""
Problems found in a document that are reported rather than raised.

Parsers of whole documents (and resolvers of what documents say) collect
diagnostics instead of stopping at the first problem; each says what kind of
problem it is (a :class:`DiagnosticKind`, with a documented meaning), quotes the
text and points at it.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .spans import Span

__all__ = ["Diagnostic", "DiagnosticKind", "Severity"]


def __dir__() -> list[str]:
    return __all__


class Severity(str, enum.Enum):
    """How much a diagnostic matters."""

    #: Worth knowing; nothing was lost or guessed (a page break joined, say).
    INFO = "info"
    #: A figure or a part of the document may be wrong or missing; check it.
    WARNING = "warning"
    #: Something could not be read at all.
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


class DiagnosticKind(str, enum.Enum):
    """What a diagnostic is about; the value is the stable identifier to filter on."""

    # -- lines and documents
    #: A line holds control characters or other bytes no text tool prints.
    UNPARSED_LINE = "unparsed-line"
    #: Text of the template left unfilled, such as ``XX``, ``……``, ``增加（减少）``, ``主要原因是。``.
    TEMPLATE_LEFTOVER = "template-leftover"
    #: An entry of the table of contents (目录) that no part of the body carries.
    TOC_MISSING = "toc-missing"
    #: A heading the contents leave out, while they list the headings beside it.
    TOC_EXTRA = "toc-extra"
    #: A figure the text gives only roughly, such as ``数十亿元`` or ``二十几人``; no value
    #: is read from it.
    FUZZY_FIGURE = "fuzzy-figure"
    #: A page of a PDF without a text layer, such as a scanned page; what it shows is not read.
    PAGE_WITHOUT_TEXT = "page-without-text"
    #: Figures a broken text layer detached from the sentence they belong to, on a line
    #: of their own (``…总计 万元。`` ⏎ ``2024 1380.52 2023``), or one figure split by a
    #: space (``72,156.1 2元``). The pieces are not read as facts.
    TEXT_LAYER_BROKEN = "text-layer-broken"
    # -- tables
    #: The header printed again after a page break, or rows after a break, joined
    #: to the table above.
    PAGE_BREAK_JOINED = "page-break-joined"
    #: Rows of a table in plain PDF text (cells apart by single spaces) that no table
    #: reader took; their figures stay in the document as text.
    TABLE_UNREAD = "table-unread"
    #: Rows with neither caption nor header, kept as a table of their own.
    TABLE_FRAGMENT = "table-fragment"
    #: Plain PDF text dropped a row's empty cells and the table's own sums do not
    #: tell which columns its figures are in: they are read in order.
    VALUES_AMBIGUOUS = "values-ambiguous"
    #: A table whose figures do not add up the way its layout says (total row = Σ
    #: top-level rows, parent = Σ children, 合计 = Σ its parts): the reading is suspect.
    EXTRACTION_SUSPECT = "extraction-suspect"
    #: A name printed on two lines and read as one.
    WRAPPED_LINE_JOINED = "wrapped-line-joined"
    #: Two columns read the same header; the header rows may be out of line.
    HEADER_AMBIGUOUS = "header-ambiguous"
    #: A cell in a column of numbers that is not a number.
    NOT_A_NUMBER = "not-a-number"
    #: HTML whose tags or comments never end, read as text.
    MARKUP_UNTERMINATED = "markup-unterminated"
    #: A ``rowspan``/``colspan`` larger than the table's markup can hold, read as one cell.
    SPAN_TRUNCATED = "span-truncated"
    # -- classification names and paths
    #: A name that fits several codes.
    AMBIGUOUS_NAME = "ambiguous-name"
    #: A name the catalogue does not know.
    UNKNOWN_NAME = "unknown-name"
    #: A printed name that is not the catalogue's name for its code.
    NAME_MISMATCH = "name-mismatch"
    #: The trailing name of a path without a label; the labels before it are shifted.
    UNLABELLED_NAME = "unlabelled-name"
    #: A name labelled with the wrong level, such as ``社会保障和就业支出（款）``.
    MISLABELLED_LEVEL = "mislabelled-level"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Diagnostic:
    """
    One problem, with where it is.

    Attributes:
        kind: What it is about, such as :attr:`DiagnosticKind.MISLABELLED_LEVEL`.
        message: A readable sentence that quotes the text concerned.
        span: Where in the text, if known.
        severity: How much it matters.
    """

    kind: DiagnosticKind = attrs.field(converter=DiagnosticKind)
    message: str
    span: Span | None = attrs.field(default=None, eq=False)
    severity: Severity = attrs.field(default=Severity.WARNING, converter=Severity)

    def __str__(self) -> str:
        where = f" at {self.span}" if self.span is not None else ""
        return f"{self.severity}: {self.kind}{where}: {self.message}"
