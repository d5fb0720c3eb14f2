"""
PDFs in: :func:`read_pdf` gives the text the parsers read best, :func:`parse_pdf` the document.

Needs the ``pdf`` extra (``pip install 'cnbudget[pdf]'``), which brings
`pdfplumber <https://github.com/jsvine/pdfplumber>`_. Each page becomes the text
outside its ruled tables, as pdfplumber lays it out, with every table that
``page.find_tables()`` finds rendered as tab-separated rows in its place (the
rendering the table layer reads best: no cell lost, empty cells kept); pages are
separated by one blank line. Compatibility code points that some PDF text layers
emit for ordinary 汉字 (the Kangxi radical ``⼀`` for ``一``) are folded, one
character for one.

A scanned PDF has no text layer: :func:`read_pdf` gives its pages empty, and
:func:`parse_pdf` says so (an error for a wholly scanned PDF, a warning for each
scanned page among typeset ones) rather than returning a document that silently
lacks their figures.
"""

from __future__ import annotations

import bisect
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import attrs

from ._text import fold
from .diagnostics import Diagnostic, DiagnosticKind, Severity
from .documents import Document, parse_document
from .errors import InvalidDocument, InvalidPDF
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["PdfText", "parse_pdf", "parse_pdf_text", "read_pdf"]


def __dir__() -> list[str]:
    return __all__


class PdfText(str):
    """
    The text of a PDF: a :class:`str`, which also knows where each page lies.

    Attributes:
        pages: Where each page's text lies, first page first.
    """

    __slots__ = ("pages",)
    pages: tuple[Span, ...]

    def __new__(cls, text: str = "", pages: Sequence[Span] = ()) -> PdfText:  # noqa: PYI034 -- final in effect
        """The text *text*, whose pages lie at *pages*."""
        self = super().__new__(cls, text)
        self.pages = tuple(pages)
        return self

    def __getnewargs__(self) -> tuple[str, tuple[Span, ...]]:  # type: ignore[override]
        return str(self), self.pages

    def page_of(self, offset: int) -> tuple[int, int]:
        r"""
        The page (counted from 1) an offset of the text lies on, and the offset within it.

        >>> text = PdfText("第一页\n\n第二页", [Span(0, 3), Span(5, 8)])
        >>> text.page_of(6)
        (2, 1)

        Raises:
            ValueError: *offset* lies outside the text.
        """
        if not 0 <= offset <= len(self) or not self.pages:
            msg = f"offset {offset} lies outside the text ({len(self)} characters)"
            raise ValueError(msg)
        index = max(bisect.bisect_right([page.start for page in self.pages], offset) - 1, 0)
        return index + 1, offset - self.pages[index].start


def read_pdf(source: str | os.PathLike[str] | BinaryIO) -> PdfText:
    """
    The text of a PDF, tables as tab-separated rows, pages one blank line apart.

    *source* is a file's path or a binary stream (an open file, :class:`io.BytesIO`).

    Raises:
        ImportError: the ``pdf`` extra is not installed (the message says how).
        InvalidPDF: the file is not a PDF pdfplumber can read.
        OSError: the file cannot be opened.
    """
    try:
        import pdfplumber  # noqa: PLC0415 -- an optional extra, imported when asked for
        from pdfplumber.utils.exceptions import PdfminerException  # noqa: PLC0415
    except ImportError:
        msg = "read_pdf() needs pdfplumber: pip install 'cnbudget[pdf]'"
        raise ImportError(msg) from None
    opened: Path | io.BufferedReader | io.BytesIO
    if isinstance(source, (str, os.PathLike)):
        opened = Path(source)
    elif isinstance(source, (io.BufferedReader, io.BytesIO)):
        opened = source
    else:
        opened = io.BytesIO(source.read())  # pdfplumber seeks: other streams are read in
    texts: list[str] = []
    try:
        with pdfplumber.open(opened) as pdf:
            texts.extend(_page_text(page) for page in pdf.pages)
    except PdfminerException as error:  # pdfminer's own errors, wrapped by pdfplumber
        reason = error.args[0] if error.args else error
        raise InvalidPDF(_name(source), str(reason) or type(reason).__name__) from None
    pages, start = [], 0
    for text in texts:
        pages.append(Span(start, start + len(text)))
        start += len(text) + 2
    return PdfText("\n\n".join(texts), pages)


def parse_pdf(source: str | os.PathLike[str] | BinaryIO, *, strict: bool = False) -> Document:
    """
    The document of a PDF (a path or a binary stream): ``parse_document(read_pdf(source))``.

    Spans point into ``read_pdf(source)``, whose :meth:`PdfText.page_of` gives their page.
    A page without text (a scanned page among typeset ones) is reported as a
    ``page-without-text`` warning: the figures it shows are not in the document.

    Raises:
        ImportError: the ``pdf`` extra is not installed.
        InvalidPDF: the file is not a PDF pdfplumber can read, or no page has text
            (a scanned PDF, which needs OCR first).
        InvalidDocument: with ``strict=True``, at the first warning or error.
        OSError: the file cannot be opened.
    """
    text = read_pdf(source)
    if not text.strip():
        reason = f"none of its {len(text.pages)} pages has text (a scan? it needs OCR first)"
        raise InvalidPDF(_name(source), reason)
    return parse_pdf_text(text, strict=strict)


def parse_pdf_text(text: PdfText, *, strict: bool = False) -> Document:
    """
    The document of a PDF's text (:func:`read_pdf`), with a warning for each page without text.

    What :func:`parse_pdf` does once the PDF is read; for a caller that keeps the text.

    Raises:
        InvalidDocument: with ``strict=True``, at the first warning or error.
    """
    empty = [
        (number, Span(page.start, page.start))
        for number, page in enumerate(text.pages, start=1)
        if not text[page.start : page.end].strip()
    ]
    blank = [
        Diagnostic(
            DiagnosticKind.PAGE_WITHOUT_TEXT,
            f"page {number} has no text (a scanned page?): what it shows is not read",
            at,
            Severity.WARNING,
        )
        for number, at in empty
    ]
    if strict and empty:
        msg = f"{blank[0].kind}: {blank[0].message}"
        raise InvalidDocument(msg, text=text, span=empty[0][1])
    document = parse_document(text, strict=strict)
    if not blank:
        return document
    return attrs.evolve(document, diagnostics=(*blank, *document.diagnostics))


def _name(source: str | os.PathLike[str] | BinaryIO) -> str:
    if isinstance(source, (str, os.PathLike)):
        return os.fspath(source)
    return str(getattr(source, "name", "<stream>"))


def _page_text(page: Any) -> str:  # noqa: ANN401 -- a pdfplumber Page
    """One page: its lines and its tables, top to bottom."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside_tables(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        x, y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    # Positions only order the pieces; no figure is read from them.
    pieces = [
        (line["top"], False, line["text"])
        for line in page.filter(outside_tables).extract_text_lines()
        if line["text"].strip()
    ]
    pieces += [(table.bbox[1], True, _tab_separated(table.extract())) for table in tables]
    pieces.sort(key=lambda piece: piece[0])
    lines: list[str] = []
    after_table = False
    for _, is_table, text in pieces:
        if is_table and after_table:
            # Two grids one under the other are two tables (pdfplumber found them
            # apart); a blank line keeps their rows from running into one block.
            lines.append("")
        if text:
            lines.append(text)
            after_table = is_table
    return fold("\n".join(lines))


def _tab_separated(rows: list[list[str | None]]) -> str:
    """A table's rows, cells between tabs; a name wrapped inside its cell is joined again."""
    lines = []
    for row in rows:
        cells = [(cell or "").replace("\n", "").replace("\t", " ").strip() for cell in row]
        if any(cells):
            lines.append("\t".join(cells))
    return "\n".join(lines)
