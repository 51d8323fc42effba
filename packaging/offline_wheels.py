"""Gather every wheel the program needs, for an office PC without internet (内网), into one folder.

    python packaging/offline_wheels.py                                   all platforms, all supported Pythons
    python packaging/offline_wheels.py --platform win_amd64 --python 3.12
    python packaging/offline_wheels.py --platform linux_x86_64 linux_aarch64 --glibc 2.31 --dest D:\\gkbg-wheels

Run it on any computer with internet access (its own system does not matter: ``pip download
--only-binary=:all: --platform … --python-version …`` fetches the wheels of the chosen platform).  The
folder also gets the program's own wheel.  Copy the folder to the office PC, then there:

    python -m venv gkbg-env
    gkbg-env\\Scripts\\pip install --no-index --find-links <folder> gkbg      (Windows)
    gkbg-env/bin/pip install --no-index --find-links <folder> gkbg           (Linux)

``--with-test`` adds what the test suite needs (pytest, pytest-qt, hypothesis, ruff, mypy).
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLATFORMS = ("win_amd64", "linux_x86_64", "linux_aarch64")
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
# glibc of the domestic systems: UOS 20 (Debian 10) has 2.28, Kylin V10 (Ubuntu 20.04) 2.31.  A wheel built for
# a newer glibc does not install there; pip then takes the newest release that does (e.g. an older PySide6).
# PySide6 has no ARM wheel for glibc 2.28 (its oldest, 6.8, needs 2.31): ARM defaults to Kylin's 2.31.
DEFAULT_GLIBC = {"linux_x86_64": "2.28", "linux_aarch64": "2.31", "win_amd64": ""}


def platform_tags(platform: str, glibc: str) -> list[str]:
    """pip's platform tags for a target: on Linux every manylinux tag up to the target's glibc."""
    if platform == "win_amd64":
        return ["win_amd64"]
    machine = platform.split("_", 1)[1]
    newest = int(glibc.split(".")[1])
    return [f"manylinux2014_{machine}"] + [f"manylinux_2_{minor}_{machine}" for minor in range(17, newest + 1)]


def requirements(with_test: bool) -> list[str]:
    """The dependencies as pyproject.toml states them (read without tomllib, which Python 3.10 lacks)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    def listed(name: str) -> list[str]:
        match = re.search(rf"^{name}\s*=\s*\[(.*?)^\]", text, re.M | re.S)
        return re.findall(r'^\s*"([^"]+)"', match.group(1), re.M) if match else []

    return listed("dependencies") + (listed("test") if with_test else [])


def download(platform: str, python: str, glibc: str, dest: Path, packages: list[str]) -> None:
    """The wheels of ``packages`` and their dependencies for one platform and Python; raises CalledProcessError
    when pip finds no binary for one of them."""
    command = [sys.executable, "-m", "pip", "download", "--only-binary=:all:", "--dest", str(dest),
               "--python-version", python, "--implementation", "cp", "--disable-pip-version-check"]
    for tag in platform_tags(platform, glibc):
        command += ["--platform", tag]
    subprocess.run(command + packages, check=True)


def own_wheel(dest: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(dest), str(ROOT)],
                   check=True, stdout=subprocess.DEVNULL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="下载离线安装所需的全部 wheel（用于无法上网的内网电脑）")
    parser.add_argument("--platform", nargs="+", choices=PLATFORMS, default=list(PLATFORMS),
                        help="目标平台（默认全部）")
    parser.add_argument("--python", nargs="+", choices=PYTHONS, default=list(PYTHONS),
                        help="目标电脑上的 Python 版本（默认全部支持的版本）")
    parser.add_argument("--glibc", help="Linux 目标电脑的 glibc 版本（ldd --version 可查；默认 x86_64 为 2.28，"
                                         "即统信 UOS 20；aarch64 为 2.31，即银河麒麟 V10）")
    parser.add_argument("--dest", type=Path, default=ROOT / "wheels", help="输出文件夹（默认 wheels/）")
    parser.add_argument("--with-test", action="store_true", help="同时下载运行测试所需的包")
    args = parser.parse_args(argv)
    args.dest.mkdir(parents=True, exist_ok=True)
    packages = requirements(args.with_test)
    failed = []
    for platform in args.platform:
        glibc = args.glibc or DEFAULT_GLIBC[platform]
        for python in args.python:
            print(f"== {platform}, Python {python}" + (f", glibc {glibc}" if glibc else ""), flush=True)
            try:
                download(platform, python, glibc, args.dest, packages)
            except subprocess.CalledProcessError:
                failed.append(f"{platform} Python {python}" + (f" glibc {glibc}" if glibc else ""))
    own_wheel(args.dest)
    wheels = sorted(args.dest.glob("*.whl"))
    size = sum(w.stat().st_size for w in wheels) / 2**20
    print(f"共 {len(wheels)} 个 wheel，{size:.0f} MB")
    for combination in failed:
        print(f"未能下载 {combination} 所需的全部 wheel（见上方 pip 的信息）：该组合没有现成的二进制包，"
              "可换用其他 Python 版本，或用 --glibc 指定目标电脑实际的 glibc 版本", file=sys.stderr)
    print(args.dest.resolve())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
