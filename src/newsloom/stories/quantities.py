"""Figures about one quantity across a story: the death toll as each article reports it.

What a figure counts is read from the words around it ("12 people died", "the death toll rose to
19": both "killed"); one claim then lists every article's figure, corroborated when all can be
equal and conflicting when some cannot, saying which report is newer when time explains it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from ..models import CONTENT_ROLES, Claim, Support
from . import agreement
from .cluster import content_words
from .provenance import Provenance
from .sentences import split_sentences

QUANTITIES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        # What a number counts, read from the words around it. Order matters: "death toll" before "missing".
        ("killed", r"\b(killed|killing|dead|died|die|deaths?|death toll|toll|bodies|fatalities|lives|victims)\b"),
        ("missing", r"\b(missing|unaccounted)\b"),
        ("injured", r"\b(injured|injuring|wounded|hurt|injuries|hospitali[sz]ed|in hospital|taken to hospital)\b"),
        ("rescued", r"\b(rescued|pulled|saved|survivors|survived)\b"),
        ("arrested", r"\b(arrested|detained|held in custody)\b"),
        ("displaced", r"\b(evacuated|displaced|fled|homeless)\b"),
        ("on board", r"\b(on board|aboard|carrying|passengers)\b"),
        ("protesters", r"\b(protesters|demonstrators|marched|rallied|took part|turnout|crowd)\b"),
    )
)
WINDOW_BEFORE, WINDOW_AFTER = 40, 60  # characters around a figure where its verb or noun usually sits
MEASURES = frozenset({"metre", "metres", "meter", "meters", "m", "km", "kilometre", "kilometres", "kilometer", "kilometers", "mile", "miles", "feet", "foot", "degrees", "degree", "°C", "tonnes", "tons", "kg", "hectares"})
LABEL_WORDS = 6  # a money claim is labelled with what it pays for, in a few words
BEFORE_PENALTY = 1.5  # "12 people died" names its quantity after the number more often than before


def quantity_key(figure: dict[str, Any], text: str) -> str | None:
    """What a figure counts, as a comparable key: "killed", "rescued", "money: aid"...

    Money and percentages compare by their unit and counted noun; counts of people by the event
    word nearest to the number ("12 people died" and "the death toll rose to 19" are both "killed").
    """
    unit = figure.get("unit") or ""
    if unit in ("years of age",) or (figure.get("counts") or "").startswith("duration"):
        return None
    if unit == "fraction":
        return None  # "half of the passengers were pensioners": what a share counts is in its verb, which we do not read
    if unit in MEASURES:
        return None  # "a 15-metre boat": a size, not a count of anything reported
    if unit in ("USD", "EUR", "GBP", "percent"):
        head = [w for w in content_words(figure.get("counts") or "") if w != "share"]
        if not head:
            return None  # an amount of money or a share of something unnamed compares with nothing
        return f"{unit}: {' '.join(head[:2]) if unit == 'percent' else head[-1]}"
    start, end = figure["start"], figure["end"]
    after = re.split(r"[.;]", text[end : end + WINDOW_AFTER])[0]
    before = re.split(r"[.;]", text[max(0, start - WINDOW_BEFORE) : start])[-1]
    best: tuple[float, str] | None = None
    for name, pattern in QUANTITIES:
        for match in pattern.finditer(after):
            distance = match.start()
            if best is None or distance < best[0]:
                best = (distance, name)
        for match in pattern.finditer(before):
            distance = (len(before) - match.end()) * BEFORE_PENALTY
            if best is None or distance < best[0]:
                best = (distance, name)
    if best is None:
        return None
    if best[1] in ("on board", "protesters"):
        noun = content_words(unit)
        return f"{best[1]}: {noun[0] if noun else unit}"  # "passengers and crew": the head comes first
    return best[1]


def figure_claims(documents: Sequence[dict[str, Any]], origin: Provenance) -> list[Claim]:
    """One claim per quantity reported by the story's articles (the death toll, the number rescued),
    with every article's figure: corroborated when all can be equal, conflicting when some cannot."""
    found: dict[str, list[tuple[dict[str, Any], dict[str, Any]]]] = {}
    also: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (quantity, article) -> the figure repeated further on
    for d in documents:
        text = d.get("text", "")
        content = [(ln["start"], ln["end"]) for ln in d.get("lines", []) if ln.get("role") in CONTENT_ROLES]
        seen: dict[str, dict[str, Any]] = {}
        for f in sorted(d.get("figures", []), key=lambda f: f["start"]):
            if not any(s <= f["start"] < e for s, e in content) or agreement.interval(f) is None:
                continue
            key = quantity_key(f, text)
            if key is None:
                continue
            if key in seen:  # an article's first figure for a quantity is its headline figure; the others
                if agreement.agree(seen[key], f) is not False:  # that agree with it are where it says so again
                    also.setdefault((key, d["id"]), []).append(f)
                continue
            seen[key] = f
            found.setdefault(key, []).append((d, f))
    claims = []
    for key, reports in found.items():
        if len({d["id"] for d, _ in reports}) < 2:
            continue  # one article's figure is already a claim through its sentence
        claims.append(_figure_claim(key, reports, origin, also))
    return claims


def _label(key: str, figure: dict[str, Any]) -> str:
    """The quantity as a reader names it: the key compares ("EUR: familie"), the label reads
    ("EUR: fund for the victims' families", "on board: passengers")."""
    kind, _, noun = key.partition(": ")
    if not noun:
        return key
    if kind in ("USD", "EUR", "GBP", "percent") and figure.get("counts"):
        words = figure["counts"].split()
        return f"{kind}: {' '.join(words[:LABEL_WORDS])}{' ...' if len(words) > LABEL_WORDS else ''}"
    return f"{kind}: {figure.get('unit') or noun}"


def _figure_claim(
    key: str, reports: list[tuple[dict[str, Any], dict[str, Any]]], origin: Provenance, also: dict[tuple[str, str], list[dict[str, Any]]]
) -> Claim:
    reports = sorted(reports, key=lambda r: ((r[0].get("published") or {}).get("value") or "9999", r[0].get("source", "")))
    conflict = any(agreement.agree(a[1], b[1]) is False for i, a in enumerate(reports) for b in reports[i + 1 :])
    sources = origin.count(d["id"] for d, _ in reports)
    status = "conflicting" if conflict else "corroborated" if sources >= 2 else "single_source"
    supports = []
    for d, first in reports:
        text = d.get("text", "")
        for f in [first, *also.get((key, d["id"]), [])]:
            line = next((ln for ln in d.get("lines", []) if ln["start"] <= f["start"] < ln["end"]), None)
            start, end = (f["start"], f["end"]) if line is None else next(
                ((s, e) for s, e in split_sentences(text, line["start"], line["end"]) if s <= f["start"] < e), (line["start"], line["end"])
            )
            if not any(x.article == d["id"] and x.start == start for x in supports):
                supports.append(Support(d["id"], d.get("source", ""), d.get("outlet"), start, end, text[start:end]))
    values = "; ".join(f"{f['text']} ({d.get('outlet') or 'unknown outlet'})" for d, f in reports)
    note = ""
    if conflict:
        dated = [(d, f) for d, f in reports if (d.get("published") or {}).get("value")]
        claimants = {f.get("claimed_by") for _d, f in reports if f.get("claimed_by")}
        if len(claimants) > 1:
            note = f"different claimants: {', '.join(sorted(claimants))}. "
        if len({(d.get('published') or {}).get('value') for d, _ in dated}) > 1:
            newest = max(dated, key=lambda r: r[0]["published"]["value"])
            note += f"The newest report is {newest[0].get('outlet') or 'unknown outlet'}'s of {newest[0]['published']['value']}: {newest[1]['text']}."
    label = _label(key, reports[0][1])
    return Claim(
        text=f"{label[0].upper()}{label[1:]}: {values}",
        status=status,  # type: ignore[arg-type]
        independent_sources=sources,
        support=tuple(supports),
        kind="quantity",
        figures=tuple(dict(f, article=d["id"], outlet=d.get("outlet")) for d, f in reports),
        note=note.strip(),
        outlets=tuple(sorted({d.get("outlet") or "unknown outlet" for d, _ in reports})),
    )
