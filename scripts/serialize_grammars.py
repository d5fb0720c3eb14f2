"""
Write the LALR tables of every grammar to ``src/cnbudget/data/*.lalr.json``.

Run by ``nox -s parsers`` after a grammar changes; the test suite fails while a
shipped table is stale, so a forgotten run cannot land. Loading the tables saves
building them from the grammar on first use (see ``cnbudget._grammar``).
"""

from __future__ import annotations

import sys
from pathlib import Path

from cnbudget import _grammar

DATA = Path(__file__).resolve().parent.parent / "src" / "cnbudget" / "data"


def main() -> int:
    for grammar in _grammar.GRAMMARS:
        target = DATA / Path(_grammar.tables_path(grammar)).name
        target.write_text(_grammar.serialize(grammar), encoding="utf-8")
        print(f"wrote {target.relative_to(DATA.parent.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
