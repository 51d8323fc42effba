"""填报说明: what belongs in each section, row and column of the form, in our own words.

Follows the notice 国办公开办函〔2021〕30号 that issued the form, the articles of 《中华人民共和国政府信息
公开条例》 (2019) that the rows name, and common practice in published reports.  Keyed by the form's stable
keys (``models.form_2021``): sections by id, rows and columns of a table by the parts of its cell keys
("partly_granted", "natural_person"; in table 四 the groups are the rows and the items the columns).  A
heading that covers several rows or columns (（三）不予公开, 法人或其他组织 …) is keyed by its printed text.

Qt-free: the grid's tooltips, the help pane and the whole-guide dialog all read it through the functions
at the end.
"""
from __future__ import annotations

from dataclasses import dataclass

from .form import CellRef, FormDef, GridCell, Role, TableDef
from .form_2021 import ACTIVE, APPEALS, REQUEST_CORNER, REQUESTS

# ---------------------------------------------------------------- general counting rules

GENERAL = (
    ("统计期间", "报告年度的1月1日至12月31日。表中数字都以这一年度为准。"),
    ("没有就填0", "没有发生的事项填“0”，不要空着，也不要填“/”“-”“无”。"),
    ("按件统计申请", "依申请公开按“件”统计：一份申请不论包含几项内容，都计1件；同一申请人分几次提出的申请，"
                     "每次各计1件。申请人补正后的申请仍是原来那一件，不重复计算。"),
    ("每件只计一个结果", "每件办结的申请在“三、本年度办理结果”中只计入一项：部分信息公开、部分未提供的，只计"
                         "（二）部分公开；一件申请的各部分都未提供、理由又不相同的，按主要理由计入其中一项。"),
    ("表三的平衡", "表三每一列都要满足：一、本年新收＋二、上年结转＝（七）总计＋四、结转下年度继续办理。"
                   "本程序在表三下方逐列核对。"),
)

# ---------------------------------------------------------------- sections

SECTION_GUIDE = {
    "overview": "综述本机关本年度贯彻落实《中华人民共和国政府信息公开条例》的情况，通常分主动公开、依申请公开、"
                "政府信息管理、政府信息公开平台建设、监督保障五个方面来写（监督保障包括工作考核、社会评议和"
                "责任追究结果情况）。写本年度实际做了什么、有哪些数字，不写空话；文中引用的申请件数、复议诉讼"
                "件数应与表三、表四一致。",
    ACTIVE: "以表格报告《条例》第二十条第（一）、（五）、（六）、（八）项信息的情况：规章和行政规范性文件，"
              "行政许可、行政处罚、行政强制的处理决定，行政事业性收费。本机关没有的项目填0。主动公开工作的"
              "做法写在“一、总体情况”里。",
    REQUESTS: "以表格报告本年度收到和处理政府信息公开申请的情况：上面按申请人分列，左边是申请的来源（新收、"
                "结转）和办理结果。按件统计，每件申请只计入一列、一个结果。",
    APPEALS: "以表格报告本机关因政府信息公开工作被申请行政复议、被提起行政诉讼的情况（本机关是被申请人或"
               "被告的案件）。没有的填0。结果被纠正的，宜在“五、存在的主要问题及改进情况”中说明原因和整改。",
    "problems": "写本机关政府信息公开工作存在的主要问题和改进措施，也要写上一年度报告所提问题的改进情况。"
                "问题要具体、措施要可查，不宜只写“无”，也不宜照搬上年的文字。",
    "other": "写本年度依据《政府信息公开信息处理费管理办法》收取信息处理费的情况（没有收取也要写明，如"
             "“本年度未收取信息处理费”），以及本机关认为需要报告的其他事项。各级人民政府通常还在这里报告"
             "政务公开工作要点落实、人大代表建议和政协提案办理结果公开等情况，以上级政务公开部门的要求为准。",
}

BASIC_TOPIC_ID = "basic"  # the page before section 一: agency, year, date and the untitled preamble
BASIC_GUIDE = (
    "机关名称写全称，与公章一致；它印在报告标题的第一行。年度是报告所统计的年份（1月1日至12月31日）。"
    "成文日期是报告定稿的日期，在报告年度结束之后：本级政府部门的报告一般在次年1月31日前公布，"
    "县级以上地方人民政府的报告在次年3月31日前公布（《条例》第四十九条）。"
    "正文前的引言通常写明报告的依据、统计期限、获取报告的途径和咨询联系方式。"
)

# ---------------------------------------------------------------- table 二

ACTIVE_ROWS = {
    "rules": "本机关制定的规章。只有依法享有规章制定权的机关（国务院部门，省、设区的市人民政府）填写，"
             "其他机关各栏填0。",
    "normative": "本机关制定的行政规范性文件（以本机关名义发布、涉及公民法人权利义务、反复适用的文件）。"
                 "几个机关联合发文的，一般只由牵头机关统计，避免重复。",
    "licensing": "本年度本机关作出的行政许可决定件数。没有行政许可职能的填0。",
    "punishment": "本年度本机关作出的行政处罚决定件数，一般按处罚决定书计。",
    "enforcement": "本年度本机关作出的行政强制决定件数（包括行政强制措施和行政强制执行）。",
    "fees": "本年度本机关收取的行政事业性收费金额，以“万元”为单位：元数除以10000，例如12,345元填"
            "1.2345。照实际金额填写小数，不必凑整；没有收费的填0。这是行政事业性收费，与“六、其他需要"
            "报告的事项”中的信息处理费无关。",
}

ACTIVE_COLUMNS = {
    "issued": "本年度新制定并发布的件数。",
    "repealed": "本年度废止或宣布失效的件数（含以前年度制定、本年废止的）。",
    "in_force": "截至本年12月31日仍然有效的件数，包括以前年度制定、至今有效的。通常等于上年的现行有效件数"
                "加本年制发、减本年废止；集中清理等原因对不上的，宜在正文中说明。",
}

ACTIVE_LABELS = {
    "第二十条第（一）项": "《条例》第二十条第（一）项：行政法规、规章和规范性文件。",
    "第二十条第（五）项": "《条例》第二十条第（五）项：办理行政许可和其他对外管理服务事项的依据、条件、程序以及"
                         "办理结果。",
    "第二十条第（六）项": "《条例》第二十条第（六）项：实施行政处罚、行政强制的依据、条件、程序以及本机关认为具有"
                         "一定社会影响的行政处罚决定。",
    "第二十条第（八）项": "《条例》第二十条第（八）项：行政事业性收费项目及其依据、标准。",
    "信息内容": "下面各行是本项要统计的信息类别。",
    "本年处理决定数量": "本年度作出的处理决定件数（按决定计，不按当事人或事项计）。",
    "本年收费金额（单位：万元）": "本年度收取的行政事业性收费总额，单位万元，可填小数（如1.2345）。",
}

# ---------------------------------------------------------------- table 三

REQUEST_ROW_GUIDE = {
    "new": "本年度1月1日至12月31日收到的政府信息公开申请件数，按收到申请的日期计。一份申请包含多项内容的"
           "计1件；补正后的申请不重复计。以申请形式提出的信访、投诉、举报也要计入，结果计（五）1。",
    "carried_over": "上一年度收到、到上年12月31日还没有办结、转到本年度继续办理的申请件数。应与上年度报告"
                    "表三“四、结转下年度继续办理”一致。",
    "granted": "所申请的信息全部提供给申请人的。所申请信息已经主动公开、告知申请人获取方式和途径的，"
               "通常也计入本项。",
    "partly_granted": "同一件申请中，一部分信息提供了，另一部分不予公开或无法提供（区分处理）的，只在本项"
                      "计1件，不再计入（三）至（六）的任何一项。",
    "denied_state_secret": "所申请的信息依法确定为国家秘密的（《条例》第十四条）。",
    "denied_prohibited": "法律、行政法规禁止公开的（《条例》第十四条）。",
    "denied_security": "公开后可能危及国家安全、公共安全、经济安全、社会稳定的（《条例》第十四条）。",
    "denied_third_party": "涉及商业秘密、个人隐私等，公开会损害第三方合法权益，第三方不同意公开、"
                          "不公开也不会对公共利益造成重大影响的（《条例》第十五条）。",
    "denied_internal": "人事管理、后勤管理、内部工作流程等内部事务信息（《条例》第十六条第一款）。",
    "denied_process": "履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息"
                      "（《条例》第十六条第二款）。",
    "denied_enforcement_file": "行政执法案卷信息（《条例》第十六条第二款）。",
    "denied_query": "属于工商、不动产登记资料等行政查询事项，有关法律、行政法规对获取另有规定，告知申请人"
                    "依照规定办理的（《条例》第三十六条第（七）项）。",
    "unable_not_held": "经检索没有所申请的信息，或者所申请信息不由本机关负责公开、已告知负责公开的机关的"
                       "（《条例》第三十六条第（四）、（五）项）。",
    "unable_needs_creation": "需要对现有信息加工、分析、汇总，或者另行制作才能提供的（《条例》第三十八条）。",
    "unable_unclear": "申请内容不明确，告知补正、申请人补正后仍无法确定要哪些信息的（《条例》第二十九条、"
                      "第三十条）。申请人逾期不补正的计（六）1。",
    "rejected_complaint": "以政府信息公开申请的形式进行信访、投诉、举报等活动，告知申请人按有关规定办理的"
                          "（《条例》第三十九条第一款）。",
    "rejected_duplicate": "本机关已就申请作出答复，申请人又重复申请公开相同信息的（《条例》第三十六条"
                          "第（六）项）。",
    "rejected_publication": "要求提供政府公报、报刊、书籍等公开出版物，告知获取途径的（《条例》第三十九条"
                            "第二款）。",
    "rejected_excessive": "申请数量、频次明显超过合理范围，要求说明理由后认定理由不合理、不予处理的"
                          "（《条例》第三十五条）。",
    "rejected_confirmation": "要求行政机关确认或者重新出具申请人已经获取的信息的（这类要求不是获取政府信息，"
                             "不作为政府信息公开申请处理）。",
    "other_no_correction": "告知补正后，申请人无正当理由逾期不补正，视为放弃申请、本机关不再处理的"
                           "（《条例》第三十条）。",
    "other_unpaid_fee": "按《政府信息公开信息处理费管理办法》发出收费通知后，申请人逾期未缴纳费用，视为放弃"
                        "申请、本机关不再处理的。有此项时，第六部分应写信息处理费的情况。",
    "other_other": "不能归入以上各项的办结情形，例如申请人在答复前主动撤回申请。件数较多的，宜在正文中"
                   "说明是哪些情形。",
    "total": "自动计算：（一）至（六）各项之和，即本年度办结的申请件数。",
    "carried_forward": "到12月31日还没有办结、转入下一年度继续办理的申请件数（本年新收和上年结转的都算）。"
                       "下一年度报告的“二、上年结转”应等于这里的数。",
}

REQUEST_COLUMN_GUIDE = {
    "natural_person": "以公民个人名义提出的申请。",
    "commercial": "以企业名义提出的申请。",
    "research": "以高等院校、科研院所等科研机构名义提出的申请。",
    "nonprofit": "以社会团体、基金会、社会服务机构等社会公益组织名义提出的申请。",
    "legal_service": "以律师事务所、基层法律服务所等法律服务机构名义提出的申请。律师以个人名义申请的，"
                     "计入自然人。",
    "other": "以上述以外的法人或者其他组织名义提出的申请，如村（居）民委员会、业主委员会等。",
    "total": "自动计算：本行六类申请人之和。",
}

REQUEST_LABELS = {
    REQUEST_CORNER: "每一列都要满足：一（本年新收）＋二（上年结转）＝（七）总计＋四（结转下年度继续办理）。"
                    "本程序在表下逐列核对。",
    "申请人情况": "按申请书上的申请人身份分列，每件申请只计入一列。",
    "法人或其他组织": "以单位名义提出的申请，按单位性质计入下面五列之一。",
    "三、本年度办理结果": "本年度办结的申请（包括上年结转、本年办结的），每件只计入（一）至（六）中的一项；"
                        "（七）是它们的合计。",
    "（三）不予公开": "依据《条例》第十四条至第十六条等规定决定不公开的，按理由计入1至8中的一项；"
                     "同时提供了部分信息的，计入（二）部分公开。",
    "（四）无法提供": "本机关无法提供所申请信息的，按原因计入1至3中的一项。",
    "（五）不予处理": "申请的内容不属于政府信息公开申请应当处理的范围、告知申请人不予处理的，按情形计入"
                     "1至5中的一项。",
    "（六）其他处理": "因申请人的原因本机关不再处理（逾期不补正、逾期不缴费），或者办结方式不能归入（一）至"
                     "（五）的，计入本项。",
}

# ---------------------------------------------------------------- table 四

APPEAL_ROW_GUIDE = {
    "review": "本机关因政府信息公开工作被申请行政复议（本机关是被申请人）的案件。",
    "litigation_direct": "申请人没有经过行政复议、直接以本机关为被告提起行政诉讼的案件。",
    "litigation_after_review": "申请人经过行政复议后，又以本机关为被告（含共同被告）提起行政诉讼的案件。"
                               "可能多于同年的行政复议件数（复议可能在上一年）。",
}

APPEAL_COLUMN_GUIDE = {
    "upheld": "复议机关决定维持、驳回复议请求，或者法院判决驳回诉讼请求的，即本机关的做法得到支持。",
    "corrected": "复议机关决定撤销、变更、确认违法或者责令履行（含责令重新答复），或者法院判决撤销、"
                 "确认违法、责令履行的，即本机关的做法被认定有错误。",
    "other": "不属于维持也不属于纠正的结果，如申请人撤回复议申请或撤诉、复议终止、调解和解、裁定驳回起诉等。",
    "pending": "到12月31日还没有作出复议决定或判决的案件。跨年的案件在结案的年度按结果计入。",
    "total": "自动计算：结果维持＋结果纠正＋其他结果＋尚未审结。",
}

APPEAL_LABELS = {
    "行政诉讼": "本机关因政府信息公开工作作为被告的行政诉讼案件，分“未经复议直接起诉”和“复议后起诉”两类统计。",
}

# ---------------------------------------------------------------- tables together

ROW_GUIDE: dict[str, dict[str, str]] = {ACTIVE: ACTIVE_ROWS, REQUESTS: REQUEST_ROW_GUIDE, APPEALS: APPEAL_ROW_GUIDE}
COLUMN_GUIDE: dict[str, dict[str, str]] = {ACTIVE: ACTIVE_COLUMNS, REQUESTS: REQUEST_COLUMN_GUIDE,
                                           APPEALS: APPEAL_COLUMN_GUIDE}
LABEL_GUIDE: dict[str, dict[str, str]] = {ACTIVE: ACTIVE_LABELS, REQUESTS: REQUEST_LABELS, APPEALS: APPEAL_LABELS}


@dataclass(frozen=True)
class Topic:
    """What the guide says about one place of the form."""

    title: str
    text: str


# ---------------------------------------------------------------- looking things up

def _refs_under(table: TableDef, cell: GridCell) -> list[CellRef]:
    """The numbers a heading stands over: down each of its columns, past other headings, to the next label."""
    refs = []
    for col in range(cell.col, cell.col + cell.colspan):
        row, found = cell.row + cell.rowspan, False
        while row < table.n_rows:
            below = table.cell_at(row, col)
            if below.ref is not None:
                found = True
                if below.col == col:
                    refs.append(below.ref)
            elif found:
                break
            row = below.row + below.rowspan
    return refs


def _label_target(table: TableDef, cell: GridCell) -> tuple[str, str] | None:
    """("label", text), ("row", key) or ("column", key): what the guide says a label cell is about."""
    if cell.text in LABEL_GUIDE.get(table.id, {}):
        return "label", cell.text
    rows = range(cell.row, cell.row + cell.rowspan)
    to_the_right = {table.cell_at(r, c).ref for r in rows for c in range(cell.col + cell.colspan, table.n_cols)}
    to_the_right.discard(None)
    if to_the_right:  # a row label
        keys = {ref.row for ref in to_the_right if ref is not None}
        return ("row", keys.pop()) if len(keys) == 1 else None
    below = _refs_under(table, cell)
    columns = {ref.column for ref in below}
    if len(columns) == 1 and "" not in columns:
        return "column", columns.pop()
    keys = {ref.row for ref in below}
    return ("row", keys.pop()) if len(keys) == 1 else None


def topic_for_ref(form: FormDef, ref: CellRef) -> Topic:
    """A number cell: its name, then what its row and its column count."""
    parts = [ROW_GUIDE[ref.table][ref.row]]
    if ref.column:
        parts.append(COLUMN_GUIDE[ref.table][ref.column])
    return Topic(form.name_of(ref), "\n".join(parts))


def topic_for_label(table: TableDef, cell: GridCell) -> Topic | None:
    target = _label_target(table, cell)
    if target is None:
        return None
    kind, key = target
    guide = {"label": LABEL_GUIDE, "row": ROW_GUIDE, "column": COLUMN_GUIDE}[kind][table.id]
    return Topic(f"{table.caption} {cell.text}", guide[key])


def topic_for_cell(form: FormDef, table_id: str, row: int, col: int) -> Topic | None:
    """Whatever cell of a table is at (row, col), label or number."""
    table = form.table(table_id)
    cell = table.cell_at(row, col)
    if cell.ref is not None:
        return topic_for_ref(form, cell.ref)
    return topic_for_label(table, cell)


def topic_for_section(form: FormDef, section_id: str) -> Topic:
    """A section of the form, or ``BASIC_TOPIC_ID`` for the basic information before it."""
    if section_id == BASIC_TOPIC_ID:
        return Topic("基本信息", BASIC_GUIDE)
    return Topic(form.section(section_id).title, SECTION_GUIDE[section_id])


@dataclass(frozen=True)
class Chapter:
    """One section of the whole guide: what the section is for, then each heading and row of its table."""

    title: str
    text: str
    entries: tuple[Topic, ...] = ()


def whole_guide(form: FormDef) -> list[Chapter]:
    """The guide in the order of the printed form, general rules first."""
    chapters = [Chapter("通用口径", "", tuple(Topic(title, text) for title, text in GENERAL)),
                Chapter("基本信息", BASIC_GUIDE)]
    for section in form.sections:
        entries: list[Topic] = []
        table = next((t for t in form.tables if t.section == section.id), None)
        if table is not None:
            seen: set[tuple[str, str]] = set()
            for cell in sorted((c for c in table.cells if c.role is Role.LABEL), key=lambda c: (c.row, c.col)):
                target = _label_target(table, cell)
                if target is None or target in seen:
                    continue
                seen.add(target)
                topic = topic_for_label(table, cell)
                if topic is not None:
                    entries.append(Topic(cell.text, topic.text))
        chapters.append(Chapter(section.title, SECTION_GUIDE[section.id], tuple(entries)))
    return chapters
