"""The 2021 form (国办公开办函〔2021〕30号), declared once.

Cell by cell as in ``shared/spec/official-format.md``.  Tables are built from
row and column declarations; the builders only turn those declarations into
grid cells with their spans.
"""
from __future__ import annotations

from dataclasses import dataclass

from .form import (Balance, CellRef, ComputedDef, FormDef, GridCell, NumberDef, NumberKind,
                   Role, SectionDef, TableDef)

# The ids of the three tables (and of the sections that hold them): code outside the form names a table
# through these, never by a string of its own.
ACTIVE, REQUESTS, APPEALS = "active", "requests", "appeals"

# ---------------------------------------------------------------- sections

SECTIONS = (
    SectionDef("overview", "一", "一、总体情况", "narrative",
               default_subheads=("主动公开", "依申请公开", "政府信息管理",
                                 "政府信息公开平台建设", "监督保障"),
               hint="本年度政府信息公开工作的总体情况，按主动公开、依申请公开、政府信息管理、"
                    "平台建设、监督保障分述；文中引用的申请件数应与表三一致。",
               restructurable=True),
    SectionDef(ACTIVE, "二", "二、主动公开政府信息情况", "table"),
    SectionDef(REQUESTS, "三", "三、收到和处理政府信息公开申请情况", "table"),
    SectionDef(APPEALS, "四", "四、政府信息公开行政复议、行政诉讼情况", "table"),
    SectionDef("problems", "五", "五、存在的主要问题及改进情况", "narrative",
               default_subheads=("存在的主要问题", "改进情况"),
               hint="写明本年度工作中存在的主要问题，以及上年度问题的改进情况和下一步措施；不宜只写“无”。",
               restructurable=True),
    SectionDef("other", "六", "六、其他需要报告的事项", "narrative",
               default_subheads=("",),
               hint="写明本年度收取政府信息公开信息处理费的情况（未收取也应写明），以及其他需要报告的事项。"),
)

# ---------------------------------------------------------------- table 二

@dataclass(frozen=True)
class ActiveBlock:
    heading: str                 # 第二十条第（…）项
    columns: tuple[str, ...]     # column headings after 信息内容
    rows: tuple[tuple[str, str], ...]  # (label, key prefix)
    kind: NumberKind = NumberKind.COUNT


ACTIVE_BLOCKS = (
    ActiveBlock("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"),
                (("规章", "rules"), ("行政规范性文件", "normative"))),
    ActiveBlock("第二十条第（五）项", ("本年处理决定数量",), (("行政许可", "licensing"),)),
    ActiveBlock("第二十条第（六）项", ("本年处理决定数量",),
                (("行政处罚", "punishment"), ("行政强制", "enforcement"))),
    ActiveBlock("第二十条第（八）项", ("本年收费金额（单位：万元）",), (("行政事业性收费", "fees"),),
                kind=NumberKind.DECIMAL),
)
ACTIVE_COLUMN_KEYS = ("issued", "repealed", "in_force")


def _build_active() -> TableDef:
    cells, inputs, row = [], [], 0
    for block in ACTIVE_BLOCKS:
        cells.append(GridCell(row, 0, Role.LABEL, block.heading, colspan=4))
        row += 1
        cells.append(GridCell(row, 0, Role.LABEL, "信息内容"))
        single = len(block.columns) == 1
        for i, heading in enumerate(block.columns):
            cells.append(GridCell(row, 1 + i, Role.LABEL, heading, colspan=3 if single else 1))
        row += 1
        for label, prefix in block.rows:
            cells.append(GridCell(row, 0, Role.LABEL, label))
            for i, heading in enumerate(block.columns):
                key = prefix if single else f"{prefix}.{ACTIVE_COLUMN_KEYS[i]}"
                ref = CellRef.declare(ACTIVE, key)
                cells.append(GridCell(row, 1 + i, Role.INPUT, ref=ref, colspan=3 if single else 1))
                inputs.append(NumberDef(ref, block.kind, label, heading))
            row += 1
    return TableDef(ACTIVE, ACTIVE, "表二", row, 4, tuple(cells), header_rows=0,
                    column_widths=(16, 12, 12, 12), inputs=tuple(inputs))


# ---------------------------------------------------------------- table 三

@dataclass(frozen=True)
class RequestRow:
    key: str
    a: str          # column A label (merged down while repeated)
    b: str = ""     # column B label ("" when A spans A:C)
    c: str = ""     # column C label ("" when B spans B:C)
    short: str = ""  # the label a person reads, where the printed one is a sentence or needs its group's number

    @property
    def name(self) -> str:
        """The row as a person names it: the printed label ("一、本年新收政府信息公开申请数量", "（一）予以公开"),
        or the short one ("（三）1.属于国家秘密", "（六）2.逾期未缴纳费用")."""
        return self.short or self.c or self.b or self.a


_RESULT = "三、本年度办理结果"
_DENY, _UNABLE, _REJECT, _OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"

REQUEST_ROWS = (
    RequestRow("new", "一、本年新收政府信息公开申请数量"),
    RequestRow("carried_over", "二、上年结转政府信息公开申请数量"),
    RequestRow("granted", _RESULT, "（一）予以公开"),
    RequestRow("partly_granted", _RESULT, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
               short="（二）部分公开"),
    RequestRow("denied_state_secret", _RESULT, _DENY, "1.属于国家秘密", "（三）1.属于国家秘密"),
    RequestRow("denied_prohibited", _RESULT, _DENY, "2.其他法律行政法规禁止公开", "（三）2.其他法律行政法规禁止公开"),
    RequestRow("denied_security", _RESULT, _DENY, "3.危及“三安全一稳定”", "（三）3.危及“三安全一稳定”"),
    RequestRow("denied_third_party", _RESULT, _DENY, "4.保护第三方合法权益", "（三）4.保护第三方合法权益"),
    RequestRow("denied_internal", _RESULT, _DENY, "5.属于三类内部事务信息", "（三）5.属于三类内部事务信息"),
    RequestRow("denied_process", _RESULT, _DENY, "6.属于四类过程性信息", "（三）6.属于四类过程性信息"),
    RequestRow("denied_enforcement_file", _RESULT, _DENY, "7.属于行政执法案卷", "（三）7.属于行政执法案卷"),
    RequestRow("denied_query", _RESULT, _DENY, "8.属于行政查询事项", "（三）8.属于行政查询事项"),
    RequestRow("unable_not_held", _RESULT, _UNABLE, "1.本机关不掌握相关政府信息", "（四）1.本机关不掌握相关政府信息"),
    RequestRow("unable_needs_creation", _RESULT, _UNABLE, "2.没有现成信息需要另行制作", "（四）2.没有现成信息需要另行制作"),
    RequestRow("unable_unclear", _RESULT, _UNABLE, "3.补正后申请内容仍不明确", "（四）3.补正后申请内容仍不明确"),
    RequestRow("rejected_complaint", _RESULT, _REJECT, "1.信访举报投诉类申请", "（五）1.信访举报投诉类申请"),
    RequestRow("rejected_duplicate", _RESULT, _REJECT, "2.重复申请", "（五）2.重复申请"),
    RequestRow("rejected_publication", _RESULT, _REJECT, "3.要求提供公开出版物", "（五）3.要求提供公开出版物"),
    RequestRow("rejected_excessive", _RESULT, _REJECT, "4.无正当理由大量反复申请", "（五）4.无正当理由大量反复申请"),
    RequestRow("rejected_confirmation", _RESULT, _REJECT, "5.要求行政机关确认或重新出具已获取信息",
               "（五）5.要求行政机关确认或重新出具已获取信息"),
    RequestRow("other_no_correction", _RESULT, _OTHER,
               "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "（六）1.逾期不补正"),
    RequestRow("other_unpaid_fee", _RESULT, _OTHER,
               "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "（六）2.逾期未缴纳费用"),
    RequestRow("other_other", _RESULT, _OTHER, "3.其他", "（六）3.其他"),
    RequestRow("total", _RESULT, "（七）总计"),
    RequestRow("carried_forward", "四、结转下年度继续办理"),
)

REQUEST_COLUMNS = (  # (key, label as printed in row 3, or row 2 for 自然人/总计)
    ("natural_person", "自然人"),
    ("commercial", "商业企业"),
    ("research", "科研机构"),
    ("nonprofit", "社会公益组织"),
    ("legal_service", "法律服务机构"),
    ("other", "其他"),
    ("total", "总计"),
)
APPLICANT_COLUMNS = tuple(key for key, _ in REQUEST_COLUMNS[:-1])
RESULT_ROWS = tuple(r.key for r in REQUEST_ROWS if r.a == _RESULT and r.key != "total")
REQUEST_CORNER = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
REQUEST_BALANCE = Balance(("new", "carried_over"), ("total", "carried_forward"),
                          tuple(key for key, _ in REQUEST_COLUMNS), "一+二", "（七）总计+四")


def _vertical_runs(labels: list[str]) -> list[tuple[int, int, str]]:
    """(start, length, label) for each run of equal, non-empty labels."""
    runs, start = [], 0
    for i in range(1, len(labels) + 1):
        if i == len(labels) or labels[i] != labels[start]:
            if labels[start]:
                runs.append((start, i - start, labels[start]))
            start = i
    return runs


def _build_requests() -> TableDef:
    header = 3
    cells = [
        GridCell(0, 0, Role.LABEL, REQUEST_CORNER, rowspan=3, colspan=3, header=True),
        GridCell(0, 3, Role.LABEL, "申请人情况", colspan=7, header=True),
        GridCell(1, 3, Role.LABEL, "自然人", rowspan=2, header=True),
        GridCell(1, 4, Role.LABEL, "法人或其他组织", colspan=5, header=True),
        GridCell(1, 9, Role.LABEL, "总计", rowspan=2, header=True),
    ]
    cells += [GridCell(2, 4 + i, Role.LABEL, label, header=True)
              for i, (_, label) in enumerate(REQUEST_COLUMNS[1:6])]
    rows = REQUEST_ROWS
    for start, length, label in _vertical_runs([r.a for r in rows]):
        full = not rows[start].b
        cells.append(GridCell(header + start, 0, Role.LABEL, label, rowspan=length, colspan=3 if full else 1))
    for start, length, label in _vertical_runs([r.b for r in rows]):
        full = not rows[start].c
        cells.append(GridCell(header + start, 1, Role.LABEL, label, rowspan=length, colspan=2 if full else 1))
    cells += [GridCell(header + i, 2, Role.LABEL, r.c) for i, r in enumerate(rows) if r.c]

    inputs: list[NumberDef] = []
    computed: list[ComputedDef] = []
    totals_row: list[ComputedDef] = []
    for i, r in enumerate(rows):
        for j, (col, col_label) in enumerate(REQUEST_COLUMNS):
            ref = CellRef.declare(REQUESTS, f"{r.key}.{col}")
            is_total = col == "total" or r.key == "total"
            cells.append(GridCell(header + i, 3 + j, Role.COMPUTED if is_total else Role.INPUT, ref=ref))
            if r.key == "total" and col != "total":
                terms = tuple(CellRef.declare(REQUESTS, f"{k}.{col}") for k in RESULT_ROWS)
                totals_row.append(ComputedDef(ref, terms, r.name, col_label))
            elif col == "total":
                terms = tuple(CellRef.declare(REQUESTS, f"{r.key}.{c}") for c in APPLICANT_COLUMNS)
                (totals_row if r.key == "total" else computed).append(ComputedDef(ref, terms, r.name, col_label))
            else:
                inputs.append(NumberDef(ref, NumberKind.COUNT, r.name, col_label))
    # the （七）总计 row's applicant cells come before its own total, which sums them
    totals_row.sort(key=lambda d: d.ref.column == "total")
    return TableDef(REQUESTS, REQUESTS, "表三", header + len(rows), 10, tuple(cells), header_rows=header,
                    column_widths=(6, 10, 22, 6, 6, 6, 6, 6, 6, 6),
                    inputs=tuple(inputs), computed=tuple(computed) + tuple(totals_row), balance=REQUEST_BALANCE)


# ---------------------------------------------------------------- table 四

APPEAL_GROUPS = (
    ("review", "行政复议"),
    ("litigation_direct", "行政诉讼 未经复议直接起诉"),
    ("litigation_after_review", "行政诉讼 复议后起诉"),
)
APPEAL_ITEMS = (
    ("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
    ("pending", "尚未审结"), ("total", "总计"),
)


def _build_appeals() -> TableDef:
    cells = [
        GridCell(0, 0, Role.LABEL, "行政复议", colspan=5, header=True),
        GridCell(0, 5, Role.LABEL, "行政诉讼", colspan=10, header=True),
        GridCell(1, 5, Role.LABEL, "未经复议直接起诉", colspan=5, header=True),
        GridCell(1, 10, Role.LABEL, "复议后起诉", colspan=5, header=True),
    ]
    cells += [GridCell(1, i, Role.LABEL, label, rowspan=2, header=True) for i, (_, label) in enumerate(APPEAL_ITEMS)]
    cells += [GridCell(2, 5 * g + i, Role.LABEL, label, header=True)
              for g in (1, 2) for i, (_, label) in enumerate(APPEAL_ITEMS)]
    inputs, computed = [], []
    for g, (group, group_name) in enumerate(APPEAL_GROUPS):
        for i, (item, item_name) in enumerate(APPEAL_ITEMS):
            ref = CellRef.declare(APPEALS, f"{group}.{item}")
            if item == "total":
                terms = tuple(CellRef.declare(APPEALS, f"{group}.{k}") for k, _ in APPEAL_ITEMS[:-1])
                computed.append(ComputedDef(ref, terms, group_name, item_name))
                cells.append(GridCell(3, 5 * g + i, Role.COMPUTED, ref=ref))
            else:
                inputs.append(NumberDef(ref, NumberKind.COUNT, group_name, item_name))
                cells.append(GridCell(3, 5 * g + i, Role.INPUT, ref=ref))
    return TableDef(APPEALS, APPEALS, "表四", 4, 15, tuple(cells), header_rows=3,
                    column_widths=(4,) * 15, inputs=tuple(inputs), computed=tuple(computed))


FORM_2021 = FormDef("2021", "政府信息公开工作年度报告（国办公开办函〔2021〕30号）",
                    SECTIONS, (_build_active(), _build_requests(), _build_appeals()))
