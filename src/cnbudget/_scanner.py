"""
Locate candidate phrases in running text, for the grammar to parse.

The scanner only finds *where* a phrase may be; the LALR grammar decides what
it is. Its patterns are assembled from the grammar's own terminals, so the two
cannot drift apart.

A scan looks for a *core* — a date, or a number with its unit, counter or
``%`` — and then grows it: backwards over a qualifier (``约``, ``≥``) and a
direction word (``减少``), forwards over a suffix (``以上``), a rate
(``，下降 6.42%``) or the end of a range. Looking for cores alone keeps the
scan fast: most characters cannot start one. Every numeral must start where no
other numeral ends, which keeps the scan linear even on long digit runs.

The forward patterns use the standard library's :mod:`re`, measured three times
faster than ``regex`` on the core pattern. The backward ones use ``regex``'s
reverse matching (``(?r)``), which anchors a match at its *end* in one attempt:
something :mod:`re` cannot express.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

import regex

from ._grammar import terminal

# The scanner reads text without markup (cnbudget._text removes it first). The
# grammar ignores these between tokens; a phrase never crosses a tab, which
# separates table cells.
_WHITESPACE = r"[ \r\n\u3000\xa0\x85\u2028\u2029\f]"
_GAP = rf"{_WHITESPACE}*"
# Backward (reverse) matching retries a run of spaces at every start: bound it.
_GAP_BACK = rf"{_WHITESPACE}{{0,16}}"
_ARABIC_DIGIT = "0-9０-９"
_CN_DIGIT = "零〇○一二两三四五六七八九"
_CN_NUMERAL = _CN_DIGIT + "十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
# Characters before a Chinese numeral that make it part of a word (第一, 统一 …).
_CN_WORD_BEFORE = "第统唯同单逐初周星" + _CN_NUMERAL
# Words after a counted numeral that make a fixed term (八项规定, 一次性).
_CN_TERM_AFTER = r"规定|性|体|级|等奖"


# The most amounts a list sharing one unit holds (812.40、836.05万元).
_LONGEST_LIST = 32
# How far before 持平 its baseline (比2025年度预算执行数相比，) may start.
_LONGEST_BASELINE = 24


class _Patterns(NamedTuple):
    core: re.Pattern[str]  # groups: date, amount, percent, counted, flat
    # Backward patterns: each matches text that ends where the core starts.
    prefix: regex.Pattern[str]  # a qualifier just before the core
    direction: regex.Pattern[str]  # a direction word just before that
    baseline: regex.Pattern[str]  # 比上年 … just before 持平
    range_start: regex.Pattern[str]  # 自 / 从 before a range's first date
    until: regex.Pattern[str]  # 截至 before a date
    suffix: re.Pattern[str]  # 以上, 左右 … after the core
    rate: re.Pattern[str]  # ，下降 6.42% after an amount
    range_end: re.Pattern[str]  # 至 2026 年 12 月 20 日 after a date
    low_end: regex.Pattern[str]  # 2万 - or 在1万元（含）至 before an amount or quantity
    listed: regex.Pattern[str]  # 812.40、 before the last amount of a list
    high_end: re.Pattern[str]  # （不含）之间 after a range's high end
    to_high: re.Pattern[str]  # （含）至5万元之间 after a range's low end
    between: regex.Pattern[str]  # 在 before a range


@functools.cache
def _patterns() -> _Patterns:
    t = terminal
    # Not the digits after a numeral unit (800 of 2万800): the mixed numeral is one number.
    # After a comma only where the comma ends a decimal (812.40,836.05万元: a list).
    after_comma = r"(?:(?<![0-9０-９][,，])|(?<=[.．][0-9０-９][,，])|(?<=[.．][0-9０-９]{2}[,，]))"
    arabic = (
        rf"(?<![{_ARABIC_DIGIT}])(?<![{_ARABIC_DIGIT}][.．]){after_comma}(?<!第)(?<!第 )"
        rf"(?<![十百千万亿拾佰仟萬億]){t('DIGITS')}"
    )
    # Not the unit after digits either (千 of 3千人): the mixed numeral is one number.
    chinese = rf"(?<![{_CN_WORD_BEFORE}{_ARABIC_DIGIT}]){t('CN_NUMBER')}"
    # Not inside another numeral (5 of 1万5万5): each run of numerals is tried once.
    mixed = rf"(?<![{_ARABIC_DIGIT}{_CN_NUMERAL}萬億])(?<!第){t('MIXED_NUMBER')}"
    number = rf"(?:{t('SIGN')}{_GAP})?(?:{mixed}|{arabic}|{chinese})"
    # A later number of a list (836.05 of 812.40,836.05万元): after a comma by design.
    # Never starting inside another number: 24,689.12 of 555.24,689.12,215.60万元 is no item
    # (read backwards, the thousands form would take it), 555.24 and 689.12 are.
    item = (
        rf"(?<![{_ARABIC_DIGIT}.．])(?:{t('SIGN')}{_GAP})?"
        rf"(?:{t('MIXED_NUMBER')}|{t('DIGITS')}|{t('CN_NUMBER')})"
    )
    percent = rf"{number}{_GAP}(?:{t('PERCENT')}|{t('POINTS')})|{t('PERCENT_OF')}{_GAP}{number}"
    more = rf"(?:{_GAP}{t('MORE')})?"

    year_digits = (
        rf"(?<![{_ARABIC_DIGIT}])[{_ARABIC_DIGIT}]{{4}}|(?<![{_CN_NUMERAL}])[{_CN_DIGIT}]{{4}}"
    )
    month_digits = r"(?<![0-9０-９])(?:1[0-2]|0?[1-9]|１[０-２]|０?[１-９])"
    cn_small = r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
    year = rf"(?:{year_digits}){_GAP}{t('YEAR')}"
    day = rf"(?:(?<![0-9０-９])[0-9０-９]{{1,2}}|{cn_small}){_GAP}{t('DAY')}"
    month_any = rf"(?:{month_digits}|{cn_small}){_GAP}{t('MONTH')}"
    month = rf"{month_digits}{_GAP}{t('MONTH')}"
    numeric_date = rf"(?<![0-9.]){t('NUMERIC_DATE')}(?![0-9])"
    date = (
        rf"{numeric_date}"
        rf"|(?:{year}(?:{_GAP}{month_any}(?:{_GAP}{day})?)?|{month}(?:{_GAP}{day})?)"
        rf"(?:{_GAP}{t('EDGE')})?"
    )

    # 大写 amounts: 壹拾壹圆整, 玖仟陆佰陆拾伍圆壹角捌分 (not 元正常: 正 ends none in prose);
    # 12元5角 in digits.
    digit = rf"[{_ARABIC_DIGIT}{_CN_DIGIT}壹贰叁肆伍陆柒捌玖]"
    cents = rf"(?:整|{digit}{t('JIAO')}(?:{digit}分)?|零?{digit}分)?"
    # 元 left out (3角, 5角6分), and a score (95分): after digits only, since 三角 is a
    # triangle, 十分 "very" and 一分为二 "split in two".
    after_digits = rf"(?:(?<=[{_ARABIC_DIGIT}])|(?<=[{_ARABIC_DIGIT}] ))"
    jiao = rf"{after_digits}{t('JIAO')}(?:[{_ARABIC_DIGIT}]{t('FEN')})?"
    score = rf"{after_digits}{t('FEN')}"
    # One numeral, then what makes it a phrase: 年/月 (a date), %, a unit or a counter.
    core = (
        rf"(?P<date>{date})"
        rf"|{number}(?:{_GAP}(?P<percent>{t('PERCENT')}|{t('POINTS')})"
        rf"|(?:{_GAP}{t('MAGNITUDE')})?{more}{_GAP}"
        rf"(?:(?P<amount>{t('UNIT')}{cents}|{jiao})"
        rf"|(?P<counted>{t('COUNTER')}(?!{_CN_TERM_AFTER})|{score}))"
        # 860.00万 with 元 left out: an amount where the sentence speaks of money (the
        # number is matched once, for all its readings: tables print many).
        rf"|(?P<bare>{_GAP}{t('MAGNITUDE')})(?!{_GAP}(?:{t('UNIT')}|{t('COUNTER')}"
        rf"|{t('MORE')}|{t('PERCENT')}|{t('RANGE_SEP')}|{t('INCLUSION')}|、"
        rf"|[{_ARABIC_DIGIT}{_CN_NUMERAL}萬億])))"
        rf"|(?P<percent_of>{t('PERCENT_OF')}{_GAP}{number})"
        rf"|(?P<flat>{t('FLAT')})"
    )
    first = rf"[{_ARABIC_DIGIT}{_CN_NUMERAL}\-－−负持无]"
    prefix_words = "|".join(
        t(name) for name in ("AT_LEAST", "AT_MOST", "APPROX", "MORE_THAN", "LESS_THAN", "EQUAL")
    )
    # The longer (不含) forms first: 以下（不含） is no 以下 with text after it.
    suffix = (
        rf"(?:{_GAP}人民币)?{_GAP}(?:{t('MORE_THAN_AFTER')}|{t('LESS_THAN_AFTER')}"
        rf"|{t('APPROX_AFTER')}|{t('AT_LEAST_AFTER')}|{t('AT_MOST_AFTER')})"
    )
    low_end = (
        rf"(?:{t('BETWEEN')}{_GAP_BACK})?{number}(?:{_GAP_BACK}{t('MAGNITUDE')})?"
        rf"(?:{_GAP_BACK}(?:{t('UNIT')}|{t('COUNTER')}))?(?:{_GAP_BACK}{t('INCLUSION')})?"
        rf"{_GAP_BACK}{t('RANGE_SEP')}{_GAP_BACK}"
    )
    direction = rf"(?:{t('UNSPECIFIED')}|{t('INCREASE')}|{t('DECREASE')})"
    # 增 or 减 alone, right before the figure; not 新增 (a new item, no change).
    bare = rf"(?<!新){t('BARE_INCREASE')}|{t('BARE_DECREASE')}"
    rate = (
        rf"{_GAP}{t('RATE_SEP')}{_GAP}{direction}{_GAP}"
        rf"(?:(?<!最)(?:{prefix_words}){_GAP})?(?:{percent})(?:{suffix})?"
        rf"|{_GAP}{t('RATE_OPEN')}{_GAP}(?:{percent}){_GAP}{t('RATE_CLOSE')}"
    )
    return _Patterns(
        core=re.compile(rf"(?={first})(?:{core})"),
        # Not 最近 (most recent).
        # 人民币 may stand between the qualifier and the number: 约人民币3万元.
        prefix=_backward(rf"(?:(?<!最)(?:{prefix_words}){_GAP_BACK})?(?:人民币{_GAP_BACK})?"),
        direction=_backward(rf"(?:{direction}{_GAP_BACK}|(?:{bare})[ ]?)"),
        # 比上年, 与2025年预算, 较2024年度预算执行数 (相比) before 持平 or 一致.
        baseline=_backward(
            r"(?:比|较|与|同)[ ]*(?:上年|上一年|去年|[0-9]{4}[ ]*年度?)[ ]*"
            r"(?:预算执行数|预算数|执行数|决算数|预算|决算)?(?:相比)?[，,]?[ ]*"
        ),
        range_start=_backward(rf"{t('FROM')}{_GAP_BACK}"),
        until=_backward(rf"{t('UNTIL')}{_GAP_BACK}"),
        suffix=re.compile(suffix),
        rate=re.compile(rate),
        range_end=re.compile(rf"{_GAP}{t('RANGE_SEP')}{_GAP}(?:{date}|{day})"),
        low_end=_backward(low_end),
        # Bounded: a list of amounts is a handful; a longer run reads its last amount alone.
        listed=_backward(rf"(?:{item}{_GAP_BACK}{t('LIST_SEP')}{_GAP_BACK}){{1,{_LONGEST_LIST}}}"),
        high_end=re.compile(rf"(?:{_GAP}{t('INCLUSION')})?(?:{_GAP}{t('BETWEEN_AFTER')})?"),
        to_high=re.compile(
            rf"(?:{_GAP}{t('INCLUSION')})?{_GAP}{t('RANGE_SEP')}{_GAP}{number}"
            rf"(?:{_GAP}{t('MAGNITUDE')})?{_GAP}(?:{t('UNIT')}|{t('COUNTER')})"
            rf"(?:{_GAP}{t('INCLUSION')})?(?:{_GAP}{t('BETWEEN_AFTER')})?"
        ),
        between=_backward(rf"{t('BETWEEN')}{_GAP_BACK}"),
    )


def _backward(pattern: str) -> regex.Pattern[str]:
    return regex.compile(f"(?r){pattern}", regex.VERSION0)


def _back(pattern: regex.Pattern[str], text: str, floor: int, start: int) -> int:
    """Where a match of *pattern* ending exactly at *start* begins, or *start*."""
    match = pattern.match(text, floor, start)
    return match.start() if match else start


# A list's first number opening a line or a clause with 、 is its numbering (1、500万元).
_NUMBERING = re.compile(r"(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})、")
_CLAUSE_START = frozenset("\n；;。：:，, \u3000")


def _list_start(p: _Patterns, text: str, floor: int, start: int) -> int | None:
    """Where a list of amounts starts whose last amount starts at *start*, if there is one."""
    match = p.listed.match(text, floor, start)
    if match is None:
        return None
    first = match.start()
    before = text[first - 1] if first else "\n"
    if before in _CLAUSE_START and (numbered := _NUMBERING.match(text, first)):
        # 1、500万元: the numbering of the clause, then the amounts.
        rest = p.listed.match(text, numbered.end(), start)
        return rest.start() if rest else None
    return first


def _range(p: _Patterns, text: str, floor: int, core: re.Match[str]) -> tuple[int, int] | None:
    """Where a range lies that the figure of *core* ends or starts, if one does."""
    start, end = core.span()
    if core.lastgroup in {"amount", "counted"} and (high := p.to_high.match(text, end)):
        # 1万元（含）至5万元: a range from this figure.
        first = _back(p.between, text, floor, start)
        return _back(p.prefix, text, floor, first), _suffixed(p, text, high.end())
    if (low := _low_end(p, text, floor, start)) is not None:
        # 2万-6万元, 15至25万元, 在1万元（含）至5万元之间: a range to this figure.
        tail = p.high_end.match(text, end)
        return _back(p.prefix, text, floor, low), _suffixed(p, text, tail.end() if tail else end)
    return None


def _suffixed(p: _Patterns, text: str, end: int) -> int:
    """*end*, past a qualifier after it (左右, 以上)."""
    suffix = p.suffix.match(text, end)
    return suffix.end() if suffix else end


def _value(p: _Patterns, text: str, floor: int, core: re.Match[str]) -> tuple[int, int]:
    """Where a value lies around the figure of *core*: its qualifiers, direction and rate."""
    start, end = core.start(), _suffixed(p, text, core.end())
    start = _back(p.prefix, text, floor, start)
    if core.lastgroup == "counted":
        return start, end
    with_direction = _back(p.direction, text, floor, start)
    if with_direction == start:
        return start, end
    if core.lastgroup in {"amount", "bare"} and (rate := p.rate.match(text, end)):
        end = rate.end()
    return with_direction, end


def _low_end(p: _Patterns, text: str, floor: int, start: int) -> int | None:
    """Where a range's low end starts, if one ends just before the figure at *start*."""
    # The core may have taken a range's dash for a minus sign: 2万-6万元.
    end = start + 1 if text[start] in "-－−" else start
    match = p.low_end.match(text, floor, end)
    return match.start() if match and match.start() < start else None


class Candidate(NamedTuple):
    """Where a candidate phrase lies, and whether its 元 is left out (860.00万)."""

    start: int
    end: int
    yuan_implied: bool = False


# Words that make a sentence speak of money, for a figure in 万 or 亿 without 元.
_MONEY = re.compile(
    r"预算|经费|资金|支出|收入|拨款|金额|费用|投入|投资|成本|补助|补贴|结余|结转|收费|款项"
)
# How far back a money word may stand.
_MONEY_WINDOW = 40
_SENTENCE_END = re.compile(r"[。；;！？!?\n]")
# A comma between digits groups thousands (12,406.00): no clause ends there.
_CLAUSE_END = re.compile(r"(?<![0-9０-９])[，,]|[，,](?![0-9０-９])|[：:]")
# A clause of nothing but a comparison and its direction (比上年增加58.30万): it speaks of
# what the clause before it names.
_COMPARISON = re.compile(
    r"\s*(?:与上年相比|与上年|比上年|较上年|同比|比[0-9]{4}年度?(?:预算|决算)?(?:数)?)?\s*"
    r"(?:增加|减少|增长|下降|降低|提高|上升|减支|增|减)?\s*"
)
# What a bare figure must stand before: the end of its clause (860.00万，), not a word
# (3万吨, 2万株: measures that are no counters of the grammar).
_CLAUSE_GOES_ON = re.compile(r"\s*(?:[，,。；;：:）)\]」】]|\Z)")
# A range's or a list's separator before a bare figure: half of 1万-2万 is no amount.
_JOINED_BEFORE = re.compile(r"[-－—–~～至到、,，]\s*\Z")


def _speaks_of_money(text: str, start: int, end: int) -> bool:
    """
    Whether the figure at *start* is money: its clause names it, and the figure ends it.

    ``项目预算860.00万，`` and ``支出比上年减少3万。``; not ``投资500万元，受益人口3万。``
    (the money is another clause's) nor ``5万吨``.
    """
    if not _CLAUSE_GOES_ON.match(text, end):
        return False
    window = text[max(0, start - _MONEY_WINDOW) : start]
    if _JOINED_BEFORE.search(window):
        return False
    sentence = window[max((m.end() for m in _SENTENCE_END.finditer(window)), default=0) :]
    clauses = _CLAUSE_END.split(sentence)
    if _MONEY.search(clauses[-1]):
        return True
    return (
        len(clauses) > 1
        and _COMPARISON.fullmatch(clauses[-1]) is not None
        and bool(_MONEY.search(clauses[-2]))
    )


def search(text: str, floor: int = 0) -> Candidate | None:
    """The first candidate phrase at or after *floor*."""
    p = _patterns()
    position = floor
    while (core := p.core.search(text, position)) is not None:
        if (found := _candidate(p, text, floor, core)) is not None:
            return found
        position = core.start() + 1
    return None


def _by_context(p: _Patterns, text: str, floor: int, core: re.Match[str]) -> Candidate | None:
    """860.00万 or 持平: a phrase only where the words before it say so."""
    start, end = core.span()
    if core.lastgroup == "bare":  # money, if its clause speaks of money
        money = _speaks_of_money(text, start, end)
        return Candidate(*_value(p, text, floor, core), yuan_implied=True) if money else None
    # A change, after its baseline. The baseline is no part of the phrase: it may lie
    # before *floor* (与2025年预算持平, where 2025年 is a phrase of its own).
    if _back(p.baseline, text, max(0, start - _LONGEST_BASELINE), start) == start:
        return None
    return Candidate(start, end)


def _candidate(p: _Patterns, text: str, floor: int, core: re.Match[str]) -> Candidate | None:
    """The candidate phrase around *core*, or ``None`` where the core is none."""
    start, end = core.span()
    if core.lastgroup in {"bare", "flat"}:
        return _by_context(p, text, floor, core)
    if core.lastgroup == "amount" and (first := _list_start(p, text, floor, start)) is not None:
        return Candidate(first, end)  # 812.40、836.05万元: amounts sharing this one's unit
    if core.lastgroup == "date":
        if tail := p.range_end.match(text, end):
            return Candidate(_back(p.range_start, text, floor, start), tail.end())
        return Candidate(_back(p.until, text, floor, start), end)
    return Candidate(*(_range(p, text, floor, core) or _value(p, text, floor, core)))
