"""Fuzzing the draft loader: mutated example drafts open, or are refused with a Chinese DraftError.

Mutations of resources/examples/*.json: keys deleted, values of wrong types, huge numbers, deep nesting, long
strings, lone surrogates, other scripts' digits, invalid UTF-8, a byte-order mark, NaN/Infinity, duplicate
keys, future versions, flipped bytes and truncation.  A draft that opens holds only valid values, can be
checked, and saves and opens again.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from models import draft
from tests.conftest import ROOT
from tests.fuzz_support import SEED, assert_chinese_message, assert_usable, cases, time_limit

EXAMPLES = sorted((ROOT / "resources" / "examples").glob("*.json"))
HUGE = "9" * 5000


def _paths(node, path=()):
    """Every place in a parsed draft: (path, value)."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _set(root, path, value):
    node = root
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value


def _delete(root, path):
    node = root
    for step in path[:-1]:
        node = node[step]
    del node[path[-1]]


MARK = "\u2063FUZZ\u2063"   # stands for a value JSON cannot express; replaced in the text


def _wrong_value(rng: random.Random):
    choices = [
        None, True, False, -1, 0, 1, 1.5, -0.0, 10 ** 9, 10 ** 30, "", "x", "12", "١٢", "๑๒.๕", "１２", "1e3",
        [], {}, [1], {"a": 1}, "9" * 30, "\u200b12", "2025-W01-1", "20260120", "9999-12-31", "2026-02-30",
        "2026-01-20", "\x00", "a" * rng.choice([100, 10_000, 2_000_001]),
        f"{MARK}huge", f"{MARK}nan", f"{MARK}inf", f"{MARK}-inf", f"{MARK}deep", f"{MARK}surrogate",
        f"{MARK}hugefloat",
    ]
    return rng.choice(choices)


_SPECIAL = {
    "huge": HUGE, "nan": "NaN", "inf": "Infinity", "-inf": "-Infinity", "hugefloat": "1." + "0" * 5000,
    "deep": "[" * 100_000 + "]" * 100_000, "surrogate": '"\\ud800\\udc00\\udfff x \\ud83d"',
}


def _dumped(data) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for name, literal in _SPECIAL.items():
        text = text.replace(json.dumps(f"{MARK}{name}", ensure_ascii=False), literal)
    return text


def mutate(rng: random.Random, original: dict) -> bytes:
    """One mutated draft file's bytes."""
    data = json.loads(json.dumps(original))
    places = list(_paths(data))[1:]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        kind = rng.randrange(12)
        path, _value = rng.choice(places)
        try:
            if kind <= 1:
                _delete(data, path)
            elif kind <= 5:
                _set(data, path, _wrong_value(rng))
            elif kind == 6:
                data["schema_version"] = rng.choice([2, 99, 0, -1, "1", 1.0, None, 10 ** 40])
            elif kind == 7:
                meta = data.setdefault("meta", {})
                if isinstance(meta, dict):
                    meta["date"] = _wrong_value(rng)
            elif kind == 8:
                _set(data, path, f"{MARK}deep")
            else:
                pass   # text- and byte-level mutations below
        except (KeyError, IndexError, TypeError):
            pass   # an earlier mutation removed the place
        places = list(_paths(data))[1:]
    text = _dumped(data)
    level = rng.randrange(10)
    if level == 0 and '"natural_person"' in text:   # a duplicate key
        text = text.replace('"natural_person": ', '"natural_person": 1, "natural_person": ', 1)
    elif level == 1:
        text = "\ufeff" + text
    elif level == 2:
        cut = rng.randrange(len(text))
        text = text[:cut]
    raw = text.encode("utf-8", "surrogatepass")
    if level == 3:   # invalid UTF-8 and flipped bytes
        raw = bytearray(raw)
        for _ in range(rng.randint(1, 8)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        raw = bytes(raw)
    elif level == 4:
        raw = raw.replace(b"0", b"\xc3\x28", 1)
    return raw


def run_case(path: Path, what: str) -> None:
    with time_limit(what):
        try:
            report = draft.load(path)
        except draft.DraftRepairable as e:
            # offered to open with what is damaged cleared: that draft is usable, and names every place it mended
            assert_chinese_message(e, what)
            loaded = draft.read(path, repair=True)
            assert loaded.repairs and all(place in str(e) for place in loaded.repairs[:8]), what
            assert_usable(loaded.report)
            return
        except draft.DraftError as e:
            assert_chinese_message(e, what)
            return
        assert_usable(report)


def campaign(tmp_path, n: int, seed: int) -> None:
    originals = [json.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]
    assert originals, "resources/examples 中没有草稿"
    rng = random.Random(seed)
    path = tmp_path / "mutated.gkbg.json"
    for case in range(n):
        original = originals[case % len(originals)]
        path.write_bytes(mutate(rng, original))
        try:
            run_case(path, f"第 {case} 个变异草稿（种子 {seed}）")
        except BaseException:
            kept = tmp_path / f"failing-{seed}-{case}.json"
            kept.write_bytes(path.read_bytes())
            print(f"出错的草稿已保存为 {kept}")
            raise


def test_examples_open_unchanged():
    for path in EXAMPLES:
        assert_usable(draft.load(path))


def test_mutated_drafts(tmp_path):
    campaign(tmp_path, cases(100, 0, is_slow=False), SEED)  # the long campaign in the full run


@pytest.mark.slow
def test_mutated_drafts_long_campaign(tmp_path):
    campaign(tmp_path, cases(300, 5_000, is_slow=True), SEED + 1)


@pytest.mark.parametrize("text, words", [
    ('{"schema_version": 1, "meta": {"year": 2025}, "x": ' + "[" * 50_000 + "]" * 50_000 + "}", "嵌套"),
    ('{"schema_version": ' + HUGE + "}", "格式版本"),
    ('{"schema_version": 1, "meta": {"year": 2025, "agency": "\\ud800"}}', "meta.agency"),
    ('{"schema_version": 1, "meta": {"year": 2025, "year": 2024}}', "两个“year”"),
    ('{"schema_version": 1, "meta": {"year": NaN}}', "NaN"),
    ('{"schema_version": 1, "meta": {"year": 2025, "date": "9999-12-31"}}', "meta.date"),
    ('{"schema_version": 1, "meta": {"year": 2025, "date": "20260120"}}', "YYYY-MM-DD"),
    ('{"schema_version": 1, "meta": {"year": 2025}, "tables": {"requests": {"new": {"natural_person": '
     + HUGE + "}}}}", "一个 5,000 位的数"),
])
def test_hostile_drafts_refused_with_their_place(text, words):
    with pytest.raises(draft.DraftError) as caught:
        draft.loads(text)
    assert words in str(caught.value)
    assert_chinese_message(caught.value, text[:40])


def test_fee_saved_in_other_digits_opens_as_ascii():
    data = json.loads(EXAMPLES[0].read_text(encoding="utf-8"))
    data["tables"]["active"]["fees"] = "١٢.٥"
    report = draft.loads(json.dumps(data, ensure_ascii=False))
    assert report.values[next(ref for ref in report.values if ref.key == "fees")] == "12.5"
