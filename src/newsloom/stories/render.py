"""A brief as Markdown, as one self-contained HTML page, as GeoJSON or as TimelineJS JSON.

Article text is untrusted: HTML output goes through Jinja2 with autoescaping on, and Markdown
output escapes the characters Markdown would read as markup.
"""

from __future__ import annotations

import json
import math
import re
from importlib import resources
from typing import Any

import jinja2

STATUS_MARK = {"corroborated": "✔ corroborated", "conflicting": "⚠ conflicting", "single_source": "• one source"}
MAX_CLAIMS_SHOWN = 40  # a brief is read, not searched: the web page shows every claim


def _md(text: Any) -> str:
    """Escape Markdown markup in article text."""
    return re.sub(r"([\\`*_{}\[\]<>#|])", r"\\\1", " ".join(str(text or "").split()))


def _cite(support: list[dict[str, Any]]) -> str:
    parts = []
    for s in support:
        parts.append(f"{_md(s.get('outlet') or 'unknown outlet')} [{s['article'][:8]}:{s['start']}-{s['end']}]")
    return "; ".join(parts)


def to_markdown(brief: dict[str, Any]) -> str:
    """The brief of each story as Markdown, every line with its sources and article spans."""
    out: list[str] = []
    for story in brief["stories"]:
        out.append(f"# {_md(story['title'])}\n")
        first, last = story["published"]["first"], story["published"]["last"]
        dates = f"{first} to {last}" if first and last and first != last else (first or "undated")
        out.append(
            f"{len(story['articles'])} articles from {len(story['outlets'])} outlets "
            f"({', '.join(_md(o) for o in story['outlets'])}), {story['independent_sources']} independent sources "
            f"({', '.join(_md(s) for s in story['independent_source_names'])}); {dates}.\n"
        )
        out.append("## What happened\n")
        for item in story["summary"]:
            out.append(f"- {_md(item['text'])} — {_cite(item['support'])}")
        out.append("\n## Key claims\n")
        claims = story["claims"]
        shown = [c for c in claims if c["status"] != "single_source"] + [c for c in claims if c["status"] == "single_source"]
        for c in shown[:MAX_CLAIMS_SHOWN]:
            note = f" _{_md(c['note'])}_" if c.get("note") else ""
            out.append(f"- **{STATUS_MARK[c['status']]}** ({c['independent_sources']} src) {_md(c['text'])} — {_cite(c['support'])}{note}")
        if len(shown) > MAX_CLAIMS_SHOWN:
            out.append(f"- … and {len(shown) - MAX_CLAIMS_SHOWN} more claims (see `--format json`).")
        out.append("\n## Figures\n")
        out.append("| figure | counts | claimed by | outlet |\n|---|---|---|---|")
        for f in story["figures"]:
            if f.get("value") is None and f.get("low") is None and f.get("high") is None:
                continue
            out.append(f"| {_md(f['text'])} | {_md(f.get('counts') or f.get('unit') or '')} | {_md(f.get('claimed_by') or '')} | {_md(f.get('outlet') or '')} |")
        out.append("\n## Quotes by speaker\n")
        for speaker, quotes in story["quotes_by_speaker"].items():
            out.append(f"**{_md(speaker)}**\n")
            for q in quotes:
                variants = "".join(f"\n  - variant ({_md(v['outlet'])}): “{_md(v['text'])}”" for v in q["variants"])
                out.append(f"- “{_md(q['text'])}” — {_md(q['outlet'])} [{q['article'][:8]}:{q['start']}-{q['end']}]{variants}")
            out.append("")
        out.append("## Timeline\n")
        for e in story["timeline"]["events"]:
            outlets = sorted({s["outlet"] or "unknown outlet" for s in e["support"]})
            out.append(f"- **{e['date']}** {_md(e['support'][0]['text'])} ({', '.join(_md(o) for o in outlets)})")
        out.append("\n## Places\n")
        for feature in story["places"]["features"]:
            p = feature["properties"]
            lon, lat = feature["geometry"]["coordinates"]
            out.append(f"- {_md(p['name'])} ({p.get('kind')}, {p.get('country') or '—'}) {lat:.2f}, {lon:.2f}")
        out.append("\n## Only here\n")
        for o in story["outlets_compared"]:
            if o["only_here"]:
                out.append(f"- **{_md(o['outlet'])}**: " + " / ".join(_md(t) for t in o["only_here"][:6]))
        out.append("\n## Wire provenance\n")
        for _article, w in story["wire_provenance"].items():
            copy = f", copy of {w['copy_of'][:8]}" if w.get("copy_of") else ""
            wires = ", ".join(w["wire_agencies"]) or "own reporting"
            out.append(f"- {_md(w['outlet'] or 'unknown outlet')} ({_md(w['source'])}): {wires}{copy}; source counted as {_md(w['independent_source'])}")
        out.append("\n---\n")
    return "\n".join(out).rstrip("-\n") + "\n"


def _environment() -> jinja2.Environment:
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _project(features: list[dict[str, Any]], width: int = 640, height: int = 320) -> dict[str, Any]:
    """Points of a GeoJSON collection placed in an SVG box (equirectangular, fitted with a margin)."""
    points = [(f["geometry"]["coordinates"][0], f["geometry"]["coordinates"][1], f["properties"]) for f in features]
    if not points:
        return {"points": [], "width": width, "height": height}
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    margin = 2.0
    west, east = min(lons) - margin, max(lons) + margin
    south, north = min(lats) - margin, max(lats) + margin
    scale = min(width / (east - west), height / (north - south)) * 0.9
    x0 = (width - (east - west) * scale) / 2
    y0 = (height - (north - south) * scale) / 2
    placed = [
        {"x": round(x0 + (lon - west) * scale, 1), "y": round(y0 + (north - lat) * scale, 1), "r": round(3 + 2 * math.log1p(p["mentions"]), 1), "name": p["name"], "mentions": p["mentions"]}
        for lon, lat, p in points
    ]
    return {"points": placed, "width": width, "height": height}


def to_html(brief: dict[str, Any]) -> str:
    """One HTML page, readable offline: no script, no external resource; article text escaped."""
    template = _environment().from_string(resources.files("newsloom.data").joinpath("brief.html.j2").read_text("utf-8"))
    stories = [dict(s, map=_project(s["places"]["features"])) for s in brief["stories"]]
    return template.render(stories=stories, status_mark=STATUS_MARK)


def to_geojson(brief: dict[str, Any]) -> str:
    """Every story's places in one FeatureCollection; each feature says its story."""
    features = [dict(f, properties=dict(f["properties"], story=s["id"])) for s in brief["stories"] for f in s["places"]["features"]]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1)


def to_timeline(brief: dict[str, Any]) -> str:
    """TimelineJS JSON of the largest story (TimelineJS shows one timeline per document)."""
    story = brief["stories"][0] if brief["stories"] else {"title": "", "timeline": {"events": []}}
    document = {"title": {"text": {"headline": story["title"]}}, "events": story["timeline"]["events"]}
    return json.dumps(document, ensure_ascii=False, indent=1)
