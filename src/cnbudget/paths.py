"""
Prose paths of classification names, and what codes they name.

Budget prose names a code by the names of its levels, each labelled:
``社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）``.
Labels may be half-width with spaces (``行政事业单位医疗 (款)``), carry the code
(``（208类）``), be missing, or be wrong. :func:`resolve_path` finds the code
through the names and reports what disagrees instead of guessing silently.

>>> path = parse_code_path("卫生健康支出（类）医疗保障管理事务（款）行政运行（项）")
>>> resolve_path(path).code
<Code '2101501'>
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import attrs

from . import _grammar
from ._raw import is_segments
from ._text import clean, name_key
from .catalog import Catalog, Entry, names_match
from .codes import Code, Level, code_of
from .diagnostics import Diagnostic, Severity
from .errors import InvalidCodePath
from .spans import Span

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from ._raw import RawSegment
    from ._text import MappedText

__all__ = [
    "CodePath",
    "PathSegment",
    "Resolution",
    "find_code_paths",
    "parse_code_path",
    "resolve_name",
    "resolve_path",
]


def __dir__() -> list[str]:
    return __all__


@attrs.frozen
class PathSegment:
    """
    One name of a path and the level its label gives it.

    Attributes:
        name: The name as written (spaces a PDF put inside it removed).
        label: The level the label says, or ``None`` for trailing text after the
            last label (where labels are shifted by one, as in
            ``卫生健康支出（款）医疗保障管理事务（项）行政运行``).
        label_digits: The code written inside the label (``（208类）``), if any.
        span: Where the name lies in the text.
    """

    name: str
    label: Level | None
    label_digits: str = ""
    span: Span | None = attrs.field(default=None, eq=False)


@attrs.frozen
class CodePath:
    """
    A path of labelled names, as written in prose.

    Attributes:
        segments: The labelled names in order, the highest level first.
        tail: The words right after the last label, up to the next punctuation,
            as an unlabelled segment: where labels are shifted by one level they
            hold the last name (``…（项）行政运行``); otherwise they are just the
            sentence going on. :func:`resolve_path` tells which.
        source: The text of the labelled segments.
        span: Where *source* lies in the parsed text.
    """

    segments: tuple[PathSegment, ...]
    tail: PathSegment | None = None
    source: str = attrs.field(default="", eq=False)
    span: Span | None = attrs.field(default=None, eq=False)

    def __str__(self) -> str:
        return "".join(
            f"{s.name}（{s.label_digits}{s.label}）" if s.label else s.name for s in self.segments
        )


@attrs.frozen
class Resolution:
    """
    The code a path names, as far as the names allow.

    Attributes:
        path: The path resolved.
        code: The deepest code the names determine, or ``None``.
        codes: The code of each segment, ``None`` where its name is unknown.
        tail_code: The code the path's tail names, when it names one.
        diagnostics: Mislabelled levels, unknown or ambiguous names, names that
            differ from the catalogue's.
    """

    path: CodePath
    code: Code | None
    codes: tuple[Code | None, ...]
    tail_code: Code | None = None
    diagnostics: tuple[Diagnostic, ...] = ()


def parse_code_path(text: str) -> CodePath:
    """
    Parse a path such as ``卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）``.

    Raises:
        InvalidCodePath: *text* is not a sequence of labelled names.
    """
    raw, where = _grammar.parse(text, "path", InvalidCodePath, grammar=_grammar.CODES)
    assert is_segments(raw)  # noqa: S101 -- what the path start symbol gives
    return _path(raw, where, 0)


def _path(raw: Sequence[RawSegment], where: MappedText, offset: int, tail: str = "") -> CodePath:
    segments = tuple(
        PathSegment(
            s.name,
            Level(s.label),
            s.label_digits,
            where.span(s.name_start + offset, s.name_end + offset),
        )
        for s in raw
    )
    span = where.span(raw[0].name_start + offset, raw[-1].label_end + offset)
    after = None
    if tail:
        start = where.text.index(tail, raw[-1].label_end + offset)
        after = PathSegment(tail, None, span=where.span(start, start + len(tail)))
    return CodePath(segments, after, span.slice(where.source), span)


_LABEL_INSIDE = r"[ \t\u3000]*(?:[0-9０-９]+[ \t\u3000]*)?[类款项目][ \t\u3000]*[）)]"
_LABEL = rf"[（(]{_LABEL_INSIDE}"
# A name, as the grammar's NAME terminal but stopping at sentence punctuation: it
# may hold bracketed words that are not labels (因公出国（境）费用).
_NAME = rf"(?:[^\s（()），。；：:,;|｜]|[（(](?!{_LABEL_INSIDE})[^\s（()）]{{1,8}}[）)])+"
# A run of labelled names in prose; the name before the first label starts after
# whitespace or punctuation, and list numbering (1. （一） 十三、) is left out.
# The grammar decides what a match is; this only finds where to look.
_FINDER = re.compile(
    rf"(?:(?<=[\s，。；：:,;、）)])|^)"
    rf"(?:[0-9]+[.．、]|[（(][0-9一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、)?[ \t]*"
    rf"(?P<path>(?:{_NAME}[ \t]*{_LABEL}[ \t]*)+)"
    rf"(?P<tail>[^\s（()），。；：:,;0-9０-９]{{2,}})?",
    re.MULTILINE,
)
# What a text holding a label must hold: 类, 款, 项 or 目 before a closing bracket.
_MAY_HOLD_LABEL = re.compile(r"[类款项目][ \t\u3000]*[）)]")
# Catalogue names are short: longer candidates only cost time.
_LONGEST_NAME = 40


def find_code_paths(text: str) -> Iterator[CodePath]:
    """
    Yield every labelled path in running text, in document order.

    Text after the last label that runs on to the next punctuation is kept as
    an unlabelled last segment: documents whose labels are shifted by one put
    the 项 name there. :func:`resolve_path` decides whether it names a code.

    Never raises on any text.
    """
    where = clean(text)
    if not _MAY_HOLD_LABEL.search(where.text):
        return  # most prose names no level: nothing to look for
    for match in _FINDER.finditer(where.text):
        raw = _grammar.attempt(match["path"].rstrip(), "path", _grammar.CODES)
        if raw is not None and is_segments(raw):
            yield _path(raw, where, match.start("path"), match["tail"] or "")


def resolve_path(path: CodePath, catalog: Catalog | None = None) -> Resolution:
    """
    Find the code *path* names, through the names of its segments.

    Each name is looked up in *catalog* (by default
    :meth:`~cnbudget.catalog.Catalog.builtin`),
    also with or without a trailing 支出 (``行政事业单位医疗支出``); the first name
    may carry words of the sentence before it. The codes found must nest; the
    deepest one that all known names agree on is the answer. What does not fit
    is reported: labels that give the wrong level, names the catalogue does not
    know or calls otherwise, and names that fit more than one code.

    Never raises: a path that names no code has ``code=None`` and says why in its
    diagnostics.
    """
    catalog = Catalog.builtin() if catalog is None else catalog
    segments = (*path.segments, *([path.tail] if path.tail else []))
    candidates = [_candidates(segments, index, catalog) for index in range(len(segments))]
    chains = _consistent_chains(candidates)
    diagnostics: list[Diagnostic] = []
    codes: list[Code | None] = [None] * len(segments)
    deepest: Code | None = None
    if len(chains) > 1:
        listed = ", ".join(str(chain[-1][1]) for chain in chains)
        diagnostics.append(
            Diagnostic(
                "ambiguous-name",
                f"'{path.source}' fits several codes: {listed}",
                path.span,
            )
        )
    elif chains:
        for index, code in chains[0]:
            codes[index] = code
        deepest = max((c for c in codes if c is not None), key=lambda c: len(c.digits))
    for segment, found in zip(segments, codes, strict=True):
        diagnostics += _check_segment(segment, found, deepest, catalog)
    tail_code = codes.pop() if path.tail else None
    return Resolution(path, deepest, tuple(codes), tail_code, tuple(diagnostics))


def resolve_name(name: str, catalog: Catalog | None = None) -> Resolution:
    """
    Find the code of a name written alone (``卫生健康支出``, ``住房公积金``).

    To prefer a document's own tables, pass
    ``Catalog.harvest([(tree, "this document")]) | Catalog.builtin()``.
    A name that fits several codes (行政运行 sits under many 款) resolves to
    none, with an ``ambiguous-name`` diagnostic that lists them.
    """
    catalog = Catalog.builtin() if catalog is None else catalog
    segment = PathSegment(name, None, span=Span(0, len(name)))
    path = CodePath((segment,), None, name, Span(0, len(name)))
    found = [entry.code for entry in _lookup(name, catalog)]
    if len(found) == 1:
        return Resolution(path, found[0], (found[0],))
    if found:
        listed = ", ".join(map(str, found))
        problem = Diagnostic("ambiguous-name", f"'{name}' fits several codes: {listed}", path.span)
    else:
        problem = Diagnostic(
            "unknown-name", f"'{name}' is not in the catalogue", path.span, Severity.INFO
        )
    return Resolution(path, None, (None,), diagnostics=(problem,))


def _name_variants(name: str) -> list[str]:
    name = name_key(name)
    variants = [name]
    variants.append(name[:-2] if name.endswith("支出") else name + "支出")
    return variants


def _lookup(name: str, catalog: Catalog) -> list[Entry]:
    for variant in _name_variants(name):
        found = catalog.find(variant)
        if found:
            return found
    return []


def _candidates(segments: Sequence[PathSegment], index: int, catalog: Catalog) -> list[Code]:
    segment = segments[index]
    if segment.label_digits and segment.label is Level.CLASS:
        code = code_of(segment.label_digits)
        return [code] if code is not None else []
    name = segment.name
    names = [name]
    if index == 0:
        # Words of the sentence may precede the first name: try its endings.
        names = [name[start:] for start in range(max(0, len(name) - _LONGEST_NAME), len(name) - 1)]
    elif segment.label is None:
        # Trailing text runs on into the sentence: try its beginnings.
        names = [name[:end] for end in range(min(len(name), _LONGEST_NAME), 1, -1)]
    for name in names:
        found = _lookup(name, catalog)
        if found:
            codes = [entry.code for entry in found]
            if segment.label_digits:
                codes = [c for c in codes if c.digits.endswith(segment.label_digits)]
            return codes
    return []


def _consistent_chains(candidates: list[list[Code]]) -> list[list[tuple[int, Code]]]:
    """Assignments of one code per known segment in which every code nests in the next."""
    chains: list[list[tuple[int, Code]]] = [[]]
    for index, codes in enumerate(candidates):
        if not codes:
            continue
        grown = [
            [*chain, (index, code)]
            for chain in chains
            for code in codes
            if not chain or chain[-1][1].is_ancestor_of(code)
        ]
        if not grown:
            return []
        chains = grown
    return [chain for chain in chains if chain]


def _check_segment(
    segment: PathSegment,
    code: Code | None,
    deepest: Code | None,
    catalog: Catalog,
) -> list[Diagnostic]:
    if code is not None:
        if segment.label is None:
            return [
                Diagnostic(
                    "unlabelled-name",
                    f"'{segment.name}' has no label; it names {code} ({code.level}), "
                    "so the labels before it are shifted by one level",
                    segment.span,
                )
            ]
        if segment.label is not code.level:
            return [
                Diagnostic(
                    "mislabelled-level",
                    f"'{segment.name}' is labelled （{segment.label}） but {code} is a {code.level}",
                    segment.span,
                )
            ]
        return []
    if segment.label is None:
        return []  # trailing words of the sentence
    # An unknown name: say what the code at its level would be called, if known.
    expected = None
    if deepest is not None and segment.label is not None:
        expected = next(
            (c for c in (*deepest.ancestors, deepest) if c.level is segment.label), None
        )
    entry = catalog.lookup(expected) if expected is not None else None
    if entry is not None and not names_match(segment.name, entry.name):
        message = (
            f"'{segment.name}' （{segment.label}） is not the catalogue's name for {expected}: "
            f"'{entry.name}' ({entry.source})"
        )
        return [Diagnostic("name-mismatch", message, segment.span)]
    return [
        Diagnostic(
            "unknown-name",
            f"'{segment.name}' （{segment.label}） is not in the catalogue",
            segment.span,
            Severity.INFO,
        )
    ]
