"""文件 → 批量审查 opens the 审查台; a report chosen there opens read-only at its finding."""
import shutil

from tests.conftest import EXAMPLES
from ui.actions import files


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
