"""Score `newsloom analyze` documents against per-article gold in the ../shared/gold format.

Matching is lenient on form (quote marks, white space, case) and strict on substance (speaker,
value, coordinates), like the shared scorer, so that our floors mean the same thing as its figures.
Categories: lines(body), outlet, wire, title, published, quotes(content), quotes(+speaker),
reported(+speaker), figures(value), figures(+qualifier), figures(+claimed_by), dates(value),
places(@161km), entities(canonical), entities(clusters) (pairwise F1 over mention occurrences).

Gold for text files gives `line_roles` by line number; gold for HTML-like sources gives
`paragraph_roles` (exact visible blocks), scored by finding each block among the output's lines.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import combinations
from pathlib import Path
from typing import Any

from ..errors import GoldError
from ..stages.clean import outlet_key
from .scores import PRF, kilometres, match, norm, same_name, token_overlap

CONTENT = ("body", "heading", "title")
PLACE_RADIUS_KM = 161  # 100 miles: the usual geocoding tolerance (Leidner; mordecai)


def load_gold(gold_dir: Path) -> dict[str, dict[str, Any]]:
    """Gold files by article name (the file name without `.json`); story files are skipped."""
    gold = {}
    for path in sorted(Path(gold_dir).glob("*.json")):
        if path.name in ("story.json", "stories.json"):
            continue
        try:
            document = json.loads(path.read_text("utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise GoldError(f"{path}: not a gold JSON file ({exc})") from exc
        gold[document.get("article") or path.name.removesuffix(".json")] = document
    if not gold:
        raise GoldError(f"{gold_dir}: no gold files (*.json) found")
    return gold


def article_name(document: dict[str, Any]) -> str:
    """How gold names an article: the base name of its source ("feed.rss#2" for a feed's 2nd entry)."""
    return Path(str(document.get("source", ""))).name


def score(documents: Sequence[dict[str, Any]], gold: dict[str, dict[str, Any]]) -> dict[str, PRF]:
    """Scores per category over every gold article; an article missing from the output scores zero."""
    by_name = {article_name(d): d for d in documents}
    totals: dict[str, PRF] = {}

    def add(category: str, tp: int, n_system: int, n_gold: int) -> None:
        totals.setdefault(category, PRF()).add(tp, n_system, n_gold)

    for name, g in gold.items():
        d = by_name.get(name, {})
        _score_lines(d, g, add)
        add("outlet", int(outlet_key(d.get("outlet")) == outlet_key(g.get("outlet"))), 1, 1)
        gold_wire, system_wire = {norm(x) for x in g.get("wire_agencies", [])}, {norm(x) for x in d.get("wire_agencies", [])}
        add("wire", len(gold_wire & system_wire), len(system_wire), len(gold_wire))
        add("title", int(norm(d.get("title")) == norm(g.get("title"))), 1, 1)
        gold_published = (g.get("published") or {}).get("value")
        system_published = (d.get("published") or {}).get("value")
        add("published", int(str(system_published) == str(gold_published)), 1, 1)
        _score_quotes(d, g, add)
        _score_figures(d, g, add)
        _score_dates(d, g, add)
        _score_places(d, g, add)
        _score_entities(d, g, add)
    return totals


def _score_lines(d: dict[str, Any], g: dict[str, Any], add: Any) -> None:
    if "line_roles" in g:
        roles = {int(k): v for k, v in g["line_roles"].items()}
        system = {int(line["n"]): line.get("role") for line in d.get("lines", [])}
        tp = sum(1 for n, r in roles.items() if r in CONTENT and system.get(n) in CONTENT)
        n_system = sum(1 for n, r in system.items() if r in CONTENT and n in roles)
        add("lines(body)", tp, n_system, sum(1 for r in roles.values() if r in CONTENT))
    elif "paragraph_roles" in g:
        add("lines(body)", *paragraph_line_counts(d, g["paragraph_roles"]))


def paragraph_line_counts(d: dict[str, Any], paragraph_roles: Sequence[dict[str, str]]) -> tuple[int, int, int]:
    """(tp, system, gold) for HTML gold: each visible block is content in the output when a content
    line contains it; a block the extractor dropped counts as not content."""
    text = d.get("text", "")
    content = [norm(text[line["start"] : line["end"]]) for line in d.get("lines", []) if line.get("role") in CONTENT]
    other = [norm(text[line["start"] : line["end"]]) for line in d.get("lines", []) if line.get("role") not in CONTENT]
    tp = n_system = n_gold = 0
    for block in paragraph_roles:
        key = norm(block["text"])
        if not key:
            continue
        system_content = any(_same_block(key, line) for line in content)
        system_other = any(_same_block(key, line) for line in other)
        gold_content = block["role"] in CONTENT
        n_gold += gold_content
        n_system += system_content and (gold_content or not system_other)
        tp += system_content and gold_content
    return tp, n_system, n_gold


def _same_block(block: str, line: str) -> bool:
    """A visible block is this output line: equal, or one holds most of the other (a nav item
    "Portugal" is not the body line that mentions Portugal)."""
    if not block or not line:
        return False
    short, long = sorted((block, line), key=len)
    return short in long and len(short) > 0.6 * len(long)


def _score_quotes(d: dict[str, Any], g: dict[str, Any], add: Any) -> None:
    quotes, gold_quotes = d.get("quotes", []), g.get("quotes", [])
    same_text = lambda a, b: token_overlap(a["text"], b.get("text", "")) >= 0.8  # noqa: E731
    add("quotes(content)", match(gold_quotes, quotes, same_text), len(quotes), len(gold_quotes))
    add(
        "quotes(+speaker)",
        match(gold_quotes, quotes, lambda a, b: same_text(a, b) and same_name(a.get("speaker"), b.get("speaker"))),
        len(quotes),
        len(gold_quotes),
    )
    speech, gold_speech = d.get("reported_speech", []), g.get("reported_speech", [])
    add(
        "reported(+speaker)",
        match(
            gold_speech,
            speech,
            lambda a, b: same_name(a.get("speaker"), b.get("speaker")) and token_overlap(a["content"], b.get("content", "")) >= 0.3,
        ),
        len(speech),
        len(gold_speech),
    )


def _same_figure(a: dict[str, Any], b: dict[str, Any]) -> bool:
    x, y = norm(a["text"]), norm(b.get("text", ""))
    if not y or not (x in y or y in x):
        return False
    return all(a.get(k) == b.get(k) for k in ("value", "low", "high") if a.get(k) is not None)


def _score_figures(d: dict[str, Any], g: dict[str, Any], add: Any) -> None:
    figures, gold_figures = d.get("figures", []), g.get("figures", [])
    add("figures(value)", match(gold_figures, figures, _same_figure), len(figures), len(gold_figures))
    add(
        "figures(+qualifier)",
        match(gold_figures, figures, lambda a, b: _same_figure(a, b) and a.get("qualifier") == b.get("qualifier")),
        len(figures),
        len(gold_figures),
    )
    claimed = [f for f in gold_figures if f.get("claimed_by")]
    system_claimed = [f for f in figures if f.get("claimed_by")]
    add(
        "figures(+claimed_by)",
        match(claimed, figures, lambda a, b: _same_figure(a, b) and same_name(a["claimed_by"], b.get("claimed_by"))),
        len(system_claimed),
        len(claimed),
    )


def _score_dates(d: dict[str, Any], g: dict[str, Any], add: Any) -> None:
    dates = [x for x in d.get("dates", []) if x.get("value")]
    gold_dates = [x for x in g.get("dates", []) if x.get("value")]
    add(
        "dates(value)",
        match(gold_dates, dates, lambda a, b: norm(a["text"]) in norm(b.get("text", "")) and str(a["value"]) == str(b.get("value"))),
        len(dates),
        len(gold_dates),
    )


def _score_places(d: dict[str, Any], g: dict[str, Any], add: Any) -> None:
    places, gold_places = d.get("places", []), g.get("places", [])

    def near(a: dict[str, Any], b: dict[str, Any]) -> bool:
        names = {norm(a["name"])} | {norm(m) for m in a.get("mentions", [])}
        if norm(b.get("name")) not in names or b.get("lat") is None:
            return False
        return kilometres(a["lat"], a["lon"], b["lat"], b["lon"]) <= PLACE_RADIUS_KM

    add("places(@161km)", match(gold_places, places, near), len(places), len(gold_places))


def _score_entities(d: dict[str, Any], g: dict[str, Any], add: Any) -> None:
    entities, gold_entities = d.get("entities", []), g.get("entities", [])
    add(
        "entities(canonical)",
        match(gold_entities, entities, lambda a, b: norm(a["canonical"]) == norm(b.get("canonical"))),
        len(entities),
        len(gold_entities),
    )
    gold_pairs = _mention_pairs([[(o["start"], o["end"]) for o in e.get("occurrences", []) if o.get("start") is not None] for e in gold_entities])
    if not gold_pairs:
        return
    gold_spans = {s for e in gold_entities for o in e.get("occurrences", []) if o.get("start") is not None for s in [(o["start"], o["end"])]}
    # Only mentions the gold also marks take part: this scores the grouping, not the detection.
    system_clusters = [[(m["start"], m["end"]) for m in e.get("mentions", []) if _overlaps_any((m["start"], m["end"]), gold_spans)] for e in entities]
    system_pairs = _mention_pairs(system_clusters)
    gold_snapped = {frozenset(_snap(x, gold_spans) for x in pair) for pair in gold_pairs}
    system_snapped = {frozenset(_snap(x, gold_spans) for x in pair) for pair in system_pairs}
    system_snapped = {p for p in system_snapped if len(p) == 2}
    add("entities(clusters)", len(gold_snapped & system_snapped), len(system_snapped), len(gold_snapped))


def _mention_pairs(clusters: Sequence[Sequence[tuple[int, int]]]) -> set[frozenset[tuple[int, int]]]:
    return {frozenset(p) for c in clusters for p in combinations(sorted(set(c)), 2)}


def _overlaps_any(span: tuple[int, int], spans: set[tuple[int, int]]) -> bool:
    return any(s < span[1] and span[0] < e for s, e in spans)


def _snap(span: tuple[int, int], spans: set[tuple[int, int]]) -> tuple[int, int]:
    """The gold span a system span overlaps ("the Dnieper River" vs "Dnieper River")."""
    if span in spans:
        return span
    return next((s for s in spans if s[0] < span[1] and span[0] < s[1]), span)
