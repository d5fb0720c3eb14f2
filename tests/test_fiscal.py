"""Budget lines, Document.to_frame() and the Fiscal Data Package export."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from cnbudget import Amount, parse_document
from cnbudget._cli import main
from cnbudget._fiscal import FIELDS
from cnbudget.tables import RowRole, TableKind

from .conftest import FIXTURES

SEED_004 = FIXTURES / "seeds" / "004_4976b1c9999b6d28.txt"

FINAL = (
    "2025年度某某市某某局部门决算\n\n一般公共预算财政拨款支出决算表\n\n单位：万元\n\n"
    "科目编码\t科目名称\t年初预算数\t调整预算数\t决算数\t增减\t增长率\n"
    "208\t社会保障和就业支出\t10.00\t11.00\t12.00\t1.00\t9.09%\n"
    "20805\t行政事业单位养老支出\t10.00\t11.00\t12.00\t1.00\t9.09%\n"
    "合计\t\t10.00\t11.00\t12.00\t1.00\t9.09%\n"
)
BUDGET = (
    "2026年某某市某某局部门预算\n\n财政拨款“三公”经费支出表\n\n单位：元\n\n"
    "项目\t上年预算数\t本年预算数\t2024年执行数\t增减变化\n"
    "合计\t3000\t2500\t2800\t-500\n"
    "公务接待费\t1000\t500\t800\t-500\n"
)


def _line(lines: list[dict[str, object]], **wanted: object) -> dict[str, object]:
    (found,) = [line for line in lines if all(line[k] == v for k, v in wanted.items())]
    return found


def test_a_seeds_budget_lines_carry_code_unit_direction_and_phase() -> None:
    document = parse_document(SEED_004.read_text(encoding="utf-8"))

    lines = document.budget_lines(source="004")

    # Checked by hand against the seed: line 88 (收支总表) and line 207 (基本支出表).
    income = _line(lines, name="一、一般公共预算拨款收入", table_kind="收支总表")
    assert income["value"] == Decimal("248.98")
    assert (income["unit"], income["factor"], income["direction"]) == ("万元", 10000, "revenue")
    assert income["value_yuan"] == Decimal(2489800)
    assert (income["fiscal_year"], income["phase"]) == (2026, "approved")
    assert income["department"] == "伊春市友好区医疗保障局"
    wages = [
        line
        for line in lines
        if line["economic_code"] == "30101" and line["table_kind"] == "一般公共预算基本支出表"
    ]
    assert [(w["column"], w["value"]) for w in wages] == [
        ("一般公共预算基本支出/合计", Decimal("52.08")),
        ("一般公共预算基本支出/人员经费", Decimal("52.08")),
        ("一般公共预算基本支出/公用经费", Decimal("0.00")),
    ]
    assert (wages[0]["economic_code_part"], wages[0]["level"]) == ("01", "款")
    assert wages[0]["direction"] == "expenditure"
    assert wages[0]["functional_code"] == ""
    # Every money cell of every table but the performance forms and the list of units.
    left_out = {TableKind.PROJECT_PERFORMANCE, TableKind.DEPARTMENT_PERFORMANCE, TableKind.UNITS}
    cells = sum(
        1
        for table in document.tables
        if table.kind not in left_out
        for row in table.rows
        for cell in row.cells
        if isinstance(cell.value, (Decimal, Amount))
    )
    assert len(lines) == cells == 455
    assert len({line["budget_line_id"] for line in lines}) == len(lines)
    assert all(str(line["budget_line_id"]).startswith("004:") for line in lines)


def test_columns_of_another_year_or_phase_say_so_and_differences_are_left_out() -> None:
    final = parse_document(FINAL).budget_lines()
    budget = parse_document(BUDGET).budget_lines()

    assert [(line["column"], line["phase"], line["fiscal_year"]) for line in final[:3]] == [
        ("年初预算数", "approved", 2025),
        ("调整预算数", "adjusted", 2025),
        ("决算数", "executed", 2025),
    ]
    assert {line["column"] for line in final} == {"年初预算数", "调整预算数", "决算数"}
    assert _line(final, functional_code="20805", column="决算数")["functional_code_part"] == "05"
    assert [(line["column"], line["phase"], line["fiscal_year"]) for line in budget[:3]] == [
        ("上年预算数", "approved", 2025),
        ("本年预算数", "approved", 2026),
        ("2024年执行数", "executed", 2024),
    ]
    assert "增减变化" not in {line["column"] for line in budget}
    assert _line(budget, name="公务接待费", column="本年预算数")["value"] == Decimal(500)
    assert budget[0]["unit"] == "元"
    assert budget[0]["factor"] == 1


def test_the_fiscal_data_package_validates_and_holds_every_line(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    document = parse_document(SEED_004.read_text(encoding="utf-8"))

    path = document.to_fiscal_data_package(tmp_path / "fdp")

    descriptor = json.loads(path.read_text(encoding="utf-8"))
    assert descriptor["profile"] == "fiscal-data-package"
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert [field["name"] for field in fields] == [field.name for field in FIELDS]
    types = {field["name"]: field.get("columnType") for field in fields}
    assert types["value_yuan"] == "value"  # the measure is in 元; value is in the unit
    assert descriptor["model"]["measures"] == {
        "value_yuan": {"source": "value_yuan", "currency": "CNY"}
    }
    assert types["fiscal_year"] == "date:fiscal-year"
    assert types["functional_code"] == "functional-classification:generic:code:full"
    with (tmp_path / "fdp" / "budget.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(document.budget_lines()) == 455
    assert rows[0]["value"] == "248.98"  # as printed: exact digits, no float rounding
    assert rows[0]["value_yuan"] == "2489800"
    # frictionless would fetch the fiscal-data-package profile from the network; the
    # data, its Table Schema and the primary key are checked here, offline.
    offline = {key: value for key, value in descriptor.items() if key != "profile"}
    report = frictionless.validate(offline, basepath=str(tmp_path / "fdp"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 455

    # The validation reads the data: a broken figure and a repeated id are caught.
    text = (tmp_path / "fdp" / "budget.csv").read_text(encoding="utf-8")
    broken = text.replace(",248.98,", ",248.98万,", 1)
    (tmp_path / "fdp" / "budget.csv").write_text(broken, encoding="utf-8")
    report = frictionless.validate(offline, basepath=str(tmp_path / "fdp"))
    assert [error.type for error in report.tasks[0].errors] == ["type-error"]
    lines = text.splitlines()
    (tmp_path / "fdp" / "budget.csv").write_text(
        "\n".join([*lines, lines[1]]) + "\n", encoding="utf-8"
    )
    report = frictionless.validate(offline, basepath=str(tmp_path / "fdp"))
    assert [error.type for error in report.tasks[0].errors] == ["primary-key"]


def test_to_frame_is_exact_by_default_and_float_on_request() -> None:
    pytest.importorskip("pandas")
    document = parse_document(FINAL)

    frame = document.to_frame()
    floats = document.to_frame(floats=True)

    assert list(frame.columns) == [field.name for field in FIELDS]
    assert frame["value"].dtype == object
    executed = frame[(frame["phase"] == "executed") & (frame["row_role"] == RowRole.DETAIL.value)]
    assert sum(executed["value"]) == Decimal("24.00")
    assert floats["value"].dtype == "float64"
    assert str(frame["fiscal_year"].dtype) == "Int64"


def test_the_cli_exports_many_files_into_one_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    final, budget = tmp_path / "final.txt", tmp_path / "budget.txt"
    final.write_text(FINAL, encoding="utf-8")
    budget.write_text(BUDGET, encoding="utf-8")
    prose = tmp_path / "prose.txt"
    prose.write_text("2026年某某局部门预算\n\n基本支出 1.00 万元。\n", encoding="utf-8")

    status = main(["export", str(final), str(budget), str(final), "--fdp", str(tmp_path / "out")])

    assert status == 0
    assert "15 budget lines of 2 files" in capsys.readouterr().out
    with (tmp_path / "out" / "budget.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["source"] for row in rows} == {str(final), str(budget)}
    assert rows[0]["budget_line_id"] == f"{final}:1:1:1"
    assert main(["export", str(prose), "--fdp", str(tmp_path / "none")]) == 1
    assert "no money figures" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "missing.txt"), "--fdp", str(tmp_path / "x")]) == 2


def test_opening_balances_of_final_accounts_are_executed_not_approved() -> None:
    text = FINAL.replace("年初预算数", "年初结转和结余")

    lines = parse_document(text).budget_lines()

    assert {line["phase"] for line in lines if line["column"] == "年初结转和结余"} == {"executed"}
