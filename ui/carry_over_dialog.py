"""The offer made when last year's report is imported: carry the open requests over, take its sub-heads."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QLabel, QVBoxLayout

from app.session.prior import CarryOverPlan
from models.report import Report

from .dialogs import ok_cancel
from .screen_fit import RemembersSize


class CarryOverDialog(RemembersSize, QDialog):
    size_key = "carryOverDialog"

    def __init__(self, prior: Report, offer: CarryOverPlan, parent=None):
        super().__init__(parent)
        self.setWindowTitle("导入上年报告")
        layout = QVBoxLayout(self)
        intro = f"将 {prior.year} 年报告{('（' + prior.agency + '）') if prior.agency else ''}作为上年报告，" \
                "用于随时核对上年结转、现行有效件数和与上年文字的重复率。"
        label = QLabel(intro)
        label.setWordWrap(True)
        layout.addWidget(label)
        if offer.year_warning:
            warning = QLabel(offer.year_warning)
            warning.setWordWrap(True)
            warning.setStyleSheet("color: #b45309;")
            layout.addWidget(warning)
        total = sum(offer.carried_over.values())
        self.carry = QCheckBox(f"按上年“四、结转下年度继续办理”填入本年表三“二、上年结转”（合计 {total} 件）"
                               if offer.carried_over else "上年“四、结转下年度继续办理”为空白，无从填入“二、上年结转”")
        self.carry.setChecked(bool(offer.carried_over))
        self.carry.setEnabled(bool(offer.carried_over))
        layout.addWidget(self.carry)
        if offer.subheads:
            self.subheads = QCheckBox("按上年报告设置小标题（只取小标题，不取文字）")
            self.subheads.setChecked(True)
        else:
            self.subheads = QCheckBox("小标题保持不变" + (f"（{'、'.join(offer.kept_text)}已有文字）"
                                                      if offer.kept_text else "（上年报告没有小标题）"))
            self.subheads.setEnabled(False)
        layout.addWidget(self.subheads)
        layout.addWidget(ok_cancel(self, "导入"))
        hint = self.sizeHint()
        self.restore_size(hint.width(), hint.height())
