"""What a screen reader finds on every page: each cell, field and button named in the form's words and
described (with the findings on a marked cell), and the Tab key going in reading order."""
from __future__ import annotations

from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from models.form_2021 import FORM_2021

R = QAccessible.Role
CONTROLS = {R.Cell, R.EditableText, R.Button, R.PushButton, R.SpinBox, R.ComboBox, R.CheckBox, R.RadioButton,
            R.Table, R.ScrollBar, R.Slider, R.ButtonMenu, R.ButtonDropDown, R.PageTab}
NEW = FORM_2021.ref("requests", "new.natural_person")


def walk(iface, found: list) -> list:
    """Every accessible object under ``iface`` that is shown, depth first."""
    if iface is None or not iface.isValid() or iface.state().invisible:
        return found
    found.append(iface)
    for i in range(iface.childCount()):
        walk(iface.child(i), found)
    return found


def controls_of(widget: QWidget) -> list:
    return [i for i in walk(QAccessible.queryAccessibleInterface(widget), []) if i.role() in CONTROLS]


def test_every_control_of_every_page_has_a_name_and_a_description(window):
    window.session.take_prior(window.session.prior_offer(window.session.report))  # fields about last year too
    for tab_id in window.tabs.tab_ids():
        page = window.show_page(tab_id)
        QApplication.processEvents()
        controls = controls_of(page)
        assert controls, tab_id
        unnamed = [(i.role().name, i.text(QAccessible.Text.Description)[:30]) for i in controls
                   if not i.text(QAccessible.Text.Name).strip()]
        undescribed = [(i.role().name, i.text(QAccessible.Text.Name)[:30]) for i in controls
                       if not i.text(QAccessible.Text.Description).strip()]
        assert unnamed == [], tab_id
        assert undescribed == [], tab_id


def cell_named(page, start: str):
    return next(i for i in controls_of(page) if i.role() == R.Cell and i.text(QAccessible.Text.Name).startswith(start))


def test_a_cell_is_read_with_its_row_and_column_and_its_finding(window):
    window.document.set_values([(NEW, 5)], "输入")
    page = window.show_page("requests")
    QApplication.processEvents()
    cell = cell_named(page, "表三 一、本年新收政府信息公开申请数量 自然人")
    assert cell.text(QAccessible.Text.Name) == "表三 一、本年新收政府信息公开申请数量 自然人 5"
    # 5 new requests and no result: the balance fails; the cell's description says so first
    marked = window.document.marks[NEW]
    assert cell.text(QAccessible.Text.Description).startswith(("错误：", "警告："))
    assert marked.messages[0] in cell.text(QAccessible.Text.Description)
    blank = cell_named(page, "表三 二、上年结转政府信息公开申请数量 自然人")
    assert blank.text(QAccessible.Text.Name).endswith("空白")
    total = cell_named(page, "表三 一、本年新收政府信息公开申请数量 总计")
    assert "自动计算" in total.text(QAccessible.Text.Description)
    # a merged label is read wherever a reader's table navigation lands in it
    spanned = [i.text(QAccessible.Text.Name) for i in controls_of(page) if i.role() == R.Cell]
    assert spanned.count("三、本年度办理结果") >= 22


def test_table_four_and_two_are_read_with_their_own_headings(window):
    page = window.show_page("appeals")
    QApplication.processEvents()
    assert cell_named(page, "表四 行政诉讼 未经复议直接起诉 结果维持")
    page = window.show_page("active")
    QApplication.processEvents()
    assert cell_named(page, "表二 行政规范性文件 本年废止件数")


def reading_order(page: QWidget) -> list[QWidget]:
    """The page's controls in the order Tab visits them, from its first."""
    stops = [w for w in page.findChildren(QWidget) if w.isVisible() and w.isEnabled()
             and w.focusPolicy() & w.focusPolicy().TabFocus and not w.focusProxy()]
    first = min(stops, key=lambda w: (w.mapToGlobal(w.rect().topLeft()).y(), w.mapToGlobal(w.rect().topLeft()).x()))
    order, widget = [first], first.nextInFocusChain()
    while widget is not first and len(order) < 500:
        if widget in stops and widget not in order:
            order.append(widget)
        widget = widget.nextInFocusChain()
    return order


def assert_reading_order(page: QWidget) -> None:
    order = reading_order(page)
    positions = [(w.mapToGlobal(w.rect().topLeft()).y(), w.mapToGlobal(w.rect().topLeft()).x()) for w in order]
    rows = [(y // 8, x) for y, x in positions]  # a row of controls (heading and its buttons) shares its line
    assert rows == sorted(rows), [w.accessibleName() or type(w).__name__ for w in order]


def test_tab_goes_through_each_page_in_reading_order_also_after_a_sub_head_is_added(window):
    for tab_id in ("basic", "overview", "problems", "other"):
        page = window.show_page(tab_id)
        window.resize(1366, 4000)  # every control of the page shown at once
        QApplication.processEvents()
        assert_reading_order(page)
    page = window.show_page("overview")
    page.add_button.click()
    QApplication.processEvents()
    assert_reading_order(page)
