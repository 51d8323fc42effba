"""Hypothesis strategies for reports (shared by the property tests)."""
import datetime

from hypothesis import strategies as st

from models.form import NumberKind
from models.form_2021 import FORM_2021
from models.numbers import MAX_COUNT
from models.report import Report, Subsection

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
decimals = st.from_regex(r"(0|[1-9][0-9]{0,8})(\.[0-9]{1,6})?", fullmatch=True)
subsections = st.lists(st.builds(Subsection, text, text), max_size=4)


@st.composite
def reports(draw, with_prior=True):
    year = draw(st.integers(2000, 2100))
    first, last = datetime.date(year, 1, 1), datetime.date(year + 1, 12, 31)  # within the year or the next
    report = Report(agency=draw(text), year=year,
                    date=draw(st.none() | st.dates(first, last).map(lambda d: d.isoformat())), preamble=draw(text),
                    sections={s.id: draw(subsections) for s in FORM_2021.narrative_sections})
    for d in FORM_2021.inputs:
        value = draw(st.none() | (st.integers(0, MAX_COUNT) if d.kind is NumberKind.COUNT else decimals))
        report.set(d.ref, value)
    if with_prior and draw(st.booleans()):
        report.prior = draw(reports(with_prior=False))
    return report
