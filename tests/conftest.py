"""Test set-up: Qt runs headless by itself, so a plain ``pytest`` works with no display."""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLES = ROOT / "resources" / "examples"
SHARED = Path(os.environ.get("GKBG_SHARED", ROOT.parent / "shared"))


def shared_path(*parts: str) -> Path:
    """A file of the project's shared folder; skips the test, saying what is missing, when absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"缺少共享测试资料 {path}（shared/ 应与本仓库并列，或用环境变量 GKBG_SHARED 指定）")
    return path


QUICK_RUN = "not slow"
QUICK_WORKERS = 2  # the developer's machine and CI's have two cores


def quick_run(config) -> bool:
    return (config.option.markexpr or "").replace("'", '"').strip() in (QUICK_RUN, f'"{QUICK_RUN}"')


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config):
    """The quick run (``-m "not slow"``) uses both cores (pytest-xdist) unless ``-n`` or ``--pdb`` says otherwise;
    a file's tests stay on one worker, so a fixture of the module is built once."""
    if (quick_run(config) and config.pluginmanager.hasplugin("xdist") and getattr(config.option, "numprocesses", 0) is None
            and not config.getoption("usepdb") and not hasattr(config, "workerinput")):
        config.option.numprocesses = QUICK_WORKERS
        if config.option.dist == "no":
            config.option.dist = "loadfile"


SLOW_FIXTURES = {"lo_profile", "window", "make_window"}  # LibreOffice; a whole main window for each test
SLOW_FOLDERS = {"cli"}  # every command-line test starts the program in a process of its own
SLOW_MODULE = re.compile(r"^pytestmark = \[?pytest\.mark\.slow\b", re.MULTILINE)


def pytest_ignore_collect(collection_path: Path, config):
    """The quick run does not import (nor rewrite the asserts of) a module whose every test it would deselect: one
    in a slow folder, or marked slow as a whole (``pytestmark = pytest.mark.slow``), with no test marked quick."""
    if not quick_run(config) or collection_path.suffix != ".py" or not collection_path.name.startswith("test_"):
        return None
    text = collection_path.read_text(encoding="utf-8")
    if "mark.quick" in text:
        return None
    return True if collection_path.parent.name in SLOW_FOLDERS or SLOW_MODULE.search(text) else None


def pytest_collection_modifyitems(items):
    """Tests slow by nature — LibreOffice, a whole window, a program in a process of its own — are marked
    ``slow``, so ``pytest -m "not slow"`` gives a developer a quick answer; CI runs everything.

    A window test marked ``quick`` stays in the quick run: a representative few of every part of the window
    (files, tables, text, help, the 审查台, the actions), so that the quick answer covers ``ui/`` too.
    """
    for item in items:
        folder = Path(str(item.fspath)).parent.name
        if item.get_closest_marker("quick") and not item.get_closest_marker("slow"):
            continue
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or folder in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def lo_profile(tmp_path_factory) -> Path:
    """A LibreOffice user profile of this test session only, so parallel runs do not collide."""
    return tmp_path_factory.mktemp("lo-profile")


@pytest.fixture
def shared():
    return shared_path


@pytest.fixture
def window(qtbot, tmp_path, qapp):
    """The main window on a new report (测试局, 2025); closed afterwards without a save prompt."""
    from PySide6.QtCore import QSettings
    from models.report import Report
    from ui.app import configure
    from ui.main_window import MainWindow
    configure(qapp)
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), tmp_path / "appdata",
                     Report(agency="测试局", year=2025))
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.commit_pending_edits()
    win.session.mark_clean()
    win.close()
    win.deleteLater()
