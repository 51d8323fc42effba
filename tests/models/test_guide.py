"""The 填报说明 covers the form exactly: every section, row, column and heading, and nothing else."""
from __future__ import annotations

from models import guide
from models.form import CellRef, Role
from models.form_2021 import FORM_2021 as FORM


def row_keys(table) -> set[str]:
    return {ref.row for ref in table.refs}


def column_keys(table) -> set[str]:
    return {ref.column for ref in table.refs if ref.column}


def test_every_section_has_a_guide_and_no_guide_names_a_missing_section():
    assert set(guide.SECTION_GUIDE) == {s.id for s in FORM.sections}
    assert all(text.strip() for text in guide.SECTION_GUIDE.values())


def test_every_row_and_column_key_has_a_guide_and_no_guide_names_a_missing_key():
    assert set(guide.ROW_GUIDE) == set(guide.COLUMN_GUIDE) == set(guide.LABEL_GUIDE) == {t.id for t in FORM.tables}
    for table in FORM.tables:
        assert set(guide.ROW_GUIDE[table.id]) == row_keys(table), table.id
        assert set(guide.COLUMN_GUIDE[table.id]) == column_keys(table), table.id


def test_heading_guides_name_headings_printed_in_their_table():
    for table in FORM.tables:
        printed = {c.text for c in table.cells if c.role is Role.LABEL}
        assert set(guide.LABEL_GUIDE[table.id]) <= printed, table.id


def test_every_label_cell_of_every_table_is_explained():
    for table in FORM.tables:
        for cell in table.cells:
            if cell.role is Role.LABEL:
                topic = guide.topic_for_cell(FORM, table.id, cell.row, cell.col)
                assert topic is not None and topic.text, (table.id, cell.text)


def test_labels_resolve_to_their_own_row_or_column():
    requests = FORM.table("requests")
    row, col = requests.position(CellRef("requests", "partly_granted.natural_person"))
    label = guide.topic_for_cell(FORM, "requests", row, 1)
    assert label.text == guide.REQUEST_ROW_GUIDE["partly_granted"]
    header = guide.topic_for_cell(FORM, "requests", 1, col)  # 自然人
    assert header.text == guide.REQUEST_COLUMN_GUIDE["natural_person"]
    appeals = FORM.table("appeals")
    assert guide.topic_for_cell(FORM, "appeals", 0, 0).text == guide.APPEAL_ROW_GUIDE["review"]  # 行政复议
    assert guide.topic_for_cell(FORM, "appeals", 1, 1).text == guide.APPEAL_COLUMN_GUIDE["corrected"]
    assert guide.topic_for_cell(FORM, "appeals", 2, 11).text == guide.APPEAL_COLUMN_GUIDE["corrected"]
    assert guide.topic_for_cell(FORM, "appeals", 1, 5).text == guide.APPEAL_ROW_GUIDE["litigation_direct"]
    assert appeals.cell_at(1, 5).text == "未经复议直接起诉"
    active = FORM.table("active")
    issued = guide.topic_for_cell(FORM, "active", 1, 1)
    assert active.cell_at(1, 1).text == "本年制发件数" and issued.text == guide.ACTIVE_COLUMNS["issued"]


def test_a_number_cell_says_what_its_row_and_column_count():
    topic = guide.topic_for_ref(FORM, CellRef("requests", "partly_granted.legal_service"))
    assert topic.title == FORM.name_of(CellRef("requests", "partly_granted.legal_service"))
    assert "只在本项计1件" in topic.text and "律师事务所" in topic.text
    fees = guide.topic_for_ref(FORM, CellRef("active", "fees"))
    assert "万元" in fees.text and "信息处理费" in fees.text


def test_the_whole_guide_follows_the_form_and_covers_every_key():
    chapters = guide.whole_guide(FORM)
    assert [c.title for c in chapters[:2]] == ["通用口径", "基本信息"]
    assert [c.title for c in chapters[2:]] == [s.title for s in FORM.sections]
    texts = {e.text for c in chapters for e in c.entries}
    for table in FORM.tables:
        for key in row_keys(table):
            assert guide.ROW_GUIDE[table.id][key] in texts, (table.id, key)
        for key in column_keys(table):
            assert guide.COLUMN_GUIDE[table.id][key] in texts, (table.id, key)


def test_the_guide_is_chinese_without_program_words():
    chapters = guide.whole_guide(FORM)
    words = [c.text for c in chapters] + [e.text for c in chapters for e in c.entries]
    for text in words:
        assert not any("a" <= ch.lower() <= "z" for ch in text), text
