"""What every exporter shares: the content in order, text XML accepts, and writing without half-written files."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from exporters.common import (UNDATED, ExportError, Heading, Paragraph, Signature, Table, Title, chinese_date,
                              document_blocks, xml_safe)
from exporters.docx import write_docx
from exporters.xlsx import write_xlsx
from exporters.writing import write_atomically
from models.form import CellRef
from models.form_2021 import FORM_2021
from models.report import Subsection
from tests.export_support import FEES, balanced_report

WRITERS = [write_docx, write_xlsx]


# ---------------------------------------------------------------- content model

def test_blocks_follow_the_report_order():
    report = balanced_report()
    blocks = list(document_blocks(report))
    assert blocks[0] == Title((report.agency, "2025年政府信息公开工作年度报告"))
    assert blocks[1] == Paragraph(report.preamble, None)
    level1 = [b for b in blocks if isinstance(b, Heading) and b.level == 1]
    assert [b.text for b in level1] == [s.title for s in FORM_2021.sections]
    tables = [b for b in blocks if isinstance(b, Table)]
    assert [t.table.id for t in tables] == ["active", "requests", "appeals"]
    # each table comes right after its section's title
    for t in tables:
        i = blocks.index(t)
        assert blocks[i - 1] == Heading(1, FORM_2021.section(t.table.section).title, t.table.section)
    assert blocks[-1] == Signature((report.agency,), "2026年1月20日", True)


def test_only_headed_parts_are_numbered_like_section_text():
    report = balanced_report()
    report.sections["problems"] = [Subsection("", "引言。"), Subsection("改进情况", "内容。")]
    heads = [b.text for b in document_blocks(report) if isinstance(b, Heading) and b.section == "problems"
             and b.level == 2]
    assert heads == ["（一）改进情况"]  # an opening paragraph without a sub-head takes no number
    assert "（一）改进情况" in report.section_text("problems")


def test_paragraphs_are_lines_without_typed_indents():
    report = balanced_report(preamble="\u3000\u3000第一段。\r\n\n  第二段。\r第三段。 ")
    texts = [b.text for b in document_blocks(report) if isinstance(b, Paragraph) and b.section is None]
    assert texts == ["第一段。", "第二段。", "第三段。"]


def test_table_texts_are_the_report_values_blank_stays_blank():
    report = balanced_report()
    blank = CellRef("requests", "new.other")
    report.set(blank, None)
    block = next(b for b in document_blocks(report) if isinstance(b, Table) and b.table.id == "requests")
    table = block.table
    assert block.text_of(table.cell_at(*table.position(blank))) == ""
    total = CellRef("requests", "new.total")
    assert block.text_of(table.cell_at(*table.position(total))) == str(report.get(total))
    active = next(b for b in document_blocks(report) if isinstance(b, Table) and b.table.id == "active")
    fees = active.table.cell_at(*active.table.position(CellRef("active", "fees")))
    assert active.text_of(fees) == FEES
    corner = table.cell_at(0, 0)
    assert block.text_of(corner) == corner.text


def test_an_undated_report_keeps_the_place_of_its_date_and_dates_in_chinese():
    signature, = [b for b in document_blocks(balanced_report(date=None)) if isinstance(b, Signature)]
    assert signature.date == UNDATED and not signature.dated
    assert signature.agency == ("测试市测试区人民政府办公室",)
    anonymous, = [b for b in document_blocks(balanced_report(agency="")) if isinstance(b, Signature)]
    assert anonymous.agency == () and anonymous.date == "2026年1月20日"
    assert chinese_date("2026-01-05") == "2026年1月5日"
    assert chinese_date("2026年1月") == "2026年1月"


@pytest.mark.parametrize("raw, clean", [
    ("a\x00b\x01c\x08d", "abcd"),
    ("行一\x0b行二\x0c行三", "行一\n行二\n行三"),
    ("a\r\nb\rc", "a\nb\nc"),
    ("x\x1fy\x7fz", "xy\x7fz"),          # DEL is allowed by XML 1.0
    ("\ud800孤\udfff", "孤"),            # lone surrogates
    ("\ufffe\uffff好", "好"),
    ("𠀀😀\t\n", "𠀀😀\t\n"),
    (None, ""),
])
def test_xml_safe(raw, clean):
    assert xml_safe(raw) == clean


# ---------------------------------------------------------------- atomic writing

def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_writes_through_a_temporary_file_and_leaves_nothing_else(tmp_path):
    seen = []

    def writer(tmp: Path) -> None:
        seen.append(tmp)
        assert tmp.parent == tmp_path and tmp.name != "a.docx"
        tmp.write_bytes(b"new")

    write_atomically(tmp_path / "a.docx", writer)
    assert (tmp_path / "a.docx").read_bytes() == b"new"
    assert leftovers(tmp_path, {"a.docx"}) == []


def test_a_failing_writer_leaves_the_previous_file_untouched(tmp_path):
    target = tmp_path / "a.xlsx"
    target.write_bytes(b"old")

    def writer(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="磁盘空间不足"):
        write_atomically(target, writer)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path, {"a.xlsx"}) == []


def test_a_bug_in_the_writer_propagates_and_still_cleans_up(tmp_path):
    def writer(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        write_atomically(tmp_path / "a.docx", writer)
    assert leftovers(tmp_path, set()) == []


def test_missing_folder_and_folder_as_target(tmp_path):
    with pytest.raises(ExportError, match="不存在"):
        write_atomically(tmp_path / "没有" / "a.docx", lambda tmp: None)
    with pytest.raises(ExportError, match="文件夹"):
        write_atomically(tmp_path, lambda tmp: None)


def test_file_held_open_by_another_program(tmp_path, monkeypatch):
    """On Windows, replacing a file Word or WPS holds open raises PermissionError."""
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="被其他程序") as e:
        write_docx(balanced_report(), target)
    assert "请关闭" in str(e.value)
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path, {"a.docx"}) == []


@pytest.mark.parametrize("writer", WRITERS, ids=lambda f: f.__name__)
def test_unwritable_folder_gives_a_chinese_message(tmp_path, monkeypatch, writer):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    import models.files
    monkeypatch.setattr(models.files, "clean_stale_temporaries", refuse)  # the first thing done in the folder
    with pytest.raises(ExportError, match="没有在文件夹.*写入的权限"):
        writer(balanced_report(), tmp_path / "a.out")
    assert leftovers(tmp_path, set()) == []


@pytest.mark.skipif(not Path("/sys").is_dir() or sys.platform != "linux", reason="需要 Linux 的 /sys")
def test_a_really_unwritable_folder(tmp_path):
    with pytest.raises(ExportError, match="权限"):
        write_docx(balanced_report(), Path("/sys") / "报告.docx")
    assert not (Path("/sys") / "报告.docx").exists()


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root 不受文件夹权限限制")
@pytest.mark.parametrize("writer", WRITERS, ids=lambda f: f.__name__)
def test_read_only_folder_keeps_the_previous_export(tmp_path, writer):
    target = tmp_path / "a.out"
    target.write_bytes(b"old")
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(ExportError, match="权限"):
            writer(balanced_report(), target)
        assert target.read_bytes() == b"old"
        assert leftovers(tmp_path, {"a.out"}) == []
    finally:
        tmp_path.chmod(0o755)

