"""The outline from the 目录: every part found at level 1, however the body rewords it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cnbudget.documents import parse_document

_PARTS = [
    "部门主要职能", "部门机构设置", "部门预算编制说明", "部门预算表", "其他相关情况说明",
    "名词解释", "项目经费情况说明", "收支预算总体情况", "财政拨款支出预算情况",
    "“三公”经费预算情况说明",
]  # fmt: skip
_NUMBERS = "一二三四五六七八九十"
_DEPARTMENTS = ["上海市普陀区某某局", "某某县医疗保障局", "重庆市某某区财政局"]
_UNDER = [
    "本部门主要负责全区某某工作，承担某某职责。",
    "2026年收入预算1000.00万元，比上年增加50.00万元。",
    "1.某某局本部",
    "2.某某中心",
    "（一）基本情况",
    "某某工作内容说明。",
]


@st.composite
def documents(draw: st.DrawFn) -> tuple[list[str], str]:
    """A 预算 whose 目录 numbers its parts while the body rewords them, and the parts."""
    parts = draw(st.lists(st.sampled_from(_PARTS), min_size=3, max_size=7, unique=True))
    department = draw(st.sampled_from(_DEPARTMENTS))
    contents = "\n".join(f"{_NUMBERS[i]}、{part}" for i, part in enumerate(parts))
    body = []
    for number, part in enumerate(parts):
        # As printed: the department's name for 部门, the year put in, the number kept or not.
        form = draw(st.sampled_from(["as is", "department", "year", "numbered"]))
        heading = {
            "department": department + part.removeprefix("部门"),
            "year": "2026年" + part,
            "numbered": f"{_NUMBERS[number]}、{part}",
        }.get(form, part)
        body.append(heading)
        body += draw(st.lists(st.sampled_from(_UNDER), max_size=3))
    text = f"{department}\n2026年部门预算\n\n目录\n{contents}\n\n" + "\n".join(body) + "\n"
    return parts, text


@given(documents())
def test_every_part_the_contents_list_is_found_at_level_one(case: tuple[list[str], str]) -> None:
    parts, text = case

    outline = parse_document(text).outline

    top = [s.heading for s in outline.children if s.heading is not None]
    assert len([h for h in top if h.text != "目录"]) == len(parts)
    assert all(h.level == 1 for h in top)
