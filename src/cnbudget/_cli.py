"""The ``cnbudget`` command."""

from __future__ import annotations

import argparse
import contextlib
import csv
import functools
import io
import json
import os
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ._input import InputError as _InputError
from ._input import document as document_of
from ._input import lookup_codec as _codec
from ._input import read as _read
from ._text import LineMap, display_width
from .amounts import Amount, Percentage, Qualifier, Quantity
from .changes import Change
from .dates import Date, DateRange
from .diagnostics import Severity
from .phrases import PhraseKind, find_phrases
from .tables import RowRole

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

    from .documents import Document
    from .phrases import Phrase
    from .tables import Table

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


_DESCRIPTION = """\
Parse Chinese government budget disclosures (部门预算公开 / 部门决算公开).
FILE is a text rendering (TSV, plain text, markdown, HTML) or a PDF with a
text layer (needs the pdf extra: pip install 'cnbudget[pdf]').

  cnbudget parse FILE       summarise FILE: title, year, department, outline,
                            tables, standard figures, diagnostics (--json: all)
  cnbudget parse -          read standard input
  cnbudget parse --example  run on the bundled example document
  cnbudget phrases FILE     list the phrases of FILE (amounts, percentages,
                            changes, quantities, dates), with line:column
  cnbudget tables FILE      list the tables of FILE; --csv DIR writes them
  cnbudget check FILE...    list the figures that disagree with each other,
                            like a linter (file:line:col: CB101 message)
  cnbudget export FILE... --fdp DIR
                            write every money figure of the files' tables
                            as one tidy CSV with a Fiscal Data Package
                            descriptor (datapackage.json)
  cnbudget batch PATH... -o OUT.jsonl
                            parse and check many files (directories: their
                            .txt, .md, .html, .pdf files) in --jobs
                            processes, one JSON line per file; a file that
                            fails is reported and skipped

Exit status: 0 ok, 1 problems found (a diagnostic of severity warning or
error, or a line that could not be read; for check, an error finding; for
batch, a file that failed or an error finding), 2 usage or input error.
"""


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cnbudget",
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    parse = commands.add_parser("parse", help="summarise a document")
    phrases = commands.add_parser("phrases", help="list the phrases of a document")
    tables = commands.add_parser("tables", help="list the tables of a document, or write them")
    for command in (parse, phrases, tables):
        command.add_argument(
            "file", nargs="?", metavar="FILE", help="a text or PDF file, or - for stdin"
        )
        command.add_argument(
            "--example", action="store_true", help="use the bundled example document"
        )
        command.add_argument(
            "--encoding", default="utf-8", help="the file's encoding (default: utf-8; e.g. gb18030)"
        )
    checks = commands.add_parser("check", help="list the figures that disagree with each other")
    checks.add_argument(
        "files", nargs="*", metavar="FILE", help="text or PDF files, or - for stdin"
    )
    checks.add_argument("--example", action="store_true", help="check the bundled example")
    checks.add_argument("--encoding", default="utf-8", help="the files' encoding")
    checks.add_argument("--json", action="store_true", help="print the findings as JSON lines")
    checks.add_argument("--select", default="", help="rule ids or prefixes, comma-separated")
    checks.add_argument("--ignore", default="", help="rule ids or prefixes to leave out")
    checks.add_argument(
        "--show-rounding", action="store_true", help="also list differences rounding explains"
    )
    batch = commands.add_parser("batch", help="parse and check many files into JSON lines")
    batch.add_argument("paths", nargs="+", metavar="PATH", help="files, directories or globs")
    batch.add_argument("-o", "--output", required=True, metavar="OUT", help="the JSON lines file")
    batch.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="processes (default: the cores)"
    )
    batch.add_argument("--encoding", default="utf-8", help="the files' encoding")
    export = commands.add_parser(
        "export", help="write the budget lines of documents as a Fiscal Data Package"
    )
    export.add_argument("files", nargs="+", metavar="FILE", help="text or PDF files")
    export.add_argument(
        "--fdp", required=True, metavar="DIR", help="the directory to write the package into"
    )
    export.add_argument("--encoding", default="utf-8", help="the files' encoding")
    parse.add_argument("--json", action="store_true", help="print the whole document as JSON")
    phrases.add_argument("--json", action="store_true", help="print JSON instead of a table")
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
    # A lone surrogate (from --encoding unicode_escape, say) is shown escaped, not a crash.
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    parser = _build_parser()
    args = parser.parse_args(argv)
    if args.version:
        from . import __version__  # noqa: PLC0415

        print(f"cnbudget {__version__}")
        return EXIT_OK
    if args.command in _MANY_FILES:
        return _MANY_FILES[args.command](args)
    if args.command not in {"parse", "phrases", "tables"}:
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
    return _command(args, name, text)


def _command(args: argparse.Namespace, name: str, text: str) -> int:
    if args.command == "tables":
        return _tables(name, text, args.csv, bom=not args.plain_utf8)
    if args.command == "parse":
        return _document(name, text, as_json=args.json)
    phrases = list(find_phrases(text))
    if args.json:
        document = {"file": name, "phrases": [_as_json(p, text) for p in phrases]}
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        _print_table(name, text, phrases)
    return EXIT_OK


def _document(name: str, text: str, *, as_json: bool) -> int:
    from .documents import Unparsed  # noqa: PLC0415
    from .serialization import to_json  # noqa: PLC0415

    document = document_of(text)  # a PDF's pages without text reported too
    if as_json:
        json.dump({"file": name, "document": to_json(document)}, sys.stdout, ensure_ascii=False)
        print()
    else:
        _print_document(name, text, document)
    problems = any(d.severity is not Severity.INFO for d in document.diagnostics) or any(
        isinstance(e, Unparsed) for e in document.elements
    )
    return EXIT_PROBLEMS if problems else EXIT_OK


def _print_document(name: str, text: str, document: Document) -> None:
    print(name)
    print(f"  title       {document.title or '(none)'}")
    print(
        f"  year        {document.year}   kind {document.kind}   department {document.department}"
    )
    for label, date in (
        ("approved", document.approved),
        ("published", document.published),
        ("dated", document.dated),
    ):
        if date is not None:
            print(f"  {label:<11} {date}")
    for role, contact in document.contacts:
        print(f"  {role:<11} {contact}")
    headings = [h for h in document.headings if h.style not in {"toc", "caption"}]
    print(f"\noutline: {len(headings)} headings")
    for heading in headings:
        line, _ = _line_column(text, heading.span.start)
        print(f"{line:>6}  {'  ' * (heading.level - 1)}{heading.number} {heading.text}".rstrip())
    print(f"\ntables: {len(document.tables)}")
    for table in document.tables:
        line, _ = _line_column(text, table.span.start if table.span else 0)
        total = _table_total(table)
        print(
            f"{line:>6}  {_pad(table.kind.name, 24)} {table.caption or '(no caption)'}"
            f"{f' ({table.side})' if table.side else ''}: {len(table.rows)} rows"
            + (f", total {total}" if total else "")
        )
    print("\nfigures")
    for field in ("totals", "three_public", "operating_costs", "procurement", "assets"):
        facts = getattr(document, field)
        shown = "; ".join(f"{fact.label} {fact.value}" for fact in facts[:2]) or "-"
        more = f" (+{len(facts) - 2})" if len(facts) > 2 else ""  # noqa: PLR2004
        print(f"  {field:<16} {shown}{more}")
    print(f"  {'all':<16} {len(document.facts)} labelled figures, {len(document.phrases)} phrases")
    from .checks import check  # noqa: PLC0415 -- the checks read documents

    report = check(document)
    print(
        f"\nfindings: {len(report.errors)} errors, {len(report.of(Severity.WARNING))} warnings, "
        f"{len(report.of(Severity.INFO))} rounding (cnbudget check {name} lists them)"
    )
    print(f"\ndiagnostics: {len(document.diagnostics)}")
    for diagnostic in document.diagnostics:
        where = _line_column(text, diagnostic.span.start) if diagnostic.span else (0, 0)
        print(
            f"{where[0]:>6}:{where[1]:<4} {diagnostic.severity!s:<8}{diagnostic.kind}: "
            f"{diagnostic.message}"
        )


def _check_files(args: argparse.Namespace) -> int:
    """``cnbudget check``: the findings of each file, one per line, like a linter."""
    from .checks import check  # noqa: PLC0415 -- the checks read documents
    from .errors import UnknownRule  # noqa: PLC0415
    from .serialization import to_json  # noqa: PLC0415

    if args.example == bool(args.files):
        print(
            "cnbudget check: give FILE... (or - for standard input), or --example", file=sys.stderr
        )
        return EXIT_USAGE
    select = [rule for rule in args.select.split(",") if rule.strip()] or None
    ignore = [rule for rule in args.ignore.split(",") if rule.strip()]
    status = EXIT_OK
    for file in args.files or [None]:
        try:
            name, text = _read(file, args.encoding, example=args.example)
            report = check(document_of(text), select=select, ignore=ignore)
        except _InputError as error:
            print(f"cnbudget: {error}", file=sys.stderr)
            return EXIT_USAGE
        except UnknownRule as error:
            print(f"cnbudget check: {error}", file=sys.stderr)
            return EXIT_USAGE
        for finding in report.findings:
            if finding.is_rounding and not args.show_rounding:
                continue
            line, column = _line_column(text, finding.spans[0].start) if finding.spans else (0, 0)
            if args.json:
                record = {"file": name, "line": line, "column": column, "finding": to_json(finding)}
                print(json.dumps(record, ensure_ascii=False))
            else:
                print(
                    f"{name}:{line}:{column}: {finding.rule} {finding.severity}: {finding.message}"
                )
        if report.errors:
            status = EXIT_PROBLEMS
        if not args.json:
            rounding = len(report.of(Severity.INFO))
            print(
                f"{name}: {len(report.errors)} errors, {len(report.of(Severity.WARNING))} "
                f"warnings, {rounding} rounding, {sum(n for _, n in report.checks)} checks"
                + "".join(f"; {n.rule} not checked: {n.reason}" for n in report.not_checked),
                file=sys.stderr,
            )
    return status


# What a directory given to ``batch`` holds that is read: disclosures, as PDFs or as text.
_BATCH_SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf"})


def _batch(args: argparse.Namespace) -> int:
    """``cnbudget batch``: parse and check many files in a process pool, into JSON lines."""
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415

    if args.jobs < 1:
        print("cnbudget batch: --jobs must be 1 or more", file=sys.stderr)
        return EXIT_USAGE
    try:
        _codec(args.encoding)
    except _InputError as error:
        print(f"cnbudget batch: {error}", file=sys.stderr)
        return EXIT_USAGE
    files = _batch_files(args.paths)
    if not files:
        print(f"cnbudget batch: no files in {' '.join(args.paths)}", file=sys.stderr)
        return EXIT_USAGE
    work = functools.partial(_batch_one, encoding=args.encoding)
    failed = errors = 0
    progress = sys.stderr.isatty()
    try:
        output = _create(Path(args.output), encoding="utf-8")
    except OSError as error:
        print(f"cnbudget batch: {args.output}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    with output, contextlib.ExitStack() as stack:
        results: Iterator[str] = map(work, files)
        if args.jobs > 1:
            # Workers send back JSON text, not Documents: pickling documents costs more
            # than parsing them.
            pool = stack.enter_context(ProcessPoolExecutor(args.jobs))
            results = pool.map(
                work, files, chunksize=max(1, min(16, len(files) // (4 * args.jobs)))
            )
        for done, line in enumerate(results, start=1):
            output.write(line + "\n")
            record = json.loads(line) if '"error"' in line[:200] else None
            if record is not None and "error" in record:
                failed += 1
                print(f"cnbudget batch: {record['file']}: {record['error']}", file=sys.stderr)
            elif '"severity":"error"' in line:
                errors += 1
            if progress:
                print(f"\r{done}/{len(files)} files", end="", file=sys.stderr, flush=True)
    print(
        ("\n" if progress else "")
        + f"{len(files)} files: {len(files) - failed} parsed, {failed} failed; "
        f"{errors} with error findings; written to {args.output}",
        file=sys.stderr,
    )
    return EXIT_PROBLEMS if failed or errors else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    """``cnbudget export --fdp DIR``: the budget lines of every file, as one Fiscal Data Package."""
    from ._fiscal import write_package  # noqa: PLC0415

    lines: list[dict[str, object]] = []
    status = EXIT_OK
    files = list(dict.fromkeys(args.files))  # a file named twice is exported once
    for file in files:
        try:
            name, text = _read(file, args.encoding, example=False)
        except _InputError as error:
            print(f"cnbudget export: {error}", file=sys.stderr)
            return EXIT_USAGE
        # The path as given names the lines' source: their ids stay unique.
        found = document_of(text).budget_lines(source=name)
        if not found:
            print(f"cnbudget export: {name}: no money figures in its tables", file=sys.stderr)
            status = EXIT_PROBLEMS
        lines.extend(found)
    try:
        path = write_package(
            lines, Path(args.fdp), name="cnbudget-budget-lines", title="budget lines"
        )
    except OSError as error:
        print(f"cnbudget export: {args.fdp}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{len(lines)} budget lines of {len(files)} files written to {path.parent}")
    return status


def _batch_files(paths: Sequence[str]) -> list[str]:
    """The files *paths* name: files as given, directories' texts, glob patterns' matches."""
    import glob  # noqa: PLC0415

    files: list[str] = []
    for path in paths:
        if Path(path).is_dir():
            found = sorted(
                str(p) for p in Path(path).rglob("*") if p.suffix.lower() in _BATCH_SUFFIXES
            )
        elif Path(path).exists() or not glob.has_magic(path):
            found = [path]  # a missing file is reported by its worker
        else:
            # Path.glob takes no absolute pattern; glob.glob takes both.
            found = sorted(glob.glob(path, recursive=True))  # noqa: PTH207
        files.extend(found)
    return files


def _batch_one(file: str, *, encoding: str) -> str:
    """One file parsed and checked, as a compact JSON line; a failure as a line too."""
    from .corpus import record  # noqa: PLC0415

    return json.dumps(record(file, encoding=encoding), ensure_ascii=False, separators=(",", ":"))


def _table_total(table: Table) -> str:
    """The first amount of the table's first total row, as printed."""
    for row in table.rows:
        if row.role is RowRole.TOTAL:
            for cell in row.cells:
                if isinstance(cell.value, Amount):
                    return str(cell.value)
    return ""


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
            for diagnostic in table.diagnostics:
                if diagnostic.severity is not Severity.INFO:
                    print(f"       {diagnostic}")
        return _table_status(tables)
    folder = Path(directory)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for number, table in enumerate(tables, start=1):
            side = {"收入": "-income", "支出": "-expenditure"}.get(table.side or "", "")
            path = folder / f"{number:02d}-{table.kind.name.lower()}{side}.csv"
            with _create(path, encoding="utf-8-sig" if bom else "utf-8") as stream:
                _write_csv(table, stream)
    except OSError as error:
        print(f"cnbudget: {directory}: cannot write: {error.strerror}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{name}: {len(tables)} tables written to {folder}")
    return _table_status(tables)


def _table_status(tables: Sequence[Table]) -> int:
    """1 when a table has problems (figures that do not add up, ambiguous cells), else 0."""
    problems = any(d.severity is not Severity.INFO for t in tables for d in t.diagnostics)
    return EXIT_PROBLEMS if problems else EXIT_OK


def _create(path: Path, *, encoding: str) -> TextIO:
    """*path* opened for writing, never through a symbolic link planted there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path, flags, 0o666)
    except OSError as error:
        if path.is_symlink():
            error.strerror = f"{path.name} is a symbolic link; not following it"
        raise
    return open(descriptor, "w", encoding=encoding, newline="")  # noqa: PTH123


def _write_csv(table: Table, stream: TextIO) -> None:
    writer = csv.writer(stream)
    # Every row says which table it is from, so files can be concatenated and still read.
    header = [
        "table",
        "kind",
        "unit",
        "code",
        "key",
        "name",
        "role",
        *(str(column) for column in table.columns),
    ]
    writer.writerow([_csv_text(label) for label in header])
    about = [_csv_text(table.caption), table.kind.value, str(table.unit) if table.unit else ""]
    for row in table.rows:
        writer.writerow(
            [
                *about,
                str(row.code) if row.code else "",
                _csv_text(row.key),
                _csv_text(row.name),
                row.role.value,
                *(_csv_value(cell.value, cell.raw) for cell in row.cells),
            ]
        )


# What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(text: str) -> str:
    """Text as printed, with a leading ``'`` where a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _csv_value(value: object, raw: str) -> str:
    """A number as digits (exact, no unit), anything else as printed and made safe."""
    if isinstance(value, Amount):
        return f"{value.value:f}" if value.qualifier is Qualifier.EXACT else _csv_text(raw)
    if isinstance(value, Decimal):
        return f"{value:f}"
    return _csv_text(raw)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    return _lines(text).line_column(offset)


@functools.lru_cache(maxsize=1)
def _lines(text: str) -> LineMap:
    """The lines of *text*: found once, so that positions cost a bisection."""
    return LineMap(text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _print_table(name: str, text: str, phrases: list[Phrase]) -> None:
    print(f"{name}: {len(phrases)} phrases")
    for phrase in phrases:
        assert phrase.span is not None  # noqa: S101 -- find_phrases always sets it
        line, column = _line_column(text, phrase.span.start)
        source = " ".join(phrase.source.split())
        print(
            f"{line:>5}:{column:<4} {PhraseKind.of(phrase).value:<11}{_pad(str(phrase), 30)} {source}"
        )


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
        "kind": PhraseKind.of(phrase).value,
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


# The commands that take many files, each read on its own.
_MANY_FILES: dict[str, Callable[[argparse.Namespace], int]] = {
    "check": _check_files,
    "batch": _batch,
    "export": _export,
}
