"""Whole documents: outline, metadata, every line accounted for, never an exception."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cnbudget.amounts import Amount, Unit
from cnbudget.dates import Date
from cnbudget.diagnostics import DiagnosticKind
from cnbudget.documents import DocumentKind, Paragraph, Unparsed, parse_document
from cnbudget.errors import InvalidDocument
from cnbudget.facts import find_facts
from cnbudget.tables import TableKind

from .conftest import FIXTURES
from .golden import assert_golden, render_facts, render_outline
from .promises import uncovered_lines
from .property.strategies import any_text
from .renderers import wrap_prose

SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))
DOCUMENTS = (
    SEEDS
    + sorted((FIXTURES / "variants").glob("*.txt"))
    + sorted((FIXTURES / "documents").glob("*.txt"))
    + sorted((FIXTURES / "documents").glob("*.md"))
)
MARKDOWN = FIXTURES / "documents" / "markdown_2023.md"


@pytest.mark.parametrize("seed", [*SEEDS, MARKDOWN], ids=lambda path: path.stem[:3])
def test_outline_of_every_seed(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    golden = FIXTURES / "outlines" / f"{seed.stem}.txt"

    assert_golden(golden, render_outline(parse_document(text), text))


PROSE_SEEDS = [seed for seed in SEEDS if seed.name[:3] in {"000", "002"}] + [MARKDOWN]


@pytest.mark.parametrize("seed", PROSE_SEEDS, ids=lambda path: path.stem[:3])
def test_facts_of_the_prose_only_seeds(seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    golden = FIXTURES / "facts" / f"{seed.stem}.tsv"

    assert_golden(golden, render_facts(parse_document(text), text))


# Read off the seeds by hand: the first figure of each standard section.
STANDARD_FACTS = {
    "000": {
        "totals": ("收入、支出预算总计", "1026.19万元"),
        "three_public": (
            "屯市医疗保障局 2 部门 026 年度一般公共预算拨款安排的“三公”经费预算支出",
            "6.41万元",
        ),
        "operating_costs": ("机构运行经费预算支出", "105.98万元"),
        "procurement": ("政府采购支出预算总额", "19.4万元"),
        "assets": ("扎兰屯市医疗保障局部门（单位）共有车辆", "1辆"),
    },
    "002": {
        "totals": ("收入、支出预算总计", "727.56万元"),
        "three_public": ("一般公共预算拨款安排的“三公”经费预算支出", "0.18万元"),
        "operating_costs": ("昆都仑区医疗保障局部门一般公共预算机关运行经费预算支出", "12.36万元"),
        "procurement": ("政府采购支出预算总额", "2万元"),
        "assets": ("本部门共有车辆", "0辆"),
    },
    "mar": {
        "totals": ("收入、支出预算总计", "3456.78万元"),
        "three_public": ("“三公”经费预算支出", "4.50万元"),
        "procurement": ("政府采购预算总额", "210.00万元"),
        "assets": ("车辆", "2辆"),
    },
}


@pytest.mark.parametrize("seed", PROSE_SEEDS, ids=lambda path: path.stem[:3])
def test_standard_facts(seed: Path) -> None:
    document = parse_document(seed.read_text(encoding="utf-8"))

    for field, (label, value) in STANDARD_FACTS[seed.name[:3]].items():
        first = getattr(document, field)[0]
        assert (first.label, str(first.value)) == (label, value), field


def test_a_fact_points_back_into_the_document() -> None:
    text = "第一部分 概况\n本年收入合计 1026.19 万元，比上年增加 52.34 万元，增长 5.37%。\n"

    [fact] = parse_document(text).facts

    assert fact.span is not None
    assert text[fact.span.start : fact.span.end] == "本年收入合计 1026.19 万元"
    assert fact.context == ("概况",)
    assert [str(change) for change in fact.changes] == ["增加52.34万元，增长5.37%"]
    assert isinstance(fact.value, Amount)
    assert fact.value.yuan == Decimal(10261900)
    assert fact.value.span is not None
    assert text[fact.value.span.start : fact.value.span.end] == "1026.19 万元"
    [change] = fact.changes
    assert change.span is not None
    assert text[change.span.start : change.span.end] == "增加 52.34 万元，增长 5.37%"


def test_a_comparison_sentence_speaks_of_the_figure_before() -> None:
    from cnbudget.facts import find_facts  # noqa: PLC0415

    facts = list(
        find_facts("医疗救助支出 24 万元，主要用于救助。与上年相比增加 5 万元。办公费 3 万元。")
    )

    assert [(f.label, len(f.changes)) for f in facts] == [("医疗救助支出", 1), ("办公费", 0)]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.stem)
def test_every_line_belongs_to_exactly_one_element(document: Path) -> None:
    assert uncovered_lines(document.read_text(encoding="utf-8")) == []


@given(
    st.lists(
        st.sampled_from(
            [
                "<table><tr><td>科目</td><td>金额</td></tr><tr><td>208</td><td>1.00</td></tr></table>",
                "<table><tr><td>项目</td><td>金额</td></tr><tr><td>办公费</td><td>2</td></tr></table>",
                "<p>表1 收支总表</p>",
                "<p>注：无。</p>",
                "说明文字",
                "  ",
                "<table><tr><td>1",
                "</table>",
            ]
        ),
        min_size=1,
        max_size=6,
    ).map("".join)
)
def test_blocks_of_html_on_one_line_are_one_element_each(text: str) -> None:
    assert uncovered_lines(text) == []


def test_metadata() -> None:
    text = (FIXTURES / "seeds" / "000_96a2059ece7aad2f.txt").read_text(encoding="utf-8")

    document = parse_document(text)

    assert document.title == "2026 年度扎兰屯市医疗保障局 部门（单位）预算公开"
    assert (document.year, document.kind, document.department) == (
        2026,
        "预算",
        "扎兰屯市医疗保障局",
    )
    assert document.approved == Date(2026, 2, 10)
    assert document.published == Date(2026, 2, 27)
    assert document.approved is not None
    assert document.approved.span is not None
    assert text[document.approved.span.start : document.approved.span.end] == "2026 年 2 月 10 日"
    assert document.contacts == (("联系人", "王丽娟"), ("联系电话", "3216561"))
    assert any(d.kind == "template-leftover" for d in document.diagnostics)


def test_a_date_line_in_chinese_numerals() -> None:
    text = (FIXTURES / "seeds" / "003_8d3e10822965df6b.txt").read_text(encoding="utf-8")

    assert parse_document(text).dated == Date(2026, 4, 24)


def test_table_of_contents_is_kept_apart_and_matched() -> None:
    text = (FIXTURES / "seeds" / "004_4976b1c9999b6d28.txt").read_text(encoding="utf-8")

    document = parse_document(text)

    assert len(document.toc) == 25
    assert all(entry.matched for entry in document.toc)
    assert [h.text for h in document.headings if h.style == "part"][:1] == [
        "伊春市友好区医疗保障局部门概况"
    ]


def test_outline_nests_sections() -> None:
    document = parse_document(
        "第一部分 概况\n一、职能\n（一）部门职能\n负责医疗保障。\n二、机构\n第二部分 说明\n"
    )

    (first, second) = document.outline.children
    assert first.heading is not None
    assert [c.heading.text for c in first.children if c.heading] == ["职能", "机构"]
    (functions,) = first.children[0].children
    assert [p.text for p in functions.paragraphs] == ["负责医疗保障。"]
    assert second.heading is not None
    assert second.heading.ordinal == 2


def test_paragraph_phrases_point_into_the_document() -> None:
    text = "一、收入\n本年收入合计 727.56 万元，比上年减少 261.4 万元，减少 26.43%。\n"

    (paragraph,) = parse_document(text).paragraphs

    assert isinstance(paragraph, Paragraph)
    assert [p.source for p in paragraph.phrases] == ["727.56 万元", "减少 261.4 万元，减少 26.43%"]
    assert all(p.span is not None and p.span.slice(text) == p.source for p in paragraph.phrases)


def test_control_characters_are_unparsed_not_dropped() -> None:
    document = parse_document("正文\n\x00\x01\x02\n")

    (unparsed,) = [e for e in document.elements if isinstance(e, Unparsed)]
    assert unparsed.reason.startswith("not text")


def test_strict_raises_on_the_first_problem() -> None:
    text = "第二部分 部门预算\n增加（减少）0 万元\n\x01\x02\x03\n"

    assert parse_document(text).diagnostics
    with pytest.raises(InvalidDocument, match="unparsed-line"):
        parse_document(text, strict=True)


def test_strict_lets_info_notes_pass() -> None:
    text = "第二部分 XX年度部门预算\n增加（减少）0 万元\n"  # template text: an info note

    # Both are template text: the heading's XX and the change's 增加（减少）.
    assert [d.severity for d in parse_document(text).diagnostics] == ["info", "info"]
    assert parse_document(text, strict=True).diagnostics  # returned, not raised


@given(st.one_of(any_text, st.binary(max_size=300).map(lambda b: b.decode("latin-1"))))
def test_never_raises_and_accounts_for_every_line(text: str) -> None:
    assert uncovered_lines(text) == []


def test_a_large_document() -> None:
    copy = (FIXTURES / "seeds" / "001_a1fb127064c62276.txt").read_text(encoding="utf-8")

    one, twenty = parse_document(copy), parse_document(copy * 20)

    # Later copies' contents pages are no longer front matter, so their entries read as
    # headings; everything else repeats exactly.
    assert len(twenty.tables) == 20 * len(one.tables)
    assert len(twenty.paragraphs) >= 20 * len(one.paragraphs)
    assert len(twenty.headings) >= 20 * len(one.headings)
    assert uncovered_lines(copy * 20) == []


def test_contents_report_missing_and_extra_sections() -> None:
    text = (
        "2026 年某局部门预算公开\n目录\n第一部分 部门概况\n一、主要职能\n二、机构设置\n"
        "第一部分 部门概况\n一、主要职能\n负责医疗保障。\n三、人员情况\n编制 66 人。\n"
    )

    document = parse_document(text)

    found = [(d.kind, d.message) for d in document.diagnostics]
    assert (
        "toc-missing",
        "the table of contents lists '机构设置', which no heading carries",
    ) in found
    assert ("toc-extra", "'三、人员情况' is not in the table of contents") in found
    [part] = [s for s in document.outline.children if s.heading and s.heading.style == "part"]
    assert part.span is not None
    assert text[part.span.start : part.span.end].endswith("编制 66 人。")


def test_a_markdown_document() -> None:
    document = parse_document(MARKDOWN.read_text(encoding="utf-8"))

    assert (document.title, document.year, document.scope) == (
        "某县第一中学2023年单位预算公开",
        2023,
        "单位",
    )
    assert (document.approved, document.published) == (Date(2023, 2, 15), Date(2023, 2, 28))
    assert document.contacts == (("联系人", "李老师"), ("联系电话", "0471-1234567"))
    assert all(entry.matched for entry in document.toc)
    assert document.operating_costs == []  # 不涉及机关运行经费: no figure
    [leftover] = document.diagnostics
    assert leftover.kind == "template-leftover"
    [table] = document.tables
    assert [row.name for row in table.rows] == ["一般公共预算拨款收入", "事业收入", "合计"]


def test_units_and_scope() -> None:
    text = (FIXTURES / "seeds" / "002_1cae8c9875b7ae39.txt").read_text(encoding="utf-8")

    document = parse_document(text)

    assert document.units == ["昆都仑区医疗保障局"]
    assert document.scope == "部门"
    assert parse_document("2025 年某某中心单位决算公开\n").scope == "单位"


@pytest.mark.parametrize(
    "text",
    ["十十、标题\n", "（二十十）x\n", "第十十部分 x\n", "十一十、x\n"],
)
def test_malformed_numbering_is_prose(text: str) -> None:
    [element] = parse_document(text, strict=True).elements

    assert isinstance(element, Paragraph)


def test_the_contents_end_where_the_body_repeats_them() -> None:
    text = "目录\n第一部分 部门概况 1\n第二部分 预算表 5\n第一部分 部门概况\n一、主要职能\n负责工作。\n"

    document = parse_document(text)

    assert [entry.text for entry in document.toc] == ["部门概况", "预算表"]
    assert [(h.text, h.level) for h in document.headings] == [
        ("目录", 1),
        ("部门概况", 1),
        ("主要职能", 2),
    ]


def test_markdown_depth_sets_the_level() -> None:
    text = "# 某局2026年部门预算\n# 部门概况\n## 主要职能\n## 机构设置\n# 预算表\n<h2>说明</h2>\n"

    levels = [(h.text, h.level) for h in parse_document(text).headings]

    assert levels == [("部门概况", 1), ("主要职能", 2), ("机构设置", 2), ("预算表", 1), ("说明", 2)]


@pytest.mark.parametrize(
    ("title", "department"),
    [
        ("某某县教育局2026年部门预算公开说明", "某某县教育局"),
        ("关于某某局2025年度部门决算的说明", "某某局"),
        ("2025年度某某市公开招聘中心部门预算", "某某市公开招聘中心"),
        ("2026年某某局部门预算（草案）", "某某局"),
        ("某某事业单位2025年单位决算", "某某事业单位"),
    ],
)
def test_department_from_the_title(title: str, department: str) -> None:
    assert parse_document(f"{title}\n").department == department


def test_dates_on_one_line_and_the_first_dated_line() -> None:
    text = "批复时间：2026年2月10日 公开时间：2026年2月20日\n二〇二六年二月十日\n2025年12月31日\n"

    document = parse_document(text)

    assert (document.approved, document.published) == (Date(2026, 2, 10), Date(2026, 2, 20))
    assert document.dated == Date(2026, 2, 10)


def test_page_breaks_private_glyphs_and_crlf_are_text() -> None:
    text = "第一部分 概况\r\n\x0c第二部分 预算表\r\n本年收入合计 10 万元。\ue000\r\n"

    document = parse_document(text)

    assert not any(isinstance(e, Unparsed) for e in document.elements)
    ends = [text[e.span.end - 1] for e in document.elements if e.span is not None]
    assert ends == ["况", "表", "\ue000"]
    assert [fact.label for fact in document.facts] == ["本年收入合计"]


def test_both_sides_of_a_two_sided_table_are_in_the_outline() -> None:
    text = (FIXTURES / "documents" / "jueshuan_2024_tables.txt").read_text(encoding="utf-8")

    document = parse_document(text)

    assert sum(len(s.tables) for s in document.outline.walk()) == len(document.tables) == 4


def test_a_comparison_after_a_line_break_still_speaks_of_the_figure_before() -> None:
    from cnbudget.facts import find_facts  # noqa: PLC0415

    [fact] = find_facts("收入 10 万元。\n与上年相比增加 5 万元。")

    assert [str(change) for change in fact.changes] == ["增加5万元"]


def test_a_style_new_to_the_document_does_not_nest_under_a_lower_one() -> None:
    text = "第一部分 部门概况\n（一）主要职能\n1.职能一\n一、机构设置\n（一）机构\n"

    levels = [(h.number, h.level) for h in parse_document(text).headings]

    assert levels == [("第一部分", 1), ("（一）", 2), ("1.", 3), ("一、", 2), ("（一）", 3)]


@pytest.mark.parametrize(
    ("text", "department"),
    [
        (
            "上海市普陀区区级\n2026年部门预算\n预算主管部门：上海市普陀区某某局\n目录\n",
            "上海市普陀区某某局",
        ),
        (
            "<h1>上海市普陀区区级2026年部门预算</h1>\n<p>预算单位：上海市普陀区某某中心</p>\n",
            "上海市普陀区某某中心",
        ),
        ("2026年部门预算\n部门名称：某某局\n", "某某局"),
        # The title names the department: a unit labelled under it does not replace it.
        (
            "上海市普陀区某某局2026年部门预算\n预算单位：上海市普陀区某某中心\n",
            "上海市普陀区某某局",
        ),
    ],
)
def test_the_department_labelled_under_a_title_that_names_only_the_level(
    text: str, department: str
) -> None:
    document = parse_document(text)

    assert document.department == department
    assert "：" not in document.title


def test_rows_of_plain_pdf_text_are_no_headings() -> None:
    text = (
        "2026年某某局部门预算\n一、部门概况\n某某局负责。\n（一）2026 年 1 月情况\n"
        "收支总表\n单位：元\n"
        "一、财政拨款收入 48,120,400 一、一般公共服务支出 1,610,500\n"
        "二、事业收入 0 二、教育支出 0\n"
    )

    document = parse_document(text)

    assert [h.text for h in document.headings] == ["部门概况", "2026 年 1 月情况", "收支总表"]
    income, spending = document.tables
    assert [(r.name, r.cells[0].value) for r in income.rows] == [
        ("一、财政拨款收入", Amount(Decimal(48120400), Unit.YUAN)),
        ("二、事业收入", Amount(Decimal(0), Unit.YUAN)),
    ]
    assert [r.name for r in spending.rows] == ["一、一般公共服务支出", "二、教育支出"]


def test_an_html_page_with_a_doctype_and_a_head_keeps_them_out_of_the_title() -> None:
    page = (
        "<!DOCTYPE html>\n<html><head><title>部门预算</title><style>p{color:red}</style>"
        "</head><body>\n<h1>上海市普陀区区级2026年部门预算</h1>\n"
        "<p>预算主管部门：上海市普陀区某某局</p>\n<p>一、部门主要职能</p></body></html>\n"
    )

    document = parse_document(page)

    assert document.title == "上海市普陀区区级2026年部门预算"
    assert document.department == "上海市普陀区某某局"


def test_a_table_in_plain_pdf_text_is_read() -> None:
    text = (
        "2026年某某局部门预算\n一、部门概况\n某某局负责。\n"
        "一般公共预算支出表\n单位：元\n科目编码 科目名称 合计 基本支出 项目支出\n"
        "208 05 05 机关事业单位基本养老保险缴费支出 1,204,310 1,204,310\n"
        "合计 1,204,310 1,204,310\n"
        "二、其他说明\n本部门无政府性基金预算。\n"
    )

    document = parse_document(text)

    (table,) = document.tables
    assert table.kind is TableKind.GENERAL_PUBLIC
    assert table.unit is Unit.YUAN
    assert [c.name for c in table.columns] == ["合计", "基本支出", "项目支出"]
    row = table.rows[0]
    assert (str(row.code), row.name) == ("2080505", "机关事业单位基本养老保险缴费支出")
    assert [c.raw for c in row.cells] == ["1,204,310", "1,204,310", ""]
    assert not [d for d in document.diagnostics if d.kind is DiagnosticKind.TABLE_UNREAD]
    assert [h.text for h in document.headings] == ["部门概况", "一般公共预算支出表", "其他说明"]


def test_rows_no_reader_takes_are_reported_not_dropped_in_silence() -> None:
    text = (
        "2026年某某局部门预算\n一、部门概况\n某某局负责。\n"
        "一般公共预算支出表\n单位：元\n以下为明细，按科目列示，单位为元。\n"
        "208 05 05 机关事业单位基本养老保险缴费支出 1,204,310 1,204,310\n"
        "合计 1,204,310 1,204,310\n"
        "二、其他说明\n本部门无政府性基金预算。\n"
    )

    document = parse_document(text)

    (unread,) = [d for d in document.diagnostics if d.kind is DiagnosticKind.TABLE_UNREAD]
    assert "'一般公共预算支出表'" in unread.message
    assert unread.span is not None
    assert unread.span.slice(text).startswith("208 05 05")
    assert unread.span.slice(text).endswith("合计 1,204,310 1,204,310")
    assert [h.text for h in document.headings] == ["部门概况", "其他说明"]


_CONTENTS_BODY = (
    "\n第一部分 部门概况\n一、部门主要职能\n负责全区医疗保障工作。\n"
    "二、部门机构设置\n本部门设5个科室。\n第二部分 2026年部门预算表\n一、部门收支总表\n"
)


@pytest.mark.parametrize(
    "contents",
    [
        (
            "目 \t录\n第一部分 \t部门概况 \t1\n一、部门主要职能 \t1\n二、部门机构设置 \t2\n"
            "第二部分 \t2026年部门预算表 \t3\n一、部门收支总表 \t3\n"
        ),
        (
            "| 目 | 录 |\n| 第一部分 | 部门概况 | 1 |\n| 一、部门主要职能 | 1 |\n"
            "| 二、部门机构设置 | 2 |\n| 第二部分 | 2026年部门预算表 | 3 |\n| 一、部门收支总表 | 3 |\n"
        ),
    ],
    ids=["space-tab", "pipes"],
)
def test_contents_printed_as_table_rows_are_contents_not_a_table(contents: str) -> None:
    document = parse_document("某某局2026年部门预算\n" + contents + _CONTENTS_BODY)

    assert not document.tables
    assert [(e.number, e.text, e.matched) for e in document.toc] == [
        ("第一部分", "部门概况", True),
        ("一、", "部门主要职能", True),
        ("二、", "部门机构设置", True),
        ("第二部分", "2026年部门预算表", True),
        ("一、", "部门收支总表", True),
    ]
    assert document.headings[0].text == "目 录"
    assert not document.diagnostics


REWORDED = """\
上海市普陀区区级2026年部门预算
预算主管部门：上海市普陀区某某局
目录
一、部门主要职能
二、部门机构设置
三、部门预算编制说明
四、“三公”经费预算情况说明
五、名词解释
上海市普陀区某某局主要职能
负责全区医疗保障工作。
某某局机构设置
本部门包括：
1.某某局本部
2.某某中心
2026年部门预算编制说明
2026年收入预算5,000.00万元，比上年增加100.00万元。
“三公”经费预算情况说明
一、2025年“三公”经费预算情况说明
2025年“三公”经费预算为10.00万元。
二、2026年“三公”经费预算情况说明
2026年“三公”经费预算为9.00万元，比上年减少1.00万元。
名词解释
1.财政拨款收入：指区级财政当年拨付的资金。
"""


def test_the_contents_are_the_backbone_of_an_outline_whose_body_rewords_them() -> None:
    """The 目录 numbers the parts; the body prints them unnumbered and reworded."""
    document = parse_document(REWORDED)

    assert [(e.number, e.text, e.matched) for e in document.toc] == [
        ("一、", "部门主要职能", True),
        ("二、", "部门机构设置", True),
        ("三、", "部门预算编制说明", True),
        ("四、", "“三公”经费预算情况说明", True),
        ("五、", "名词解释", True),
    ]
    parts = [s.heading for s in document.outline.children if s.heading]
    assert [(h.text, h.level) for h in parts] == [
        ("目录", 1),
        ("上海市普陀区某某局主要职能", 1),
        ("某某局机构设置", 1),
        ("2026年部门预算编制说明", 1),
        ("“三公”经费预算情况说明", 1),
        ("名词解释", 1),
    ]
    # 一、 under a part its contents number 一、 is a sub-item; 1. 2. with nothing under
    # them are a list of units, not headings (nor the context of the figures after them).
    levels = {h.text: h.level for h in document.headings}
    assert levels["2025年“三公”经费预算情况说明"] == 2
    assert "某某中心" not in levels
    items = [e.text for e in document.elements if isinstance(e, Paragraph) and "某某" in e.text]
    assert items[-2:] == ["1.某某局本部", "2.某某中心"]
    (income, *_) = document.facts
    assert income.context == ("2026年部门预算编制说明",)
    assert document.department == "上海市普陀区某某局"
    assert not document.diagnostics


@pytest.mark.parametrize(
    "seed", sorted((FIXTURES / "seeds").glob("*.txt")), ids=lambda p: p.stem[:3]
)
def test_prose_wrapped_at_the_page_width_gives_the_same_facts(seed: Path) -> None:
    """Every sentence broken at 38 characters, as PDF text breaks it: the facts come out whole."""
    text = seed.read_text(encoding="utf-8")

    def facts(document_text: str) -> list[tuple[str, str, tuple[str, ...]]]:
        document = parse_document(document_text)
        return [(f.label, str(f.value), tuple(map(str, f.changes))) for f in document.facts]

    assert facts(wrap_prose(text)) == facts(text)


def test_a_sentence_cut_by_a_page_break_reads_as_one() -> None:
    text = (
        "2026年某局部门预算\n一、收支预算总体情况\n2026年收入预算12,406.00万\n-- PAGE_BREAK --\n"
        "元，比上年增加100.00万元，增长0.81%，主要原因是人员\n— 3 —\n经费增加。\n二、其他\n无。\n"
    )

    document = parse_document(text)

    (fact,) = document.facts
    assert (fact.label, str(fact.value)) == ("收入预算", "12406.00万元")
    assert [str(c) for c in fact.changes] == ["增加100.00万元，增长0.81%"]
    assert fact.value.span is not None
    assert fact.value.span.slice(text) == "12,406.00万\n-- PAGE_BREAK --\n元"
    paragraph = document.paragraphs[1]
    assert paragraph.text.endswith("主要原因是人员经费增加。")
    assert [h.text for h in document.headings] == ["收支预算总体情况", "其他"]


def test_totals_as_budget_documents_write_them() -> None:
    text = (
        "2026年某局部门预算\n一、收支预算总体情况\n"
        "2026年收入预算5,000.00万元，支出预算5,000.00万元。\n"
        "一般公共预算收入4,000.00万元。\n二、“三公”经费\n“三公”经费支出预算10.00万元。\n"
    )

    totals = parse_document(text).totals

    assert [(f.label, str(f.value)) for f in totals] == [
        ("收入预算", "5000.00万元"),
        ("支出预算", "5000.00万元"),
    ]


def test_a_year_printed_on_the_line_after_the_title_is_the_year() -> None:
    document = parse_document(
        "上海市普陀区某某局\n年度部门决算\n2024\n一、部门概况\n某某局负责。\n"
    )

    assert (document.year, document.kind, document.department) == (
        2024,
        DocumentKind.FINAL,
        "上海市普陀区某某局",
    )


def test_an_html_page_minified_onto_one_line_reads_as_a_page() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>部门预算</title></head><body>"
        "<h1>上海市普陀区某某局2026年部门预算</h1><p>预算主管部门：上海市普陀区某某局</p>"
        "<p>一、部门主要职能</p><p>负责\t\t\t全区医疗保障工作。</p><p>二、收支预算总体情况</p>"
        "<p>2026年收入预算1,000.00万元，比上年增加50.00万元。</p>"
        "<table><tr><td>项目</td><td>预算数</td></tr><tr><td>合计</td><td>1,000.00</td></tr></table>"
        "<p>三、其他</p></body></html>"
    )

    document = parse_document(page)

    assert document.title == "上海市普陀区某某局2026年部门预算"
    assert document.department == "上海市普陀区某某局"
    assert [h.text for h in document.headings] == ["部门主要职能", "收支预算总体情况", "其他"]
    assert [(f.label, str(f.value)) for f in document.facts] == [("收入预算", "1000.00万元")]
    (table,) = document.tables
    assert table.total is not None
    assert not document.diagnostics


def test_a_caption_with_no_table_under_it_is_reported() -> None:
    text = "2026年某局部门预算\n一、部门概况\n某某局负责。\n部门收支总表\n单位：万元\n二、其他说明\n无。\n"

    (unread,) = parse_document(text).diagnostics

    assert unread.kind is DiagnosticKind.TABLE_UNREAD
    assert "'部门收支总表'" in unread.message


def test_a_caption_over_a_table_said_to_be_empty_is_not_reported() -> None:
    text = (
        "2026年某局部门预算\n一、部门概况\n某某局负责。\n政府性基金预算支出表\n单位：万元\n"
        "本部门无政府性基金预算支出。\n"
    )

    assert not parse_document(text).diagnostics


@pytest.mark.parametrize(
    "line",
    [
        "主要原因是。",
        "本部门无政府性基金预算的，仍保留该表格式。",
        "（增加内容）",
        "比上年下降（增长）5%。",
    ],
)
def test_more_template_leftovers(line: str) -> None:
    kinds = [d.kind for d in parse_document("第一部分 概况\n" + line + "\n").diagnostics]

    assert kinds == [DiagnosticKind.TEMPLATE_LEFTOVER]


def test_a_filled_in_reason_is_no_leftover() -> None:
    assert not parse_document("第一部分 概况\n支出增加主要原因是人员增加。\n").diagnostics


WRAPPED_CONTENTS = """2026年某某市某某局部门预算公开

目 录
第一部分 部门概况
一、主要职能
二、关于某某市某某局 2026 年财政拨款收支预算情况的总体说
明
三、关于某某市某某局 2026 年国有资本经营预算拨款情况说明
第二部分 名词解释

第一部分 部门概况
一、主要职能
负责某某工作。
二、关于某某市某某局 2026 年财政拨款收支预算情况的总体说明
财政拨款收入 10.00 万元。
三、关于某某市某某局 2026 年国有资本经营预算拨款情况说明
本部门无国有资本经营预算拨款。
第二部分 名词解释
财政拨款：指财政部门拨付的资金。
"""


def test_a_contents_entry_wrapped_at_the_page_width_is_one_entry() -> None:
    document = parse_document(WRAPPED_CONTENTS)

    assert [entry.text for entry in document.toc] == [
        "部门概况",
        "主要职能",
        "关于某某市某某局 2026 年财政拨款收支预算情况的总体说明",
        "关于某某市某某局 2026 年国有资本经营预算拨款情况说明",
        "名词解释",
    ]
    assert all(entry.matched for entry in document.toc)
    wrapped = document.toc[2]
    assert wrapped.span.slice(WRAPPED_CONTENTS).endswith("总体说\n明")
    assert document.diagnostics == ()
    assert uncovered_lines(WRAPPED_CONTENTS) == []
    # A short unnumbered line after a short entry stays an entry of its own.
    short = WRAPPED_CONTENTS.replace(
        "一、主要职能\n二、关于", "一、主要职能\n部门收支总表\n二、关于", 1
    )
    assert [e.text for e in parse_document(short).toc][1:3] == ["主要职能", "部门收支总表"]


def test_figures_given_only_roughly_are_reported_not_valued() -> None:
    text = "2026年某某局部门预算\n\n投入数十亿元，节约几千万元，惠及七八百万人，另有二十几人。\n"

    document = parse_document(text)

    fuzzy = [d for d in document.diagnostics if d.kind is DiagnosticKind.FUZZY_FIGURE]
    assert [d.span.slice(text) for d in fuzzy if d.span] == [
        "数十亿元",
        "几千万元",
        "七八百万人",
        "二十几人",
    ]
    assert document.facts == ()
    assert parse_document("2026年某局部门预算\n\n统一二级预算，数据若干。\n").diagnostics == ()


def test_numbered_headings_with_content_under_the_last_stay_headings() -> None:
    # Not a list: no line introduces one, and content follows the last.
    text = "2026年某局部门预算\n\n（一）收入预算\n（二）支出预算\n2026年支出预算1,000.00万元。\n"

    document = parse_document(text)

    assert [h.text for h in document.headings] == ["收入预算", "支出预算"]
    assert document.facts[0].context == ("支出预算",)


def test_a_list_of_figures_gives_each_its_own_name_and_share() -> None:
    text = "基本支出、项目支出分别为800.00、200.00万元，占80.00%、20.00%。"

    facts = [(f.label, str(f.value), str(f.share)) for f in find_facts(text)]

    assert facts == [("基本支出", "800.00万元", "80.00%"), ("项目支出", "200.00万元", "20.00%")]
    # A label that does not name each figure keeps the first figure alone.
    (only,) = find_facts("两类支出分别为800.00、200.00万元。")
    assert (only.label, str(only.value)) == ("两类支出分别", "800.00万元")


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        # The threshold of a count is part of its label, not a fact of its own.
        (
            "单价100万元（含）以上设备（不含车辆）0台（套）。",
            [("单价100万元（含）以上设备（不含车辆）", "0台（套）")],
        ),
        ("价值50万元以上的设备3台，车辆2辆。", [("价值50万元以上的设备", "3台"), ("车辆", "2辆")]),
        # A bound that counts nothing stays a fact.
        ("单价不低于5万元。", [("单价", "≥5万元")]),
        # Code parts printed before their names: the path of names.
        (
            "（204类）公共安全支出（02款）公安（01项）行政运行912.40万元，主要用于人员支出。",
            [("公共安全支出/公安/行政运行", "912.40万元")],
        ),
    ],
)
def test_labels_a_journalist_can_quote(text: str, facts: list[tuple[str, str]]) -> None:
    assert [(fact.label, str(fact.value)) for fact in find_facts(text)] == facts


def test_operating_costs_are_amounts_not_the_counts_beside_them() -> None:
    document = parse_document(
        "二、机关运行经费\n本部门下属 1家单位，2026年机关运行经费预算为125.30万元，比上年减少3.20万元。"
    )
    [fact] = document.operating_costs
    assert (fact.label, str(fact.value)) == ("机关运行经费预算", "125.30万元")
    assert [str(change) for change in fact.changes] == ["减少3.20万元"]


@pytest.mark.parametrize(
    "text",
    [
        "<p>一般公共预算财政拨款支出1000万元，</p>\n<p>比上年增加</p>\n<p>58.30万元。</p>",
        "一般公共预算财政拨款支出1000万元，\n比上年增加\n58.30万元。",
    ],
)
def test_a_word_that_needs_its_figure_goes_on_to_the_next_line(text: str) -> None:
    [fact] = parse_document(text).facts
    assert str(fact.value) == "1000万元"
    [change] = fact.changes
    assert change.amount is not None
    assert change.amount.span is not None
    assert change.amount.span.slice(text) == "58.30万元"


def test_a_word_cut_by_a_page_break_goes_on() -> None:
    text = (
        "2024 年某某局部门预算安排项目 4 个，项目预算总\n\n金额 453 万元。\n\n"
        "因公出国（境）费预算支出 0 万元，与上年相比增加 0 万元，增\n\n长 0.00%。\n\n"
        "二、收入预算\n\n本年收入 10 万元。"
    )
    facts = {fact.label: fact for fact in parse_document(text).facts}
    assert str(facts["项目预算总金额"].value) == "453万元"
    [change] = facts["因公出国（境）费预算支出"].changes
    assert change.rate is not None
    # A heading and the paragraph after it stay apart: no word is cut between them.
    assert "本年收入" in facts


@pytest.mark.parametrize(
    "text",
    [
        # Minified onto one short line.
        (
            "<!DOCTYPE html><html><body><p>一、部门职责</p><p>负责全县工作。</p>"
            "<p>二、收入预算</p><p>本年收入预算 100 万元。</p></body></html>"
        ),
        # One block a line, the page's own markup on lines of its own.
        (
            "<!DOCTYPE html>\n<html><body>\n<p>一、部门职责</p>\n<p>负责全县工作。</p>\n"
            "<p>二、收入预算</p>\n<p>本年收入预算 100 万元。</p>\n</body></html>\n"
        ),
    ],
)
def test_an_html_page_reads_block_by_block(text: str) -> None:
    document = parse_document(text)

    assert [h.text for h in document.headings] == ["部门职责", "收入预算"]
    assert [p.text for p in document.paragraphs] == ["负责全县工作。", "本年收入预算 100 万元。"]
    assert uncovered_lines(text) == []


@pytest.mark.parametrize(
    ("text", "year", "department", "title"),
    [
        # The level of government in the title, the year and the department on lines below.
        (
            "上海市普陀区区级部门预算\n2026年\n上海市普陀区某某局\n\n一、主要职能\n负责。\n",
            2026,
            "上海市普陀区某某局",
            "上海市普陀区区级部门预算 2026年 上海市普陀区某某局",
        ),
        # A web page: its 更新时间 is no part of the title.
        (
            (
                "<!DOCTYPE html><html><head><title>浏览器标题</title></head><body>"
                "<h1>上海市某某区某某局2026年度部门预算</h1><p>更新时间：2026-02-01</p>"
                "<p>一、主要职能</p><p>负责。</p></body></html>"
            ),
            2026,
            "上海市某某区某某局",
            "上海市某某区某某局2026年度部门预算",
        ),
    ],
)
def test_front_matter_of_other_templates(text: str, year: int, department: str, title: str) -> None:
    document = parse_document(text)

    assert (document.year, document.department, document.title) == (year, department, title)


def test_a_web_page_published_date() -> None:
    document = parse_document("2026年部门预算\n更新时间：2026-02-01\n\n一、主要职能\n负责。\n")

    assert document.published == Date(2026, 2, 1)


def test_a_broken_text_layer_is_reported_not_read() -> None:
    text = (
        "一、收入预算\n2026年收入预算总计 万元。\n2024 1380.52 2023\n"
        "基本支出72,156.1 2元，用于。\n二、其他\n1. 2026 年召开会议 2 次。\n"
    )
    document = parse_document(text)

    broken = [d for d in document.diagnostics if d.kind is DiagnosticKind.TEXT_LAYER_BROKEN]
    assert [d.span.slice(text) for d in broken if d.span] == ["2024 1380.52 2023", "72,156.1 2元"]
    # The hole the detached figures left is no template leftover, and 156.1 labels nothing.
    assert all(d.kind is not DiagnosticKind.TEMPLATE_LEFTOVER for d in document.diagnostics)
    assert [f.label for f in document.facts if f.label.startswith("156")] == []


@pytest.mark.parametrize(
    ("text", "paragraphs"),
    [
        # A heading after a page break's blank line is no part of the sentence above.
        (
            "一、概况\n本部门支出为1000万元，用于保障\n\n部门机构设置\n",
            ["本部门支出为1000万元，用于保障", "部门机构设置"],
        ),
        # Nor is prose after a label's line, a figure after a reference, a word's
        # one-character rest (项 | 目前).
        (
            "一、概况\n联系人：张三，联系电话：123\n\n本部门负责全区工作。\n",
            ["联系人：张三，联系电话：123", "本部门负责全区工作。"],
        ),
        ("一、概况\n详见附表1\n\n2026年收入100万元。\n", ["详见附表1", "2026年收入100万元。"]),
        ("一、概况\n其他事项\n\n目前运转正常。\n", ["其他事项", "目前运转正常。"]),
        # What surely goes on does.
        ("一、概况\n项目预算总\n\n金额453万元。\n", ["项目预算总金额453万元。"]),
        (
            "一、概况\n年初预算18万元，与上\n\n年相比增加1.7万元。\n",
            ["年初预算18万元，与上年相比增加1.7万元。"],
        ),
    ],
)
def test_what_a_page_break_joins_and_what_it_leaves_apart(text: str, paragraphs: list[str]) -> None:
    found = [p.text for p in parse_document(text).paragraphs if p.text]

    assert found == paragraphs
