"""Every window and dialog fits a small screen, at 100 % and 150 % zoom, with no label cut; sizes are kept."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QWidget

from tests.conftest import EXAMPLES, ROOT, shared_path

PROBE = Path(__file__).with_name("fit_probe.py")


@pytest.mark.slow
@pytest.mark.parametrize("width,height", [(1366, 768), (1280, 720)])
def test_every_window_fits_the_screen_and_no_label_is_cut(tmp_path, width, height):
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in sorted(shared_path("real-reports").glob("*.txt")):
        shutil.copy(path, folder / path.name)
    for path in sorted(EXAMPLES.glob("*.json")):
        shutil.copy(path, folder / path.name)
    config = tmp_path / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "clerk", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(PROBE), str(folder)], env=env, capture_output=True, text=True,
                          timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    problems = json.loads(done.stdout.strip().splitlines()[-1])
    assert problems == []


@pytest.fixture
def owner(qapp, tmp_path, qtbot):
    """A stand-in for the main window: a widget with the settings its dialogs keep their sizes in."""
    widget = QWidget()
    widget.settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)  # type: ignore[attr-defined]
    qtbot.addWidget(widget)
    return widget


def test_the_guide_and_the_review_desk_open_at_the_size_they_were_left_at(owner):
    from models.form_2021 import FORM_2021
    from ui.guide_dialog import GuideDialog
    from ui.review import ReviewWindow
    dialog = GuideDialog(FORM_2021, owner)
    dialog.show()
    dialog.resize(600, 450)
    dialog.reject()
    assert GuideDialog(FORM_2021, owner).size() == QSize(600, 450)
    desk = ReviewWindow(None, owner)
    desk.show()
    desk.resize(700, 500)
    desk.close()
    assert ReviewWindow(None, owner).size() == QSize(700, 500)


def test_a_size_kept_from_a_larger_screen_is_clamped_to_this_one(owner):
    from ui.review import ReviewWindow
    from ui.screen_fit import TYPICAL_FRAME
    owner.settings.setValue("reviewWindow/size", QSize(4000, 3000))
    desk = ReviewWindow(None, owner)
    area = owner.screen().availableGeometry()
    assert desk.width() + TYPICAL_FRAME.left() + TYPICAL_FRAME.right() <= area.width()
    assert desk.height() + TYPICAL_FRAME.top() + TYPICAL_FRAME.bottom() <= area.height()
    desk.show()
    assert area.contains(desk.frameGeometry())
