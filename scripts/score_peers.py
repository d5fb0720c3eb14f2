"""
Score cnbudget on the peer test cases in ``tests/fixtures/peers``.

The fixtures hold the value cases of cn2an's ``cn2an/cn2an_test.py`` and of
JioNLP's ``test/test_money_parser.py`` (see ``tests/fixtures/peers/README.md``).
For every case this script asks cnbudget what it reads today:

- numerals: ``parse_number(text).value``; for inputs with a money word
  (元, 圆, 角, 分, 整, 正) also ``parse_amount(text).yuan``;
- money: ``parse_amount(text).yuan``, compared at JioNLP's precision (the cent)
  and exactly; ranges: ``parse_range(text)``, both ends in 元;
- rejects: cn2an raises ValueError on them; cnbudget should raise too.

``find_phrases`` runs on every case as well, to show what the scanner finds.
With ``--peers`` it also runs cn2an and jionlp (where installed) on the same
cases and reports any case whose peer's own test expectation it does not meet.

    python scripts/score_peers.py [--all] [--peers] [--tsv FILE]
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import importlib
import io
import sys
import warnings
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from cnbudget import (
    Amount,
    CnBudgetError,
    Range,
    find_phrases,
    parse_amount,
    parse_number,
    parse_range,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

PEERS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "peers"
MONEY_WORDS = "元圆角分整正"
CENT = Decimal("0.01")
RESULT_COLUMNS = ("suite", "input", "scope", "expected", "passed", "how", "got", "found")


def read_tsv(name: str) -> list[dict[str, str]]:
    with (PEERS / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))


def attempt(work: Callable[[str], object], text: str) -> object:
    """What *work* returns for *text*, or the first line of the cnbudget error it raises."""
    try:
        return work(text)
    except CnBudgetError as error:
        return f"{type(error).__name__}: {str(error).splitlines()[0]}"


def phrases(text: str) -> str:
    return "; ".join(f"{type(p).__name__} {p}" for p in find_phrases(text))


def score_numerals(rows: list[dict[str, str]]) -> Iterator[dict[str, str]]:
    for row in rows:
        text, expected = row["input"], row["expected"]
        if row["peer_mode"] == "direct":
            got: object = attempt(lambda t: parse_number(t).value, text)
            yield {"suite": "cn2an"} | result(row, expected, passed=False, how="-", got=got)
            continue
        want = Decimal(expected)
        got = attempt(lambda t: parse_number(t).value, text)
        how = "parse_number"
        if got != want and any(c in text for c in MONEY_WORDS):
            money = attempt(lambda t: parse_amount(t).yuan, text)
            if money == want:
                got, how = money, "parse_amount"
        yield {"suite": "cn2an"} | result(row, expected, passed=got == want, how=how, got=got)


def score_rejects(rows: list[dict[str, str]]) -> Iterator[dict[str, str]]:
    for row in rows:
        text = row["input"]
        got = attempt(lambda t: parse_number(t).value, text)
        passed = isinstance(got, str) and got.startswith("Invalid")
        yield {"suite": "cn2an-rejects"} | result(
            row, "error", passed=passed, how="parse_number", got=got
        )


def cents(value: object) -> object:
    return value.quantize(CENT, ROUND_HALF_UP) if isinstance(value, Decimal) else value


def score_money(rows: list[dict[str, str]]) -> Iterator[dict[str, str]]:
    for row in rows:
        text = row["input"]
        amount = attempt(parse_amount, text)
        got: object = amount.yuan if isinstance(amount, Amount) else amount
        if row["kind"] == "amount":
            expected = row["expected_num"]
            passed = cents(got) == Decimal(expected)
            how = "parse_amount" if got == Decimal(expected) else "parse_amount (to the cent)"
            if isinstance(amount, Amount):
                got = f"{got} {amount.qualifier.name}"
        else:
            expected = f"{row['low']}..{row['high']}"
            band = attempt(parse_range, text)
            got = band
            passed = (
                isinstance(band, Range)
                and isinstance(band.low, Amount)
                and isinstance(band.high, Amount)
                and (cents(band.low.yuan), cents(band.high.yuan))
                == (Decimal(row["low"]), Decimal(row["high"]))
            )
            how = "parse_range"
        yield {"suite": "jionlp"} | result(row, expected, passed=passed, how=how, got=got)


def result(
    row: dict[str, str], expected: str, *, passed: bool, how: str, got: object
) -> dict[str, str]:
    return {
        "input": row["input"],
        "scope": row["scope"],
        "expected": expected,
        "passed": "yes" if passed else "no",
        "how": how if passed or how.startswith("find_phrases") else "-",
        "got": str(got),
        "found": phrases(row["input"]),
    }


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence the peers, which print and warn as they work."""
    with (
        contextlib.redirect_stdout(io.StringIO()),
        contextlib.redirect_stderr(io.StringIO()),
        warnings.catch_warnings(),
    ):
        warnings.simplefilter("ignore")
        yield


def check_peers(numerals: list[dict[str, str]], money: list[dict[str, str]]) -> None:
    """Run cn2an and jionlp on their own cases; report what they do not return."""
    try:
        with quiet():
            cn2an = importlib.import_module("cn2an")
    except ImportError:
        print("cn2an: not installed")
    else:
        wrong = []
        for row in numerals:
            with quiet():
                got = cn2an.cn2an(row["input"], row["peer_mode"])
            want: object = (
                row["expected"] if row["peer_mode"] == "direct" else Decimal(row["expected"])
            )
            if got != want and not (isinstance(want, Decimal) and Decimal(repr(got)) == want):
                wrong.append(f"  {row['input']}: expected {want}, cn2an returns {got!r}")
        print(
            f"cn2an {cn2an.__version__}: {len(numerals) - len(wrong)}/{len(numerals)} as its test expects"
        )
        print("\n".join(wrong), end="\n" if wrong else "")
    try:
        with quiet():
            jionlp = importlib.import_module("jionlp")
    except ImportError:
        print("jionlp: not installed")
        return
    wrong = []
    for row in money:
        with quiet():
            got = jionlp.parse_money(row["input"])
        num: object = row["expected_num"] if row["kind"] == "amount" else [row["low"], row["high"]]
        want = {"num": num, "case": row["expected_case"], "definition": row["expected_definition"]}
        if got != want:
            wrong.append(f"  {row['input']}: expected {want}, jionlp returns {got}")
    print(
        f"jionlp {jionlp.__version__}: {len(money) - len(wrong)}/{len(money)} as its test expects"
    )
    print("\n".join(wrong), end="\n" if wrong else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0].strip())
    parser.add_argument("--all", action="store_true", help="list out-of-scope failures too")
    parser.add_argument("--peers", action="store_true", help="also run cn2an and jionlp")
    parser.add_argument("--tsv", type=Path, help="write every case's result to this file")
    args = parser.parse_args()

    numerals = read_tsv("cn2an_numerals.tsv")
    rejects = read_tsv("cn2an_rejects.tsv")
    money = read_tsv("jionlp_money.tsv")
    results = [*score_numerals(numerals), *score_rejects(rejects), *score_money(money)]

    for suite in ("cn2an", "cn2an-rejects", "jionlp"):
        mine = [r for r in results if r["suite"] == suite]
        inside = [r for r in mine if r["scope"] == "in"]
        print(
            f"{suite}: {sum(r['passed'] == 'yes' for r in inside)}/{len(inside)} in scope, "
            f"{sum(r['passed'] == 'yes' for r in mine)}/{len(mine)} in all"
        )
        for r in mine:
            if r["passed"] == "no" and (args.all or r["scope"] == "in"):
                print(
                    f"  FAIL {r['input']!r} want {r['expected']} got {r['got']} | found: {r['found']}"
                )
    if args.tsv:
        with args.tsv.open("w", encoding="utf-8", newline="") as file:
            writer = csv.DictWriter(
                file,
                RESULT_COLUMNS,
                delimiter="\t",
                lineterminator="\n",
                quoting=csv.QUOTE_NONE,
                escapechar="\\",
            )
            writer.writeheader()
            writer.writerows(results)
    if args.peers:
        check_peers(numerals, money)
    return 0


if __name__ == "__main__":
    sys.exit(main())
