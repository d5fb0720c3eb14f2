"""
Draw a disclosure as a PDF with a text layer, the shape published PDFs take, for the PDF tests.

A seed's prose becomes lines wrapped at the page width (no markdown marks: a PDF has
none), each tab-separated block a ruled grid, one text cell per table cell; pages
break between lines and never inside a table, as :func:`expected_pages` says the
PDF's text should read back.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

if TYPE_CHECKING:
    from collections.abc import Iterator

FONT = "STSong-Light"  # one of reportlab's built-in CID fonts: no font file needed
SIZE = 10
LINE = 16  # points from one prose line to the next
ROW = 16  # the height of a table row
MARGIN = 40
WRAP = 40  # characters on a prose line
PAGE_HEIGHT = 842

# Registered once, for every canvas the tests draw on.
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

_MARKS = re.compile(r"^(?:#+\s+|[-*]\s+)|</?b>|\*\*")


def blocks(text: str) -> list[str | list[list[str]]]:
    """A seed's lines as prose lines (wrapped, unmarked) and tables (rows of cells)."""
    out: list[str | list[list[str]]] = []
    table: list[list[str]] = []
    for line in [*text.split("\n"), ""]:
        if "\t" in line:
            table.append([_MARKS.sub("", cell).strip() for cell in line.split("\t")])
            continue
        if table:
            width = max(len(row) for row in table)
            out.append([row + [""] * (width - len(row)) for row in table])
            table = []
        prose = _MARKS.sub("", line).strip()
        out.extend(prose[i : i + WRAP].strip() for i in range(0, len(prose), WRAP))
    return out


def _pages(
    items: list[str | list[list[str]]], *, split: bool = False
) -> Iterator[list[str | list[list[str]]]]:
    """Items page by page; with *split*, a table runs on to the next page as its rows reach the foot."""
    page: list[str | list[list[str]]] = []
    room = PAGE_HEIGHT - 2 * MARGIN
    for whole in items:
        item = whole
        while split and isinstance(item, list) and ROW * len(item) + LINE > room:
            fits = int((room - LINE) // ROW)
            if fits > 0:
                page.append(item[:fits])
                item = item[fits:]
            yield page
            page, room = [], PAGE_HEIGHT - 2 * MARGIN
        height = LINE if isinstance(item, str) else ROW * len(item) + LINE
        if page and height > room:
            yield page
            page, room = [], PAGE_HEIGHT - 2 * MARGIN
        page.append(item)
        room -= height
    if page:
        yield page


def expected_pages(items: list[str | list[list[str]]], *, split: bool = False) -> list[str]:
    """The text each page of the PDF of *items* should read back as: tables tab-separated."""
    pages = []
    for page in _pages(items, split=split):
        lines: list[str] = []
        for before, item in zip([None, *page], page, strict=False):
            if isinstance(item, str):
                lines.append(item)
                continue
            if isinstance(before, list):
                lines.append("")  # two grids in a row read as two tables
            lines.extend("\t".join(row) for row in item)
        pages.append("\n".join(lines))
    return pages


def draw(items: list[str | list[list[str]]], *, split: bool = False) -> bytes:
    """The PDF of *items*: prose lines, and tables as ruled grids (*split*: across pages)."""
    widths: dict[int, list[float]] = {}  # each row's column widths: its table's
    for item in items:
        if isinstance(item, list):
            columns = [
                max(pdfmetrics.stringWidth(row[i], FONT, SIZE) for row in item) + 8
                for i in range(len(item[0]))
            ]
            widths.update({id(row): columns for row in item})
    page_width = max([WRAP * SIZE, *(sum(w) for w in widths.values())]) + 2 * MARGIN
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=(page_width, PAGE_HEIGHT))
    for page in _pages(items, split=split):
        pdf.setFont(FONT, SIZE)
        y = float(PAGE_HEIGHT - MARGIN)
        for item in page:
            if isinstance(item, str):
                y -= LINE
                if item:
                    pdf.drawString(MARGIN, y, item)
                continue
            y = _grid(pdf, item, widths[id(item[0])], y - LINE / 2)
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _grid(pdf: object, rows: list[list[str]], widths: list[float], top: float) -> float:
    """Draw *rows* as a ruled grid whose top edge is at *top*; return its bottom edge."""
    xs = [float(MARGIN)]
    for width in widths:
        xs.append(xs[-1] + width)
    bottom = top - ROW * len(rows)
    for index in range(len(rows) + 1):
        pdf.line(xs[0], top - ROW * index, xs[-1], top - ROW * index)  # type: ignore[attr-defined]
    for x in xs:
        pdf.line(x, top, x, bottom)  # type: ignore[attr-defined]
    for number, row in enumerate(rows):
        baseline = top - ROW * (number + 1) + (ROW - SIZE) / 2 + 1
        for x, cell in zip(xs, row, strict=False):
            if cell:
                pdf.drawString(x + 4, baseline, cell)  # type: ignore[attr-defined]
    return bottom
