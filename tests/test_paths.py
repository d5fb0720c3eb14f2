"""Prose paths of classification names: finding them and resolving their codes."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cnbudget.catalog import Catalog, Entry
from cnbudget.codes import Code, Level
from cnbudget.errors import InvalidCodePath
from cnbudget.paths import (
    PathSegment,
    find_code_paths,
    parse_code_path,
    resolve_name,
    resolve_path,
)
from cnbudget.trees import CodeTree

from .conftest import FIXTURES

PATH_SEEDS = sorted((FIXTURES / "paths").glob("*.tsv"))


@pytest.mark.parametrize("golden", PATH_SEEDS, ids=lambda path: path.stem)
def test_seed_paths_resolve_to_the_codes_their_tables_give(golden: Path) -> None:
    text = (FIXTURES / "seeds" / f"{golden.stem}.txt").read_text(encoding="utf-8")
    with golden.open(encoding="utf-8", newline="") as stream:
        expected = list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))

    found = []
    for path in find_code_paths(text):
        resolution = resolve_path(path)
        assert path.span is not None
        codes = " ".join(str(c) if c else "-" for c in resolution.codes)
        if resolution.tail_code:
            codes += f" > {resolution.tail_code}"
        found.append(
            {
                "line": str(text.count("\n", 0, path.span.start) + 1),
                "path": path.source,
                "tail": path.tail.name if path.tail else "",
                "code": str(resolution.code or "-"),
                "codes": codes,
                "diagnostics": " ".join(d.kind for d in resolution.diagnostics),
            }
        )

    assert found == expected


@pytest.mark.parametrize(
    ("text", "names", "labels"),
    [
        (
            "社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位基本养老保险缴费支出（项）",
            ["社会保障和就业支出", "行政事业单位养老支出", "机关事业单位基本养老保险缴费支出"],
            [Level.CLASS, Level.SECTION, Level.ITEM],
        ),
        (
            "行政事业单位医疗 (款) 行政单位医疗 (项)",
            ["行政事业单位医疗", "行政单位医疗"],
            [Level.SECTION, Level.ITEM],
        ),
        ("公用经费 维修（护）费（款）", ["公用经费维修（护）费"], [Level.SECTION]),
        ("社会保障和就业支出（208类）", ["社会保障和就业支出"], [Level.CLASS]),
    ],
)
def test_parse_code_path(text: str, names: list[str], labels: list[Level]) -> None:
    path = parse_code_path(text)

    assert [s.name for s in path.segments] == names
    assert [s.label for s in path.segments] == labels
    assert all(
        s.span is not None and s.span.slice(text).replace(" ", "") == s.name for s in path.segments
    )


def test_codes_inside_labels() -> None:
    path = parse_code_path(
        "社会保障和就业支出（208类）行政事业单位养老支出（05款）机关事业单位基本养老保险缴费支出（05项）"
    )

    assert [s.label_digits for s in path.segments] == ["208", "05", "05"]
    assert resolve_path(path).code == Code("2080505")


def test_mislabelled_levels_are_reported_not_guessed() -> None:
    resolution = resolve_path(parse_code_path("卫生健康支出（款）医疗保障管理事务（项）"))

    assert resolution.code == Code("21015")
    assert [d.kind for d in resolution.diagnostics] == ["mislabelled-level", "mislabelled-level"]
    assert resolution.diagnostics[0].message == "'卫生健康支出' is labelled （款） but 210 is a 类"


def test_ambiguous_names_are_reported() -> None:
    catalog = Catalog(
        (
            Entry(Code("2010101"), "行政运行", "test"),
            Entry(Code("2101501"), "行政运行", "test"),
        )
    )

    resolution = resolve_path(parse_code_path("行政运行（项）"), catalog)

    assert resolution.code is None
    assert [d.kind for d in resolution.diagnostics] == ["ambiguous-name", "unknown-name"]
    assert "2010101, 2101501" in resolution.diagnostics[0].message


def test_context_disambiguates() -> None:
    catalog = Catalog.builtin() | Catalog((Entry(Code("2010101"), "行政运行", "test"),))

    resolution = resolve_path(parse_code_path("医疗保障管理事务（款）行政运行（项）"), catalog)

    assert resolution.code == Code("2101501")


def test_unknown_names_say_what_the_catalogue_calls_the_code() -> None:
    resolution = resolve_path(
        parse_code_path("行政事业单位离退休（款）机关事业单位基本养老保险缴费支出（项）")
    )

    (diagnostic,) = resolution.diagnostics
    assert diagnostic.kind == "name-mismatch"
    assert "'行政事业单位养老支出'" in diagnostic.message
    assert "博尔塔拉" in diagnostic.message  # which source answered


def test_sentence_before_the_first_name_is_ignored() -> None:
    (path,) = find_code_paths("主要用于社会保障和就业支出（类）53.44 万元")

    assert resolve_path(path).code == Code("208")


def test_bad_paths_raise() -> None:
    with pytest.raises(InvalidCodePath, match="expected a level in brackets"):
        parse_code_path("社会保障和就业支出")


def test_segment_equality_ignores_spans() -> None:
    assert PathSegment("行政运行", Level.ITEM) == parse_code_path("行政运行（项）").segments[0]


def test_names_alone_resolve_through_the_catalogue() -> None:
    assert resolve_name("卫生健康支出").code == Code("210")
    assert resolve_name("机关事业单位基本养老保险缴费支出").code == Code("2080505")


def test_a_name_under_many_codes_is_ambiguous() -> None:
    resolution = resolve_name("住房公积金")

    assert resolution.code is None
    (diagnostic,) = resolution.diagnostics
    assert diagnostic.kind == "ambiguous-name"
    assert diagnostic.message == "'住房公积金' fits several codes: 2210201, 30113"


def test_a_documents_own_tables_answer_first() -> None:
    tree = CodeTree.from_text("2101501\t行政运行\t1\n2010101\t行政运行\t1")
    own = Catalog.harvest([(tree, "this document")])

    assert resolve_name("行政运行").code == Code("2101501")  # the seeds print one
    assert resolve_name("行政运行", own | Catalog.builtin()).code is None
    assert resolve_name("不存在的名称").diagnostics[0].kind == "unknown-name"


@pytest.mark.parametrize(
    "text", ["社保（2类）", "社保（408类）", "社保（０１类）", "甲" * 5000 + "（类）"]
)
def test_resolving_never_raises(text: str) -> None:
    resolution = resolve_path(parse_code_path(text))

    assert resolution.code is None


def test_finder_keeps_bracketed_words_in_names() -> None:
    (path,) = find_code_paths("用于因公出国（境）费用（款）")

    assert [s.name for s in path.segments] == ["用于因公出国（境）费用"]
