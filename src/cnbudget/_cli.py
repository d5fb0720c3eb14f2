"""The ``cnbudget`` command."""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from decimal import Decimal
from importlib import resources
from typing import TYPE_CHECKING

from .amounts import Amount, Percentage, Quantity
from .changes import Change
from .dates import Date, DateRange
from .errors import display_width
from .phrases import find_phrases, phrase_kind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .phrases import Phrase

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


_DESCRIPTION = """\
Parse Chinese government budget disclosures (部门预算公开 / 部门决算公开).

  cnbudget parse FILE       list the phrases of FILE (amounts, percentages,
                            changes, quantities, dates), with line:column
  cnbudget parse -          read standard input
  cnbudget parse --example  run on the bundled example document

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
    parse.add_argument("file", nargs="?", metavar="FILE", help="a text file, or - for stdin")
    parse.add_argument("--example", action="store_true", help="use the bundled example document")
    parse.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parse.add_argument(
        "--encoding", default="utf-8", help="the file's encoding (default: utf-8; e.g. gb18030)"
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
    if args.command != "parse":
        parser.print_help()
        return EXIT_USAGE
    if args.example == (args.file is not None):
        print(
            "cnbudget parse: give one FILE (or - for standard input), or --example\n"
            "  e.g. cnbudget parse 2026年部门预算.txt",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        name, text = _read(args.file, args.encoding, example=args.example)
    except _InputError as error:
        print(f"cnbudget: {error}", file=sys.stderr)
        return EXIT_USAGE
    phrases = list(find_phrases(text))
    if args.json:
        document = {"file": name, "phrases": [_as_json(p, text) for p in phrases]}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(name, text, phrases)
    return EXIT_OK


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
