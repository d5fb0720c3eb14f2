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


def _plain_header(table: Table, labels: tuple[str, ...]) -> list[str]:
    """The header as PDF text prints it: each header row's labels once, apart by spaces."""
    depth = max((len(c.path) for c in table.columns), default=0)
    lines = []
    for level in range(depth):
        words: list[str] = [*labels] if level == 0 else []
        previous: tuple[str, ...] | None = None
        for column in table.columns:
            prefix = column.path[: level + 1]
            if level < len(column.path) and prefix != previous:
                words.append(column.path[level])
            previous = prefix
        lines.append(" ".join(words))
    return lines


def _wrap(name: str, width: int | None) -> tuple[str, str]:
    """A name cut where it passes *width* display columns: what fits, and the rest."""
    if width is None or display_width(name) <= width:
        return name, ""
    cut = 0
    while display_width(name[: cut + 1]) <= width:
        cut += 1
    return name[:cut], name[cut:]


def to_plain(
    table: Table, *, wrap: int | None = None, around: bool = False, split_codes: bool = True
) -> str:
    """
    The table as plain PDF text: cells apart by one space, empty cells gone.

    Codes are printed one part per column (``208 05 05``) when *split_codes*; a
    name longer than *wrap* display columns goes on after its row (``…缴`` /
    ``费支出``), or, with *around*, one piece above and one below a line that
    prints the code and figures alone, as PDF text gives a two-line cell whose
    figures sit in its middle.
    """
    coded = any(row.code for row in table.rows)
    lines = _plain_header(table, ("科目编码", "科目名称") if coded else ("项目",))
    for row in table.rows:
        code = ""
        if row.code:
            code = " ".join(row.code.parts) if split_codes else str(row.code)
        figures = [cell.raw for cell in row.cells if cell.raw]
        first, rest = _wrap(row.name, wrap)
        if rest and around:
            lines.append(first)
            lines.append(" ".join(part for part in (code, *figures) if part))
            lines.append(rest)
            continue
        lines.append(" ".join(part for part in (code, row.key, first, *figures) if part))
        if rest:
            lines.append(rest)
    return "\n".join(lines)


def to_space_tab(table: Table, *, page_rows: int | None = None) -> str:
    """Another tool's text: cells joined by space + TAB, empty ones dropped, page-break lines."""
    coded = any(row.code for row in table.rows)
    header = _plain_header(table, ("科目编码", "科目名称") if coded else ("项目",))
    lines = [line.replace(" ", " \t") for line in header]
    for number, row in enumerate(table.rows):
        if page_rows and number and number % page_rows == 0:
            lines.append("-- PAGE_BREAK --")
        parts = [*(row.code.parts if row.code else ()), row.key, row.name]
        parts += [cell.raw for cell in row.cells]
        lines.append(" \t".join(part for part in parts if part))
    return "\n".join(lines)


def wrap_prose(text: str, width: int = 38) -> str:
    """
    Every line of prose broken at *width* characters, as PDF text breaks it at the page width.

    Table rows (tabs, pipes, HTML) and short lines are left alone.
    """
    lines = []
    for line in text.split("\n"):
        if len(line) <= width or "\t" in line or "|" in line or "<" in line or "。" not in line:
            lines.append(line)
            continue
        lines.extend(line[i : i + width] for i in range(0, len(line), width))
    return "\n".join(lines)
