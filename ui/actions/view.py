"""查看 and 帮助: 显示上年数, zoom, pages, 填报说明, 关于."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from models import about

from .model import Window

PRIOR_VALUES_SETTING = "view/prior_values"


def about_box(window: Window) -> None:
    from exporters import FORMATS
    formats = "、".join(f.name for f in FORMATS.values())
    QMessageBox.about(window, "关于", f"{about.APP_NAME}\n版本 {about.VERSION}\n\n表格格式：{about.FORM_EDITION}\n"
                                    f"按官方格式填报、校验（勾稽关系）并导出{formats}；全部在本机完成，不需联网。")


def show_guide(window: Window) -> None:
    from ..guide_dialog import GuideDialog
    dialog = GuideDialog(window.session.form, window)
    section = window.tabs.current_section_id()
    if section is not None:
        dialog.show_section(section)
    dialog.exec()


def show_help(window: Window) -> None:
    """F1: the 填报说明 of where the clerk is."""
    window.help_pane.show()
    window.help_pane.raise_()
    cell = window.tabs.current_cell()
    if cell is not None:
        window.help_pane.show_for_cell(*cell)
    else:
        window.help_pane.show_for_section(window.tabs.current_tab_id())


def has_prior(window: Window) -> bool:
    return window.session.report.prior is not None


def prior_values_wanted(window: Window) -> bool:
    return str(window.settings.value(PRIOR_VALUES_SETTING, "false")).lower() == "true"


def toggle_prior_values(window: Window) -> None:
    window.settings.setValue(PRIOR_VALUES_SETTING, window.menu_actions["view.prior_values"].isChecked())
    window.tabs.show_prior(prior_values_wanted(window))


def zoom(step: int):
    """Ctrl+= / Ctrl+- / Ctrl+0: text and grids larger or smaller, remembered for next time."""
    def run(window: Window) -> None:
        window.zoom(step)
    return run


def step_tab(step: int):
    """Ctrl+Tab / Ctrl+PgDn: the next page, from anywhere (a grid or a text box included)."""
    def run(window: Window) -> None:
        window.commit_pending_edits()
        window.tabs.step(step)
    return run
