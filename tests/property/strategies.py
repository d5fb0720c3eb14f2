"""Hypothesis strategies for cnbudget values and the ways documents write them."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from cnbudget import Amount, Qualifier, Unit

FULL_WIDTH = str.maketrans("0123456789.", "０１２３４５６７８９．")

# Exact decimals as budgets write them: up to 30 digits, 0–6 decimals, any sign.
decimals = st.builds(
    lambda digits, places, negative: Decimal(
        (int(negative), tuple(int(d) for d in digits), -places)
    ),
    st.text("0123456789", min_size=1, max_size=30),
    st.integers(0, 6),
    st.booleans(),
)
units = st.sampled_from(list(Unit))
qualifiers = st.sampled_from(list(Qualifier))
amounts = st.builds(Amount, decimals, units, qualifiers)

# The same text with markup and spacing PDF converters put between tokens.
gaps = st.sampled_from(["", " ", "  ", "\n", "\u3000", "**", "<b>", "</b>", " \n "])


def _group_thousands(digits: str, separator: str) -> str:
    whole, dot, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        whole, group = whole[:-3], whole[-3:]
        groups.insert(0, group)
    return separator.join([whole, *groups]) + dot + fraction


@st.composite
def written_amounts(draw: st.DrawFn) -> tuple[Amount, str]:
    """An amount and one of the many ways a document may write it."""
    amount = draw(amounts)
    digits = f"{amount.value.copy_abs():f}"
    if draw(st.booleans()):
        digits = _group_thousands(digits, draw(st.sampled_from([",", "，"])))
    if draw(st.booleans()):
        digits = digits.translate(FULL_WIDTH)
    sign = draw(st.sampled_from(["-", "－", "−", "负"])) if amount.value.is_signed() else ""
    gap = draw(gaps)
    body = f"{sign}{draw(gaps) if sign else ''}{digits}{gap}{amount.unit}"
    prefix, suffix = {
        Qualifier.EXACT: ("", ""),
        Qualifier.APPROXIMATE: draw(st.sampled_from([("约", ""), ("近", ""), ("", "左右")])),
        Qualifier.AT_LEAST: draw(
            st.sampled_from([("≥", ""), (">=", ""), ("> =", ""), ("不低于", ""), ("", "以上")])
        ),
        Qualifier.MORE_THAN: draw(st.sampled_from([(">", ""), ("超过", "")])),
        Qualifier.AT_MOST: draw(
            st.sampled_from([("≤", ""), ("<=", ""), ("不超过", ""), ("", "以下")])
        ),
        Qualifier.LESS_THAN: draw(st.sampled_from([("<", ""), ("低于", "")])),
        Qualifier.EQUAL: ("=", ""),
    }[amount.qualifier]
    return amount, f"{prefix}{draw(gaps) if prefix else ''}{body}{suffix}"


# Text a scanner must survive: budget words, numerals, markup, control characters.
budget_alphabet = st.sampled_from(
    list("0123456789０１２３４５６７８９.,，．%％ \t\n\r\x00\x0b\u3000")
    + list("一二三四五六七八九十百千万亿零〇两点负约余多")
    + list("元年月日底末初至自截人个辆台套（）()-－−—~/<>=≥≤$\\*")
    + ["万元", "亿元", "增加", "减少", "增长", "下降", "持平", "百分之", "<b>", "</b>", "**"]
    + ["\\geq", "比上年", "截至", "以上", "左右", "（含）", "增加（减少）", "与上年"]
)
budget_text = st.lists(budget_alphabet, max_size=60).map("".join)
any_text = st.one_of(budget_text, st.text(max_size=200))
