"""
Reading input files: text in any encoding (a byte-order mark tolerated), or a PDF by its content.

Shared by the command line and :mod:`cnbudget.corpus`, so that a file reads the same
in ``cnbudget parse``, ``cnbudget batch`` and a Dask job.
"""

from __future__ import annotations

import codecs
import io
import sys
from importlib import resources
from typing import TYPE_CHECKING

from .errors import InvalidPDF

if TYPE_CHECKING:
    from .documents import Document


class InputError(Exception):
    """A file that cannot be read, decoded or parsed as a PDF; the message says which and why."""


def lookup_codec(encoding: str) -> codecs.CodecInfo:
    """The codec of *encoding*, if it decodes bytes to text."""
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        msg = f"unknown encoding {encoding!r}"
        raise InputError(msg) from None
    # rot13, base64, hex, zlib … are codecs, but not of bytes to text.
    if not getattr(codec, "_is_text_encoding", True):
        msg = f"{encoding!r} is not a text encoding (try utf-8 or gb18030)"
        raise InputError(msg)
    return codec


def read(file: str | None, encoding: str, *, example: bool = False) -> tuple[str, str]:
    """
    The name and text of *file* (``-``: standard input; *example*: the bundled example).

    A file that starts with ``%PDF`` is read as a PDF; any other is decoded with
    *encoding*. Raises :class:`InputError` with a message that names the file.
    """
    codec = lookup_codec(encoding)
    if example:
        data = resources.files("cnbudget").joinpath("data/example.txt").read_bytes()
        name = "example.txt"
    elif file == "-":
        data, name = sys.stdin.buffer.read(), "<stdin>"
    else:
        assert file is not None  # noqa: S101 -- checked by the callers
        name = file
        try:
            with open(file, "rb") as stream:  # noqa: PTH123
                data = stream.read()
        except OSError as error:
            msg = f"{file}: cannot read: {error.strerror}"
            raise InputError(msg) from None
    if data.startswith(b"%PDF"):
        return name, pdf_text(name, data)
    return name, decode(name, data, codec)


def pdf_text(name: str, data: bytes) -> str:
    """A PDF's text, by :func:`cnbudget.pdf.read_pdf`; its failures as input errors."""
    from .pdf import read_pdf  # noqa: PLC0415 -- pdfplumber is imported only for PDFs

    try:
        text = read_pdf(io.BytesIO(data))
    except ImportError as error:
        msg = f"{name}: a PDF, and {error}"
        raise InputError(msg) from None
    except InvalidPDF as error:
        msg = f"{name}: not a readable PDF: {error.reason}"
        raise InputError(msg) from None
    if not text.strip():
        msg = f"{name}: the PDF has no text layer (a scan?): nothing to parse"
        raise InputError(msg)
    return text


def decode(name: str, data: bytes, codec: codecs.CodecInfo) -> str:
    """*data* decoded by *codec*; what cannot be decoded, or is empty, an :class:`InputError`."""
    encoding = codec.name
    if encoding == "utf-8":
        encoding = "utf-8-sig"  # tolerate a byte-order mark, as Excel writes
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        msg = f"{name}: byte {error.start} is not valid {codec.name}"
        if codec.name not in {"gb18030", "gbk", "gb2312"}:
            msg += "; try --encoding gb18030 for GBK/GB18030 files"
        raise InputError(msg) from None
    except LookupError as error:  # a codec that does not decode bytes after all
        msg = f"{encoding!r} cannot decode a file: {error}"
        raise InputError(msg) from None
    if not text.strip():
        msg = f"{name}: the file is empty: nothing to parse"
        raise InputError(msg)
    return text


def document(text: str) -> Document:
    """
    The document of a text :func:`read` gave: a PDF's with its pages without text reported.

    (:func:`cnbudget.pdf.parse_pdf_text`; any other text, :func:`~cnbudget.documents.parse_document`.)
    """
    from .pdf import PdfText, parse_pdf_text  # noqa: PLC0415 -- only PDFs need it

    if isinstance(text, PdfText):
        return parse_pdf_text(text)
    from .documents import parse_document  # noqa: PLC0415

    return parse_document(text)
