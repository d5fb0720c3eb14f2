"""
The checks that read prose: rates, figures that name a code, code labels, leftovers.

Year-on-year rates, figures labelled with a code, level labels, text the template
left unfilled, and totals against the numbered lines that break them down.

Like the table rules (:mod:`cnbudget._table_rules`), each yields ``None`` for a
check that held and a :class:`~cnbudget._figures.Problem` for one that did not.
"""

from __future__ import annotations

import bisect
import itertools
import re
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TYPE_CHECKING, NamedTuple

from ._figures import Comparison, Figure, Problem, Verdict, at_least, compare, in_unit, same_figure
from ._outline import EMPTY_TABLE
from ._table_rules import figure, money_tables, table_name
from ._text import NumberingStyle, numbering
from .amounts import Amount, Quantity
from .catalog import Catalog, check_names
from .diagnostics import DiagnosticKind, Severity
from .documents import DocumentKind, Heading, Paragraph
from .paths import find_code_paths, resolve_path
from .spans import Span
from .tables import Table, TableKind, table_kind

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from .changes import Change
    from .codes import Code
    from .documents import Document
    from .facts import Fact

# Rates are ratios, rarely exact: computed to 28 digits, then compared at the printed places.
_RATIO = Context(prec=28)
_HUNDRED = Decimal(100)
_SHOWN_RATE = Decimal("1e-10")  # a computed rate, to ten decimals of a percent
# A year cut in two by the words beside it, as a scrambled text layer prints it:
# 2 部门 026 年度 for 部门 2026 年度.
_BROKEN_YEAR = re.compile(r"(?<![0-9])([12])(\s*[\u4e00-\u9fff]{1,6}\s*)([0-9]{3})\s*年")
# Labels shorter than this (年初预算, 单价, 价值) name a figure only with the words around them.
_SPECIFIC_LABEL = 8
# Words before a label that make it another figure: 非财政拨款…, 上年…, 2025 年….
_OTHER_FIGURE = re.compile(r"非|上年|去年|本年|下年|其中|(?:19|20)[0-9]{2}\s*年")
# A label that names a code's level has one of these in it: （类）, (款), 项.
_LEVEL_WORDS = frozenset("类款项")


def year_on_year(document: Document) -> Iterator[Problem | None]:
    """CB107: a change's rate = its amount ÷ the baseline; its direction words agree."""
    for fact in document.facts:
        if not isinstance(fact.value, Amount):
            continue
        for change in fact.changes:
            if change.directions_disagree:
                yield Problem(
                    f"'{fact.label} {fact.value}，{change}': the amount and "
                    "the rate are said to move opposite ways",
                    Severity.ERROR,
                    _present(fact.span, change.span),
                )
                continue
            yield from _rate(fact, fact.value, change)


def _no_baseline(
    quote: str,
    spans: tuple[Span, ...],
    before: tuple[Decimal, str],
    slack: Decimal,
    printed: Decimal,
) -> Iterator[Problem | None]:
    """A rate over a year before that is 0, or below 0, as far as the figures show."""
    baseline, shown = before
    if baseline < -slack:
        message = (
            f"{quote}: the change is larger than the amount, so the year before would be "
            f"{shown}; the amount or the change is another figure's"
        )
        yield Problem(message, Severity.WARNING, spans)
    elif baseline == 0 and printed not in {_HUNDRED, Decimal(0)}:
        # A new item is printed as 100% by convention; any other rate has no baseline.
        message = f"{quote}: the year before is 0, so no rate follows; printed {printed}%"
        yield Problem(message, Severity.WARNING, spans)
    elif baseline == 0:
        yield None
    # A baseline that rounding alone could make 0 leaves the rate open: nothing to say.


def _places(percent: Decimal) -> int:
    """The decimals a percentage is printed with: 2 for 93.62."""
    exponent = percent.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _rate(fact: Fact, current: Amount, change: Change) -> Iterator[Problem | None]:
    """The printed rate against change ÷ (current − change), within what rounding allows."""
    delta, rate = change.signed_amount, change.signed_rate
    if delta is None or rate is None or rate.points:
        return
    now, moved = Figure.of_amount(current), Figure.of_amount(delta)
    baseline = now.value - moved.value
    places = _places(rate.percent)
    half = Decimal("0.5").scaleb(-places)
    quote = f"'{fact.label} {current}，{change}'"
    spans = _present(fact.span, change.span)
    if baseline <= now.half + moved.half:
        before = (baseline, f"{in_unit(baseline, current.unit)}{current.unit.value}")
        yield from _no_baseline(quote, spans, before, now.half + moved.half, rate.percent)
        return
    expected = _RATIO.multiply(_RATIO.divide(moved.value, baseline), _HUNDRED)
    corners = [
        _RATIO.multiply(_RATIO.divide(d, c - d), _HUNDRED)
        for c in (now.value - now.half, now.value + now.half)
        for d in (moved.value - moved.half, moved.value + moved.half)
        if c - d > 0
    ]
    rounded = expected.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == rate.percent:
        yield None
        return
    low, high = min(corners, default=expected), max(corners, default=expected)
    meets = low <= rate.percent + half and high >= rate.percent - half
    shown = in_unit(baseline, current.unit)
    moved_text = f"({delta.value})" if delta.value < 0 else str(delta.value)
    arithmetic = (
        f"{moved_text} ÷ ({current.value} − {moved_text} = {shown}) = {rounded}%, "
        f"printed {rate.percent}%"
    )
    tolerance = max(high - expected, expected - low) + half
    severity = Severity.INFO if meets else Severity.ERROR
    what = "rounding" if meets else "the rate does not follow from the amounts"
    shown_expected = expected.quantize(_SHOWN_RATE, context=_RATIO)
    yield Problem(
        f"{quote}: {what}: {arithmetic}",
        severity,
        spans,
        shown_expected,
        rate.percent,
        tolerance.quantize(_SHOWN_RATE, context=_RATIO),
    )


def prose_against_tables(document: Document) -> Iterator[Problem | None]:
    """CB105: a figure whose label names a code (``卫生健康（类）支出``) = that code's row."""
    tables = [table for table in money_tables(document) if table.unit is not None]
    rows: dict[Code, list[Figure]] = {}
    for table in tables:
        for row in table.rows:
            if row.code is not None:
                rows.setdefault(row.code, []).extend(
                    found for cell in row.cells if (found := figure(cell, table)) is not None
                )
    if not rows:
        return
    catalog = Catalog.builtin()
    for fact in document.facts:
        if not isinstance(fact.value, Amount) or not _LEVEL_WORDS.intersection(fact.label):
            continue
        paths = list(find_code_paths(fact.label))
        if not paths:
            continue
        code = resolve_path(paths[-1], catalog).code
        if code is None or code not in rows:
            continue
        printed = Figure.of_amount(fact.value)
        if any(same_figure(printed, cell).verdict is not Verdict.BROKEN for cell in rows[code]):
            yield None
            continue
        elsewhere = [
            other
            for other, cells in rows.items()
            if other != code
            and any(same_figure(printed, c).verdict is Verdict.EXACT for c in cells)
        ]
        where = f"; it is the figure of {', '.join(map(str, elsewhere))}" if elsewhere else ""
        listed = ", ".join(dict.fromkeys(cell.text for cell in rows[code] if not cell.is_blank))
        yield Problem(
            f"'{fact.label} {fact.value}': no table prints it for {code} "
            f"(its row prints {listed or 'nothing'}){where}",
            Severity.ERROR if elsewhere else Severity.WARNING,
            _present(fact.span),
            actual=fact.value.value,
        )


def prose_twice(document: Document) -> Iterator[Problem | None]:
    """CB105: one figure printed twice in a section, under one label, with two values."""
    labels = _Labels()
    paragraphs = document.paragraphs
    starts = [paragraph.span.start for paragraph in paragraphs]
    for fact in document.facts:
        if not isinstance(fact.value, Amount) or len(fact.label) < _SPECIFIC_LABEL:
            continue
        label = _written_label(paragraphs, starts, fact)
        first = labels.first(fact.context, label)
        labels.add(fact.context, label, fact)
        if first is None or not isinstance(first.value, Amount):
            continue
        twice = same_figure(Figure.of_amount(first.value), Figure.of_amount(fact.value))
        if twice.verdict is not Verdict.BROKEN:
            yield None
            continue
        yield Problem(
            f"'{fact.label} {fact.value}' is printed before as '{first.label} {first.value}'",
            Severity.WARNING,
            _present(fact.span, first.span),
            first.value.value,
            fact.value.to(first.value.unit).value,
        )


class _Labels:
    """
    The facts of each section by label, found again by a label one ends with.

    Looked up by key, not compared pairwise, so that a section of thousands of figures
    costs time in proportion to them.
    """

    # Labels longer than this are clauses, not names of a figure; so many facts are kept
    # under one key (a name repeated more often says nothing new).
    LONGEST = 64
    KEPT = 4

    def __init__(self) -> None:
        self._order = 0
        self._whole: dict[tuple[tuple[str, ...], str], list[tuple[int, str, Fact]]] = {}
        self._endings: dict[tuple[tuple[str, ...], str], list[tuple[int, str, Fact]]] = {}

    def add(self, context: tuple[str, ...], label: str, fact: Fact) -> None:
        if len(label) > self.LONGEST:
            return
        self._order += 1
        entry = (self._order, label, fact)
        self._keep(self._whole, (context, label), entry)
        for length in range(_SPECIFIC_LABEL, len(label) + 1):
            self._keep(self._endings, (context, label[-length:]), entry)

    def _keep(
        self,
        index: dict[tuple[tuple[str, ...], str], list[tuple[int, str, Fact]]],
        key: tuple[tuple[str, ...], str],
        entry: tuple[int, str, Fact],
    ) -> None:
        kept = index.setdefault(key, [])
        if len(kept) < self.KEPT:
            kept.append(entry)

    def first(self, context: tuple[str, ...], label: str) -> Fact | None:
        """The earliest fact of the section under *label*, or under a label it ends with."""
        if len(label) > self.LONGEST:
            return None
        candidates = list(self._endings.get((context, label), []))  # longer, or the same
        for length in range(_SPECIFIC_LABEL, len(label)):
            candidates += self._whole.get((context, label[-length:]), [])  # shorter
        found = [entry for entry in candidates if _same_label(entry[1], label)]
        return min(found, key=lambda entry: entry[0])[2] if found else None


def _written_label(paragraphs: Sequence[Paragraph], starts: Sequence[int], fact: Fact) -> str:
    """The label with the words its clause prints before it.

    A fact's label leaves out a leading year (2025年), which makes it another year's figure.
    """
    at = bisect.bisect_right(starts, fact.span.start) - 1 if fact.span else -1
    if at < 0:
        return fact.label
    paragraph = paragraphs[at]
    start = fact.span.start - paragraph.span.start if fact.span else 0
    if len(paragraph.text) != paragraph.span.end - paragraph.span.start:
        return fact.label  # offsets into a joined or stripped line are not exact
    before = paragraph.text[max(0, start - _SPECIFIC_LABEL) : start]
    clause = max(before.rfind(mark) for mark in "，。；：")
    return before[clause + 1 :] + fact.label


def _same_label(first: str, second: str) -> bool:
    """One label, maybe with the department's name before it (not 非…, 上年…, 2025年…)."""
    short, long = sorted((first, second), key=len)
    if not long.endswith(short):
        return False
    prefix = long[: len(long) - len(short)]
    return not _OTHER_FIGURE.search(prefix)


def code_labels(document: Document) -> Iterator[Problem | None]:
    """CB108: level labels in prose paths, and table names against the catalogue."""
    catalog = Catalog.builtin()
    for paragraph in document.paragraphs:
        for path in find_code_paths(paragraph.text):
            resolution = resolve_path(path, catalog)
            if resolution.code is None:
                continue
            shifted = [
                d for d in resolution.diagnostics if d.kind is DiagnosticKind.MISLABELLED_LEVEL
            ]
            if not shifted:
                yield None
                continue
            span = _within(paragraph.span, paragraph.text, path.span)
            for diagnostic in shifted:
                yield Problem(diagnostic.message, Severity.ERROR, (span,))
    for table in money_tables(document):
        tree = table.tree()
        mismatches = {id(m.node): m for m in check_names(tree, catalog)}
        for node in tree:
            if node.implicit or node.code not in catalog:
                continue
            mismatch = mismatches.get(id(node))
            if mismatch is None:
                yield None
                continue
            yield Problem(
                f"{table_name(table)} {node.code} '{node.name}': the catalogue calls it "
                f"'{mismatch.entry.name}'",
                Severity.WARNING,
                _present(node.span),
            )


def _present(*spans: Span | None) -> tuple[Span, ...]:
    """The spans that are known."""
    return tuple(span for span in spans if span is not None)


def _within(outer: Span, text: str, inner: Span | None) -> Span:
    """*inner* (an offset into a paragraph's text) in the source, where that is exact."""
    if inner is None or len(text) != outer.end - outer.start:
        return outer
    return Span(outer.start + inner.start, outer.start + inner.end)


def completeness(document: Document) -> Iterator[Problem | None]:
    """
    CB109: the standard tables printed; no template text left unfilled; empty tables empty.

    A table the 目录 lists (or, without one, a table of the national set for the
    document's kind) must be printed, unless the prose explains its absence (``本部门
    无政府性基金预算支出，故本表为空表``). A document that prints fewer than half of the
    tables it should publishes them apart (an attachment): it is not checked for them.
    """
    yield from _standard_tables(document)
    for diagnostic in document.diagnostics:
        if diagnostic.kind is DiagnosticKind.TEMPLATE_LEFTOVER:
            yield Problem(diagnostic.message, Severity.WARNING, _present(diagnostic.span))
    for paragraph in document.paragraphs:
        for broken in _BROKEN_YEAR.finditer(paragraph.text):
            span = _within(paragraph.span, paragraph.text, Span(broken.start(), broken.end()))
            yield Problem(
                f"'{broken[0]}': the year {broken[1]}{broken[3]} is broken by "
                f"'{broken[2].strip()}'; the text layer is scrambled here",
                Severity.WARNING,
                (span,),
            )
    for table in document.tables:
        said = [note for note in table.notes if "空表" in note or "无数据" in note]
        if not said:
            continue
        filled = [
            cell
            for row in table.rows
            for cell in row.cells
            if (found := figure(cell, table)) is not None and found.value != 0
        ]
        if not filled:
            yield None
            continue
        yield Problem(
            f"{table_name(table)}: the note '{said[0]}' says it is empty, but it prints "
            f"{', '.join(cell.raw for cell in filled[:3])}",
            Severity.ERROR,
            _present(table.span),
        )


# The national sets of tables, by the kind of disclosure (财政部's templates).
_NATIONAL = {
    DocumentKind.BUDGET: (
        TableKind.SUMMARY, TableKind.INCOME, TableKind.EXPENDITURE, TableKind.FISCAL_SUMMARY,
        TableKind.GENERAL_PUBLIC, TableKind.GENERAL_PUBLIC_BASIC, TableKind.THREE_PUBLIC,
        TableKind.GOVERNMENT_FUND, TableKind.STATE_CAPITAL,
    ),
    DocumentKind.FINAL: (
        TableKind.FINAL_SUMMARY, TableKind.FINAL_INCOME, TableKind.FINAL_EXPENDITURE,
        TableKind.FINAL_FISCAL_SUMMARY, TableKind.GENERAL_PUBLIC, TableKind.GENERAL_PUBLIC_BASIC,
        TableKind.THREE_PUBLIC, TableKind.GOVERNMENT_FUND, TableKind.STATE_CAPITAL,
    ),
}  # fmt: skip
# A contents entry that names a table, not a section on it (政府采购情况说明):
# 收支总表, 一般公共预算支出表（按功能分类科目）, 收支预算总表(01).
_NAMES_A_TABLE = re.compile(r"表\s*(?:[（(][^（）()]{0,12}[）)])?$")
# How far before its reason a sentence names the tables it explains, and what parts them.
_EXPLANATION_REACH = 80
_NAMES_APART = re.compile(r"[和及与、，,；;]")


def _explained(text: str) -> set[TableKind]:
    """
    The tables a sentence says are absent or empty, each it names.

    ``本部门无政府性基金预算支出和国有资本经营预算支出，故两表为空表`` explains both: the
    words before each reason, cut at 和, 及, 、 and commas, are classified one by one.
    """
    kinds: set[TableKind] = set()
    for reason in EMPTY_TABLE.finditer(text):
        before = text[max(0, reason.start() - _EXPLANATION_REACH) : reason.end()]
        kinds.update(table_kind(piece) for piece in _NAMES_APART.split(before))
    kinds.discard(TableKind.OTHER)
    return kinds


def _standard_tables(document: Document) -> Iterator[Problem | None]:
    """Each standard table printed, or its absence explained."""
    listed: list[tuple[str, TableKind, tuple[Span, ...]]] = [
        (f"'{entry.number}{entry.text}'", kind, (entry.span,))
        for entry in document.toc
        if _NAMES_A_TABLE.search(entry.text)
        and (kind := table_kind(entry.text)) is not TableKind.OTHER
    ]
    if listed:
        wanted = "the contents list {}, but the body prints no such table"
    else:
        listed = [(f"the {kind}", kind, ()) for kind in _NATIONAL[document.kind]]
        wanted = f"a {document.kind} discloses the national set of tables, but {{}} is not printed"
    printed = {table.kind for table in document.tables}
    kinds = {kind for _, kind, _ in listed}
    if len(kinds & printed) * 2 < len(kinds):
        return  # the tables are published apart, if at all
    explained = {kind for paragraph in document.paragraphs for kind in _explained(paragraph.text)}
    untitled = sum(1 for table in document.tables if table.kind is TableKind.OTHER)
    missing = {kind for kind in kinds if kind not in printed and kind not in explained}
    # As many tables without a known caption as are missing: they may be the missing ones.
    severity = Severity.INFO if len(missing) <= untitled else Severity.WARNING
    seen: set[TableKind] = set()
    for name, kind, spans in listed:
        if kind in seen:
            continue
        seen.add(kind)
        if kind not in missing:
            yield None
            continue
        message = wanted.format(name)
        if untitled == 1:
            message += " (unless it is the table printed without a known caption)"
        elif untitled:
            message += (
                f" (unless it is one of the {untitled} tables printed without a known caption)"
            )
        yield Problem(message, severity, spans)


# ---------------------------------------------------------------- CB110 prose totals

# How many lines under a total its first item may be, and its last.
_FIRST_ITEM = 3
_FARTHEST_ITEM = 400
# The words of a total that prose breaks down in the numbered lines under it.
_TOTAL_LABEL = re.compile(r"总计|合计|总额|总预算|共计|支出总|收入总|(?:支出|收入)(?:预|决)算数?$")


def prose_totals(document: Document) -> Iterator[Problem | None]:
    """
    CB110: a total in prose = the figures of the numbered lines under it.

    ``(一)收入预算总计1026.19万元。包括：`` over ``1. 本年收入合计 1026.19 万元。`` and
    ``2. 上年结转结余 12.95 万元。``: the lines of the first numbering style below the
    total's, numbered 1, 2, 3 … and each opening with its figure, until a line of a
    style at or above theirs that is not the next number, or a table. A list of fewer
    than two lines, or a line without a figure, is no breakdown and is left alone; a
    breakdown that adds up to less is a warning (the list may leave a part out), to
    more an error.
    """
    lines = _numbered_lines(document)
    for index, line in enumerate(lines):
        totals = [
            f for f in line.amounts if _TOTAL_LABEL.search(f.label) and not _SIDES.search(f.label)
        ]
        if not totals or (line.style is None and _opens_part(lines, index)):
            continue  # no total; or an unnumbered line over the document's parts (一、 …)
        parts = _breakdown(lines, index)
        if parts is None or all(_TOTAL_LABEL.search(part.label) for part in parts):
            # Totals under a total (收入预算总计, 支出预算总计 under 收入、支出预算总计) are
            # its sides, printed side by side, not its parts.
            continue
        figures = [Figure.of_amount(part.value) for part in parts]
        compared = [(total, compare(Figure.of_amount(total.value), figures)) for total in totals]
        held = [(t, c) for t, c in compared if c.verdict is not Verdict.BROKEN]
        if held:
            first, comparison = held[0]
        elif len(line.amounts) == 1:
            first, comparison = compared[0]
        else:
            continue  # which of the line's figures the list breaks down, nothing tells
        yield _total_problem(first.label, comparison, [part.label for part in parts], whole=False)


def _total_problem(
    label: str, comparison: Comparison, parts: Sequence[str], *, whole: bool
) -> Problem | None:
    """
    A total against the figures that break it down: ``None`` where they make it.

    Rounding is info; parts above the total an error; parts short of it a warning (a part
    may be left out) unless *whole*, every part printed, makes that an error too.
    """
    if comparison.verdict is Verdict.EXACT:
        return None
    message = f"'{label}' {comparison.arithmetic()} ({' + '.join(parts)})"
    if comparison.verdict is Verdict.ROUNDING:
        severity = Severity.INFO
    elif comparison.difference < 0 or whole:
        severity = Severity.ERROR
    else:
        severity = Severity.WARNING
    return Problem.of(message, severity, comparison)


# A total of both sides (收支总预算, 收入、支出预算总计): its lines are sides, not parts.
_SIDES = re.compile(r"收[^支]{0,3}支")
# The numbering of a document's parts, which no total's lines are.
_PARTS = frozenset({NumberingStyle.PART, NumberingStyle.CHINESE})


def _opens_part(lines: Sequence[_Line], index: int) -> bool:
    """Whether the first numbered line under line *index* numbers the document's parts."""
    following = next((line for line in lines[index + 1 :] if line.style or line.barrier), None)
    return following is not None and following.style in _PARTS


class _Line(NamedTuple):
    """A prose line as a list reads it: its numbering, its first figure if an amount, its amounts."""

    style: NumberingStyle | None
    ordinal: int | None
    first: _Figured | None
    barrier: bool  # a table: no list goes on past it
    amounts: tuple[_Figured, ...] = ()


class _Figured(NamedTuple):
    label: str
    value: Amount


def _facts_within(document: Document) -> Callable[[Span], list[Fact]]:
    """The document's facts that start within a span, in order: found by bisection."""
    located = sorted((fact.span.start, n) for n, fact in enumerate(document.facts) if fact.span)
    starts = [start for start, _ in located]

    def within(span: Span) -> list[Fact]:
        low = bisect.bisect_left(starts, span.start)
        high = bisect.bisect_left(starts, span.end, low)
        return [document.facts[n] for _, n in located[low:high]]

    return within


def _numbered_lines(document: Document) -> list[_Line]:
    """Each prose line and table of the document, in order, as :func:`_breakdown` reads them."""
    facts_within = _facts_within(document)
    lines = []
    for element in document.elements:
        if isinstance(element, Table):
            lines.append(_Line(None, None, None, barrier=True))
            continue
        if not isinstance(element, (Paragraph, Heading)):
            continue
        text = element.text if isinstance(element, Paragraph) else f"{element.number}{element.text}"
        numbered = numbering(text)
        facts = facts_within(element.span)
        first = None
        if facts and isinstance(facts[0].value, Amount):
            first = _Figured(facts[0].label, facts[0].value)
        amounts = tuple(_Figured(f.label, f.value) for f in facts if isinstance(f.value, Amount))
        lines.append(_Line(numbered.style, numbered.ordinal, first, barrier=False, amounts=amounts))
    return lines


def _breakdown(lines: Sequence[_Line], index: int) -> list[_Figured] | None:
    """
    The figures of the list of lines under line *index*, if it is one.

    An item printed without a figure (``（二）卫生健康支出（类）``) counts with the
    figures of the items under it (``1. … 年初预算 10.4 万元``), if each has one.
    """
    items = _items(lines, index)
    if items is None or len(items) < 2:  # noqa: PLR2004 -- one line is no breakdown
        return None
    parts: list[_Figured] = []
    for item in items:
        line = lines[item]
        if line.first is not None:
            parts.append(line.first)
            continue
        below = _items(lines, item)
        if not below or any(lines[n].first is None for n in below):
            return None  # an item without its figure: not a breakdown of the total
        parts.extend(first for n in below if (first := lines[n].first) is not None)
    return parts


def _items(lines: Sequence[_Line], index: int) -> list[int] | None:
    """The lines numbered 1, 2, 3 … in the first numbering style under line *index*."""
    style = lines[index].style
    rank = style.rank if style is not None else -1
    child: NumberingStyle | None = None
    items: list[int] = []
    for number in range(index + 1, min(len(lines), index + _FARTHEST_ITEM)):
        line = lines[number]
        if line.barrier or (child is None and number > index + _FIRST_ITEM):
            break  # a table, or no item right under the total: no list of its parts
        if line.style is None:
            continue  # prose between the items: 主要原因是…
        if line.style.rank <= rank or (child is not None and line.style.rank < child.rank):
            break  # a line at or above the total's level, or the items': the list has ended
        if child is None:
            child = line.style
        if line.style is not child:
            continue  # a line further down, inside an item
        if line.ordinal != len(items) + 1:
            break  # numbered from 1 again: another list
        items.append(number)
    return items


# ---------------------------------------------------------------- CB106 shares


def shares(document: Document) -> Iterator[Problem | None]:
    """
    CB106: each ``占 X%`` = its amount ÷ the total it is a share of, within rounding.

    Shares come in runs (``基本支出 301.51 万元，占 96.15%；项目支出 12.06 万元，占
    3.85%。基本支出中，人员经费 282.26 万元，占 93.62%；公用经费 …``). A run is cut
    into splits whose shares add up to 100%, and each split's total is told by the
    arithmetic: the figure printed before it that its amounts add up to. A split
    with no such figure is left alone (its total is printed elsewhere); in one that
    has it, a share that does not follow from the amounts is an error.
    """
    for base, found in _share_runs(document):
        run = [fact for fact in found if isinstance(fact.value, Amount)]
        start = 0
        while (end := _split_end(run, start)) is not None:
            split = run[start:end]
            before = [*base, *run[:start]]
            total = _total_of(split, before)
            if total is not None:
                yield from (_share_problem(fact, total) for fact in split)
            start = end


def _split_end(run: Sequence[Fact], start: int) -> int | None:
    """
    Where the split of *run* that starts at *start* ends: its shares add up to 100%.

    Of the ends where they do within rounding, the one nearest 100% (then the
    longest): a printed ``0%`` may hide half a percent, and must not end a split early.
    """
    summed, slack = Decimal(0), Decimal(0)
    best: tuple[Decimal, int] | None = None
    for end in range(start, len(run)):
        share = run[end].share
        assert share is not None  # noqa: S101 -- a fact of a run has a share
        summed += share.percent
        slack += Decimal("0.5").scaleb(-_places(share.percent))
        if summed > _HUNDRED + slack:
            break
        off = abs(summed - _HUNDRED)
        if end > start and off <= slack and (best is None or off <= best[0]):
            best = (off, end + 1)
    return best[1] if best is not None else None


def _total_of(split: Sequence[Fact], before: Sequence[Fact]) -> Fact | None:
    """The last figure printed before *split* that its amounts add up to, if any."""
    parts = [Figure.of_amount(fact.value) for fact in split if isinstance(fact.value, Amount)]
    for candidate in reversed(before):
        if isinstance(candidate.value, Amount) and candidate.value.value > 0:
            comparison = compare(Figure.of_amount(candidate.value), parts)
            if comparison.verdict is not Verdict.BROKEN:
                return candidate
    return None


def _share_runs(document: Document) -> Iterator[tuple[list[Fact], list[Fact]]]:
    """
    Runs of facts with a share, each with the figures it may be shares of.

    Those are the figures before the first share in its paragraph (``“三公”经费 0.18
    万元，其中…占…``), else those of the paragraph just before the run.
    """
    base: list[Fact] = []
    run: list[Fact] = []
    facts_within = _facts_within(document)
    for paragraph in document.paragraphs:
        facts = [fact for fact in facts_within(paragraph.span) if isinstance(fact.value, Amount)]
        if not facts:
            continue
        first = next((n for n, fact in enumerate(facts) if fact.share is not None), None)
        if first is None:
            if len(run) >= 2:  # noqa: PLR2004 -- one share alone tells nothing of its total
                yield base, run
            base, run = facts, []
            continue
        shared = [fact for fact in facts[first:] if fact.share is not None]
        if first:  # figures before the shares: the run's total is among them
            if len(run) >= 2:  # noqa: PLR2004
                yield base, run
            base, run = facts[:first], shared
        else:
            run.extend(shared)  # the run goes on, line after line
    if len(run) >= 2:  # noqa: PLR2004
        yield base, run


def _share_meets(fact: Fact, total: Fact) -> bool:
    """Whether the share *fact* prints of *total* is within what rounding the figures allows."""
    share, value, base = fact.share, fact.value, total.value
    if share is None or not isinstance(value, Amount) or not isinstance(base, Amount):
        return False
    whole, part = Figure.of_amount(base), Figure.of_amount(value)
    if whole.value - whole.half <= 0:
        return False
    places = _places(share.percent)
    half = Decimal("0.5").scaleb(-places)
    low = _RATIO.divide(max(part.value - part.half, Decimal(0)), whole.value + whole.half)
    high = _RATIO.divide(part.value + part.half, whole.value - whole.half)
    low, high = _RATIO.multiply(low, _HUNDRED), _RATIO.multiply(high, _HUNDRED)
    return low <= share.percent + half and high >= share.percent - half


def _share_problem(fact: Fact, total: Fact) -> Problem | None:
    share, value = fact.share, fact.value
    assert share is not None  # noqa: S101 -- a fact of a run
    assert isinstance(value, Amount)  # noqa: S101
    assert isinstance(total.value, Amount)  # noqa: S101
    whole = Figure.of_amount(total.value)
    computed = _RATIO.multiply(_RATIO.divide(Figure.of_amount(value).value, whole.value), _HUNDRED)
    places = _places(share.percent)
    rounded = computed.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == share.percent:
        return None
    arithmetic = f"{value} ÷ {total.value} = {rounded}%, printed {share.percent}%"
    meets = _share_meets(fact, total)
    return Problem(
        f"'{fact.label} {value}，占{share.percent}%' of '{total.label} {total.value}': "
        + ("rounding: " if meets else "the share does not follow from the amounts: ")
        + arithmetic,
        Severity.INFO if meets else Severity.ERROR,
        _present(fact.span, total.span),
        computed.quantize(_SHOWN_RATE, context=_RATIO),
        share.percent,
    )


# The project budget as a whole: 项目预算总金额 157.07 万元, 项目支出预算总额.
_PROJECT_TOTAL = re.compile(r"项目(?:支出)?预算(?:总金额|总额|合计|总计)|项目(?:总金额|总预算)")
# How many projects there are: 预算安排项目 4 个, 项目总数.
_PROJECT_COUNT = re.compile(r"安排(?:的)?(?:预算)?项目$|项目(?:总数|个数|数量)$")
# One project's own budget, in the part about it: 该项目预算 313 万元, 本项目年度预算.
_ONE_PROJECT = re.compile(r"^(?:该|本)项目(?:年度|本年)?(?:预算|资金)(?:安排)?(?:金额|数)?$")
_PROJECT_COUNTERS = frozenset({"个", "项"})


def project_totals(document: Document) -> Iterator[Problem | None]:
    """
    CB111: the project budget and the number of projects agree wherever they are printed.

    The part on project spending gives the whole (``预算安排项目 4 个，项目预算总金额
    157.07 万元``); the parts on each project give theirs (``该项目预算 313 万元``), which
    add up to it when there are as many as the projects counted; and the part on
    performance targets may say it again as a share (``公开填报绩效目标的项目预算 1013.25
    万元，占全部项目预算的 100%``, ``公开项目 29 个，…占全部预算项目的 100%``), which must
    then be the same figure.
    """
    facts = document.facts
    total = next(
        (f for f in facts if isinstance(f.value, Amount) and _PROJECT_TOTAL.search(f.label)), None
    )
    count = next(
        (f for f in facts if _is_project_count(f) and _PROJECT_COUNT.search(f.label)), None
    )
    if total is not None:
        yield from _each_project(facts, total, count)
    share_words = _share_words(document)
    for fact in facts:
        if fact is total or fact.share is None or fact.share.percent != _HUNDRED:
            continue
        if not _OF_ALL.search(share_words(fact)):
            continue  # 占该项目预算的100%: of one project, not of them all
        if total is not None and isinstance(fact.value, Amount) and "项目" in fact.label:
            yield _whole_again(total, fact)
        elif count is not None and _is_project_count(fact) and fact is not count:
            yield _count_again(count, fact)


# A share of all the projects: 占全部项目预算的100%, 占全部预算项目的100%.
_OF_ALL = re.compile(r"占(?:全部|所有)[^，。；]{0,10}项目")
_SHARE_WORDS = 16


def _share_words(document: Document) -> Callable[[Fact], str]:
    """
    The words before a fact's share (占全部项目预算的), from the paragraph it was read from.

    Where the paragraph's text is its source as printed, the words just before the share;
    where lines were joined or markup removed, the whole paragraph.
    """
    paragraphs = document.paragraphs
    starts = [p.span.start for p in paragraphs]

    def words_of(fact: Fact) -> str:
        share = fact.share.span if fact.share is not None else None
        if share is None or not paragraphs:
            return ""
        paragraph = paragraphs[max(bisect.bisect_right(starts, share.start) - 1, 0)]
        span = paragraph.span
        if not span.start <= share.start < span.end:
            return ""
        if len(paragraph.text) != span.end - span.start:
            return paragraph.text
        at = share.start - span.start
        return paragraph.text[max(0, at - _SHARE_WORDS) : at]

    return words_of


def _is_project_count(fact: Fact) -> bool:
    value = fact.value
    return (
        isinstance(value, Quantity) and value.counter in _PROJECT_COUNTERS and "项目" in fact.label
    )


def _each_project(
    facts: Sequence[Fact], total: Fact, count: Fact | None
) -> Iterator[Problem | None]:
    """The projects' own budgets against the whole, when there is one for each project."""
    each = [f for f in facts if isinstance(f.value, Amount) and _ONE_PROJECT.search(f.label)]
    counted = count.value.value if count is not None else None
    if len(each) < 2 or (counted is not None and counted != len(each)):  # noqa: PLR2004
        return  # not every project is given (or only one): nothing to add up
    assert isinstance(total.value, Amount)  # noqa: S101 -- chosen so
    parts = [Figure.of_amount(f.value) for f in each if isinstance(f.value, Amount)]
    comparison = compare(Figure.of_amount(total.value), parts)
    if comparison.verdict is Verdict.EXACT:
        yield None
        return
    message = (
        f"'{total.label}' {comparison.arithmetic()} (the {len(each)} projects' '{each[0].label}')"
    )
    broken = comparison.verdict is Verdict.BROKEN
    # Without a count, the parts may be the main projects only: no more than a note.
    severity = Severity.ERROR if broken and counted is not None else Severity.INFO
    yield Problem.of(message, severity, comparison)


def _whole_again(total: Fact, fact: Fact) -> Problem | None:
    """*fact*, printed as 100% of the project budget, against the project budget."""
    assert isinstance(total.value, Amount)  # noqa: S101 -- chosen so
    assert isinstance(fact.value, Amount)  # noqa: S101
    comparison = same_figure(Figure.of_amount(total.value), Figure.of_amount(fact.value))
    if comparison.verdict is Verdict.EXACT:
        return None
    message = f"'{total.label}' {comparison.arithmetic()}, which '{fact.label}' gives as 100% of it"
    broken = comparison.verdict is Verdict.BROKEN
    return Problem.of(message, Severity.ERROR if broken else Severity.INFO, comparison)


def _count_again(count: Fact, fact: Fact) -> Problem | None:
    """*fact*, printed as 100% of the projects, against the number of projects."""
    if fact.value.value == count.value.value:
        return None
    return Problem(
        f"'{count.label} {count.value}' ≠ '{fact.label} {fact.value}', which is 100% of them",
        Severity.ERROR,
        _present(count.span, fact.span),
        fact.value.value,
        count.value.value,
        Decimal(0),
    )


# 政府采购支出预算总额 19.4 万元 … 货物 9.8 万元，工程 0 万元，服务 9.6 万元.
_PROCUREMENT_TOTAL = re.compile(r"政府采购.{0,8}(?:总额|合计|总计|预算)$")
_PROCUREMENT_PARTS = ("货物", "工程", "服务")
_SMALL_FIRMS = re.compile(r"中小企业")
# 机关运行经费 (also 机构运行经费) is the 公用经费 of the administrative units: never more.
_OPERATING_COSTS = re.compile(r"(?:机关|机构)运行经费")
_OVERHEADS = re.compile(r"(?<!非测算)公用经费$")
# A label naming another year's figure: 上年…, 2025年… in a 2026 document.
_LAST_YEAR = re.compile(r"上年|去年|上一年")
_LABEL_YEAR = re.compile(r"((?:19|20)[0-9]{2})\s*年")


def _of_another_year(label: str, document: Document) -> bool:
    """上年…, 2025年… in a 2026 document, or a 决算 in a 预算 (the year before's accounts)."""
    if _LAST_YEAR.search(label) or (document.kind is DocumentKind.BUDGET and "决算" in label):
        return True
    named = _LABEL_YEAR.search(label)
    return named is not None and document.year is not None and int(named[1]) != document.year


def bounds(document: Document) -> Iterator[Problem | None]:
    """
    CB112: 政府采购 = 货物 + 工程 + 服务, 中小企业 shares ≤ it, 机关运行经费 ≤ 公用经费.

    The procurement total's parts are the figures after it in its paragraph labelled with
    货物, 工程 or 服务; with all three printed they must make it, with fewer they may fall
    short (a part left out: a warning), never exceed it. A figure for 中小企业 (预留, 授予) is
    at most the total. 机关运行经费 is the 公用经费 of the administrative units, so no more
    than the largest 公用经费 the prose prints (the widest scope).
    """
    facts_within = _facts_within(document)
    for paragraph in document.paragraphs:
        facts = [f for f in facts_within(paragraph.span) if isinstance(f.value, Amount)]
        totals = [n for n, fact in enumerate(facts) if _is_procurement_total(fact.label)]
        for total, end in itertools.pairwise([*totals, len(facts)]):
            yield from _procurement(facts[total], facts[total + 1 : end])
    # This year's figures only: 2025年机关运行经费 is held to no 公用经费 of 2026.
    amounts = [
        f
        for f in document.facts
        if isinstance(f.value, Amount) and not _of_another_year(f.label, document)
    ]
    overheads = [f for f in amounts if _OVERHEADS.search(f.label)]
    if overheads:
        widest = max(overheads, key=lambda f: Figure.of_amount(_amount(f)).value)
        for fact in amounts:
            if _OPERATING_COSTS.search(fact.label):
                yield _no_more_than(fact, widest)


def _is_procurement_total(label: str) -> bool:
    """政府采购支出预算总额; not 政府采购服务预算, a part."""
    if not _PROCUREMENT_TOTAL.search(label):
        return False
    return not any(part in label for part in _PROCUREMENT_PARTS)


def _amount(fact: Fact) -> Amount:
    assert isinstance(fact.value, Amount)  # noqa: S101 -- the callers keep amounts only
    return fact.value


def _procurement(total: Fact, after: Sequence[Fact]) -> Iterator[Problem | None]:
    parts: dict[str, Fact] = {}
    small: list[Fact] = []
    for fact in after:  # up to the next total, whose own parts follow it
        if _SMALL_FIRMS.search(fact.label):
            small.append(fact)
            continue
        kinds = [kind for kind in _PROCUREMENT_PARTS if kind in fact.label]
        if len(kinds) == 1 and kinds[0] not in parts:
            parts[kinds[0]] = fact
    yield from (_no_more_than(fact, total) for fact in small)
    if len(parts) < 2:  # noqa: PLR2004 -- one part alone breaks nothing down
        return
    printed = list(parts.values())
    comparison = compare(
        Figure.of_amount(_amount(total)), [Figure.of_amount(_amount(f)) for f in printed]
    )
    whole = len(parts) == len(_PROCUREMENT_PARTS)
    yield _total_problem(total.label, comparison, [f.label for f in printed], whole=whole)


def _no_more_than(fact: Fact, bound: Fact) -> Problem | None:
    """*fact* is at most *bound*: a problem where it is more than rounding allows."""
    comparison = at_least(Figure.of_amount(_amount(bound)), Figure.of_amount(_amount(fact)))
    if comparison is None:
        return None
    message = (
        f"'{fact.label} {fact.value}' is more than '{bound.label} {bound.value}', "
        f"which holds it: {bound.value} < {fact.value}"
    )
    return Problem.of(message, Severity.ERROR, comparison)
