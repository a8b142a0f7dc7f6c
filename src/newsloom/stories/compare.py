"""Claims aligned across a story's articles: corroborated, conflicting, or carried by one source.

A claim is what one or more articles state: a sentence of an article's own text (never of its
furniture), with the entities, figures and speakers in it. Sentences of different articles that
state the same thing are aligned into one claim; the claim then says which outlets carry it and
how many *independent* sources that is: articles that republish one another's text, come from one
outlet, or carry one wire agency's reporting count once.

Alignment compares sentences by their distinctive words (weighted by how rare they are in the
story), their canonical entities, their speakers and their figures. Figures decide agreement:
two aligned sentences whose figures about the same thing cannot be equal make a conflict, and the
claim says which report is newer (a death toll that rose through the day).

>>> claims = compare(documents, story)      # doctest: +SKIP
>>> [(c.status, c.independent_sources) for c in claims][:2]  # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import CONTENT_ROLES, Claim, Story, Support
from ..stages.clean import outlet_key
from . import agreement
from .cluster import content_words

ALIGN_THRESHOLD = 0.34  # tuned on the seeds' story gold and examples/gold; see tests/stories
SPEAKER_BONUS = 0.15  # the same speaker saying related things is strong evidence of one claim
FIGURE_BONUS = 0.25  # the same figure about the same thing, in other words
MIN_SHARED_WORDS = 2  # one shared word ("Kherson") is a topic, not a claim
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z0-9])")
ABBREVIATIONS = frozenset(
    "mr ms mrs dr st no gen sen rep gov lt col sgt capt jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.k u.n e.u inc co corp vs etc jr sr prof rev".split()
)
EQUIVALENTS = {
    # Words reporters use for one fact; folded so that different outlets' sentences align.
    "retreat": "withdraw", "retreating": "withdraw", "withdrawal": "withdraw", "pullout": "withdraw", "pull": "withdraw",
    "wounded": "injure", "injured": "injure", "injury": "injure", "injurie": "injure",
    "killed": "kill", "dead": "kill", "death": "kill", "died": "kill", "die": "kill", "toll": "kill",
    "negotiation": "talk", "negotiate": "talk", "talk": "talk", "diplomacy": "talk",
    "soldier": "troop", "troop": "troop", "personnel": "troop", "force": "troop",
    "recaptured": "liberate", "liberated": "liberate", "liberation": "liberate", "captured": "liberate",
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


@dataclass
class Provenance:
    """Who an article's reporting comes from, for counting independent sources."""

    source_of: dict[str, str] = field(default_factory=dict)
    """article id -> independent source key (shared by copies, one outlet, one wire agency)."""
    labels: dict[str, str] = field(default_factory=dict)
    """independent source key -> a readable name ("AFP", "Fox News")."""

    def count(self, articles: Iterable[str]) -> int:
        return len({self.source_of[a] for a in articles})

    def names(self, articles: Iterable[str]) -> list[str]:
        return sorted({self.labels[self.source_of[a]] for a in articles})


def provenance(documents: Sequence[dict[str, Any]], story: Story) -> Provenance:
    """Independent sources: union of articles that copy one another, share an outlet or a wire agency."""
    parent = {d["id"]: d["id"] for d in documents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    first_by: dict[str, str] = {}
    for d in documents:
        keys = [f"wire:{w}" for w in d.get("wire_agencies", [])]
        if d.get("outlet"):
            keys.append(f"outlet:{outlet_key(d['outlet'])}")
        for key in keys:
            if key in first_by:
                union(d["id"], first_by[key])
            else:
                first_by[key] = d["id"]
    for copy, original in story.wire_copies.items():
        if copy in parent and original in parent:
            union(copy, original)
    result = Provenance()
    for d in documents:
        root = find(d["id"])
        result.source_of[d["id"]] = root
    for root in set(result.source_of.values()):
        members = [d for d in documents if result.source_of[d["id"]] == root]
        wires = sorted({w for d in members for w in d.get("wire_agencies", [])})
        outlets = sorted({d.get("outlet") or "unknown outlet" for d in members})
        result.labels[root] = wires[0] if wires else outlets[0]
    return result


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end] (article offsets); "Gen. Milley" and "U.S. forces" stay whole."""
    spans, cursor = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        before = text[cursor : match.start() + 1].split()
        word = before[-1].lower().rstrip(".!?").lstrip("\"“‘'(") if before else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # an abbreviation or an initial, not the end of a sentence
        spans.append((cursor, match.start() + len(match.group(0).rstrip())))
        cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _fold(words: Iterable[str]) -> frozenset[str]:
    return frozenset(EQUIVALENTS.get(w, w) for w in words)


def units_of(document: dict[str, Any]) -> list[Unit]:
    """The sentences of an article's own lines, with their entities, speakers and figures."""
    text = document.get("text", "")
    mentions = [
        (m["start"], m["end"], e.get("stands_for") or e["canonical"])
        for e in document.get("entities", [])
        if e.get("type") in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP")
        for m in e.get("mentions", [])
    ]
    attributions = [(r["start"], r["end"], r.get("speaker")) for r in document.get("reported_speech", []) if r.get("speaker")]
    attributions += [(q["start"], q["end"], q.get("speaker")) for q in document.get("quotes", []) if q.get("speaker")]
    published = (document.get("published") or {}).get("value")
    units: list[Unit] = []
    for line in document.get("lines", []):
        if line.get("role") not in CONTENT_ROLES:
            continue
        for start, end in split_sentences(text, line["start"], line["end"]):
            sentence = text[start:end]
            units.append(
                Unit(
                    article=document["id"],
                    source=document.get("source", ""),
                    outlet=document.get("outlet"),
                    published=published,
                    start=start,
                    end=end,
                    text=sentence,
                    words=_fold(content_words(sentence)),
                    entities=frozenset(name for s, e, name in mentions if start <= s and e <= end),
                    speakers=frozenset(name for s, e, name in attributions if s < end and start < e),
                    figures=tuple(f for f in document.get("figures", []) if start <= f["start"] and f["end"] <= end and _countable(f)),
                    order=len(units),
                )
            )
    return units


def _countable(figure: dict[str, Any]) -> bool:
    return figure.get("unit") not in ("years of age",) and agreement.interval(figure) is not None


class _Weights:
    """Inverse story frequency of words: what is said everywhere in the story aligns nothing."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.n = len(units)
        self.frequency = Counter(w for u in units for w in u.words)

    def __call__(self, word: str) -> float:
        return math.log((self.n + 1) / (self.frequency[word] + 1)) + 0.5


def similarity(a: Unit, b: Unit, weight: _Weights) -> tuple[float, bool]:
    """(similarity, conflict): how likely two sentences state one claim, and whether figures clash."""
    shared = a.words & b.words
    if len(shared) < MIN_SHARED_WORDS and not (a.speakers & b.speakers):
        return 0.0, False
    shared_weight = sum(weight(w) for w in shared)
    words = shared_weight / (min(sum(weight(w) for w in a.words), sum(weight(w) for w in b.words)) or 1.0)
    entities = len(a.entities & b.entities) / (len(a.entities | b.entities) or 1)
    score = 0.7 * words + 0.3 * entities
    if a.speakers & b.speakers:
        score += SPEAKER_BONUS
    conflict = False
    for fa in a.figures:
        for fb in b.figures:
            if not agreement.same_unit(fa, fb):
                continue
            verdict = agreement.agree(fa, fb)
            if verdict:
                score += FIGURE_BONUS
            elif verdict is False and _same_quantity(fa, fb):
                conflict = True
    return score, conflict


def _same_quantity(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Do two figures count the same thing? Their `counts` phrases share a content word."""
    x = _fold(content_words(a.get("counts") or a.get("unit") or ""))
    y = _fold(content_words(b.get("counts") or b.get("unit") or ""))
    return bool(x & y)


@dataclass
class _Group:
    units: list[Unit]
    conflict: bool = False


def align(units: Sequence[Unit], provenance: Provenance) -> list[_Group]:
    """Group sentences of different sources that state the same thing.

    Each sentence joins at most one group, and a group holds at most one sentence per article:
    pairs are taken best first, so a sentence goes with its closest counterpart.
    """
    weight = _Weights(units)
    by_article: dict[str, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.article, []).append(u)
    articles = list(by_article)
    pairs: list[tuple[float, bool, Unit, Unit]] = []
    for i, a_id in enumerate(articles):
        for b_id in articles[i + 1 :]:
            for a in by_article[a_id]:
                for b in by_article[b_id]:
                    score, conflict = similarity(a, b, weight)
                    if score >= ALIGN_THRESHOLD:
                        pairs.append((score, conflict, a, b))
    pairs.sort(key=lambda p: -p[0])
    group_of: dict[tuple[str, int], _Group] = {}
    groups: list[_Group] = []
    for _score, conflict, a, b in pairs:
        ga, gb = group_of.get((a.article, a.start)), group_of.get((b.article, b.start))
        if ga is None and gb is None:
            group = _Group([a, b], conflict)
            groups.append(group)
        elif ga is not None and gb is None and b.article not in {u.article for u in ga.units}:
            group = ga
            group.units.append(b)
            group.conflict |= conflict
        elif gb is not None and ga is None and a.article not in {u.article for u in gb.units}:
            group = gb
            group.units.append(a)
            group.conflict |= conflict
        else:
            continue
        for u in group.units:
            group_of[(u.article, u.start)] = group
    for u in units:
        if (u.article, u.start) not in group_of:
            group = _Group([u])
            groups.append(group)
            group_of[(u.article, u.start)] = group
    return groups


def compare(documents: Sequence[dict[str, Any]], story: Story) -> tuple[list[Claim], Provenance]:
    """The claims of a story, best supported first, and who the independent sources are."""
    members = [d for d in documents if d["id"] in set(story.article_ids)]
    origin = provenance(members, story)
    units = [u for d in members for u in units_of(d)]
    claims = [_claim(group, origin) for group in align(units, origin)]
    claims.sort(key=lambda c: (-c.independent_sources, c.status != "conflicting", _first_order(c, units)))
    return claims, origin


def _first_order(claim: Claim, units: Sequence[Unit]) -> int:
    positions = {(u.article, u.start): u.order for u in units}
    return min(positions.get((s.article, s.start), 10_000) for s in claim.support)


def _claim(group: _Group, origin: Provenance) -> Claim:
    units = sorted(group.units, key=lambda u: (u.published or "9999", u.order))
    sources = origin.count(u.article for u in units)
    if group.conflict and sources >= 1 and len(units) > 1:
        status = "conflicting"
    elif sources >= 2:
        status = "corroborated"
    else:
        status = "single_source"
    note = _conflict_note(units) if status == "conflicting" else ""
    if status == "single_source" and len(units) > 1:
        note = f"carried by {len(units)} articles that count as one source ({', '.join(origin.names(u.article for u in units))})"
    speakers = Counter(s for u in units for s in u.speakers)
    return Claim(
        text=units[0].text.strip(),
        status=status,  # type: ignore[arg-type]
        independent_sources=sources,
        support=tuple(Support(u.article, u.source, u.outlet, u.start, u.end, u.text) for u in units),
        kind="figure" if any(u.figures for u in units) else "statement",
        speaker=speakers.most_common(1)[0][0] if speakers else None,
        figures=tuple(dict(f, article=u.article) for u in units for f in u.figures),
        note=note,
        outlets=tuple(sorted({u.outlet or "unknown outlet" for u in units})),
    )


def _conflict_note(units: Sequence[Unit]) -> str:
    """Say which report is newer, since a rising toll explains many conflicts."""
    dated = [u for u in units if u.published]
    reports = "; ".join(
        f"{u.outlet or 'unknown outlet'} ({u.published or 'undated'}): " + ", ".join(f["text"] for f in u.figures)
        for u in units
    )
    if len({u.published for u in dated}) > 1:
        newest = max(dated, key=lambda u: u.published or "")
        return f"figures differ: {reports}. The newest report is {newest.outlet or 'unknown outlet'}'s of {newest.published}."
    return f"figures differ: {reports}."
