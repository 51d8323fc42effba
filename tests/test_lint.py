"""ruff and mypy run clean: a new lint or type error fails the suite, so CI stops it."""
import subprocess
import sys


from tests.conftest import ROOT


def run(*args: str, timeout: int) -> subprocess.CompletedProcess:
    """A tool of the test extras, from the interpreter running the tests."""
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_ruff_is_clean():
    result = run("ruff", "check", ".", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    """In the quick run: mypy's cache (.mypy_cache) makes a run after a small change take seconds."""
    result = run("mypy", timeout=900)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr


# the folders whose dead code is gone (importers join when theirs is)
CLEAN = ("models/", "exporters/", "cli/", "app/", "ui/", "main.py")


def test_no_dead_code():
    """vulture (paths, confidence and whitelist: pyproject.toml's [tool.vulture]) finds no unused function, class,
    attribute or variable; tests/vulture_whitelist.py names what Qt calls by name and what is set for its effect."""
    result = run("vulture", timeout=300)
    dead = [line for line in result.stdout.splitlines() if line.startswith(CLEAN)]
    assert not dead, "\n".join(dead)
