"""The clerk's desk: zoom, switching pages from anywhere, 显示上年数, F1, 关于 with the version."""
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox

from models import about, draft
from models.form_2021 import FORM_2021
from tests.conftest import EXAMPLES


@pytest.mark.quick
def test_zoom_with_keys_is_remembered(window):
    window.show_page("requests")
    grid = window.grid("requests")
    before = grid.font().pointSizeF()
    QTest.keySequence(window, QKeySequence("Ctrl+="))
    assert grid.font().pointSizeF() > before
    assert int(window.settings.value("view/zoom")) == 1
    QTest.keySequence(window, QKeySequence("Ctrl+0"))
    assert abs(grid.font().pointSizeF() - before) < 0.01


@pytest.mark.quick
def test_ctrl_tab_leaves_a_grid_and_ctrl_pgup_comes_back(window):
    window.show_page("requests")
    grid = window.grid("requests")
    grid.setFocus()
    index = window.tabs.currentIndex()
    QTest.keyClick(grid, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == index + 1
    QTest.keyClick(window.tabs.currentWidget(), Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == index


def test_prior_values_under_the_numbers(window):
    window.session.take_prior(window.session.prior_offer(draft.load(EXAMPLES / "qinghe-scjg-2024.json")))
    assert window.menu_actions["view.prior_values"].isEnabled()
    window.show_page("requests")
    grid = window.grid("requests")
    height = grid.rowHeight(4)
    window.menu_actions["view.prior_values"].trigger()
    assert grid.delegate.showing_prior and grid.rowHeight(4) > height
    window.menu_actions["view.prior_values"].trigger()
    assert not grid.delegate.showing_prior


def test_f1_shows_the_guide_for_the_current_cell(window):
    window.show_page("requests")
    grid = window.grid("requests")
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index_of(FORM_2021.ref("requests", "partly_granted.natural_person")))
    QTest.keyClick(grid, Qt.Key.Key_F1)
    assert window.help_pane.isVisible() and "部分公开" in window.help_pane.text()


def test_about_names_the_version_and_the_form(window, monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda parent, title, text: seen.append(text)))
    window.menu_actions["help.about"].trigger()
    assert about.VERSION in seen[0] and "国办公开办函〔2021〕30号" in seen[0]


def test_the_version_is_the_packages(qapp):
    import tomllib
    from tests.conftest import ROOT
    assert tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"] == about.VERSION


def test_print_preview_fits_the_screen(window):
    from ui.print_preview import ReportPrintPreview
    dialog = ReportPrintPreview(window.session.report, window)
    area = window.screen().availableGeometry()
    assert dialog.height() <= area.height() and dialog.width() <= area.width()


def test_zoom_scales_the_page_titles_and_the_findings_columns(window):
    from PySide6.QtWidgets import QLabel, QStyleOptionViewItem
    page = window.show_page("requests")
    title = page.findChild(QLabel)
    before = title.sizeHint().height()
    window.document.set_values([(FORM_2021.ref("requests", "new.natural_person"), 5)], "输入")  # findings to list
    window.zoom(2)  # 120 %
    assert title.sizeHint().height() > before * 1.1
    view = window.findings_view
    for row in range(view.topLevelItemCount()):
        for col in (0, 1):
            index = view.model().index(row, col)
            option = QStyleOptionViewItem()
            option.initFrom(view)
            option.decorationSize = view.iconSize() if view.iconSize().isValid() else option.decorationSize
            assert view.itemDelegate().sizeHint(option, index).width() <= view.columnWidth(col), index.data()


def test_at_180_percent_table_three_still_shows_rows_to_type_in(window):
    from tests.ui.test_frozen_panes import requests_grid
    grid = requests_grid(window)
    window.zoom(8)
    QApplication.processEvents()

    def rows_in_view():
        viewport = grid.viewport().rect()
        top = grid.frozen.band_height() if grid.frozen.pane("top").isVisible() else grid.frozen.frozen_height()
        free = viewport.adjusted(0, top, 0, 0)
        return [r for r in range(grid.table.header_rows, grid.table.n_rows)
                if free.contains(grid.visualRect(grid.model().index(r, 3)))]
    assert len(rows_in_view()) > 3
    grid.move_to(grid.grid_model.index_of(FORM_2021.ref("requests", "denied_query.commercial")))
    QApplication.processEvents()
    assert len(rows_in_view()) > 3
    # the column names nearest the numbers stay above them
    top = grid.frozen.pane("top")
    assert top.isVisible() and grid.frozen.band_first_row() <= 2
    window.zoom(0)
