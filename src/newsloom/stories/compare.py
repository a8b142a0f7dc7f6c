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
from .cluster import RAREST_ZIPF_WEIGHT, background_weight, content_words

ALIGN_THRESHOLD = 0.4  # tuned on the seeds' story gold and examples/gold; see tests/stories
MUTUAL_MARGIN = 1.0  # a pair must be the best match of both of its sentences (1.0: exactly the best)
SPEAKER_BONUS = 0.15  # the same speaker saying related things is strong evidence of one claim
FIGURE_BONUS = 0.25  # the same figure about the same thing, in other words
MIN_SHARED_WORDS = 1  # besides names: two sentences that share only names are about them, not one claim
MIN_SHARED_WEIGHT = 1.5  # about two distinctive shared words; one common word ("thing") is a coincidence
REPORTING_WORDS = frozenset(["said", "say", "says", "told", "tell", "added", "according", "statement", "noted", "reported"])
SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z0-9])")
ABBREVIATIONS = frozenset(
    ["mr", "ms", "mrs", "dr", "st", "no", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "inc", "co", "corp", "vs", "etc", "jr", "sr", "prof", "rev"]
)
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
    """Independent sources: union of articles that copy one another, carry one wire agency's
    reporting, or are one outlet's own reporting."""
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
        # An article that credits a wire agency is that agency's reporting; an outlet's own
        # reporting is the outlet's. One outlet can be both (its own story and a wire copy).
        keys = [f"wire:{w}" for w in d.get("wire_agencies", [])]
        if not keys and d.get("outlet"):
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


class _Weights:
    """Inverse story frequency of words: what is said everywhere in the story aligns nothing."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.n = len(units)
        self.frequency = Counter(w for u in units for w in u.words | u.entities)

    def __call__(self, word: str) -> float:
        """Rare in the story and rare in English: "thing" and "week" align nothing, "barbarity" does."""
        story = math.log((self.n + 1) / (self.frequency[word] + 1)) + 0.5
        return story * background_weight(word) / RAREST_ZIPF_WEIGHT

    def total(self, words: Iterable[str]) -> float:
        return sum(self(w) for w in words)


def similarity(a: Unit, b: Unit, weight: _Weights) -> tuple[float, bool]:
    """(similarity, conflict): how likely two sentences state one claim, and whether figures clash.

    Words (names blanked) and names are compared apart, each weighted by how rare it is in the
    story: "Kherson" in every sentence of a Kherson story aligns nothing.
    """
    shared = a.words & b.words
    shared_weight = weight.total(shared)
    if len(shared) < MIN_SHARED_WORDS or shared_weight < MIN_SHARED_WEIGHT:
        return 0.0, False
    words = 2 * shared_weight / ((weight.total(a.words) + weight.total(b.words)) or 1.0)
    names = a.entities | b.entities
    entities = weight.total(a.entities & b.entities) / (weight.total(names) or 1.0) if names else 0.0
    score = 0.75 * words + 0.25 * entities
    if a.speakers & b.speakers:
        score += SPEAKER_BONUS
    conflict = False
    for fa in a.figures:
        # A figure is matched with the figures of the other sentence that count the same thing:
        # one of them equal is agreement ("56 passengers and six crew" against the same words);
        # none equal is a clash.
        counterparts = [fb for fb in b.figures if fa["quantity"] is not None and fb["quantity"] == fa["quantity"] and agreement.same_unit(fa, fb)]
        verdicts = [agreement.agree(fa, fb) for fb in counterparts]
        if any(verdicts):
            score += FIGURE_BONUS
        elif verdicts and all(v is False for v in verdicts):
            conflict = True
    return score, conflict


@dataclass
class _Group:
    units: list[Unit]
    conflict: bool = False


def align(units: Sequence[Unit], provenance: Provenance) -> list[_Group]:
    """Group sentences of different articles that state the same thing.

    Pairs are taken best first; a sentence joins a group only when it is close to the group's
    members on average (average linkage), and a group holds at most one sentence per article, so
    a chain of loosely related sentences never becomes one claim.
    """
    weight = _Weights(units)
    by_article: dict[str, list[Unit]] = {}
    for u in units:
        by_article.setdefault(u.article, []).append(u)
    articles = list(by_article)
    scores: dict[tuple[int, int], tuple[float, bool]] = {}
    index = {(u.article, u.start): i for i, u in enumerate(units)}
    pairs: list[tuple[float, int, int]] = []
    for i, a_id in enumerate(articles):
        for b_id in articles[i + 1 :]:
            for a in by_article[a_id]:
                for b in by_article[b_id]:
                    score, conflict = similarity(a, b, weight)
                    if score >= ALIGN_THRESHOLD:
                        ia, ib = index[(a.article, a.start)], index[(b.article, b.start)]
                        scores[(ia, ib)] = scores[(ib, ia)] = (score, conflict)
                        pairs.append((score, ia, ib))
    best_of: dict[tuple[int, str], float] = {}
    for (ia, ib), (score, _) in scores.items():
        key = (ia, units[ib].article)
        best_of[key] = max(best_of.get(key, 0.0), score)
    # A pair stands only if each sentence is the other's closest in that article: a sentence that
    # is merely on-topic with several sentences of another article states none of them.
    pairs = [
        (score, ia, ib)
        for score, ia, ib in pairs
        if score >= best_of[(ia, units[ib].article)] * MUTUAL_MARGIN and score >= best_of[(ib, units[ia].article)] * MUTUAL_MARGIN
    ]
    pairs.sort(key=lambda p: -p[0])
    group_of: dict[int, int] = {}
    members: list[list[int]] = []
    conflicts: list[bool] = []

    def joins(unit: int, group: int) -> tuple[bool, bool]:
        if units[unit].article in {units[m].article for m in members[group]}:
            return False, False
        linked = [scores.get((unit, m), (0.0, False)) for m in members[group]]
        mean = sum(score for score, _ in linked) / len(linked)
        return mean >= ALIGN_THRESHOLD, any(conflict for _, conflict in linked)

    for _score, ia, ib in pairs:
        ga, gb = group_of.get(ia), group_of.get(ib)
        if ga is None and gb is None:
            group_of[ia] = group_of[ib] = len(members)
            members.append([ia, ib])
            conflicts.append(scores[(ia, ib)][1])
            continue
        if (ga is None) == (gb is None):
            continue  # both already placed
        new, group = (ib, ga) if ga is not None else (ia, gb)
        ok, conflict = joins(new, group)  # type: ignore[arg-type]
        if ok:
            members[group].append(new)  # type: ignore[index]
            conflicts[group] |= conflict  # type: ignore[index]
            group_of[new] = group  # type: ignore[assignment]
    groups = [_Group([units[m] for m in ms], conflict) for ms, conflict in zip(members, conflicts, strict=False)]
    groups += [_Group([u]) for i, u in enumerate(units) if i not in group_of]
    return groups


def compare(documents: Sequence[dict[str, Any]], story: Story) -> tuple[list[Claim], Provenance]:
    """The claims of a story, best supported first, and who the independent sources are."""
    members = [d for d in documents if d["id"] in set(story.article_ids)]
    origin = provenance(members, story)
    units = [u for d in members for u in units_of(d)]
    claims = figure_claims(members, origin) + [_claim(group, origin) for group in align(units, origin)]
    claims.sort(key=lambda c: (c.kind != "quantity", -c.independent_sources, c.status != "conflicting", _first_order(c, units)))
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
        figures=tuple({k: v for k, v in f.items() if k != "quantity"} | {"article": u.article} for u in units for f in u.figures),
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


# --- figures about the same quantity ------------------------------------------------------------

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
    if unit in ("USD", "EUR", "GBP", "percent"):
        head = content_words(figure.get("counts") or "")
        return f"{unit}: {head[-1] if head else ''}"
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
    for d in documents:
        text = d.get("text", "")
        content = [(ln["start"], ln["end"]) for ln in d.get("lines", []) if ln.get("role") in CONTENT_ROLES]
        seen: set[str] = set()
        for f in sorted(d.get("figures", []), key=lambda f: f["start"]):
            if not any(s <= f["start"] < e for s, e in content) or agreement.interval(f) is None:
                continue
            key = quantity_key(f, text)
            if key is None or key in seen:
                continue  # an article's first figure for a quantity is its headline figure
            seen.add(key)
            found.setdefault(key, []).append((d, f))
    claims = []
    for key, reports in found.items():
        if len({d["id"] for d, _ in reports}) < 2:
            continue  # one article's figure is already a claim through its sentence
        claims.append(_figure_claim(key, reports, origin))
    return claims


def _figure_claim(key: str, reports: list[tuple[dict[str, Any], dict[str, Any]]], origin: Provenance) -> Claim:
    reports = sorted(reports, key=lambda r: ((r[0].get("published") or {}).get("value") or "9999", r[0].get("source", "")))
    conflict = any(agreement.agree(a[1], b[1]) is False for i, a in enumerate(reports) for b in reports[i + 1 :])
    sources = origin.count(d["id"] for d, _ in reports)
    status = "conflicting" if conflict else "corroborated" if sources >= 2 else "single_source"
    supports = []
    for d, f in reports:
        text = d.get("text", "")
        line = next((ln for ln in d.get("lines", []) if ln["start"] <= f["start"] < ln["end"]), None)
        start, end = (f["start"], f["end"]) if line is None else next(
            ((s, e) for s, e in split_sentences(text, line["start"], line["end"]) if s <= f["start"] < e), (line["start"], line["end"])
        )
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
    return Claim(
        text=f"{key[0].upper()}{key[1:]}: {values}",
        status=status,  # type: ignore[arg-type]
        independent_sources=sources,
        support=tuple(supports),
        kind="quantity",
        figures=tuple(dict(f, article=d["id"], outlet=d.get("outlet")) for d, f in reports),
        note=note.strip(),
        outlets=tuple(sorted({d.get("outlet") or "unknown outlet" for d, _ in reports})),
    )
