"""Rules are found by themselves, named in Chinese, and cannot name a cell the form lacks."""
import pkgutil
import subprocess
import sys

import pytest

import models.checks as checks
from models.checks import rules, rule_name
from models.form_2021 import FORM_2021
from tests.conftest import ROOT


def test_every_rule_module_is_loaded_and_every_spec_rule_is_there():
    modules = {m.name for m in pkgutil.iter_modules(checks.__path__)} - checks.MACHINERY
    assert modules <= {r.run.__module__.rsplit(".", 1)[1] for r in rules()}
    assert {"T3-BAL", "T3-ROW", "T3-SUM", "T4-TOT", "NUM", "BLANK", "CARRY", "IN-FORCE", "TEXT-T3", "TEXT-T4",
            "FEE-6", "SEC-5", "DUP", "YEAR", "COMPLETE"} <= {r.id for r in rules()}


def _rule_order(first_import: str) -> list[str]:
    code = f"{first_import}\nfrom models.checks import rules\nprint(' '.join(r.id for r in rules()))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=str(ROOT))
    return done.stdout.split()


def test_the_rules_run_in_one_order_whichever_module_was_imported_first():
    # the 审查台's workers load every rule afresh; the window's process may have imported one module before:
    # both must list findings alike
    assert _rule_order("import models.checks.tables") == _rule_order("") == [r.id for r in rules()]


def test_each_rule_has_a_chinese_name_and_title():
    for r in rules():
        assert r.name and r.title and all(not ch.isascii() or ch in " +−=-（）0123456789" for ch in r.name), r.id
    assert rule_name("IMPORT") == "导入记录" and rule_name("T3-BAL") == "表三平衡"


def test_a_misspelt_cell_key_fails_at_once():
    with pytest.raises(KeyError):
        FORM_2021.ref("requests", "new.natural_persons")
    assert FORM_2021.ref("requests", "new.natural_person").key == "new.natural_person"


def test_a_rule_id_cannot_be_declared_twice():
    from models.checks.engine import Severity, rule
    with pytest.raises(ValueError):
        rule("T3-BAL", Severity.ERROR, "重复", "重复")(lambda ctx: ())
