"""The installed package: version, shipped grammars, cheap import."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import metadata, resources

import pytest
from lark import Lark

import cnbudget
from cnbudget import _grammar


def test_version_comes_from_metadata() -> None:
    assert cnbudget.__version__ == metadata.version("cnbudget")
    assert "__version__" in dir(cnbudget)


def test_public_api_is_explicit() -> None:
    assert sorted(cnbudget.__all__) == sorted(set(cnbudget.__all__))
    for name in cnbudget.__all__:
        assert getattr(cnbudget, name) is not None


GRAMMARS = sorted(
    path.name
    for path in (resources.files("cnbudget") / "grammars").iterdir()
    if path.name.endswith(".lark")
)


def test_grammars_are_shipped() -> None:
    assert sorted(_grammar.START_SYMBOLS) == GRAMMARS


@pytest.mark.parametrize("name", GRAMMARS)
def test_every_grammar_loads_from_the_package_with_lalr(name: str) -> None:
    parser = Lark.open_from_package(
        "cnbudget", name, ("grammars",), parser="lalr", start=list(_grammar.START_SYMBOLS[name])
    )

    assert parser.terminals


def test_import_does_no_grammar_work() -> None:
    code = (
        "import sys, cnbudget, cnbudget._grammar as g; "
        "print('lark' in sys.modules, g.parser.cache_info().currsize)"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )

    assert result.stdout.split() == ["False", "0"]


@pytest.mark.parametrize("name", GRAMMARS)
def test_shipped_parser_tables_are_fresh(name: str) -> None:
    """``nox -s parsers`` was run after the last grammar change."""
    shipped = resources.files("cnbudget").joinpath(_grammar.tables_path(name))
    assert shipped.is_file(), f"run `nox -s parsers`: {_grammar.tables_path(name)} is missing"
    tables = json.loads(shipped.read_text(encoding="utf-8"))

    assert tables["grammar_sha256"] == _grammar.grammar_hash(name), (
        f"run `nox -s parsers`: {name} changed since its tables were written"
    )


@pytest.mark.parametrize("name", GRAMMARS)
def test_shipped_tables_parse_as_the_grammar_does(name: str) -> None:
    texts = {
        _grammar.PHRASES: [
            ("change", "增加 1,026.19 万元"),
            ("phrase", "4.86%"),
            ("amount", "壹仟贰佰万元"),
            ("when", "2026 年 2 月 10 日"),
        ],
        _grammar.CODES: [
            ("code", "208 05 05"),
            ("path", "社会保障和就业支出（类）行政事业单位养老支出（款）"),
        ],
    }[name]
    loaded, built = _grammar.parser(name), _grammar.build(name)

    for start, text in texts:
        assert loaded.parse(text, start=start) == built.parse(text, start=start)
