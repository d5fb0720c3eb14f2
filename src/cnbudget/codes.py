"""
Classification codes of 《政府收支分类科目》: 功能分类, 经济分类 and 收入分类.

A code is a string of digits whose length gives its level: 类 (3 digits),
款 (5), 项 (7) and, in 收入分类, 目 (9). The first digit tells the scheme.

>>> code = parse_code("208 05 05")
>>> code, code.level, code.scheme
(<Code '2080505'>, <Level.ITEM: '项'>, <Scheme.FUNCTION: '支出功能分类'>)
>>> [str(c) for c in code.ancestors]
['208', '20805']
>>> parse_code("208").is_ancestor_of(code)
True
"""

from __future__ import annotations

import enum
import functools
from typing import TYPE_CHECKING

import attrs

from . import _grammar
from ._raw import RawCode
from .errors import InvalidCode

if TYPE_CHECKING:
    from .spans import Span

__all__ = ["Code", "Level", "Scheme", "parse_code"]


def __dir__() -> list[str]:
    return __all__


class Scheme(str, enum.Enum):
    """The classification a code belongs to."""

    #: 支出功能分类科目, what the money is for (201 一般公共服务支出 …).
    FUNCTION = "支出功能分类"
    #: 部门预算支出经济分类科目, what it is spent on (301 工资福利支出 …).
    DEPARTMENT_ECONOMIC = "部门预算支出经济分类"
    #: 政府预算支出经济分类科目, codes starting with 5.
    GOVERNMENT_ECONOMIC = "政府预算支出经济分类"
    #: 收入分类科目, codes starting with 1, the only scheme with a 目 level.
    REVENUE = "收入分类"

    def __str__(self) -> str:
        return self.value

    @property
    def lengths(self) -> tuple[int, ...]:
        """The number of digits a code of this scheme may have, by level."""
        return _LENGTHS[self]

    @classmethod
    def of(cls, digits: str) -> Scheme:
        """
        The scheme a code belongs to, from its first digit.

        Raises:
            ValueError: no scheme starts with that digit.
        """
        try:
            return _SCHEME_BY_FIRST_DIGIT[digits[:1]]
        except KeyError:
            msg = f"no classification scheme has codes starting with '{digits[:1]}'"
            raise ValueError(msg) from None


_SCHEME_BY_FIRST_DIGIT = {
    "1": Scheme.REVENUE,
    "2": Scheme.FUNCTION,
    "3": Scheme.DEPARTMENT_ECONOMIC,
    "5": Scheme.GOVERNMENT_ECONOMIC,
}
_SCHEME_ORDER = {scheme: index for index, scheme in enumerate(Scheme)}
_LENGTHS = {scheme: (3, 5, 7, 9) if scheme is Scheme.REVENUE else (3, 5, 7) for scheme in Scheme}


class Level(str, enum.Enum):
    """The level of a code: 类, 款, 项 or 目."""

    CLASS = "类"
    SECTION = "款"
    ITEM = "项"
    SUBITEM = "目"

    def __str__(self) -> str:
        return self.value

    @property
    def depth(self) -> int:
        """1 for 类, 2 for 款, 3 for 项, 4 for 目."""
        return _DEPTHS[self]

    @property
    def length(self) -> int:
        """The number of digits of a code at this level."""
        return 1 + 2 * self.depth

    @classmethod
    def of_length(cls, length: int) -> Level:
        """
        The level of a code with *length* digits.

        Raises:
            ValueError: no level has that many digits.
        """
        try:
            return _LEVEL_OF_LENGTH[length]
        except KeyError:
            msg = f"a code has 3, 5, 7 or 9 digits, not {length}"
            raise ValueError(msg) from None


_DEPTHS = {level: depth for depth, level in enumerate(Level, start=1)}
_LEVEL_OF_LENGTH = {1 + 2 * depth: level for level, depth in _DEPTHS.items()}


def _check_digits(instance: Code, _attribute: attrs.Attribute[str], digits: str) -> None:
    if not (digits.isascii() and digits.isdigit()):
        msg = f"'{digits}' is not a string of digits"
        raise ValueError(msg)
    lengths = instance.scheme.lengths
    if len(digits) not in lengths:
        allowed = ", ".join(map(str, lengths[:-1])) + f" or {lengths[-1]}"
        msg = f"'{digits}' has {len(digits)} digits; a {instance.scheme} code has {allowed}"
        raise ValueError(msg)


def _infer_scheme(code: Code) -> Scheme:
    return Scheme.of(code.digits)


@functools.total_ordering
@attrs.frozen(repr=False, order=False)
class Code:
    """
    One classification code, such as ``2080505``.

    Codes order by scheme, then digit by digit, so a parent sorts before its
    children and 208 before 20805 before 2080505 before 20806.

    Attributes:
        digits: The code as digits: ``"2080505"``.
        scheme: Its scheme; inferred from the first digit when not given.
        source: The text it was parsed from.
        span: Where *source* lies in the parsed text.
    """

    digits: str = attrs.field(validator=_check_digits)
    scheme: Scheme = attrs.field(
        default=attrs.Factory(_infer_scheme, takes_self=True), converter=Scheme
    )
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    @property
    def level(self) -> Level:
        """类, 款, 项 or 目, from the number of digits."""
        return Level.of_length(len(self.digits))

    @property
    def parts(self) -> tuple[str, ...]:
        """The digits of each level, such as ``("208", "05", "05")``."""
        digits = self.digits
        return (digits[:3], *(digits[i : i + 2] for i in range(3, len(digits), 2)))

    @property
    def parent(self) -> Code | None:
        """The code one level up, or ``None`` for a 类."""
        if len(self.digits) == 3:  # noqa: PLR2004
            return None
        return _interned(self.digits[:-2], self.scheme)

    @property
    def ancestors(self) -> tuple[Code, ...]:
        """Every code above this one, the 类 first."""
        return tuple(
            _interned(self.digits[:length], self.scheme)
            for length in _LENGTHS[self.scheme]
            if length < len(self.digits)
        )

    def child(self, part: str) -> Code:
        """The code one level down: ``Code("208").child("05")`` is ``20805``."""
        return _interned(self.digits + part, self.scheme)

    def is_ancestor_of(self, other: Code) -> bool:
        """Whether *other* lies below this code (not counting itself)."""
        return (
            self.scheme is other.scheme
            and len(other.digits) > len(self.digits)
            and other.digits.startswith(self.digits)
        )

    def __lt__(self, other: Code) -> bool:
        if not isinstance(other, Code):
            return NotImplemented
        return (_SCHEME_ORDER[self.scheme], self.digits) < (
            _SCHEME_ORDER[other.scheme],
            other.digits,
        )

    def __str__(self) -> str:
        return self.digits

    def __repr__(self) -> str:
        return f"<Code {self.digits!r}>"


# Codes are immutable and tables repeat the same few hundred: share them.
@functools.lru_cache(maxsize=65536)
def _interned(digits: str, scheme: Scheme) -> Code:
    return Code(digits, scheme)


def code_of(digits: str) -> Code | None:
    """The code *digits* spell, scheme inferred, or ``None`` if they spell none."""
    scheme = _SCHEME_BY_FIRST_DIGIT.get(digits[:1])
    if scheme is None or len(digits) not in _LENGTHS[scheme] or not digits.isascii():
        return None
    if not digits.isdigit():
        return None
    return _interned(digits, scheme)


def parse_code(text: str, scheme: Scheme | str | None = None) -> Code:
    """
    Parse a code written whole (``2080505``) or by level (``208 05 05``, ``208|05|05``).

    Markup around it (``<b>208</b>``, ``**208**``) and full-width digits are
    accepted. The scheme is inferred from the first digit unless given.

    Raises:
        InvalidCode: *text* is not one well-formed code of the scheme.
    """
    raw, where = _grammar.parse(text, "code", InvalidCode, grammar=_grammar.CODES)
    assert isinstance(raw, RawCode)  # noqa: S101 -- the code start symbol gives one
    (first, *first_at), *rest = raw.parts
    if rest and len(first) != Level.CLASS.length:
        msg = f"a 类 has 3 digits, not '{first}'"
        raise InvalidCode(msg, text=text, span=where.span(*first_at))
    for part, *at in rest:
        if len(part) != 2:  # noqa: PLR2004
            msg = f"each level below 类 has 2 digits, not '{part}'"
            raise InvalidCode(msg, text=text, span=where.span(*at))
    digits = first + "".join(part for part, *_ in rest)
    span = where.span(first_at[0], raw.parts[-1][2])
    try:
        return Code(
            digits, Scheme.of(digits) if scheme is None else Scheme(scheme), span.slice(text), span
        )
    except ValueError as error:
        raise InvalidCode(str(error), text=text, span=span) from None
