"""显示上年数: last year's value painted small under the value, only where there is one."""
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QStyledItemDelegate, QTableView

from importers import read_report
from models.statistics_text.comparison import CellComparison, compare_cells
from tests.conftest import EXAMPLES
from ui.prior_values import PRIOR_FG, PriorValuesPainting, extra_height, lookup_for


class PriorValueDelegate(PriorValuesPainting, QStyledItemDelegate):
    """The painting on a plain delegate (the grid has its own)."""


def dark_pixels(image, rect) -> int:
    return sum(image.pixelColor(x, y).lightness() < 200
               for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom()))


def test_the_small_line_is_painted_where_there_is_a_comparison(qtbot):
    model = QStandardItemModel(1, 2)
    for col in range(2):
        model.setItem(0, col, QStandardItem("46"))
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    delegate = PriorValueDelegate(view)
    view.setItemDelegate(delegate)
    comparison = CellComparison(40, 6, None)
    delegate.set_comparisons(lambda index: comparison if index.column() == 0 else None)
    view.setRowHeight(0, view.fontMetrics().height() + 8 + extra_height(view.font()))
    view.setColumnWidth(0, 120)
    view.setColumnWidth(1, 120)
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    with_prior, without = (view.visualRect(model.index(0, c)) for c in range(2))
    lower = lambda r: r.adjusted(0, r.height() - extra_height(view.font()), 0, 0)  # noqa: E731
    assert dark_pixels(image, lower(with_prior)) > 10
    assert dark_pixels(image, lower(without)) == 0
    delegate.set_comparisons(None)
    view.viewport().repaint()
    assert dark_pixels(view.viewport().grab().toImage(), lower(with_prior)) == 0
    assert PRIOR_FG.lightness() < 200


def test_lookup_from_the_comparisons_of_a_report():
    report = read_report(EXAMPLES / "qinghe-scjg-2025.json").report
    report.prior = read_report(EXAMPLES / "qinghe-scjg-2024.json").report
    comparisons = compare_cells(report)
    ref = next(iter(comparisons))
    lookup = lookup_for(comparisons, lambda index: ref if index == "here" else None)
    assert lookup("here") is comparisons[ref] and lookup("elsewhere") is None
