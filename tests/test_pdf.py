"""
PDF input: each seed drawn as a PDF with a text layer, read back, parsed.

The PDFs are drawn here (tests/pdfs.py, with reportlab) in the shape published
disclosures take: prose wrapped at the page width with no markdown marks, tables
as ruled grids, and, in the ``split`` variant, tables running on from one page to
the next. Reading one back must give exactly the text it was drawn from, and its
tables the seed's own tables, figure for figure.
"""

from __future__ import annotations

import io
import pickle
import sys
from functools import cache
from pathlib import Path

import pytest

pytest.importorskip("pdfplumber")
pytest.importorskip("reportlab")

from reportlab.pdfgen import canvas

from cnbudget import find_tables, parse_document
from cnbudget._cli import main
from cnbudget.corpus import record
from cnbudget.diagnostics import DiagnosticKind, Severity
from cnbudget.documents import Section
from cnbudget.errors import CnBudgetError, InvalidDocument, InvalidPDF
from cnbudget.pdf import PdfText, parse_pdf, read_pdf
from cnbudget.spans import Span
from cnbudget.tables import Table

from . import pdfs
from .conftest import FIXTURES

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


@cache
def _drawn(seed: Path, *, split: bool) -> tuple[bytes, list[str]]:
    """A seed's PDF, and the text each of its pages should read back as."""
    items = pdfs.blocks(seed.read_text(encoding="utf-8"))
    return pdfs.draw(items, split=split), pdfs.expected_pages(items, split=split)


def _figures(tables: tuple[Table, ...]) -> list[object]:
    return [
        (
            table.kind,
            table.unit,
            [(row.name, row.code, [cell.value for cell in row.cells]) for row in table.rows],
        )
        for table in tables
    ]


@pytest.mark.parametrize("split", [False, True], ids=["whole-tables", "split-tables"])
@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
def test_a_seed_drawn_as_a_pdf_reads_back_as_drawn_and_gives_the_seeds_tables(
    seed: Path, *, split: bool
) -> None:
    data, expected = _drawn(seed, split=split)

    text = read_pdf(io.BytesIO(data))

    assert str(text) == "\n\n".join(expected)
    assert [text[page.start : page.end] for page in text.pages] == expected
    document = parse_document(text)
    seed_document = parse_document(seed.read_text(encoding="utf-8"))
    assert _figures(document.tables) == _figures(seed_document.tables)
    assert document.department == seed_document.department
    assert document.year == seed_document.year


def test_a_table_run_on_to_the_next_page_is_joined_and_says_so() -> None:
    data, _ = _drawn(SEEDS[4], split=True)
    text = read_pdf(io.BytesIO(data))

    document = parse_document(text)

    joined = [
        table
        for table in document.tables
        if any(d.kind is DiagnosticKind.PAGE_BREAK_JOINED for d in table.diagnostics)
    ]
    assert [table.caption for table in joined] == ["一般公共预算基本支出表（按经济分类科目）"]
    # The row drawn alone at the top of the next page ends the table, as in the seed.
    first, last = joined[0].rows[0], joined[0].rows[-1]
    assert (last.name, str(last.code), [str(cell.value) for cell in last.cells]) == (
        "公务员医疗补助缴费（退休）",
        "3030704",
        ["0.60万元", "0.60万元", "0.00万元"],
    )
    assert first.span is not None
    assert last.span is not None
    assert text.page_of(last.span.start)[0] == text.page_of(first.span.start)[0] + 1


def test_page_of_maps_a_span_to_its_page(tmp_path: Path) -> None:
    data, _ = _drawn(SEEDS[1], split=False)
    path = tmp_path / "seed.pdf"
    path.write_bytes(data)

    text = read_pdf(path)
    document = parse_pdf(path)

    last = document.tables[-1]
    assert last.span is not None
    page, offset = text.page_of(last.span.start)
    assert text.pages[page - 1].start <= last.span.start < text.pages[page - 1].end
    assert text.pages[page - 1].start + offset == last.span.start
    assert 1 < page <= len(text.pages)
    assert text.page_of(0) == (1, 0)
    with pytest.raises(ValueError, match="outside the text"):
        text.page_of(len(text) + 1)


def test_pdf_text_is_a_str_that_pickles_with_its_pages() -> None:
    text = PdfText("第一页\n\n第二页", [Span(0, 3), Span(5, 8)])

    again = pickle.loads(pickle.dumps(text))  # noqa: S301 -- our own bytes

    assert isinstance(again, PdfText)
    assert again == "第一页\n\n第二页"
    assert again.pages == text.pages
    assert again.page_of(6) == (2, 1)


def test_two_grids_one_under_the_other_are_two_tables() -> None:
    first = [["项目", "金额"], ["基本支出", "1.00"], ["合计", "1.00"]]
    second = [
        ["科目编码", "科目名称", "合计", "基本支出"],
        ["201", "一般公共服务支出", "2.00", "2.00"],
    ]
    data = pdfs.draw(["单位：万元", first, second])

    text = read_pdf(io.BytesIO(data))

    assert text == "单位：万元\n项目\t金额\n基本支出\t1.00\n合计\t1.00\n\n" + "\n".join(
        "\t".join(row) for row in second
    )
    assert [len(table.rows) for table in find_tables(text)] == [2, 1]


def test_a_scanned_page_is_reported_and_a_scanned_pdf_is_an_error() -> None:
    scan = io.BytesIO()
    pdf = canvas.Canvas(scan)
    pdf.showPage()  # a page with no text, as a scanned page has
    pdf.showPage()
    pdf.save()
    with pytest.raises(InvalidPDF, match="none of its 2 pages has text") as caught:
        parse_pdf(io.BytesIO(scan.getvalue()))
    assert isinstance(caught.value, CnBudgetError)
    assert read_pdf(io.BytesIO(scan.getvalue())) == "\n\n"

    mixed = io.BytesIO()
    pdf = canvas.Canvas(mixed)
    for line in ["一般公共预算支出 1.00 万元。", "", "项目支出 2.00 万元。"]:
        pdf.setFont(pdfs.FONT, pdfs.SIZE)  # each page starts with the default font
        if line:
            pdf.drawString(40, 800, line)
        pdf.showPage()
    pdf.save()
    document = parse_pdf(io.BytesIO(mixed.getvalue()))
    blank = [d for d in document.diagnostics if d.kind is DiagnosticKind.PAGE_WITHOUT_TEXT]
    assert [d.message for d in blank] == [
        "page 2 has no text (a scanned page?): what it shows is not read"
    ]
    assert blank[0].severity is Severity.WARNING
    assert [str(fact.value) for fact in document.facts] == ["1.00万元", "2.00万元"]
    with pytest.raises(InvalidDocument, match="page 2 has no text"):
        parse_pdf(io.BytesIO(mixed.getvalue()), strict=True)


def test_a_file_that_is_not_a_pdf_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "cut.pdf"
    broken.write_bytes(_drawn(SEEDS[4], split=False)[0][:300])

    with pytest.raises(InvalidPDF) as caught:
        read_pdf(broken)

    assert caught.value.file == str(broken)
    assert str(caught.value).startswith(f"{broken}: not a readable PDF: ")
    with pytest.raises(FileNotFoundError):
        read_pdf(tmp_path / "missing.pdf")


def test_without_the_extra_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "pdfplumber", None)  # as if not installed

    with pytest.raises(ImportError, match=r"pip install 'cnbudget\[pdf\]'"):
        read_pdf("any.pdf")


def test_the_cli_reads_pdfs_by_their_content(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "disclosure.pdf"
    path.write_bytes(_drawn(SEEDS[4], split=True)[0])

    assert main(["tables", str(path)]) in {0, 1}
    out = capsys.readouterr().out
    assert out.startswith(f"{path}: 16 tables")

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(path.read_bytes())))
    assert main(["parse", "-"]) in {0, 1}
    assert "伊春市友好区医疗保障局" in capsys.readouterr().out

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(path.read_bytes()[:200])
    assert main(["parse", str(broken)]) == 2
    assert "not a readable PDF" in capsys.readouterr().err


def _outline(section: Section, depth: int = 0) -> list[tuple[int, str]]:
    lines = []
    for child in section.children:
        text = child.heading.text if child.heading else ""
        lines.append((depth, "".join(text.split())))  # PDF text spaces words differently
        lines += _outline(child, depth + 1)
    return lines


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.name[:3])
def test_headings_cut_at_the_page_width_give_the_seeds_outline(seed: Path) -> None:
    data, _ = _drawn(seed, split=False)
    seed_document = parse_document(seed.read_text(encoding="utf-8"))

    document = parse_pdf(io.BytesIO(data))

    expected = _outline(seed_document.outline)
    if seed.name.startswith("001"):
        # Bold in the seed's markdown, a plain sentence in the PDF: no heading there.
        expected.remove((2, "一般公共预算当年拨款结构情况，其中："))
    assert _outline(document.outline) == expected
    missing = [d for d in document.diagnostics if d.kind is DiagnosticKind.TOC_MISSING]
    assert len(missing) <= sum(
        1 for d in seed_document.diagnostics if d.kind is DiagnosticKind.TOC_MISSING
    )


def test_the_cli_and_corpus_runs_report_a_scanned_page_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mixed = io.BytesIO()
    pdf = canvas.Canvas(mixed)
    for line in ["一般公共预算支出 1.00 万元。", "", "项目支出 2.00 万元。"]:
        pdf.setFont(pdfs.FONT, pdfs.SIZE)
        if line:
            pdf.drawString(40, 800, line)
        pdf.showPage()
    pdf.save()
    path = tmp_path / "mixed.pdf"
    path.write_bytes(mixed.getvalue())

    assert main(["parse", str(path)]) == 1  # a warning: a problem
    assert "page-without-text: page 2 has no text" in capsys.readouterr().out
    found = record(path)
    document = found["document"]
    assert isinstance(document, dict)
    assert [d["kind"] for d in document["diagnostics"]] == ["page-without-text"]
