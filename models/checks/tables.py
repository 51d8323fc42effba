"""Rules on the numbers of tables 二–四."""
from __future__ import annotations

from ..form import CellRef, NumberKind
from ..form_2021 import ACTIVE, APPEALS, FORM_2021, REQUEST_COLUMNS, REQUESTS
from ..numbers import is_valid
from .engine import Context, Severity, rule
from .messages import Message, Messages

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
REQUEST_TABLE = FORM_2021.table(REQUESTS)
ACTIVE_TABLE = FORM_2021.table(ACTIVE)


class Balance(Messages, prefix="T3-BAL"):
    unbalanced = Message("{table}“{column}”列不平衡：{left_label} = {left_terms} = {left_total}，"
                         "{right_label} = {right_terms} = {right_total}，{heavier}多 {excess} 件")
    unread = Message("{table}“{column}”列有数字未能从原文读出，无法核对该列是否平衡")


class Printed(Messages, prefix="TOTAL"):
    wrong_total = Message("{cell}：表中印为 {stated}，按 {terms} 计算应为 {computed}")


class Numbers(Messages, prefix="NUM"):
    not_a_count = Message("{cell}：“{value}”不是非负整数")
    not_an_amount = Message("{cell}：“{value}”不是非负小数")


class Blanks(Messages, prefix="BLANK"):
    one = Message("{table}有空白：{first}未填写（官方做法是填 0，可用“空白填0”）")
    several = Message("{table}有空白：{first}等 {count} 个单元格未填写（官方做法是填 0，可用“空白填0”）")


class Carry(Messages, prefix="CARRY"):
    differs = Message("{table}“{column}”列：本年“{this_row}”为 {this}，上年报告“{last_row}”为 {last}")
    agrees = Message("{table}“{this_row}”与 {year} 年报告的“{last_row}”一致（合计 {total}）")


class InForce(Messages, prefix="IN-FORCE"):
    agrees = Message("{table}{kind}{column} {now} = 上年 {last} + 制发 {issued} − 废止 {repealed}")
    differs = Message("{table}{kind}{column}为 {now}，按上年 {last} + 制发 {issued} − 废止 {repealed} "
                      "应为 {expected}（如有集中清理，可忽略）")


def _terms(counts: tuple[int, ...]) -> str:
    return "+".join(map(str, counts))


def _unread(ctx: Context, refs) -> list[CellRef]:
    """The cells among ``refs`` (a total through its terms) that the source prints but could not be read:
    a check that needs them cannot be held against the report."""
    unread = ctx.report.unread
    if not unread:
        return []
    found, stack = [], list(refs)
    while stack:
        ref = stack.pop()
        if ref in unread:
            found.append(ref)
        else:   # a total as the rules compute it, from its terms (a printed total aside)
            stack.extend(getattr(ctx.report.form.definition(ref), "terms", ()))
    return found


@rule("T3-BAL", E, "表三平衡", "表三各列：一 + 二 = （七）总计 + 四")
def balance(ctx: Context):
    identity = REQUEST_TABLE.balance
    assert identity is not None
    failed_applicant = False
    for col in identity.columns:
        column = identity.column(REQUESTS, col, ctx.value)
        if column is None:
            continue
        if _unread(ctx, identity.refs(REQUESTS, col)):
            yield (Balance.unread(table=REQUEST_TABLE.caption, column=REQUEST_TABLE.column_label(col)),
                   identity.refs(REQUESTS, col), None, I)
            continue
        if column.difference == 0 or (col == "total" and failed_applicant):
            continue  # the 总计 column only repeats an applicant column's difference
        failed_applicant = True
        yield (Balance.unbalanced(table=REQUEST_TABLE.caption, column=REQUEST_TABLE.column_label(col),
                                  left_label=identity.left_label, left_terms=_terms(column.left),
                                  left_total=column.left_total, right_label=identity.right_label,
                                  right_terms=_terms(column.right), right_total=column.right_total,
                                  heavier=column.heavier, excess=abs(column.difference)),
               identity.refs(REQUESTS, col), None)


def _stated_rule(ctx: Context, which: str):
    for d in ctx.report.form.computed:
        stated = ctx.report.stated.get(d.ref)
        if stated is None or _classify(d.ref) != which:
            continue
        computed = ctx.totals.get(d.ref)
        if computed is None or stated == computed or _unread(ctx, d.terms):
            continue
        parts = "+".join(str(ctx.value(t) or 0) for t in d.terms) if len(d.terms) <= 6 else "各项之和"
        yield (Printed.wrong_total(cell=ctx.report.form.name_of(d.ref), stated=stated, terms=parts,
                                   computed=computed), (d.ref,) + d.terms, None)


def _classify(ref: CellRef) -> str:
    if ref.table == APPEALS:
        return "T4-TOT"
    return "T3-SUM" if ref.row == "total" else "T3-ROW"


@rule("T3-ROW", E, "表三行合计", "表三各行：总计 = 六类申请人之和")
def row_totals(ctx: Context):
    yield from _stated_rule(ctx, "T3-ROW")


@rule("T3-SUM", E, "表三列合计", "表三各列：（七）总计 = 21 项办理结果之和")
def sum_totals(ctx: Context):
    yield from _stated_rule(ctx, "T3-SUM")


@rule("T4-TOT", E, "表四合计", "表四各组：总计 = 维持 + 纠正 + 其他 + 尚未审结")
def appeal_totals(ctx: Context):
    yield from _stated_rule(ctx, "T4-TOT")


@rule("NUM", E, "数字有效", "件数为非负整数，收费金额为非负小数")
def numbers(ctx: Context):
    form = ctx.report.form
    for source in (ctx.report.values, ctx.report.stated):
        for ref, value in source.items():
            d = form.definition(ref)
            kind = getattr(d, "kind", NumberKind.COUNT)
            if not is_valid(value, kind):
                said = Numbers.not_a_count if kind is NumberKind.COUNT else Numbers.not_an_amount
                yield said(cell=form.name_of(ref), value=value), (ref,), None


@rule("BLANK", W, "空白单元格", "表二至表四没有空白单元格")
def blanks(ctx: Context):
    form = ctx.report.form
    for table in form.tables:
        empty = [d.ref for d in table.inputs if ctx.report.values.get(d.ref) is None]
        if empty:
            first = form.definition(empty[0]).name
            said = (Blanks.several(table=table.caption, first=first, count=len(empty)) if len(empty) > 1
                    else Blanks.one(table=table.caption, first=first))
            yield said, tuple(empty), None


# The cells the cross-year rules compare, named once here so that a misspelt key fails at import.
CARRY_CELLS = tuple((col, FORM_2021.ref(REQUESTS, f"carried_over.{col}"),
                     FORM_2021.ref(REQUESTS, f"carried_forward.{col}")) for col, _ in REQUEST_COLUMNS)
CARRIED_OVER_TOTAL = FORM_2021.ref(REQUESTS, "carried_over.total")
IN_FORCE_CELLS = tuple((prefix, tuple(FORM_2021.ref(ACTIVE, f"{prefix}.{k}") for k in ("issued", "repealed", "in_force")))
                       for prefix in ("rules", "normative"))


@rule("CARRY", W, "上年结转", "本年“上年结转” = 上年“结转下年度继续办理”", needs_prior=True)
def carry(ctx: Context):
    prior_totals = ctx.last.totals()
    compared, mismatched = 0, False
    rows = {"this_row": REQUEST_TABLE.row_label("carried_over"), "last_row": REQUEST_TABLE.row_label("carried_forward")}
    for col, this_ref, last_ref in CARRY_CELLS:
        this = ctx.value(this_ref)
        last = prior_totals[last_ref] if last_ref in prior_totals else ctx.last.values.get(last_ref)
        if this is None or last is None:
            continue
        compared += 1
        if this != last and not (col == "total" and mismatched):  # the total only repeats a column's difference
            mismatched = True
            yield (Carry.differs(table=REQUEST_TABLE.caption, column=REQUEST_TABLE.column_label(col), this=this,
                                 last=last, **rows), (this_ref,), None)
    if compared and not mismatched:
        total = ctx.value(CARRIED_OVER_TOTAL)
        yield Carry.agrees(table=REQUEST_TABLE.caption, year=ctx.last.year, total=total, **rows), (), None, I


@rule("IN-FORCE", W, "现行有效件数", "现行有效件数 = 上年现行有效 + 本年制发 − 本年废止", needs_prior=True)
def in_force(ctx: Context):
    for prefix, refs in IN_FORCE_CELLS:
        issued, repealed, now = (ctx.value(r) for r in refs)
        last = ctx.last.values.get(refs[2])
        if None in (issued, repealed, now, last):
            continue
        expected = last + issued - repealed
        words = {"table": ACTIVE_TABLE.caption, "kind": ACTIVE_TABLE.row_label(prefix),
                 "column": ACTIVE_TABLE.column_label("in_force")}
        numbers = {"now": now, "last": last, "issued": issued, "repealed": repealed}
        if now == expected:
            yield InForce.agrees(**words, **numbers), (), None, I
        else:
            yield InForce.differs(**words, **numbers, expected=expected), (refs[2],), None
