"""
The front matter of a document.

Its title, year, kind, department, the dates it was approved and published, and
its contacts.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._outline import ORGANIZATION_END, SENTENCE, TABLE_NUMBER, is_contents_title
from ._text import MappedText, numbering
from .dates import Date
from .phrases import PhraseKind, read_phrase

if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._outline import LineText

_UNIT_TITLE = re.compile(r"单位(?:预算|决算)")
_DATE_LINE = 24  # the longest a line holding only a date is: 二〇二六年十二月三十一日
_SHORT_DATE_LINE = 16
_DATE_LIKE = re.compile(r"[0-9〇零一二三四五六七八九○Ｏ０-９]\s*年|[0-9]{4}[-/.][0-9]")
# 批复时间：2026年2月10日, possibly with 公开时间：… on the same line; a web page's
# 发布时间 or 更新时间 is when it was published.
_DATE_LABEL = re.compile(r"(?:^|(?<=\s))(批复|公开|发布|更新)(?:时间|日期)\s*[:：]")
_CONTACT_LABEL = re.compile(r"(联系人|联系电话|联系方式|电话)\s*[:：]")
_YEAR_WORDS = re.compile(r"[0-9０-９]{4}\s*年度?|[零〇一二三四五六七八九]{4}年度?")
_YEAR_ALONE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])")
# 2026年部门（单位）预算: what follows the department's name in a title.
_KIND_WORDS = re.compile(
    r"(?:[0-9０-９]{4}年度?|[零〇一二三四五六七八九]{4}年度?|年度)?(?:部门|单位)?"
    r"(?:[（(]单位[)）])?(?:预算|决算)"
)
_SPACE = re.compile(r"\s+")
# The department named on a line of its own under the title: 预算主管部门：上海市普陀区某某局.
_DEPARTMENT_LABEL = re.compile(
    r"^\s*(?:预算主管部门|主管部门|预算单位|部门名称|单位名称)\s*[:：]\s*(?P<name>[^\s:：，,。]{2,40})\s*$"
)
# Where a department would stand in a title, the level of government only: 上海市普陀区区级.
_LEVEL_ONLY = re.compile(r"(?:省|市|区|县|旗|州|镇|乡)级$")
_ORGANIZATION = re.compile(rf"{ORGANIZATION_END}$")
# How far under the title a labelled department may stand, in non-blank lines.
_DEPARTMENT_REACH = 6
_MOST_TITLE_LINES = 3


def _labelled(line: str, labels: re.Pattern[str]) -> list[tuple[str, int, int]]:
    """Each label of *line* with where its value starts and ends (at the next label)."""
    found = list(labels.finditer(line))
    values = []
    for index, match in enumerate(found):
        end = found[index + 1].start() if index + 1 < len(found) else len(line)
        values.append((match[1], match.end(), end))
    return values


def _date(line: LineText, start: int = 0, end: int | None = None) -> Date | None:
    """The date ``line.view.text[start:end]`` holds alone, or ``None``."""
    text = line.view.text[start:end]
    if not _DATE_LIKE.search(text):
        return None  # most lines: skip the grammar
    value = read_phrase(line.view, PhraseKind.DATE, start, end)
    return value if isinstance(value, Date) else None


def is_date_label(text: str) -> bool:
    """Whether a line starts with 批复时间 or 公开时间 (a metadata line, not a heading)."""
    return _DATE_LABEL.match(text) is not None


def is_metadata(text: str) -> bool:
    """Whether a line states a date of approval or publication, or a contact."""
    return is_date_label(text) or _CONTACT_LABEL.match(text) is not None


class Metadata:
    """The title page's facts, gathered line by line."""

    def __init__(self) -> None:
        self.approved: Date | None = None
        self.published: Date | None = None
        self.dated: Date | None = None
        self.contacts: list[tuple[str, str]] = []

    def read(self, line: LineText) -> None:
        """Note the facts a line states."""
        text = line.view.text
        dates = _labelled(text, _DATE_LABEL) if "时间" in text or "日期" in text else []
        for label, start, end in dates:
            if label == "批复":
                self.approved = self.approved or _date(line, start, end)
            else:
                self.published = self.published or _date(line, start, end)
        if not dates and len(line.text) <= _DATE_LINE:
            date = _date(line)
            if date is not None and date.day is not None:
                self.dated = self.dated or date
        if "联系" in text or "电话" in text:
            for label, start, end in _labelled(text, _CONTACT_LABEL):
                value = text[start:end].split("\t", 1)[0].strip()
                if value:
                    self.contacts.append((label, value))


def title_lines(lines: Sequence[LineText]) -> tuple[set[int], int | None]:
    """The title lines, and where the table of contents starts."""
    title: set[int] = set()
    for index, line in enumerate(lines):
        text = line.text
        if not text:
            continue
        if is_contents_title(text):
            return title, index
        if numbering(text).style is not None or TABLE_NUMBER.fullmatch(text):
            return title, None  # the body (or its first part, or a table) has begun
        if SENTENCE.search(text):
            return title, None  # prose
        if is_date_label(text) or _DEPARTMENT_LABEL.match(text):
            continue
        date = _date(line) if len(text) <= _SHORT_DATE_LINE else None
        if date is not None and date.month is not None:
            continue  # the date it was approved or published (2026年2月10日); 2026年 is title
        if len(title) >= _MOST_TITLE_LINES or (
            title and line.marked and not _KIND_WORDS.search(text)
        ):
            return title, None  # three lines, or a heading under the title
        title.add(index)
    return title, None


def department(title: str, lines: Sequence[LineText] = ()) -> str:
    """
    The department a document is about.

    The name before 部门预算 (or 单位决算 …) in the title, without the year, 关于
    or 说明; where the title names no department or only a level of government
    (``上海市普陀区区级``), the name labelled on a line of its own near the top
    (``预算主管部门：…``, ``预算单位：…``).
    """
    name = _SPACE.sub("", title).removeprefix("关于")
    after = ""
    if match := _KIND_WORDS.search(name):
        name, after = name[: match.start()], name[match.end() :]
    name = _YEAR_WORDS.sub("", name).removesuffix("的")
    if not name or _LEVEL_ONLY.search(name):
        # 上海市普陀区区级部门预算 ⏎ 2026年 ⏎ 上海市普陀区某某局: the name on a title line below.
        below = _YEAR_WORDS.sub("", after)
        return _labelled_department(lines) or (below if _ORGANIZATION.search(below) else name)
    return name


def _labelled_department(lines: Sequence[LineText]) -> str | None:
    seen = 0
    for line in lines:
        if not line.text.strip():
            continue
        if match := _DEPARTMENT_LABEL.match(line.text):
            return match["name"]
        seen += 1
        if seen >= _DEPARTMENT_REACH:
            return None
    return None


def year(title: str) -> int | None:
    """The fiscal year a title names."""
    match = _YEAR_WORDS.search(title)
    if match is None:
        # 年度部门决算 with its year on the next line: 2024 alone.
        alone = _YEAR_ALONE.search(title) if "年度" in title else None
        return int(alone[1]) if alone else None
    found = read_phrase(MappedText.copy(match[0]), PhraseKind.DATE)
    return found.year if isinstance(found, Date) else None


def is_final(title: str) -> bool:
    """Whether a title names a 决算 (final accounts) rather than a 预算."""
    return "决算" in title


def is_unit(title: str) -> bool:
    """Whether a title names one unit's disclosure (单位预算) rather than a department's."""
    return _UNIT_TITLE.search(title) is not None and "部门" not in title
