"""
Benchmarks of cnbudget against baselines in the same process, reported as ratios.

Run with ``nox -s bench`` (or ``python benchmarks/run.py`` where cnbudget and,
optionally, jionlp and cn2an are installed). Inputs are real text: the seed
documents in ``tests/fixtures/seeds`` and their hand-checked phrase lists in
``tests/fixtures/phrases``. Timings are the best of several rounds; compare the
ratios, not the absolute numbers, across machines.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import os
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import cnbudget
from cnbudget import CodeTree, check, find_phrases, find_tables, parse_amount, parse_document
from cnbudget import _grammar as grammar
from cnbudget.trees import read_code_rows

if TYPE_CHECKING:
    from collections.abc import Callable

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
# A plain pass over the same text: what any regex-based extractor must at least do.
PLAIN_AMOUNT = re.compile(r"\d[\d,]*(?:\.\d+)?\s*[千万亿]?元")


def best_of(
    rounds: int, work: Callable[[], object], before: Callable[[], object] = lambda: None
) -> float:
    """The fastest of *rounds* runs of *work*, in seconds (*before* runs untimed)."""
    times = []
    for _ in range(rounds):
        before()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def seed_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "seeds").glob("*.txt"))]


def golden_amounts() -> list[tuple[str, Decimal]]:
    """Every amount phrase of the seeds with its value in 元, from the golden files."""
    rows = []
    for path in sorted((FIXTURES / "phrases").glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
                if row["kind"] == "amount":
                    value = parse_amount(row["value"])  # the canonical form, checked by the tests
                    rows.append((row["text"].replace("\\n", "\n"), value.yuan))
    return rows


def clear_cache() -> None:
    grammar.clear_memo()


def report(name: str, value: str, note: str = "") -> None:
    print(f"  {name:<44} {value:>14}  {note}")


def bench_parse_amount(rounds: int) -> None:
    phrases = golden_amounts()
    texts = [text for text, _ in phrases]
    wrong = sum(parse_amount(text).yuan != yuan for text, yuan in phrases)
    print(f"\nparse_amount on the {len(texts)} amount phrases of the seeds ({wrong} wrong)")

    def run() -> None:
        for text in texts:
            parse_amount(text)

    cold = best_of(rounds, run, clear_cache)
    warm = best_of(rounds, run)
    report("cnbudget.parse_amount, empty cache", f"{len(texts) / cold:,.0f}/s")
    report("cnbudget.parse_amount, steady state", f"{len(texts) / warm:,.0f}/s")

    try:
        import jionlp  # noqa: PLC0415
    except ImportError:
        report("jionlp.parse_money", "not installed")
        return

    def jionlp_value(text: str) -> Decimal | None:
        try:
            return Decimal(jionlp.parse_money(text)["num"])
        except Exception:  # noqa: BLE001 -- a baseline's failure is a data point
            return None

    jionlp_wrong = sum(jionlp_value(text) != yuan for text, yuan in phrases)

    def run_jionlp() -> None:
        for text in texts:
            jionlp_value(text)

    baseline = best_of(rounds, run_jionlp)
    report("jionlp.parse_money", f"{len(texts) / baseline:,.0f}/s", f"({jionlp_wrong} wrong)")
    report("ratio, empty cache", f"{baseline / cold:.2f}x", "(target >= 1.5x)")
    report("ratio, steady state", f"{baseline / warm:.2f}x", "(target >= 1.5x)")


def bench_find_phrases(rounds: int) -> None:
    texts = seed_texts()
    size = sum(len(text.encode("utf-8")) for text in texts)
    count = sum(1 for text in texts for _ in find_phrases(text))
    print(f"\nfind_phrases over the 5 seeds ({size / 1e3:.0f} KB, {count} phrases)")

    def run() -> None:
        for text in texts:
            for _ in find_phrases(text):
                pass

    def plain() -> None:
        for text in texts:
            PLAIN_AMOUNT.findall(text)

    cold = best_of(rounds, run, clear_cache)
    warm = best_of(rounds, run)
    baseline = best_of(rounds, plain)
    report("find_phrases, empty cache", f"{size / cold / 1e6:.1f} MB/s")
    report("find_phrases, steady state", f"{size / warm / 1e6:.1f} MB/s", "(target >= 10 MB/s)")
    report("plain amount regex (re.findall)", f"{size / baseline / 1e6:.1f} MB/s")
    report("ratio to the plain regex, steady state", f"{baseline / warm:.2f}x")

    try:
        import jionlp  # noqa: PLC0415
    except ImportError:
        report("jionlp.ner.extract_money", "not installed")
    else:
        extract = best_of(rounds, lambda: [jionlp.ner.extract_money(text) for text in texts])
        report("jionlp.ner.extract_money", f"{size / extract / 1e6:.2f} MB/s")
        report("ratio, steady state", f"{extract / warm:.1f}x")
    try:
        import cn2an  # noqa: PLC0415
    except ImportError:
        report("cn2an.transform", "not installed")
    else:
        # cn2an prints and warns about every numeral it cannot read.
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            transform = best_of(rounds, lambda: [cn2an.transform(text, "cn2an") for text in texts])
        report("cn2an.transform (numerals only)", f"{size / transform / 1e6:.2f} MB/s")
        report("ratio, steady state", f"{transform / warm:.1f}x")


def thousand_rows() -> str:
    """A code table of 1,000 rows: 10 类 x 9 款 x 10 项, indented with glued 项 codes."""
    lines = []
    for cls in range(201, 211):
        lines.append(f"{cls}\t\t类{cls}\t100.00\t60.00\t40.00")
        for section in range(1, 10):
            lines.append(f"\t{section:02d}\t款{section}\t10.00\t6.00\t4.00")
            lines.extend(f"\t\t{item:02d} 项{item}\t1.00\t0.60\t0.40" for item in range(1, 11))
    return "\n".join(lines)


def bench_code_tree(rounds: int) -> None:
    text = thousand_rows()
    tree = CodeTree.from_text(text)
    print(f"\nCodeTree.from_text on a table of {len(tree)} rows")
    rows = read_code_rows(text)
    build = best_of(rounds, lambda: CodeTree.from_text(text))
    from_rows = best_of(rounds, lambda: CodeTree.from_rows(rows))
    check = best_of(rounds, tree.check_sums)
    split = best_of(rounds, lambda: [line.split("\t") for line in text.split("\n")])
    report("CodeTree.from_rows", f"{from_rows * 1e3:.2f} ms", "(target < 10 ms)")
    report("CodeTree.from_text (reading the rows too)", f"{build * 1e3:.2f} ms")
    report("CodeTree.check_sums", f"{check * 1e3:.2f} ms")
    report("plain str.split('\\t') of the same lines", f"{split * 1e3:.2f} ms")
    report("ratio to the plain split", f"{build / split:.0f}x slower")


def bench_find_tables(rounds: int) -> None:
    path = FIXTURES / "seeds" / "001_a1fb127064c62276.txt"
    text = path.read_text(encoding="utf-8")
    tables = find_tables(text)
    size = len(text.encode("utf-8"))
    print(f"\nfind_tables over seed 001 ({size / 1e3:.0f} KB, {len(tables)} tables)")
    found = best_of(rounds, lambda: find_tables(text))
    split = best_of(rounds, lambda: [line.split("\t") for line in text.split("\n")])
    report("find_tables", f"{found * 1e3:.2f} ms", "(target < 20 ms)")
    report("plain str.split('\\t') of every line", f"{split * 1e3:.2f} ms")
    report("ratio to the plain split", f"{found / split:.0f}x slower")


def bench_parse_document(rounds: int) -> None:
    texts = seed_texts()
    size = sum(len(text.encode("utf-8")) for text in texts)
    print(f"\nparse_document over the five seeds ({size / 1e3:.0f} KB)")
    first = best_of(1, lambda: [parse_document(text) for text in texts], clear_cache)
    warm = best_of(rounds, lambda: [parse_document(text) for text in texts])
    plain = best_of(rounds, lambda: [PLAIN_AMOUNT.findall(text) for text in texts])
    report(
        "parse_document, first run (empty cache)",
        f"{size / first / 1e6:.2f} MB/s",
        "(target >= 2 MB/s)",
    )
    report(
        "parse_document, after warm-up",
        f"{size / warm / 1e6:.2f} MB/s",
        f"({warm * 1e3:.0f} ms; target >= 3 MB/s)",
    )
    report("plain amount regex pass", f"{size / plain / 1e6:.1f} MB/s")
    report("ratio to the plain regex pass", f"{warm / plain:.0f}x slower")


def bench_check(rounds: int) -> None:
    texts = seed_texts()
    documents = [parse_document(text) for text in texts]
    print("\ncheck over the five parsed seeds, against parsing them")
    parse = best_of(rounds, lambda: [parse_document(text) for text in texts])
    first = best_of(1, lambda: [check(document) for document in documents], clear_cache)
    warm = best_of(rounds, lambda: [check(document) for document in documents])
    report(
        "check, first run (empty cache)",
        f"{first * 1e3:.1f} ms",
        f"({first / parse:.0%} of parsing)",
    )
    report(
        "check, after warm-up",
        f"{warm * 1e3:.1f} ms",
        f"({warm / parse:.0%} of parse_document; target <= 30%)",
    )


def fresh_interpreter(code: str) -> str:
    """What *code* prints in a new interpreter, with bytecode cached as an install has it."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=environment
    )
    return result.stdout


def bench_import(rounds: int) -> None:
    def import_time(statement: str) -> float:
        code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
        fresh_interpreter(code)  # writes the bytecode an installed package ships with
        samples = [float(fresh_interpreter(code)) for _ in range(rounds)]
        return statistics.median(samples)

    base = import_time("import attrs, regex, lark")
    package = import_time("import attrs, regex, lark, cnbudget")
    names = ", ".join(cnbudget.__all__)
    everything = import_time(f"import attrs, regex, lark; from cnbudget import {names}")
    print("\nimport cnbudget (median of fresh interpreters; names load on first use)")
    report("import attrs, regex, lark", f"{base * 1e3:.1f} ms")
    added = f"(+{(package - base) * 1e3:.1f} ms; target < 30 ms)"
    report("... and cnbudget", f"{package * 1e3:.1f} ms", added)
    added = f"(+{(everything - base) * 1e3:.1f} ms)"
    report("... and every public name", f"{everything * 1e3:.1f} ms", added)


# A fresh interpreter's first calls, after the dependencies and cnbudget are imported:
# what cnbudget itself costs on first use (its modules, its tables, its patterns).
FIRST_CALLS = """
import time, sys
import attrs, regex, lark, lark.lark
import cnbudget
seed = open(sys.argv[1], encoding="utf-8").read()
t = time.perf_counter(); cnbudget.parse_amount("355.50万元")
amount = time.perf_counter() - t
t = time.perf_counter(); cnbudget.parse_change("减少24.37万元，下降6.42%")
change = time.perf_counter() - t
t = time.perf_counter(); cnbudget.parse_document(seed)
document = time.perf_counter() - t
print(amount, change, document)
"""


def bench_first_calls(rounds: int) -> None:
    seed = max((FIXTURES / "seeds").glob("*.txt"), key=lambda path: path.stat().st_size)
    code = f"import sys; sys.argv[1:] = [{str(seed)!r}]\n{FIRST_CALLS}"
    fresh_interpreter(code)
    samples = [[float(x) for x in fresh_interpreter(code).split()] for _ in range(rounds)]
    amount, change, document = (statistics.median(column) for column in zip(*samples, strict=True))
    size = len(seed.read_bytes())
    print("\nfirst calls in a fresh interpreter (median; dependencies and cnbudget imported)")
    report(
        "first parse_amount (plain: the fast path)", f"{amount * 1e3:.1f} ms", "(target <= 20 ms)"
    )
    report("first parse_change (the LALR parser)", f"{change * 1e3:.1f} ms")
    report(
        f"first parse_document ({size / 1e3:.0f} KB)",
        f"{size / document / 1e6:.2f} MB/s",
        "(target >= 2 MB/s)",
    )


def bench_memory() -> None:
    texts = seed_texts()
    for text in texts:
        parse_document(text)  # patterns and parsers built: only the document's own memory counts
    text = max(texts, key=len)
    print("\nmemory of parse_document (tracemalloc peak, against the text's UTF-8 size)")
    for copies in (1, 4):
        whole = "\n".join([text] * copies)
        size = len(whole.encode("utf-8"))
        tracemalloc.start()
        document = parse_document(whole)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        del document
        note = "(target <= 10x)" if copies == 1 else "(linear: the same ratio)"
        report(f"seed text x{copies} ({size / 1e3:.0f} KB)", f"{peak / size:.1f}x", note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--rounds", type=int, default=7, help="timed rounds per measurement")
    args = parser.parse_args()
    print(f"cnbudget {cnbudget.__version__}, Python {sys.version.split()[0]}")
    bench_parse_amount(args.rounds)
    bench_find_phrases(args.rounds)
    bench_code_tree(args.rounds)
    bench_find_tables(args.rounds)
    bench_parse_document(args.rounds)
    bench_check(args.rounds)
    bench_memory()
    bench_first_calls(args.rounds)
    bench_import(args.rounds)


if __name__ == "__main__":
    main()
