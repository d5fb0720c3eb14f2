"""
Score :func:`cnbudget.checks.check` against the hand-built ground truth of the seeds.

``tests/fixtures/checks/<seed>.tsv`` lists every check worked out by hand with its
verdict (``error``, ``rounding``, ``ok``) and the seed lines it cites. A ground-truth
error counts as found when a warning or error finding cites one of its lines; a
warning or error finding that cites no line of any ground-truth error is a false
alarm. Run from the repository root, with ``../shared/seeds`` beside it::

    python scripts/score_checks.py [-v]
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from cnbudget import parse_document
from cnbudget._text import LineMap
from cnbudget.checks import check
from cnbudget.diagnostics import Severity

ROOT = Path(__file__).resolve().parent.parent
TRUTH = ROOT / "tests" / "fixtures" / "checks"
SEEDS = ROOT.parent / "shared" / "seeds"


def main() -> None:
    """Print, per seed and in total: errors found, false alarms, rounding reported."""
    verbose = "-v" in sys.argv
    totals = [0, 0, 0, 0, 0, 0]
    for truth in sorted(TRUTH.glob("*.tsv")):
        text = (SEEDS / f"{truth.stem}.txt").read_text(encoding="utf-8")
        lines = LineMap(text)
        report = check(parse_document(text))
        with truth.open(encoding="utf-8") as stream:
            rows = list(csv.DictReader(stream, delimiter="\t"))
        cited = [
            (row, {int(n) for n in row["lines"].split(",") if n.strip().isdigit()}) for row in rows
        ]
        findings = [
            (f, {lines.line_of(span.start) + 1 for span in f.spans}) for f in report.findings
        ]
        loud = [(f, at) for f, at in findings if f.severity is not Severity.INFO]
        quiet = [(f, at) for f, at in findings if f.severity is Severity.INFO]
        errors = [(row, at) for row, at in cited if row["verdict"] == "error"]
        found = [(row, at) for row, at in errors if any(at & where for _, where in loud)]
        error_lines = set().union(*(at for _, at in errors))
        false = [(f, at) for f, at in loud if not at & error_lines]
        rounding = [(row, at) for row, at in cited if row["verdict"] == "rounding"]
        reported = [row for row, at in rounding if any(at & where for _, where in quiet)]
        counts = [len(found), len(errors), len(false), len(loud), len(reported), len(rounding)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        print(
            f"{truth.stem}: errors found {counts[0]}/{counts[1]}, false alarms "
            f"{counts[2]}/{counts[3]}, rounding reported {counts[4]}/{counts[5]}"
        )
        if verbose:
            for row, at in errors:
                if (row, at) not in found:
                    print(f"   missed {row['rule']} {sorted(at)}: {row['quote'][:90]}")
            for finding, at in false:
                print(f"   false  {finding.rule} {sorted(at)}: {finding.message[:120]}")
    print(
        f"total: errors found {totals[0]}/{totals[1]}, false alarms {totals[2]}/{totals[3]}, "
        f"rounding reported {totals[4]}/{totals[5]}"
    )


if __name__ == "__main__":
    main()
