"""Brief and analysis documents -> what the templates draw: plain data, escaped by the templates.

Article text is untrusted. Nothing here builds HTML from it except the TimelineJS payload, which
TimelineJS reads as HTML: there every piece of article text goes through `html.escape` first.

>>> mark("corroborated"), mark("conflicting"), mark("single_source")
('agree', 'conflict', 'only')
"""

from __future__ import annotations

import html
import math
from typing import Any
from urllib.parse import urlencode

MARKS = {"corroborated": "agree", "conflicting": "conflict", "single_source": "only"}
MAP_WIDTH, MAP_HEIGHT = 640, 320  # the fallback map: the width of the page's main column, 2:1
MAP_MARGIN_DEGREES = 1.0  # room around the outermost places so their markers are not cut


def mark(status: str) -> str:
    """The matrix mark of a claim an outlet carries: agree, conflict or only (here)."""
    return MARKS[status]


def span_link(article: str, start: int | None, end: int | None) -> str:
    """The article page with one span highlighted and scrolled to."""
    if start is None or end is None:
        return f"/articles/{article}"
    return f"/articles/{article}?{urlencode({'start': start, 'end': end})}#claim-target"


def claim_rows(brief: dict[str, Any], limit: int | None = None) -> list[dict[str, Any]]:
    """Rows of the claims x outlets matrix (the first `limit` claims): per outlet, its mark and span."""
    rows = []
    for claim in brief["claims"][:limit]:
        cells = {}
        for support in claim["support"]:
            outlet = support.get("outlet") or "unknown outlet"
            if outlet not in cells:
                cells[outlet] = {"mark": mark(claim["status"]), "link": span_link(support["article"], support["start"], support["end"])}
        first = claim["support"][0] if claim["support"] else None
        rows.append(
            {
                "text": claim["text"],
                "status": claim["status"],
                "kind": claim.get("kind"),
                "note": claim.get("note") or "",
                "independent_sources": claim["independent_sources"],
                "link": span_link(first["article"], first["start"], first["end"]) if first else None,
                "cells": cells,
            }
        )
    return rows


def timeline_payload(brief: dict[str, Any]) -> dict[str, Any]:
    """TimelineJS data for the story, every piece of article text HTML-escaped (TimelineJS reads HTML)."""
    events = []
    for event in brief["timeline"]["events"]:
        support = event.get("support") or []
        sentence = support[0]["text"] if support else event["text"].get("headline", "")
        outlets = sorted({s.get("outlet") or "unknown outlet" for s in support})
        links = " ".join(
            f'<a href="{html.escape(span_link(s["article"], s["start"], s["end"]))}">{html.escape(s.get("outlet") or "unknown outlet")}</a>' for s in support
        )
        events.append(
            {
                "start_date": event["start_date"],
                "unique_id": event.get("unique_id"),
                "text": {
                    "headline": html.escape(event["text"].get("headline", "")),
                    "text": f"<p>{html.escape(sentence)}</p><p class=\"timeline-sources\">{html.escape(', '.join(outlets))}: {links}</p>",
                },
            }
        )
    return {"title": {"text": {"headline": html.escape(brief["title"])}}, "events": events}


def map_points(places: dict[str, Any]) -> dict[str, Any]:
    """The places placed in an SVG box (equirectangular, fitted): the map without Leaflet."""
    features = places.get("features", [])
    points = [(f["geometry"]["coordinates"][0], f["geometry"]["coordinates"][1], f["properties"]) for f in features]
    if not points:
        return {"points": [], "width": MAP_WIDTH, "height": MAP_HEIGHT}
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    west, east = min(lons) - MAP_MARGIN_DEGREES, max(lons) + MAP_MARGIN_DEGREES
    south, north = min(lats) - MAP_MARGIN_DEGREES, max(lats) + MAP_MARGIN_DEGREES
    scale = min(MAP_WIDTH / (east - west), MAP_HEIGHT / (north - south)) * 0.9
    x0 = (MAP_WIDTH - (east - west) * scale) / 2
    y0 = (MAP_HEIGHT - (north - south) * scale) / 2
    placed = [
        {
            "x": round(x0 + (lon - west) * scale, 1),
            "y": round(y0 + (north - lat) * scale, 1),
            "r": round(3 + 2 * math.log1p(p.get("mentions", 1)), 1),
            "name": p["name"],
            "mentions": p.get("mentions", 1),
        }
        for lon, lat, p in points
    ]
    return {"points": placed, "width": MAP_WIDTH, "height": MAP_HEIGHT}


def map_payload(places: dict[str, Any]) -> list[dict[str, Any]]:
    """What map.js needs of each place: name, position, weight (no HTML: it sets text, not markup)."""
    out = []
    for feature in places.get("features", []):
        lon, lat = feature["geometry"]["coordinates"]
        props = feature["properties"]
        out.append({"name": props["name"], "lat": lat, "lon": lon, "mentions": props.get("mentions", 1), "kind": props.get("kind")})
    return out


def quotes_view(quotes_by_speaker: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Speakers and their quotes, each with a link to where it was printed."""
    return [
        {
            "speaker": speaker,
            "quotes": [
                dict(
                    q,
                    link=span_link(q["article"], q.get("start"), q.get("end")),
                    variants=[dict(v, link=span_link(v["article"], v.get("start"), v.get("end"))) for v in q.get("variants", [])],
                )
                for q in quotes
            ],
        }
        for speaker, quotes in quotes_by_speaker.items()
    ]


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet with [matches] -> (text, is_match) parts, for the template to escape and mark.

    >>> snippet_parts("the [dam] broke")
    [('the ', False), ('dam', True), (' broke', False)]
    """
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        open_at = rest.find("[")
        close_at = rest.find("]", open_at + 1) if open_at >= 0 else -1
        if open_at < 0 or close_at < 0:
            parts.append((rest, False))
            break
        if open_at:
            parts.append((rest[:open_at], False))
        parts.append((rest[open_at + 1 : close_at], True))
        rest = rest[close_at + 1 :]
    return parts
