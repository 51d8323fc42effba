"""The session checks the open report against the 本地要求 chosen for it."""
from __future__ import annotations

import dataclasses

from app.session import Session
from models.profile import Deadline, Profile
from tests.profile_support import compliant_report


def test_the_session_checks_against_its_profile():
    session = Session(compliant_report())
    assert not [f for f in session.findings() if f.rule == "LOCAL"]
    strict = Profile(name="期限", requirements=(Deadline(month=1, day=1),))
    session.set_profile(strict)
    assert [f.rule for f in session.findings() if f.rule == "LOCAL"] == ["LOCAL"]
    assert session.export_check().errors == []     # a warning does not stop an export
    session.set_profile(dataclasses.replace(strict, severity="error"))
    assert [f.rule for f in session.export_check().errors] == ["LOCAL"]
    session.set_profile(None)
    assert not [f for f in session.findings() if f.rule == "LOCAL"]
