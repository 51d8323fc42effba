"""The web page in a real browser: headless Chromium (Debian's ``chromium``, driven by Playwright), axe-core
injected into the page, and the Nu Html Checker (``vnu.jar``, the W3C's validator, run with Java).

Each tool that is missing is named and its tests are skipped: Chromium comes from the system's packages
(``apt-get install chromium``), Playwright from the test extra, axe-core is vendored in ``tests/exporters/axe``,
``vnu.jar`` is fetched by ``.ci/run`` into ``.ci/tools`` (or named by ``GKBG_VNU_JAR``).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from exporters.html import fragment_html, write_html
from models import draft
from models.report import Report
from tests.conftest import EXAMPLES, ROOT
from tests.export_support import balanced_report, unbalanced
from tests.exporters.stress import stress_report
from tests.exporters.test_html import published

pytestmark = pytest.mark.slow   # a browser, a Java validator

AXE = Path(__file__).parent / "axe" / "axe.min.js"
AXE_VERSION = "4.14.1"
WIDTHS = {"desktop": 1366, "desktop at 200 %": 683, "phone": 375, "narrowest": 320}
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MARK = "征求意见稿"


def chromium_path() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.skip("未安装 Chromium（Debian 的 chromium 软件包），跳过在浏览器中检查网页的测试；CI 的 .ci/run 会安装它")
    return path


@pytest.fixture(scope="module")
def browser():
    executable = chromium_path()
    sync_api = pytest.importorskip("playwright.sync_api", reason="未安装 Playwright（测试依赖 .[test]），跳过浏览器测试")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_ARGS)
        yield browser
        browser.close()


def example() -> Report:
    report = draft.load(EXAMPLES / "qinghe-scjg-2025.json")
    report.prior = None
    return report


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The pages every browser test opens: an example, a stress draft, one without 落款 date, the example
    exported past the checks' errors and marked 征求意见稿, and the fragment for a site's editor (clean and so
    marked) published inside a site's page."""
    folder = tmp_path_factory.mktemp("pages")
    paths = {}
    for name, report, mark in (("example", example(), None), ("stress", stress_report(), None),
                               ("no-date", balanced_report(agency="", date=None), None),
                               ("marked", unbalanced(example()), MARK)):
        paths[name] = folder / f"{name}.html"
        write_html(report, paths[name], mark=mark)
    for name, report, mark in (("published-fragment", example(), None),
                               ("published-marked-fragment", unbalanced(example()), MARK)):
        paths[name] = folder / f"{name}.html"
        paths[name].write_text(published(report, fragment_html(report, mark)), encoding="utf-8")
    return paths


def open_page(browser, path: Path, width: int):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(path.as_uri())
    return page


# ---------------------------------------------------------------- layout

OVERFLOW = """() => {
  const width = window.innerWidth;
  const outside = [];
  for (const element of document.body.querySelectorAll('*')) {
    if (element.closest('.table-box, [role=region]')) continue;
    const box = element.getBoundingClientRect();
    if (box.width && (box.right > width + 0.5 || box.left < -0.5))
      outside.push(element.tagName + ' ' + (element.textContent || '').trim().slice(0, 30) + ' ' + box.right);
  }
  const boxes = [...document.querySelectorAll('[role=region]')].map(b => ({
    scrolls: b.scrollWidth > b.clientWidth, overflow: getComputedStyle(b).overflowX,
    right: b.getBoundingClientRect().right}));
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width, outside, boxes};
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("name", ["example", "stress", "marked", "published-fragment", "published-marked-fragment"])
def test_nothing_overflows_the_page_tables_scroll_in_their_box(browser, pages, name, width):
    page = open_page(browser, pages[name], width)
    try:
        layout = page.evaluate(OVERFLOW)
    finally:
        page.close()
    assert layout["scrollWidth"] <= layout["innerWidth"], layout
    assert layout["outside"] == []            # the text reflows
    assert len(layout["boxes"]) == 3
    for box in layout["boxes"]:
        assert box["overflow"] == "auto" and box["right"] <= width + 0.5
    if width <= 375:
        assert any(box["scrolls"] for box in layout["boxes"])   # table 三 is wider than a phone: it scrolls
    if width == 1366 and not name.startswith("published"):
        assert not any(box["scrolls"] for box in layout["boxes"])


def test_text_zoomed_to_200_percent_still_fits(browser, pages):
    page = open_page(browser, pages["example"], 1366)
    try:
        page.evaluate("() => { document.documentElement.style.fontSize = '200%'; }")
        layout = page.evaluate(OVERFLOW)
    finally:
        page.close()
    assert layout["scrollWidth"] <= layout["innerWidth"] and layout["outside"] == [], layout


def test_numbers_sit_on_one_line_at_the_right_of_their_cells(browser, pages):
    page = open_page(browser, pages["stress"], 375)
    try:
        cells = page.evaluate("""() => [...document.querySelectorAll('td[headers]')].filter(td => td.textContent)
            .map(td => { const range = document.createRange(); range.selectNodeContents(td);
                         const text = range.getBoundingClientRect(), box = td.getBoundingClientRect();
                         return {lines: range.getClientRects().length, right: box.right - text.right,
                                 left: text.left - box.left}; })""")
    finally:
        page.close()
    assert cells and all(c["lines"] == 1 for c in cells)
    assert all(c["right"] < c["left"] or abs(c["right"] - c["left"]) < 1 for c in cells)   # flush right


# ---------------------------------------------------------------- accessibility

def axe_violations(browser, path: Path, width: int) -> list[dict]:
    page = open_page(browser, path, width)
    try:
        page.add_script_tag(path=str(AXE))
        assert page.evaluate("() => axe.version") == AXE_VERSION
        result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    finally:
        page.close()
    assert result["passes"], "axe-core ran no rule"
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["target"] for n in v["nodes"]][:5]} for v in result["violations"]]


@pytest.mark.parametrize("width", [1366, 375])
@pytest.mark.parametrize("name", ["example", "stress", "no-date", "marked", "published-fragment",
                                  "published-marked-fragment"])
def test_axe_core_finds_no_violations(browser, pages, name, width):
    assert axe_violations(browser, pages[name], width) == []


def test_axe_core_would_find_a_table_without_its_headers(browser, pages, tmp_path):
    """The checker is awake: the same page with a number naming a header that does not exist fails."""
    broken = tmp_path / "broken.html"
    broken.write_text(pages["example"].read_text(encoding="utf-8").replace(
        'headers="gkbg-appeals-r1c1 ', 'headers="gkbg-nowhere ', 1), encoding="utf-8")
    assert "td-headers-attr" in {v["id"] for v in axe_violations(browser, broken, 1366)}


def test_no_colour_alone_carries_meaning(browser, pages):
    """In grey-scale the page says the same: the shaded group rows of table 二 are header cells by markup."""
    page = open_page(browser, pages["example"], 1366)
    try:
        shaded = page.evaluate("""() => [...document.querySelectorAll('td, th')]
            .filter(c => getComputedStyle(c).backgroundColor !== 'rgba(0, 0, 0, 0)')
            .map(c => ({tag: c.tagName, colspan: c.colSpan}))""")
        colours = page.evaluate("""() => new Set([...document.querySelectorAll('body *')]
            .map(e => getComputedStyle(e).color)).size""")
    finally:
        page.close()
    assert shaded and all(c == {"tag": "TH", "colspan": 4} for c in shaded)
    assert colours == 1   # all text one colour


@pytest.mark.parametrize("width", [1366, 375])
@pytest.mark.parametrize("name", ["marked", "published-marked-fragment"])
def test_the_notice_stands_above_the_title_framed_and_in_words(browser, pages, name, width):
    """The error line is red as in the other files, but the words say it and the frame sets it apart in
    grey-scale too: the only other colour on the page is the notice's."""
    page = open_page(browser, pages[name], width)
    try:
        seen = page.evaluate("""() => {
          const note = document.querySelector('[role=note]'), title = note.parentElement.querySelector('h1');
          const box = note.getBoundingClientRect(), style = getComputedStyle(note);
          const colours = new Set([...document.querySelectorAll('body *')].filter(e => !note.contains(e))
            .map(e => getComputedStyle(e).color));
          return {text: note.innerText.split('\\n').filter(Boolean),
                  above: box.bottom <= title.getBoundingClientRect().top,
                  border: [style.borderTopWidth, style.borderTopStyle], width: box.width,
                  inside: box.left >= 0 && box.right <= window.innerWidth, colours: colours.size,
                  name: note.getAttribute('aria-label')};
        }""")
    finally:
        page.close()
    assert re.fullmatch(r"未通过检查：\d+ 处错误", seen["text"][0]) and seen["text"][1:] == [MARK]
    assert seen["above"] and seen["inside"] and seen["name"] == "文稿性质"
    assert seen["border"] == ["2px", "solid"] and seen["width"] > 0
    if name == "marked":
        assert seen["colours"] == 1   # outside the notice, the page is as a clean one


# ---------------------------------------------------------------- printing

def test_prints_on_a4_with_every_page_inside_the_paper(browser, pages, tmp_path):
    page = open_page(browser, pages["example"], 1366)
    try:
        pdf = tmp_path / "打印.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    finally:
        page.close()
    document = pdfium.PdfDocument(str(pdf))
    try:
        sizes = {tuple(round(x) for x in document[i].get_size()) for i in range(len(document))}
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    assert sizes == {(595, 842)}
    assert "明川市清河区市场监督管理局" in texts[-1] and "2026年1月25日" in texts[-1]
    # table 三 runs over two pages: its header rows are printed again above the rest, each time with rows under
    with_header = [t for t in texts if "申请人情况" in t]
    assert len(with_header) == 2
    assert "本年新收政府信息公开申请数量" in with_header[0] and "结转下年度继续办理" in with_header[1]


def test_a_marked_page_prints_its_notice_on_the_first_page_only(browser, pages, tmp_path):
    page = open_page(browser, pages["marked"], 1366)
    try:
        pdf = tmp_path / "打印.pdf"
        page.pdf(path=str(pdf), prefer_css_page_size=True)
    finally:
        page.close()
    document = pdfium.PdfDocument(str(pdf))
    try:
        texts = [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()
    first = re.sub(r"\s+", "", texts[0])
    assert re.search(r"未通过检查：\d+处错误" + MARK + "明川市清河区市场监督管理局", first)
    assert not any("未通过检查" in t or MARK in t for t in texts[1:])


# ---------------------------------------------------------------- HTML5 validity

def vnu_jar() -> Path:
    path = Path(os.environ.get("GKBG_VNU_JAR", ROOT / ".ci" / "tools" / "vnu.jar"))
    if not path.is_file():
        pytest.skip(f"没有 Nu Html Checker（{path}；.ci/run 用 npm pack vnu-jar 取得），跳过 HTML5 验证")
    if shutil.which("java") is None:
        pytest.skip("未安装 Java，无法运行 Nu Html Checker，跳过 HTML5 验证")
    return path


def test_every_page_validates_as_html5(pages, tmp_path):
    jar = vnu_jar()
    # the fragment is checked inside a plain page: the site's page around it in ``pages`` is deliberately of
    # the old kind (a layout table with a width attribute), which is the site's, not ours
    fragments = []
    for name, report, mark in (("fragment", example(), None), ("marked-fragment", unbalanced(example()), MARK)):
        fragments.append(tmp_path / f"{name}.html")
        fragments[-1].write_text('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>年报</title>'
                                 f"</head><body>{fragment_html(report, mark)}</body></html>", encoding="utf-8")
    files = [pages["example"], pages["stress"], pages["no-date"], pages["marked"], *fragments]
    result = subprocess.run(["java", "-jar", str(jar), "--format", "json", *map(str, files)],
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    report = json.loads(result.stderr or result.stdout)
    assert report["messages"] == [], json.dumps(report["messages"][:5], ensure_ascii=False, indent=1)


def test_the_validator_is_awake(tmp_path):
    """The same checker rejects a number that names a header the table does not have."""
    jar = vnu_jar()
    broken = tmp_path / "broken.html"
    markup = (tmp_path / "ok.html")
    write_html(example(), markup)
    broken.write_text(markup.read_text(encoding="utf-8").replace('headers="gkbg-appeals-r1c1 ', 'headers="x ', 1),
                      encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(jar), "--format", "json", str(broken)],
                            capture_output=True, text=True, encoding="utf-8", timeout=300)
    [message] = json.loads(result.stderr or result.stdout)["messages"]
    assert message["type"] == "error" and "headers" in message["message"]
