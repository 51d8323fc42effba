"""The installers' files agree with the program: names, file types, icons, paths, dependencies."""
import configparser
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from models.draft import DRAFT_SUFFIX

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
sys.path.insert(0, str(PACKAGING))

import make_icon  # noqa: E402
import offline_wheels  # noqa: E402


def desktop_entry():
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str
    parser.read(PACKAGING / "linux" / "gkbg.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_drafts_of_its_mime_type():
    entry = desktop_entry()
    assert entry["Type"] == "Application" and entry["Exec"] == "gkbg %f" and entry["Icon"] == "gkbg"
    assert entry["Terminal"] == "false" and entry["Name[zh_CN]"]
    mime = ET.parse(PACKAGING / "linux" / "gkbg-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = mime.find("m:mime-type", ns)
    assert entry["MimeType"] == mime_type.get("type") + ";"
    assert [g.get("pattern") for g in mime_type.findall("m:glob", ns)] == ["*" + DRAFT_SUFFIX]


def test_user_install_script_refers_to_files_the_build_puts_beside_gkbg():
    script = (PACKAGING / "linux" / "install-desktop.sh").read_text(encoding="utf-8")
    build = (PACKAGING / "build.py").read_text(encoding="utf-8")
    for name in re.findall(r'"\$HERE/([\w.-]+)"', script):
        assert name == "gkbg" or name in build, name
    assert "_internal/resources/icons/gkbg-256.png" in script
    assert '"resources" / "icons"' in (PACKAGING / "gkbg.spec").read_text(encoding="utf-8")


def test_inno_setup_script_points_at_existing_files():
    script = (PACKAGING / "windows" / "gkbg.iss").read_text(encoding="utf-8")
    here = PACKAGING / "windows"
    icon = re.search(r"^SetupIconFile=(.+)$", script, re.M).group(1).replace("\\", "/")
    assert (here / icon).resolve() == ROOT / "resources" / "icons" / "gkbg.ico"
    dist = re.search(r'#define Dist "(.+)"', script).group(1).replace("\\", "/")
    assert (here / dist).resolve() == ROOT / "dist" / "gkbg"   # where build.py puts the folder
    for needed in ("{autoprograms}", "{autodesktop}", "OpenWithProgids", "gkbg.exe", "ChangesAssociations=yes"):
        assert needed in script, needed


def test_windows_workflow_builds_and_smoke_tests_both_executables():
    workflow = (ROOT / ".github" / "workflows" / "windows-bundle.yml").read_text(encoding="utf-8")
    assert "runs-on: windows-latest" in workflow and "python packaging/build.py" in workflow
    assert "gkbg-cli.exe" in workflow and "gkbg.exe" in workflow and "gkbg.iss" in workflow
    spec = (PACKAGING / "gkbg.spec").read_text(encoding="utf-8")
    assert 'name="gkbg-cli", console=True' in spec


def test_icon_files_are_what_make_icon_draws():
    icons = ROOT / "resources" / "icons"
    assert (icons / "gkbg.svg").read_text(encoding="utf-8") == make_icon.SVG
    data = (icons / "gkbg.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icon.ICO_SIZES))
    for k, size in enumerate(make_icon.ICO_SIZES):
        width, _, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", data[6 + 16 * k: 22 + 16 * k])
        assert width == size % 256
        assert data[offset:offset + length] == (icons / f"gkbg-{size}.png").read_bytes()


def test_icon_is_readable_by_qt(qapp):
    from PySide6.QtGui import QImage
    image = QImage(str(ROOT / "resources" / "icons" / "gkbg-256.png"))
    assert (image.width(), image.height()) == (256, 256)
    assert image.pixelColor(128, 20).red() > 150   # the red ground, not an empty picture


def test_offline_wheels_asks_for_the_projects_dependencies():
    declared = re.search(r"^dependencies = \[(.*?)^\]", (ROOT / "pyproject.toml").read_text(encoding="utf-8"),
                         re.M | re.S).group(1)
    wanted = offline_wheels.requirements(with_test=False)
    assert wanted and all(f'"{r}"' in declared for r in wanted)
    assert "pypdfium2" in " ".join(wanted) and "pytest>=8" in offline_wheels.requirements(with_test=True)


@pytest.mark.parametrize("platform, glibc, first, last", [
    ("win_amd64", "2.28", "win_amd64", "win_amd64"),
    ("linux_x86_64", "2.28", "manylinux2014_x86_64", "manylinux_2_28_x86_64"),
    ("linux_aarch64", "2.31", "manylinux2014_aarch64", "manylinux_2_31_aarch64"),
])
def test_platform_tags_stop_at_the_target_glibc(platform, glibc, first, last):
    tags = offline_wheels.platform_tags(platform, glibc)
    assert (tags[0], tags[-1]) == (first, last)


def test_usage_names_the_bundled_program(monkeypatch, capsys):
    import main
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert main.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "gkbg 草稿.gkbg.json" in out and "python main.py" not in out
    assert all(name in out for name in main.COMMANDS)


def test_the_deb_describes_the_program_in_chinese():
    import deb
    description = deb.control(1000).split("Description:", 1)[1]
    lines = description.strip("\n").split("\n")
    assert all(line.startswith(" ") for line in lines[1:])  # the long description's lines, as dpkg wants them
    english = re.findall(r"\b(?!Word\b|Excel\b|PDF\b|Python\b)[A-Za-z]{3,}\b", description)
    assert english == [] and "勾稽关系" in description
