"""Files from outside are untrusted: size caps, zip bombs, XML entities, encrypted and corrupted files.

Every refusal is a ``SourceError`` with a Chinese message saying what the
clerk can do; nothing is read further and the file is left as it was.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from .record import SourceError

MAX_SOURCE_BYTES = 20 * 1024 * 1024          # a report is a few hundred kilobytes, even with pictures
MAX_UNZIPPED_BYTES = 100 * 1024 * 1024       # all members of a .docx/.xlsx together, as declared
MAX_MEMBER_BYTES = 30 * 1024 * 1024          # one part; a report's document.xml or sheet is well under 1 MB
MAX_MEMBERS = 5000
MAX_RATIO = 200                               # declared size / compressed size of one member
RATIO_FROM_BYTES = 1024 * 1024                # small members may compress well; only big ones are judged

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
# what a damaged package raises while a member is inflated or looked up (a flipped byte, a cut-off file,
# a member replaced by one with another compression method)
CORRUPT_ARCHIVE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError,
                   NotImplementedError, RuntimeError, KeyError)


def read_source(path: Path) -> bytes:
    """The file's bytes, refusing a missing, empty or oversized file."""
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SourceError(f"无法读取 {path}：{e.strerror or e}") from e
    if size == 0:
        raise SourceError("文件是空的（0 字节），没有可读取的内容")
    if size > MAX_SOURCE_BYTES:
        raise SourceError(f"文件过大（{size / 1024 / 1024:.1f} MB，上限 {MAX_SOURCE_BYTES // 1024 // 1024} MB），"
                          "不像是一份年度报告，已拒绝读取")
    try:
        return path.read_bytes()
    except OSError as e:
        raise SourceError(f"无法读取 {path}：{e.strerror or e}") from e


def refuse_ole(data: bytes) -> None:
    """An OLE compound file is an encrypted .docx/.xlsx or an old .doc/.xls: say which, never parse it."""
    if _ENCRYPTED_OOXML in data:
        raise SourceError("文件受密码保护（已加密），无法读取。请在 Word/WPS/Excel 中打开并取消密码，另存一份后再导入")
    raise SourceError("这是旧版 Office 文件（.doc/.xls）或受密码保护的文件，无法直接读取。"
                      "请在 Word/WPS/Excel 中另存为 .docx/.xlsx（如有密码请先取消）后再导入")


def open_zip(data: bytes, what: str) -> zipfile.ZipFile:
    """The package of a .docx/.xlsx after checking its declared sizes, so that no member can explode in memory.

    ``zipfile`` never inflates a member beyond its declared size (it stops and
    fails the CRC check), so capping the declared sizes caps what is read.
    """
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        members = package.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise SourceError(f"文件已损坏，不是完整的{what}文件（压缩包结构无法读取）") from None
    if len(members) > MAX_MEMBERS:
        raise SourceError(f"文件包含 {len(members)} 个部件，远超正常的{what}文件，可能是恶意构造的文件，已拒绝读取")
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise SourceError(f"{what}文件内容已加密（受密码保护），请取消密码后另存一份再导入")
        if member.file_size > MAX_MEMBER_BYTES or (
                member.file_size > RATIO_FROM_BYTES
                and member.file_size > MAX_RATIO * max(member.compress_size, 1)):
            raise SourceError(f"文件中的“{member.filename}”解压后达 {member.file_size / 1024 / 1024:.0f} MB"
                              f"（压缩比异常），可能是“压缩炸弹”，已拒绝读取")
        total += member.file_size
    if total > MAX_UNZIPPED_BYTES:
        raise SourceError(f"文件解压后共 {total / 1024 / 1024:.0f} MB，远超正常的{what}文件，可能是“压缩炸弹”，已拒绝读取")
    return package


def read_member(package: zipfile.ZipFile, name: str, what: str) -> bytes:
    """One XML part of a package, refusing document type and entity declarations (XXE, "billion laughs")."""
    try:
        data = package.read(name)
    except KeyError:
        raise SourceError(f"文件不是有效的{what}文件（缺少 {name}）") from None
    except CORRUPT_ARCHIVE:
        raise SourceError(f"文件已损坏：{what}文件中的 {name} 无法解压") from None
    if _DECLARATION.search(_as_ascii_view(data)):
        raise SourceError(f"文件中的 {name} 含有 XML 实体或文档类型声明（正常的{what}文件没有），"
                          "可能是恶意构造的文件，已拒绝读取")
    return data


def check_all_parts(package: zipfile.ZipFile, what: str) -> None:
    """Every XML part of the package free of declarations (the libraries that read it may open any part)."""
    for member in package.infolist():
        if member.filename.lower().endswith((".xml", ".rels", ".vml")):
            read_member(package, member.filename, what)


def _as_ascii_view(data: bytes) -> bytes:
    """Bytes in which an ASCII declaration can be searched: UTF-16 and UTF-32 (with or without a byte-order
    mark, either byte order) put NUL bytes between the ASCII letters, so they are dropped."""
    return data.replace(b"\x00", b"") if b"\x00" in data else data


SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                              remove_comments=True)


def parse_xml(data: bytes, name: str, what: str) -> etree._Element:
    try:
        return etree.fromstring(data, parser=SAFE_PARSER)
    except etree.XMLSyntaxError:
        raise SourceError(f"文件已损坏：{what}文件中的 {name} 不是有效的 XML") from None
