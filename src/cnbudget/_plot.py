"""
Pictures of a document, for :meth:`cnbudget.documents.Document.plot` (the ``plot`` extra).

Only plain data comes in: labels and numbers, already chosen by the document.
The figure is a :class:`matplotlib.figure.Figure` made without pyplot, so it holds
no global state and draws on machines with no display.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Fonts with 汉字, most common first; matplotlib falls back along the list.
_CJK_FONTS = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "Arial Unicode MS",
    "DejaVu Sans",
]
_UP, _DOWN = "#c0392b", "#2e86c1"  # red up, blue down, as Chinese charts colour them


def figure(
    title: str,
    spending: Sequence[tuple[str, float]],
    spending_caption: str,
    changes: Sequence[tuple[str, float, str]],
    unit: str,
) -> Figure:
    """Two panels: *spending* by 类 as bars; *changes* (label, signed amount, note) diverging."""
    try:
        from matplotlib import rc_context  # noqa: PLC0415 -- an optional extra
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError:
        msg = "Document.plot() needs matplotlib: pip install 'cnbudget[plot]'"
        raise ImportError(msg) from None
    with rc_context({"font.family": "sans-serif", "font.sans-serif": _CJK_FONTS}):
        rows = max(len(spending), len(changes), 3)
        fig = Figure(figsize=(12, 1.5 + 0.35 * rows), layout="constrained")
        left, right = fig.subplots(1, 2)
        fig.suptitle(title)
        if spending:
            _bars(left, spending, [(value, "#5d6d7e", "") for _, value in spending])
            left.set_xlabel(unit)
            left.set_title(spending_caption)
        else:
            _nothing(left, "no table of spending by 类")
        if changes:
            shown = [(value, _UP if value >= 0 else _DOWN, note) for _, value, note in changes]
            _bars(right, [(label, value) for label, value, _ in changes], shown)
            right.axvline(0, color="black", linewidth=0.8)
            right.margins(x=0.3)  # room for the notes beside the longest bars
            right.set_xlabel(f"change on the year before ({unit})")
            right.set_title("year-on-year changes stated in the text")
        else:
            _nothing(right, "no year-on-year change stated")
    return fig


def _bars(
    axes: Axes, labels: Sequence[tuple[str, float]], bars: Sequence[tuple[float, str, str]]
) -> None:
    """One horizontal bar per label, top down; by position, so two equal labels stay two bars."""
    positions = range(len(labels))
    drawn = axes.barh(positions, [value for value, _, _ in bars], color=[c for _, c, _ in bars])
    axes.set_yticks(list(positions), [label for label, _ in labels])
    if any(note for _, _, note in bars):
        axes.bar_label(drawn, labels=[note for _, _, note in bars], padding=3, fontsize="small")
    axes.invert_yaxis()  # the first on top, as the document prints them


def _nothing(axes: Axes, message: str) -> None:
    axes.text(0.5, 0.5, message, ha="center", va="center")
    axes.set_axis_off()
