"""
Problems found in a document that are reported rather than raised.

Parsers of whole documents (and resolvers of what documents say) collect
diagnostics instead of stopping at the first problem; each says what kind of
problem it is, quotes the text and points at it.
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

import attrs

if TYPE_CHECKING:
    from .spans import Span

__all__ = ["Diagnostic", "Severity"]


def __dir__() -> list[str]:
    return __all__


class Severity(str, enum.Enum):
    """How much a diagnostic matters."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Diagnostic:
    """
    One problem, with where it is.

    Attributes:
        kind: A stable identifier to filter on, such as ``"mislabelled-level"``.
        message: A readable sentence that quotes the text concerned.
        span: Where in the text, if known.
        severity: How much it matters.
    """

    kind: str
    message: str
    span: Span | None = None
    severity: Severity = Severity.WARNING

    def __str__(self) -> str:
        where = f" at {self.span}" if self.span is not None else ""
        return f"{self.severity}: {self.kind}{where}: {self.message}"
