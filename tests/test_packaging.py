"""The installed package: version, shipped grammars, cheap import."""

from __future__ import annotations

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
