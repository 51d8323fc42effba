"""ruff and mypy run clean: a new lint or type error fails the suite, so CI stops it."""
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def run(*args: str, timeout: int) -> subprocess.CompletedProcess:
    """A tool of the test extras, from the interpreter running the tests."""
    return subprocess.run([sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout)


def test_ruff_is_clean():
    result = run("ruff", "check", ".", timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean():
    result = run("mypy", timeout=900)
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr


def test_no_dead_code_in_models_exporters_and_the_commands():
    result = run("vulture", timeout=300)  # paths, confidence and the whitelist: pyproject.toml's [tool.vulture]
    dead = [line for line in result.stdout.splitlines() if line.startswith(("models/", "exporters/", "cli/"))]
    assert not dead, "\n".join(dead)
