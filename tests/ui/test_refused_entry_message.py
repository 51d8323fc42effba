"""A refused entry is named by its start and its length: a pasted 5,000-digit number is not echoed whole."""
from __future__ import annotations

import pytest

from app.session import Session
from models.form_2021 import FORM_2021
from ui.clipboard import PasteError, plan_fill
from ui.document import ReportDocument

NEW = FORM_2021.ref("requests", "new.natural_person")
HUGE = "9" * 5000


def test_typing_a_huge_number_is_refused_in_a_short_message(qapp):
    document = ReportDocument(Session())
    said: list[str] = []
    document.refused.connect(said.append)
    assert not document.enter_text(NEW, HUGE)
    [message] = said
    assert len(message) < 120 and "5,000 个字符" in message and HUGE[:50] not in message


def test_pasting_a_huge_number_is_refused_in_a_short_message():
    with pytest.raises(PasteError) as e:
        plan_fill(FORM_2021, [NEW], HUGE)
    assert len(str(e.value)) < 150 and HUGE[:50] not in str(e.value)
