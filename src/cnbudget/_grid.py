"""
The grid every table reader hands on: rows of cells, each with its text and span.

A merged cell's label sits in its first position and empty cells fill the rest of
its span, the way tab-separated text shows merged headers.
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, NamedTuple

from ._text import is_bold, strip_markup

if TYPE_CHECKING:
    from .diagnostics import Diagnostic
    from .spans import Span


class GridCell(NamedTuple):
    """One cell: its text (markup removed), whether it was bold, and where it lies."""

    text: str
    bold: bool
    span: Span  # the cell as written, markup and all


class GridRow(NamedTuple):
    """One rendered row and where it lies (for HTML: the ``<tr>`` element)."""

    cells: tuple[GridCell, ...]
    span: Span
    # Plain text only: the cell of a long name wrapped onto the next line and joined back.
    wrapped: int | None = None

    @property
    def texts(self) -> list[str]:
        """The text of each cell."""
        return [cell.text for cell in self.cells]


class Layout(str, enum.Enum):
    """How a table block is rendered."""

    HTML = "html"
    MARKDOWN = "markdown"
    TSV = "tsv"
    ALIGNED = "aligned"
    #: Plain PDF text: cells apart by single spaces (or `` \t``), empty cells gone.
    PLAIN = "plain"


class Grid(NamedTuple):
    """The rows of a block, how it was rendered, and what the reader had to cut."""

    rows: list[GridRow]
    layout: Layout
    diagnostics: list[Diagnostic]


_NEEDS_CLEANING = re.compile(r"[<&*$\s\u3000\u200b-\u200d\u2060\ufeff\xad]")
# PDF text breaks long header labels with spaces: 一般公共 预算, 财政专户 （教育收 费）.
_BROKEN = re.compile(r"(?<=[\u3000-\u9fff（）()])[ \u3000\r\n]+(?=[\u3000-\u9fff（）()])")


def clean_cell(raw: str) -> tuple[str, bool]:
    """A cell's text without markup or the spaces PDF text puts inside labels, and its boldness."""
    text = raw.strip()
    if not _NEEDS_CLEANING.search(text):
        return text, False  # most cells: a number or a name, nothing to clean
    text = strip_markup(raw).strip()
    return _BROKEN.sub("", text), is_bold(raw)
