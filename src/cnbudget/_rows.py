"""
Read a table row's code, name and role from its cells.

Tables print codes whole (``2080505``), one column per level (``208 | 05 | 05``),
as a part indented under the rows above (`` | 05``) or glued to the name
(``05 机关事业单位基本养老保险缴费支出``). Code trees and tables read rows the same way.
A row's name says whether it is a total (合计, 总计, 收入总计 …) or a subtotal (小计).
"""

from __future__ import annotations

import re

from .codes import Code, code_of

# A code part glued to its name in one cell: "05 机关事业单位…", "201 一般公共服务支出".
_GLUED = re.compile(r"([0-9]{2}|[1235][0-9]{2}(?:[0-9]{2}){0,3})[ \u3000]+(\S.*)")
_TOTAL = re.compile(
    r"(?:[一二三四五六七八九十]+、)?(?:本年)?(?:收入|支出|人员经费|公用经费|基本支出|项目支出)?"
    r"(?:合计|总计)[:：]?"
)
# A whole code printed with spaces between its parts, in one cell: 208 05 05.
_SPACED_CODE = re.compile(r"[1235][0-9]{2}(?:[ \u3000]+[0-9]{2}){1,3}")
# What starts an item of its own rather than carrying on a wrapped name: 2., 一、, （一）, 其中.
NEW_ITEM = re.compile(
    r"(?:[0-9]+[.．、]|[一二三四五六七八九十]+、|[（(][0-9一二三四五六七八九十]+[)）]|其中)"
)
_SUBTOTAL = frozenset({"小计", "其中：小计"})
_SPACE = re.compile(r"\s+")


def is_total(name: str) -> bool:
    """Whether a row named *name* is a total (合计, 总计, 本年收入合计, 三、支出总计 …)."""
    return _TOTAL.fullmatch(_SPACE.sub("", name)) is not None


def is_subtotal(name: str) -> bool:
    """Whether a row named *name* is a subtotal (小计)."""
    return _SPACE.sub("", name) in _SUBTOTAL


def could_be_code(cell: str) -> bool:
    """A part below 类 (two digits) or a whole code; not a 序号 or 单位代码 (028001)."""
    if not cell.isascii() or not cell.isdigit():
        return False
    return len(cell) == 2 or (len(cell) in {3, 5, 7, 9} and cell[0] in "1235")  # noqa: PLR2004


Split = tuple[list[tuple[int, str]], str, list[str]]


def split_row(cells: list[str]) -> Split:
    """The code parts (column, digits), the name and the value cells of a row."""
    parts: list[tuple[int, str]] = []
    for index, cell in enumerate(cells):
        if could_be_code(cell):
            parts.append((index, cell))
        elif spaced := _SPACED_CODE.fullmatch(cell):
            parts.append((index, spaced[0].replace(" ", "").replace("\u3000", "")))  # 208 05 05
        elif cell:
            glued = _GLUED.fullmatch(cell)
            if glued:
                parts.append((index, glued[1]))
            return parts, (glued[2] if glued else cell), cells[index + 1 :]
    return parts, "", []


def complete_code(parts: list[tuple[int, str]], context: list[str]) -> Code | None:
    """The full code of a row's parts, taking missing levels from *context*."""
    column, digits = parts[-1]
    written = [d for _, d in parts]
    if len(written) > 1 and len(written[0]) == 3 and all(len(d) == 2 for d in written[1:]):  # noqa: PLR2004
        return code_of("".join(written))  # one column per level: 208 | 05 | 05
    # Otherwise only the last part counts: a 序号 before a code is not a level.
    code = code_of(digits)
    if code is None and len(digits) == 2 and 0 < column <= len(context):  # noqa: PLR2004
        # The column a part sits in is its level (类 | 款 | 项): take the levels above.
        code = code_of("".join(context[:column]) + digits)
    return code
