"""Positions in the source text.

Every value cnbudget parses remembers where it came from as a :class:`Span`
of character offsets into the text that was parsed, so a user can always point
back into the document.
"""

from __future__ import annotations

import attrs

__all__ = ["Span"]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen
class Span:
    """
    A half-open range ``[start, end)`` of character offsets into a text.

    >>> text = "基本支出 355.50 万元"
    >>> Span(5, 14).slice(text)
    '355.50 万元'
    """

    start: int
    end: int

    def __attrs_post_init__(self) -> None:
        # A plain check: spans are made for every cell and token, validators cost more.
        if not 0 <= self.start <= self.end:
            msg = f"a span runs from 0 or later, forwards: not {self.start}-{self.end}"
            raise ValueError(msg)

    def __len__(self) -> int:
        return self.end - self.start

    def __str__(self) -> str:
        return f"{self.start}-{self.end}"

    def slice(self, text: str) -> str:
        """Return the part of *text* this span covers."""
        return text[self.start : self.end]

    def shift(self, offset: int) -> Span:
        """Return this span moved *offset* characters to the right."""
        return Span(self.start + offset, self.end + offset)
