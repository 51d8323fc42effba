"""PDF (全真版) through pdftotext: our own PDF export, and a Word document printed to PDF by LibreOffice."""
import shutil

import pytest

from exporters.docx import write_docx
from importers import SourceError, read_report
from models.checks import Severity, run_checks
from tests.export_support import balanced_report, soffice_convert
from models.checks.text import compact


@pytest.fixture(autouse=True)
def need_pdftotext():
    if shutil.which("pdftotext") is None:
        pytest.skip("未安装 pdftotext（poppler-utils），跳过读取 PDF 的测试；CI 的 .ci/run 会安装它")


def same_text(a, b):
    """Equal but for the spaces a PDF puts between Chinese and Latin text ("2025 年")."""
    return compact(a) == compact(b)


def assert_same_report(imported, source):
    assert (imported.agency, imported.year, imported.date) == (source.agency, source.year, source.date)
    assert imported.values == source.values
    assert same_text(imported.preamble, source.preamble)
    for section_id, subs in source.sections.items():
        got = imported.sections[section_id]
        assert [s.heading for s in got] == [s.heading for s in subs]
        assert all(same_text(g.text, s.text) for g, s in zip(got, subs))
        assert [g.text.count("\n") for g in got] == [s.text.count("\n") for s in subs]


def test_own_pdf_export(tmp_path, qapp):
    from exporters.pdf import write_pdf
    source = balanced_report()
    path = tmp_path / "导出.pdf"
    write_pdf(source, path)
    loaded = read_report(path)
    assert loaded.source_format == "pdf"
    assert_same_report(loaded.report, source)
    totals = source.totals()
    assert loaded.report.stated == {ref: totals[ref] for ref in loaded.report.stated}
    assert [f for f in run_checks(loaded.report) if f.severity is Severity.ERROR] == []


def test_word_document_printed_to_pdf(tmp_path, lo_profile):
    source = balanced_report()
    path = tmp_path / "报告.docx"
    write_docx(source, path)
    pdf, = soffice_convert(path, tmp_path / "pdf", "pdf", lo_profile)
    assert_same_report(read_report(pdf).report, source)


def test_corrupted_pdf(tmp_path):
    path = tmp_path / "坏.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(SourceError, match="PDF"):
        read_report(path)
