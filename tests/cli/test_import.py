"""`python main.py import`: one source to a draft, several to a folder, exit codes, never overwriting."""
import subprocess
import sys

from models import draft
from models.form import CellRef
from tests.conftest import EXAMPLES, ROOT, shared_path

NAMES = ("00_weibin-gongxin-2025.txt", "01_huaian-city-gov-2024.txt", "02_hongze-district-gov-2023.txt",
         "03_hongze-district-gov-2024.txt")


def real(index=None):
    """The real reports (the test skips, saying so, when the shared folder is absent)."""
    paths = [shared_path("real-reports", name) for name in NAMES]
    return paths if index is None else paths[index]


def run(*args):
    return subprocess.run([sys.executable, str(ROOT / "main.py"), "import", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)


def test_one_source_to_a_draft(tmp_path):
    target = tmp_path / "淮安2024.gkbg.json"
    result = run(shared_path("real-reports", "01_huaian-city-gov-2024.txt"), "-o", target)
    assert result.returncode == 0, result.stderr
    assert "已写入草稿" in result.stdout and "导入记录" in result.stdout
    report = draft.load(target)
    assert report.agency == "淮安市人民政府" and report.values[CellRef("active", "fees")] == "96171.6"
    assert report.stated == {}  # a draft holds the inputs; its totals are computed
    assert report.get(CellRef("requests", "total.total")) == 3050


def test_existing_draft_is_not_overwritten(tmp_path):
    target = tmp_path / "草稿.gkbg.json"
    target.write_text("我的草稿", encoding="utf-8")
    source = shared_path("real-reports", "00_weibin-gongxin-2025.txt")
    result = run(source, "-o", target)
    assert result.returncode == 2 and "已存在" in result.stderr
    assert target.read_text(encoding="utf-8") == "我的草稿"
    assert run(source, "-o", target, "--force").returncode == 0
    assert draft.load(target).year == 2025


def test_batch_writes_a_draft_per_source_and_a_line_each(tmp_path):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "drafts"
    result = run(*real(), bad, "-o", out)
    assert result.returncode == 2
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 4 and all("→" in line for line in lines)
    assert "洪泽区人民政府 2023 年" in lines[2]
    assert "坏.docx" in result.stderr and "无法导入" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.gkbg.json" for p in real())


def test_import_with_prior_then_check(tmp_path):
    target = tmp_path / "洪泽2024.gkbg.json"
    result = run(real(3), "-o", target, "--prior", real(2))
    assert result.returncode == 0
    assert draft.load(target).prior.year == 2023
    check = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(target)], capture_output=True,
                           text=True, encoding="utf-8", cwd=ROOT, timeout=60)
    assert check.returncode == 0
    assert any(line.startswith("提示  上年结转") for line in check.stdout.splitlines())


def test_a_draft_can_be_imported_too(tmp_path):
    target = tmp_path / "copy.gkbg.json"
    assert run(EXAMPLES / "qinghe-scjg-2025.json", "-o", target).returncode == 0
    assert draft.load(target) == draft.load(EXAMPLES / "qinghe-scjg-2025.json")


def test_several_sources_need_a_folder(tmp_path):
    file = tmp_path / "a.json"
    file.write_text("{}", encoding="utf-8")
    result = run(real(0), real(1), "-o", file)
    assert result.returncode == 2 and "文件夹" in result.stderr


def test_two_imports_to_one_target_at_once_one_wins(tmp_path):
    """Twenty rounds of two `import -o SAME` started together (issue 23: both succeeded, one silently replaced
    the other): one writes the draft, the other is told it exists; the draft is whole."""
    sources = [EXAMPLES / "qinghe-scjg-2025.json", EXAMPLES / "qinghe-scjg-2024.json"]
    command = [sys.executable, str(ROOT / "main.py"), "import"]
    overwrites = 0
    for round_ in range(20):
        target = tmp_path / f"同一个{round_}.gkbg.json"
        both = [subprocess.Popen([*command, str(source), "-o", str(target)], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT) for source in sources]
        results = [(p.wait(timeout=120), *p.communicate()) for p in both]
        codes = sorted(code for code, _, _ in results)
        overwrites += codes == [0, 0]
        assert codes == [0, 2], results
        refused = next(err for code, _, err in results if code == 2)
        assert "已存在" in refused and "--force" in refused and "Traceback" not in refused
        year = draft.load(target).year
        winner = next(i for i, (code, _, _) in enumerate(results) if code == 0)
        assert year == (2025, 2024)[winner]
    assert overwrites == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".gkbg-")]
