"""Read and compare the golden phrase lists in ``fixtures/phrases`` and ``fixtures/variants``."""

from __future__ import annotations

import csv
from typing import TYPE_CHECKING, NamedTuple

from cnbudget import Amount, Change, Date, DateRange, Percentage, Quantity, find_phrases
from cnbudget.trees import CodeTree

if TYPE_CHECKING:
    from pathlib import Path

KINDS: dict[type, str] = {
    Amount: "amount",
    Percentage: "percentage",
    Quantity: "quantity",
    Change: "change",
    Date: "date",
    DateRange: "date_range",
}


class Row(NamedTuple):
    """One phrase: the line it starts on, its exact text, its kind and canonical value."""

    line: int
    text: str
    kind: str
    value: str


def read_golden(path: Path) -> list[Row]:
    """The rows of a golden TSV file (header: line, text, kind, value)."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows[0] == ["line", "text", "kind", "value"]
    return [Row(int(line), text, kind, value) for line, text, kind, value in rows[1:]]


def found_rows(text: str) -> list[Row]:
    """What find_phrases finds in *text*, in the golden files' form."""
    rows = []
    for phrase in find_phrases(text):
        assert phrase.span is not None
        assert phrase.span.slice(text) == phrase.source
        line = text.count("\n", 0, phrase.span.start) + 1
        rows.append(Row(line, phrase.source.replace("\n", "\\n"), KINDS[type(phrase)], str(phrase)))
    return rows


def render_tree(tree: CodeTree) -> str:
    """A tree as indented text: code, name and values; ``-`` for an empty cell."""
    lines = []
    for node in tree:
        indent = "  " * (node.code.level.depth - 1)
        values = " ".join("-" if v is None else str(v) for v in node.values)
        name = "(implicit)" if node.implicit else node.name
        lines.append(f"{indent}{node.code}\t{name}\t{values}".rstrip())
    lines += [f"unresolved\t{line.strip()}" for line, _ in tree.unresolved]
    return "\n".join(lines) + "\n"
