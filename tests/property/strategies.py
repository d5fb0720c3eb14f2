"""Hypothesis strategies for cnbudget values and the ways documents write them."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from cnbudget import (
    Amount,
    Catalog,
    Change,
    Date,
    Direction,
    DocumentReference,
    ParseError,
    Percentage,
    Qualifier,
    Unit,
)

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


# ---------------------------------------------------------------- 大写 amounts

_CAPITAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"


def _capital_group(number: int) -> str:
    """0 < *number* < 10000 in 大写: 仟佰拾 and the digits, one 零 for a run of zeros inside."""
    out, zero, started = [], False, False
    for digit, unit in zip(f"{number:04d}", ("仟", "佰", "拾", ""), strict=True):
        if digit == "0":
            zero = zero or started
            continue
        if zero:
            out.append("零")
        zero, started = False, True
        out.append(_CAPITAL_DIGITS[int(digit)] + unit)
    return "".join(out)


def capital_amount(value: Decimal, *, wan: str = "萬", yuan: str = "圆", whole: str = "整") -> str:
    """
    *value* (元, to the 分) as cheques write it: 捌仟叁佰零柒圆伍角陆分, 贰佰伍拾萬圆整.

    Groups of four digits under 萬 and 亿; a 零 where a group or a place is skipped; 整
    when there are no 角 or 分, 零 before 分 when 角 is skipped.
    """
    cents = int(value * 100)
    number, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    groups = []
    while number:
        groups.append(number % 10000)
        number //= 10000
    parts: list[str] = []
    skipped = False
    for place in range(len(groups) - 1, -1, -1):
        group = groups[place]
        if not group:
            skipped = True
            continue
        if parts and (skipped or group < 1000):
            parts.append("零")
        parts.append(_capital_group(group) + ("", wan, "亿", f"{wan}亿")[place])
        skipped = False
    text = ("".join(parts) or "零") + yuan
    if not jiao and not fen:
        return text + whole
    if jiao:
        text += _CAPITAL_DIGITS[jiao] + "角"
    elif groups:
        text += "零"
    return text + (_CAPITAL_DIGITS[fen] + "分" if fen else "")


@st.composite
def capital_amounts(draw: st.DrawFn) -> tuple[Decimal, str]:
    """A value in 元 to the 分, up to a trillion, and how a cheque writes it."""
    whole = draw(st.one_of(st.integers(0, 10**4), st.integers(0, 10**8), st.integers(0, 10**12)))
    cents = draw(st.sampled_from([0, 0, *range(1, 100)]))
    value = Decimal(whole) + Decimal(cents) / 100
    wan = draw(st.sampled_from(["萬", "万"]))
    yuan = draw(st.sampled_from(["圆", "元"]))
    whole_word = draw(st.sampled_from(["整", "正"]))
    return value, capital_amount(value, wan=wan, yuan=yuan, whole=whole_word)


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


# ---------------------------------------------------------------- code trees

# Names as tables print them: Han characters, never digits first.
names = st.text(
    alphabet="社会保障和就业支出行政事业单位养老医疗卫生健康住房改革公积金其他",
    min_size=2,
    max_size=12,
)


@st.composite
def code_trees(draw: st.DrawFn) -> list[tuple[str, str, Decimal]]:
    """
    Rows (digits, name, printed value) of a consistent tree in document order.

    Leaf values are drawn to four places; every row prints its true total
    rounded to two, as budget tables do, so parents match their children only
    within rounding.
    """
    first = draw(st.sampled_from("23"))
    classes = draw(st.lists(st.integers(1, 99), min_size=1, max_size=3, unique=True))
    rows: list[tuple[str, str, Decimal]] = []

    def value(children: list[Decimal]) -> Decimal:
        if children:
            return sum(children, Decimal(0))
        return draw(st.decimals(0, 1000, places=4, allow_nan=False, allow_infinity=False))

    for number in classes:
        class_digits = f"{first}{number:02d}"
        class_at = len(rows)
        rows.append((class_digits, draw(names), Decimal(0)))
        class_total = []
        for section in draw(st.lists(st.integers(1, 99), max_size=3, unique=True)):
            section_digits = f"{class_digits}{section:02d}"
            section_at = len(rows)
            rows.append((section_digits, draw(names), Decimal(0)))
            items = []
            for item in draw(st.lists(st.integers(1, 99), max_size=3, unique=True)):
                item_value = value([])
                rows.append((f"{section_digits}{item:02d}", draw(names), item_value))
                items.append(item_value)
            section_value = value(items)
            rows[section_at] = (section_digits, rows[section_at][1], section_value)
            class_total.append(section_value)
        rows[class_at] = (class_digits, rows[class_at][1], value(class_total))
    return [(digits, name, true.quantize(Decimal("0.01"))) for digits, name, true in rows]


def render_rows(rows: list[tuple[str, str, Decimal]], form: str) -> str:
    """The rows as table text in one written *form*."""
    lines = []
    for digits, name, value in rows:
        parts = [digits[:3], *(digits[i : i + 2] for i in range(3, len(digits), 2))]
        depth = len(parts) - 1
        if form == "whole":
            cells = [digits, name]
        elif form == "columns":
            cells = [*parts, *[""] * (3 - len(parts)), name]
        elif form == "indented":
            cells = [*[""] * depth, parts[-1], *[""] * (2 - depth), name]
        elif depth == 2:  # glued: the 项 code in the name's cell
            cells = ["", "", f"{parts[-1]} {name}"]
        else:  # glued, above the 项: two code columns
            cells = [*[""] * depth, parts[-1], *[""] * (1 - depth), name]
        lines.append("\t".join([*cells, str(value)]))
    return "\n".join(lines)


def returns_or_raises_parse_error(parse: object, text: str) -> None:
    """*parse* gives a located value for *text*, or a ParseError that points into it."""
    try:
        value = parse(text)  # type: ignore[operator]
    except ParseError as error:
        failure = error
    else:
        assert value.span is not None
        return
    assert failure.text == text
    assert 0 <= failure.span.start <= failure.span.end <= len(text)
    assert str(failure)  # renders, marker and all


# ---------------------------------------------------------------- other values

# Dates as disclosures print them: a year, optionally a month, optionally a day.
dates = st.builds(
    lambda year, month, day: Date(year, month, None if month is None else day),
    st.integers(1990, 2099),
    st.none() | st.integers(1, 12),
    st.none() | st.integers(1, 28),
)

# Changes as the prose states them: a direction word, an amount, perhaps a rate.
changes = st.builds(
    lambda direction, value, unit, rate: Change(
        direction,
        Amount(value, unit),
        None if rate is None else Percentage(rate),
        direction,
    ),
    st.sampled_from([Direction.INCREASE, Direction.DECREASE]),
    decimals.map(abs),
    units,
    st.none() | decimals.map(abs),
)

# Codes the built-in catalogue knows, at every level.
codes = st.sampled_from(sorted({entry.code for entry in Catalog.builtin().entries}, key=str))

# Document numbers (文号) such as 沪普财预〔2026〕12号.
references = st.builds(
    DocumentReference,
    st.sampled_from(["沪普财预", "财预", "渝财预", "新财预", "州财预"]),
    st.integers(1990, 2099),
    st.integers(1, 999),
)
