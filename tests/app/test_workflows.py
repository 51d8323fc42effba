"""The decisions the window and the command line share: draft or import, a report read elsewhere made a draft,
what the clerk reads after an export."""
from __future__ import annotations

import pytest

from app.session import Session, workflows
from models.checks import Severity
from models.form_2021 import FORM_2021
from models.report import Report
from tests.conftest import EXAMPLES

NEW = FORM_2021.ref("requests", "new.natural_person")


@pytest.mark.parametrize("name,is_draft", [("报告.gkbg.json", True), ("R.JSON", True), ("报告.docx", False),
                                            ("报告.pdf", False), ("报告.json.txt", False), ("报告", False)])
def test_a_draft_opens_anything_else_is_imported(name, is_draft):
    assert workflows.opens_as_draft(name) is is_draft


def test_a_report_read_elsewhere_becomes_a_new_unsaved_draft_with_its_notes(tmp_path):
    imported = workflows.import_report(EXAMPLES / "weibin-gongxin-2025.json")
    session = Session(Report(agency="旧"))
    assert session.start_from(imported) is imported
    assert session.report is imported.report and session.path is None and session.modified
    assert session.import_notes == imported.notes
    assert imported.warned == sum(n.severity is not Severity.INFO for n in imported.notes)


def test_an_export_is_summed_up_only_when_there_is_something_to_read(tmp_path):
    from exporters import ExportResult
    plain = ExportResult(tmp_path / "a.docx", "Word")
    assert workflows.export_notice(plain) is None
    warned = ExportResult(tmp_path / "a.docx", "Word", ["表三的数字过长"])
    assert workflows.export_notice(warned) == warned.summary()
