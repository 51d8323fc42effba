"""Where a report stands: quartiles among the folder's reports of its level and year, and what stands out.

A figure is flagged when it
- jumps fivefold from last year's report in the folder, up or down (and the larger is at least ``JUMP_FLOOR``,
  so that 1 → 5 requests is not news);
- is a share far below the peers (公开率) or far above them (纠错率): beyond Tukey's fence (1.5 × the
  interquartile range past P25 / P75) and at least ``RATE_GAP`` from the median, among ``MIN_PEERS`` or more,
  and only when the share is taken of ``MIN_BASE`` or more (1 case of 1 corrected says little).
"""
from __future__ import annotations

import statistics
from collections import defaultdict

from .entries import Flag, Quartiles, ReviewEntry
from .figures import KEY_FIGURES, format_figure

JUMP_FACTOR = 5
JUMP_FLOOR = 10
MIN_PEERS = 4
RATE_GAP = 0.25
MIN_BASE = 5


def quartiles(values: list[float]) -> Quartiles:
    ordered = sorted(values)
    if len(ordered) == 1:
        v = float(ordered[0])
        return Quartiles(v, v, v, 1)
    p25, p50, p75 = statistics.quantiles(ordered, n=4, method="inclusive")
    return Quartiles(p25, p50, p75, len(ordered))


def peer_quartiles(entries: list[ReviewEntry]) -> dict[tuple[str, int], dict[str, Quartiles]]:
    """(level, year) → key figure → its quartiles among the readable reports of that level and year."""
    values: dict[tuple[str, int], dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for e in entries:
        if not e.readable or not e.level or e.year is None:
            continue
        for f in KEY_FIGURES:
            v = e.figures.get(f.key)
            if v is not None:
                values[(e.level, e.year)][f.key].append(v)
    return {peer: {key: quartiles(vs) for key, vs in sorted(figs.items())} for peer, figs in sorted(values.items())}


def jump_flags(entry: ReviewEntry, prior: ReviewEntry) -> list[Flag]:
    flags = []
    for f in KEY_FIGURES:
        if f.rate:
            continue
        now, last = entry.figures.get(f.key), prior.figures.get(f.key)
        if now is None or last is None:
            continue
        larger, smaller = max(now, last), min(now, last)
        if larger >= JUMP_FLOOR and larger >= JUMP_FACTOR * max(smaller, 1):
            if now > last:
                how = f"增至 {now}（上年的 {now / last:.1f} 倍）" if last else f"增至 {now}（上年为 0）"
            else:
                how = f"降至 {now}（不足上年的五分之一）"
            flags.append(Flag(f.key, "jump", f"{f.name}由 {prior.year} 年的 {last} {how}，请核实"))
    return flags


def peer_flags(entry: ReviewEntry, peers: dict[str, Quartiles]) -> list[Flag]:
    flags = []
    for f in KEY_FIGURES:
        q = peers.get(f.key)
        value = entry.figures.get(f.key)
        if q is None or value is None or q.count < MIN_PEERS:
            continue
        if f.base and (entry.figures.get(f.base) or 0) < MIN_BASE:
            continue
        spread = 1.5 * (q.p75 - q.p25)
        where = f"同级同年（{entry.level}，{entry.year} 年，{q.count} 份）"
        if f.low_is_risk and value < q.p25 - spread and value <= q.p50 - RATE_GAP:
            flags.append(Flag(f.key, "low", f"{f.name} {format_figure(f, value)}，远低于{where}的中位数 "
                                            f"{format_figure(f, q.p50)}（P25 {format_figure(f, q.p25)}）"))
        if f.high_is_risk and value > q.p75 + spread and value >= q.p50 + RATE_GAP:
            flags.append(Flag(f.key, "high", f"{f.name} {format_figure(f, value)}，远高于{where}的中位数 "
                                             f"{format_figure(f, q.p50)}（P75 {format_figure(f, q.p75)}）"))
    return flags
