"""The shipped profiles, and a draft that meets every requirement of the example local profile."""
from __future__ import annotations

from pathlib import Path

from models import draft
from models.profile_file import NATIONAL_PROFILE, PROFILES_FOLDER
from models.report import Report, Subsection
from tests.conftest import EXAMPLES

NATIONAL = NATIONAL_PROFILE
EXAMPLE_PROFILE = PROFILES_FOLDER / "example-local-2025.toml"

ACTIVE = ("2025 年，通过政府网站发布信息 1,286 条，政务新媒体发布 532 条，在区政府公报刊登文件 6 期；"
          "发布政策解读材料 12 篇，回应社会关切 9 次。重点领域公开教育信息 45 条、医疗卫生信息 38 条、"
          "就业信息 27 条、养老服务信息 19 条、公共资源配置信息 64 条。")
MANAGEMENT = "本年制发规章 0 件、行政规范性文件 3 件，废止 1 件，现行有效 12 件，逐件标注效力状态。"
PLATFORMS = "运维政务公开平台 3 个，在门户网站设立政务公开专区 2 个，编印部门公报 4 期。"


def compliant_report() -> Report:
    """The fictional 2025 example (a 区县级部门), its 一、总体情况 written to the example profile's notice."""
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    texts = {"主动公开": ACTIVE, "政府信息管理": MANAGEMENT, "政府信息公开平台建设": PLATFORMS}
    report.sections["overview"] = [Subsection(sub.heading, texts.get(sub.heading, sub.text))
                                   for sub in report.sections["overview"]]
    return report


def subsection_index(report: Report, heading: str) -> int:
    return next(i for i, sub in enumerate(report.sections["overview"]) if heading in sub.heading)


def write_profile(folder: Path, text: str, name: str = "要求.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
