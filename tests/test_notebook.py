"""What a notebook shows: ``_repr_html_`` of tables, trees, documents and reports."""

from __future__ import annotations

from html.parser import HTMLParser

from cnbudget import check, parse_document, parse_table

from .conftest import FIXTURES

TABLE = (
    "科目编码\t科目名称\t合计\t基本支出\t\n"
    "\t\t\t人员经费\t公用经费\n"
    "208\t社会保障和就业支出\t10.00\t6.00\tabc\n"
    "20805\t行政事业单位养老支出\t9.00\t6.00\t3.00\n"
    "合计\t\t10.00\t6.00\t4.00"
)


class _Cells(HTMLParser):
    """The cells of an HTML fragment: (tag, attributes, text), and whether tags balance."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[str, dict[str, str | None], str]] = []
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.open.append(tag)
        if tag in {"td", "th", "li", "caption"}:
            self.cells.append((tag, dict(attrs), ""))

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag

    def handle_data(self, data: str) -> None:
        if self.cells and self.open and self.open[-1] == self.cells[-1][0]:
            tag, attrs, text = self.cells[-1]
            self.cells[-1] = (tag, attrs, text + data)


def _cells(html: str) -> list[tuple[str, dict[str, str | None], str]]:
    parser = _Cells()
    parser.feed(html)
    parser.close()
    assert parser.open == []  # every tag closed
    return parser.cells


def test_a_table_shows_its_merged_header_and_its_problem_cells() -> None:
    table = parse_table(TABLE)

    cells = _cells(table._repr_html_())

    headers = [
        (text, attrs.get("colspan"), attrs.get("rowspan"))
        for tag, attrs, text in cells
        if tag == "th"
    ]
    assert headers == [
        ("编码", None, "2"),
        ("名称", None, "2"),
        ("合计", None, "2"),
        ("基本支出", "2", None),
        ("人员经费", None, None),
        ("公用经费", None, None),
    ]
    (bad,) = [(attrs, text) for tag, attrs, text in cells if text == "abc"]
    assert bad[0]["class"] == "warning"  # not a number: not right-aligned
    assert "'abc' is not a number" in str(bad[0]["title"])
    # The row whose children do not add up is marked with the table's diagnostic.
    (name,) = [attrs for tag, attrs, text in cells if text == "社会保障和就业支出"]
    assert name["class"] == "warning"
    assert "do not add up" in str(name["title"])
    figures = [attrs.get("class") for tag, attrs, text in cells if text == "9.00"]
    assert figures == ["n"]


def test_a_tree_marks_a_parent_its_children_do_not_add_up_to() -> None:
    tree = parse_table(TABLE).tree()

    cells = _cells(tree._repr_html_())

    (parent,) = [attrs for _, attrs, text in cells if text.startswith("208 ")]
    assert parent["class"] == "error"
    assert parent["title"] == "printed 10.00, its children add up to 9.00"
    (child,) = [attrs for _, attrs, text in cells if text.startswith("20805 ")]
    assert "class" not in child


def test_a_document_and_its_report_show_what_they_hold() -> None:
    document = parse_document(
        (FIXTURES / "seeds" / "003_8d3e10822965df6b.txt").read_text(encoding="utf-8")
    )
    report = check(document)

    shown = _cells(document._repr_html_())
    findings = _cells(report._repr_html_())

    assert ("td", {}, "安图县医疗保险经办机构") in shown
    assert sum(1 for tag, _, text in shown if tag == "td" and text == "万元") == sum(
        1 for table in document.tables if table.unit
    )
    listed = [text for tag, _, text in shown if tag == "li"]
    assert len(listed) == len(document.diagnostics)
    errors = [attrs for tag, attrs, text in findings if text == "error"]
    assert len(errors) == len(report.errors) > 0
    assert all(attrs["class"] == "error" for attrs in errors)
