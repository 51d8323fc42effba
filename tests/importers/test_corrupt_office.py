"""Damaged Word and Excel packages, and declarations hidden by an encoding: a clear Chinese SourceError."""
import random

import pytest

from importers import SourceError, read_report
from tests.importers.test_fuzz_importers import _rebuilt, damage_deflate, odd_method, seeds  # noqa: F401

DECLARED = '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaa">]><w:document>&a;</w:document>'


def refused(path) -> str:
    with pytest.raises(SourceError) as caught:
        read_report(path)
    return str(caught.value)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
@pytest.mark.parametrize("seed", range(8))
def test_damaged_deflate_stream(tmp_path, seeds, suffix, seed):  # noqa: F811
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(damage_deflate(random.Random(seed), seeds[suffix]))
    try:
        read_report(path)   # a flipped bit may leave a member that still inflates to valid XML
    except SourceError as e:
        assert "损坏" in str(e) or "不是" in str(e) or "拒绝" in str(e), str(e)


@pytest.mark.parametrize("attempts", [3, pytest.param(10, marks=pytest.mark.slow)])  # the first three quick
@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_unsupported_compression_method(tmp_path, seeds, suffix, attempts):  # noqa: F811
    rng = random.Random(3)
    for attempt in range(attempts):
        path = tmp_path / f"method{attempt}{suffix}"
        path.write_bytes(odd_method(rng, seeds[suffix]))
        try:
            read_report(path)
        except SourceError as e:
            assert "损坏" in str(e) or "不是" in str(e), str(e)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32-le", "utf-32"])
def test_declarations_found_in_any_utf_encoding(tmp_path, seeds, encoding):  # noqa: F811
    path = tmp_path / "declared.docx"
    path.write_bytes(_rebuilt(seeds[".docx"], lambda name, content: DECLARED.encode(encoding)
                              if name == "word/document.xml" else content))
    assert "实体或文档类型声明" in refused(path)


def test_missing_main_part(tmp_path, seeds):  # noqa: F811
    path = tmp_path / "empty.xlsx"
    path.write_bytes(_rebuilt(seeds[".xlsx"], lambda name, content: None if name.startswith("xl/worksheets/")
                              else content))
    try:
        read_report(path)
    except SourceError as e:
        assert e.args[0]


CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
DAMAGED_CONTENT_TYPES = {
    "empty": b"",
    "not xml": b"hello",
    "another namespace": b"<Types xmlns='x'/>",
    "no entries": f'<?xml version="1.0"?><Types xmlns="{CONTENT_TYPES_NS}"></Types>'.encode(),
    "entries without attributes": f'<?xml version="1.0"?><Types xmlns="{CONTENT_TYPES_NS}"><Default/><Override/>'
                                  f'</Types>'.encode(),
    "unknown entries": f'<?xml version="1.0"?><Types xmlns="{CONTENT_TYPES_NS}"><Foo/></Types>'.encode(),
    "cut off": f'<?xml version="1.0"?><Types xmlns="{CONTENT_TYPES_NS}"><Default Extension="xml" Cont'.encode(),
}


@pytest.mark.parametrize("content", list(DAMAGED_CONTENT_TYPES.values()), ids=list(DAMAGED_CONTENT_TYPES))
@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_a_damaged_content_types_part_is_a_chinese_message(tmp_path, seeds, suffix, content):  # noqa: F811
    """Issue 23 (5): python-docx ended in an AttributeError on these; every one is a SourceError now."""
    path = tmp_path / f"types{suffix}"
    path.write_bytes(_rebuilt(seeds[suffix], lambda name, data: content if name == "[Content_Types].xml" else data))
    try:
        read_report(path)   # openpyxl does not need the part for every workbook
    except SourceError as e:
        assert "损坏" in str(e) and "Error" not in str(e), str(e)


def test_any_failure_of_a_library_becomes_the_chinese_message(tmp_path, seeds, monkeypatch):  # noqa: F811
    import docx

    def fails(*args, **kwargs):
        raise AttributeError("'NoneType' object has no attribute 'lower'")

    monkeypatch.setattr(docx, "Document", fails)
    path = tmp_path / "a.docx"
    path.write_bytes(seeds[".docx"])
    message = refused(path)
    assert "损坏" in message and "AttributeError" not in message and "NoneType" not in message

    def exhausted(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(docx, "Document", exhausted)
    assert "内存不足" in refused(path)
