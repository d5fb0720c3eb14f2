"""
Hostile inputs that could make cnbudget quadratic or runaway, timed at two sizes.

Run with ``python benchmarks/hostile.py`` where cnbudget is installed;
``--list`` names the cases, ``--only NAME ...`` (shell patterns allowed) picks some.
Each case repeats one shape until the text is about the size asked for (in
characters) and times one public call on it, in a fresh interpreter (this file
with ``--one``) under a timeout and a memory limit, so that a runaway case
reports ``>20 s`` instead of hanging. The ratio is the time at the largest size
over the time at the size below it; a case is ``linear`` when that ratio stays
within 2.5 times the ratio of the sizes, ``SUPERLINEAR`` otherwise, and ``SLOW``
when the largest size takes over 2 s. Peak memory is reported against the size of
the input in UTF-8. Any exception but :class:`cnbudget.ParseError` is a bug.

Cases marked with an issue and item (``14#3`` for the hostile-input issue's third item,
``9`` for the plain-tables issue) reproduce the issue; ``own``
cases are further shapes read off the code's regexes and loops, and ``control``
cases are ordinary text, to show what linear looks like on this machine.
"""

from __future__ import annotations

import argparse
import fnmatch
import gc
import json
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import cnbudget

if sys.platform != "win32":
    import resource

if TYPE_CHECKING:
    from collections.abc import Callable

# A case is linear while its time grows at most this many times faster than its input.
LINEAR_SLACK = 2.5
# The largest size may take this long before the case is SLOW, in seconds.
SLOW = 2.0
# Timed rounds: at most this many, and no more once they have taken this long in all.
ROUNDS = 5
ROUND_BUDGET = 0.5
# Text that runs every layer once, so that the timed calls do not build the grammar.
WARM_UP = (
    "2026年某某局部门预算公开\n批复时间：2026年2月10日\n目录\n一、部门概况\n"
    "一、部门概况\n基本支出 355.50 万元，比上年预算减少 24.37 万元，下降 6.42%。\n"
    "表1 收支总表\n单位：万元\n科目\t金额\n208\t1.00\n合计\t1.00\n"
    "| 科目 | 金额 |\n|---|---|\n| 208 | 1 |\n\n"
    '<table><tr><td rowspan="2">科目</td><td>金额</td></tr><tr><td>1</td></tr></table>\n'
)
WARM_UP_SIZE = 256  # each case's own shape is also run once at this size (not timed)


# ---------------------------------------------------------------- the cases


class Case(NamedTuple):
    name: str
    origin: str  # "14#3" for issue 14's third item, "own" or "control"
    shape: str  # what the text is, for --list
    build: Callable[[int], str]  # the text of about a given size, in characters
    call: Callable[[str], object]
    expect_parse_error: bool = False  # the call must raise ParseError (and nothing else)
    fixed: bool = False  # the text does not grow with the size: time and memory only


def fill(size: int, unit: str, head: str = "", tail: str = "") -> str:
    """*head*, *unit* repeated, *tail*: about *size* characters, *unit* at least once."""
    count = max(1, (size - len(head) - len(tail)) // len(unit))
    return head + unit * count + tail


def grow(size: int, piece: Callable[[int], str], head: str = "") -> str:
    """*head* then ``piece(0)``, ``piece(1)`` … until the text has *size* characters."""
    parts, length, index = [head], len(head), 0
    while length < size or index == 0:
        parts.append(piece(index))
        length += len(parts[-1])
        index += 1
    return "".join(parts)


def toc_matched(size: int) -> str:
    """A 目录 of many entries, then a heading of the body for each, as markdown."""
    entries, headings, length, index = [], [], len("目录\n"), 0
    while length < size or index == 0:
        entries.append(f"{index}、条目{index}\n")
        headings.append(f"## {index}、条目{index}\n")
        length += len(entries[-1]) + len(headings[-1])
        index += 1
    return "目录\n" + "".join(entries) + "".join(headings)


def toc_unmatched(size: int) -> str:
    """A 目录 of many entries and a body of as many headings, none of them listed."""
    entries, headings, length, index = [], [], len("目录\n正文。\n"), 0
    while length < size or index == 0:
        entries.append(f"{index}、条目{index}\n")
        headings.append(f"## 标题{index}\n")
        length += len(entries[-1]) + len(headings[-1])
        index += 1
    return "目录\n" + "".join(entries) + "正文。\n" + "".join(headings)


def wide_header(size: int) -> str:
    """Two header rows of many labels over one data row."""
    width = max(2, (size - 8) // 4)
    row = "\t".join(["标"] * width) + "\n"
    return row + row + "208\t1\n"


def control_table(size: int) -> str:
    return grow(
        size,
        lambda i: f"2{i % 100:02d}{i % 97:02d}\t\t名称{i}\t{i}.00\t{i % 7}.50\n",
        head="科目编码\t\t科目名称\t合计\t基本支出\n",
    )


HUGE_SPAN = '<table><tr><td rowspan="1000000" colspan="1000000">x</td></tr>' + "<tr>" * 1000
HEADER_REPEATS = ("科目\t金额\n208\t1\n", "科目\t金额\n")
NUMBERED = "一、标题甲\n（一）标题乙\n1.标题丙\n"
PAGE_BREAKS = "208\t1\n-- PAGE_BREAK --\n"
PROSE = "基本支出 355.50 万元，比上年预算减少 24.37 万元，下降 6.42%。\n"


def _tables(text: str) -> object:
    return cnbudget.find_tables(text)


def _table(text: str) -> object:
    return cnbudget.parse_table(text)


def _document(text: str) -> object:
    return cnbudget.parse_document(text)


def _check(text: str) -> object:
    return cnbudget.check_text(text)


def _phrases(text: str) -> object:
    return list(cnbudget.find_phrases(text))


def _date(text: str) -> object:
    return cnbudget.parse_date(text)


def _amount(text: str) -> object:
    return cnbudget.parse_amount(text)


CALLS: dict[str, Callable[[str], object]] = {
    "find_tables": _tables,
    "parse_table": _table,
    "parse_document": _document,
    "check_text": _check,
    "find_phrases": _phrases,
    "parse_date": _date,
    "parse_amount": _amount,
}

# Units that almost make a phrase, repeated: a backtracking scanner or grammar would
# retry each run from every position.
NEAR_PHRASES = [
    "1,",
    "1.",
    "一",
    "二零",
    "增加",
    "增加 1",
    "2026 年",
    "比上年",
    "约",
    "\\geq ",
    "**",
    "</b>",
    "** 1元",
    "<b>",
    "5 万元，增长",
    "截至 ",
    "自 2024 年 1 月 1 日-",
    "\x00",
    "甲",
]


SMALL_TABLE = (
    "表1 一般公共预算支出表\n单位：万元\n科目编码\t科目名称\t合计\n"
    "208\t社会保障和就业支出\t1.00\n合计\t\t1.00\n\n"
)
PLAIN_HEAD = "支出表\n单位：元\n科目编码 科目名称 合计 基本支出 项目支出\n"


def _near_phrase(unit: str) -> Callable[[int], str]:
    return lambda n: fill(n, unit)


def cases_of(
    shape: str, origin: str, what: str, build: Callable[[int], str], *calls: str
) -> list[Case]:
    """One case per function, all on the same text: ``shape.function``."""
    return [Case(f"{shape}.{call}", origin, what, build, CALLS[call]) for call in calls]


CASES: list[Case] = [
    *cases_of(
        "plain-rows",
        "9",
        r"'支出表\n单位：元\n科目编码 科目名称 合计 基本支出 项目支出\n' + '201 01 事务 100 100\n' * k",
        lambda n: fill(n, "201 01 事务 100 100\n", head=PLAIN_HEAD),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "plain-pieces",
        "9",
        r"'支出表\n单位：元\n…' + '201 事务 100 100\n' + '名称的一段\n' * k",
        lambda n: fill(n, "名称的一段\n", head=PLAIN_HEAD + "201 事务 100 100\n"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "unit-lines",
        "9",
        r"'单位：元\n' * k: each opens a table in plain text that never comes",
        lambda n: fill(n, "单位：元\n"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "plain-uncoded-pieces",
        "9",
        r"'支出表\n单位：元\n项目 合计\n' + ('其中：甲 1\n' + '乙\n' * 3) * k",
        lambda n: fill(n, "其中：甲 1\n乙\n乙\n乙\n", head="支出表\n单位：元\n项目 合计\n"),
        "find_tables",
    ),
    *cases_of(
        "header-repeats",
        "14#1",
        r"'科目\t金额\n208\t1\n' + '科目\t金额\n' * k",
        lambda n: fill(n, HEADER_REPEATS[1], head=HEADER_REPEATS[0]),
        "find_tables",
    ),
    *cases_of(
        "numbered-lines",
        "14#1",
        r"'一、标题甲\n（一）标题乙\n1.标题丙\n' * k",
        lambda n: fill(n, NUMBERED),
        "parse_table",
        "parse_document",
    ),
    *cases_of(
        "page-breaks",
        "14#1",
        r"'科目\t金额\n' + '208\t1\n-- PAGE_BREAK --\n' * k",
        lambda n: fill(n, PAGE_BREAKS, head="科目\t金额\n"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "html-unclosed-rows",
        "14#1",
        "'<table>' + '<tr><td>x' * k",
        lambda n: fill(n, "<tr><td>x", head="<table>"),
        "find_tables",
    ),
    *cases_of(
        "toc-matched",
        "14#2",
        r"'目录\n' + '{i}、条目{i}\n' for each i, then '## {i}、条目{i}\n' for each i",
        toc_matched,
        "parse_document",
    ),
    *cases_of(
        "approved-spaces",
        "14#3",
        "'批复时间：a' + ' ' * n + 'b'",
        lambda n: fill(n, " ", head="批复时间：a", tail="b"),
        "parse_document",
    ),
    *cases_of(
        "phone-spaces",
        "14#3",
        "'电话：a' + ' ' * n + 'b'",
        lambda n: fill(n, " ", head="电话：a", tail="b"),
        "parse_document",
    ),
    *cases_of(
        "template-spaces",
        "14#3",
        "'基本' + ' ' * n + 'x 1万元'",
        lambda n: fill(n, " ", head="基本", tail="x 1万元"),
        "parse_document",
    ),
    *cases_of(
        "toc-leader-dots",
        "14#3",
        r"'目录\n' + '.' * n + 'x'",
        lambda n: fill(n, ".", head="目录\n", tail="x"),
        "parse_document",
    ),
    *cases_of(
        "markdown-rule-spaces",
        "14#3",
        "'|--' + ' ' * n + 'x'",
        lambda n: fill(n, " ", head="|--", tail="x"),
        "parse_document",
        "find_tables",
    ),
    Case(
        "html-huge-span.find_tables",
        "14#4",
        "'<table><tr><td rowspan=\"1000000\" colspan=\"1000000\">x</td></tr>' + '<tr>' * 1000"
        " (4 KB at every size)",
        lambda _: HUGE_SPAN,
        _tables,
        fixed=True,
    ),
    *cases_of(
        "html-colspan",
        "14#4",
        "'<table><tr>' + '<td colspan=\"1000\">1' * k",
        lambda n: fill(n, '<td colspan="1000">1', head="<table><tr>"),
        "find_tables",
    ),
    *cases_of(
        "html-open-td",
        "14#5",
        "'<table>' + '<td' * k",
        lambda n: fill(n, "<td", head="<table>"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "comments",
        "14#5",
        "'<!--' * k",
        lambda n: fill(n, "<!--"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "run-digits", "own", "'1' * n", lambda n: fill(n, "1"), "find_phrases", "parse_document"
    ),
    *cases_of(
        "run-spaces",
        "own",
        "'x' + ' ' * n + 'x'",
        lambda n: fill(n, " ", head="x", tail="x"),
        "find_phrases",
        "parse_document",
    ),
    *cases_of(
        "run-wan", "own", "'万' * n", lambda n: fill(n, "万"), "find_phrases", "parse_document"
    ),
    *cases_of(
        "run-paren", "own", "'（' * n", lambda n: fill(n, "（"), "find_phrases", "parse_document"
    ),
    *cases_of(
        "run-line-ends",
        "14#9",
        r"'x' + '\r\u2028\x85' * k + 'x'",
        lambda n: fill(n, "\r\u2028\x85", head="x", tail="x"),
        "find_phrases",
        "parse_document",
    ),
    Case(
        "month-digits.parse_date",
        "14#13",
        "'9' * n + '月' (must raise ParseError)",
        lambda n: fill(n, "9", tail="月"),
        _date,
        expect_parse_error=True,
    ),
    # Shapes of our own, read off the code.
    *[
        case
        for index, unit in enumerate(NEAR_PHRASES)
        for case in cases_of(
            f"near-phrase-{index}",
            "own",
            f"{unit!r} * k: a run that almost makes a phrase",
            _near_phrase(unit),
            "find_phrases",
            "parse_amount",
        )
    ],
    *cases_of(
        "header-repeats",
        "own",
        r"#1 through parse_table: the repeated header rows are dropped in _build",
        lambda n: fill(n, HEADER_REPEATS[1], head=HEADER_REPEATS[0]),
        "parse_table",
    ),
    *cases_of(
        "toc-unmatched",
        "own",
        r"#5 with no entry matching: '目录\n' + entries + '正文。\n' + '## 标题{i}\n' * k",
        toc_unmatched,
        "parse_document",
    ),
    *cases_of(
        "page-break-runs",
        "own",
        r"'科目\t金额\n' + ('208\t1\n' + '-- PAGE_BREAK --\n' * 3) * k: every row a block",
        lambda n: fill(n, "208\t1\n" + "-- PAGE_BREAK --\n" * 3, head="科目\t金额\n"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "wide-header",
        "own",
        r"('标\t' * k + '\n') * 2 + '208\t1': column paths test 'in' on a list",
        wide_header,
        "find_tables",
    ),
    *cases_of(
        "aligned-columns",
        "own",
        "'a  ' * k: one space-aligned line of k columns, each cut by a scan of the line",
        lambda n: fill(n, "a  ", tail="a"),
        "parse_table",
    ),
    *cases_of(
        "ideographic-spaces",
        "own",
        r"'科目\t甲' + '\u3000' * n + 'x\n208\t1\n': _BROKEN retries the run at every space",
        lambda n: fill(n, "\u3000", head="科目\t甲", tail="x\n208\t1\n"),
        "find_tables",
    ),
    *cases_of(
        "html-wide-row",
        "own",
        "'<table><tr>' + '<td>1' * k: read_html pops cells from the front of a list",
        lambda n: fill(n, "<td>1", head="<table><tr>"),
        "find_tables",
    ),
    *cases_of(
        "html-rowspan-row",
        "own",
        "'<table><tr>' + '<td rowspan=\"3\">1' * k + '<tr><tr>': empty rows under k rowspans",
        lambda n: fill(n, '<td rowspan="3">1', head="<table><tr>", tail="<tr><tr>"),
        "find_tables",
    ),
    *cases_of(
        "table-tags-unclosed",
        "own",
        "'<table ' * k: each tag's [^>]* runs to the end of the text",
        lambda n: fill(n, "<table "),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "html-tables-one-line",
        "14#7",
        "'<table><tr><td>1</td></tr></table>' * k on one line: k blocks on the same line",
        lambda n: fill(n, "<table><tr><td>1</td></tr></table>"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "table-comments",
        "own",
        "'<table>' + '<!--' * k: #8's comments inside a table, where the HTML parser reads them",
        lambda n: fill(n, "<!--", head="<table>"),
        "find_tables",
        "parse_document",
    ),
    *cases_of(
        "number-gap",
        "own",
        r"'1' + ' \r\u3000\xa0' * k + 'x': the scanner's gaps after a numeral",
        lambda n: fill(n, " \r\u3000\xa0", head="1", tail="x"),
        "find_phrases",
        "parse_document",
    ),
    *cases_of(
        "number-list",
        "own",
        "'1、' * k: a list of numbers with no unit, which a list of amounts would end with",
        lambda n: fill(n, "1、"),
        "find_phrases",
        "parse_document",
    ),
    *cases_of(
        "number-list-unit",
        "own",
        "'1、' * k + '1万元': amounts sharing one unit (the last 33 of them read as a list)",
        lambda n: fill(n, "1、", tail="1万元"),
        "find_phrases",
    ),
    *cases_of(
        "digits-unit",
        "own",
        "'9' * n + '万元': one huge amount through the grammar",
        lambda n: fill(n, "9", tail="万元"),
        "find_phrases",
        "parse_document",
    ),
    *cases_of(
        "wan-without-yuan",
        "own",
        "'项目预算' + '1万，' * k: figures in 万 with 元 left out, each in a sentence of money",
        lambda n: fill(n, "1万，", head="项目预算"),
        "find_phrases",
        "parse_document",
    ),
    *cases_of(
        "cut-words",
        "own",
        "'项目预算总\\n\\n' * k: lines ending inside a word, each joined past a blank line",
        lambda n: fill(n, "项目预算总\n\n"),
        "parse_document",
    ),
    *cases_of(
        "table-long-number",
        "own",
        r"'科目\t金额\n208\t' + '9' * n: one huge cell value",
        lambda n: fill(n, "9", head="科目\t金额\n208\t"),
        "find_tables",
    ),
    # The checks: figures that could be compared pairwise.
    *cases_of(
        "facts-one-section",
        "own",
        "'（一）支出\\n' + '某某单位的项目支出第{i}笔 {i} 万元。' for each i: figures to match by label",
        lambda n: grow(n, lambda i: f"某某单位的项目支出第{i}笔 {i} 万元。", head="（一）支出\n"),
        "check_text",
    ),
    *cases_of(
        "same-code-tables",
        "own",
        "a table printing 208, k times: one code to compare across tables",
        lambda n: fill(n, SMALL_TABLE),
        "check_text",
    ),
    # Ordinary text: what linear looks like here.
    *cases_of("table", "control", "a code table of k rows", control_table, "find_tables"),
    *cases_of(
        "prose",
        "control",
        "'基本支出 355.50 万元，比上年预算减少 24.37 万元，下降 6.42%。\\n' * k",
        lambda n: fill(n, PROSE),
        "parse_document",
    ),
]
BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "two cases share a name"


# ---------------------------------------------------------------- one case, in a child


class Measure(NamedTuple):
    """What one run of a case at one size gave."""

    status: str  # "ok", "timeout" or "crash"
    chars: int = 0
    utf8: int = 0
    seconds: float = 0.0
    rounds: int = 0
    peak: int = 0  # bytes allocated at the peak of a call, above what was held before it
    peak_how: str = ""  # "tracemalloc" or "rss"
    raised: str = ""  # the exception's type, "" if none
    parse_error: bool = False  # whether it is a ParseError
    message: str = ""


def max_rss() -> int:
    """The peak resident memory of this process so far, in bytes (0 where unknown)."""
    if sys.platform == "win32":
        return 0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere


def limit_memory(megabytes: int) -> None:
    if megabytes > 0 and sys.platform != "win32":
        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def call_once(case: Case, text: str) -> tuple[float, BaseException | None]:
    """The time one call takes, and what it raised."""
    start = time.perf_counter()
    try:
        case.call(text)
    except Exception as error:  # noqa: BLE001 -- reported: anything but ParseError is a bug
        return time.perf_counter() - start, error
    return time.perf_counter() - start, None


def measure(case: Case, size: int, timeout: float, memory: str) -> Measure:
    """Time *case* at *size* (after warming up), then measure its peak memory."""
    for text in (WARM_UP, case.build(WARM_UP_SIZE) if not case.fixed else ""):
        call_once(case, text)
    text = case.build(size)
    gc.collect()
    rss_before = max_rss()
    times: list[float] = []
    raised: BaseException | None = None
    while len(times) < ROUNDS and sum(times) < ROUND_BUDGET:
        seconds, raised = call_once(case, text)
        times.append(seconds)
    best = min(times)
    peak, how = max(0, max_rss() - rss_before), "rss"
    if memory == "tracemalloc" and sum(times) + 5 * best < timeout / 2:
        gc.collect()
        tracemalloc.start()
        call_once(case, text)
        peak, how = tracemalloc.get_traced_memory()[1], "tracemalloc"
        tracemalloc.stop()
    return Measure(
        "ok",
        chars=len(text),
        utf8=len(text.encode("utf-8", "surrogatepass")),
        seconds=best,
        rounds=len(times),
        peak=peak,
        peak_how=how,
        raised=type(raised).__name__ if raised else "",
        parse_error=isinstance(raised, cnbudget.ParseError),
        message=str(raised)[:120] if raised else "",
    )


def run_child(case: Case, size: int, args: argparse.Namespace) -> Measure:
    """Measure *case* at *size* in a fresh interpreter, under the timeout."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--one",
        case.name,
        str(size),
        "--timeout",
        str(args.timeout),
        "--memory",
        args.memory,
        "--memory-limit",
        str(args.memory_limit),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=args.timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return Measure("timeout", chars=size, seconds=args.timeout)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        error = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[-1]
        return Measure("crash", chars=size, raised="crash", message=error[:120])
    return Measure(**json.loads(lines[-1]))


# ---------------------------------------------------------------- the report


def show_time(measure: Measure | None) -> str:
    if measure is None:
        return "-"
    if measure.status == "timeout":
        return f">{measure.seconds:g} s"
    if measure.status == "crash":
        return "CRASH"
    if measure.seconds >= 1:
        return f"{measure.seconds:.2f} s"
    return f"{measure.seconds * 1e3:.2f} ms"


def judge(case: Case, results: list[Measure | None]) -> tuple[str, str]:
    """The ratio of the two largest sizes run, and the verdict."""
    ran = [m for m in results if m is not None]
    last = ran[-1]
    slow = last.status == "timeout" or (last.status == "ok" and last.seconds > SLOW)
    if last.status == "crash":
        verdict = "CRASH"
    elif case.fixed:
        verdict = "fixed size" if last.status == "ok" else "TIMEOUT"
    elif len(ran) < 2 or ran[-2].status != "ok":  # noqa: PLR2004
        verdict = "-" if last.status == "ok" else "TIMEOUT"
    else:
        before = ran[-2]
        allowed = LINEAR_SLACK * last.chars / max(before.chars, 1)
        if last.status == "timeout":
            # Timed out at the largest size: the ratio is at least this.
            bound = last.seconds / max(before.seconds, 1e-9)
            superlinear = bound > allowed
            verdict = "SUPERLINEAR" if superlinear else "TIMEOUT"
            return f">{bound:.0f}x", verdict + (" SLOW" if slow else "")
        ratio = last.seconds / max(before.seconds, 1e-9)
        verdict = "linear" if ratio <= allowed else "SUPERLINEAR"
        return f"{ratio:.1f}x", verdict + (" SLOW" if slow else "")
    return "-", verdict + (" SLOW" if slow else "")


def show_memory(results: list[Measure | None]) -> str:
    done = [m for m in results if m is not None and m.status == "ok"]
    if not done:
        return "-"
    traced = [m for m in done if m.peak_how == "tracemalloc"]
    last = traced[-1] if traced else done[-1]
    marker = "" if last.peak_how == "tracemalloc" else "~"  # ~: resident set, coarse
    return f"{marker}{last.peak / 1e6:.1f} MB {last.peak / max(last.utf8, 1):.0f}x"


def show_raised(case: Case, results: list[Measure | None]) -> str:
    done = [m for m in results if m is not None and m.status != "timeout"]
    kinds = sorted({m.raised for m in done if m.raised})
    bugs = [m.raised for m in done if m.raised and not m.parse_error]
    if case.expect_parse_error:
        missing = any(m.status == "ok" and not m.raised for m in done)
        if missing:
            bugs.append("no ParseError")
    if bugs:
        return "BUG " + ", ".join(sorted(set(bugs)))
    return ", ".join(kinds) or "-"


def report(case: Case, results: list[Measure | None], name_width: int) -> None:
    ratio, verdict = judge(case, results)
    shown = [show_time(m) for m in results]
    if case.fixed:
        shown[1:] = ["(fixed)"] * (len(shown) - 1)  # the same text at every size: run once
    times = " ".join(f"{text:>11}" for text in shown)
    print(
        f"  {case.name:<{name_width}} {case.origin:<7} {times} {ratio:>8}  {verdict:<17}"
        f" {show_memory(results):>16}  {show_raised(case, results)}"
    )


def run_case(case: Case, sizes: list[int], args: argparse.Namespace) -> list[Measure | None]:
    """A case at each size, smallest first; ``None`` for a size not run."""
    results: list[Measure | None] = []
    for size in sizes[:1] if case.fixed else sizes:
        if results and results[-1] is not None and results[-1].status != "ok":
            results.append(None)  # a larger text after a timeout or a crash: not run
        else:
            results.append(run_child(case, size, args))
    return results + [None] * (len(sizes) - len(results))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10_000, 100_000],
        metavar="CHARS",
        help="text sizes to time, in characters (default: 10000 100000)",
    )
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="seconds a case may run (default: 20)"
    )
    parser.add_argument(
        "--memory",
        choices=["tracemalloc", "rss"],
        default="tracemalloc",
        help="how to measure peak memory: an extra traced call (default) or the resident set",
    )
    parser.add_argument(
        "--memory-limit",
        type=int,
        default=2048,
        metavar="MB",
        help="address space each case may use, in MB; 0 for no limit (default: 2048)",
    )
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="run only these cases (shell patterns allowed)"
    )
    parser.add_argument("--one", nargs=2, metavar=("CASE", "SIZE"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        limit_memory(args.memory_limit)
        name, size = args.one
        print(json.dumps(measure(BY_NAME[name], int(size), args.timeout, args.memory)._asdict()))
        return

    cases = CASES
    if args.only:
        cases = [c for c in CASES if any(fnmatch.fnmatchcase(c.name, p) for p in args.only)]
        if not cases:
            parser.error(f"no case matches {' '.join(args.only)}; see --list")
    width = max(len(case.name) for case in cases)
    if args.list:
        for case in cases:
            print(f"  {case.name:<{width}} {case.origin:<7} {case.shape}")
        return

    sizes = sorted(set(args.sizes))
    print(f"cnbudget {cnbudget.__version__}, Python {sys.version.split()[0]}")
    print(
        f"\n{len(cases)} hostile inputs, each in its own interpreter (timeout {args.timeout:g} s, "
        f"memory limit {args.memory_limit or 'none'} MB)"
    )
    print(
        f"ratio: time at the largest size over the size below; linear if within "
        f"{LINEAR_SLACK}x the size ratio; SLOW: over {SLOW:g} s at the largest size;\n"
        "peak memory over the UTF-8 input, at the largest size traced (~: resident set, none was)"
    )
    heads = " ".join(f"{size:>11,}" for size in sizes)
    memory = "peak mem / input"
    print(
        f"\n  {'case':<{width}} {'origin':<7} {heads} {'ratio':>8}  {'verdict':<17}"
        f" {memory:>16}  raised"
    )
    problems: list[str] = []
    for case in cases:
        results = run_case(case, sizes, args)
        report(case, results, width)
        problems += [
            f"  {case.name} at {m.chars:,} chars: {m.raised}: {m.message}"
            for m in results
            if m is not None and m.raised and not m.parse_error
        ]
    if problems:
        print("\nexceptions other than ParseError (bugs):")
        print("\n".join(problems))


if __name__ == "__main__":
    main()
