"""`check`: print every finding of a report; exit 0 (no error), 1 (errors) or 2 (unreadable)."""
from __future__ import annotations

import argparse
import json
import sys

from cli.common import PROFILE_HELP, Unreadable, read_prior, read_profile
from importers import SourceError, read_report
from models.checks import Finding, Severity, run_checks
from models.checks.presentation import shown


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="文件",
                        help="草稿（.json），或已发布的报告（.docx / .xlsx / .pdf / .html / .txt）；可一次给多个")
    parser.add_argument("--prior", metavar="上年报告", help="上年的报告，用于核对上年结转、现行有效件数等")
    parser.add_argument("--profile", metavar="本地要求", help=PROFILE_HELP)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def finding_dict(f: Finding) -> dict:
    """The finding for a program: its words as everywhere, and the keys and the message's parameters."""
    words = shown(f)
    return {"rule": f.rule, "rule_name": words.rule, "severity": f.severity.value, "place": words.place,
            "message": f.message, "template": f.template or None, "params": f.arguments,
            "cells": [str(c) for c in f.cells], "section": f.section, "subsection": f.subsection,
            "quote": f.quote.figure if f.quote else None}


def finding_line(f: Finding) -> str:
    """The finding as a person reads it: severity, rule, place (in the form's words) and message."""
    words = shown(f)
    place = f"  [{words.place}]" if words.place else ""
    return f"{words.severity}  {words.rule}{place}  {words.message}"


def _count(findings: list[Finding], severity: Severity) -> int:
    return sum(f.severity is severity for f in findings)


def check_file(name: str, prior, profile=None) -> dict:
    """The result for one file: its findings, or the reason it could not be read."""
    try:
        loaded = read_report(name)
    except SourceError as e:
        return {"file": name, "error": str(e)}
    findings = loaded.notes + run_checks(loaded.report, prior, profile=profile)
    return {"file": name, "agency": loaded.report.agency, "year": loaded.report.year,
            "errors": _count(findings, Severity.ERROR), "warnings": _count(findings, Severity.WARNING),
            "findings": findings}


def summary(result: dict) -> str:
    if "error" in result:
        return f"无法读取：{result['error']}"
    head = f"{result['agency'] or '（未填机关名称）'} {result['year']} 年"
    if result["errors"] or result["warnings"]:
        return f"{head}：{result['errors']} 个错误，{result['warnings']} 个警告"
    return f"{head}：全部通过"


def run(args: argparse.Namespace) -> int:
    try:
        prior = read_prior(args.prior)
        profile = read_profile(args.profile)
    except Unreadable:
        return 2
    results = [check_file(name, prior, profile) for name in args.files]
    if args.json:
        data = [{**r, "findings": [finding_dict(f) for f in r.get("findings", [])]} for r in results]
        print(json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, indent=2, default=str))
    else:
        for r in results:
            if len(results) > 1:
                print(f"== {r['file']}")
            if "error" in r:
                print(f"无法读取 {r['file']}：{r['error']}", file=sys.stderr)
                continue
            for f in r["findings"]:
                print(finding_line(f))
            print(summary(r))
        if len(results) > 1:
            print("\n汇总：")
            for r in results:
                print(f"{r['file']}\t{summary(r)}")
    if any("error" in r for r in results):
        return 2
    return 1 if any(r["errors"] for r in results) else 0
