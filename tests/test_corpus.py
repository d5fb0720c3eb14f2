"""cnbudget.corpus.record, and the Dask recipe of the docs run as written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from cnbudget.corpus import record

from .conftest import FIXTURES

DOCS = Path(__file__).parent.parent / "docs" / "corpus.md"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def test_a_record_is_the_document_and_its_report_or_the_error() -> None:
    good = record(SEEDS[1])
    bad = record(FIXTURES / "missing.txt")

    assert set(good) == {"file", "document", "report"}
    assert good["file"] == str(SEEDS[1])
    json.dumps(good)  # plain data
    document = good["document"]
    assert isinstance(document, dict)
    assert document["department"] == "博尔塔拉蒙古自治州医疗保障局"
    assert bad == {
        "file": str(FIXTURES / "missing.txt"),
        "error": "cannot read: No such file or directory",
    }


def _recipe() -> str:
    """The Dask recipe, exactly as the docs print it."""
    text = DOCS.read_text(encoding="utf-8")
    found = re.search(r"<!-- recipe: dask -->\n```python\n(.*?)```", text, re.DOTALL)
    assert found is not None, "the recipe block is gone from docs/corpus.md"
    return found.group(1)


def test_the_dask_recipe_runs_on_the_local_process_scheduler(tmp_path: Path) -> None:
    pytest.importorskip("dask.bag")
    namespace: dict[str, object] = {}
    exec(compile(_recipe(), str(DOCS), "exec"), namespace)  # noqa: S102 -- our own docs
    run = namespace["run"]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe not utf-8")
    files = [str(path) for path in [*SEEDS, bad]]

    failed = run(files, str(tmp_path / "out"), partitions=3)  # type: ignore[operator]

    assert failed == [str(bad)]
    lines = [
        json.loads(line)
        for part in sorted((tmp_path / "out").glob("part-*.jsonl"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]
    assert sorted(line["file"] for line in lines) == sorted(files)
    by_file = {line["file"]: line for line in lines}
    for seed in SEEDS:  # the same records as one process makes
        assert by_file[str(seed)] == record(seed)
