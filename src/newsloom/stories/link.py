"""One canonical entity across articles: "Zelensky" in one outlet, "Volodymyr Zelenskyy" in another.

Each article's entities are clustered on their own (stages/entities.py). Here the people of a batch
meet: a surname-only entity joins the full name it abbreviates in another article, spelling variants
meet on the transliteration key, and every entity of the group takes the group's fullest common
name ("Volodymyr" from one outlet, the majority spelling "Zelensky" from all). Speakers and
claimants that name the entity are renamed with it, so claims compare across outlets.

The work is linear in the number of people: names are bucketed by surname key before comparing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..models import Analysis, Entity
from ..settings import Settings
from ..stages import names


def link(analyses: Sequence[Analysis], settings: Settings | None = None) -> list[Analysis]:
    """Everything that needs the whole batch: one name per person, and dates for undated articles."""
    return date_from_story(link_entities(analyses), settings)


def date_from_story(analyses: Sequence[Analysis], settings: Settings | None = None) -> list[Analysis]:
    """An article that names weekdays but no year ("said Thursday") is dated from the earliest
    dated article of its story: the week is then known, and its weekdays resolve."""
    from ..pipeline import redate
    from .cluster import cluster

    undated_ids = {a.id for a in analyses if not (a.published and a.published.value)}
    if not undated_ids or len(undated_ids) == len(analyses):
        return list(analyses)
    documents = {a.id: a.to_dict() for a in analyses}
    story_of = {article: story for story in cluster(list(documents.values())) for article in story.article_ids}
    days: dict[str, list[date]] = defaultdict(list)
    for a in analyses:
        if a.published and a.published.value:
            days[story_of[a.id].id].append(date.fromisoformat(a.published.value[:10]))
    out = []
    for a in analyses:
        story_days = days.get(story_of[a.id].id)
        if a.id in undated_ids and story_days:
            a = redate(a, min(story_days), settings)
        out.append(a)
    return out


def link_entities(analyses: Sequence[Analysis]) -> list[Analysis]:
    """Rename people so that one person has one canonical name and id across the batch."""
    renames: dict[int, dict[str, str]] = defaultdict(dict)
    for members in _person_groups(analyses):
        forms = [m.text for _i, e in members for m in e.mentions]
        canonical = names.fullest_name(forms)
        for index, entity in members:
            if entity.canonical != canonical:
                renames[index][entity.canonical] = canonical
    return [_rename(a, renames[i]) if renames.get(i) else a for i, a in enumerate(analyses)]


def _person_groups(analyses: Sequence[Analysis]) -> list[list[tuple[int, Entity]]]:
    people = [(i, e) for i, a in enumerate(analyses) for e in a.entities if e.type == "PERSON"]
    buckets: dict[str, list[int]] = defaultdict(list)
    for index, (_i, entity) in enumerate(people):
        tokens = names.person_tokens(entity.canonical)
        buckets[_surname_bucket(tokens[-1] if tokens else "")].append(index)
    parent = list(range(len(people)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for bucket in buckets.values():
        for k, a in enumerate(bucket):
            tokens_a = names.person_tokens(people[a][1].canonical)
            for b in bucket[k + 1 :]:
                tokens_b = names.person_tokens(people[b][1].canonical)
                if names.same_person(tokens_a, tokens_b) and _compatible_first_names(tokens_a, tokens_b):
                    parent[find(a)] = find(b)
    groups: dict[int, list[tuple[int, Entity]]] = defaultdict(list)
    for index, member in enumerate(people):
        groups[find(index)].append(member)
    return [g for g in groups.values() if len({e.canonical for _i, e in g}) > 1]


def _surname_bucket(surname: str) -> str:
    """Fuzzy surname variants share their first three letters (Zelensky/Zelenskyy, Milley/Miley)."""
    return surname[:3]


def _compatible_first_names(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names with different first names are two people (Joe Biden / Hunter Biden)."""
    if len(a) < 2 or len(b) < 2:
        return True
    return names.same_person(a, b)


def _rename(analysis: Analysis, renames: dict[str, str]) -> Analysis:
    def new_entity(e: Entity) -> Entity:
        if e.type == "PERSON" and e.canonical in renames:
            canonical = renames[e.canonical]
            return replace(e, canonical=canonical, id=names.entity_id("PERSON", canonical))
        return e

    entities = tuple(new_entity(e) for e in analysis.entities)
    ids = {old.id: new.id for old, new in zip(analysis.entities, entities, strict=False)}
    return replace(
        analysis,
        entities=entities,
        quotes=tuple(
            replace(q, speaker=renames.get(q.speaker, q.speaker), speaker_id=ids.get(q.speaker_id, q.speaker_id))
            if q.speaker
            else q
            for q in analysis.quotes
        ),
        reported_speech=tuple(
            replace(r, speaker=renames.get(r.speaker, r.speaker), speaker_id=ids.get(r.speaker_id, r.speaker_id))
            if r.speaker
            else r
            for r in analysis.reported_speech
        ),
        figures=tuple(
            replace(f, claimed_by=renames.get(f.claimed_by, f.claimed_by), claimed_by_id=ids.get(f.claimed_by_id, f.claimed_by_id))
            if f.claimed_by
            else f
            for f in analysis.figures
        ),
    )
