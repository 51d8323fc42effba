"""Build the program as a folder that runs without Python, on the machine this runs on.

    python packaging/build.py [--dist DIR] [--deb]

PyInstaller (``pip install pyinstaller``) makes ``dist/gkbg/`` from ``packaging/gkbg.spec``: ``gkbg`` on
Linux (the window, and the commands ``check``/``export``/``import`` as ``main.py`` has them); on Windows
``gkbg.exe`` (windowed) and ``gkbg-cli.exe`` (console).  The unpacked size is printed; the folder's path is
the last line printed.  ``--deb`` also makes the Debian package for UOS and Kylin (``packaging/deb.py``).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE_LIMIT_MB = 150


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def build(dist: Path, work: Path) -> Path:
    env = dict(os.environ, GKBG_ROOT=str(ROOT))
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(ROOT / "packaging" / "gkbg.spec")]
    subprocess.run(command, check=True, env=env, cwd=ROOT)
    return dist / "gkbg"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="把程序打包为无需 Python 的文件夹（PyInstaller onedir）")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="输出目录（默认 dist/）")
    parser.add_argument("--deb", action="store_true", help="同时生成 .deb 安装包（统信 UOS、银河麒麟）")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("未安装 PyInstaller：请先运行 pip install pyinstaller", file=sys.stderr)
        return 2
    folder = build(args.dist.resolve(), ROOT / "build" / "pyinstaller")
    if sys.platform.startswith("linux"):
        for name in ("gkbg.desktop", "gkbg-mime.xml", "install-desktop.sh"):   # menu entry, shortcut, file type
            shutil.copy2(ROOT / "packaging" / "linux" / name, folder / name)
    size_mb = folder_size(folder) / 2**20
    print(f"解压后大小：{size_mb:.1f} MB（上限 {SIZE_LIMIT_MB} MB）")
    if size_mb > SIZE_LIMIT_MB:
        print(f"警告：超过 {SIZE_LIMIT_MB} MB，请检查 packaging/gkbg.spec 的排除项", file=sys.stderr)
    if args.deb:
        from deb import build_deb  # packaging/deb.py, beside this script
        print(f"Debian 安装包：{build_deb(folder, args.dist.resolve())}")
    print(folder)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    sys.exit(main())
