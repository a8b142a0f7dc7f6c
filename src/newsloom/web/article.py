"""An analysis document -> its lines cut into segments, each with the annotations that cover it.

Entities, places, quotes, figures and dates overlap (a figure inside a quote, a place inside an
entity), so the text is not nested into tags: every line is cut at each annotation boundary and
each piece lists what covers it. The template draws one flat <span> per piece, with its text
escaped; the span asked for (a claim clicked on the story page) is wrapped in one <mark>.

>>> document = {"text": "Ana Lima said 12 boats sank.", "lines": [{"n": 1, "start": 0, "end": 28, "role": "body"}],
...             "entities": [{"canonical": "Ana Lima", "type": "PERSON", "mentions": [{"start": 0, "end": 8}]}],
...             "figures": [{"text": "12 boats", "value": 12, "unit": "boats", "start": 14, "end": 22}]}
>>> [(s.text, s.kinds) for s in article_lines(document)[0].pieces]
[('Ana Lima', ('entity', 'person')), (' said ', ()), ('12 boats', ('figure',)), (' sank.', ())]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Annotation:
    start: int
    end: int
    kinds: tuple[str, ...]
    label: str


@dataclass(frozen=True)
class Piece:
    text: str
    kinds: tuple[str, ...] = ()
    label: str = ""
    target: bool = False


@dataclass(frozen=True)
class ArticleLine:
    n: int
    role: str
    reason: str
    pieces: list[Piece] = field(default_factory=list)
    target_first: bool = False
    """The asked-for span starts on this line: the template puts the #claim-target anchor here."""


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def annotations(document: dict[str, Any]) -> list[Annotation]:
    """Every highlighted span of a document, with a short label saying what was understood."""
    out: list[Annotation] = []
    place_mentions = set()
    for place in document.get("places", []):
        where = ", ".join(x for x in (place.get("kind"), place.get("country")) if x)
        label = f"place: {place['name']}" + (f" ({where})" if where else "")
        for m in place.get("mentions", []):
            place_mentions.add((m["start"], m["end"]))
            out.append(Annotation(m["start"], m["end"], ("place",), label))
    for entity in document.get("entities", []):
        kind = str(entity.get("type") or "entity").lower()
        roles = "; ".join(entity.get("roles") or [])
        label = f"{entity.get('canonical')} ({entity.get('type')})" + (f": {roles}" if roles else "")
        for m in entity.get("mentions", []):
            if (m["start"], m["end"]) not in place_mentions:
                out.append(Annotation(m["start"], m["end"], ("entity", kind), label))
    for quote in document.get("quotes", []):
        out.append(Annotation(quote["start"], quote["end"], ("quote",), f"quote ({quote.get('kind')}): {quote.get('speaker') or 'unattributed'}, {quote.get('cue') or ''}".rstrip(", ")))
    for speech in document.get("reported_speech", []):
        out.append(Annotation(speech["start"], speech["end"], ("speech",), f"reported speech: {speech.get('speaker') or 'unattributed'}"))
    for figure in document.get("figures", []):
        value = figure.get("value")
        amount = _number(value) if value is not None else f"{_number(figure.get('low'))}–{_number(figure.get('high'))}"
        what = figure.get("counts") or figure.get("unit") or ""
        claimed = f"; claimed by {figure['claimed_by']}" if figure.get("claimed_by") else ""
        out.append(Annotation(figure["start"], figure["end"], ("figure",), f"figure: {amount} {what}{claimed}".strip()))
    for date in document.get("dates", []):
        out.append(Annotation(date["start"], date["end"], ("date",), f"date: {date.get('value')} ({date.get('precision')})"))
    return [a for a in out if a.start < a.end]


def _pieces(text: str, start: int, end: int, spans: list[Annotation], target: tuple[int, int] | None) -> list[Piece]:
    cuts = {start, end}
    inside = [a for a in spans if a.start < end and a.end > start]
    for a in inside:
        cuts.update(x for x in (a.start, a.end) if start < x < end)
    if target:
        cuts.update(x for x in target if start < x < end)
    points = sorted(cuts)
    pieces = []
    for left, right in zip(points, points[1:], strict=False):
        covering = [a for a in inside if a.start <= left and a.end >= right]
        kinds = tuple(dict.fromkeys(k for a in covering for k in a.kinds))
        label = " · ".join(dict.fromkeys(a.label for a in covering))
        on_target = target is not None and target[0] <= left and right <= target[1]
        pieces.append(Piece(text[left:right], kinds, label, on_target))
    return pieces


def valid_span(document: dict[str, Any], start: int | None, end: int | None) -> tuple[int, int] | None:
    """The asked-for span when it lies inside the text, else None (a bad link shows the article plainly)."""
    if start is None or end is None or not 0 <= start < end <= len(document.get("text", "")):
        return None
    return (start, end)


def article_lines(document: dict[str, Any], target: tuple[int, int] | None = None) -> list[ArticleLine]:
    """The document's lines in order, each cut into annotated pieces; boilerplate is kept plain."""
    text = document.get("text", "")
    spans = annotations(document)
    lines = document.get("lines") or [{"n": 1, "start": 0, "end": len(text), "role": "body", "reason": ""}]
    out = []
    first_target_seen = False
    for line in lines:
        start, end = line["start"], line["end"]
        furniture = line.get("role") == "boilerplate"
        pieces = [Piece(text[start:end])] if furniture else _pieces(text, start, end, spans, target)
        has_target = any(p.target for p in pieces)
        out.append(ArticleLine(line["n"], line.get("role", "body"), line.get("reason") or "", pieces, has_target and not first_target_seen))
        first_target_seen = first_target_seen or has_target
    return out


@dataclass(frozen=True)
class Run:
    """Consecutive pieces inside (or outside) the asked-for span: one <mark> per run inside it."""

    target: bool
    anchor: bool
    pieces: list[Piece]


def runs(line: ArticleLine) -> list[Run]:
    """The line's pieces grouped into runs; the first run of the span carries the #claim-target anchor."""
    grouped: list[tuple[bool, list[Piece]]] = []
    for piece in line.pieces:
        if grouped and grouped[-1][0] == piece.target:
            grouped[-1][1].append(piece)
        else:
            grouped.append((piece.target, [piece]))
    out, anchored = [], False
    for target, pieces in grouped:
        anchor = target and line.target_first and not anchored
        anchored = anchored or anchor
        out.append(Run(target, anchor, pieces))
    return out
