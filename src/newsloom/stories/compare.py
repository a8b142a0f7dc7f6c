"""Claims aligned across a story's articles: corroborated, conflicting, or carried by one source.

A claim is what one or more articles state (statements.py cuts each article's own lines into what
each speaker says and what the article says itself). Statements of different articles that say the
same thing are aligned into one claim, which then says which outlets carry it and how many
*independent* sources that is (provenance.py). Each quantity the story reports (the death toll,
the number rescued) is a claim too, with every article's figure (quantities.py).

Alignment compares statements by their distinctive words (rare in the story and in English), their
canonical entities, their speakers and their figures, and keeps only pairs that are each other's
best match. Figures decide agreement: aligned statements whose figures about the same thing cannot
be equal make a conflict, and the claim says which report is newer (a toll that rose through the day).

>>> claims, sources = compare(documents, story)      # doctest: +SKIP
>>> [(c.status, c.independent_sources) for c in claims][:2]  # doctest: +SKIP
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Claim, Story, Support
from . import agreement
from .cluster import RAREST_ZIPF_WEIGHT, background_weight
from .provenance import Provenance, provenance
from .quantities import figure_claims
from .statements import Unit, units_of

ALIGN_THRESHOLD = 0.4  # tuned on the seeds' story gold and examples/gold; see tests/stories
MUTUAL_MARGIN = 1.0  # a pair must be the best match of both of its sentences (1.0: exactly the best)
SPEAKER_BONUS = 0.15  # the same speaker saying related things is strong evidence of one claim
FIGURE_BONUS = 0.25  # the same figure about the same thing, in other words
MIN_SHARED_WORDS = 2  # besides names: statements that share only names are about them, not one claim
RARE_WORD_WEIGHT = 4.0  # background weight (7.5 - Zipf) of a word rare enough to align on alone ("barbarity")

class _Weights:
    """Inverse story frequency of words: what is said everywhere in the story aligns nothing."""

    def __init__(self, units: Sequence[Unit]) -> None:
        self.n = len(units)
        self.frequency = Counter(w for u in units for w in u.words | u.entities)
        self.written: dict[str, set[str]] = {}
        for u in units:
            for key, word in u.forms:
                self.written.setdefault(key, set()).add(word)

    def __call__(self, word: str) -> float:
        """Rare in the story and rare in English: "thing" and "week" align nothing, "barbarity" does."""
        story = math.log((self.n + 1) / (self.frequency[word] + 1)) + 0.5
        return story * self.background(word) / RAREST_ZIPF_WEIGHT

    def background(self, key: str) -> float:
        """How rare a word key is in English: that of its commonest written form (a stem is no word).

        Content words come without their plural -s, which leaves non-words ("casualtie", "dangerou")
        that would count as the rarest of words: the form with the -s back counts too.
        """
        forms = self.written.get(key) or {key}
        return min(min(background_weight(w), background_weight(w + "s")) for w in forms)

    def total(self, words: Iterable[str]) -> float:
        return sum(self(w) for w in words)


def similarity(a: Unit, b: Unit, weight: _Weights) -> tuple[float, bool]:
    """(similarity, conflict): how likely two sentences state one claim, and whether figures clash.

    Words (names blanked) and names are compared apart, each weighted by how rare it is in the
    story: "Kherson" in every sentence of a Kherson story aligns nothing.
    """
    shared = a.words & b.words
    if len(shared) < MIN_SHARED_WORDS and not any(weight.background(w) >= RARE_WORD_WEIGHT for w in shared):
        return 0.0, False  # one common word ("thing") in common is a coincidence; one rare word may not be
    shared_weight = weight.total(shared)
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
    shared = set.intersection(*(set(u.speakers) for u in units)) if all(u.speakers for u in units) else set()
    if sources >= 2 and len(shared) == 1:
        # Two outlets quoting the same official: corroborated that it was said, by one original source.
        note = f"one original source ({next(iter(shared))}) reported by {sources} independent sources"
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
