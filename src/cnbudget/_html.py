"""
HTML for notebooks: what ``_repr_html_`` of tables, trees, documents and reports is built from.

Only strings come in, so that every layer may use it without importing the others.
Problems are shown, not hidden: a cell or line with a diagnostic or finding is
coloured by its severity and carries the message as its tooltip.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# Scoped to .cnbudget so that a notebook's own styles are left alone.
_STYLE = (
    "<style>"
    ".cnbudget table{border-collapse:collapse;font-size:0.9em}"
    ".cnbudget th,.cnbudget td{border:1px solid #ccc;padding:2px 6px}"
    ".cnbudget td.n{text-align:right;font-variant-numeric:tabular-nums}"
    ".cnbudget .error{background:#f8d0d0}"
    ".cnbudget .warning{background:#fbeec0}"
    ".cnbudget .info{background:#e4ecf8}"
    ".cnbudget .total{font-weight:bold}"
    ".cnbudget caption{text-align:left;font-weight:bold}"
    "</style>"
)


class Cell(NamedTuple):
    """One cell to show: its text, whether it is a number, and its problem if any."""

    text: str
    number: bool = False
    severity: str = ""  # "error", "warning" or "info"
    problem: str = ""


def block(*parts: str) -> str:
    """The parts inside one styled ``div``."""
    return f'<div class="cnbudget">{_STYLE}{"".join(parts)}</div>'


def heading(text: str) -> str:
    return f"<p><b>{escape(text)}</b></p>"


def facts(items: Iterable[tuple[str, str]]) -> str:
    """Labelled values, as a two-column table."""
    rows = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in items)
    return f"<table>{rows}</table>"


def grid(
    caption: str,
    header: Sequence[Sequence[tuple[str, int, int]]],
    body: Sequence[tuple[Sequence[Cell], str]],
) -> str:
    """
    A table: *header* rows of (label, colspan, rowspan); *body* rows of cells and a row class.

    A row class is ``"total"``, a severity, or ``""``.
    """
    out = [f"<table><caption>{escape(caption)}</caption>"]
    for labels in header:
        ths = "".join(
            f"<th{_span('colspan', wide)}{_span('rowspan', tall)}>{escape(label)}</th>"
            for label, wide, tall in labels
        )
        out.append(f"<tr>{ths}</tr>")
    for cells, kind in body:
        out.append(f'<tr class="{kind}">' if kind else "<tr>")
        out.extend(_cell(cell) for cell in cells)
        out.append("</tr>")
    out.append("</table>")
    return "".join(out)


def _span(name: str, count: int) -> str:
    return f' {name}="{count}"' if count > 1 else ""


def _cell(cell: Cell) -> str:
    classes = " ".join(c for c in ("n" if cell.number else "", cell.severity) if c)
    attributes = f' class="{classes}"' if classes else ""
    if cell.problem:
        attributes += f' title="{escape(cell.problem)}"'
    return f"<td{attributes}>{escape(cell.text)}</td>"


def items(entries: Iterable[tuple[str, str]], *, summary: str, limit: int = 200) -> str:
    """A folded list of (severity, text) lines, each coloured by its severity."""
    lines = list(entries)
    shown = "".join(
        f'<li class="{severity}">{escape(text)}</li>' for severity, text in lines[:limit]
    )
    more = f"<li>… {len(lines) - limit} more</li>" if len(lines) > limit else ""
    return f"<details><summary>{escape(summary)}</summary><ul>{shown}{more}</ul></details>"


def tree(nodes: Iterable[tuple[int, str, str, str]]) -> str:
    """Nested lines of (depth, text, severity, problem): an indented list."""
    out = ["<table>"]
    for depth, text, severity, problem in nodes:
        attributes = f' class="{severity}"' if severity else ""
        if problem:
            attributes += f' title="{escape(problem)}"'
        pad = depth * 1.5
        out.append(f'<tr><td{attributes} style="padding-left:{pad}em">{escape(text)}</td></tr>')
    out.append("</table>")
    return "".join(out)
