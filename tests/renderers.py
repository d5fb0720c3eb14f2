"""Render a Table back into each text rendering, for the layout invariance tests."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from cnbudget._text import display_width

if TYPE_CHECKING:
    from cnbudget.tables import Table


def _header_rows(table: Table) -> list[list[str]]:
    """Header rows that give back the table's column paths: a merged label, then blanks."""
    depth = max((len(c.path) for c in table.columns), default=0)
    rows = []
    for level in range(depth):
        row = ["科目编码", "科目名称"] if level == depth - 1 else ["", ""]
        previous: tuple[str, ...] | None = None
        for column in table.columns:
            prefix = column.path[: level + 1]
            label = column.path[level] if level < len(column.path) else ""
            row.append(label if prefix != previous and label else "")
            previous = prefix
        rows.append(row)
    return rows


def _body_rows(table: Table) -> list[tuple[list[str], bool]]:
    return [
        (
            [str(row.code) if row.code else row.key, row.name, *[cell.raw for cell in row.cells]],
            row.emphasis,
        )
        for row in table.rows
    ]


def to_tsv(table: Table) -> str:
    lines = ["\t".join(row) for row in _header_rows(table)]
    for cells, bold in _body_rows(table):
        lines.append("\t".join(f"<b>{c}</b>" if bold and c else c for c in cells))
    return "\n".join(lines)


def to_markdown(table: Table) -> str:
    header = _header_rows(table)
    width = len(header[0]) if header else len(table.columns) + 2
    lines = ["| " + " | ".join(row) + " |" for row in header]
    lines.insert(len(header), "|" + "---|" * width)
    for cells, bold in _body_rows(table):
        lines.append("| " + " | ".join(f"**{c}**" if bold and c else c for c in cells) + " |")
    return "\n".join(lines)


def to_html(table: Table) -> str:
    out = ["<table>"]
    for row in _header_rows(table):
        cells = []
        index = 0
        while index < len(row):
            span = 1
            while (
                index + span < len(row)
                and not row[index + span]
                and row[index]
                and index + span >= 2
            ):
                span += 1
            attribute = f' colspan="{span}"' if span > 1 else ""
            cells.append(f"<td{attribute}>{escape(row[index])}</td>")
            index += span
        out.append("<tr>" + "".join(cells) + "</tr>")
    for cells, bold in _body_rows(table):
        tds = "".join(
            f"<td><b>{escape(c)}</b></td>" if bold and c else f"<td>{escape(c)}</td>" for c in cells
        )
        out.append(f"<tr>{tds}</tr>")
    out.append("</table>")
    return "\n".join(out)


def to_aligned(table: Table) -> str:
    """Plain text with columns padded to a common display width, as PDF text tools print."""
    rows = [*_header_rows(table), *[cells for cells, _ in _body_rows(table)]]
    widths = [
        max(display_width(row[i]) for row in rows if i < len(row)) for i in range(len(rows[0]))
    ]
    return "\n".join(
        "  ".join(
            cell + " " * (widths[i] - display_width(cell)) for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    )
