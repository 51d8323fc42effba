"""Fuzzing every importer: mutated Word, Excel, web page, text and draft files end in a report or a SourceError.

Mutations: flipped bytes, truncation, inserted and repeated bytes; for the zip packages, damaged deflate streams,
members replaced, deleted or re-encoded (UTF-16 without a byte-order mark, with an entity declaration),
unsupported compression methods; oversized and deeply nested markup.  A report that is read holds only valid
values, can be checked, and saves and opens again.  ``main.py check`` on hostile files exits 2 with a Chinese
message and no traceback.
"""
from __future__ import annotations

import io
import random
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from exporters.docx import write_docx
from exporters.xlsx import write_xlsx
from importers import SourceError, read_report
from models import draft
from tests.conftest import ROOT
from tests.export_support import balanced_report
from tests.fuzz_support import SEED, assert_chinese_message, assert_not_our_own_failure, assert_usable, cases, time_limit
from tests.report_html import copied_text, page

EXAMPLE = ROOT / "resources" / "examples" / "weibin-gongxin-2025.json"


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, bytes]:
    """One well-formed file of each kind the importers read."""
    folder = tmp_path_factory.mktemp("seeds")
    report = balanced_report()
    report.sections["overview"][0].text = "2025 年，收到政府信息公开申请 12 件，办结 12 件。"
    write_docx(report, folder / "r.docx")
    write_xlsx(report, folder / "r.xlsx")
    example = draft.load(EXAMPLE)
    return {
        ".docx": (folder / "r.docx").read_bytes(),
        ".xlsx": (folder / "r.xlsx").read_bytes(),
        ".html": page(report).encode("utf-8"),
        ".txt": copied_text(report).encode("utf-8"),
        ".json": draft.dumps(example).encode("utf-8"),
    }


# ---------------------------------------------------------------- mutations

def flip(rng: random.Random, data: bytes) -> bytes:
    raw = bytearray(data)
    for _ in range(rng.choice([1, 2, 8, 64])):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    return bytes(raw)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(1, len(data))]


def insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data))
    piece = data[at:at + rng.randrange(1, 2000)] * rng.choice([1, 10, 200])
    return data[:at] + piece + data[at:]


def _rebuilt(data: bytes, change) -> bytes:
    """A zip package with its members changed by ``change(name, content) -> content or None (drop)``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            content = change(item.filename, old.read(item.filename))
            if content is not None:
                new.writestr(item.filename, content)
    return out.getvalue()


def _main_part(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = package.namelist()
    return "word/document.xml" if "word/document.xml" in names else "xl/worksheets/sheet1.xml"


def damage_deflate(rng: random.Random, data: bytes) -> bytes:
    """Bytes flipped inside one member's compressed stream, the headers left intact."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = rng.choice([i for i in package.infolist() if i.compress_size > 8])
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_length + extra_length
    raw = bytearray(data)
    for _ in range(rng.choice([1, 3, 10])):
        raw[start + rng.randrange(info.compress_size)] ^= 1 << rng.randrange(8)
    return bytes(raw)


def odd_method(rng: random.Random, data: bytes) -> bytes:
    """One member's compression method set to one zipfile cannot inflate (or to a wrong one)."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        info = rng.choice(package.infolist())
    raw = bytearray(data)
    raw[info.header_offset + 8:info.header_offset + 10] = struct.pack("<H", rng.choice([1, 6, 9, 12, 14, 99]))
    return bytes(raw)


def replace_member(rng: random.Random, data: bytes) -> bytes:
    main = _main_part(data)
    target = rng.choice([main, "[Content_Types].xml", "docProps/custom.xml", "xl/workbook.xml",
                         "xl/sharedStrings.xml", "word/_rels/document.xml.rels", "xl/styles.xml"])
    how = rng.randrange(7)

    def change(name, content):
        if name != target:
            return content
        if how == 0:
            return None
        if how == 1:
            return bytes(rng.randrange(256) for _ in range(rng.randrange(0, 400)))
        if how == 2:
            return content[:rng.randrange(len(content) + 1)]
        if how == 3:   # UTF-16 without a byte-order mark, declaring an entity
            text = content.decode("utf-8", "replace")
            return ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>' + text.split("?>", 1)[-1]
                    ).encode(rng.choice(["utf-16-le", "utf-16-be"]))
        if how == 4:   # deeply nested markup
            depth = rng.choice([300, 5000, 100_000])
            return content.replace(b"<w:body>", b"<w:body>" + b"<w:sdt><w:sdtContent>" * depth, 1).replace(
                b"<sheetData>", b"<sheetData>" + b"<row>" * depth, 1)
        if how == 5:   # oversized text and numbers
            return content.replace(b"12", b"9" * rng.choice([5000, 100_000]), 3)
        return flip(rng, content)

    return _rebuilt(data, change)


def nested_markup(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice([500, 20_000, 200_000])
    text = data.decode("utf-8")
    if "<body" in text:
        return text.replace("<body>", "<body>" + rng.choice(["<div>", "<table><tr><td>", "<p><span>"]) * depth,
                            1).encode("utf-8")
    return ("[" * depth + text).encode("utf-8")


def long_numbers(rng: random.Random, data: bytes) -> bytes:
    return data.replace(b"12", b"1" * rng.choice([4301, 20_000]), rng.choice([1, 5]))


ZIP_MUTATIONS = [flip, truncate, insert, damage_deflate, damage_deflate, odd_method, replace_member, replace_member,
                 replace_member]
TEXT_MUTATIONS = [flip, truncate, insert, nested_markup, long_numbers]


def mutate(rng: random.Random, suffix: str, data: bytes) -> bytes:
    mutations = ZIP_MUTATIONS if suffix in (".docx", ".xlsx") else TEXT_MUTATIONS
    for _ in range(rng.choice([1, 1, 2])):
        mutation = rng.choice(mutations)
        try:
            data = mutation(rng, data) or data[:1]
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, KeyError, IndexError, OSError,
                EOFError):
            data = flip(rng, data)   # an earlier mutation broke what this one needs
    return data


# ---------------------------------------------------------------- the campaign

def run_case(path: Path, what: str) -> None:
    with time_limit(what):
        try:
            result = read_report(path)
        except SourceError as e:
            assert_chinese_message(e, what)
            assert_not_our_own_failure(e, what)
            return
        assert_usable(result.report)
        for note in result.notes:
            assert_chinese_message(Exception(note.message), f"{what} 的导入记录")


def campaign(tmp_path: Path, seeds: dict[str, bytes], n: int, seed: int) -> None:
    rng = random.Random(seed)
    kinds = sorted(seeds)
    for case in range(n):
        suffix = kinds[case % len(kinds)]
        path = tmp_path / f"mutated{suffix}"
        path.write_bytes(mutate(rng, suffix, seeds[suffix]))
        try:
            run_case(path, f"第 {case} 个变异文件 {suffix}（种子 {seed}）")
        except BaseException:
            kept = tmp_path / f"failing-{seed}-{case}{suffix}"
            kept.write_bytes(path.read_bytes())
            print(f"出错的文件已保存为 {kept}")
            raise


def test_seeds_are_read(tmp_path, seeds):
    for suffix, data in seeds.items():
        path = tmp_path / f"seed{suffix}"
        path.write_bytes(data)
        assert_usable(read_report(path).report)


def test_mutated_files(tmp_path, seeds):
    campaign(tmp_path, seeds, cases(10, 0, is_slow=False), SEED)  # two a kind; thousands in the full run


@pytest.mark.slow
def test_mutated_files_long_campaign(tmp_path, seeds):
    campaign(tmp_path, seeds, cases(60, 2000, is_slow=True), SEED + 1)


# ---------------------------------------------------------------- hand-made hostile files

def hostile_files(folder: Path, seeds: dict[str, bytes]) -> dict[str, Path]:
    """Files that must be refused: name → path."""
    rng = random.Random(SEED)
    made = {
        "deflate.docx": damage_deflate(rng, seeds[".docx"]),
        "deflate.xlsx": damage_deflate(rng, seeds[".xlsx"]),
        "truncated.docx": seeds[".docx"][:len(seeds[".docx"]) // 2],
        "truncated.xlsx": seeds[".xlsx"][:len(seeds[".xlsx"]) // 3],
        "no-document.docx": _rebuilt(seeds[".docx"], lambda n, c: None if n == "word/document.xml" else c),
        "utf16-entity.docx": _rebuilt(seeds[".docx"], lambda n, c: (
            '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "a">]><w:document/>'.encode("utf-16-le")
            if n == "word/document.xml" else c)),
        "huge-count.json": seeds[".json"].replace(b'"natural_person": 0', b'"natural_person": ' + b"9" * 5000, 1),
        "deep.json": b'{"schema_version": 1, "x": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        "surrogate.json": seeds[".json"].replace(b'"agency": "', b'"agency": "\\ud800', 1),
        "nan.json": seeds[".json"].replace(b'"natural_person": 0', b'"natural_person": NaN', 1),
        "future.json": seeds[".json"].replace(b'"schema_version": 1', b'"schema_version": 7', 1),
        "bad-date.json": seeds[".json"].replace(b'"date": "2026-01-20"', b'"date": "9999-12-31"', 1),
        "deep.html": b"<html><body>" + b"<div>" * 200_000 + b"</body></html>",
    }
    paths = {}
    for name, data in made.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


def test_hostile_files_refused(tmp_path, seeds):
    for name, path in hostile_files(tmp_path, seeds).items():
        with time_limit(name), pytest.raises(SourceError) as caught:
            read_report(path)
        assert_chinese_message(caught.value, name)


@pytest.mark.slow  # the program in a process of its own, as in tests/cli
def test_check_command_on_hostile_files(tmp_path, seeds):
    paths = hostile_files(tmp_path, seeds)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", *map(str, paths.values())],
                          capture_output=True, timeout=300, cwd=ROOT, env={"PYTHONIOENCODING": "utf-8",
                                                                           "PATH": "/usr/bin:/bin"})
    out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
    assert "Traceback" not in out + err, err[-3000:]
    assert done.returncode == 2, out + err
    for path in paths.values():
        assert f"无法读取 {path}：" in err, f"{path.name} 没有说明：\n{err[-3000:]}"


@pytest.mark.slow  # the program in a process of its own, as in tests/cli
def test_check_command_on_a_figure_of_5000_digits_in_the_text(tmp_path, seeds):
    path = tmp_path / "figure.txt"
    path.write_bytes(seeds[".txt"].replace("办结 12 件".encode(), ("办结 " + "9" * 5000 + " 件").encode()))
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(path)], capture_output=True,
                          timeout=120, cwd=ROOT, env={"PYTHONIOENCODING": "utf-8", "PATH": "/usr/bin:/bin"})
    assert "Traceback" not in done.stdout.decode("utf-8") + done.stderr.decode("utf-8")
    assert done.returncode in (0, 1)


# ---------------------------------------------------------------- oversized input (speeds: benchmarks/bench_hostile.py)

@pytest.mark.slow
def test_oversized_inputs_end_without_hanging(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import bench_hostile
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    inputs = {"rows.txt": bench_hostile.table_rows(16_000), "layout.txt": bench_hostile.layout_text(1),
              "cap.txt": bench_hostile.many_lines(19.5), "page.html": bench_hostile.web_page(400_000)}
    for name, text in inputs.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with time_limit(name, 60):   # a guard against the minutes these took; the figures are the benchmark's
            try:
                assert_usable(read_report(path).report)
            except SourceError as e:
                assert_chinese_message(e, name)
