"""
Golden files: render what the code finds as reviewable text, and compare it with the file.

``pytest --update-goldens`` (``nox -s goldens``) rewrites every golden file with what
the code gives now, so a change of behaviour is reviewed as a diff of the fixtures.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, NamedTuple

from cnbudget.documents import Document
from cnbudget.phrases import PhraseKind, find_phrases
from cnbudget.tables import Table
from cnbudget.trees import CodeTree

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

#: Set from ``--update-goldens`` by conftest.py.
UPDATE = False


def assert_golden(path: Path, actual: str) -> None:
    """*actual* is what *path* holds; with ``--update-goldens``, make it so."""
    if UPDATE:
        if not path.exists() or path.read_text(encoding="utf-8") != actual:
            path.write_text(actual, encoding="utf-8", newline="")
        return
    assert actual == path.read_text(encoding="utf-8"), f"golden {path.name} differs"


class Row(NamedTuple):
    """One phrase: the line it starts on, its exact text, its kind and canonical value."""

    line: int
    text: str
    kind: str
    value: str


def write_golden(path: Path, rows: Sequence[Row]) -> str:
    """The text of a golden TSV file holding *rows* (also written, with ``--update-goldens``)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
    writer.writerow(["line", "text", "kind", "value"])
    writer.writerows(rows)
    if UPDATE:
        assert_golden(path, out.getvalue())
    return out.getvalue()


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
        kind = PhraseKind.of(phrase).value
        rows.append(Row(line, phrase.source.replace("\n", "\\n"), kind, str(phrase)))
    return rows


def render_tree(tree: CodeTree) -> str:
    """A tree as indented text: code, name and values; ``-`` for an empty cell."""
    lines = []
    for node in tree:
        indent = "  " * (node.code.level.depth - 1)
        values = " ".join("-" if v is None else str(v) for v in node.values)
        name = "(implicit)" if node.implicit else node.name
        lines.append(f"{indent}{node.code}\t{name}\t{values}".rstrip())
    lines += [f"unresolved\t{row.text.strip()}" for row in tree.unresolved]
    return "\n".join(lines) + "\n"


def render_tables(tables: list[Table], text: str) -> str:
    """Tables as reviewable text: their facts, columns, then one line per row."""
    out = []
    for table in tables:
        assert table.span is not None
        line = text.count("\n", 0, table.span.start) + 1
        facts = [
            f"caption={table.caption!r}",
            f"number={table.number!r}",
            f"kind={table.kind.name}",
            f"unit={table.unit}",
            f"side={table.side}",
            f"department={table.department!r}",
            f"empty={table.is_empty}",
        ]
        out.append(f"== table at line {line}: " + " ".join(facts))
        out.extend(f"   note: {note}" for note in table.notes)
        out.extend(f"   form: {' | '.join(cells)}" for cells in table.form)
        out.extend(f"   diagnostic: {d.kind}" for d in table.diagnostics)
        out.extend(f"   column {i}: {column}" for i, column in enumerate(table.columns))
        for row in table.rows:
            cells = " | ".join(_cell(cell.value) for cell in row.cells)
            mark = "*" if row.emphasis else ""
            code = str(row.code) if row.code else "-"
            key = f"[{row.key}] " if row.key else ""
            out.append(f"   {row.role.value[0]}{row.level}{mark} {code} {key}{row.name} :: {cells}")
    return "\n".join(out) + "\n"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return f"'{value}'"
    return f"{type(value).__name__[0]}:{value}"


def render_outline(document: Document, text: str) -> str:
    """A document's metadata and headings as reviewable text: level, number, heading."""
    out = [
        f"title: {document.title}",
        f"year: {document.year}  kind: {document.kind}  department: {document.department}",
        f"approved: {document.approved}  published: {document.published}  dated: {document.dated}",
    ]
    out += [f"toc: {'+' if e.matched else '-'} {e.number} {e.text}" for e in document.toc]
    for heading in document.headings:
        line = text.count("\n", 0, heading.span.start) + 1
        out.append(
            f"{line:>4} {'  ' * (heading.level - 1)}{heading.number} {heading.text}".rstrip()
        )
    return "\n".join(out) + "\n"


def render_facts(document: Document, text: str) -> str:
    """Each labelled figure as a line: line, label, value, changes, share, nearest heading."""
    out = []
    for fact in document.facts:
        assert fact.span is not None
        line = text.count("\n", 0, fact.span.start) + 1
        changes = "; ".join(str(change) for change in fact.changes)
        heading = fact.context[-1] if fact.context else ""
        share = fact.share if fact.share is not None else ""
        out.append(f"{line}\t{fact.label}\t{fact.value}\t{changes}\t{share}\t{heading}")
    return "\n".join(out) + "\n"
