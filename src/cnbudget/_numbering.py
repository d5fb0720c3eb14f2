"""How headings and list items are numbered: 第一部分, 一、, （一）, 1., （1）."""

from __future__ import annotations

import re

from .numerals import cn_to_decimal

_CN = "一二三四五六七八九十"
# Each style with its pattern; the group is the number.
_STYLES = [
    ("part", re.compile(rf"^第([{_CN}]+)部分\s*")),
    ("cn", re.compile(rf"^([{_CN}]+)\s*、\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{_CN}]+)\s*[)）]\s*")),
    ("arabic", re.compile(r"^([0-9]{1,2})\s*[.．、](?![0-9])\s*")),
    ("arabic_paren", re.compile(r"^[（(]\s*([0-9]{1,2})\s*[)）]\s*")),
]


def numbering(text: str) -> tuple[str, str, int | None, str]:
    """The style, number as printed, ordinal and rest of a numbered line; style "" if none."""
    for style, pattern in _STYLES:
        if match := pattern.match(text):
            try:
                ordinal = int(match[1]) if match[1].isdigit() else int(cn_to_decimal(match[1]))
            except ValueError:
                continue  # 十十、: not a number, so not numbering
            return style, match[0].strip(), ordinal, text[match.end() :].strip()
    return "", "", None, text
