"""
Many disclosures at once: one JSON-ready record per file.

:func:`record` is what ``cnbudget batch`` runs in each worker, and what a
distributed run maps over a list of files: it reads a file (text in any encoding,
or a PDF), parses and checks it, and returns plain data — never a
:class:`~cnbudget.documents.Document`, whose pickle is several times its input —
and it never raises for a bad file: the record says what went wrong, so that one
file cannot end a corpus run. See the docs' *Corpus runs* page for Dask and Spark.
"""

from __future__ import annotations

import os

from ._input import InputError, document, read
from .checks import check
from .serialization import to_json

__all__ = ["record"]


def __dir__() -> list[str]:
    return __all__


def record(file: str | os.PathLike[str], *, encoding: str = "utf-8") -> dict[str, object]:
    """
    One file parsed and checked, as JSON-ready data.

    ``{"file": …, "document": to_json(document), "report": to_json(report)}``, or
    ``{"file": …, "error": "…"}`` for a file that cannot be read or decoded (the
    message says why) — and for a crash, which is a bug in cnbudget and says so.
    *encoding* is the text files' encoding; PDFs are recognised by their content.
    """
    name = os.fspath(file)
    try:
        name, text = read(name, encoding)
        parsed = document(text)
        return {"file": name, "document": to_json(parsed), "report": to_json(check(parsed))}
    except InputError as error:
        return {"file": name, "error": str(error).removeprefix(f"{name}: ")}
    except Exception as error:  # noqa: BLE001 -- one bad file must not end a corpus run
        return {"file": name, "error": f"{type(error).__name__}: {error} (a bug: please report)"}
