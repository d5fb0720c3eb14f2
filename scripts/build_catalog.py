"""
Rebuild ``src/cnbudget/data/catalog.csv`` from the code tables of the seed documents.

Every entry of the shipped catalogue must have been printed by a real document:
this script harvests the tables listed in ``tests/fixtures/trees/index.tsv`` and
cites each entry by document, table and line. ``tests/test_catalog.py`` checks
that the shipped file is exactly what this script writes.

    python scripts/build_catalog.py
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import attrs

from cnbudget.catalog import Catalog
from cnbudget.trees import CodeTree

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CATALOG = ROOT / "src" / "cnbudget" / "data" / "catalog.csv"
# The documents, as their first lines name them.
DOCUMENTS = {
    "001_a1fb127064c62276": "博尔塔拉蒙古自治州医疗保障局2026年部门预算公开",
    "003_8d3e10822965df6b": "安图县医疗保险经办机构2026年部门预算",
    "004_4976b1c9999b6d28": "伊春市友好区医疗保障局2026年部门预算",
}


def seed_tables() -> list[tuple[str, int, int, int, str]]:
    """The code tables of the seeds: document, first and last line, first column, caption."""
    with (FIXTURES / "trees" / "index.tsv").open(encoding="utf-8", newline="") as stream:
        rows = csv.DictReader(stream, delimiter="\t")
        return [
            (r["seed"], int(r["first"]), int(r["last"]), int(r["column"]), r["caption"])
            for r in rows
        ]


def table_text(seed: str, first: int, last: int, column: int) -> tuple[str, int]:
    """The table's lines (from *column* on) and the offset of its first line in the seed."""
    text = (FIXTURES / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    offset = sum(len(line) + 1 for line in lines[: first - 1])
    block = "\n".join("\t".join(line.split("\t")[column:]) for line in lines[first - 1 : last])
    return block, offset


def build() -> Catalog:
    entries = []
    for seed, first, last, column, caption in seed_tables():
        block, _ = table_text(seed, first, last, column)
        tree = CodeTree.from_text(block)
        harvested = Catalog.harvest([(tree, f"{DOCUMENTS[seed]}, {caption}")])
        for entry in harvested:
            node = tree[entry.code]
            assert node.span is not None
            line = first + block.count("\n", 0, node.span.start)
            entries.append(attrs.evolve(entry, source=f"{entry.source}, line {line}"))
    # One entry per code and name: the first document that printed it.
    return Catalog.from_entries(entries)


def main() -> None:
    text = build().to_csv()
    if "--check" in sys.argv:
        sys.exit(0 if CATALOG.read_text(encoding="utf-8") == text else 1)
    CATALOG.write_text(text, encoding="utf-8")
    print(f"wrote {CATALOG.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
