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


def _not_before_start(instance: Span, _attribute: attrs.Attribute[int], end: int) -> None:
    if end < instance.start:
        msg = f"span end {end} is before its start {instance.start}"
        raise ValueError(msg)


@attrs.frozen
class Span:
    """
    A half-open range ``[start, end)`` of character offsets into a text.

    >>> text = "基本支出 355.50 万元"
    >>> Span(5, 14).slice(text)
    '355.50 万元'
    """

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field(validator=_not_before_start)

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
