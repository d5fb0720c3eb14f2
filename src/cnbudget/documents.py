r"""
A whole disclosure: its outline, metadata, tables and prose, every line accounted for.

:func:`parse_document` never raises on any text (unless ``strict=True``): what
it could not read becomes an :class:`Unparsed` element or a
:class:`~cnbudget.diagnostics.Diagnostic`. Every non-blank line of the input
belongs to exactly one element of :attr:`Document.elements` (the 收入 and 支出 sides
of a two-sided table are two elements over the same lines). A line of HTML that holds
several blocks counts as the lines a browser shows: it is cut before ``<table>`` and
after ``</table>``, and a long one (a page minified onto one line) also before its
``<p>``, ``<h1>``…``<h6>``, ``<div>``, ``<li>`` and ``<tr>`` tags.

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
import collections
import enum
import itertools
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from . import _front_matter, _html, _plot
from ._fiscal import FIELDS, budget_lines, write_package
from ._outline import (
    EMPTY_TABLE,
    SENTENCE,
    LineText,
    alike_keys,
    heading_parts,
    is_table_row,
    loose_key,
    read_contents,
    read_line,
    same_key,
)
from ._table_plain import is_caption_line
from ._table_values import unit_line
from ._text import (
    LineMap,
    MappedText,
    Nesting,
    NumberingStyle,
    heading_key,
    is_page_furniture,
    numbering,
)
from .amounts import Amount, Percentage, Unit
from .changes import Change
from .codes import Level
from .diagnostics import Diagnostic, DiagnosticKind, Severity
from .errors import InvalidDocument
from .facts import Fact, facts_in
from .phrases import Phrase, located_phrases
from .references import DocumentReference, find_references
from .spans import Span
from .tables import Table, TableKind, find_tables

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator, Sequence

    import pandas as pd
    from matplotlib.figure import Figure

    from ._text import Line
    from .dates import Date

__all__ = [
    "Document",
    "DocumentKind",
    "Heading",
    "HeadingStyle",
    "Paragraph",
    "Scope",
    "Section",
    "TocEntry",
    "Unparsed",
    "parse_document",
]

# Rows of plain PDF text: how many non-blank lines under a unit line are looked at
# before the first row, and how many rows make a table.
_UNREAD_REACH = 6
_FEWEST_UNREAD_ROWS = 2


def __dir__() -> list[str]:
    return __all__


class HeadingStyle(str, enum.Enum):
    """How a heading is marked: its numbering, or markup, or what it heads."""

    PART = "part"  #: 第一部分
    CHINESE = "cn"  #: 一、
    CHINESE_PAREN = "cn_paren"  #: （一）
    ARABIC = "arabic"  #: 1.
    ARABIC_PAREN = "arabic_paren"  #: （1）
    CIRCLED = "circled"  #: ①
    H1 = "h1"  #: markdown ``#``, HTML ``<h1>``
    H2 = "h2"  #: markdown ``##``, HTML ``<h2>``
    H3 = "h3"  #: …
    H4 = "h4"
    H5 = "h5"
    H6 = "h6"
    BOLD = "bold"  #: a short line in bold (``**…**``, ``<b>``)
    CAPTION = "caption"  #: a table's caption
    CONTENTS = "toc"  #: the 目录 line
    LISTED = "listed"  #: an unmarked line the 目录 lists as a heading (reworded, unnumbered)

    def __str__(self) -> str:
        return self.value


class DocumentKind(str, enum.Enum):
    """Whether a disclosure is a budget or the final accounts."""

    BUDGET = "预算"
    FINAL = "决算"

    def __str__(self) -> str:
        return self.value


class Scope(str, enum.Enum):
    """Whose disclosure it is."""

    DEPARTMENT = "部门"  #: a department with its units
    UNIT = "单位"  #: one unit

    def __str__(self) -> str:
        return self.value


@attrs.frozen
class Heading:
    """
    A heading: ``第一部分 部门概况``, ``一、主要职能``, ``（一）部门职能``, ``## 表 1``.

    Attributes:
        text: The heading without its number or markup.
        number: The number as printed (``第一部分``, ``一、``, ``（1）``), or ``""``.
        ordinal: The number as an integer, if it has one.
        style: How it is marked: its numbering style, a markup style for an
            unnumbered heading, or :attr:`HeadingStyle.CAPTION` for a table's
            caption, :attr:`HeadingStyle.CONTENTS` for the 目录 line.
        level: Its depth in the outline, 1 for the top, inferred from the order
            the numbering styles nest in (a style new to the document does not nest
            under one that usually ranks below it: 一、 under 1.).
        span: Where the line lies in the text.
    """

    text: str
    number: str
    ordinal: int | None
    style: HeadingStyle = attrs.field(converter=HeadingStyle)
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


@attrs.frozen(repr=False)
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

    def __repr__(self) -> str:
        more = "…" if len(self.text) > 30 else ""  # noqa: PLR2004
        return f"<Paragraph {self.text[:30]!r}{more}: {len(self.phrases)} phrases>"


@attrs.frozen
class Unparsed:
    """A line that could not be read, with the reason."""

    text: str
    reason: str
    span: Span = attrs.field(eq=False)


Element = Heading | TocEntry | Paragraph | Table | Unparsed


@attrs.frozen(repr=False)
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

    def __repr__(self) -> str:
        title = f"{self.heading.number}{self.heading.text}" if self.heading else "(top)"
        return (
            f"<Section {title!r}: {len(self.paragraphs)} paragraphs, {len(self.tables)} tables, "
            f"{len(self.children)} sections>"
        )

    def walk(self) -> Iterator[Section]:
        """This section and every section below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    @classmethod
    def from_elements(cls, elements: Sequence[Element]) -> Section:
        """
        The outline of a document's elements (what :attr:`Document.outline` holds).

        Headings nest by level; prose and tables go under the heading above them.
        """

        class Open:
            def __init__(self, heading: Heading | None) -> None:
                self.heading = heading
                self.paragraphs: list[Paragraph] = []
                self.tables: list[Table] = []
                self.children: list[Open] = []

            def close(self) -> Section:
                return cls(
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


@attrs.frozen(repr=False)
class Document:
    """
    A parsed disclosure.

    Attributes:
        title: The title lines before the table of contents or the first part.
        year: The fiscal year the title names.
        kind: 预算 (a budget) or 决算 (final accounts).
        scope: 部门 (a department with its units) or 单位 (one unit).
        department: The department the title names.
        approved: The date after 批复时间, if printed.
        published: The date after 公开时间 (a web page's 发布时间 or 更新时间), if printed.
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
    kind: DocumentKind = attrs.field(converter=DocumentKind)
    scope: Scope = attrs.field(converter=Scope)
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

    def __repr__(self) -> str:
        year = f"{self.year} " if self.year else ""
        name = f" {self.department}" if self.department else ""
        return (
            f"<Document {year}{self.kind}{name}: {len(self.tables)} tables, "
            f"{len(self.facts)} facts, {len(self.diagnostics)} diagnostics>"
        )

    def _repr_html_(self) -> str:
        """The document as a notebook shows it: what it is, its tables, its diagnostics."""
        about = [
            ("title", self.title),
            ("year", str(self.year or "")),
            ("kind", f"{self.kind} ({self.scope})"),
            ("department", self.department),
            ("facts", f"{len(self.facts)} labelled figures"),
        ]
        body = [
            (
                [
                    _html.Cell(str(number)),
                    _html.Cell(table.caption),
                    _html.Cell(table.kind.value),
                    _html.Cell(table.unit.value if table.unit else ""),
                    _html.Cell(f"{len(table.rows)}×{len(table.columns)}", number=True),
                    _html.Cell(
                        str(len(table.diagnostics)) if table.diagnostics else "",
                        number=True,
                        severity=_worst(table.diagnostics),
                    ),
                ],
                "",
            )
            for number, table in enumerate(self.tables, start=1)
        ]
        header = [
            [(label, 1, 1) for label in ("", "caption", "kind", "unit", "size", "diagnostics")]
        ]
        diagnostics = _html.items(
            ((d.severity.value, f"{d.kind}: {d.message}") for d in self.diagnostics),
            summary=f"{len(self.diagnostics)} diagnostics",
        )
        return _html.block(
            _html.heading(repr(self)),
            _html.facts(about),
            _html.grid(f"{len(self.tables)} tables", header, body),
            diagnostics,
        )

    def plot(self) -> Figure:
        """
        A picture of the document: spending by 类, and the year-on-year changes its text states.

        The left panel draws the first column (合计) of the 类 rows of the 支出总表
        (else the 一般公共预算支出表, else the 支出决算表); the right one every
        labelled figure of the prose with a change in money (``基本支出 355.50 万元，
        比上年减少 24.37 万元``), increases red and decreases blue, each bar noted
        with its rate; both in 万元. Returns a :class:`matplotlib.figure.Figure`
        (made without pyplot: ``figure.savefig("budget.png")``, or shown as it is
        in a notebook). Needs the ``plot`` extra (matplotlib) and, for the labels,
        a font with 汉字 (Noto Sans CJK and the common system fonts are found).
        """
        wan = Unit.TEN_THOUSAND_YUAN
        spending: list[tuple[str, float]] = []
        caption = ""
        for kind in (TableKind.EXPENDITURE, TableKind.GENERAL_PUBLIC, TableKind.FINAL_EXPENDITURE):
            table = self.table(kind)
            rows = [
                (row, row.cells[0].value)
                for row in (table.rows if table and table.columns else ())
                if row.code is not None and row.code.level is Level.CLASS
            ]
            money = [(row, value) for row, value in rows if isinstance(value, Amount)]
            if table and money:
                spending = [(f"{row.code} {row.name}", float(v.to(wan).value)) for row, v in money]
                caption = f"{table.caption or kind.value}: {table.columns[0]}"
                break
        changes: list[tuple[str, float, str]] = []
        seen = set()
        for fact in self.facts:
            for change in fact.changes:
                signed = change.signed_amount
                key = (fact.label, fact.value, signed)
                if signed is None or not signed.value or key in seen:  # 持平: nothing to draw
                    continue
                seen.add(key)
                rate = f" ({change.signed_rate})" if change.signed_rate is not None else ""
                note = f"{'+' if signed.value >= 0 else ''}{signed.to(wan).value}{rate}"
                changes.append((fact.label, float(signed.to(wan).value), note))
        year = f"{self.year}年 " if self.year else ""
        return _plot.figure(
            f"{year}{self.department}{self.kind}", spending, caption, changes, str(wan)
        )

    def table(self, kind: TableKind) -> Table | None:
        """The first table of *kind* (the 支出 side of a two-sided one comes second), or ``None``."""
        return next((table for table in self.tables if table.kind is kind), None)

    def tables_of(self, kind: TableKind) -> list[Table]:
        """Every table of *kind*, in order."""
        return [table for table in self.tables if table.kind is kind]

    def budget_lines(self, *, source: str = "") -> list[dict[str, object]]:
        """
        Every money figure of the tables as one tidy record: a budget line.

        One record per (table, row, column) whose cell holds money, with the
        classification code (``functional_code``, ``economic_code``, their last
        ``…_part`` and ``level``: 类/款/项), the row's ``name`` and ``row_role``, the
        ``column``'s header path, the ``value`` as printed (exact
        :class:`~decimal.Decimal`) with its ``unit`` and ``factor`` (元 per unit),
        and ``fiscal_year``, ``department``, ``direction`` (expenditure / revenue)
        and ``phase`` (approved / adjusted / executed). A column whose header names
        another year (``上年预算数``, ``2025年预算数``) or phase (``年初预算数`` in a
        决算) says so in its lines; columns of differences (增减, 增长率) are left
        out. *source* names the document in ``source`` and ``budget_line_id``.
        """
        return budget_lines(
            year=self.year,
            final=self.kind is DocumentKind.FINAL,
            department=self.department,
            tables=self.tables,
            source=source,
        )

    def to_frame(self, *, floats: bool = False, source: str = "") -> pd.DataFrame:
        """
        The :meth:`budget_lines` as a :class:`pandas.DataFrame`, one row per line.

        ``value`` holds exact :class:`~decimal.Decimal` (an ``object`` column), or
        ``float64`` with *floats* (for plotting and statistics; sums of floats
        are not exact). Needs the ``pandas`` extra.
        """
        try:
            import pandas as pd  # noqa: PLC0415 -- an optional extra, imported when asked for
        except ImportError:
            msg = "Document.to_frame() needs pandas: pip install 'cnbudget[pandas]'"
            raise ImportError(msg) from None
        frame = pd.DataFrame.from_records(
            self.budget_lines(source=source), columns=[field.name for field in FIELDS]
        )
        if floats:
            frame["value"] = frame["value"].astype("float64")
        frame["factor"] = frame["factor"].astype("Int64")  # no factor where no unit
        frame["fiscal_year"] = frame["fiscal_year"].astype("Int64")
        return frame

    def to_fiscal_data_package(
        self, directory: str | os.PathLike[str], *, source: str = ""
    ) -> Path:
        """
        Write the :meth:`budget_lines` as a Fiscal Data Package into *directory*.

        ``budget.csv`` holds the lines; ``datapackage.json`` describes them (Table
        Schema types, OpenSpending ``columnType`` for each column, the model's
        measure and dimensions), so that ``frictionless validate`` and OpenSpending
        read it. Returns the path of ``datapackage.json``.
        """
        title = " ".join(
            part for part in (str(self.year or ""), self.department, self.kind.value) if part
        )
        return write_package(
            self.budget_lines(source=source),
            Path(directory),
            name="cnbudget-budget-lines",
            title=title or "budget lines",
        )

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
        """Amounts of 机关运行经费 (also printed 机构运行经费); not the counts beside them (下属1家)."""
        return [f for f in self._about(_OPERATING) if isinstance(f.value, Amount)]

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


# ---------------------------------------------------------------- topics

_TOTAL = re.compile(
    r"总计|合计|总额|(?<!汇)总预算"
    # How 预算 documents write the whole budget: 收入预算, 2026年部门预算支出, 收支预算.
    r"|^(?:[0-9]{4}年度?)?(?:本年度?|部门|本部门|单位|本单位)?"
    r"(?:(?:收入|支出|收支)预算|预算(?:收入|支出))(?:数|总数)?$"
)
_THREE_PUBLIC = re.compile(r"三公")
_OPERATING = re.compile(r"(?:机关|机构)运行经费")
_PROCUREMENT = re.compile(r"政府采购")
_ASSETS = re.compile(r"国有资产")
# Sections on particular spending, whose 合计 is not the document's total.
_PARTICULAR = re.compile(
    "|".join(p.pattern for p in (_THREE_PUBLIC, _OPERATING, _PROCUREMENT, _ASSETS)) + "|项目|基金"
)
_TEMPLATE = re.compile(
    r"XX|ＸＸ|……|增加（减少）|增长（减少）|下降（增长）|减少（增加）|（增加内容）|（[^（）]{0,8}填写[^（）]{0,8}）"
    r"|主要原因是[。；]|(?<![0-9.%\s])\s+万元"
    # The template's instruction left in: 无…的，仍保留该表格式, 如无此项…应保留表格.
    r"|[，,](?:仍|应)?保留(?:该|此)?表(?:格|格式|式)"
)
# In a table, only the placeholder names: 万元 and …… have other uses there.
_TEMPLATE_CELL = re.compile(r"XX|ＸＸ")
# How far above its table a caption line may be.
_CAPTION_REACH = 12


def _worst(diagnostics: Sequence[Diagnostic]) -> str:
    """The most severe severity among *diagnostics*, as a string; ``""`` for none."""
    for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
        if any(d.severity is severity for d in diagnostics):
            return str(severity.value)
    return ""


# ---------------------------------------------------------------- parsing


def parse_document(text: str, *, strict: bool = False) -> Document:
    """
    Parse a whole disclosure.

    Args:
        text: The document as plain text, markdown or text with HTML tables.
        strict: Raise on the first problem instead of reporting it (notes of
            ``info`` severity, such as a name read across a wrap, are no problem).

    Raises:
        InvalidDocument: only with *strict*, at the first warning or error.
    """
    document = _Parser(text).parse()
    problems = [d for d in document.diagnostics if d.severity is not Severity.INFO]
    if strict and problems:
        first = problems[0]
        span = first.span or Span(0, 0)
        message = f"{first.kind}: {first.message}"
        raise InvalidDocument(message, text=text, span=span)
    return document


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineMap(text)
        self.read = [read_line(text, line.span) for line in self.lines]
        self.diagnostics: list[Diagnostic] = []
        # Lines a wrapped contents entry or heading goes on over: part of its element.
        self.continued: set[int] = set()
        self.toc_keys: set[str] = set()  # the contents entries, as loose_key makes them
        self.metadata = _front_matter.Metadata()
        # The phrases of each paragraph, with their offsets in its clean text, by element.
        self.phrases: dict[int, list[tuple[Phrase, int, int]]] = {}
        # A paragraph of wrapped lines read as one: its lines, and its text mapped to the source.
        self.wrapped: dict[int, list[Span]] = {}
        self.width = _page_width(self.read)
        self.views: dict[int, MappedText] = {}

    def parse(self) -> Document:
        tables = find_tables(self.text, lines=self.lines)
        owner = self._table_lines(tables)
        captions = self._captions(tables, owner)
        title_lines, toc_start = _front_matter.title_lines(self.read)
        toc = self._toc(toc_start)
        elements: list[Element] = []
        placed: set[int] = set()
        levels = Nesting()
        title: list[str] = []
        for index, line in enumerate(self.lines):
            if index in self.continued or (index not in owner and not self.read[index].text):
                # In the span of the entry or heading it wraps; or blank, or markup and
                # nothing else (<!DOCTYPE html>, <body>): no element.
                continue
            if index in owner:
                # Both sides of a two-sided table share their lines: each is an element.
                elements.extend(tables[n] for n in owner[index] if n not in placed)
                placed.update(owner[index])
                continue
            if index in toc:
                self._template_leftover(toc[index].text, toc[index].span)
                elements.append(toc[index])
                continue
            read = self.read[index]
            if index == toc_start:
                levels.reset()  # the contents open no level the body would nest under
                text = " ".join(_CELLS.split(read.text)).strip()  # 目 \t录, | 目 | 录 |
                elements.append(Heading(text, "", None, HeadingStyle.CONTENTS, 1, line.span))
                continue
            if index in captions:
                # Under the current heading, opening no level.
                elements.append(_caption(read.text, levels.depth + 1, line.span))
                continue
            if (unreadable := _unreadable(line.text, read.text, line.span)) is not None:
                reason, diagnostic = unreadable
                elements.append(Unparsed(read.text, reason, line.span))
                self.diagnostics.append(diagnostic)
                continue
            self.metadata.read(read)
            if index in title_lines:
                title.append(read.text)
                elements.append(self._paragraph(read, line.span))
                continue
            if (heading := self._heading(index, line, levels)) is not None:
                self._template_leftover(read.text, line.span)  # 第二部分 XX年度部门预算情况说明
                elements.append(heading)
                continue
            self._add_paragraph(elements, read, line.span)
        self._lists_to_paragraphs(elements)
        self._finish_paragraphs(elements)
        self._figures_unread(elements)
        # The contents re-level the headings they list (and those between them) first.
        entries = tuple(_matched_toc(toc, elements, _backbone(toc, elements) if toc else set()))
        outline = Section.from_elements(elements)
        self._whole_document_diagnostics(owner, tables, entries, outline)
        meta, joined = self.metadata, " ".join(title)
        return Document(
            title=joined,
            year=_front_matter.year(joined),
            kind=DocumentKind.FINAL if _front_matter.is_final(joined) else DocumentKind.BUDGET,
            scope=Scope.UNIT if _front_matter.is_unit(joined) else Scope.DEPARTMENT,
            department=_front_matter.department(joined, self.read),
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

    def _whole_document_diagnostics(
        self,
        owner: dict[int, list[int]],
        tables: Sequence[Table],
        entries: Sequence[TocEntry],
        outline: Section,
    ) -> None:
        """What only the whole document shows: tables left unread, contents against headings."""
        self.diagnostics.extend(self._unread_tables(owner))
        self._table_leftovers(tables)
        self.diagnostics.extend(_toc_missing(entries))
        self.diagnostics.extend(_toc_extra(entries, outline))

    def _facts(self, elements: Sequence[Element]) -> Iterator[Fact]:
        trail: list[Heading] = []
        for element in elements:
            if not isinstance(element, (Heading, Paragraph)):
                continue
            if isinstance(element, Heading):
                while trail and trail[-1].level >= element.level:
                    trail.pop()
            context = tuple(h.text for h in trail)
            view = (
                self.views.get(element.span.start)
                or self.read[self.lines.line_of(element.span.start)].view
            )
            found = self.phrases.get(element.span.start)
            if found is None:
                found = list(located_phrases(view))
            yield from facts_in(view, found, context)
            if isinstance(element, Heading) and element.style not in _NOT_CONTEXT:
                trail.append(element)

    def _add_paragraph(self, elements: list[Element], read: LineText, span: Span) -> None:
        """
        A line of prose: a paragraph, or the next line of the one above it.

        PDF text breaks sentences at the page width: a line that does not end its
        sentence, followed directly by one that starts no item of its own, goes on
        in it. The paragraph's phrases are read across the break, with spans into
        the source (``12,406.00万⏎元`` is one amount).
        """
        if is_page_furniture(read.text):
            elements.append(self._paragraph(read, span))  # a page break: a line of its own
            return
        # A page break may fall mid-sentence: the sentence goes on past its furniture.
        back = len(elements) - 1
        while (
            back >= len(elements) - _MOST_FURNITURE and back >= 0 and _is_furniture(elements[back])
        ):
            back -= 1
        last = elements[back] if back >= 0 else None
        if not isinstance(last, Paragraph) or not self._wraps(last, span):
            elements.append(self._paragraph(read, span))
            return
        self._template_leftover(read.text, span)
        # Read once the paragraph is whole (see _finish_paragraphs): not again at each line.
        self.wrapped.setdefault(last.span.start, [last.span]).append(span)
        elements[back] = attrs.evolve(last, span=Span(last.span.start, span.end))

    def _finish_paragraphs(self, elements: list[Element]) -> None:
        """Read each paragraph of wrapped lines as one: its text, phrases and their spans."""
        for index, element in enumerate(elements):
            if not isinstance(element, Paragraph):
                continue
            spans = self.wrapped.get(element.span.start)
            if spans is None or len(spans) < 2:  # noqa: PLR2004
                continue
            texts = [self.read[self.lines.line_of(span.start)].text for span in spans]
            text = texts[0]
            for before, after in itertools.pairwise(texts):
                text += (" " if _ascii_word_end(before, after) else "") + after
            view = MappedText.join(self.text, spans)
            found = self.phrases[element.span.start] = list(located_phrases(view))
            self.views[element.span.start] = view
            elements[index] = Paragraph(text, tuple(p for p, _, _ in found), element.span)

    def _heading(self, index: int, line: Line, levels: Nesting) -> Heading | None:
        """Line *index* as a heading, at its level among those above, if it is one."""
        read = self.read[index]
        if _front_matter.is_metadata(read.text):
            return None  # a label
        span = line.span
        if self._cut_at_width(index):
            # A numbered sentence PDF text broke at the page width, or a heading as
            # long as the width: a heading only when the contents list it, on this
            # line alone or on this line and the next.
            parts = heading_parts(read, line.text)
            if parts is None or not self._listed(parts.text):
                joined = read._replace(text=read.text + self.read[index + 1].text)
                parts = heading_parts(joined, line.text)
                if parts is None or not self._listed(parts.text):
                    return None
                self.continued.add(index + 1)
                span = Span(line.span.start, self.lines[index + 1].span.end)
        else:
            parts = heading_parts(read, line.text)
        if parts is None:
            return None
        style = HeadingStyle(parts.style)
        level = levels.level(_nesting_key(style))
        return Heading(parts.text, parts.number, parts.ordinal, style, level, span)

    def _figures_unread(self, elements: Sequence[Element]) -> None:
        """The figures of the prose that no value is read from, each with its reason."""
        self._fuzzy_figures(elements)
        self._broken_figures(elements)

    def _broken_figures(self, elements: Sequence[Element]) -> None:
        """Figures a broken text layer detached from their sentence, or split in two."""
        detached: list[int] = []
        for element in elements:
            if not isinstance(element, Paragraph):
                continue
            if _DETACHED.fullmatch(element.text) and _DECIMAL.search(element.text):
                message = (
                    f"'{element.text[:40]}': figures on a line of their own, detached from "
                    "their sentence; the text layer is broken here"
                )
                detached.append(element.span.start)
                self.diagnostics.append(
                    Diagnostic(DiagnosticKind.TEXT_LAYER_BROKEN, message, element.span)
                )
                continue
            for phrase in element.phrases:
                span = phrase.span
                if not isinstance(phrase, Amount | Percentage | Change) or span is None:
                    continue  # a date or a count after a list's number (1. 2026 年) is whole
                if not self.text[span.start : span.start + 1].isdigit():
                    continue
                window = max(0, span.start - _SPLIT_REACH)
                if not (split := _SPLIT_BEFORE.search(self.text, window, span.start)):
                    continue
                printed = self.text[split.start() : span.end]
                self.diagnostics.append(
                    Diagnostic(
                        DiagnosticKind.TEXT_LAYER_BROKEN,
                        f"'{printed}': a figure stands right before '{phrase.source}' with only a "
                        "space between; the text layer may have split one number",
                        Span(split.start(), span.end),
                    )
                )
        if detached:
            self.diagnostics = [d for d in self.diagnostics if not self._hole(d, detached)]

    def _hole(self, diagnostic: Diagnostic, detached: Sequence[int]) -> bool:
        """Whether *diagnostic* is the hole (总计 万元) figures *detached* after it left."""
        span = diagnostic.span
        if diagnostic.kind is not DiagnosticKind.TEMPLATE_LEFTOVER or span is None:
            return False
        after = bisect.bisect_left(detached, span.end)
        near = after < len(detached) and detached[after] - span.end <= _HOLE_REACH
        return near and _HOLE.search(self.text, span.start, span.end) is not None

    def _fuzzy_figures(self, elements: Sequence[Element]) -> None:
        """Figures given only roughly (数十亿元): reported, since no value is read from them."""
        for element in elements:
            if not isinstance(element, Paragraph) or not _FUZZY_HINT.search(element.text):
                continue
            exact = len(element.text) == element.span.end - element.span.start
            for found in _FUZZY_FIGURE.finditer(element.text):
                start = element.span.start + found.start() if exact else element.span.start
                end = element.span.start + found.end() if exact else element.span.end
                self.diagnostics.append(
                    Diagnostic(
                        DiagnosticKind.FUZZY_FIGURE,
                        f"'{found[0]}' gives a figure only roughly: no value is read from it",
                        Span(start, end),
                        Severity.INFO,
                    )
                )

    def _lists_to_paragraphs(self, elements: list[Element]) -> None:
        """
        Numbered lines one after another with nothing under them are a list, not headings.

        ``1.某某局本部`` / ``2.某某中心`` under 机构设置 list units; as headings they would
        become the context of every figure after them. Lines the contents list stay
        headings.
        """
        index = 0
        while index < len(elements):
            end = index
            while end + 1 < len(elements) and self._next_item(elements[end], elements[end + 1]):
                end += 1
            if end > index and self._is_list(elements, index, end):
                for at in range(index, end + 1):
                    span = elements[at].span
                    assert span is not None  # noqa: S101 -- a heading's line
                    line = self.read[self.lines.line_of(span.start)]
                    # Its template text was reported when it was read as a heading.
                    elements[at] = self._paragraph(line, span, leftovers=False)
            index = end + 1

    def _is_list(self, elements: Sequence[Element], first: int, last: int) -> bool:
        """
        Whether the numbered lines *first* … *last* are a list.

        A list is introduced as one (本部门包括：) or has nothing under its last line,
        and the contents list none of its lines.
        """
        if any(
            self._listed(heading.text)
            for heading in elements[first : last + 1]
            if isinstance(heading, Heading)
        ):
            return False
        before = elements[first - 1] if first else None
        if isinstance(before, Paragraph) and before.text.rstrip().endswith(("：", ":")):
            return True
        after = elements[last + 1] if last + 1 < len(elements) else None
        return after is None or isinstance(after, Heading)

    @staticmethod
    def _next_item(first: Element, then: Element) -> bool:
        """Whether *then* is the item after *first* in a list of numbered lines."""
        return (
            isinstance(first, Heading)
            and isinstance(then, Heading)
            and first.style is then.style
            and first.style.value in _NUMBERING
            and first.ordinal is not None
            and then.ordinal == first.ordinal + 1
            and max(len(first.text), len(then.text)) <= _LONGEST_LIST_ITEM
        )

    def _listed(self, heading: str) -> bool:
        """Whether the table of contents lists *heading*, reworded as bodies reword it."""
        key = loose_key(heading)
        return any(same_key(entry, key) for entry in self.toc_keys)

    def _cut_at_width(self, index: int) -> bool:
        """Whether line *index* fills the page width and goes on, unbroken, on the next line."""
        text = self.read[index].text
        if self.width is None or len(text) < self.width - 1 or text.endswith(_SENTENCE_ENDS):
            return False
        return index + 1 < len(self.read) and bool(self.read[index + 1].text)

    def _wraps(self, last: Paragraph, span: Span) -> bool:
        """Whether the line at *span* goes on with the paragraph *last*."""
        text = self.read[self.lines.line_of(span.start)].text
        between = "\n".join(
            line
            for line in self.text[last.span.end : span.start].split("\n")
            if not line.strip() or not is_page_furniture(line)
        )
        line = self.read[
            self.lines.line_of(self.wrapped.get(last.span.start, [last.span])[-1].start)
        ]
        # A line at the page width was cut there, even after a full stop.
        full = self.width is not None and len(line.text) >= self.width - 1
        # A sentence cut in the middle goes on however short its line, and where surely
        # cut, past the blank lines and page number of a page break: _cut_mid_sentence.
        cut = _cut_mid_sentence(line.text, text)
        breaks = between.count("\n") + between.count("\r") - between.count("\r\n")
        return (
            breaks <= (_MOST_BREAKS if cut == 2 else 1)  # noqa: PLR2004 -- the surest cut
            and not between.strip()
            and (len(line.text) >= _SHORTEST_WRAPPED_LINE or cut > 0)
            and (full or not line.text.endswith(_SENTENCE_ENDS))
            and numbering(text).style is None
            and not _LABELLED.match(text)
            # A part's heading the contents list stands alone: nothing joins it or it.
            and not (self.toc_keys and (self._listed(text) or self._listed(last.text)))
        )

    def _table_leftovers(self, tables: Sequence[Table]) -> None:
        """Placeholders left in table rows, such as 3 | XX | 公益一类事业单位."""
        for table in tables:
            for row in table.rows:
                text = " ".join([row.name, *(cell.raw for cell in row.cells)])
                if row.span is not None and _TEMPLATE_CELL.search(text):
                    self._template_leftover(text, row.span)

    def _template_leftover(self, text: str, span: Span) -> None:
        if leftover := _TEMPLATE.search(text):
            self.diagnostics.append(
                Diagnostic(
                    DiagnosticKind.TEMPLATE_LEFTOVER,
                    f"'{leftover[0].strip()}' is template text, not filled in: '{text[:30]}'",
                    span,
                    Severity.INFO,
                )
            )

    def _paragraph(self, read: LineText, span: Span, *, leftovers: bool = True) -> Paragraph:
        if leftovers:
            self._template_leftover(read.text, span)
        found = self.phrases[span.start] = list(located_phrases(read.view))
        return Paragraph(read.text, tuple(phrase for phrase, _, _ in found), span)

    def _table_lines(self, tables: Sequence[Table]) -> dict[int, list[int]]:
        """Line index -> the tables whose span covers the line."""
        owner: dict[int, list[int]] = {}
        for number, table in enumerate(tables):
            if table.span is None:
                continue
            first = self.lines.line_of(table.span.start)
            last = self.lines.line_of(max(table.span.end - 1, table.span.start))
            for index in range(first, last + 1):
                owner.setdefault(index, []).append(number)
        return owner

    def _unread_tables(self, owner: dict[int, list[int]]) -> Iterator[Diagnostic]:
        """
        Rows of plain PDF text under a unit line that no table reader took.

        Their cells are separated by single spaces and their empty cells are gone;
        the figures stay in the document as text, and this says so rather than
        leaving a table out in silence.
        """
        index, count = 0, len(self.lines)
        while index < count:
            if index in owner or unit_line(self.read[index].text) is None:
                index += 1
                continue
            rows: list[int] = []
            probe, seen = index + 1, 0
            while probe < count and probe not in owner and seen < _UNREAD_REACH + len(rows):
                text = self.read[probe].text
                if text:
                    seen += 1
                    if is_table_row(text):
                        rows.append(probe)
                    elif unit_line(text) is not None:
                        break
                probe += 1
            if len(rows) >= _FEWEST_UNREAD_ROWS:
                span = Span(self.lines.start(rows[0]), self.lines.end(rows[-1]))
                above = next(
                    (self.read[i].text for i in range(index - 1, -1, -1) if self.read[i].text), ""
                )
                where = (
                    f"'{above[:30]}' ({self.read[index].text[:12]})"
                    if above
                    else f"'{self.read[index].text[:30]}'"
                )
                yield Diagnostic(
                    DiagnosticKind.TABLE_UNREAD,
                    f"{len(rows)} lines under {where} read as the rows "
                    f"of a table in plain PDF text (cells apart by single spaces) that no "
                    f"table reader could take; its figures are kept as text, starting "
                    f"'{self.read[rows[0]].text[:30]}'",
                    span,
                )
            elif (
                (caption := self._caption_above(index))
                and self._next_line(index) not in owner  # no table read under it
                and not self._says_empty(index)
            ):
                yield Diagnostic(
                    DiagnosticKind.TABLE_UNREAD,
                    f"'{caption[:30]}' and its unit line are printed, but no table under "
                    "them could be read (an image in the PDF?)",
                    self.lines[index].span,
                    Severity.INFO,
                )
            index = max(probe, index + 1)

    def _next_line(self, index: int) -> int | None:
        """The next line after *index* that is not blank."""
        return next((i for i in range(index + 1, len(self.read)) if self.read[i].text), None)

    def _caption_above(self, index: int) -> str | None:
        """The caption printed just above the unit line *index*, if there is one."""
        for above in range(index - 1, max(index - _CAPTION_REACH, -1), -1):
            text = self.read[above].text
            if text:
                return text if is_caption_line(text) else None
        return None

    def _says_empty(self, index: int) -> bool:
        """Whether the lines under *index* say the table is empty (本部门无…, 空表)."""
        following = [r.text for r in self.read[index + 1 : index + 1 + _CAPTION_REACH] if r.text]
        return any(EMPTY_TABLE.search(text) for text in following[:2])

    def _captions(self, tables: Sequence[Table], owner: dict[int, list[int]]) -> set[int]:
        """The lines that print a table's caption, just above the table."""
        found: set[int] = set()
        for table in tables:
            if not table.caption or table.span is None:
                continue
            first = self.lines.line_of(table.span.start)
            caption = heading_key(table.caption)
            for index in range(first - 1, max(first - _CAPTION_REACH, -1), -1):
                if index in owner:
                    break
                # A caption may be printed as a pipe row of its own: | 一般公共预算支出表 | | |
                text = self.read[index].text.strip("| \t")
                if text and heading_key(text.replace("|", "")) == caption:
                    found.add(index)
                    break
        return found

    def _toc(self, start: int | None) -> dict[int, TocEntry]:
        """The entries of the table of contents by line."""
        if start is None:
            return {}
        lines = [(read.text, line.text) for read, line in zip(self.read, self.lines, strict=True)]
        entries = read_contents(lines, start)
        # The lines a wrapped entry goes on over are part of its element.
        self.continued = {i for e in entries for i in range(e.line + 1, e.last + 1)}
        self.toc_keys = {loose_key(entry.text) for entry in entries}
        return {
            entry.line: TocEntry(
                entry.text,
                entry.number,
                matched=False,
                span=Span(self.lines[entry.line].span.start, self.lines[entry.last].span.end),
            )
            for entry in entries
        }


_NUMBERING = {style.value for style in NumberingStyle}
# Figures given only roughly: 数十亿元, 几千万元, 七八百万元, 两三万元, 二十几人, each
# with its unit or counter (人数十分稳定, 五六十年代 are no figures); 十余万元 is none
# (余 is a qualifier, read as >).
_FUZZY_FIGURE = re.compile(
    r"(?:(?<![人户次个总件家项台份笔])数|几|若干)[十百千万亿]+[万亿]?(?:元|人次|人|个|家|项|户|名)"
    r"|(?<![一二三四五六七八九两])(?:一两|两三|二三|三四|四五|五六|六七|七八|八九)"
    r"(?:[十百千万亿]+[万亿]?)?(?:元|人次|人|个|家|项|户|名)"
    r"|[一二三四五六七八九]?十几[万亿]?(?:元|人次|人|个|家|项|户|名)"
)
# A line of figures alone, one with decimals among them: 2024 1380.52 2023 (not a phone
# number, a date or a page number).
_DETACHED = re.compile(r"[0-9０-９.,，．%％\s]+")
_DECIMAL = re.compile(r"[0-9０-９][.．][0-9０-９]")
# The hole a figure left: a unit with nothing before it (总计 万元).
_HOLE = re.compile(r"(?<![0-9０-９.%\s])\s+[千万亿]?元")
# Digits, then one space, right before an amount's first digit: 72,156.1 2元 (the
# search ends where the amount starts: \Z is that end).
_SPLIT_BEFORE = re.compile(
    r"(?<![0-9０-９.,．，])[0-9０-９](?:[0-9０-９,，.．]{0,20}[0-9０-９])?[ \xa0]\Z"
)
_SPLIT_REACH = 24
# How far before detached figures the sentence they left holes in may end.
_HOLE_REACH = 400
_FUZZY_HINT = re.compile(r"[数几若]|一两|两三|二三|三四|四五|五六|六七|七八|八九")
# A list item is a name or a short phrase (某某局本部); a longer line is a heading.
_LONGEST_LIST_ITEM = 20
_CELLS = re.compile(r"[\s|]*[\t|][\s|]*")
_NOT_CONTEXT = {HeadingStyle.CONTENTS, HeadingStyle.CAPTION}


def _matched_toc(
    toc: dict[int, TocEntry], elements: Sequence[Element], listed: set[int]
) -> Iterator[TocEntry]:
    body = {
        heading_key(h.text)
        for h in elements
        if isinstance(h, Heading) and h.style is not HeadingStyle.CONTENTS
    }
    body |= {heading_key(t.caption) for t in elements if isinstance(t, Table)}
    for line, entry in toc.items():
        key = heading_key(entry.text)
        found = line in listed or (bool(key) and any(key in b for b in body))
        yield attrs.evolve(entry, matched=found)


# How many short lines after the last matched one an entry's body line may be.
_FARTHEST_LISTED = 500
# ... and how many for a reworded one.
_FARTHEST_ALIKE = 40
# How many later entries bound the search for an entry's body line.
_LOOKAHEAD = 3
# A body line shorter than this may be a heading the contents list.
_LONGEST_LISTED = 40


def _entry_levels(entries: Sequence[TocEntry]) -> list[int]:
    """The level of each contents entry, from the order its numbering styles nest in."""
    nesting = Nesting()
    levels: list[int] = []
    for entry in entries:
        style = numbering(entry.number + "甲").style if entry.number else None
        if style is None:
            levels.append(levels[-1] if levels else 1)  # 名词解释 beside the entry above
        else:
            levels.append(nesting.level(style))
    return levels


def _candidate(element: Element) -> str | None:
    """The text of a body line that may be a heading the contents list."""
    if isinstance(element, Heading) and element.style is not HeadingStyle.CONTENTS:
        return element.number + element.text
    if isinstance(element, Paragraph):
        text = element.text
        if len(text) <= _LONGEST_LISTED and not SENTENCE.search(text) and "，" not in text:
            return text
    return None


def _backbone(toc: dict[int, TocEntry], elements: list[Element]) -> set[int]:
    """
    Make the contents (目录) the outline's backbone; the lines of the entries matched.

    Each entry is matched, in order, to the body line that prints it — numbered
    or not, reworded as bodies reword them (:func:`~cnbudget._outline.same_key`, `alike_keys`)
    — and that line becomes a heading at the entry's level. The headings between
    two matched ones nest under the first: a body's ``一、`` under a part its
    contents number ``一、`` is a sub-item, not a part.
    """
    lines = list(toc)
    entries = list(toc.values())
    levels = _entry_levels(entries)
    # Contents lines a table took (an unclosed <table> above them) leave no entry placed.
    last_toc = max((i for i, e in enumerate(elements) if isinstance(e, TocEntry)), default=-1)
    candidates = [
        (index, text)
        for index in range(last_toc + 1, len(elements))
        if (text := _candidate(elements[index])) is not None
    ]
    at: dict[int, int] = {}  # element index -> entry index
    keys = [loose_key(text) for _, text in candidates]
    # Where each key is printed: no entry is matched past the line of a later one
    # printed as it is (a loose match far ahead would take the rest with it).
    printed: dict[str, list[int]] = {}
    for offset, key in enumerate(keys):
        printed.setdefault(key, []).append(offset)

    def next_printed(key: str, position: int) -> int | None:
        offsets = printed.get(key, [])
        found = bisect.bisect_left(offsets, position)
        return offsets[found] if found < len(offsets) else None

    position = 0
    for number, entry in enumerate(entries):
        key = loose_key(entry.text)
        later = [
            found
            for other in entries[number + 1 : number + 1 + _LOOKAHEAD]
            if (found := next_printed(loose_key(other.text), position)) is not None
        ]
        stop = min([*later, len(candidates), position + _FARTHEST_LISTED])
        match = next((o for o in range(position, stop) if same_key(key, keys[o])), None)
        if match is None:  # reworded: difflib, over the next few lines only (it is slow)
            near = min(stop, position + _FARTHEST_ALIKE)
            match = next((o for o in range(position, near) if alike_keys(key, keys[o])), None)
        if match is not None:
            at[candidates[match][0]] = number
            position = match + 1
    _relevel(elements, last_toc + 1, at, levels)
    return {lines[number] for number in at.values()}


def _relevel(
    elements: list[Element], first: int, at: dict[int, int], levels: Sequence[int]
) -> None:
    """Put the matched lines at their entries' levels and nest the rest under them."""
    offset = 0  # what the nesting below the last matched heading starts from; 0 before it
    nesting = Nesting()
    depth = 0  # the level of the last heading
    for index in range(first, len(elements)):
        element = elements[index]
        if index in at:
            depth = levels[at[index]]
            nesting, offset = Nesting(), depth
            if isinstance(element, Heading) and element.style is HeadingStyle.CAPTION:
                continue  # a table listed in the contents stays its caption
            if isinstance(element, Heading):
                elements[index] = attrs.evolve(element, level=depth)
                # A heading marked like this one, not listed, is its sibling.
                nesting.reset(_nesting_key(element.style))
                offset = depth - 1
            elif isinstance(element, Paragraph):
                elements[index] = Heading(
                    element.text, "", None, HeadingStyle.LISTED, depth, element.span
                )
        elif offset and isinstance(element, Heading):
            if element.style is HeadingStyle.CAPTION:
                elements[index] = attrs.evolve(element, level=depth + 1)
                continue
            depth = offset + nesting.level(_nesting_key(element.style))
            elements[index] = attrs.evolve(element, level=depth)


def _nesting_key(style: HeadingStyle) -> NumberingStyle | HeadingStyle:
    """What a heading's style nests by: its numbering, or its markup."""
    return NumberingStyle(style.value) if style.value in _NUMBERING else style


def _toc_missing(entries: Sequence[TocEntry]) -> Iterator[Diagnostic]:
    for entry in entries:
        if not entry.matched:
            yield Diagnostic(
                DiagnosticKind.TOC_MISSING,
                f"the table of contents lists '{entry.text}', which no heading carries",
                entry.span,
                Severity.INFO,
            )


def _toc_extra(entries: Sequence[TocEntry], outline: Section) -> Iterator[Diagnostic]:
    """Headings the contents leave out while they list the headings beside them."""
    listed = [heading_key(entry.text) for entry in entries]
    loose = {loose_key(entry.text) for entry in entries}

    def is_listed(heading: Heading) -> bool:
        key = heading_key(heading.text)
        if not key or heading.style is HeadingStyle.LISTED:
            return True  # matched to its entry by the backbone
        body = loose_key(heading.text)
        # An entry's words with a name before them: each ending of the body's key.
        if any(same_key(body[cut:], body) for cut in range(len(body)) if body[cut:] in loose):
            return True
        return any(entry and (entry in key or key in entry) for entry in listed)

    for section in outline.walk():
        headings = [
            c.heading
            for c in section.children
            if c.heading and c.heading.style is not HeadingStyle.CONTENTS
        ]
        if not any(is_listed(h) for h in headings):
            continue  # sub-items the contents do not go down to
        for heading in headings:
            if not is_listed(heading):
                yield Diagnostic(
                    DiagnosticKind.TOC_EXTRA,
                    f"'{heading.number}{heading.text}' is not in the table of contents",
                    heading.span,
                    Severity.INFO,
                )


# How many page-break lines a sentence goes on past.
_MOST_FURNITURE = 3
# A wrapped line fills most of the page width; a shorter one ends its paragraph.
_SHORTEST_WRAPPED_LINE = 18
# Words that cannot end a line of prose: a figure must follow them.
_DANGLING = re.compile(
    r"(?:增加|减少|增长|下降|降低|提高|增|减|为|达到|达|共计|合计|约|比上年|较上年)$"
)
_FIGURE_FIRST = re.compile(r"[-－−]?[0-9０-９.．]")
# Punctuation inside a sentence, which no heading holds.
_PUNCTUATED = re.compile(r"[，。；,;]")
# A line ending in these has its clause open: 万元，⏎比上年增加.
_CLAUSE_OPEN = frozenset("，,、")
# What no paragraph starts with: a percent sign, a closing bracket or punctuation.
_CANNOT_START = frozenset("%％，,。、；;）)")
# A line that opens with an amount goes on the line above: no paragraph opens so.
_AMOUNT_FIRST = re.compile(r"[-－−]?[0-9０-９.．,，]+\s*(?:[千万亿]?元|%|％)")
# A unit after a figure (not 万州区 or 元旦 opening a line: only after a digit).
_UNIT_FIRST = re.compile(r"[千万亿]?元|[万亿](?=[，,。；;、）)]|\s*$)|%|％")
# The end of a line that a figure on the next goes on: 343.⏎1万元; a unit: 343.1⏎万元.
_DECIMAL_POINT = frozenset(".．")
_DIGITS_AND_POINT = frozenset("0123456789０１２３４５６７８９.．")
# A comparison waiting for what it compares with: 与⏎上年相比, 比⏎上年.
_COMPARES = frozenset("比较与")
# Words sure enough to be cut even where only one character of them goes on: 增 | 长.
_DIRECTION_WORDS = frozenset({"增加", "减少", "增长", "下降", "比上年", "较上年"})
# Blank lines, a page number or a page-break line between the halves of a cut sentence.
_MOST_BREAKS = 3
# Words of budget prose that a line or page break may cut in two (项目预算总⏎金额).
_CUTTABLE_WORDS = (
    "总金额", "总额", "总计", "合计", "预算", "决算", "支出", "收入", "经费", "资金", "拨款",
    "万元", "项目", "增加", "减少", "增长", "下降", "结转", "结余", "财政", "公共", "基本",
    "人员", "公用", "政府", "采购", "机关", "运行", "与上年相比", "比上年", "较上年",
)  # fmt: skip


def _beginnings(words: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """Each word's beginnings, with the endings that complete them: 总 → (金额, 额, 计)."""
    found: dict[str, tuple[str, ...]] = {}
    for word in words:
        for cut in range(1, len(word)):
            found[word[:cut]] = (*found.get(word[:cut], ()), word[cut:])
    return found


_ENDINGS = _beginnings(_CUTTABLE_WORDS)
_LONGEST_BEGINNING = max(map(len, _ENDINGS))


def _cut_mid_sentence(line: str, following: str) -> int:
    """
    How surely *line* stops where no paragraph ends, with *following* going on with it.

    ``2``, past a page break's blank lines and page number too: ``比上年增加⏎58.30万元`` (a
    word that needs its figure), ``预算343.⏎1万元`` and ``增长⏎⏎37.78%`` (a figure cut, or
    its unit), ``…万元，⏎⏎比上年`` (a clause open), ``…与上年相比⏎⏎`` (a comparison
    waiting for its figure), ``项目预算总⏎⏎金额`` (a word cut in two). ``1``, only where
    nothing but a line break stands between: ``…规定。2026年项目⏎支出`` (a sentence
    stopped in the middle: no heading holds a comma or a full stop; ``2`` when what
    follows is prose too). ``0``: no sign.
    """
    if not line or not following:
        return 0
    figure_cut = _FIGURE_FIRST.match(following) is not None and (
        _DANGLING.search(line) is not None
        or line[-1] in _DECIMAL_POINT
        or _AMOUNT_FIRST.match(following) is not None  # 项目支出⏎⏎934.66万元，…
    )
    unit_cut = line[-1] in _DIGITS_AND_POINT and _UNIT_FIRST.match(following) is not None
    if (
        line[-1] in _CLAUSE_OPEN
        or line[-1] in _COMPARES
        or following[0] in _CANNOT_START
        or figure_cut
        or unit_cut
    ):
        return 2
    cut = _cuts_a_word(line, following)
    if not _PUNCTUATED.search(line) or line.endswith(_SENTENCE_ENDS):
        return cut
    # A sentence stopped in the middle; past a blank line only into prose (no heading
    # holds a comma), and not from a label's line or a list's (联系人：…, 1.办公费…).
    prose = _PUNCTUATED.search(following) is not None
    listed = _LABELLED.match(line) is not None or numbering(line).style is not None
    return max(cut, 2 if prose and not listed else 1)


def _cuts_a_word(line: str, following: str) -> int:
    """
    Whether *line* ends inside a word that *following* ends: 项目预算总 | 金额.

    ``2`` when the rest is two characters or a direction word's (增 | 长), ``1`` for one
    character alone (其他事项 | 目前 may be two paragraphs), ``0`` for none.
    """
    for size in range(1, min(len(line), _LONGEST_BEGINNING) + 1):
        for ending in _ENDINGS.get(line[-size:], ()):
            if following.startswith(ending):
                direction = line[-size:] + ending in _DIRECTION_WORDS
                return 2 if len(ending) > 1 or direction else 1
    return 0


_SENTENCE_ENDS = ("。", "！", "？", "!", "?", "；", ";", "：", ":", "…")
# A line that opens with a label (联系电话：, 注：) starts a paragraph of its own.
_LABELLED = re.compile(r"[^，。,：:]{1,10}[：:]")


# Lines of prose at the page width: at least this many, and this share of the long lines.
_FEWEST_FULL_LINES, _FULL_SHARE = 5, 0.2
_LONG_LINE = 20


def _page_width(lines: Sequence[LineText]) -> int | None:
    """
    The width PDF text broke its prose at, in characters, if it did.

    Lines cut at the page width share one length; a text whose long lines mostly
    differ in length was not wrapped (one paragraph a line).
    """
    lengths = collections.Counter(
        len(line.text) for line in lines if len(line.text) >= _LONG_LINE and "\t" not in line.text
    )
    if not lengths:
        return None
    width, count = max(lengths.items(), key=lambda item: (item[1], item[0]))
    total = sum(lengths.values())
    # Width-1 and width+1 too: a full-width character or a stray space.
    count += lengths.get(width - 1, 0) + lengths.get(width + 1, 0)
    return width if count >= _FEWEST_FULL_LINES and count >= total * _FULL_SHARE else None


def _is_furniture(element: Element) -> bool:
    return isinstance(element, Paragraph) and is_page_furniture(element.text)


def _ascii_word_end(before: str, after: str) -> bool:
    """Whether a line break falls between two ASCII letters: words PDF text wrapped apart."""
    return (
        bool(before)
        and bool(after)
        and before[-1].isascii()
        and before[-1].isalpha()
        and (after[0].isascii() and after[0].isalpha())
    )


def _caption(text: str, level: int, span: Span) -> Heading:
    """A table's caption line as a heading; a caption printed as a pipe row loses its pipes."""
    words = " ".join(part for part in text.split("|") if part.strip()).strip()
    return Heading(words, "", None, HeadingStyle.CAPTION, level, span)


# A line that still opens with a tag or comment once its markup is stripped.
_UNENDED_MARKUP = re.compile(
    r"\s*<(?:!--|/?(?:table|t[rdh]|thead|tbody|p|div|span|b|br|font|h[1-6])\b)", re.IGNORECASE
)


def _unreadable(line: str, text: str, span: Span) -> tuple[str, Diagnostic] | None:
    """Why a line cannot be read as prose (*text*: *line* without its markup), if it cannot."""
    if _is_binary(line):
        diagnostic = Diagnostic(DiagnosticKind.UNPARSED_LINE, f"'{text[:20]}' is not text", span)
        return "not text: control characters", diagnostic
    if _UNENDED_MARKUP.match(text):
        # Markup the stripper could not take off: a tag or comment that never ends.
        message = f"'{text[:20]}' is markup that never ends"
        return "markup that never ends", Diagnostic(
            DiagnosticKind.MARKUP_UNTERMINATED, message, span
        )
    return None


def _is_binary(line: str) -> bool:
    """
    Whether *line* holds control or unassigned characters: not text a PDF tool printed.

    Private-use glyphs are printed text.
    """
    return not line.isprintable() and any(
        unicodedata.category(c) in {"Cc", "Cs", "Cn"} and c not in "\t\v" for c in line
    )
