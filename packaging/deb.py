"""The Debian package for UOS and Kylin (and Debian, Ubuntu, Deepin): the bundle folder under /opt/gkbg.

    python packaging/build.py --deb          (builds the folder first)
    python packaging/deb.py dist/gkbg        (a folder already built)

The package installs ``/opt/gkbg/`` (the folder), ``/usr/bin/gkbg``, the menu entry, the icon and the
draft file type (``application/x-gkbg-draft``, ``*.gkbg.json``).  Menus, file types and icon caches are
refreshed by dpkg's own triggers (desktop-file-utils, shared-mime-info, hicolor-icon-theme), so the
package has no maintainer scripts.  The architecture is the build machine's (amd64, arm64).
"""
from __future__ import annotations

import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINUX = Path(__file__).resolve().parent / "linux"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ARCHITECTURES = {"x86_64": "amd64", "aarch64": "arm64", "arm64": "arm64"}


def version() -> str:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
    return match.group(1) if match else "0"


def glibc() -> str:
    """The C library the bundle was built against: the oldest it runs on."""
    name, release = platform.libc_ver()
    return release if name == "glibc" and release else "2.28"


def control(size_kb: int) -> str:
    arch = ARCHITECTURES.get(platform.machine(), platform.machine())
    return f"""Package: gkbg
Version: {version()}
Section: misc
Priority: optional
Architecture: {arch}
Installed-Size: {size_kb}
Depends: libc6 (>= {glibc()}), libgl1 | libgl1-mesa-glx, libegl1 | libegl1-mesa, libfontconfig1, libfreetype6
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei
Maintainer: gkbg <gkbg@localhost>
Description: 政府信息公开工作年度报告 填报助手
 按国办公开办函〔2021〕30号的格式填写、校验和导出政府信息公开工作年度报告：
 六个部分的文字，三张统计表及其全部勾稽关系校验；草稿随时保存、不会丢失；
 可导入上年报告核对上年结转和现行有效件数，导出 Word、Excel 和 PDF；
 可批量审查一个文件夹中各单位的报告。全部在本机完成，不需联网，
 自带运行环境，无需另装 Python。
"""


def build_deb(folder: Path, outdir: Path) -> Path:
    """A .deb of the bundle ``folder``, written to ``outdir``; its path."""
    if shutil.which("dpkg-deb") is None:
        raise SystemExit("未找到 dpkg-deb，无法生成 .deb（Debian/UOS/麒麟系统自带；其他系统可安装 dpkg）")
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "gkbg"
        shutil.copytree(folder, root / "opt" / "gkbg", symlinks=True)
        (root / "usr" / "bin").mkdir(parents=True)
        os.symlink("/opt/gkbg/gkbg", root / "usr" / "bin" / "gkbg")
        share = root / "usr" / "share"
        (share / "applications").mkdir(parents=True)
        shutil.copy(LINUX / "gkbg.desktop", share / "applications" / "gkbg.desktop")
        (share / "mime" / "packages").mkdir(parents=True)
        shutil.copy(LINUX / "gkbg-mime.xml", share / "mime" / "packages" / "gkbg.xml")
        icons = ROOT / "resources" / "icons"
        for size in ICON_SIZES:
            target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
            target.mkdir(parents=True)
            shutil.copy(icons / f"gkbg-{size}.png", target / "gkbg.png")
        (share / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
        shutil.copy(icons / "gkbg.svg", share / "icons" / "hicolor" / "scalable" / "apps" / "gkbg.svg")
        for extra in ("install-desktop.sh", "gkbg.desktop", "gkbg-mime.xml"):
            (root / "opt" / "gkbg" / extra).unlink(missing_ok=True)   # the package installs these system-wide
        size_kb = sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
        (root / "DEBIAN").mkdir()
        (root / "DEBIAN" / "control").write_text(control(size_kb), encoding="utf-8")
        arch = ARCHITECTURES.get(platform.machine(), platform.machine())
        outdir.mkdir(parents=True, exist_ok=True)
        target = outdir / f"gkbg_{version()}_{arch}.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z2", "--build", str(root), str(target)],
                       check=True, stdout=subprocess.DEVNULL)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__.strip())
        sys.exit(2)
    print(build_deb(Path(sys.argv[1]).resolve(), ROOT / "dist"))
