"""
A catalogue of code names, each entry with the source that printed it.

No machine-readable copy of 《政府收支分类科目》 is public, so cnbudget ships only
entries it has seen printed: :meth:`Catalog.builtin` holds every code–name pair
of the tables of the documents in its test fixtures, each with the document,
table and line it came from. Load your own copy of the official list with
:meth:`Catalog.load`, build one from a corpus with :meth:`Catalog.harvest`, and
combine them with ``|`` (the left one answers first).

>>> catalog = Catalog.builtin()
>>> entry = catalog.lookup("2080505")
>>> entry.name
'机关事业单位基本养老保险缴费支出'
>>> [str(e.code) for e in catalog.find("住房公积金")]
['2210201', '30113']
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from ._text import name_key, without_brackets
from .codes import Code, code_of
from .errors import InvalidCatalog
from .trees import CodeTree, Node

__all__ = ["Catalog", "Entry", "NameConflict", "NameMismatch", "check_names"]


def __dir__() -> list[str]:
    return __all__


def names_match(printed: str, known: str) -> bool:
    """
    Whether two names are the same once spaces, markup, widths and list numbering go.

    A bracketed variant may be left out: 维修（护）费 matches 维修费.

    >>> names_match("三、对个人和家庭的补助 ", "对个人和家庭的补助")
    True
    """
    left, right = name_key(printed), name_key(known)
    return left == right or without_brackets(left) == without_brackets(right)


@attrs.frozen
class Entry:
    """
    One code and its name, as a source printed them.

    Attributes:
        code: The code.
        name: Its name as printed.
        source: Where it was printed: a document, table and line, or a file.
        year: The year of the classification, when known.
    """

    code: Code
    name: str
    source: str
    year: int | None = None


@attrs.frozen
class NameConflict:
    """A code printed with different names by different sources."""

    code: Code
    entries: tuple[Entry, ...]


@attrs.frozen
class NameMismatch:
    """A tree row whose printed name differs from the catalogue's."""

    node: Node
    entry: Entry

    @property
    def printed(self) -> str:
        """The name the row printed."""
        return self.node.name


@attrs.frozen
class Catalog:
    """
    Code–name entries with their sources, searchable by code and by name.

    Attributes:
        entries: Every entry, in order of precedence.
        conflicts: Codes whose sources disagree on the name (see :meth:`harvest`).
    """

    entries: tuple[Entry, ...] = ()
    conflicts: tuple[NameConflict, ...] = ()
    _by_code: dict[Code, list[Entry]] = attrs.field(init=False, repr=False, eq=False)
    _by_name: dict[str, list[Entry]] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        by_code: dict[Code, list[Entry]] = {}
        by_name: dict[str, list[Entry]] = {}
        for entry in self.entries:
            by_code.setdefault(entry.code, []).append(entry)
            for key in _name_keys(entry.name):
                by_name.setdefault(key, []).append(entry)
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_by_name", by_name)

    @classmethod
    def builtin(cls) -> Catalog:
        """The entries cnbudget ships, each evidenced by a printed table."""
        return _builtin()

    @classmethod
    def load(cls, path: str | Path) -> Catalog:
        """
        Read a CSV file of entries.

        The header row names the columns ``code`` and ``name``, and optionally
        ``year`` and ``source``. Entries without a source cite the file and line.

        Raises:
            InvalidCatalog: the file is not UTF-8 CSV of that shape; the message
                names the file, the line and the reason.
            OSError: the file cannot be opened.
        """
        path = Path(path)
        with path.open(encoding="utf-8-sig", newline="") as stream:
            try:
                return cls._read(stream, path.name)
            except UnicodeDecodeError as error:
                raise InvalidCatalog(path.name, None, f"not UTF-8 text ({error.reason})") from None

    @classmethod
    def _read(cls, stream: Iterable[str], origin: str) -> Catalog:
        reader = csv.DictReader(stream)
        try:
            columns = reader.fieldnames or []
        except csv.Error as error:
            raise InvalidCatalog(origin, 1, f"not CSV ({error})") from None
        missing = [name for name in ("code", "name") if name not in columns]
        if missing:
            raise InvalidCatalog(origin, 1, f"the header has no column {', '.join(missing)}")
        entries = []
        line = 1
        try:
            for row in reader:
                line = reader.line_num
                entries.append(_entry(row, origin, line))
        except csv.Error as error:
            # The row that failed: the csv reader has counted it, the DictReader not yet.
            failed = reader.reader.line_num or line
            raise InvalidCatalog(origin, failed, f"not CSV ({error})") from None
        return cls(tuple(entries))

    @classmethod
    def harvest(cls, trees: Iterable[tuple[CodeTree, str]]) -> Catalog:
        """
        Build a catalogue from *trees*, each given with a label for its source.

        Every printed row gives an entry cited by the label (a document and
        table). Codes printed with names that do not match are reported in
        :attr:`conflicts`.
        """
        return cls.from_entries(
            Entry(node.code, node.name, label)
            for tree, label in trees
            for node in tree
            if not node.implicit
        )

    @classmethod
    def from_entries(cls, entries: Iterable[Entry]) -> Catalog:
        """
        Make a catalogue of *entries*, keeping the first of each code and name.

        Codes given names that do not match are reported in :attr:`conflicts`.
        """
        kept: list[Entry] = []
        seen: dict[Code, list[Entry]] = {}
        for entry in entries:
            known = seen.setdefault(entry.code, [])
            if not any(name_key(e.name) == name_key(entry.name) for e in known):
                known.append(entry)
                kept.append(entry)
        conflicts = tuple(
            NameConflict(code, tuple(found))
            for code, found in seen.items()
            if any(not names_match(found[0].name, other.name) for other in found[1:])
        )
        return cls(tuple(kept), conflicts)

    def __or__(self, other: Catalog) -> Catalog:
        """Both catalogues; this one answers first."""
        return Catalog(self.entries + other.entries, self.conflicts + other.conflicts)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, (Code, str)) and self.lookup(code) is not None

    def lookup(self, code: Code | str) -> Entry | None:
        """The first entry for *code*; its ``source`` says which source answered."""
        key = code if isinstance(code, Code) else code_of(code)
        found = self._by_code.get(key) if key is not None else None
        return found[0] if found else None

    def find(self, name: str) -> list[Entry]:
        """
        Find every code printed with *name*, one entry per code, in code order.

        Brackets, spaces and list numbering do not count.
        """
        found: dict[Code, Entry] = {}
        for key in _name_keys(name):
            for entry in self._by_name.get(key, ()):
                found.setdefault(entry.code, entry)
        return [found[code] for code in sorted(found)]

    def to_csv(self) -> str:
        """The entries as CSV text (``code,name,scheme,year,source``)."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["code", "name", "scheme", "year", "source"])
        for entry in self.entries:
            writer.writerow(
                [entry.code, entry.name, entry.code.scheme, entry.year or "", entry.source]
            )
        return out.getvalue()


def _entry(row: dict[str | Any, str | Any], origin: str, line: int) -> Entry:
    """One row of a catalogue file as an entry, or :class:`InvalidCatalog` saying why not."""
    if any(isinstance(value, str) and "\x00" in value for value in row.values()):
        raise InvalidCatalog(origin, line, "the row holds a NUL character: not a text file")
    code, name = row.get("code"), row.get("name")
    if code is None or name is None:
        raise InvalidCatalog(origin, line, "the row is shorter than the header")
    try:
        parsed = Code(code.strip())
    except ValueError as error:
        raise InvalidCatalog(origin, line, f"{code.strip()!r} is not a code: {error}") from None
    year_text = (row.get("year") or "").strip()
    year = None
    if year_text:
        if not year_text.isascii() or not year_text.isdigit():
            raise InvalidCatalog(origin, line, f"{year_text!r} is not a year")
        year = int(year_text)
    source = row.get("source") or f"{origin}, line {line}"
    return Entry(parsed, name.strip(), source, year)


def _name_keys(name: str) -> set[str]:
    normal = name_key(name)
    return {normal, without_brackets(normal)}


@functools.cache
def _builtin() -> Catalog:
    text = resources.files("cnbudget").joinpath("data/catalog.csv").read_text(encoding="utf-8")
    return Catalog._read(io.StringIO(text), "catalog.csv")  # noqa: SLF001


def check_names(tree: CodeTree, catalog: Catalog) -> list[NameMismatch]:
    """
    Find rows whose printed name differs from the catalogue's name for their code.

    Names are compared with ``names_match()``, so brackets, spaces and known
    variants (维修（护）费) do not count. Codes the catalogue lacks are not reported.
    Never raises.
    """
    mismatches = []
    for node in tree:
        if node.implicit:
            continue
        entries = catalog._by_code.get(node.code, [])  # noqa: SLF001
        if entries and not any(names_match(node.name, entry.name) for entry in entries):
            mismatches.append(NameMismatch(node, entries[0]))
    return mismatches
