"""The declared form matches the spec's tables cell by cell."""
from models.form import CellRef, Role
from models.form_2021 import APPLICANT_COLUMNS, FORM_2021, REQUEST_ROWS, RESULT_ROWS


def merges(table):
    return {(c.row, c.col, c.rowspan, c.colspan) for c in table.cells if c.rowspan > 1 or c.colspan > 1}


def test_sections_in_order_with_verbatim_titles():
    assert [s.title for s in FORM_2021.sections] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_table_two_layout():
    t = FORM_2021.table("active")
    assert (t.n_rows, t.n_cols) == (14, 4)
    # spec rows 1,5,8,12 span A:D; rows 6,7,9,10,11,13,14 merge B:D (0-based below)
    expected = {(r, 0, 1, 4) for r in (0, 4, 7, 11)} | {(r, 1, 1, 3) for r in (5, 6, 8, 9, 10, 12, 13)}
    assert merges(t) == expected
    assert t.cell_at(13, 3).ref == CellRef("active", "fees")
    assert [d.ref.key for d in t.inputs] == [
        "rules.issued", "rules.repealed", "rules.in_force", "normative.issued", "normative.repealed",
        "normative.in_force", "licensing", "punishment", "enforcement", "fees"]
    assert t.cell_at(12, 1).text == "本年收费金额（单位：万元）"


def test_table_three_layout():
    t = FORM_2021.table("requests")
    assert (t.n_rows, t.n_cols) == (28, 10)
    m = merges(t)
    for spec in [(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1),  # header
                 (3, 0, 1, 3), (4, 0, 1, 3), (5, 0, 22, 1), (5, 1, 1, 2), (6, 1, 1, 2),
                 (7, 1, 8, 1), (15, 1, 3, 1), (18, 1, 5, 1), (23, 1, 3, 1), (26, 1, 1, 2), (27, 0, 1, 3)]:
        assert spec in m
    assert len(m) == 16
    assert [r.key for r in REQUEST_ROWS][0:2] == ["new", "carried_over"]
    assert len(RESULT_ROWS) == 21
    assert t.cell_at(9, 2).text == "3.危及“三安全一稳定”"
    assert t.cell_at(0, 0).text.startswith("（本列数据的勾稽关系为")
    assert t.header_rows == 3


def test_table_three_totals_are_computed_and_the_rest_input():
    t = FORM_2021.table("requests")
    for r in range(3, 28):
        for c in range(3, 10):
            cell = t.cell_at(r, c)
            computed = c == 9 or r == 26
            assert cell.role is (Role.COMPUTED if computed else Role.INPUT), (r, c)
    assert len(t.inputs) == 24 * 6


def test_table_four_layout():
    t = FORM_2021.table("appeals")
    assert (t.n_rows, t.n_cols) == (4, 15)
    expected = {(0, 0, 1, 5), (0, 5, 1, 10), (1, 5, 1, 5), (1, 10, 1, 5)} | {(1, c, 2, 1) for c in range(5)}
    assert merges(t) == expected
    assert [t.cell_at(3, c).role for c in (4, 9, 14)] == [Role.COMPUTED] * 3
    assert t.cell_at(3, 10).ref == CellRef("appeals", "litigation_after_review.upheld")


def test_every_computed_term_is_a_known_cell():
    for d in FORM_2021.computed:
        for term in d.terms:
            FORM_2021.definition(term)
    total = FORM_2021.definition(CellRef("requests", "total.total"))
    assert set(total.terms) == {CellRef("requests", f"total.{c}") for c in APPLICANT_COLUMNS}


def test_a_number_is_named_by_its_row_and_column_labels_as_printed():
    def labels(table, key):
        return FORM_2021.table(table).labels_of(FORM_2021.ref(table, key))
    assert labels("requests", "new.natural_person") == ("一、本年新收政府信息公开申请数量", "自然人")
    assert labels("requests", "denied_state_secret.commercial") == (
        "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "法人或其他组织", "商业企业")
    assert labels("requests", "carried_forward.total") == ("四、结转下年度继续办理", "总计")
    assert labels("appeals", "litigation_direct.upheld") == ("行政诉讼", "未经复议直接起诉", "结果维持")
    assert labels("appeals", "review.total") == ("行政复议", "总计")
    assert labels("active", "normative.repealed") == ("行政规范性文件", "本年废止件数")
    assert labels("active", "fees") == ("行政事业性收费", "本年收费金额（单位：万元）")
    for table in FORM_2021.tables:  # every number named, and no two alike
        names = [table.labels_of(ref) for ref in table.refs]
        assert all(names) and len(set(names)) == len(names)
