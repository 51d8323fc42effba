"""Hostile and broken files: each gives a clear Chinese message (SourceError) and nothing else."""
import subprocess
import sys
import zipfile

import pytest

from exporters.docx import write_docx
from exporters.xlsx import write_xlsx
from importers import SourceError, read_report
from importers.safety import MAX_SOURCE_BYTES, OLE_SIGNATURE
from tests.conftest import ROOT
from tests.export_support import balanced_report


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exports")
    report = balanced_report()
    write_docx(report, folder / "报告.docx")
    write_xlsx(report, folder / "报告.xlsx")
    return folder


def rewrite(source, target, replace: dict[str, bytes], *, extra: dict[str, bytes] | None = None, **zip_options):
    """A copy of a package with some parts replaced (or added)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, **zip_options) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
        for name, data in (extra or {}).items():
            new.writestr(name, data)
    return target


def refused(path, *words):
    before = path.read_bytes()
    with pytest.raises(SourceError) as caught:
        read_report(path)
    message = str(caught.value)
    assert all(w in message for w in words), message
    assert path.read_bytes() == before   # the file is left as it was
    return message


def test_oversized_file(tmp_path):
    path = tmp_path / "巨大.txt"
    with open(path, "wb") as f:
        f.truncate(MAX_SOURCE_BYTES + 1)
    with pytest.raises(SourceError, match="文件过大"):
        read_report(path)


def test_empty_file(tmp_path):
    path = tmp_path / "空.txt"
    path.write_bytes(b"")
    refused(path, "空")


def test_zip_bomb(tmp_path, exported):
    bomb = b"\0" * (40 * 1024 * 1024)   # 40 MB of zeros compress to some 40 KB
    path = rewrite(exported / "报告.docx", tmp_path / "炸弹.docx", {"word/document.xml": bomb})
    assert path.stat().st_size < 1024 * 1024
    refused(path, "压缩炸弹")


@pytest.mark.slow
def test_many_small_members_adding_up(tmp_path, exported):
    extra = {f"word/media/image{i}.bin": bytes(range(256)) * 4096 * 12 for i in range(10)}   # 12 MB each
    path = rewrite(exported / "报告.docx", tmp_path / "很多部件.docx", {}, extra=extra)
    refused(path, "解压后")


def test_external_entity_in_word(tmp_path, exported):
    with zipfile.ZipFile(exported / "报告.docx") as package:
        document = package.read("word/document.xml")
    hostile = document.replace(b"?>", b'?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', 1)
    hostile = hostile.replace("一、总体情况".encode(), b"&xxe;", 1)
    path = rewrite(exported / "报告.docx", tmp_path / "xxe.docx", {"word/document.xml": hostile})
    refused(path, "实体")


def test_billion_laughs_in_excel(tmp_path, exported):
    laughs = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                         for i in range(1, 10))
              + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              b"<si><t>&lol9;</t></si></sst>")
    path = rewrite(exported / "报告.xlsx", tmp_path / "laughs.xlsx", {}, extra={"xl/sharedStrings.xml": laughs})
    refused(path, "实体")


def test_entity_in_a_utf16_part(tmp_path, exported):
    part = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'.encode("utf-16")
    path = rewrite(exported / "报告.docx", tmp_path / "utf16.docx", {}, extra={"customXml/item1.xml": part})
    refused(path, "实体")


def test_password_protected_office_file(tmp_path):
    # an encrypted .docx/.xlsx is an OLE compound file holding the streams EncryptionInfo and EncryptedPackage
    fake = OLE_SIGNATURE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 2000
    path = tmp_path / "加密.docx"
    path.write_bytes(fake)
    refused(path, "密码")


def test_old_binary_word_file(tmp_path):
    path = tmp_path / "旧版.doc"
    path.write_bytes(OLE_SIGNATURE + b"\0" * 504 + "WordDocument".encode("utf-16-le") + b"\0" * 2000)
    refused(path, "另存为")


def test_encrypted_zip_member(tmp_path, exported):
    data = bytearray((exported / "报告.docx").read_bytes())
    # set the "encrypted" flag of every member, in the local headers and in the central directory
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            data[start + offset] |= 0x01
            start += 4
    path = tmp_path / "加密成员.docx"
    path.write_bytes(bytes(data))
    refused(path, "密码")


def test_truncated_word_file(tmp_path, exported):
    data = (exported / "报告.docx").read_bytes()
    path = tmp_path / "截断.docx"
    path.write_bytes(data[:len(data) // 2])
    refused(path, "损坏")


def test_broken_xml_inside(tmp_path, exported):
    path = rewrite(exported / "报告.docx", tmp_path / "坏XML.docx", {"word/document.xml": b"<w:document><w:body>"})
    refused(path, "损坏", "XML")


def test_zip_that_is_no_office_file(tmp_path):
    path = tmp_path / "压缩包.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    refused(path, "不是 Word")


def test_broken_excel_file(tmp_path, exported):
    path = rewrite(exported / "报告.xlsx", tmp_path / "坏.xlsx", {"xl/workbook.xml": b"<workbook><sheets>"})
    refused(path, "Excel", "损坏")


def test_binary_garbage(tmp_path):
    path = tmp_path / "乱码.txt"
    path.write_bytes(bytes(range(256)) * 20)
    refused(path, "不是文本文件")


def test_text_that_is_no_report(tmp_path):
    path = tmp_path / "通知.txt"
    path.write_text("关于召开会议的通知\n请各单位准时参加。\n", encoding="utf-8")
    refused(path, "没有找到年度报告")


def test_undecodable_text(tmp_path):
    path = tmp_path / "编码.txt"
    path.write_bytes("一、总体情况".encode() + b"\x81\x20\xff\xfe\x80")
    refused(path, "编码")


def test_draft_that_is_no_draft(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"schema_version": "x"}', encoding="utf-8")
    refused(path, "草稿")


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="找不到文件"):
        read_report(tmp_path / "没有.txt")


@pytest.mark.slow  # the program in a process of its own, as in tests/cli
def test_check_command_exits_2_with_the_message_only(tmp_path, exported):
    path = rewrite(exported / "报告.docx", tmp_path / "炸弹.docx", {"word/document.xml": b"\0" * (40 * 1024 * 1024)})
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(path)], capture_output=True,
                            text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert result.returncode == 2
    assert "压缩炸弹" in result.stderr and "Traceback" not in result.stderr


def test_merge_over_the_whole_sheet(tmp_path, exported):
    """openpyxl makes an object for every cell of a merged range: one merge over the whole sheet would take
    all memory, so it is refused before openpyxl sees it."""
    with zipfile.ZipFile(exported / "报告.xlsx") as package:
        name = "xl/worksheets/sheet1.xml"   # the text sheet: no merges of its own
        sheet = package.read(name)
    assert b"<mergeCells" not in sheet
    hostile = sheet.replace(b"</worksheet>", b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
                                             b"</worksheet>")
    path = rewrite(exported / "报告.xlsx", tmp_path / "合并.xlsx", {name: hostile})
    refused(path, "合并单元格")


@pytest.mark.slow
def test_table_of_enormous_spans_in_a_web_page(tmp_path):
    cells = '<td colspan="100">1</td>' * 1100   # 110,000 positions in 22,000 tags (under html.MAX_TAGS)
    rows = f"<tr>{cells}</tr>" * 20
    path = tmp_path / "大表.html"
    path.write_text(f"<html><body><p>一、总体情况</p><table>{rows}</table></body></html>", encoding="utf-8")
    refused(path, "表格异常庞大")


def test_table_of_enormous_spans_in_word(tmp_path, exported):
    with zipfile.ZipFile(exported / "报告.docx") as package:
        document = package.read("word/document.xml")
    cell = b'<w:tc><w:tcPr><w:gridSpan w:val="100"/></w:tcPr><w:p/></w:tc>'
    row = b"<w:tr>" + cell * 2000 + b"</w:tr>"
    hostile = document.replace(b"<w:tbl>", b"<w:tbl>" + row, 1)
    path = rewrite(exported / "报告.docx", tmp_path / "大表.docx", {"word/document.xml": hostile})
    refused(path, "表格异常庞大")
