"""The cnbudget command."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import jsonschema
import pytest

from cnbudget import json_schema
from cnbudget._cli import main

from .conftest import FIXTURES

if TYPE_CHECKING:
    from pathlib import Path


def test_example_prints_a_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", "--example"]) == 0

    out = capsys.readouterr().out
    assert out.startswith(
        "example.txt\n  title       2026 年博尔塔拉蒙古自治州医疗保障局 部门预算公开\n"
    )
    assert "\n    56  第一部分 2026年部门概况\n" in out
    assert "SUMMARY                  部门收支总体情况表 (收入): 26 rows, total 457.50万元" in out
    assert "  three_public     财政拨款“三公”经费数 2.30万元;" in out
    assert "\ndiagnostics: 0\n" in out  # its 目录 words an entry with 的 its body drops


def test_example_lists_phrases(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["phrases", "--example"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("example.txt: 263 phrases\n")
    assert "减少24.37万元，下降6.42%" in out


def test_the_whole_document_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    text = "2026 年某局部门预算公开\n第一部分 概况\n本年收入合计 1026.19 万元，增长 4.86%。\n"
    path.write_text(text, encoding="utf-8")

    assert main(["parse", str(path), "--json"]) == 0

    document = json.loads(capsys.readouterr().out)["document"]
    assert (document["year"], document["department"]) == (2026, "某局")
    assert [e["type"] for e in document["elements"]] == ["Paragraph", "Heading", "Paragraph"]
    [fact] = document["facts"]
    assert fact["label"] == "本年收入合计"
    assert fact["value"]["value"] == "1026.19"
    start, end = fact["value"]["span"]
    assert text[start:end] == "1026.19 万元"


def test_json_output_validates_against_the_shipped_schema(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["parse", "--example", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)["document"]
    jsonschema.validate(document, json_schema(), cls=jsonschema.Draft202012Validator)
    assert len(document["tables"]) == 17  # the 收支总表 in its two sides


def test_unreadable_lines_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("第一部分 概况\n\x00\x01\x02\n", encoding="utf-8")

    assert main(["parse", str(path)]) == 1
    assert "unparsed-line" in capsys.readouterr().out


def test_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "doc.txt"
    path.write_text("第一行\n基本支出 355.50 万元，下降 6.42%", encoding="utf-8")

    assert main(["phrases", str(path), "--json"]) == 0

    data = json.loads(capsys.readouterr().out)
    amount, change = data["phrases"]
    assert amount == {
        "kind": "amount",
        "text": "355.50万元",
        "source": "355.50 万元",
        "start": 9,
        "end": 18,
        "line": 2,
        "column": 6,
        "value": {"value": "355.50", "unit": "万元", "qualifier": "", "yuan": "3555000"},
    }
    assert change["value"]["rate"] == {"percent": "6.42", "qualifier": "", "points": False}
    assert change["value"]["direction"] == "decrease"


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("车辆 2 辆".encode())))

    assert main(["parse", "-"]) == 0
    assert "2辆" in capsys.readouterr().out


def test_gb18030_needs_the_encoding_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("车辆 2 辆".encode("gb18030"))

    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "--encoding gb18030" in err

    assert main(["parse", str(path), "--encoding", "gb18030"]) == 0
    assert "2辆" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["parse"], "give one FILE"),
        (["parse", "missing.txt"], "missing.txt: cannot read"),
        (["parse", "-", "--encoding", "nope"], "unknown encoding 'nope'"),
        (["parse", "-", "--encoding", "rot13"], "'rot13' is not a text encoding"),
        (["tables", "-", "--encoding", "base64"], "'base64' is not a text encoding"),
        (["parse", "-", "--encoding", "zlib"], "'zlib' is not a text encoding"),
        (["parse", "-"], "<stdin>: the file is empty"),
    ],
)
def test_usage_errors_exit_2(
    argv: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))

    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_no_command_explains_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "cnbudget parse FILE" in capsys.readouterr().out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("cnbudget 0.")


def test_tables_lists_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["tables", "--example"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("example.txt: 17 tables\n")
    assert "GENERAL_PUBLIC_BASIC" in out


def test_tables_to_csv_with_a_bom_for_excel(tmp_path: Path) -> None:
    assert main(["tables", "--example", "--csv", str(tmp_path)]) == 0

    files = sorted(tmp_path.iterdir())
    assert len(files) == 17
    data = (tmp_path / "03-income.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "table,kind,unit,code,key,name,role,总计,财政拨款（补助）/财政拨款（补助）小计"
    )
    assert lines[1].startswith(
        "部门收入总体情况表,收入总表,万元,208,,社会保障和就业支出,detail,53.44"
    )


def test_tables_exit_1_when_a_table_does_not_add_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "table.txt"
    path.write_text(
        "一般公共预算支出表\n单位：元\n科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
        "208\t社会保障和就业支出\t300\t100\t100\n合计\t\t300\t100\t100\n",
        encoding="utf-8",
    )

    assert main(["tables", str(path)]) == 1
    assert "extraction-suspect" in capsys.readouterr().out


def test_tables_to_plain_utf8(tmp_path: Path) -> None:
    assert main(["tables", "--example", "--csv", str(tmp_path), "--plain-utf8"]) == 0

    assert (tmp_path / "03-income.csv").read_bytes().startswith(b"table,kind,unit,code,")


def test_no_gb18030_hint_when_gb18030_was_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(b"\x81\x30 \xff")

    assert main(["parse", str(path), "--encoding", "gb18030"]) == 2
    assert "try --encoding" not in capsys.readouterr().err


def test_a_lone_surrogate_is_printed_escaped(tmp_path: Path) -> None:
    path = tmp_path / "escaped.txt"
    path.write_bytes(b"\\ud800 \\u57fa\\u672c\\u652f\\u51fa 1 \\u4e07\\u5143\n")

    result = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "cnbudget", "phrases", str(path), "--encoding", "unicode_escape"],
        capture_output=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path: Path) -> None:
    source = tmp_path / "hostile.txt"
    source.write_text(
        "表1 支出表\n单位：元\n项目\t金额\t说明\n"
        '=HYPERLINK("http://x")\t-2.00\t@SUM(A1:A9)\n'
        "+cmd|' /C calc'!A0\t3.00\t-2+3\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"

    assert main(["tables", str(source), "--csv", str(out), "--plain-utf8"]) == 0

    (written,) = out.glob("*.csv")
    with written.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'+cmd|' /C calc'!A0" in cells
    assert "'@SUM(A1:A9)" in cells
    assert "'-2+3" in cells
    assert "-2.00" in cells  # a number stays a number
    assert not any(cell.startswith(("=", "+", "@")) for cell in cells)


@pytest.mark.skipif(not hasattr(os, "O_NOFOLLOW"), reason="no O_NOFOLLOW here")
def test_a_symlink_planted_at_an_output_path_is_not_followed(tmp_path: Path) -> None:
    source = tmp_path / "t.txt"
    source.write_text("表1 支出表\n单位：元\n项目\t金额\n合计\t1.00\n办公费\t1.00\n", "utf-8")
    out = tmp_path / "out"
    out.mkdir()
    assert main(["tables", str(source), "--csv", str(out)]) == 0
    (written,) = out.glob("*.csv")
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    written.unlink()
    written.symlink_to(victim)

    assert main(["tables", str(source), "--csv", str(out)]) == 2
    assert victim.read_text(encoding="utf-8") == "keep me"


_BROKEN_TREE = (
    "单位：万元\n"
    "科目编码\t科目名称\t合计\t基本支出\t项目支出\n"
    "208\t社会保障和就业支出\t26.70\t26.70\t\n"
    "20805\t行政事业单位养老支出\t26.60\t26.60\t\n"
)


def test_check_lists_findings_like_a_linter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "预算.txt"
    path.write_text(_BROKEN_TREE, encoding="utf-8")
    assert main(["check", str(path)]) == 1
    captured = capsys.readouterr()
    first = captured.out.splitlines()[0]
    assert first.startswith(f"{path}:3:")
    assert " CB101 error: the table 208 '社会保障和就业支出' 合计 = Σ 20805: 26.70 ≠ 26.60" in first
    assert f"{path}: 2 errors, 0 warnings, 0 rounding" in captured.err
    assert "CB107 not checked: no prose change gives both an amount and a rate" in captured.err


def test_check_json_select_and_rounding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "预算.txt"
    path.write_text(_BROKEN_TREE, encoding="utf-8")
    assert main(["check", "--json", "--ignore", "CB101", str(path)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--json", "--select", "CB101", str(path)]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["finding"]["rule"] for r in records] == ["CB101", "CB101"]
    assert records[0]["finding"]["actual"] == "26.70"
    assert records[0]["line"] == 3
    # The example's differences are all rounding: listed only when asked for.
    assert main(["check", "--example"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["check", "--example", "--show-rounding"]) == 0
    assert " CB101 info: " in capsys.readouterr().out


def test_check_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert main(["check", "--example", "--select", "CB9"]) == 2
    assert "'CB9' names no rule" in capsys.readouterr().err


def test_batch_parses_and_checks_many_files_and_skips_the_bad_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    seeds = sorted((FIXTURES / "seeds").glob("*.txt"))[:2]
    for seed in seeds:
        (corpus / "sub" / seed.name).write_bytes(seed.read_bytes())
    (corpus / "bad.txt").write_bytes(b"\xff\xfe not utf-8")
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.4 cut short")  # a PDF that is broken
    (corpus / "notes.doc").write_bytes(b"not a disclosure")  # neither text nor PDF: not read
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"

    status = main(
        ["batch", str(corpus), str(tmp_path / "missing.txt"), "-o", str(one), "--jobs", "1"]
    )

    assert status == 1  # a file failed (and seed 000 has error findings)
    records = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    assert [r["file"].rsplit("/", 1)[-1] for r in records] == [
        "bad.txt",
        "notes.pdf",
        *(seed.name for seed in seeds),
        "missing.txt",
    ]
    assert "not valid utf-8" in records[0]["error"]
    assert "not a readable PDF" in records[1]["error"]
    assert records[2]["document"]["department"] == "扎兰屯市医疗保障局"
    assert any(f["severity"] == "error" for f in records[2]["report"]["findings"])
    assert "cannot read" in records[4]["error"]
    schema = json_schema()
    for record in records[2:4]:
        jsonschema.validate(record["document"], schema, cls=jsonschema.Draft202012Validator)
        report = {**schema, "$ref": "#/$defs/Report"}
        jsonschema.validate(record["report"], report, cls=jsonschema.Draft202012Validator)
    summary = capsys.readouterr().err
    assert "5 files: 2 parsed, 3 failed" in summary

    assert main(["batch", str(corpus), "-o", str(two), "--jobs", "2"]) == 1
    assert (
        two.read_text(encoding="utf-8").splitlines()
        == one.read_text(encoding="utf-8").splitlines()[:4]
    )


def test_batch_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = str(tmp_path / "out.jsonl")
    assert main(["batch", str(tmp_path), "-o", out]) == 2  # an empty directory
    assert main(["batch", str(tmp_path), "-o", out, "--jobs", "0"]) == 2
    assert main(["batch", str(tmp_path), "-o", out, "--encoding", "rot13"]) == 2
    assert "no files" in capsys.readouterr().err
