"""Messages are declared once with named fields; every finding of a rule carries its message's id and parameters."""
import pytest

from models import draft
from models.checks import MACHINERY, rules, Message, Messages, run_checks
from models.checks.messages import MESSAGES
from models.form_2021 import FORM_2021
from models.report import Subsection
from tests.conftest import EXAMPLES


def test_a_message_takes_exactly_its_fields():
    class Says(Messages, prefix="TEST-FIELDS"):
        short = Message("{table}有 {count} 个空白")

    said = Says.short(table="表二", count=3)
    assert str(said) == "表二有 3 个空白" and said.message.id == "TEST-FIELDS.short"
    with pytest.raises(TypeError):
        Says.short(table="表二")
    with pytest.raises(TypeError):
        Says.short(table="表二", count=3, extra=1)


def test_an_id_cannot_be_declared_twice():
    class First(Messages, prefix="TEST-TWICE"):
        once = Message("一")

    with pytest.raises(ValueError):
        class Again(Messages, prefix="TEST-TWICE"):
            once = Message("二")


def test_every_declared_message_renders():
    rules()  # the rule modules, which declare most messages, load with the first check
    assert len(MESSAGES) >= 30
    for message in MESSAGES.values():
        text = str(message(**dict.fromkeys(message.fields, 0.5)))
        assert "{" not in text and text, message.id


def test_each_rule_module_declares_its_messages():
    rule_prefixes = {r.id for r in rules()}
    declared = {m.split(".")[0] for m in MESSAGES if not m.startswith("TEST-")}
    assert rule_prefixes - {"T3-ROW", "T3-SUM", "T4-TOT"} <= declared  # the three printed totals say TOTAL.*
    assert "engine" in MACHINERY and "presentation" in MACHINERY


def test_every_finding_of_a_rule_says_a_declared_message():
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    prior = draft.load(EXAMPLES / "qinghe-scjg-2024.json")
    report.agency = ""
    report.date = "2020-01-01"
    report.set(FORM_2021.ref("requests", "carried_forward.commercial"), 1)
    report.set(FORM_2021.ref("active", "rules.in_force"), 99)
    report.set(FORM_2021.ref("requests", "new.research"), None)
    report.stated[FORM_2021.ref("requests", "new.total")] = 1
    report.sections["problems"] = [Subsection("", "无")]
    report.sections["other"] = [Subsection("", "无。")]
    report.sections["overview"][1].text = "2024 年，收到申请 3 件，办结 2 件，行政复议 9 件，行政诉讼 8 件，上年结转 7 件，结转下年度 6 件。"
    findings = run_checks(report, prior)
    assert len({f.rule for f in findings}) >= 12
    for f in findings:
        assert f.template in MESSAGES, f
        assert set(f.arguments) == MESSAGES[f.template].fields
        assert f.message == str(MESSAGES[f.template](**f.arguments))
