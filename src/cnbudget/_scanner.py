"""
Locate candidate phrases in running text, for the grammar to parse.

The scanner only finds *where* a phrase may be; the LALR grammar decides what
it is. Its pattern is assembled from the grammar's own terminals, so the two
cannot drift apart. Every numeral must start where no other numeral ends (the
look-behinds below), which keeps the scan linear even on long digit runs.
"""

from __future__ import annotations

import functools
import regex

from ._grammar import parser

# The grammar ignores these between tokens; a phrase never crosses a tab,
# which separates table cells.
_GAP = r"(?:[ \r\n\u3000\xa0]|\*\*|</?b>|\$)*"
_ARABIC_DIGIT = "0-9０-９"
_CN_DIGIT = "零〇○一二两三四五六七八九"
_CN_NUMERAL = _CN_DIGIT + "十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
# Characters before a Chinese numeral that make it part of a word (第一, 统一 …).
_CN_WORD_BEFORE = "第统唯同单逐之初周星" + _CN_NUMERAL
# Words after a counted Chinese numeral that make a fixed term (八项规定, 一次性).
_CN_TERM_AFTER = r"规定|性|体|级|等奖"


def _terminal(name: str) -> str:
    return f"(?:{parser().get_terminal(name).pattern.to_regexp()})"


@functools.cache
def pattern() -> regex.Pattern[str]:
    """The candidate pattern, compiled on first use."""
    t = _terminal
    # Not inside another numeral, and not an ordinal (第 17 次).
    arabic = rf"(?<![{_ARABIC_DIGIT}]|[{_ARABIC_DIGIT}][.．,，]|第[ ]*){t('DIGITS')}"
    chinese = rf"(?<![{_CN_WORD_BEFORE}])(?:{t('CN_NUMBER')})"
    sign = rf"(?:{t('SIGN')}){_GAP}"
    number = rf"(?:{sign})?(?:{arabic}|{chinese})"
    prefix = "|".join(
        t(name) for name in ("AT_LEAST", "AT_MOST", "APPROX", "MORE_THAN", "LESS_THAN", "EQUAL")
    )
    prefix = rf"(?:(?<!最)(?:{prefix}){_GAP})?"
    suffix = rf"(?:{_GAP}(?:{t('APPROX_AFTER')}|{t('AT_LEAST_AFTER')}|{t('AT_MOST_AFTER')}))?"
    more = rf"(?:{_GAP}{t('MORE')})?"
    percent = (
        rf"(?:{number}{_GAP}{t('PERCENT')}|{t('PERCENT_OF')}{_GAP}{number})"
    )
    amount = rf"{number}{more}{_GAP}(?:{t('UNIT')})"
    counted = rf"{number}{more}{_GAP}(?:{t('COUNTER')})(?!{_CN_TERM_AFTER})"
    value = rf"{prefix}(?:{percent}|{amount}|{counted}){suffix}"
    rate = rf"{prefix}{percent}{suffix}"

    direction = rf"(?:{t('UNSPECIFIED')}|{t('INCREASE')}|{t('DECREASE')})"
    flat = rf"(?<=(?:比|较|与)上年(?:预算)?(?:数)?(?:相比)?[，,]?\s*){t('FLAT')}"
    change = (
        rf"{direction}{_GAP}(?:{prefix}{amount}{suffix}"
        rf"(?:{_GAP}(?:{t('RATE_SEP')}){_GAP}{direction}{_GAP}{rate})?|{rate})|{flat}"
    )

    year_digits = rf"(?<![{_ARABIC_DIGIT}])[{_ARABIC_DIGIT}]{{4}}|(?<![{_CN_NUMERAL}])[{_CN_DIGIT}]{{4}}"
    month_digits = r"(?<![0-9０-９])(?:1[0-2]|0?[1-9]|１[０-２]|０?[１-９])"
    cn_small = r"(?:[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])"
    year = rf"(?:{year_digits}){_GAP}(?:{t('YEAR')})"
    day = rf"(?:(?<![0-9０-９])[0-9０-９]{{1,2}}|{cn_small}){_GAP}(?:{t('DAY')})"
    month_any = rf"(?:{month_digits}|{cn_small}){_GAP}(?:{t('MONTH')})"
    month = rf"{month_digits}{_GAP}(?:{t('MONTH')})"
    edge = rf"(?:{_GAP}(?:{t('EDGE')}))?"
    date = (
        rf"(?:{year}(?:{_GAP}{month_any}(?:{_GAP}{day})?)?|{month}(?:{_GAP}{day})?){edge}"
    )
    date_range = (
        rf"(?:(?:{t('FROM')}){_GAP})?{date}{_GAP}(?:{t('RANGE_SEP')}){_GAP}{date}"
        rf"|(?:{t('UNTIL')}){_GAP}{date}"
    )
    # Longest forms first: a change before its amount, a range before its dates.
    candidate = rf"{change}|{date_range}|{date}|{value}"
    return regex.compile(candidate, regex.VERSION1)


def search(text: str, start: int = 0) -> regex.Match[str] | None:
    """The first candidate phrase of *text* at or after *start*."""
    return pattern().search(text, start)
