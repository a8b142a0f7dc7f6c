"""Story -> brief: what happened, the claims and who carries them, figures, quotes, a timeline, a map.

`build(documents, stories)` returns the `newsloom brief --format json` document of CONTRACT.md;
every line of it points to article spans (`support`). The renderers turn it into Markdown, a
self-contained HTML page, GeoJSON (places) and TimelineJS JSON (timeline).

>>> brief = build(documents, cluster(documents))   # doctest: +SKIP
>>> print(to_markdown(brief))                      # doctest: +SKIP
"""

from __future__ import annotations

import html
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from ..models import Claim, Story
from .compare import compare
from .provenance import Provenance
from .quotes import quotes_by_speaker
from .sentences import SPEECH_FRAME, split_sentences

SUMMARY_SENTENCES = 5  # "what happened" in 3-5 sentences
DANGLING_OPENERS = frozenset({"He", "She", "They", "It", "This", "These", "Those", "That", "His", "Her", "Their", "Its"})
DATELINE = re.compile(r"[A-ZÀ-Þ][A-ZÀ-Þ .'-]+(?:, [\w .]+?)?(?: \([\w .]+\))? ?[—–-]+ ")
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})
TIMELINE_PRECISIONS = ("day", "month", "year")  # weeks and vague periods make poor timeline points


def build(documents: Sequence[dict[str, Any]], stories: Sequence[Story]) -> dict[str, Any]:
    """The brief of every story, largest first."""
    by_id = {d["id"]: d for d in documents}
    ordered = sorted(stories, key=lambda s: (-len(s.article_ids), s.id))
    return {"stories": [story_brief([by_id[a] for a in s.article_ids if a in by_id], s) for s in ordered]}


def story_brief(documents: Sequence[dict[str, Any]], story: Story) -> dict[str, Any]:
    """One story's brief (CONTRACT.md `stories[]` item)."""
    documents = sorted(documents, key=lambda d: ((d.get("published") or {}).get("value") or "9999", d.get("source", "")))
    claims, origin = compare(documents, story)
    claim_documents = [claim_document(c) for c in claims]
    return {
        "id": story.id,
        "title": _title(documents, claims),
        "articles": [d["id"] for d in documents],
        "sources": [d.get("source") for d in documents],
        "outlets": sorted({d.get("outlet") or "unknown outlet" for d in documents}),
        "independent_sources": origin.count(d["id"] for d in documents),
        "independent_source_names": origin.names(d["id"] for d in documents),
        "published": _span_of_dates(documents),
        "summary": _summary(documents, claims),
        "claims": claim_documents,
        "quotes_by_speaker": quotes_by_speaker(documents),
        "figures": _figures(documents),
        "timeline": timeline(documents),
        "places": places_geojson(documents),
        "outlets_compared": _outlets_compared(documents, claims),
        "wire_provenance": _wire_provenance(documents, story, origin),
    }


def claim_document(claim: Claim) -> dict[str, Any]:
    return {
        "text": claim.text,
        "status": claim.status,
        "kind": claim.kind,
        "independent_sources": claim.independent_sources,
        "outlets": list(claim.outlets),
        "speaker": claim.speaker,
        "note": claim.note,
        "figures": [
            {k: f.get(k) for k in ("text", "value", "low", "high", "qualifier", "unit", "counts", "claimed_by", "article")}
            for f in claim.figures
        ],
        "support": [
            {"article": s.article, "source": s.source, "outlet": s.outlet, "start": s.start, "end": s.end, "text": s.text}
            for s in claim.support
        ],
    }


def _title(documents: Sequence[dict[str, Any]], claims: Sequence[Claim]) -> str:
    """The headline of the article that shares most words with the story's best-supported claims."""
    titles = [d["title"] for d in documents if d.get("title")]
    if not titles:
        lede = claims[0].text if claims else ""
        return _shorten(lede, 16)
    key_words = Counter(w for c in claims[:8] for w in re.findall(r"[a-z]{4,}", c.text.lower()))
    return max(titles, key=lambda t: sum(key_words[w] for w in set(re.findall(r"[a-z]{4,}", t.lower()))))


def _shorten(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _span_of_dates(documents: Sequence[dict[str, Any]]) -> dict[str, str | None]:
    values = sorted((d.get("published") or {}).get("value") for d in documents if (d.get("published") or {}).get("value"))
    return {"first": values[0] if values else None, "last": values[-1] if values else None}


def _summary(documents: Sequence[dict[str, Any]], claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """What happened: the best-supported sentences of narration, ledes first, in 3-5 sentences.

    Each claim stands for the whole sentences its spans lie in (a reported statement is often a
    clause: "its army had begun retreating", without the "Moscow said" that frames it). A candidate
    sentence is narration: not a figure row, a headline, a quotation or the bare frame of one
    ("Rui Valadares, the commander, told reporters."). The most widely carried are chosen, earlier
    ones first among equals (news tells what happened in the lede), and they are told in the order
    of their place in the articles.
    """
    by_id = {d["id"]: d for d in documents}
    candidates: list[tuple[Claim, list[dict[str, Any]], float]] = []
    seen: set[tuple[str, int]] = set()
    for claim in claims:
        if claim.kind == "quantity" or claim.status == "conflicting":
            continue  # a figure row ("Killed: 12 (...); 19 (...)") or a disputed claim is not what happened
        support = [s for s in (_sentence_support(by_id.get(x.article), x) for x in claim.support) if s]
        if not support or (support[0]["article"], support[0]["start"]) in seen or not _narrates(support[0]["text"]):
            continue
        if _inside_quote(by_id[support[0]["article"]], support[0]) or _follows_quote(by_id[support[0]["article"]], support[0]):
            continue  # a quotation's words (or their frame: '"...," the mayor said.') belong with the quotes
        seen.add((support[0]["article"], support[0]["start"]))
        place = min(s["start"] / max(1, len(by_id[s["article"]].get("text") or "")) for s in support)
        candidates.append((claim, support, place))
    published = {d["id"]: (d.get("published") or {}).get("value") or "9999" for d in documents}
    candidates.sort(key=lambda c: (-c[0].independent_sources, round(c[2], 1)))
    chosen: list[tuple[Claim, list[dict[str, Any]], float]] = []
    for candidate in candidates:
        if not any(_overlap(candidate[1][0]["text"], c[1][0]["text"]) > 0.5 for c in chosen):
            chosen.append(candidate)
        if len(chosen) >= SUMMARY_SENTENCES:
            break
    return [
        {"text": support[0]["text"], "status": claim.status, "outlets": list(claim.outlets), "independent_sources": claim.independent_sources, "support": support}
        for claim, support, _place in sorted(chosen, key=lambda c: (min(published[s["article"]] for s in c[1]), c[2]))
    ]


def _sentence_support(document: dict[str, Any] | None, support: Any) -> dict[str, Any] | None:
    """The whole sentence(s) of a content line that a claim's span lies in, as a support record."""
    if document is None:
        return None
    text = document.get("text") or ""
    line = next(
        ((ln["start"], ln["end"]) for ln in document.get("lines", []) if ln.get("role") == "body" and ln["start"] <= support.start < ln["end"]),
        None,
    )
    if line is None:
        return None  # a headline or a caption, not a sentence of narration
    sentences = split_sentences(text, *line)
    start = next((s for s, e in sentences if s <= support.start < e), support.start)
    end = next((e for s, e in sentences if s < support.end <= e), support.end)
    if dateline := DATELINE.match(text, start, end):
        start = dateline.end()  # "PESO DA RÉGUA, Portugal (MPA) — " places the report, it is not the news
    return {"article": support.article, "source": support.source, "outlet": support.outlet, "start": start, "end": end, "text": text[start:end].strip()}


def _follows_quote(document: dict[str, Any], support: dict[str, Any]) -> bool:
    """Whether a sentence comes right after a closing quotation mark: the rest of the quote's sentence."""
    return (document.get("text") or "")[: support["start"]].rstrip(" \t").endswith(("”", '"', "’", ",'"))  # on its line


def _inside_quote(document: dict[str, Any], support: dict[str, Any]) -> bool:
    """Whether a sentence lies inside one of the article's quotations (give or take its marks)."""
    return any(q["start"] <= support["start"] + 2 and support["end"] - 2 <= q["end"] for q in document.get("quotes") or ())


def _narrates(text: str) -> bool:
    """Whether a sentence reads well on its own in a summary: whole, told by the outlet."""
    if len(text.split()) < 8:
        return False  # a fragment
    if text.startswith(("\"", "“", "'", "‘", "’")) or not text[0].isupper():
        return False  # a quotation, or a clause cut from one
    words = text.split()
    if words[0] in DANGLING_OPENERS:
        return False  # "She will meet them on Tuesday": out of its article, nobody knows who she is
    named = next((k for k, w in enumerate(words[1:], start=1) if w[:1].isupper()), len(words))
    if any(w.strip(",.;:").lower() in PERSONAL_PRONOUNS for w in words[:named]):
        return False  # "Local media identified him as ...": who "him" is was said before
    if not text.rstrip("\"”’'").endswith((".", "!")):
        return False  # a clause, or a sentence running on into the next line
    return not SPEECH_FRAME.fullmatch(text.rstrip())


def _overlap(a: str, b: str) -> float:
    x, y = set(a.lower().split()), set(b.lower().split())
    return len(x & y) / (min(len(x), len(y)) or 1)


def _figures(documents: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for d in documents:
        for f in d.get("figures", []):
            rows.append(dict(f, article=d["id"], outlet=d.get("outlet"), source=d.get("source")))
    return rows


def timeline(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """TimelineJS JSON: one event per dated sentence, the same date and words across articles merged."""
    events: dict[tuple[str, str], dict[str, Any]] = {}
    for d in documents:
        text = d.get("text", "")
        content = [(ln["start"], ln["end"]) for ln in d.get("lines", []) if ln.get("role") in ("title", "body", "heading")]
        for date in d.get("dates", []):
            value, precision = date.get("value"), date.get("precision")
            if not value or precision not in TIMELINE_PRECISIONS or "/" in str(value):
                continue
            line = next(((s, e) for s, e in content if s <= date["start"] < e), None)
            if line is None:
                continue
            start, end = next(((s, e) for s, e in split_sentences(text, *line) if s <= date["start"] < e), line)
            sentence = text[start:end].strip()
            key = (str(value), _event_key(sentence))
            # TimelineJS reads `text` as HTML: the article's words are escaped, only our <small> is markup.
            event = events.setdefault(
                key,
                {"start_date": _timeline_date(str(value)), "text": {"headline": html.escape(_shorten(sentence, 12)), "text": html.escape(sentence)}, "articles": [], "support": []},
            )
            if d["id"] not in event["articles"]:
                event["articles"].append(d["id"])
                event["support"].append({"article": d["id"], "source": d.get("source"), "outlet": d.get("outlet"), "start": start, "end": end, "text": sentence})
    ordered = sorted(events.items(), key=lambda kv: kv[0][0])
    out = []
    for i, ((value, _), event) in enumerate(ordered):
        outlets = sorted({s["outlet"] or "unknown outlet" for s in event["support"]})
        event["text"]["text"] += f" <small>({', '.join(outlets)})</small>"
        event["unique_id"] = f"event-{i + 1}"
        event["date"] = value
        out.append(event)
    return {"events": out}


def _event_key(sentence: str) -> str:
    words = sorted(set(re.findall(r"[a-z]{5,}", sentence.lower())))
    return " ".join(words[:6])


def _timeline_date(value: str) -> dict[str, str]:
    parts = value.split("-")
    keys = ("year", "month", "day")
    return {k: str(int(p)) for k, p in zip(keys, parts, strict=False) if p.isdigit()}


def places_geojson(documents: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """GeoJSON points for the story's places, with the articles that name them."""
    merged: dict[tuple[str, float, float], dict[str, Any]] = {}
    for d in documents:
        for p in d.get("places", []):
            if p.get("lat") is None or p.get("lon") is None:
                continue
            key = (p["name"], round(p["lat"], 2), round(p["lon"], 2))
            props = merged.setdefault(
                key,
                {"name": p["name"], "kind": p.get("kind"), "country": p.get("country"), "geonames_id": p.get("geonames_id"), "articles": [], "mentions": 0},
            )
            if d["id"] not in props["articles"]:
                props["articles"].append(d["id"])
            props["mentions"] += len(p.get("mentions", []))
    features = [
        {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
        for (_name, lat, lon), props in sorted(merged.items(), key=lambda kv: -kv[1]["mentions"])
    ]
    return {"type": "FeatureCollection", "features": features}


def _outlets_compared(documents: Sequence[dict[str, Any]], claims: Sequence[Claim]) -> list[dict[str, Any]]:
    """Per outlet: the claims only it (or only copies of its source) carries."""
    only: dict[str, list[str]] = defaultdict(list)
    for claim in claims:
        if claim.status == "single_source" and len(claim.outlets) == 1 and claim.kind != "quote":
            only[claim.outlets[0]].append(claim.text)
    outlets = sorted({d.get("outlet") or "unknown outlet" for d in documents})
    return [{"outlet": o, "only_here": only.get(o, [])} for o in outlets]


def _wire_provenance(documents: Sequence[dict[str, Any]], story: Story, origin: Provenance) -> dict[str, Any]:
    out = {}
    for d in documents:
        out[d["id"]] = {
            "source": d.get("source"),
            "outlet": d.get("outlet"),
            "wire_agencies": d.get("wire_agencies", []),
            "copy_of": story.wire_copies.get(d["id"]),
            "independent_source": origin.labels[origin.source_of[d["id"]]],
        }
    return out
