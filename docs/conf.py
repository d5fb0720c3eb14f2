"""Sphinx configuration for the cnbudget documentation."""

from __future__ import annotations

from importlib import metadata

project = "cnbudget"
author = "the cnbudget contributors"
copyright = author

# The docs describe the installed package (nox -s docs installs it first).
release = metadata.version("cnbudget")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
]

exclude_patterns = ["_build"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
language = "en"

# -- Cross-references --------------------------------------------------------
# Builds run with -n and -W, so every reference must resolve. intersphinx is
# off (builds need no network), so types from outside cnbudget cannot resolve:
# name them here. Builtins and `typing` need no entry; Sphinx knows them.
nitpicky = True
_EXTERNAL_MODULES = (
    "attr",
    "attrs",
    "argparse",
    "cattrs",
    "collections",
    "collections.abc",
    "datetime",
    "decimal",
    "enum",
    "io",
    "json",
    "lark",
    "matplotlib",
    "os",
    "pandas",
    "pd",
    "pathlib",
    "pdfplumber",
    "re",
    "regex",
    "types",
    "typing_extensions",
)
_EXTERNAL_NAMES = (
    "BinaryIO",
    "Callable",
    "Decimal",
    "Enum",
    "Figure",
    "Iterable",
    "Iterator",
    "Mapping",
    "Path",
    "Self",
    "Sequence",
    "StrEnum",
    "TextIO",
    "date",
    "datetime",
)
_MODULES_RE = "|".join(module.replace(".", r"\.") for module in _EXTERNAL_MODULES)
nitpick_ignore_regex = [
    # Type aliases and private types that signatures name; their docstrings say what they hold.
    (r"py:class", r"CellValue|Element|cnbudget\._text\.\w+|cnbudget\.serialization\.T"),
    (r"py:.*", rf"({_MODULES_RE})\..+"),
    (r"py:.*", rf"({'|'.join(_EXTERNAL_NAMES)})"),
]

# -- autodoc and napoleon ----------------------------------------------------
autodoc_member_order = "bysource"
autodoc_preserve_defaults = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# "Attributes:" sections document the attrs fields (api.md has no :undoc-members:,
# so autodoc does not list the slots a second time) and make them linkable.
napoleon_use_ivar = False

# -- doctest -----------------------------------------------------------------
# Docstring examples are run by `nox -s docs` (-b doctest) as they are written.
# They may use any public name of the module they are in, as under
# `pytest --doctest-modules`, so every public module's names are in scope.
doctest_global_setup = """
from decimal import Decimal

import cnbudget
from cnbudget import *
from cnbudget.amounts import *
from cnbudget.changes import *
from cnbudget.dates import *
from cnbudget.errors import *
from cnbudget.numerals import *
from cnbudget.phrases import *
from cnbudget.spans import *
from cnbudget.codes import *
from cnbudget.trees import *
from cnbudget.catalog import *
from cnbudget.paths import *
from cnbudget.diagnostics import *
from cnbudget.tables import *
from cnbudget.references import *
from cnbudget.documents import *
from cnbudget.facts import *
from cnbudget.serialization import *
from cnbudget.pdf import *
from cnbudget.ranges import *
"""

# -- MyST --------------------------------------------------------------------
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- HTML --------------------------------------------------------------------
# The JSON Schema, published beside the pages (json.md links it).
html_extra_path = ["../src/cnbudget/data/cnbudget.schema.json"]
html_theme = "furo"
html_title = f"cnbudget {release}"
