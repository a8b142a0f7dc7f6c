"""What articles state, cut into comparable units: a speaker's words, or the rest of a sentence.

One sentence often carries several claims ("Russia signaled it was open to talks, though Zelensky
said he would only talk if ..."), and outlets carry them separately, so a unit is the content of a
reported speech or a quote, or what remains of the sentence once those are cut out (when it still
says something besides who spoke). Each unit keeps its words (names blanked, reporting verbs
dropped, equivalent news words folded), its canonical entities, its speakers and its figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import CONTENT_ROLES
from . import agreement
from .cluster import content_words
from .quantities import quantity_key
from .sentences import split_sentences

REPORTING_WORDS = frozenset(["said", "say", "says", "told", "tell", "added", "according", "statement", "noted", "reported"])
EQUIVALENTS = {
    # Words reporters use for one fact; folded so that different outlets' sentences align.
    "retreat": "withdraw", "retreating": "withdraw", "withdrawal": "withdraw", "pullout": "withdraw", "pull": "withdraw",
    "wounded": "injure", "injured": "injure", "injury": "injure", "injurie": "injure",
    "killed": "kill", "dead": "kill", "death": "kill", "died": "kill", "die": "kill", "toll": "kill",
    "negotiation": "talk", "negotiate": "talk", "talk": "talk", "diplomacy": "talk",
    "soldier": "troop", "troop": "troop", "personnel": "troop", "force": "troop",
    "liberated": "liberate", "liberation": "liberate",
    "annexed": "annex", "annexation": "annex",
    "ruse": "ploy", "feigning": "ploy", "trap": "ploy",
}


@dataclass(frozen=True)
class Unit:
    """One sentence of one article, with what is needed to compare it."""

    article: str
    source: str
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    words: frozenset[str]
    entities: frozenset[str]
    speakers: frozenset[str]
    figures: tuple[dict[str, Any], ...]
    order: int
    """Position of the sentence in its article (ledes come first)."""


def _fold(words: Iterable[str]) -> frozenset[str]:
    return frozenset(EQUIVALENTS.get(w, w) for w in words)


def units_of(document: dict[str, Any]) -> list[Unit]:
    """The statements of an article's own lines, with their entities, speakers and figures.

    A statement is what one speaker says (the content of a reported speech or a quote) or, for
    what the article states itself, the rest of the sentence. One sentence often carries several
    claims ("Russia signaled it was open to talks, though Zelensky said he would only talk if ..."),
    and outlets carry them separately.
    """
    text = document.get("text", "")
    mentions = [
        (m["start"], m["end"], e.get("stands_for") or e["canonical"])
        for e in document.get("entities", [])
        if e.get("type") in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
        for m in e.get("mentions", [])
    ]
    attributions = [(r["start"], r["end"], r.get("speaker")) for r in document.get("reported_speech", [])]
    attributions += [(q["start"], q["end"], q.get("speaker")) for q in document.get("quotes", [])]
    published = (document.get("published") or {}).get("value")
    units: list[Unit] = []
    for line in document.get("lines", []):
        if line.get("role") not in CONTENT_ROLES:
            continue
        for sentence_start, sentence_end in split_sentences(text, line["start"], line["end"]):
            for start, end in statements(text, sentence_start, sentence_end, attributions):
                units.append(
                    Unit(
                        article=document["id"],
                        source=document.get("source", ""),
                        outlet=document.get("outlet"),
                        published=published,
                        start=start,
                        end=end,
                        text=text[start:end],
                        words=_fold(content_words(_without_names(text, start, end, mentions))) - REPORTING_WORDS,
                        entities=frozenset(name for s, e, name in mentions if start <= s and e <= end),
                        speakers=frozenset(name for s, e, name in attributions if name and s < end and start < e),
                        figures=tuple(
                            dict(f, quantity=quantity_key(f, text))
                            for f in document.get("figures", [])
                            if start <= f["start"] and f["end"] <= end and _countable(f)
                        ),
                        order=len(units),
                    )
                )
    return units


MIN_STATEMENT_WORDS = 3  # "President Zelensky said Thursday, as Moscow signaled" is attribution, not a claim
ATTRIBUTION_WORDS = frozenset(
    ["said", "say", "says", "told", "tell", "added", "noted", "warned", "echoed", "signaled", "signalled", "estimated", "thought", "believed", "claimed", "announced", "asked", "questioned", "urged", "called", "calling", "reiterated", "hinted", "suggested", "stated", "according", "statement", "president", "minister", "general", "secretary", "official", "officials", "spokesman", "spokeswoman", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "week", "today", "yesterday", "earlier", "later", "also", "like"]
)


def _statement_words(piece: str) -> int:
    """Content words of a sentence piece that are neither names nor the words of attribution."""
    return sum(1 for w in content_words(piece) if w not in ATTRIBUTION_WORDS and not w[:1].isupper() and w.isalpha() and w == w.lower() and not _is_name(w, piece))


def _is_name(word: str, piece: str) -> bool:
    return bool(re.search(rf"\b{re.escape(word.capitalize())}", piece)) and not re.search(rf"\b{re.escape(word)}\b", piece)


def statements(text: str, start: int, end: int, attributions: Sequence[tuple[int, int, str | None]]) -> list[tuple[int, int]]:
    """The sentence cut into what its speakers say (outermost speech spans) and what is left."""
    inside = sorted((max(s, start), min(e, end)) for s, e, _ in attributions if s < end and start < e and e - s < end - start)
    outermost: list[tuple[int, int]] = []
    for s, e in sorted(inside, key=lambda span: (span[0], -span[1])):
        if outermost and s < outermost[-1][1]:
            continue
        outermost.append((s, e))
    if not outermost:
        return [(start, end)]
    pieces, cursor = [], start
    for s, e in outermost:
        pieces.append((cursor, s))
        pieces.append((s, e))
        cursor = e
    pieces.append((cursor, end))
    kept = []
    for s, e in pieces:
        if (s, e) in outermost or _statement_words(text[s:e]) >= MIN_STATEMENT_WORDS:
            stripped = text[s:e]
            lead = len(stripped) - len(stripped.lstrip(" ,;:—-\"“”'"))
            tail = len(stripped) - len(stripped.rstrip(" ,;:—-"))
            if e - tail > s + lead:
                kept.append((s + lead, e - tail))
    return kept or [(start, end)]


def _without_names(text: str, start: int, end: int, mentions: Sequence[tuple[int, int, str]]) -> str:
    """The sentence with its named mentions blanked: names are compared as entities, not twice as words."""
    chars = list(text[start:end])
    for s, e, _name in mentions:
        if start <= s and e <= end:
            chars[s - start : e - start] = " " * (e - s)
    return "".join(chars)


def _countable(figure: dict[str, Any]) -> bool:
    return figure.get("unit") not in ("years of age",) and agreement.interval(figure) is not None
