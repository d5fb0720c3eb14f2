r"""
Consistency checks: every printed figure that disagrees with another.

:func:`check` holds a parsed :class:`~cnbudget.documents.Document` to the
arithmetic its tables and prose imply — parent = Σ children, 合计 = Σ its parts,
total rows, the same figure in several tables, year-on-year rates, code labels,
template leftovers — and returns a :class:`Report`. Rules have stable ids
(:class:`Rule`, ``CB101`` …) to select or ignore, like a linter's.

Sums are judged on intervals, as XBRL Calculations 1.1 judges them: a figure
printed with *d* decimals stands for ±½·10⁻ᵈ in its unit, and a total disagrees
with its parts only when the intervals do not meet. Differences inside that are
rounding, reported at :attr:`~cnbudget.diagnostics.Severity.INFO`, never as
errors. Figures of different funding scopes (口径: 部门 all sources, 财政拨款,
一般公共预算 …) are compared with ≥, never =.

>>> report = check_text(
...     "单位：万元\n"
...     "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
...     "208\t社会保障和就业支出\t26.60\t26.60\t\n"
...     "20805\t行政事业单位养老支出\t26.00\t26.00\t\n"
...     "合计\t\t26.60\t26.60\t"
... )
>>> [(f.rule.value, f.severity.value) for f in report.findings]
[('CB101', 'error'), ('CB101', 'error')]
>>> print(report.findings[0].message)
the table 208 '社会保障和就业支出' 合计 = Σ 20805: 26.60 ≠ 26.00 (a copy of one figure: no rounding)
"""

from __future__ import annotations

import decimal
import enum
import html
import itertools
from typing import TYPE_CHECKING

import attrs

from . import _html, _prose_rules, _table_rules
from .diagnostics import Severity
from .documents import Document, parse_document
from .errors import UnknownRule

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from decimal import Decimal

    from ._figures import Problem
    from .spans import Span

__all__ = ["Finding", "NotChecked", "Report", "Rule", "check", "check_text"]


def __dir__() -> list[str]:
    return __all__


class Rule(str, enum.Enum):
    """A family of checks; the value is the stable id to select or ignore."""

    #: Each coded parent row = Σ its children, per column (类 = Σ 款, 款 = Σ 项); in a
    #: table without codes, 一、 = Σ its 1. 2. rows and a row ≥ Σ its 其中 rows.
    CODE_TREE = "CB101"
    #: In each row, a 合计/小计 column = Σ the columns it heads (合计 = 基本支出 + 项目支出).
    ROW_SUMS = "CB102"
    #: Total rows = Σ the rows they close (总计 = 本年合计 + 结转); 收入总计 = 支出总计.
    TABLE_TOTALS = "CB103"
    #: A 类/款/项 or total printed in several tables agrees: = within a funding scope,
    #: ≥ from a wider scope to a narrower one (支出总表 ≥ 财政拨款 ≥ 一般公共预算).
    ACROSS_TABLES = "CB104"
    #: A prose figure whose label names a code (``卫生健康（类）支出 15.05 万元``) is printed
    #: in that code's table row.
    PROSE_TABLES = "CB105"
    #: A share (``占 98.74%``) = its amount ÷ the total it is a share of, within rounding.
    SHARES = "CB106"
    #: A year-on-year rate = change ÷ (current − change); the amount's and the rate's
    #: direction words agree (``减少 532.96 万元，增长 13.3%``).
    YEAR_ON_YEAR = "CB107"
    #: Level labels of prose paths are not shifted (``社会保障和就业支出（款）``); table
    #: names are the catalogue's names for their codes.
    CODE_LABELS = "CB108"
    #: No template text left unfilled (``XX``, ``增加（减少）``, ``主要原因是。``); a table
    #: said to be empty (``为空表``) prints no figures.
    COMPLETENESS = "CB109"
    #: A total in prose = the figures of the numbered lines under it (``收入预算总计`` over
    #: ``1. 本年收入合计`` and ``2. 上年结转结余``).
    PROSE_TOTALS = "CB110"
    #: The project budget and the number of projects agree wherever they are printed: the
    #: projects' own budgets add up to the whole, and a share of 100% of it is the whole.
    PROJECT_TOTALS = "CB111"
    #: 政府采购 = 货物 + 工程 + 服务, and 中小企业 figures are at most it; 机关运行经费 is
    #: at most 公用经费.
    BOUNDS = "CB112"

    @property
    def summary(self) -> str:
        """A one-line title."""
        return _TITLES[self]

    def __str__(self) -> str:
        return self.value


_TITLES = {
    Rule.CODE_TREE: "parent rows equal the sum of their children",
    Rule.ROW_SUMS: "合计/小计 columns equal the sum of their columns",
    Rule.TABLE_TOTALS: "total rows equal the rows they close; income total = expenditure total",
    Rule.ACROSS_TABLES: "a figure printed in several tables agrees",
    Rule.PROSE_TABLES: "prose figures equal their table row and their other mentions",
    Rule.SHARES: "shares (占 …%) follow from the amounts",
    Rule.YEAR_ON_YEAR: "year-on-year rates follow from the amounts",
    Rule.CODE_LABELS: "code labels and names are right",
    Rule.COMPLETENESS: "no template text left unfilled",
    Rule.PROSE_TOTALS: "a prose total equals the numbered lines that break it down",
    Rule.PROJECT_TOTALS: "the project budget and count agree wherever they are printed",
    Rule.BOUNDS: "政府采购 = 货物 + 工程 + 服务; 中小企业 ≤ it; 机关运行经费 ≤ 公用经费",
}

# What each rule needs, for the report when the document has none of it.
_NEEDS = {
    Rule.CODE_TREE: "no table prints a parent row with the rows under it",
    Rule.ROW_SUMS: "no table has a 合计/小计 column over other columns",
    Rule.TABLE_TOTALS: "no table has a total row over figures",
    Rule.ACROSS_TABLES: "no code or total is printed in two tables with a stated unit",
    Rule.PROSE_TABLES: (
        "no prose figure is labelled with a code that a table prints, or printed twice"
    ),
    Rule.SHARES: "no run of prose figures with shares follows a total they are shares of",
    Rule.YEAR_ON_YEAR: "no prose change gives both an amount and a rate",
    Rule.CODE_LABELS: "no labelled code path in prose and no catalogued code in tables",
    Rule.COMPLETENESS: "no template text and no table said to be empty",
    Rule.PROSE_TOTALS: "no prose total is broken down in numbered lines with figures",
    Rule.PROJECT_TOTALS: (
        "no project budget total with the projects' own budgets or a 100% share of it"
    ),
    Rule.BOUNDS: "no 政府采购 total with its parts and no 机关运行经费 beside a 公用经费",
}

# The checks' own arithmetic, whatever the caller's decimal context: sums of printed
# figures are exact at this precision, and nothing traps.
_ARITHMETIC = decimal.Context(prec=100, rounding=decimal.ROUND_HALF_EVEN, traps=[])

_RULES: dict[Rule, Callable[[Document], Iterator[Problem | None]]] = {
    Rule.CODE_TREE: _table_rules.code_trees,
    Rule.ROW_SUMS: _table_rules.row_sums,
    Rule.TABLE_TOTALS: _table_rules.table_totals,
    Rule.ACROSS_TABLES: _table_rules.across_tables,
    Rule.PROSE_TABLES: lambda document: itertools.chain(
        _prose_rules.prose_against_tables(document), _prose_rules.prose_twice(document)
    ),
    Rule.SHARES: _prose_rules.shares,
    Rule.YEAR_ON_YEAR: _prose_rules.year_on_year,
    Rule.CODE_LABELS: _prose_rules.code_labels,
    Rule.COMPLETENESS: _prose_rules.completeness,
    Rule.PROSE_TOTALS: _prose_rules.prose_totals,
    Rule.PROJECT_TOTALS: _prose_rules.project_totals,
    Rule.BOUNDS: _prose_rules.bounds,
}


@attrs.frozen
class Finding:
    """
    One figure (or text) that disagrees with another.

    Attributes:
        rule: The rule that found it.
        severity: ``error`` for a disagreement, ``warning`` where the reading may
            be at fault or the text is unfilled, ``info`` for a difference
            rounding explains.
        message: A sentence that quotes the figures and shows the arithmetic.
        spans: Where the figures lie in the text, the checked one first.
        expected: What the other figures make it, in the unit the checked figure is
            printed in (万元 for a 万元 table; percent for a rate).
        actual: What is printed, in the same unit.
        difference: *actual* − *expected*.
        tolerance: How much of the difference rounding explains.
    """

    rule: Rule
    severity: Severity
    message: str
    spans: tuple[Span, ...] = attrs.field(default=(), eq=False)
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None

    @property
    def is_rounding(self) -> bool:
        """Whether the difference is one that rounding explains."""
        return self.severity is Severity.INFO


@attrs.frozen
class NotChecked:
    """A rule that found nothing to check, and why: a rule never passes silently."""

    rule: Rule
    reason: str


@attrs.frozen(repr=False)
class Report:
    """
    What :func:`check` found.

    Attributes:
        findings: In rule order, then document order.
        not_checked: The rules that found none of their inputs.
        checks: How many checks each rule made (held or not).
    """

    findings: tuple[Finding, ...]
    not_checked: tuple[NotChecked, ...] = ()
    checks: tuple[tuple[Rule, int], ...] = ()

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self.of(s))} {s}" for s in Severity)
        return f"<Report {sum(n for _, n in self.checks)} checks: {counts}>"

    def _repr_html_(self) -> str:
        """The findings as a notebook shows them, each line coloured by its severity."""
        counts = ", ".join(
            f"{len(self.of(severity))} {severity}"
            for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO)
        )
        body = [
            (
                [
                    _html.Cell(str(finding.rule)),
                    _html.Cell(finding.severity.value, severity=finding.severity.value),
                    _html.Cell(finding.message),
                ],
                "",
            )
            for finding in self.findings
        ]
        header = [[("rule", 1, 1), ("severity", 1, 1), ("finding", 1, 1)]]
        skipped = "".join(
            f"<p>{n.rule} not checked: {html.escape(n.reason)}</p>" for n in self.not_checked
        )
        return _html.block(
            _html.grid(f"{len(self.findings)} findings: {counts}", header, body), skipped
        )

    def of(self, severity: Severity | str) -> list[Finding]:
        """
        The findings of one severity (``"info"`` for rounding).

        Raises :class:`ValueError` for a *severity* that is not ``info``, ``warning`` or
        ``error``.
        """
        wanted = Severity(severity)
        return [finding for finding in self.findings if finding.severity is wanted]

    @property
    def errors(self) -> list[Finding]:
        """The findings of severity ``error``, figures that disagree beyond rounding."""
        return self.of(Severity.ERROR)


def check(
    document: Document,
    *,
    select: Iterable[Rule | str] | None = None,
    ignore: Iterable[Rule | str] = (),
) -> Report:
    """
    Check *document*'s figures against each other.

    *select* and *ignore* take rules or id prefixes, as a linter's do: ``"CB1"``
    selects every rule, ``"CB107"`` one.

    Raises:
        UnknownRule: a selected or ignored id names no rule.
    """
    if isinstance(select, str):  # a Rule is a str too
        select = [select]
    if isinstance(ignore, str):
        ignore = [ignore]
    chosen = [
        rule
        for rule in Rule
        if (select is None or _matches(rule, select)) and not _matches(rule, ignore)
    ]
    findings: list[Finding] = []
    not_checked: list[NotChecked] = []
    counts: list[tuple[Rule, int]] = []
    with decimal.localcontext(_ARITHMETIC):
        for rule in chosen:
            made = _run(rule, document, findings)
            counts.append((rule, made))
            if not made:
                not_checked.append(NotChecked(rule, _NEEDS[rule]))
    return Report(tuple(findings), tuple(not_checked), tuple(counts))


def _run(rule: Rule, document: Document, findings: list[Finding]) -> int:
    """Run *rule*, adding what it finds to *findings*; how many checks it made."""
    made = 0
    for problem in _RULES[rule](document):
        made += 1
        if problem is not None:
            findings.append(_finding(rule, problem))
    return made


def check_text(
    text: str,
    *,
    select: Iterable[Rule | str] | None = None,
    ignore: Iterable[Rule | str] = (),
) -> Report:
    """
    Parse *text* (:func:`~cnbudget.documents.parse_document`) and :func:`check` it.

    Never raises on any text; raises :class:`~cnbudget.errors.UnknownRule` (a
    :class:`~cnbudget.errors.CnBudgetError` and :class:`ValueError`) for a *select* or
    *ignore* pattern that names no rule.
    """
    return check(parse_document(text), select=select, ignore=ignore)


def _matches(rule: Rule, patterns: Iterable[Rule | str]) -> bool:
    patterns = list(patterns)
    for pattern in patterns:
        if not str(pattern) or not any(r.value.startswith(str(pattern).upper()) for r in Rule):
            raise UnknownRule(str(pattern), ", ".join(r.value for r in Rule))
    return any(rule.value.startswith(str(pattern).upper()) for pattern in patterns)


def _finding(rule: Rule, problem: Problem) -> Finding:
    difference = None
    if problem.expected is not None and problem.actual is not None:
        difference = problem.actual - problem.expected
    return Finding(
        rule,
        problem.severity,
        problem.message,
        problem.spans,
        problem.expected,
        problem.actual,
        difference,
        problem.tolerance,
    )
