"""The ``cnbudget`` command."""

from __future__ import annotations

import argparse
import codecs
import csv
import json
import os
import sys
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from .amounts import Amount, Percentage, Qualifier, Quantity
from .changes import Change
from .dates import Date, DateRange
from .errors import display_width
from .phrases import find_phrases, phrase_kind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .phrases import Phrase
    from .tables import Table

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


_DESCRIPTION = """\
Parse Chinese government budget disclosures (部门预算公开 / 部门决算公开).

  cnbudget parse FILE       list the phrases of FILE (amounts, percentages,
                            changes, quantities, dates), with line:column
  cnbudget parse -          read standard input
  cnbudget parse --example  run on the bundled example document
  cnbudget tables FILE      list the tables of FILE; --csv DIR writes them

Exit status: 0 ok, 1 problems found, 2 usage or input error.
"""


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cnbudget",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parse = commands.add_parser("parse", help="list the phrases of a document")
    tables = commands.add_parser("tables", help="list the tables of a document, or write them")
    for command in (parse, tables):
        command.add_argument("file", nargs="?", metavar="FILE", help="a text file, or - for stdin")
        command.add_argument(
            "--example", action="store_true", help="use the bundled example document"
        )
        command.add_argument(
            "--encoding", default="utf-8", help="the file's encoding (default: utf-8; e.g. gb18030)"
        )
    parse.add_argument("--json", action="store_true", help="print JSON instead of a table")
    tables.add_argument("--csv", metavar="DIR", help="write one CSV file per table into DIR")
    tables.add_argument(
        "--plain-utf8",
        action="store_true",
        help="write UTF-8 without the byte-order mark Excel needs to read Chinese",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        return _run(argv)
    except BrokenPipeError:
        # The reader went away (``cnbudget parse x | head``): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_PROBLEMS


def _run(argv: Sequence[str] | None) -> int:
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__  # noqa: PLC0415

        print(f"cnbudget {__version__}")
        return EXIT_OK
    if args.command not in {"parse", "tables"}:
        parser.print_help()
        return EXIT_USAGE
    if args.example == (args.file is not None):
        print(
            f"cnbudget {args.command}: give one FILE (or - for standard input), or --example\n"
            f"  e.g. cnbudget {args.command} 2026年部门预算.txt",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        name, text = _read(args.file, args.encoding, example=args.example)
    except _InputError as error:
        print(f"cnbudget: {error}", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "tables":
        return _tables(name, text, args.csv, bom=not args.plain_utf8)
    phrases = list(find_phrases(text))
    if args.json:
        document = {"file": name, "phrases": [_as_json(p, text) for p in phrases]}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(name, text, phrases)
    return EXIT_OK


def _tables(name: str, text: str, directory: str | None, *, bom: bool) -> int:
    from .tables import find_tables  # noqa: PLC0415 -- only this command needs tables

    tables = find_tables(text)
    if directory is None:
        print(f"{name}: {len(tables)} tables")
        for number, table in enumerate(tables, start=1):
            line, _ = _line_column(text, table.span.start if table.span else 0)
            side = f" ({table.side})" if table.side else ""
            caption = table.caption or "(no caption)"
            print(
                f"{number:>3}  line {line:<5} {table.kind.name:<24} {caption}{side}: "
                f"{len(table.rows)} rows, {len(table.columns)} columns"
                + (f", 单位 {table.unit}" if table.unit else "")
                + (", empty" if table.is_empty else "")
            )
        return EXIT_OK
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number, table in enumerate(tables, start=1):
            side = {"收入": "-income", "支出": "-expenditure"}.get(table.side or "", "")
            path = folder / f"{number:02d}-{table.kind.name.lower()}{side}.csv"
            with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as stream:
                _write_csv(table, stream)
    except OSError as error:
        print(f"cnbudget: {directory}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{name}: {len(tables)} tables written to {folder}")
    return EXIT_OK


def _write_csv(table: Table, stream: TextIO) -> None:
    writer = csv.writer(stream)
    writer.writerow(["code", "key", "name", "role", *(str(column) for column in table.columns)])
    for row in table.rows:
        writer.writerow(
            [
                str(row.code) if row.code else "",
                row.key,
                row.name,
                row.role.value,
                *(_csv_value(cell.value, cell.raw) for cell in row.cells),
            ]
        )


def _csv_value(value: object, raw: str) -> str:
    """A number as digits (exact, no unit), anything else as printed."""
    if isinstance(value, Amount):
        return f"{value.value:f}" if value.qualifier is Qualifier.EXACT else raw
    if isinstance(value, Decimal):
        return f"{value:f}"
    return raw


class _InputError(Exception):
    pass


def _read(file: str | None, encoding: str, *, example: bool) -> tuple[str, str]:
    try:
        codecs.lookup(encoding)
    except LookupError:
        msg = f"unknown encoding {encoding!r}"
        raise _InputError(msg) from None
    if example:
        data = resources.files("cnbudget").joinpath("data/example.txt").read_bytes()
        name = "example.txt"
    elif file == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        assert file is not None  # noqa: S101 -- checked by main()
        name = file
        try:
            with open(file, "rb") as stream:  # noqa: PTH123
                data = stream.read()
        except OSError as error:
            msg = f"{file}: cannot read: {error.strerror}"
            raise _InputError(msg) from None
    if codecs.lookup(encoding).name == "utf-8":
        encoding = "utf-8-sig"  # tolerate a byte-order mark, as Excel writes
    try:
        return name, data.decode(encoding)
    except UnicodeDecodeError as error:
        msg = (
            f"{name}: byte {error.start} is not valid {encoding}; "
            "try --encoding gb18030 for GBK/GB18030 files"
        )
        raise _InputError(msg) from None


def _line_column(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _print_table(name: str, text: str, phrases: list[Phrase]) -> None:
    print(f"{name}: {len(phrases)} phrases")
    for phrase in phrases:
        assert phrase.span is not None  # noqa: S101 -- find_phrases always sets it
        line, column = _line_column(text, phrase.span.start)
        source = " ".join(phrase.source.split())
        print(f"{line:>5}:{column:<4} {phrase_kind(phrase):<11}{_pad(str(phrase), 30)} {source}")


def _fields(value: object) -> object:
    """A phrase's own fields as JSON-ready data: Decimals as strings, exact."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (Amount, Percentage, Quantity, Change, Date, DateRange)):
        data: dict[str, object] = {}
        for field in type(value).__attrs_attrs__:
            if field.name in {"source", "span"}:
                continue
            data[field.name] = _fields(getattr(value, field.name))
        if isinstance(value, Amount):
            data["yuan"] = str(value.yuan)
        return data
    if hasattr(value, "value") and not isinstance(value, (int, str)):  # enums
        return value.value
    return value


def _as_json(phrase: Phrase, text: str) -> dict[str, object]:
    assert phrase.span is not None  # noqa: S101
    line, column = _line_column(text, phrase.span.start)
    return {
        "kind": phrase_kind(phrase),
        "text": str(phrase),
        "source": phrase.source,
        "start": phrase.span.start,
        "end": phrase.span.end,
        "line": line,
        "column": column,
        "value": _fields(phrase),
    }


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
