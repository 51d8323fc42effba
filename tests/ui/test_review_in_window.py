"""文件 → 批量审查 opens the 审查台; a report chosen there opens read-only at its finding."""
import shutil

import pytest

from tests.conftest import EXAMPLES
from ui.actions import files


@pytest.mark.quick
def test_the_review_desk_opens_from_the_menu_and_a_report_opens_read_only(window, tmp_path):
    window.menu_actions["file.review"].trigger()
    desk = window.review_window
    assert desk.isVisible()
    desk.close()
    copy = tmp_path / "qinghe-2025.gkbg.json"
    shutil.copy(EXAMPLES / "qinghe-scjg-2025.json", copy)
    files.open_reviewed(window, str(copy))
    assert window.session.read_only and window.session.report.agency == "明川市清河区市场监督管理局"
    assert "只读" in window.windowTitle()


@pytest.mark.quick
def test_a_finding_chosen_in_the_desk_is_found_again_by_rule_and_place_not_by_its_words(window, tmp_path):
    import dataclasses

    from models import draft
    from models.checks import run_checks
    from models.form_2021 import FORM_2021
    from models.review import ReviewFinding
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.set(FORM_2021.ref("requests", "new.natural_person"), 999)  # table 三 no longer balances
    path = tmp_path / "unbalanced.gkbg.json"
    draft.save(report, path)
    finding = next(f for f in run_checks(report) if f.cells and f.cells[0].table == "requests" and not f.section)
    chosen = dataclasses.replace(ReviewFinding.of(finding), message="审查台里的另一种说法")
    files.open_reviewed(window, str(path), chosen)
    grid = window.grid("requests")
    assert window.tabs.current_page() is grid.parentWidget()
    selected = {grid.grid_model.ref_at(i) for i in grid.selectionModel().selectedIndexes()}
    assert selected == set(finding.cells)
