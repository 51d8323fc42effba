"""ruff and mypy run clean: a new lint or type error fails the suite, so CI stops it."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# mypy checks the tree in under a second with its cache (.mypy_cache, kept between runs), in about ten without:
# the quick run (-m "not slow") includes it once a run of mypy or of the whole suite has made the cache
MYPY_CACHED = (ROOT / ".mypy_cache").is_dir()


def run(*args: str, timeout: int) -> subprocess.CompletedProcess:
    """A tool of the test extras, from the interpreter running the tests."""
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_ruff_is_clean():
    result = run("ruff", "check", ".", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_is_clean():
    result = run("mypy", timeout=900)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr


if not MYPY_CACHED:  # mypy's first run, which makes the cache, belongs to the full suite
    test_mypy_is_clean = pytest.mark.slow(test_mypy_is_clean)


# the folders whose dead code is gone (importers join when theirs is)
CLEAN = ("models/", "exporters/", "cli/", "app/", "ui/", "main.py")


def test_no_dead_code():
    """vulture (paths, confidence and whitelist: pyproject.toml's [tool.vulture]) finds no unused function, class,
    attribute or variable; tests/vulture_whitelist.py names what Qt calls by name and what is set for its effect."""
    result = run("vulture", timeout=300)
    dead = [line for line in result.stdout.splitlines() if line.startswith(CLEAN)]
    assert not dead, "\n".join(dead)
