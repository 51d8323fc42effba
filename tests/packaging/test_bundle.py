"""The bundle as the clerk gets it: built by packaging/build.py, copied out of the repository, run with a bare
environment (no Python on PATH, no venv), under a virtual display for the window.  Slow: a build takes a
minute or two."""
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from models import draft
from tests.conftest import EXAMPLES, shared_path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = EXAMPLES / "qinghe-scjg-2025.json"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not sys.platform.startswith("linux"), reason="在 Linux 上构建并运行 Linux 版程序包")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    pytest.importorskip("PyInstaller", reason="未安装 PyInstaller（pip install pyinstaller），无法构建程序包")
    dist = tmp_path_factory.mktemp("dist")
    done = subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(dist), "--deb"],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    # the clerk's copy: outside the repository, away from the build
    outside = tmp_path_factory.mktemp("clerk") / "gkbg"
    shutil.copytree(lines[-1], outside, symlinks=True)
    return lines, outside, dist


def bare(*args, home: Path, timeout=120, display=None):
    """The bundled gkbg in an empty environment: no PATH, no PYTHONPATH, no venv."""
    env = ["env", "-i", f"HOME={home}"] + ([f"DISPLAY={display}"] if display else [])
    return subprocess.run(env + [str(a) for a in args], capture_output=True, text=True, timeout=timeout,
                          cwd=home)


def test_build_prints_its_size_and_the_folder_last(built):
    lines, outside, _ = built
    size = next(float(m.group(1)) for line in lines if (m := re.search(r"解压后大小：([\d.]+) MB", line)))
    assert 20 < size < 150
    assert Path(lines[-1]).name == "gkbg" and (Path(lines[-1]) / "gkbg").is_file()
    assert not any(outside.rglob("*.qm")) or {p.name for p in outside.rglob("*.qm")} <= {"qtbase_zh_CN.qm",
                                                                                         "qt_zh_CN.qm"}


def test_commands_run_in_a_bare_environment(built, tmp_path):
    _, outside, _ = built
    gkbg = outside / "gkbg"
    home = tmp_path
    shutil.copy(EXAMPLE, home / "报告.gkbg.json")
    checked = bare(gkbg, "check", "报告.gkbg.json", home=home)
    assert checked.returncode == 0, checked.stderr
    assert "全部通过" in checked.stdout
    exported = bare(gkbg, "export", "报告.gkbg.json", "--docx", "报告.docx", "--xlsx", "报告.xlsx", "--pdf", "报告.pdf",
                    home=home)
    assert exported.returncode == 0, exported.stderr
    assert "Traceback" not in exported.stderr and "locale" not in exported.stderr
    for name in ("报告.docx", "报告.xlsx", "报告.pdf"):
        assert (home / name).stat().st_size > 5000, name
    source = draft.load(home / "报告.gkbg.json")
    for name in ("报告.pdf", "报告.docx", "报告.xlsx"):
        imported = bare(gkbg, "import", name, "-o", f"{name}.gkbg.json", home=home)
        assert imported.returncode == 0, imported.stderr
        assert draft.load(home / f"{name}.gkbg.json").values == source.values, name
    published = shutil.copy(shared_path("real-reports", "01_huaian-city-gov-2024.txt"), home / "淮安.txt")
    imported = bare(gkbg, "import", published, "-o", "淮安.gkbg.json", home=home)
    assert imported.returncode == 0, imported.stderr
    assert draft.load(home / "淮安.gkbg.json").agency == "淮安市人民政府"
    bad = bare(gkbg, "check", "不存在.gkbg.json", home=home)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_published_pdf_made_from_the_official_template(built, tmp_path, lo_profile):
    """A report as agencies publish it: the official Word template filled in, saved as PDF by LibreOffice."""
    from importers import read_report
    from tests.export_support import soffice_convert
    from tests.importers.test_docx import fill_template
    _, outside, _ = built
    source = read_report(shared_path("real-reports", "01_huaian-city-gov-2024.txt")).report
    document = fill_template(source, tmp_path / "淮安.docx", printed=source.stated)
    pdf, = soffice_convert(document, tmp_path, "pdf", lo_profile)
    imported = bare(outside / "gkbg", "import", pdf, "-o", "淮安.gkbg.json", home=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert draft.load(tmp_path / "淮安.gkbg.json").values == source.values


def test_window_opens_under_a_virtual_display(built, tmp_path):
    for program in ("Xvfb", "xdotool", "import"):
        if shutil.which(program) is None:
            pytest.skip(f"未安装 {program}，无法在虚拟显示器上检查窗口")
    from PySide6.QtGui import QImage
    _, outside, _ = built
    read, write = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    app = None
    try:
        display = ":" + os.read(read, 16).decode().strip()
        app = subprocess.Popen(["env", "-i", f"HOME={tmp_path}", f"DISPLAY={display}", str(outside / "gkbg"),
                                str(EXAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path)
        tools = dict(os.environ, DISPLAY=display)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                                   capture_output=True, text=True, env=tools)
            if found.stdout.strip():
                break
            assert app.poll() is None, app.stderr.read().decode()
            time.sleep(0.5)
        else:
            pytest.fail("一分钟内没有出现窗口")
        time.sleep(2)   # first paint
        shot = tmp_path / "window.png"
        subprocess.run(["import", "-window", "root", str(shot)], check=True, env=tools)
        image = QImage(str(shot))
        assert (image.width(), image.height()) == (1366, 768)
        colours = {image.pixelColor(x, y).rgb() for x in range(0, 1366, 7) for y in range(0, 768, 7)}
        assert len(colours) > 20   # a drawn window, not an empty screen
        assert app.poll() is None
    finally:
        if app is not None:
            app.kill()
            app.wait()
        xvfb.kill()
        xvfb.wait()
        os.close(read)


def test_debian_package_installs_the_folder_menu_entry_and_file_type(built):
    _, _, dist = built
    deb, = dist.glob("gkbg_*.deb")
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True, check=True).stdout
    for path in ("./opt/gkbg/gkbg", "./usr/bin/gkbg -> /opt/gkbg/gkbg", "./usr/share/applications/gkbg.desktop",
                 "./usr/share/mime/packages/gkbg.xml", "./usr/share/icons/hicolor/256x256/apps/gkbg.png",
                 "./usr/share/icons/hicolor/scalable/apps/gkbg.svg"):
        assert path in listing, path
    assert "install-desktop.sh" not in listing
    fields = subprocess.run(["dpkg-deb", "-f", str(deb), "Package", "Architecture", "Depends"],
                            capture_output=True, text=True, check=True).stdout
    assert "Package: gkbg" in fields and "libc6 (>=" in fields
