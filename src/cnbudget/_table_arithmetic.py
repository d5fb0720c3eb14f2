"""
The arithmetic a table's header implies: which columns sum which, at what precision.

A 合计/小计 column is the sum of the columns beside it under the same label.
Printed figures were rounded, so a difference within what rounding explains is
none. The plain-text reader uses this to decide where figures go; the table
checks (:mod:`cnbudget._table_checks`) hold every table to it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ._numbers import EXACT, exact_sum
from ._rows import is_subtotal

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_HALF = Decimal("0.5")


def is_total_label(label: str) -> bool:
    """Whether a column label says it sums its neighbours: 合计, 小计, 财政拨款（补助）小计."""
    return label.endswith(("合计", "小计", "总计")) or is_subtotal(label)


class Precision:
    """Sums at the printed precision: a difference within rounding is no difference."""

    __slots__ = ("unit",)

    def __init__(self, unit: Decimal) -> None:
        self.unit = unit  # the last printed place: 0.01 in most tables

    @classmethod
    def of(cls, figures: Iterable[str]) -> Precision:
        """The precision of figures printed as *figures* (the finest place among them)."""
        places = max((len(text.rsplit(".", 1)[1]) for text in figures if "." in text), default=0)
        return cls(Decimal(1).scaleb(-places))

    def agrees(self, total: Decimal, parts: Sequence[Decimal]) -> bool:
        """Whether *total* is the sum of *parts*, each rounded to this precision."""
        difference = EXACT.subtract(total, exact_sum(parts)).copy_abs()
        return difference <= EXACT.multiply(EXACT.multiply(self.unit, len(parts) + 1), _HALF)


def column_relations(paths: Sequence[tuple[str, ...]]) -> list[tuple[int, tuple[int, ...]]]:
    """(total column, the columns it sums) for each 合计/小计 column of the header."""
    relations = []
    prefixes = {path[:depth] for path in paths for depth in range(len(path))}
    for prefix in sorted(prefixes, key=lambda p: (len(p), p)):  # sets of str vary by run
        under = [
            i
            for i, path in enumerate(paths)
            if len(path) > len(prefix) and path[: len(prefix)] == prefix
        ]
        groups: dict[str, list[int]] = {}
        for i in under:
            groups.setdefault(paths[i][len(prefix)], []).append(i)
        totals = [
            cols[0]
            for label, cols in groups.items()
            if is_total_label(label) and len(cols) == 1 and len(paths[cols[0]]) == len(prefix) + 1
        ]
        if len(totals) != 1 or len(groups) < 2:  # noqa: PLR2004
            continue
        parts: list[int] = []
        for cols in groups.values():
            if cols == totals:
                continue
            if len(cols) == 1:
                parts.append(cols[0])
                continue
            subtotal = [
                i for i in cols if is_total_label(paths[i][-1]) and len(paths[i]) == len(prefix) + 2
            ]
            if len(subtotal) != 1:
                break
            parts.append(subtotal[0])
        else:
            if len(parts) > 1:  # a total over one column: the header left the others out
                relations.append((totals[0], tuple(parts)))
    return relations
