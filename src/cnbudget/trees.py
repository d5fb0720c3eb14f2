r"""
Trees of classification codes, built from the rows of a budget table.

Tables print codes in many ways (cells shown here separated by ``|``);
:meth:`CodeTree.from_text` reads them all:

- whole codes: ``2080505 | 机关事业单位基本养老保险缴费支出 | 16.99``;
- one column per level: ``208 | 05 | 05 | 机关事业单位基本养老保险缴费支出 | 35.63``;
- indented parts that take their prefix from the rows above:
  `` | 05 | 行政事业单位养老支出`` after a ``208`` row;
- a part glued to the name: `` | | 05 机关事业单位基本养老保险缴费支出``;
- markup around codes and values: ``<b>208</b>``, ``**208**``.

>>> tree = CodeTree.from_text(
...     "208\t\t社会保障和就业支出\t32.24\n"
...     "\t05\t行政事业单位养老支出\t32.24\n"
...     "\t\t05 机关事业单位基本养老保险缴费支出\t32.24"
... )
>>> node = tree["2080505"]
>>> node.name, node.values, [str(c) for c in node.code.ancestors]
('机关事业单位基本养老保险缴费支出', (Decimal('32.24'),), ['208', '20805'])
>>> tree.check_sums()
[]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from . import _html
from ._numbers import EXACT, exact_sum, plain_number
from ._rows import complete_code, split_row
from ._table_layouts import read_texts
from ._text import lines_of
from .codes import Code
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["CodeRow", "CodeTree", "Node", "SumMismatch", "UnresolvedRow", "read_code_rows"]

_HALF = Decimal("0.5")


def __dir__() -> list[str]:
    return __all__


@attrs.frozen
class CodeRow:
    """
    One coded row of a table: its code, name and numeric cells.

    Attributes:
        code: The full code, prefixes resolved.
        name: The name printed beside it.
        values: The numeric cells after the name, ``None`` where a cell is empty
            or not a number.
        span: Where the row lies in the text it was read from.
    """

    code: Code
    name: str
    values: tuple[Decimal | None, ...] = ()
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen(repr=False)
class Node:
    """
    A code in a tree, with the row printed for it.

    Attributes:
        code: The code.
        name: The printed name ('' for an implicit node).
        values: The row's numeric cells; where several rows print the same code
            (one per project in a 项目支出表), their column-wise sums.
        children: The codes one level down, in document order.
        rows: Every row printed for this code, in document order.
        implicit: True when no row was printed for this code and the tree
            made it up to hold its children (a 项 row without its 款 row).
    """

    code: Code
    name: str
    values: tuple[Decimal | None, ...]
    children: tuple[Node, ...] = ()
    rows: tuple[CodeRow, ...] = ()
    implicit: bool = False

    @property
    def span(self) -> Span | None:
        """Where the (first) row of this code lies in the text, if it has one."""
        return self.rows[0].span if self.rows else None

    def value(self, column: int) -> Decimal | None:
        """
        The printed value in *column* (0 is the first after the name), if any.

        Raises :class:`ValueError` for a negative *column*.
        """
        if column < 0:
            msg = f"columns count from 0, after the name; got {column}"
            raise ValueError(msg)
        return self.values[column] if column < len(self.values) else None

    def total(self, column: int = 0) -> Decimal:
        """
        Sum *column* over the children; a leaf gives its own value.

        Children that print no value in the column count with their own total.
        """
        if not self.children:
            return self.value(column) or Decimal(0)
        return exact_sum(
            child.total(column) if (printed := child.value(column)) is None else printed
            for child in self.children
        )

    def __repr__(self) -> str:
        kind = "implicit " if self.implicit else ""
        return f"<{kind}Node {self.code} {self.name!r}, {len(self.children)} children>"

    def walk(self) -> Iterator[Node]:
        """This node and every node below it, depth first, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class SumMismatch:
    """
    A parent whose printed value is not the sum of its children.

    The difference is more than rounding the printed values explains.

    Attributes:
        node: The parent.
        column: The column index.
        printed: The parent's printed value.
        total: The sum of its children.
        tolerance: The most that rounding each printed value could explain.
    """

    node: Node
    column: int
    printed: Decimal
    total: Decimal
    tolerance: Decimal

    @property
    def difference(self) -> Decimal:
        """``printed - total``."""
        return EXACT.subtract(self.printed, self.total)


@attrs.frozen
class UnresolvedRow:
    """
    A row whose code could not be completed: an indented part with no row above.

    Attributes:
        text: The row as printed.
        span: Where it lies in the text.
    """

    text: str
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen(repr=False)
class CodeTree:
    """
    Codes and their rows as a forest: one root per 类, children in document order.

    Attributes:
        roots: The top-level nodes.
        unresolved: Rows whose code could not be completed (an indented part with
            no row above to take its prefix from), kept so nothing is lost.
    """

    roots: tuple[Node, ...]
    unresolved: tuple[UnresolvedRow, ...] = ()

    def __repr__(self) -> str:
        unresolved = f", {len(self.unresolved)} unresolved" if self.unresolved else ""
        return f"<CodeTree {len(self.roots)} 类, {len(self)} codes{unresolved}>"

    def _repr_html_(self) -> str:
        """The tree indented by level, a parent its children do not add up to coloured."""
        mismatches = {m.node.code: m for m in self.check_sums()}

        def lines(node: Node, depth: int) -> Iterator[tuple[int, str, str, str]]:
            value = node.value(0)
            shown = f"{node.code} {node.name or '(not printed)'}" + (
                f"  {value}" if value is not None else ""
            )
            mismatch = mismatches.get(node.code)
            problem = (
                f"printed {mismatch.printed}, its children add up to {mismatch.total}"
                if mismatch
                else ""
            )
            yield depth, shown, "error" if mismatch else "", problem
            for child in node.children:
                yield from lines(child, depth + 1)

        nodes = [line for root in self.roots for line in lines(root, 0)]
        nodes += [
            (0, f"unresolved: {row.text}", "warning", "no code above to complete it")
            for row in self.unresolved
        ]
        return _html.block(_html.heading(repr(self)), _html.tree(nodes))

    @classmethod
    def from_rows(cls, rows: Iterable[CodeRow]) -> CodeTree:
        """
        Build a tree from coded rows in any order.

        Codes missing between a row and its 类 become implicit nodes.
        """
        by_code: dict[Code, list[CodeRow]] = {}
        order: dict[Code, int] = {}
        for index, row in enumerate(rows):
            by_code.setdefault(row.code, []).append(row)
            for code in (*row.code.ancestors, row.code):
                order.setdefault(code, index)
        children: dict[Code | None, list[Code]] = {}
        for code in sorted(order, key=lambda c: (order[c], len(c.digits))):
            children.setdefault(code.parent, []).append(code)

        def build(code: Code) -> Node:
            kids = tuple(build(child) for child in children.get(code, ()))
            printed = by_code.get(code)
            if printed is None:
                return Node(code, "", (), kids, implicit=True)
            values = printed[0].values if len(printed) == 1 else _column_sums(printed)
            return Node(code, printed[0].name, values, kids, tuple(printed))

        return cls(tuple(build(code) for code in children.get(None, ())))

    @classmethod
    def from_text(cls, text: str, *, offset: int = 0) -> CodeTree:
        """
        Build a tree from the lines of a table in any of the written forms.

        Never raises on any text: lines that hold no code are left out, and coded rows
        whose code cannot be completed are in :attr:`unresolved`.
        """
        rows, unresolved = _read(text, offset)
        tree = cls.from_rows(rows)
        return attrs.evolve(tree, unresolved=tuple(unresolved))

    def __iter__(self) -> Iterator[Node]:
        """Every node, depth first, in document order."""
        for root in self.roots:
            yield from root.walk()

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __getitem__(self, code: Code | str) -> Node:
        node = self.get(code)
        if node is None:
            raise KeyError(str(code))
        return node

    def __contains__(self, code: object) -> bool:
        return isinstance(code, (Code, str)) and self.get(code) is not None

    def get(self, code: Code | str) -> Node | None:
        """The node of *code*, or ``None``."""
        digits = str(code)
        nodes = self.roots
        while nodes:
            node = next((n for n in nodes if digits.startswith(n.code.digits)), None)
            if node is None:
                return None
            if node.code.digits == digits:
                return node
            nodes = node.children
        return None

    def find(self, names: Sequence[str]) -> Node | None:
        """The node reached by following *names* down from a root, or ``None``."""
        nodes, node = self.roots, None
        for name in names:
            node = next((n for n in nodes if n.name == name), None)
            if node is None:
                return None
            nodes = node.children
        return node

    def named(self, name: str) -> list[Node]:
        """Every node printed with *name* (行政运行 may appear under many 款)."""
        return [node for node in self if node.name == name]

    def check_sums(self, column: int = 0) -> list[SumMismatch]:
        """
        Parents whose printed *column* differs from the sum of their children.

        Each printed value was rounded to the column's finest decimal place *q*
        (0.01 in most tables), so a parent of *n* children may differ from their
        sum by up to ``(n + 1) * q / 2`` through rounding alone. The sums are exact
        whatever the caller's ``decimal`` context. Raises :class:`ValueError` for a
        negative *column*.
        """
        if column < 0:
            msg = f"columns count from 0, after the name; got {column}"
            raise ValueError(msg)
        exponents = [
            value.as_tuple().exponent for node in self if (value := node.value(column)) is not None
        ]
        quantum = EXACT.scaleb(
            Decimal(1), min((e for e in exponents if isinstance(e, int)), default=0)
        )
        mismatches = []
        for node in self:
            printed = node.value(column)
            if not node.children or printed is None:
                continue
            total = node.total(column)
            # Halved by multiplying: an exact division at EXACT's precision takes a second.
            tolerance = EXACT.multiply(EXACT.multiply(quantum, len(node.children) + 1), _HALF)
            if EXACT.subtract(printed, total).copy_abs() > tolerance:
                mismatches.append(SumMismatch(node, column, printed, total, tolerance))
        return mismatches


def read_code_rows(text: str, *, offset: int = 0) -> list[CodeRow]:
    """
    Read the coded rows of table text (tab-separated, markdown, HTML or space-aligned).

    Codes are completed from the rows above; rows without a code (headers,
    totals) are left out.
    """
    return _read(text, offset)[0]


def _column_sums(rows: Sequence[CodeRow]) -> tuple[Decimal | None, ...]:
    width = max(len(row.values) for row in rows)
    sums: list[Decimal | None] = []
    for column in range(width):
        cells = [row.values[column] for row in rows if column < len(row.values)]
        present = [cell for cell in cells if cell is not None]
        sums.append(exact_sum(present) if present else None)
    return tuple(sums)


def _read(text: str, offset: int) -> tuple[list[CodeRow], list[UnresolvedRow]]:
    rows: list[CodeRow] = []
    unresolved: list[UnresolvedRow] = []
    context: list[str] = []  # the code parts of the row above: ["208", "05"]
    for texts, at in read_texts(text, lines_of(text)):
        line, span = at.slice(text), at.shift(offset)
        parts, name, rest = split_row(texts)
        if not parts:
            if name:
                context = []  # a header or total row ends what the rows above began
            continue
        code = complete_code(parts, context) if name else None
        if code is None:
            unresolved.append(UnresolvedRow(line, span))
            continue
        context = list(code.parts)
        rows.append(CodeRow(code, name, tuple(plain_number(cell) for cell in rest), span))
    return rows, unresolved
