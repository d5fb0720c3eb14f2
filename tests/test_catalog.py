"""The catalogue of code names and where each came from."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cnbudget._text import name_key as normalize_name
from cnbudget.catalog import Catalog, Entry, check_names, names_match
from cnbudget.codes import Code
from cnbudget.errors import CnBudgetError, InvalidCatalog
from cnbudget.trees import CodeTree

ROOT = Path(__file__).resolve().parent.parent


def test_builtin_entries_are_exactly_what_the_seed_tables_print() -> None:
    """Every shipped entry is evidenced: rebuilding from the seeds gives the same file."""
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(ROOT / "scripts" / "build_catalog.py"), "--check"], check=False
    )

    assert result.returncode == 0


def test_builtin_covers_the_class_list_and_cites_sources() -> None:
    catalog = Catalog.builtin()
    classes = [e for e in catalog if len(e.code.digits) == 3 and e.code.digits.startswith("2")]

    assert len(classes) == 30
    assert catalog.lookup("234") is not None
    assert all(", line " in entry.source for entry in catalog)
    assert catalog.conflicts == ()


def test_lookup_says_which_source_answered() -> None:
    mine = Catalog((Entry(Code("2101501"), "行政运行", "my list"),))

    assert (mine | Catalog.builtin()).lookup("2101501").source == "my list"  # type: ignore[union-attr]
    assert "伊春市" in (Catalog.builtin() | mine).lookup("2101199").source  # type: ignore[union-attr]


def test_load_a_users_csv(tmp_path: Path) -> None:
    path = tmp_path / "official.csv"
    path.write_text(
        "code,name,year\n2080505,机关事业单位基本养老保险缴费支出,2026\n21013,医疗救助,2026\n",
        encoding="utf-8",
    )

    catalog = Catalog.load(path)

    entry = catalog.lookup(Code("21013"))
    assert entry == Entry(Code("21013"), "医疗救助", "official.csv, line 3", 2026)
    assert [str(e.code) for e in catalog.find("医疗救助")] == ["21013"]


def test_harvest_reports_conflicting_names() -> None:
    one = CodeTree.from_text("21011\t行政事业单位医疗\t1")
    two = CodeTree.from_text("21011\t事业单位医疗\t1")

    catalog = Catalog.harvest([(one, "doc A"), (two, "doc B")])

    (conflict,) = catalog.conflicts
    assert conflict.code == Code("21011")
    assert [e.source for e in conflict.entries] == ["doc A", "doc B"]


def test_names_match_after_normalising() -> None:
    assert names_match("维修（护）费", "维修(护)费")
    assert names_match("维修（护）费", "维修费")
    assert names_match("三、对个人和家庭的补助", "对个人和家庭的补助")
    assert names_match("住房 公积金", "住房公积金")
    assert not names_match("行政运行", "事业运行")
    assert normalize_name("<b>（一）办公费</b>") == "办公费"


def test_check_names() -> None:
    tree = CodeTree.from_text("30213\t维修费\t1\n30211\t差旅费用\t1\n39999\t不在目录\t1")

    (mismatch,) = check_names(tree, Catalog.builtin())

    assert str(mismatch.node.code) == "30211"
    assert mismatch.printed == "差旅费用"
    assert mismatch.entry.name == "差旅费"


def test_membership_of_anything() -> None:
    catalog = Catalog.builtin()

    assert "2080505" in catalog
    assert "abc" not in catalog
    assert "999" not in catalog
    assert 208 not in catalog


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"name\nx\n", "line 1: the header has no column code"),
        (b"code,name\n20x,abc\n", "line 2: '20x' is not a code"),
        (b"code,name\n208\n", "line 2: the row is shorter than the header"),
        (b"code,name,year\n208,abc,-1\n", "line 2: '-1' is not a year"),
        (b"\x00\xff\xfe", "not UTF-8 text"),
        (b'code,name\n208,"' + b"a" * 200_000 + b'"\n', "line 2: not CSV (field larger"),
        (b"code,name\n208,ab\x00c\n", "line 2: the row holds a NUL character"),
    ],
)
def test_a_bad_catalogue_file_raises_one_error_with_file_line_and_reason(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)

    with pytest.raises(InvalidCatalog, match=re.escape(message)) as raised:
        Catalog.load(path)

    assert isinstance(raised.value, CnBudgetError)
    assert str(raised.value).startswith("bad.csv")
