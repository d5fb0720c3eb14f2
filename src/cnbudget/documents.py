r"""
A whole disclosure: its outline, metadata, tables and prose, every line accounted for.

:func:`parse_document` never raises on any text (unless ``strict=True``): what
it could not read becomes an :class:`Unparsed` element or a
:class:`~cnbudget.diagnostics.Diagnostic`. Every non-blank line of the input
belongs to exactly one element of :attr:`Document.elements` (the 收入 and 支出 sides
of a two-sided table are two elements over the same lines).

>>> doc = parse_document(
...     "2026 年度某某局部门预算公开\n批复时间：2026 年 2 月 10 日\n"
...     "第一部分 部门概况\n一、主要职能\n负责全市医疗保障工作。\n"
... )
>>> doc.title, doc.year, doc.department, str(doc.approved)
('2026 年度某某局部门预算公开', 2026, '某某局', '2026年2月10日')
>>> [(h.number, h.text, h.level) for h in doc.headings]
[('第一部分', '部门概况', 1), ('一、', '主要职能', 2)]
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from typing import TYPE_CHECKING, TypeVar

import attrs

from ._numbering import numbering
from .amounts import Amount
from .dates import Date, parse_date
from .diagnostics import Diagnostic, Severity
from .errors import InvalidDocument, ParseError
from .facts import Fact, find_facts
from .phrases import Phrase, find_phrases
from .references import DocumentReference, find_references
from .spans import Span
from .tables import Table, TableKind, find_tables

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

_P = TypeVar("_P", bound="Phrase")

__all__ = [
    "Document",
    "Heading",
    "Paragraph",
    "Section",
    "TocEntry",
    "Unparsed",
    "parse_document",
]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen
class Heading:
    """
    A heading: ``第一部分 部门概况``, ``一、主要职能``, ``（一）部门职能``, ``## 表 1``.

    Attributes:
        text: The heading without its number or markup.
        number: The number as printed (``第一部分``, ``一、``, ``（1）``), or ``""``.
        ordinal: The number as an integer, if it has one.
        style: The numbering style: ``part``, ``cn``, ``cn_paren``, ``arabic``,
            ``arabic_paren``; ``h1``…``h6`` for an unnumbered heading marked by markdown
            ``#``…``######`` or HTML ``<h1>``…``<h6>``, ``bold`` for one marked by ``**``/``<b>``;
            ``caption`` for a table's caption, ``toc`` for the 目录 line.
        level: Its depth in the outline, 1 for the top, inferred from the order
            the numbering styles nest in (a style new to the document does not nest
            under one that usually ranks below it: 一、 under 1.).
        span: Where the line lies in the text.
    """

    text: str
    number: str
    ordinal: int | None
    style: str
    level: int
    span: Span = attrs.field(eq=False)


@attrs.frozen
class TocEntry:
    """
    An entry of the table of contents (目录).

    Attributes:
        text: The entry without its number, markup or dotted leader.
        number: The number as printed, or ``""``.
        matched: Whether a heading of the body carries the same text.
        span: Where the line lies in the text.
    """

    text: str
    number: str
    matched: bool
    span: Span = attrs.field(eq=False)


@attrs.frozen
class Paragraph:
    """
    A line of prose with the phrases found in it.

    Attributes:
        text: The line without markup at its ends.
        phrases: Its amounts, percentages, changes, quantities and dates, with
            spans into the document.
        span: Where the line lies in the text.
    """

    text: str
    phrases: tuple[Phrase, ...]
    span: Span = attrs.field(eq=False)


@attrs.frozen
class Unparsed:
    """A line that could not be read, with the reason."""

    text: str
    reason: str
    span: Span = attrs.field(eq=False)


Element = Heading | TocEntry | Paragraph | Table | Unparsed


@attrs.frozen
class Section:
    """
    A part of the outline: a heading, what follows it, and the sections below.

    Attributes:
        heading: The heading, or ``None`` for what comes before the first one.
        paragraphs: The prose directly under the heading.
        tables: The tables directly under the heading.
        children: The sections one level down, in order.
    """

    heading: Heading | None
    paragraphs: tuple[Paragraph, ...] = ()
    tables: tuple[Table, ...] = ()
    children: tuple[Section, ...] = ()

    @property
    def span(self) -> Span | None:
        """From the heading to the end of the last thing under it; ``None`` if empty."""
        spans = [self.heading.span] if self.heading else []
        spans += [p.span for p in self.paragraphs]
        spans += [t.span for t in self.tables if t.span is not None]
        spans += [c.span for c in self.children if c.span is not None]
        if not spans:
            return None
        return Span(min(s.start for s in spans), max(s.end for s in spans))

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class Document:
    """
    A parsed disclosure.

    Attributes:
        title: The title lines before the table of contents or the first part.
        year: The fiscal year the title names.
        kind: ``预算`` or ``决算``.
        scope: ``部门`` (a department with its units) or ``单位`` (one unit).
        department: The department the title names.
        approved: The date after 批复时间, if printed.
        published: The date after 公开时间, if printed.
        dated: A date line standing alone (``二零二六年四月二十四日``), if any.
        contacts: 联系人 and 联系电话 as printed.
        outline: The root section; its children are the top-level parts.
        toc: The table of contents.
        tables: Every table.
        references: Every document number (文号) cited.
        facts: Every labelled figure of the headings and prose, with the headings above it;
            :attr:`totals`, :attr:`three_public`, :attr:`operating_costs`, :attr:`procurement`
            and :attr:`assets` pick the standard ones.
        elements: What every non-blank line is, in document order.
        diagnostics: What could not be read or looks wrong.
    """

    title: str
    year: int | None
    kind: str
    scope: str
    department: str
    approved: Date | None
    published: Date | None
    dated: Date | None
    contacts: tuple[tuple[str, str], ...]
    outline: Section
    toc: tuple[TocEntry, ...]
    tables: tuple[Table, ...]
    references: tuple[DocumentReference, ...]
    facts: tuple[Fact, ...]
    elements: tuple[Element, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def units(self) -> list[str]:
        """The budget units of the 单位情况表 (预算单位构成), by name."""
        return [
            row.name for table in self.tables if table.kind is TableKind.UNITS for row in table.rows
        ]

    @property
    def totals(self) -> list[Fact]:
        """Amounts labelled 总计, 合计 or 总额, outside the sections on particular spending."""
        return [
            f
            for f in self.facts
            if isinstance(f.value, Amount)
            and _TOTAL.search(f.label)
            and not any(_PARTICULAR.search(c) for c in f.context)
        ]

    @property
    def three_public(self) -> list[Fact]:
        """Figures of “三公”经费, in a section about them or labelled with them."""
        return self._about(_THREE_PUBLIC)

    @property
    def operating_costs(self) -> list[Fact]:
        """Figures of 机关运行经费 (also printed 机构运行经费)."""
        return self._about(_OPERATING)

    @property
    def procurement(self) -> list[Fact]:
        """Figures of 政府采购."""
        return self._about(_PROCUREMENT)

    @property
    def assets(self) -> list[Fact]:
        """Figures of 国有资产占用 (vehicles, equipment, buildings)."""
        return self._about(_ASSETS)

    def _about(self, topic: re.Pattern[str]) -> list[Fact]:
        return [
            f
            for f in self.facts
            if topic.search(f.label) or any(topic.search(c) for c in f.context)
        ]

    @property
    def headings(self) -> list[Heading]:
        """Every heading of the body, in order."""
        return [e for e in self.elements if isinstance(e, Heading)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph, in order."""
        return [e for e in self.elements if isinstance(e, Paragraph)]

    @property
    def phrases(self) -> list[Phrase]:
        """Every phrase of the prose, in order."""
        return [p for paragraph in self.paragraphs for p in paragraph.phrases]


# ---------------------------------------------------------------- headings

_MARKUP = re.compile(r"^#{1,6}\s+|\*\*|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
# Markup that makes a short line a heading: markdown #, bold, HTML <h1>…<h6>.
_HEADING_MARKUP = re.compile(r"^#{1,6}\s|\*\*|</?(?:b|strong|h[1-6])\b", re.IGNORECASE)
# Prose, not a heading: a sentence, or figures.
_SENTENCE = re.compile(r"[。；;]|[0-9]\s*(?:万元|元|%)")
_LONGEST_HEADING = 40
_TABLE_NUMBER = re.compile(r"^表\s*[0-9一二三四五六七八九十]+\s*$")
_PAGE_NUMBER = re.compile(r"(?<=\S)\s+[0-9]{1,3}$")  # 第一部分 部门概况 1
_TOC = re.compile(r"^目\s*录$")
_LEADER = re.compile(r"[.…·．]{2,}\s*[0-9]*$")


def _strip(line: str) -> tuple[str, bool]:
    """A line without markdown and HTML markup, and whether it had heading markup."""
    stripped = line.strip()
    text = _MARKUP.sub("", stripped).strip()
    text = re.sub(r"^[-*]\s+", "", text)  # a markdown list item
    return text, _HEADING_MARKUP.search(stripped) is not None


def _heading_parts(line: str) -> tuple[str, str, int | None, str] | None:
    """The style, number, ordinal and text of a heading line, or ``None`` for prose."""
    text, marked = _strip(line)
    if not text or "\t" in line or _is_metadata(text):
        return None  # 批复时间：… in bold is still a date line
    style, number, ordinal, rest = numbering(text)
    if style == "part":
        return style, number, ordinal, rest
    # A comma makes a sentence of an unmarked line (a list item the PDF broke).
    short = len(rest) <= _LONGEST_HEADING and not _SENTENCE.search(rest)
    short = short and (marked or "，" not in rest)
    # 一、财政拨款：指… is a definition, not a heading; 项目名称：… in a heading is fine.
    short = short and not re.search(r"[:：]\s*指", rest)
    if style and short and rest:
        return style, number, ordinal, rest
    if not style and marked and short and text:
        return _markup_style(line), "", None, text
    return None


def _markup_style(line: str) -> str:
    """``h1``…``h6`` for markdown ``#`` and HTML ``<h1>``, ``bold`` for a bold line."""
    if match := re.match(r"\s*(#{1,6})\s|\s*<h([1-6])\b", line, re.IGNORECASE):
        return f"h{len(match[1]) if match[1] else match[2]}"
    return "bold"


# The usual order of numbering styles, from the top: a tie-breaker only, since
# documents skip styles and markup headings have no place in it.
_RANK = {"part": 0, "cn": 1, "cn_paren": 2, "arabic": 3, "arabic_paren": 4}


class _Levels:
    """Infer heading levels from the order numbering styles nest in."""

    def __init__(self) -> None:
        self.stack: list[str] = []

    def level(self, style: str) -> int:
        if style == "caption":
            return len(self.stack) + 1  # under the current heading, opening no level
        if style == "toc":
            self.stack = []  # the contents open no level the body would nest under
            return 1
        if style == "part":
            self.stack = [style]
        elif style in self.stack:
            del self.stack[self.stack.index(style) + 1 :]
        else:
            # A style new here: under the open ones, but not under a style that
            # conventionally ranks below it (一、 does not nest under 1.).
            rank = _RANK.get(style)
            while rank is not None and self.stack and _RANK.get(self.stack[-1], -1) >= rank:
                self.stack.pop()
            self.stack.append(style)
        return len(self.stack)


# ---------------------------------------------------------------- metadata

_UNIT_TITLE = re.compile(r"单位(?:预算|决算)")
_DATE_LINE = 24  # the longest a line holding only a date is: 二〇二六年十二月三十一日
_DATE_LIKE = re.compile(r"[0-9〇零一二三四五六七八九○Ｏ０-９]\s*年")
# 批复时间：2026年2月10日, possibly with 公开时间：… on the same line.
_DATE_VALUE = r"\s*[:：]\s*(.+?)(?=\s+(?:批复|公开)(?:时间|日期)|\s*$)"
_APPROVED = re.compile(rf"(?:^|(?<=\s))批复(?:时间|日期){_DATE_VALUE}")
_PUBLISHED = re.compile(rf"(?:^|(?<=\s))公开(?:时间|日期){_DATE_VALUE}")
_CONTACT_LABEL = r"(?:联系人|联系电话|联系方式|电话)"
_CONTACT = re.compile(
    rf"({_CONTACT_LABEL})\s*[:：]\s*(\S[^\t]*?)(?=\s*{_CONTACT_LABEL}\s*[:：]|\t|\s*$)"
)
_TOTAL = re.compile(r"总计|合计|总额|(?<!汇)总预算")
_THREE_PUBLIC = re.compile(r"三公")
_OPERATING = re.compile(r"(?:机关|机构)运行经费")
_PROCUREMENT = re.compile(r"政府采购")
_ASSETS = re.compile(r"国有资产")
# Sections on particular spending, whose 合计 is not the document's total.
_PARTICULAR = re.compile(
    "|".join(p.pattern for p in (_THREE_PUBLIC, _OPERATING, _PROCUREMENT, _ASSETS)) + "|项目|基金"
)
_TEMPLATE = re.compile(r"XX|ＸＸ|……|增加（减少）|增长（减少）|(?<![0-9.%\s])\s+万元")
_YEAR_WORDS = re.compile(r"[0-9０-９]{4}\s*年度?|[零〇一二三四五六七八九]{4}年度?")
# 2026年部门（单位）预算: what follows the department's name in a title.
_KIND_WORDS = re.compile(
    r"(?:[0-9０-９]{4}年度?|[零〇一二三四五六七八九]{4}年度?)?(?:部门|单位)?"
    r"(?:[（(]单位[)）])?(?:预算|决算)"
)


def _date(text: str) -> Date | None:
    if not _DATE_LIKE.search(text):
        return None  # most lines: skip the grammar and its error message
    try:
        value = parse_date(text.strip())
    except ParseError:
        return None
    return value if isinstance(value, Date) else None


def _located(date: Date | None, text: str, line: Span) -> Date | None:
    """*date* with its span in the document: where its source occurs on the line, else the line."""
    if date is None:
        return None
    found = text.find(date.source, line.start, line.end)
    where = Span(found, found + len(date.source)) if found >= 0 else line
    return attrs.evolve(date, span=where)


def _department(title: str) -> str:
    """The name before 部门预算 (or 单位决算 …), without the year, 关于 or 说明."""
    name = re.sub(r"^关于", "", re.sub(r"\s+", "", title))
    if match := _KIND_WORDS.search(name):
        name = name[: match.start()]
    return _YEAR_WORDS.sub("", name).removesuffix("的")


# ---------------------------------------------------------------- parsing


def parse_document(text: str, *, strict: bool = False) -> Document:
    """
    Parse a whole disclosure.

    Args:
        text: The document as plain text, markdown or text with HTML tables.
        strict: Raise on the first problem instead of reporting it.

    Raises:
        InvalidDocument: only with *strict*, at the first diagnostic.
    """
    document = _Parser(text).parse()
    if strict and document.diagnostics:
        first = document.diagnostics[0]
        span = first.span or Span(0, 0)
        message = f"{first.kind}: {first.message}"
        raise InvalidDocument(message, text=text, span=span)
    return document


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines: list[tuple[str, Span]] = []
        position = 0
        for line in text.split("\n"):
            content = line.rstrip("\r")  # CRLF files: the span ends before the \r
            self.lines.append((content, Span(position, position + len(content))))
            position += len(line) + 1
        self.starts = [span.start for _, span in self.lines]
        self.diagnostics: list[Diagnostic] = []
        self.metadata = _Metadata()
        self.phrases: dict[int, list[Phrase]] = {}  # by line start, with spans in the line

    def parse(self) -> Document:
        tables = find_tables(self.text)
        owner = self._table_lines(tables)
        captions = self._captions(tables, owner)
        title_lines, toc_start = self._front_matter()
        toc = self._toc(toc_start)
        elements: list[Element] = []
        placed: set[int] = set()
        levels = _Levels()
        title: list[str] = []
        for index, (line, span) in enumerate(self.lines):
            if not line.strip():
                continue
            if index in owner:
                # Both sides of a two-sided table share their lines: each is an element.
                elements.extend(tables[n] for n in owner[index] if n not in placed)
                placed.update(owner[index])
                continue
            if index in toc:
                elements.append(toc[index])
                continue
            stripped, _ = _strip(line)
            if index == toc_start or index in captions:
                style = "toc" if index == toc_start else "caption"
                elements.append(Heading(stripped, "", None, style, levels.level(style), span))
                continue
            if _is_binary(line):
                elements.append(Unparsed(stripped, "not text: control characters", span))
                self.diagnostics.append(
                    Diagnostic("unparsed-line", f"'{stripped[:20]}' is not text", span)
                )
                continue
            self.metadata.read(stripped, self.text, span)
            if index in title_lines:
                title.append(stripped)
            elif (parts := _heading_parts(line)) is not None:
                style, number, ordinal, rest = parts
                elements.append(Heading(rest, number, ordinal, style, levels.level(style), span))
                continue
            elements.append(self._paragraph(stripped, span))
        entries = tuple(_matched_toc(toc, elements))
        outline = _outline(elements)
        self.diagnostics.extend(_toc_missing(entries))
        self.diagnostics.extend(_toc_extra(entries, outline))
        meta, joined = self.metadata, " ".join(title)
        return Document(
            title=joined,
            year=_year(joined),
            kind="决算" if "决算" in joined else "预算",
            scope="单位" if _UNIT_TITLE.search(joined) and "部门" not in joined else "部门",
            department=_department(joined),
            approved=meta.approved,
            published=meta.published,
            dated=meta.dated,
            contacts=tuple(meta.contacts),
            outline=outline,
            toc=entries,
            tables=tuple(tables),
            references=tuple(find_references(self.text)),
            facts=tuple(self._facts(elements)),
            elements=tuple(elements),
            diagnostics=tuple(self.diagnostics + [d for t in tables for d in t.diagnostics]),
        )

    def _facts(self, elements: Sequence[Element]) -> Iterator[Fact]:
        trail: list[Heading] = []
        for element in elements:
            if not isinstance(element, (Heading, Paragraph)):
                continue
            if isinstance(element, Heading):
                while trail and trail[-1].level >= element.level:
                    trail.pop()
            context = tuple(h.text for h in trail)
            line = self.text[element.span.start : element.span.end]
            phrases = self.phrases.get(element.span.start)
            for fact in find_facts(line, context=context, phrases=phrases):
                yield _fact_in(fact, element.span.start, self.text)
            if isinstance(element, Heading) and element.style not in {"toc", "caption"}:
                trail.append(element)

    def _paragraph(self, stripped: str, span: Span) -> Paragraph:
        if leftover := _TEMPLATE.search(stripped):
            self.diagnostics.append(
                Diagnostic(
                    "template-leftover",
                    f"'{leftover[0].strip()}' is template text, not filled in: '{stripped[:30]}'",
                    span,
                    Severity.INFO,
                )
            )
        phrases = self.phrases[span.start] = list(find_phrases(self.text[span.start : span.end]))
        return Paragraph(stripped, tuple(_shift(p, span.start, self.text) for p in phrases), span)

    def _table_lines(self, tables: Sequence[Table]) -> dict[int, list[int]]:
        """Line index -> the tables whose span covers the line."""
        owner: dict[int, list[int]] = {}
        for number, table in enumerate(tables):
            if table.span is None:
                continue
            first = _line_of(self.starts, table.span.start)
            last = _line_of(self.starts, max(table.span.end - 1, table.span.start))
            for index in range(first, last + 1):
                owner.setdefault(index, []).append(number)
        return owner

    def _captions(self, tables: Sequence[Table], owner: dict[int, list[int]]) -> set[int]:
        """The lines that print a table's caption, just above the table."""
        found: set[int] = set()
        for table in tables:
            if not table.caption or table.span is None:
                continue
            first = _line_of(self.starts, table.span.start)
            for index in range(first - 1, max(first - 12, -1), -1):
                if index in owner:
                    break
                stripped = _strip(self.lines[index][0])[0]
                if stripped and _key(stripped) == _key(table.caption):
                    found.add(index)
                    break
        return found

    def _front_matter(self) -> tuple[set[int], int | None]:
        """The title lines, and where the table of contents starts."""
        title: set[int] = set()
        for index, (line, _) in enumerate(self.lines):
            stripped, marked = _strip(line)
            if not stripped:
                continue
            if _TOC.match(stripped.replace(" ", " ")):
                return title, index
            if numbering(stripped)[0] or _TABLE_NUMBER.match(stripped):
                return title, None  # the body (or its first part, or a table) has begun
            if _SENTENCE.search(stripped):
                return title, None  # prose
            if _APPROVED.match(stripped) or _PUBLISHED.match(stripped):
                continue
            if _date(stripped) is not None and len(stripped) <= 16:  # noqa: PLR2004
                continue
            if len(title) >= 3 or (title and marked and not _KIND_WORDS.search(stripped)):  # noqa: PLR2004
                return title, None  # three lines, or a heading under the title
            title.add(index)
        return title, None

    def _toc(self, start: int | None) -> dict[int, TocEntry]:
        """The entries of the table of contents by line."""
        entries: dict[int, TocEntry] = {}
        if start is None:
            return entries
        seen: set[tuple[str, str]] = set()
        for index in range(start + 1, len(self.lines)):
            line, span = self.lines[index]
            stripped, _ = _strip(line)
            if not stripped:
                continue
            stripped = _PAGE_NUMBER.sub("", _LEADER.sub("", stripped)).strip()
            _, number, _, rest = numbering(stripped)
            entry = (number, _key(rest))
            if entry in seen:
                return entries  # the body starts over with the first entry it repeats
            seen.add(entry)
            if len(stripped) > 60 or "\t" in line or _SENTENCE.search(stripped):  # noqa: PLR2004
                return entries  # prose: the body has begun
            entries[index] = TocEntry(rest, number, matched=False, span=span)
        return entries


class _Metadata:
    """The title page's facts, gathered line by line."""

    def __init__(self) -> None:
        self.approved: Date | None = None
        self.published: Date | None = None
        self.dated: Date | None = None
        self.contacts: list[tuple[str, str]] = []

    def read(self, line: str, text: str, span: Span) -> None:
        """Note the facts *line* (the markup-free text of *span*) states."""
        approved, published = _APPROVED.search(line), _PUBLISHED.search(line)
        if approved:
            self.approved = self.approved or _located(_date(approved[1]), text, span)
        if published:
            self.published = self.published or _located(_date(published[1]), text, span)
        if not (approved or published) and len(line) <= _DATE_LINE:
            date = _date(line)
            if date is not None and date.day is not None:
                self.dated = self.dated or _located(date, text, span)
        self.contacts.extend((m[1], m[2].strip()) for m in _CONTACT.finditer(line))


def _is_metadata(line: str) -> bool:
    return bool(_APPROVED.match(line) or _PUBLISHED.match(line) or _CONTACT.match(line))


def _year(title: str) -> int | None:
    match = _YEAR_WORDS.search(title)
    found = _date(match[0]) if match else None
    return found.year if found is not None else None


def _matched_toc(toc: dict[int, TocEntry], elements: Sequence[Element]) -> Iterator[TocEntry]:
    body = {_key(h.text) for h in elements if isinstance(h, Heading) and h.style != "toc"}
    body |= {_key(t.caption) for t in elements if isinstance(t, Table)}
    for entry in toc.values():
        key = _key(entry.text)
        yield attrs.evolve(entry, matched=bool(key) and any(key in b for b in body))


def _toc_missing(entries: Sequence[TocEntry]) -> Iterator[Diagnostic]:
    for entry in entries:
        if not entry.matched:
            yield Diagnostic(
                "toc-missing",
                f"the table of contents lists '{entry.text}', which no heading carries",
                entry.span,
                Severity.INFO,
            )


def _toc_extra(entries: Sequence[TocEntry], outline: Section) -> Iterator[Diagnostic]:
    """Headings the contents leave out while they list the headings beside them."""
    listed = [_key(entry.text) for entry in entries]

    def is_listed(heading: Heading) -> bool:
        key = _key(heading.text)
        return not key or any(entry and (entry in key or key in entry) for entry in listed)

    for section in outline.walk():
        headings = [c.heading for c in section.children if c.heading and c.heading.style != "toc"]
        if not any(is_listed(h) for h in headings):
            continue  # sub-items the contents do not go down to
        for heading in headings:
            if not is_listed(heading):
                yield Diagnostic(
                    "toc-extra",
                    f"'{heading.number}{heading.text}' is not in the table of contents",
                    heading.span,
                    Severity.INFO,
                )


def _is_binary(line: str) -> bool:
    """
    Whether *line* holds control or unassigned characters: not text a PDF tool printed.

    Form feeds (pdftotext's page breaks) and private-use glyphs are printed text.
    """
    return not line.isprintable() and any(
        unicodedata.category(c) in {"Cc", "Cs", "Cn"} and c not in "\t\r\f\v" for c in line
    )


def _fact_in(fact: Fact, offset: int, text: str) -> Fact:
    """*fact*, found in a line starting at *offset*, with every span into *text*."""
    return attrs.evolve(
        fact,
        value=_shift(fact.value, offset, text),
        changes=tuple(_shift(change, offset, text) for change in fact.changes),
        share=None if fact.share is None else _shift(fact.share, offset, text),
        span=None if fact.span is None else fact.span.shift(offset),
    )


def _key(text: str) -> str:
    """Text reduced for matching headings: no spaces, numbering or year."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return re.sub(r"[0-9]{4}年度?|[、，,.．:：]", "", numbering(text)[3])


def _line_of(starts: list[int], offset: int) -> int:
    return max(bisect.bisect_right(starts, offset) - 1, 0)


def _shift(phrase: _P, offset: int, text: str) -> _P:
    """*phrase*, found in a line starting at *offset*, with its spans and source in *text*."""
    from . import _grammar  # noqa: PLC0415

    return _grammar.locate(phrase, text, offset)


def _outline(elements: Sequence[Element]) -> Section:
    """Nest headings into sections by level; prose and tables go under the last one."""

    class Open:
        def __init__(self, heading: Heading | None) -> None:
            self.heading = heading
            self.paragraphs: list[Paragraph] = []
            self.tables: list[Table] = []
            self.children: list[Open] = []

        def close(self) -> Section:
            return Section(
                self.heading,
                tuple(self.paragraphs),
                tuple(self.tables),
                tuple(child.close() for child in self.children),
            )

    root = Open(None)
    stack: list[Open] = [root]
    for element in elements:
        if isinstance(element, Heading):
            while (
                len(stack) > 1
                and stack[-1].heading is not None
                and stack[-1].heading.level >= element.level
            ):
                stack.pop()
            section = Open(element)
            stack[-1].children.append(section)
            stack.append(section)
        elif isinstance(element, Paragraph):
            stack[-1].paragraphs.append(element)
        elif isinstance(element, Table):
            stack[-1].tables.append(element)
    return root.close()
