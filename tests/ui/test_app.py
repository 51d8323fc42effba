"""The application set-up: Chinese locale, Qt's own dialogs in Chinese, Simplified-Chinese glyphs."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

from ui.app import configure

# characters whose Japanese glyphs differ visibly from the Simplified-Chinese ones
TELLTALE = "直骨说复"


def render(font: QFont, text: str = TELLTALE) -> QImage:
    font = QFont(font)
    font.setPixelSize(48)
    image = QImage(48 * len(text) + 20, 70, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(image.rect(), int(Qt.AlignmentFlag.AlignCenter), text)
    painter.end()
    return image


@pytest.fixture
def app(qapp):
    configure(qapp)
    return qapp


def test_locale_is_simplified_chinese(app):
    locale = QLocale()
    assert locale.language() == QLocale.Language.Chinese
    assert locale.territory() == QLocale.Country.China
    assert locale.script() == QLocale.Script.SimplifiedHanScript


def test_qt_s_own_dialog_texts_are_translated(app):
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QFileDialog", "Open") == "打开"


def test_the_widget_file_dialog_has_no_english_label_left(app):
    """Linux desktops without a platform theme get Qt's own file dialog; qtbase_zh_CN misses some of its labels."""
    from PySide6.QtWidgets import QFileDialog, QLabel
    dialog = QFileDialog(None, "打开", str(Path(__file__).parent), "报告草稿 (*.json)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.show()
    app.processEvents()
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.isVisible() and label.text()]
    dialog.close()
    assert "查找范围(&L)：" in labels and "文件类型(&T)：" in labels
    assert not {"&Look in:", "Files of &type:"} & set(labels)
    assert QCoreApplication.translate("QAbstractFileIconProvider", "Folder", "All other platforms") == "文件夹"


GLYPH_PROBE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path[:0] = [{root!r}]
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication
from tests.ui.test_app import render
app = QApplication([])
from PySide6.QtGui import QFontDatabase
if not {{"Noto Sans CJK SC", "Noto Sans CJK JP"}} <= set(QFontDatabase.families()):
    print(json.dumps({{"skip": True}}))
    sys.exit(0)
chinese, japanese = render(QFont("Noto Sans CJK SC")), render(QFont("Noto Sans CJK JP"))
result = {{"variants_differ": chinese != japanese, "japanese_before": render(app.font()) == japanese}}
from ui.app import configure
configure(app)
result["chinese_after"] = render(app.font()) == chinese
result["first_family"] = app.font().families()[0]
print(json.dumps(result))
"""


@pytest.mark.slow
def test_chinese_text_uses_simplified_chinese_glyphs(tmp_path):
    """In a fresh process (the glyphs depend on the application's locale): Qt's default on a machine whose
    fonts put Japanese first shows Japanese glyphs; after ``configure`` the application shows Chinese ones."""
    script = GLYPH_PROBE.format(root=str(Path(__file__).resolve().parents[2]))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if result.get("skip"):
        pytest.skip("需要 Noto Sans CJK SC 与 JP 字体（fonts-noto-cjk）来比较字形")
    assert result["variants_differ"]  # the probe can tell the two apart
    assert result["chinese_after"], result
    assert result["first_family"] in ("Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei UI",
                                      "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei")
