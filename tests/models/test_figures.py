"""Anchors of generated figures under any edit: never pointing at other text, kept where the edit is elsewhere."""
from hypothesis import given, settings
from hypothesis import strategies as st

from models.figures import Figure, edited_region, follow_edit

ALPHABET = "申请件年，。 0123456789"


@st.composite
def text_with_figures(draw):
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=40))
    figures, position = [], 0
    while position < len(text):
        start = draw(st.integers(position, len(text)))
        end = draw(st.integers(start, min(len(text), start + 4)))
        if end > start:
            figures.append(Figure("requests.new.total", "count", 0, text[start:end], start))
        position = end + 1
    return text, tuple(figures)


@settings(max_examples=300, deadline=None)
@given(text_with_figures(), st.data())
def test_any_edit(sample, data):
    before, figures = sample
    start = data.draw(st.integers(0, len(before)))
    end = data.draw(st.integers(start, len(before)))
    after = before[:start] + data.draw(st.text(alphabet=ALPHABET, max_size=6)) + before[end:]
    kept = follow_edit(figures, before, after)
    assert all(f.stands_in(after) for f in kept)
    s, old_end, new_end = edited_region(before, after)
    assert before[:s] == after[:s] and before[old_end:] == after[new_end:]
    for f in figures:  # well clear of the edit (and no digit next to it): kept, moved by the difference
        if f.end < s or f.start > old_end:
            assert (f if f.end < s else f.moved(new_end - old_end)) in kept
