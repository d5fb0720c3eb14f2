"""
The one exception family of cnbudget.

Every public parse function raises a subclass of :class:`ParseError` (itself a
:class:`ValueError`) that records the text, the :class:`~cnbudget.spans.Span` of
the offending characters and a readable message. ``str(error)`` quotes the line
with a marker under the offending characters, aligned for full-width 汉字:

>>> from cnbudget import parse_amount
>>> parse_amount("457.50 美元")
Traceback (most recent call last):
  ...
cnbudget.errors.InvalidAmount: expected a money unit (元, 千元, 万元, 亿元), found '美元' at position 7
    457.50 美元
           ^^^^
"""

from __future__ import annotations

from ._text import display_width
from .spans import Span

__all__ = [
    "CnBudgetError",
    "InvalidAmount",
    "InvalidCatalog",
    "InvalidChange",
    "InvalidCode",
    "InvalidCodePath",
    "InvalidDate",
    "InvalidDocument",
    "InvalidJSON",
    "InvalidNumber",
    "InvalidPDF",
    "InvalidPercentage",
    "InvalidQuantity",
    "InvalidRange",
    "InvalidReference",
    "ParseError",
    "UnknownRule",
]


def __dir__() -> list[str]:
    return __all__


# How much of a long line to show on each side of the marker, in display columns.
_CONTEXT_COLUMNS = 40
# How many of the problems of bad JSON data the message lists (all are kept).
_PROBLEMS_SHOWN = 5


class CnBudgetError(Exception):
    """Base class of every exception raised by cnbudget."""


class InvalidCatalog(CnBudgetError, ValueError):
    """
    A catalogue file that cannot be read (:meth:`cnbudget.catalog.Catalog.load`).

    Attributes:
        file: The file's name.
        line: The line of the file at fault, if known.
        reason: What is wrong there.
    """

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        where = file if line is None else f"{file}, line {line}"
        super().__init__(f"{where}: {reason}")
        self.file, self.line, self.reason = file, line, reason


class InvalidJSON(CnBudgetError, ValueError):
    """
    Data that :func:`cnbudget.serialization.from_json` cannot turn back into an object.

    Attributes:
        problems: What is wrong, each with where in the data (``$.tables[0].rows[2].name``).
    """

    def __init__(self, problems: list[str]) -> None:
        shown = "; ".join(problems[:_PROBLEMS_SHOWN])
        more = len(problems) - _PROBLEMS_SHOWN
        super().__init__(shown + (f"; and {more} more" if more > 0 else ""))
        self.problems = tuple(problems)


class InvalidPDF(CnBudgetError, ValueError):
    """
    A file :func:`cnbudget.pdf.read_pdf` cannot read as a PDF.

    Attributes:
        file: The file's name.
        reason: What the PDF reader said.
    """

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{file}: not a readable PDF: {reason}")
        self.file, self.reason = file, reason


class UnknownRule(CnBudgetError, ValueError):
    """
    A rule id that :func:`cnbudget.checks.check` does not know (``select``/``ignore``).

    Attributes:
        rule: The id as given.
    """

    def __init__(self, rule: str, known: str) -> None:
        super().__init__(f"{rule!r} names no rule; the rules are {known}")
        self.rule = rule


class ParseError(CnBudgetError, ValueError):
    """
    Text that could not be parsed.

    Attributes:
        message: What went wrong, quoting the offending text.
        text: The whole text that was being parsed.
        span: Where in *text* the problem is.
    """

    def __init__(self, message: str, *, text: str, span: Span) -> None:
        super().__init__(message)
        self.message = message
        self.text = text
        self.span = span

    @property
    def position(self) -> int:
        """The character offset of the problem in :attr:`text`."""
        return self.span.start

    def __str__(self) -> str:
        excerpt, marker = _excerpt(self.text, self.span)
        return f"{self.message}\n    {excerpt}\n    {marker}"

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only arguments need help to survive pickling (multiprocessing, Dask).
        return (_rebuild, (type(self), self.message, self.text, self.span))


def _rebuild(cls: type[ParseError], message: str, text: str, span: Span) -> ParseError:
    return cls(message, text=text, span=span)


class InvalidNumber(ParseError):
    """A numeral (arabic or Chinese) that is not well formed."""


class InvalidAmount(ParseError):
    """Text that is not an amount of money such as ``457.50 万元``."""


class InvalidPercentage(ParseError):
    """Text that is not a percentage such as ``4.86%`` or ``百分之四点八六``."""


class InvalidQuantity(ParseError):
    """Text that is not a counted quantity such as ``2 辆`` or ``66 人``."""


class InvalidChange(ParseError):
    """Text that is not a year-on-year change such as ``减少 24.37 万元，下降 6.42%``."""


class InvalidDate(ParseError):
    """Text that is not a date or date range, or names a day that does not exist."""


class InvalidCode(ParseError):
    """Text that is not a classification code such as ``2080505`` or ``208 05 05``."""


class InvalidReference(ParseError):
    """Text that is not a document number (文号) such as ``新医保〔2021〕12号``."""


class InvalidRange(ParseError):
    """Text that is not a range of amounts or quantities such as ``2万-6万元``."""


class InvalidDocument(ParseError):
    """A problem found by :func:`~cnbudget.documents.parse_document` with ``strict=True``."""


class InvalidCodePath(ParseError):
    """Text that is not a path of names and levels such as ``卫生健康支出（类）…（款）``."""


def _printable(text: str) -> str:
    # One character for one character, so offsets stay valid.
    return "".join(" " if char in "\t\r\n" or not char.isprintable() else char for char in text)


def _excerpt(text: str, span: Span) -> tuple[str, str]:
    """The line around *span*, clipped to a window, and a ``^`` marker under *span*."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.start)
    if line_end == -1:
        line_end = len(text)
    end = min(max(span.end, span.start + 1), line_end)
    left, width = span.start, 0
    while left > line_start and width + display_width(text[left - 1]) <= _CONTEXT_COLUMNS:
        left -= 1
        width += display_width(text[left])
    right, width = end, 0
    while right < line_end and width + display_width(text[right]) <= _CONTEXT_COLUMNS:
        width += display_width(text[right])
        right += 1
    prefix = "…" if left > line_start else ""
    suffix = "…" if right < line_end else ""
    excerpt = prefix + _printable(text[left:right]) + suffix
    pad = display_width(prefix + _printable(text[left : span.start]))
    carets = max(1, display_width(_printable(text[span.start : end])))
    return excerpt, " " * pad + "^" * carets
