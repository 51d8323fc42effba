"""Start-up of the bundle (packaging/build.py) beside the source run: cold and warm, window and command line.

    python packaging/build.py                       (once: makes dist/gkbg)
    python benchmarks/bench_bundle.py [--bundle dist/gkbg] [--runs 5]

Window: from starting the process to its window being mapped on a virtual X display (Xvfb, 1366 × 768),
found with xdotool; command line: ``check`` of an example draft, process start to exit.

Cold: the first start with a new, empty HOME (no fontconfig or Qt caches of the user) and, for the bundle, a
fresh copy of its folder; for the source run, with a new bytecode cache (PYTHONPYCACHEPREFIX), so every module
is compiled again.  The operating system's file cache is not dropped (that needs root and slows every other
program on the machine), so "cold" here is a first start after installing, not after a reboot.
Warm: the median of the following starts.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "resources" / "examples" / "qinghe-scjg-2025.json"
WINDOW_TIMEOUT = 60.0


class Display:
    """A private Xvfb display for the window runs."""

    def __enter__(self) -> Display:
        self.read, write = os.pipe()
        self.server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1366x768x24",
                                        "-nolisten", "tcp"], pass_fds=(write,),
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        # kept open while the server runs: Xvfb may write the newline after the number (a closed pipe kills it)
        self.name = ":" + os.read(self.read, 16).decode().strip()
        return self

    def __exit__(self, *exc) -> None:
        self.server.kill()
        self.server.wait()
        os.close(self.read)


def window_ms(command: list[str], env: dict, display: Display) -> float:
    """Milliseconds from starting ``command`` to its first window mapped; the program is then ended."""
    tools = dict(os.environ, DISPLAY=display.name)
    start = time.perf_counter()
    app = subprocess.Popen(command, env={**env, "DISPLAY": display.name}, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < WINDOW_TIMEOUT:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(app.pid)],
                                   capture_output=True, text=True, env=tools)
            if found.stdout.strip():
                return (time.perf_counter() - start) * 1000
            if app.poll() is not None:
                raise SystemExit(f"程序未打开窗口就退出了（退出码 {app.returncode}）：{' '.join(command)}")
            time.sleep(0.01)
        raise SystemExit(f"{WINDOW_TIMEOUT:.0f} 秒内没有出现窗口：{' '.join(command)}")
    finally:
        app.kill()
        app.wait()


def command_ms(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def measure(kind: str, runs: int, display: Display, bundle: Path) -> dict[str, tuple[float, float]]:
    """(cold, warm) milliseconds for the window and for ``check``."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "home"
        home.mkdir()
        draft = home / "报告.gkbg.json"
        shutil.copy(EXAMPLE, draft)
        if kind == "bundle":
            copy = Path(folder) / "gkbg"
            shutil.copytree(bundle, copy, symlinks=True)
            program = [str(copy / "gkbg")]
            env = {"HOME": str(home)}           # as bare as the clerk's desktop gives it: no PATH needed
        else:
            program = [sys.executable, str(ROOT / "main.py")]
            env = {"HOME": str(home), "PATH": os.environ.get("PATH", ""),
                   "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        window = [window_ms(program + [str(draft)], env, display) for _ in range(runs + 1)]
        check = [command_ms(program + ["check", str(draft)], env) for _ in range(runs + 1)]
    return {"window": (window[0], statistics.median(window[1:])),
            "check": (check[0], statistics.median(check[1:]))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "gkbg", help="the built folder")
    parser.add_argument("--runs", type=int, default=5, help="warm starts of each kind (default 5)")
    args = parser.parse_args(argv)
    if not (args.bundle / "gkbg").is_file():
        print(f"没有找到程序包 {args.bundle}：请先运行 python packaging/build.py", file=sys.stderr)
        return 2
    for program in ("Xvfb", "xdotool"):
        if shutil.which(program) is None:
            print(f"需要 {program}（虚拟显示器上的窗口计时）", file=sys.stderr)
            return 2
    with Display() as display:
        results = {kind: measure(kind, args.runs, display, args.bundle) for kind in ("bundle", "source")}
    print(f"start-up, ms (cold = first start after installing; warm = median of {args.runs})")
    print(f"{'':28}{'bundle':>10}{'source':>10}")
    for what, label in (("window", "window (example open)"), ("check", "command line: check")):
        for k, temperature in enumerate(("cold", "warm")):
            row = f"{label + ', ' + temperature:28}"
            row += "".join(f"{results[kind][what][k]:>10.0f}" for kind in ("bundle", "source"))
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
