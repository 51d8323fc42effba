"""Starting the window: the application in Chinese, with Simplified-Chinese glyphs on every machine."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QStandardPaths, QTimer, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

ORGANIZATION = "gkbg"
APPLICATION = "gkbg"
ICON = Path(__file__).resolve().parent.parent / "resources" / "icons" / "gkbg-256.png"   # packaging/make_icon.py
# Han glyphs differ between the Chinese and Japanese variants of one font (直, 骨, 说): name the SC
# families explicitly, or Noto/Source Han pick their Japanese face on a machine whose locale is not zh_CN.
CHINESE_FONT_FAMILIES = ("Microsoft YaHei UI", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC",
                         "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", "Noto Sans SC",
                         "SimSun", "SimHei")


# Strings Qt's widget file dialog shows that qtbase_zh_CN.qm lacks (its catalog has older source texts)
MISSING_QT_TRANSLATIONS = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
}


class MissingQtTranslations(QTranslator):
    """Asked before Qt's own catalog; answers only the few strings that catalog lacks."""

    def translate(self, context, source_text, disambiguation=None, n=-1):
        return MISSING_QT_TRANSLATIONS.get((context, source_text))  # None: ask the next catalog

    def isEmpty(self) -> bool:
        return False


def chinese_font(base: QFont) -> QFont:
    """``base`` with the installed Simplified-Chinese families first."""
    installed = set(QFontDatabase.families())
    families = [f for f in CHINESE_FONT_FAMILIES if f in installed]
    font = QFont(base)
    if families:
        font.setFamilies(families + [f for f in base.families() if f not in families])
    return font


def configure(app: QApplication) -> None:
    """Names, locale, Qt's own Chinese translation and fonts."""
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("政府信息公开工作年度报告")
    app.setDesktopFileName("gkbg")   # Linux: the taskbar finds the menu entry's icon (packaging/linux/gkbg.desktop)
    if ICON.is_file():
        app.setWindowIcon(QIcon(str(ICON)))
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Script.SimplifiedHanScript,
                               QLocale.Country.China))
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)
    app.installTranslator(MissingQtTranslations(app))  # installed last, so asked first
    app.setFont(chinese_font(app.font()))


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication([sys.argv[0] if sys.argv else "gkbg"] + list(argv or []))
    configure(app)
    return app


def data_dir() -> Path:
    """Where recovery copies go (the user's application-data folder)."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))


def run(argv: list[str]) -> int:
    """The window; ``argv`` may name a draft (or a published report) to open."""
    app = application()
    from .actions.files import open_any
    from .main_window import MainWindow  # after the application exists: widgets need it

    files = [str(Path(a).resolve()) for a in argv if not a.startswith("-")]
    window = MainWindow(QSettings(), data_dir())
    window.show()

    def start() -> None:
        if window.offer_recovery():
            return
        if files:
            open_any(window, files[0])  # a draft opens (its lock and its questions), anything else imports

    QTimer.singleShot(0, start)
    return app.exec()


def main() -> int:  # pragma: no cover - convenience for `python -m ui.app`
    return run(sys.argv[1:])


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
