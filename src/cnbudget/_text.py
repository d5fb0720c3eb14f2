"""
The text layer: the one home of what every layer above reads instead of raw text.

- **Markup**: one list of the HTML tags, markdown marks, LaTeX delimiters and
  entities that converters put into budget text (:data:`MARKUP`), removed by
  :func:`clean` into a :class:`MappedText` whose spans point back into the source.
- **Lines**: :class:`LineMap`, built once per document, knows every line ending a
  scraped file may use (CRLF, LF, lone CR, NEL, U+2028/U+2029, form feed).
- **Joined lines**: :meth:`MappedText.join` reads several lines as one logical
  paragraph, with exact spans back into the source.
- **Width and keys**: compatibility characters some PDF text layers emit
  (``⼀`` for ``一``) are folded, :func:`display_width` counts terminal columns,
  :func:`name_key` and :func:`heading_key` reduce names for matching.
- **Numbering**: :func:`numbering` reads ``第一部分``, ``一、``, ``（一）``, ``1.``,
  ``（1）``, ``①``; :class:`Nesting` turns the styles of a run of numbered lines
  into levels, with one rank order for headings and table rows alike.

Nothing here imports another cnbudget module but :mod:`cnbudget.spans`.
"""

from __future__ import annotations

import bisect
import enum
import functools
import html
import re
import unicodedata
from typing import TYPE_CHECKING, NamedTuple

from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Iterator, Sequence

# ---------------------------------------------------------------- markup

#: Inline tags: formatting inside a sentence or a cell, removed with their attributes.
INLINE_TAGS = (
    "a", "abbr", "b", "big", "code", "del", "em", "font", "i", "ins", "mark", "nobr",
    "s", "small", "span", "strike", "strong", "sub", "sup", "u",
)  # fmt: skip
#: Block tags: structure around lines and cells; readers of tables and documents
#: look at some of them (``<table>``, ``<tr>``, ``<td>``, ``<h1>``), everything else
#: removes them like inline tags.
BLOCK_TAGS = (
    "article", "blockquote", "body", "br", "caption", "center", "col", "colgroup", "dd",
    "div", "dl", "dt", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header",
    "hr", "html", "img", "label", "li", "link", "main", "meta", "nav", "ol", "p", "pre",
    "script", "section", "style", "table", "tbody", "td", "tfoot", "th", "thead", "title",
    "tr", "ul",
)  # fmt: skip
#: Markdown bold, LaTeX math delimiters ($\geq 95\%$) and the invisible characters
#: (zero-width spaces, soft hyphens, a byte-order mark inside the text) that sit
#: between the characters of a word without being part of it.
MARKS = ("**", "$", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\xad")

_TAG_NAMES = "|".join(sorted({*INLINE_TAGS, *BLOCK_TAGS}, key=lambda n: (-len(n), n)))
# A tag of the lists above, with attributes (bounded: linear on unterminated '<'),
# an HTML comment, a doctype or an XML declaration.
_TAG = (
    # A page's <title> (the browser tab, not the document's title), scripts and styles
    # go with what they hold, when it is on one line.
    r"<title(?![A-Za-z0-9])[^<>]{0,2000}>[^<]{0,2000}</title\s*>"
    r"|<script(?![A-Za-z0-9])[^<>]{0,2000}>[^<]{0,2000}</script\s*>"
    r"|<style(?![A-Za-z0-9])[^<>]{0,2000}>[^<]{0,2000}</style\s*>|"
    rf"</?(?:{_TAG_NAMES})(?![A-Za-z0-9])[^<>]{{0,2000}}>"
    # Word's HTML: <o:p>, <st1:chsdate …>.
    r"|</?[A-Za-z][A-Za-z0-9]{0,20}:[A-Za-z0-9]{1,40}[^<>]{0,2000}>"
    # A comment holds no other '<!--': each character has one reading, so an
    # unterminated comment costs one pass, not one per '<!--'.
    r"|<!--(?:[^<-]|-(?!->)|<(?!!--))*-->"
    r"|<![A-Za-z][^<>]{0,2000}>|<\?[^<>]{0,2000}\?>"
)
_ENTITY = r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});"
_MARKS = "|".join(re.escape(mark) for mark in MARKS)
#: Everything :func:`clean` removes or replaces, as one pattern.
MARKUP = re.compile(rf"{_TAG}|{_ENTITY}|{_MARKS}", re.IGNORECASE)
# Whether a text may hold markup at all: most lines and cells do not.
_MAY_HOLD_MARKUP = re.compile(r"[<&*$\u200b-\u200d\u2060\ufeff\xad]")
_BOLD = re.compile(r"\*\*|<(?:b|strong|th)(?![A-Za-z0-9])", re.IGNORECASE)

# Compatibility code points PDF text layers emit for ordinary 汉字: Kangxi radicals
# (⼀ U+2F00 for 一), CJK radicals and compatibility ideographs. Each folds to one
# character, so folding keeps every offset.
_FOLD = {
    code: unicodedata.normalize("NFKC", chr(code))
    for block in ((0x2E80, 0x2EF4), (0x2F00, 0x2FD6), (0xF900, 0xFB00))
    for code in range(*block)
    if len(unicodedata.normalize("NFKC", chr(code))) == 1
    and unicodedata.normalize("NFKC", chr(code)) != chr(code)
}
_FOLDABLE = re.compile("[" + "".join(map(chr, sorted(_FOLD))) + "]")


def fold(text: str) -> str:
    """
    *text* with compatibility 汉字 folded to the ordinary ones, one character for one.

    >>> fold("⼀般公共预算")
    '一般公共预算'
    """
    if not _FOLDABLE.search(text):
        return text
    return text.translate(_FOLD)


def has_markup(text: str) -> bool:
    """Whether *text* holds a tag, an entity or a mark :func:`clean` would remove."""
    return _MAY_HOLD_MARKUP.search(text) is not None and MARKUP.search(text) is not None


def is_bold(text: str) -> bool:
    """Whether *text* is marked bold: ``**``, ``<b>``, ``<strong>`` or a ``<th>`` cell."""
    return _BOLD.search(text) is not None


# ---------------------------------------------------------------- mapped text


class MappedText:
    """
    A text read from a source text, with exact spans back into the source.

    Built by :func:`clean` (markup removed) and :meth:`join` (lines joined); it
    consists of *runs*: stretches copied from the source character by character,
    and replacements (an entity for its character) that map as a whole.

    Attributes:
        text: What the parsers read.
        source: The text it was read from.
    """

    __slots__ = ("_copied", "_ends", "_from", "_starts", "source", "text")

    def __init__(self, source: str, pieces: Sequence[tuple[int, int, str | None]]) -> None:
        # Each piece: (source start, source end, replacement or None for a copy).
        texts: list[str] = []
        self._starts: list[int] = []  # where each run starts in text
        self._from: list[int] = []  # ... and in source
        self._ends: list[int] = []  # where it ends in source
        self._copied: list[bool] = []
        at = 0
        for start, end, replacement in pieces:
            piece = source[start:end] if replacement is None else replacement
            if not piece and replacement is not None:
                continue  # a deletion: no run, the gap maps nowhere
            texts.append(piece)
            self._starts.append(at)
            self._from.append(start)
            self._ends.append(end)
            self._copied.append(replacement is None)
            at += len(piece)
        self.text = fold("".join(texts))
        self.source = source

    @classmethod
    def copy(cls, source: str, start: int = 0, end: int | None = None) -> MappedText:
        """``source[start:end]`` as it is."""
        return cls(source, [(start, len(source) if end is None else end, None)])

    @classmethod
    def join(cls, source: str, spans: Iterable[Span]) -> MappedText:
        r"""
        The lines at *spans*, markup removed, joined with nothing between them.

        This is how a sentence wrapped at the page width reads again as one:

        >>> text = "收入预算12,406.00万\n元。"
        >>> joined = MappedText.join(text, [Span(0, 14), Span(15, 17)])
        >>> joined.text
        '收入预算12,406.00万元。'
        >>> joined.span(4, 15).slice(text)
        '12,406.00万\n元'
        """
        pieces: list[tuple[int, int, str | None]] = []
        for span in spans:
            pieces.extend(_clean_pieces(source, span.start, span.end))
        return cls(source, pieces)

    def __len__(self) -> int:
        return len(self.text)

    def __repr__(self) -> str:
        return f"<MappedText {self.text[:30]!r}{'…' if len(self.text) > 30 else ''}>"  # noqa: PLR2004

    def span(self, start: int, end: int) -> Span:
        """The span of the source that ``text[start:end]`` was read from."""
        if not self._starts:
            return Span(0, 0)
        first = self._source_start(start)
        if end <= start:
            return Span(first, first)
        return Span(first, max(first, self._source_end(end)))

    def _source_start(self, offset: int) -> int:
        run = max(bisect.bisect_right(self._starts, offset) - 1, 0)
        if not self._copied[run]:
            return self._from[run] if offset == self._starts[run] else self._ends[run]
        return min(self._from[run] + offset - self._starts[run], self._ends[run])

    def _source_end(self, offset: int) -> int:
        run = max(bisect.bisect_right(self._starts, offset - 1) - 1, 0)
        if not self._copied[run]:
            return self._ends[run]
        return min(self._from[run] + offset - self._starts[run], self._ends[run])

    def source_of(self, start: int, end: int) -> str:
        """The source text that ``text[start:end]`` was read from, markup and all."""
        return self.span(start, end).slice(self.source)


def _clean_pieces(source: str, start: int, end: int) -> list[tuple[int, int, str | None]]:
    """``source[start:end]`` as runs: copies between markup, replacements for entities."""
    if not _MAY_HOLD_MARKUP.search(source, start, end):
        return [(start, end, None)]
    pieces: list[tuple[int, int, str | None]] = []
    position = start
    for match in MARKUP.finditer(source, start, end):
        if match.start() > position:
            pieces.append((position, match.start(), None))
        found = match[0]
        if found[0] == "&":
            character = html.unescape(found)
            # An entity that names nothing (&foo;) is text, not markup.
            replacement = (
                (" " if character == "\xa0" else character) if character != found else None
            )
            pieces.append((match.start(), match.end(), replacement))
        else:
            pieces.append((match.start(), match.end(), ""))
        position = match.end()
    if position < end:
        pieces.append((position, end, None))
    return pieces


def clean(source: str, start: int = 0, end: int | None = None) -> MappedText:
    r"""
    ``source[start:end]`` without markup, entities decoded, compatibility 汉字 folded.

    >>> view = clean("合计\t<b>1</b>,026.19&nbsp;万元")
    >>> view.text
    '合计\t1,026.19 万元'
    >>> view.source_of(3, 14)
    '1</b>,026.19&nbsp;万元'
    """
    end = len(source) if end is None else end
    return MappedText(source, _clean_pieces(source, start, end))


def strip_markup(text: str) -> str:
    """*text* without markup (:func:`clean` without the map)."""
    if not _MAY_HOLD_MARKUP.search(text):
        return fold(text)
    return clean(text).text


# ---------------------------------------------------------------- lines

# Every line ending scraped text uses: CRLF, LF, old Mac CR, NEL, the Unicode line and
# paragraph separators, and the form feed pdftotext puts between pages.
_LINE_END = re.compile("\r\n|[\n\r\x85\u2028\u2029\f]")


class Line(NamedTuple):
    """One line: its text without the line ending, and where it lies."""

    text: str
    span: Span

    @property
    def start(self) -> int:
        """Where the line starts in the text."""
        return self.span.start


# Block-level HTML tags a line of markup is broken before: each opens a line of a page.
_BLOCK_TAG = re.compile(
    r"<(?:p|div|h[1-6]|li|tr|table|section|article|header|footer|ul|ol|title|br)\b",
    re.IGNORECASE,
)
# Lines of table markup at least this long, with at least this many block tags, are broken.
_TABLE_MARKUP = re.compile(r"<t(?:able|r|d|h)\b", re.IGNORECASE)
_LONG_MARKUP_LINE = 200
_FEWEST_BLOCKS = 3
# A table is a block of its own on any line: cut before <table> and after </table>.
_TABLE_BOUND = re.compile(r"(?P<open><table\b)|</table\s*>", re.IGNORECASE)


class LineMap:
    r"""
    The lines of a text and where each starts; built once per document.

    >>> lines = LineMap("甲\r\n乙\r丙")
    >>> [line.text for line in lines], lines.line_column(5)
    (['甲', '乙', '丙'], (3, 1))
    """

    __slots__ = ("_ends", "_lines", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0]
        self._ends: list[int] = []
        for match in _LINE_END.finditer(text):
            self._ends.append(match.start())
            self._starts.append(match.end())
        self._ends.append(len(text))
        if _BLOCK_TAG.search(text):
            self._break_markup()
        if _TABLE_BOUND.search(text):
            self._break_tables()
        # Made once: every layer walks the lines of a document, some of them twice.
        self._lines = [
            Line(text[start:end], Span(start, end))
            for start, end in zip(self._starts, self._ends, strict=True)
        ]

    def _break_markup(self) -> None:
        """
        Break long lines of HTML at their block tags, as a browser shows them.

        A page minified onto one line (``<h1>…</h1><p>一、…</p><p>…</p>``) has its
        headings and paragraphs each on a line of its own; the line is cut, not
        changed, so spans stay the text's own.
        """
        starts: list[int] = []
        ends: list[int] = []
        for start, end in zip(self._starts, self._ends, strict=True):
            cuts = []
            # Prose blocks (<p>一、部门职责</p><p>负责…</p>) are cut however short the line;
            # a table's rows (markup or tabs) only on a long line, where the table reader
            # needs no line of its own.
            prose = "\t" not in self.text[start:end] and not _TABLE_MARKUP.search(
                self.text, start, end
            )
            if prose or end - start >= _LONG_MARKUP_LINE:
                cuts = [m.start() for m in _BLOCK_TAG.finditer(self.text, start, end)]
                cuts = [cut for cut in cuts if cut > start]
            if not cuts or (not prose and len(cuts) < _FEWEST_BLOCKS):
                starts.append(start)
                ends.append(end)
                continue
            bounds = [start, *cuts, end]
            starts.extend(bounds[:-1])
            ends.extend(bounds[1:])
        self._starts, self._ends = starts, ends

    def _break_tables(self) -> None:
        """
        Put each HTML table on lines of its own.

        What its line holds before and after it (``</table><table>``,
        ``<p>表1</p><table>``) goes on other lines, so that every line belongs to one
        element.
        """
        starts: list[int] = []
        ends: list[int] = []
        for start, end in zip(self._starts, self._ends, strict=True):
            cuts = [
                m.start() if m["open"] else m.end()
                for m in _TABLE_BOUND.finditer(self.text, start, end)
            ]
            starts.append(start)
            for cut in cuts:
                # Spaces before <table> or after </table> stay on its line: no blank lines.
                if self.text[starts[-1] : cut].strip() and self.text[cut:end].strip():
                    ends.append(cut)
                    starts.append(cut)
            ends.append(end)
        self._starts, self._ends = starts, ends

    def __len__(self) -> int:
        return len(self._starts)

    def __iter__(self) -> Iterator[Line]:
        return iter(self._lines)

    def __getitem__(self, index: int) -> Line:
        return self._lines[index]

    def start(self, index: int) -> int:
        """Where line *index* starts."""
        return self._starts[index]

    def end(self, index: int) -> int:
        """Where line *index* ends, before its line ending."""
        return self._ends[index]

    def line_of(self, offset: int) -> int:
        """The index (from 0) of the line holding *offset*."""
        return max(bisect.bisect_right(self._starts, offset) - 1, 0)

    def line_column(self, offset: int) -> tuple[int, int]:
        """The line and column of *offset*, both counted from 1, as editors show them."""
        index = self.line_of(offset)
        return index + 1, offset - self._starts[index] + 1


def lines_of(text: str, offset: int = 0) -> list[Line]:
    """The non-blank lines of *text*, each with its span shifted by *offset*."""
    return [
        Line(line.text, line.span.shift(offset)) if offset else line
        for line in LineMap(text)
        if line.text.strip()
    ]


# ---------------------------------------------------------------- page furniture

# What PDF text prints between pages: a page-break marker, a page number.
_PAGE_FURNITURE = re.compile(
    r"[ \t]*(?:-+\s*PAGE_?BREAK\s*-+|[-—–\s]*[0-9]{1,4}[-—–\s]*|[第共]\s*[0-9]+\s*页.*|\f)[ \t]*",
    re.IGNORECASE,
)


def is_page_furniture(line: str) -> bool:
    """Whether *line* is page furniture: ``-- PAGE_BREAK --``, ``— 3 —``, ``第 3 页``."""
    return _PAGE_FURNITURE.fullmatch(line) is not None


# ---------------------------------------------------------------- widths and keys


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal: 汉字 and full-width forms take two."""
    if text.isascii():
        return len(text)
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def display_columns(text: str) -> list[int]:
    """The display column each character of *text* starts at."""
    starts, column = [], 0
    for char in text:
        starts.append(column)
        column += display_width(char)
    return starts


_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\([^()]*\)")
_YEAR = re.compile(r"[0-9]{4}年度?")
_KEY_PUNCTUATION = re.compile(r"[、,.:;!?\"'“”‘’《》<>]")


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """
    A name reduced for comparison: markup, spaces and list numbering gone, widths folded.

    >>> name_key("三、对个人和家庭的补助 "), name_key("维修（护）费")
    ('对个人和家庭的补助', '维修(护)费')
    """
    name = unicodedata.normalize("NFKC", strip_markup(name))
    name = _SPACE.sub("", name)
    return numbering(name)[3] if _MAY_BE_NUMBERED.match(name) else name


def without_brackets(key: str) -> str:
    """A :func:`name_key` without its bracketed words: 维修(护)费 is 维修费."""
    return _BRACKETED.sub("", key)


def heading_key(text: str) -> str:
    """A heading reduced for matching: a :func:`name_key` without years or punctuation."""
    return _KEY_PUNCTUATION.sub("", _YEAR.sub("", name_key(text)))


# ---------------------------------------------------------------- numbering


class NumberingStyle(str, enum.Enum):
    """How a heading or list item is numbered, in the order the styles usually nest."""

    PART = "part"  # 第一部分
    CHINESE = "cn"  # 一、
    CHINESE_PAREN = "cn_paren"  # （一）
    ARABIC = "arabic"  # 1.  1、  1．
    ARABIC_PAREN = "arabic_paren"  # （1）
    CIRCLED = "circled"  # ①

    @property
    def rank(self) -> int:
        """Its place in the usual order from the top: 第一部分 0, 一、 1 … ① 5."""
        return _RANKS[self]


_RANKS = {style: rank for rank, style in enumerate(NumberingStyle)}
_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Each style with its pattern; the group is the number. Spaces may follow the mark.
_STYLES = (
    (NumberingStyle.PART, re.compile(rf"第([{_CN}]{{1,3}})部分[ \t\u3000]*")),
    (NumberingStyle.CHINESE, re.compile(rf"([{_CN}]{{1,3}})[ \t\u3000]*、[ \t\u3000]*")),
    (
        NumberingStyle.CHINESE_PAREN,
        re.compile(rf"[（(][ \t\u3000]*([{_CN}]{{1,3}})[ \t\u3000]*[)）][ \t\u3000]*"),
    ),
    (
        NumberingStyle.ARABIC,
        re.compile(r"([0-9０-９]{1,2})[ \t\u3000]*[.．、](?![0-9０-９])[ \t\u3000]*"),
    ),
    (
        NumberingStyle.ARABIC_PAREN,
        re.compile(r"[（(][ \t\u3000]*([0-9０-９]{1,2})[ \t\u3000]*[)）][ \t\u3000]*"),
    ),
    (NumberingStyle.CIRCLED, re.compile(rf"([{_CIRCLED}])[ \t\u3000]*")),
)
_MAY_BE_NUMBERED = re.compile(rf"[第{_CN}（(0-9０-９{_CIRCLED}]")
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_CN_VALUES = {char: value for value, char in enumerate(_CN, start=1)}


class Numbered(NamedTuple):
    """A numbered line: its style, number as printed, ordinal and the rest."""

    style: NumberingStyle | None
    number: str
    ordinal: int | None
    rest: str


def _ordinal(style: NumberingStyle, written: str) -> int | None:
    if style is NumberingStyle.CIRCLED:
        return _CIRCLED.index(written) + 1
    if written[0] in "0123456789０１２３４５６７８９":
        return int(written.translate(_FULL_WIDTH_DIGITS))
    # 一 … 九十九: 十 alone is 10, 十X is 10+X, X十 is 10X, X十Y is 10X+Y.
    tens, ten, ones = written.partition("十")
    if not ten:
        return _CN_VALUES[written] if len(written) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in (tens + ones):
        return None
    return (_CN_VALUES[tens] if tens else 1) * 10 + (_CN_VALUES[ones] if ones else 0)


def numbering(text: str) -> Numbered:
    """
    The numbering of a line: ``一、主要职能`` is (一、, 1, 主要职能); style ``None`` if none.

    >>> numbering("（十二）其他支出")
    Numbered(style=<NumberingStyle.CHINESE_PAREN: 'cn_paren'>, number='（十二）', ordinal=12, rest='其他支出')
    """
    if _MAY_BE_NUMBERED.match(text):
        for style, pattern in _STYLES:
            if match := pattern.match(text):
                ordinal = _ordinal(style, match[1])
                if ordinal is None:
                    continue  # 十十、: not a number, so not numbering
                return Numbered(style, match[0].strip(), ordinal, text[match.end() :].strip())
    return Numbered(None, "", None, text)


class Nesting:
    """
    Levels of numbered lines from the order their styles nest in.

    A style seen before closes the levels opened after it; a style new here
    opens a level under the open ones, but not under a style that usually ranks
    below it (一、 does not nest under 1.). Styles without a rank (markdown
    heading depths) nest where they appear.

    >>> nesting = Nesting()
    >>> [nesting.level(s) for s in (NumberingStyle.CHINESE, NumberingStyle.ARABIC, NumberingStyle.CHINESE)]
    [1, 2, 1]
    """

    __slots__ = ("stack",)

    def __init__(self) -> None:
        self.stack: list[Hashable] = []

    @property
    def depth(self) -> int:
        """How many levels are open."""
        return len(self.stack)

    def reset(self, style: Hashable | None = None) -> None:
        """Close every level (and open *style*'s, if given)."""
        self.stack = [] if style is None else [style]

    def level(self, style: Hashable) -> int:
        """The level (from 1) of a line numbered in *style*."""
        if style in self.stack:
            del self.stack[self.stack.index(style) + 1 :]
            return len(self.stack)
        rank = style.rank if isinstance(style, NumberingStyle) else None
        while (
            rank is not None
            and self.stack
            and isinstance(top := self.stack[-1], NumberingStyle)
            and top.rank >= rank
        ):
            self.stack.pop()
        self.stack.append(style)
        return len(self.stack)
