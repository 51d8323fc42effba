"""Rules on the numbers of tables 二–四."""
from __future__ import annotations

from ..form import CellRef, NumberKind
from ..form_2021 import FORM_2021, REQUEST_COLUMNS
from ..numbers import is_valid
from .engine import Context, Severity, rule

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
COLUMN_LABELS = dict(REQUEST_COLUMNS)
REQUESTS = FORM_2021.table("requests")


def _req(row: str, col: str) -> CellRef:
    return FORM_2021.ref("requests", f"{row}.{col}")


def _n(value) -> int:
    return value or 0


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
    identity = REQUESTS.balance
    assert identity is not None
    failed_applicant = False
    for col in identity.columns:
        cells = identity.refs(REQUESTS.id, col)
        if all(ctx.value(c) is None for c in cells):
            continue
        if _unread(ctx, cells):
            yield (f"表三“{COLUMN_LABELS[col]}”列有数字未能从原文读出，无法核对该列是否平衡", cells, None, I)
            continue
        values = [_n(ctx.value(c)) for c in cells]
        n_left = len(identity.left)
        left, right = sum(values[:n_left]), sum(values[n_left:])
        if left == right or (col == "total" and failed_applicant):
            continue  # the 总计 column only repeats an applicant column's difference
        failed_applicant = True
        more, by = (identity.left_label, left - right) if left > right else (identity.right_label, right - left)
        yield (f"表三“{COLUMN_LABELS[col]}”列不平衡：{identity.left_label} = "
               f"{'+'.join(map(str, values[:n_left]))} = {left}，{identity.right_label} = "
               f"{'+'.join(map(str, values[n_left:]))} = {right}，{more}多 {by} 件", cells, None)


def _stated_rule(ctx: Context, which: str):
    for d in ctx.report.form.computed:
        stated = ctx.report.stated.get(d.ref)
        if stated is None or _classify(d.ref) != which:
            continue
        computed = ctx.totals.get(d.ref)
        if computed is None or stated == computed or _unread(ctx, d.terms):
            continue
        parts = "+".join(str(_n(ctx.value(t))) for t in d.terms) if len(d.terms) <= 6 else "各项之和"
        yield (f"{ctx.report.form.name_of(d.ref)}：表中印为 {stated}，按 {parts} 计算应为 {computed}",
               (d.ref,) + d.terms, None)


def _classify(ref: CellRef) -> str:
    if ref.table == "appeals":
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
                want = "非负整数" if kind is NumberKind.COUNT else "非负小数"
                yield f"{form.name_of(ref)}：“{value}”不是{want}", (ref,), None


@rule("BLANK", W, "空白单元格", "表二至表四没有空白单元格")
def blanks(ctx: Context):
    form = ctx.report.form
    for table in form.tables:
        empty = [d.ref for d in table.inputs if ctx.report.values.get(d.ref) is None]
        if empty:
            first = form.definition(empty[0]).name
            more = f"等 {len(empty)} 个单元格" if len(empty) > 1 else ""
            yield (f"{table.caption}有空白：{first}{more}未填写（官方做法是填 0，可用“空白填0”）",
                   tuple(empty), None)


@rule("CARRY", W, "上年结转", "本年“上年结转” = 上年“结转下年度继续办理”", needs_prior=True)
def carry(ctx: Context):
    prior_totals = ctx.last.totals()
    compared, mismatched = 0, False
    for col, label in REQUEST_COLUMNS:
        this_ref, last_ref = _req("carried_over", col), _req("carried_forward", col)
        this = ctx.value(this_ref)
        last = prior_totals[last_ref] if last_ref in prior_totals else ctx.last.values.get(last_ref)
        if this is None or last is None:
            continue
        compared += 1
        if this != last and not (col == "total" and mismatched):  # the total only repeats a column's difference
            mismatched = True
            yield (f"表三“{label}”列：本年“二、上年结转”为 {this}，上年报告“四、结转下年度继续办理”为 {last}",
                   (this_ref,), None)
    if compared and not mismatched:
        total = ctx.value(_req("carried_over", "total"))
        yield f"表三“二、上年结转”与 {ctx.last.year} 年报告的“四、结转下年度继续办理”一致（合计 {total}）", (), None, I


@rule("IN-FORCE", W, "现行有效件数", "现行有效件数 = 上年现行有效 + 本年制发 − 本年废止", needs_prior=True)
def in_force(ctx: Context):
    for prefix, label in (("rules", "规章"), ("normative", "行政规范性文件")):
        refs = [FORM_2021.ref("active", f"{prefix}.{k}") for k in ("issued", "repealed", "in_force")]
        issued, repealed, now = (ctx.value(r) for r in refs)
        last = ctx.last.values.get(refs[2])
        if None in (issued, repealed, now, last):
            continue
        expected = last + issued - repealed
        if now == expected:
            yield f"表二{label}现行有效件数 {now} = 上年 {last} + 制发 {issued} − 废止 {repealed}", (), None, I
        else:
            yield (f"表二{label}现行有效件数为 {now}，按上年 {last} + 制发 {issued} − 废止 {repealed} "
                   f"应为 {expected}（如有集中清理，可忽略）", (refs[2],), None)
