"""A generated folder of reports for the review: several agencies over several years, in mixed formats.

Each agency's years chain as real ones do (上年结转 = last year's 结转下年度,
现行有效 = last year's + 制发 − 废止) and the overview quotes the table's
figures, so a report passes every check unless a problem is put in on
purpose; the manifest says which problems each file carries.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from models import draft
from models.form import CellRef
from models.form_2021 import APPEAL_GROUPS, APPEAL_ITEMS, APPLICANT_COLUMNS, RESULT_ROWS
from models.report import Report, Subsection
from tests.report_html import copied_text, page

FORMATS = ("draft", "text", "html", "docx", "xlsx")
SUFFIX = {"draft": ".json", "text": ".txt", "html": ".html", "docx": ".docx", "xlsx": ".xlsx"}
PLACES = ("青山区", "白水县", "临江区", "东湖区", "南岭县", "北塘区", "西坪县", "长宁区", "安平县", "福田区",
          "高桥区", "兴隆县", "红旗区", "永和县", "石门区", "清源县", "金沙区", "玉泉县", "龙湾区", "凤鸣县")
CITIES = ("明川市", "云海市", "江城市")
OFFICES = ("人民政府", "教育局", "财政局", "自然资源局", "生态环境局", "住房和城乡建设局", "交通运输局",
           "农业农村局", "卫生健康委员会", "市场监督管理局", "民政局", "司法局", "水务局", "文化和旅游局")
FIRST_YEAR = 2021


@dataclass
class Generated:
    path: Path
    agency: str
    year: int
    fmt: str
    errors: set[str] = field(default_factory=set)   # error rules put in on purpose
    carry_mismatch: bool = False
    jump: bool = False


def _req(row: str, col: str) -> CellRef:
    return CellRef("requests", f"{row}.{col}")


def agency_name(n: int) -> tuple[str, str]:
    """The n-th agency's name as printed, and what makes it that agency (its place and office).

    Each place belongs to one city, as in life; some reports leave the city out of the name.
    """
    place_no = n % len(PLACES)
    city, place, office = CITIES[place_no % len(CITIES)], PLACES[place_no], OFFICES[(n // len(PLACES)) % len(OFFICES)]
    if n % 17 == 0:
        return f"{city}{office}", f"{city}{office}"          # a city-level body
    if n % 5 == 4:
        return f"{place}{office}", f"{place}{office}"
    return f"{city}{place}{office}", f"{place}{office}"


def build_year(agency: str, year: int, last: Report | None, rng: random.Random, size: int) -> Report:
    report = Report(agency=agency, year=year, date=f"{year + 1}-01-{10 + rng.randint(0, 18)}",
                    preamble=f"本报告根据《中华人民共和国政府信息公开条例》编制，统计期限为{year}年1月1日至12月31日。")
    for prefix in ("rules", "normative"):
        before = last.values.get(CellRef("active", f"{prefix}.in_force")) if last else rng.randint(0, 20)
        issued, repealed = rng.randint(0, 4), rng.randint(0, 2)
        repealed = min(repealed, int(before or 0) + issued)
        report.set(CellRef("active", f"{prefix}.issued"), issued)
        report.set(CellRef("active", f"{prefix}.repealed"), repealed)
        report.set(CellRef("active", f"{prefix}.in_force"), int(before or 0) + issued - repealed)
    for key in ("licensing", "punishment", "enforcement"):
        report.set(CellRef("active", key), rng.randint(0, 40 * size))
    report.set(CellRef("active", "fees"), "0")
    for col in APPLICANT_COLUMNS:
        results = 0
        for row in RESULT_ROWS:
            value = rng.randint(0, 3 * size) if row in ("granted", "partly_granted", "unable_not_held") else \
                (rng.randint(0, 1) if rng.random() < 0.3 else 0)
            report.set(_req(row, col), value)
            results += value
        carried_over = last.values.get(_req("carried_forward", col)) if last else rng.randint(0, 1)
        carried_forward = rng.randint(0, min(2, results))
        report.set(_req("carried_over", col), carried_over)
        report.set(_req("carried_forward", col), carried_forward)
        new = results + carried_forward - int(carried_over or 0)
        if new < 0:
            report.set(_req("granted", col), int(report.values[_req("granted", col)] or 0) - new)
            new = 0
        report.set(_req("new", col), new)
    for group, _ in APPEAL_GROUPS:
        for item, _ in APPEAL_ITEMS[:-1]:
            report.set(CellRef("appeals", f"{group}.{item}"), rng.randint(0, 2) if rng.random() < 0.4 else 0)
    _write_text(report, rng)
    return report


def _write_text(report: Report, rng: random.Random) -> None:
    totals = report.totals()
    new, done = totals[_req("new", "total")], totals[_req("total", "total")]
    work = rng.sample(["完善了政务公开目录", "更新了政府信息公开指南", "加强了政策解读", "开展了政务公开培训",
                       "规范了依申请公开办理流程", "优化了门户网站栏目", "推进了基层政务公开标准化",
                       "加强了公开内容审查", "做好了重点领域信息公开", "落实了政府信息管理制度"], 4)
    report.sections["overview"] = [
        Subsection("主动公开", f"{report.year}年，本机关{work[0]}，{work[1]}，编号{rng.randint(1000, 9999)}。"),
        Subsection("依申请公开", f"{report.year}年共收到政府信息公开申请{new}件，办结{done}件。"),
        Subsection("政府信息管理", f"本年度{work[2]}。"),
        Subsection("监督保障", f"本年度{work[3]}，序号{rng.randint(100, 999)}。"),
    ]
    problems = rng.sample(["部分栏目更新不够及时", "政策解读形式较为单一", "依申请公开答复文书有待规范",
                           "基层公开人员业务能力不足", "公开内容的准确性需要加强", "数据开放程度不高"], 2)
    plans = rng.sample(["组织专题培训", "建立栏目巡查机制", "丰富图解和视频解读", "完善答复文书模板",
                        "加强内容发布前审核", "推动数据集开放"], 2)
    report.sections["problems"] = [
        Subsection("存在的主要问题", f"{report.year}年，{problems[0]}，{problems[1]}。"),
        Subsection("改进情况", f"{report.year + 1}年将{plans[0]}，{plans[1]}，第{rng.randint(1, 99)}项任务按期完成。")]
    report.sections["other"] = [Subsection("", f"{report.year}年度未收取信息处理费。")]


def write(report: Report, path: Path, fmt: str) -> None:
    if fmt == "draft":
        draft.save(report, path)
    elif fmt == "text":
        path.write_text(copied_text(report), encoding="utf-8")
    elif fmt == "html":
        path.write_text(page(report), encoding="utf-8")
    elif fmt == "docx":
        from exporters.docx import write_docx
        write_docx(report, path)
    elif fmt == "xlsx":
        from exporters.xlsx import write_xlsx
        write_xlsx(report, path)


def make_folder(folder: Path, count: int, *, years: int = 4, seed: int = 13,
                formats: tuple[str, ...] = FORMATS) -> list[Generated]:
    """Write ``count`` reports into ``folder`` (``years`` a agency); the manifest of what each carries.

    Put in on purpose: every 11th report is out of balance (T3-BAL), every
    13th that has a year before disagrees with it on 上年结转 (CARRY), and
    every 19th that has a year before has five times last year's requests.
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    made: list[Generated] = []
    agency_no = 0
    seen: set[str] = set()
    while len(made) < count:
        agency, identity = agency_name(agency_no)
        if identity in seen:
            agency_no += 1
            continue
        seen.add(identity)
        size = 1 + agency_no % 4
        last: Report | None = None
        for offset in range(years):
            if len(made) >= count:
                break
            n = len(made)
            year = FIRST_YEAR + offset
            report = build_year(agency, year, last, rng, size)
            fmt = formats[n % len(formats)]
            item = Generated(folder / f"{n:04d}_{year}{SUFFIX[fmt]}", agency, year, fmt)
            published = report.copy()
            if n % 11 == 5:
                ref = _req("new", "natural_person")
                published.set(ref, int(published.values[ref] or 0) + 3)
                item.errors.add("T3-BAL")
            if last is not None and n % 13 == 6 and not item.errors:
                for row in ("carried_over", "granted"):
                    ref = _req(row, "natural_person")
                    published.set(ref, int(published.values[ref] or 0) + 2)
                item.carry_mismatch = True
            if last is not None and n % 19 == 9 and not item.errors:
                extra = 6 * (last.totals()[_req("new", "total")] or 0) + 30
                for row in ("new", "granted"):
                    ref = _req(row, "commercial")
                    published.set(ref, int(published.values[ref] or 0) + extra)
                item.jump = True
            _write_text(published, random.Random(n))  # the text quotes the figures as published
            write(published, item.path, fmt)
            made.append(item)
            last = published
        agency_no += 1
    return made
