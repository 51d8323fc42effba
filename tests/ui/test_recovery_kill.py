"""A real window killed (SIGKILL) two seconds after typing: the next start finds the typing in a recovery copy."""
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from app.session import recovery
from tests.conftest import ROOT

CLERK = textwrap.dedent("""
    import os, sys, time
    sys.path.insert(0, {root!r})
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from ui.app import application
    app = application()
    from ui.main_window import MainWindow
    win = MainWindow(QSettings({settings!r}, QSettings.Format.IniFormat), {data!r})
    win.show()
    page = win.show_page("problems")
    editor = page.editors()[0]
    editor.setFocus()
    QTest.keyClicks(editor, "typed just before the crash")
    print("typed", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.01)
""")


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="需要 SIGKILL")
def test_typing_survives_a_kill_two_seconds_later(tmp_path):
    data = tmp_path / "appdata"
    script = CLERK.format(root=str(ROOT), settings=str(tmp_path / "s.ini"), data=str(data))
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    clerk = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert clerk.stdout.readline().strip() == "typed"
        time.sleep(2.0)
    finally:
        clerk.send_signal(signal.SIGKILL)
        clerk.wait(timeout=30)
    [orphan] = recovery.orphans(data)
    assert orphan.load().sections["problems"][0].text == "typed just before the crash"
