"""Toponyms -> coordinates: find place mentions in parsed paragraphs and resolve each to one gazetteer entry.

How a mention becomes a place:

1. Mentions: the GPE, LOC and FAC entities of each paragraph (the gazetteer ruler runs before the NER,
   so "Kherson" arrives as GPE), plus PERSON/ORG/NORP entities whose text is a name our curated table
   owns, a country or a capital (an ORG may also be a state: "Kentucky"). Demonyms ("Ukrainian",
   "Russians") are not places, nor a one-word "place" that is part of a person's name in the article.
   A name found as a place is also taken where the model labelled it otherwise or in capitals. A
   following "region"/"oblast"/"County" or "city" joins the mention and says which kind is meant
   ("the Kherson region" -> Kherson Oblast, "Kherson city" -> Kherson); so do "the city of X" and
   "X was one of four regions"; "W.Va.", "Ga." are states.
2. Candidates: every gazetteer entry with that name. A name our curated table gives a river, sea or
   region resolves to that entry. A region named after a town inside it yields to the town for a bare name
   ("Paris", "Kherson"). "Paris, Texas" and "Gainesville, Ga." keep only candidates inside the qualifier.
3. Choice: a size prior (log population, by kind) plus the article's context: the other toponyms'
   countries and states and nearby places, iterated until the choices settle. Local US news repeats
   town names across states (Gainesville, Georgia and Florida), and the state or county named next
   to them is what tells them apart.
4. Mentions resolved to the same entry make one Place, its mentions in article offsets.

>>> from newsloom.stages.language import load_pipeline, parse_text
>>> text = "Troops entered Kherson. The Kherson region is on the Dnieper River."
>>> [(p.name, p.kind) for p in find_places(parse_text(load_pipeline(), text), text)]
[('Kherson', 'city'), ('Kherson Oblast', 'region'), ('Dnieper River', 'river')]
"""

from __future__ import annotations

from collections import Counter

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from ..models import Mention, Place
from . import gazetteer
from .gazetteer import Entry, Gazetteer, distance_km, name_key
from .language import Paragraph

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
RELABEL_LABELS = frozenset({"PERSON", "ORG", "NORP"})
"""Labels the small model wrongly gives some toponyms; taken only for names our table owns."""

REGION_WORDS = frozenset(
    {"region", "oblast", "province", "county", "parish", "governorate", "district", "state", "prefecture"}
)
CITY_WORDS = frozenset({"city", "town"})
REGION_KINDS = frozenset({"region", "district"})
DEMONYM_TAGS = frozenset({"JJ", "NNPS", "NNS"})
"""POS tags of "Ukrainian", "Russians": nationality words, never place names in their own right."""

KIND_PRIOR = {"country": 2.0, "region": 1.0, "city": 0.0, "district": -0.5}
"""Added to log10(population): a bare name in news is a country before a state, a state before a town,
a town before a county (a county's name is usually said with "County")."""

CURATED_PRIOR = 9.0
"""Curated rows have no population; 9 ranks them with places of a billion people (log10), i.e. above any
packaged entry of the same name: our table only holds names whose news meaning is clear."""

SAME_STATE_BONUS = 3.5
"""Another name of the article could lie in the candidate's admin1 (or names that admin1): local news stays
in one state, and this outweighs a 1,000-fold population gap (Gainesville GA over Gainesville FL, Athens TX
over Athens GR). Tuned on LGL's first 300 articles and TR-News: 2.5 to 4 all score within a point."""

MORE_STATE_BONUS = 0.5
"""For each further name (up to two more) that could lie in the same state: three towns of one state
outweigh one world capital."""

SAME_COUNTRY_BONUS = 2.0
"""Another name of the article was resolved in the candidate's country: an Indiana article's "Lebanon" is
the Indiana town. 1.0 scored a point lower on LGL and TR-News; 2.5 and 3 no better."""

CAPITAL_BONUS = 2.0
"""National capitals are named far beyond their size, as seats of government ("Washington said"):
DC over Washington State, whose towns add up to ten times its people."""

ALTERNATE_NAME_PENALTY = 1.5
"""A candidate that bears the name only as an alternate spelling (another language's, a former name) is
rarely the one meant when another place bears it officially: "Santa Ana" is not Taguig."""

PLAUSIBLE_GAP = 2.0
"""A candidate counts as context for the others when its prior is within 2 (a 100-fold population) of its
name's best: Henderson County, Texas backs Athens, Texas; London, Kentucky does not pull Paris to Kentucky."""

FOCUS_COUNTRY_BONUS = 3.0
"""A place in the country the article is about: "Pinhão" in a story on the Douro is the Portuguese
village, though a larger Pinhão lies in Brazil and Brazil is named among the victims' countries."""
FOCUS_MIN_SHARE = 0.25  # the focus country holds a quarter of the place mentions, and more than any other
FIRST_PLACE_WEIGHT = 2  # the dateline or the lede's first place says where the story is

NEARBY_BONUS = 1.0
NEARBY_KM = 100.0
"""Another resolved town or county lies within 100 km: co-mentioned towns are usually neighbours."""

MAX_CANDIDATES = 25
"""Candidates kept per name, by prior: "Washington" has 60; the 26th is never the one meant."""

ROUNDS = 4
"""Context rounds: each re-chooses every name given the others' choices; two usually settle it."""

# fmt: off
STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY",
    "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO",
    "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY", "D.C.": "DC",
}
# fmt: on
"""AP-style state abbreviations, as in "Gainesville, Ga.", mapped to their GeoNames admin1 suffix."""


@dataclass(frozen=True)
class _Mention:
    """One toponym occurrence before resolution."""

    text: str
    start: int
    end: int
    lookup: str
    hint: str | None  # "region" | "city" | None
    within: frozenset[str]  # admin1 codes or ISO countries a "X, Y" qualifier allows; empty: any


def find_places(paragraphs: Sequence[Paragraph], text: str) -> list[Place]:
    """Resolve the toponyms of parsed paragraphs to gazetteer places, one Place per entry, in order of first mention.

    >>> from newsloom.stages.language import load_pipeline, parse_text
    >>> text = "Floods hit Paris, Texas. Paris has no levee."
    >>> [(p.name, p.country, len(p.mentions)) for p in find_places(parse_text(load_pipeline(), text), text)]
    [('Paris', 'US', 2), ('Texas', 'US', 1)]
    """
    gaz = gazetteer.load()
    mentions = [m for paragraph in paragraphs for m in _mentions(paragraph, text, gaz)]
    mentions = _without_person_names(mentions, paragraphs, gaz)
    mentions += _propagate(paragraphs, text, mentions, gaz)
    choices = _resolve(mentions, gaz)
    places: dict[Entry, list[Mention]] = {}
    for mention in mentions:
        entry = choices.get(_group(mention))
        if entry is not None:
            places.setdefault(entry, []).append(Mention(mention.text, mention.start, mention.end))
    return [
        Place(
            name=entry.name,
            kind=entry.kind,
            lat=entry.lat,
            lon=entry.lon,
            country=entry.country,
            geonames_id=entry.geonames_id,
            mentions=tuple(sorted(found, key=lambda m: m.start)),
        )
        for entry, found in places.items()
    ]


def to_geojson(places: Iterable[Place]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of Points (lon, lat), one per place with a point.

    >>> to_geojson([Place("Kyiv", "city", 50.45, 30.52, "UA", 703448, ())])["features"][0]["geometry"]
    {'type': 'Point', 'coordinates': [30.52, 50.45]}
    """
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "name": place.name,
                "kind": place.kind,
                "country": place.country,
                "geonames_id": place.geonames_id,
                "mentions": len(place.mentions),
            },
        }
        for place in places
        if place.lat is not None and place.lon is not None
    ]
    return {"type": "FeatureCollection", "features": features}


# ---------------------------------------------------------------------------------------------------------
# Mentions


def _mentions(paragraph: Paragraph, text: str, gaz: Gazetteer) -> list[_Mention]:
    doc = paragraph.doc
    out = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            if _is_demonym(ent, gaz):
                continue
        elif ent.label_ not in RELABEL_LABELS or not _owned_name(ent.text, gaz, states=ent.label_ == "ORG"):
            continue
        span = _trim(ent)
        if span is not None:
            out.append(_mention(paragraph, span, text, gaz))
    return out


def _mention(paragraph: Paragraph, span: Span, text: str, gaz: Gazetteer) -> _Mention:
    """The mention of a trimmed entity span, a following kind word ("region", "County") joined to it."""
    doc = paragraph.doc
    hint = _kind_cue(span)
    end_token = span.end
    if _kind_word_follows(doc, end_token):
        hint = "region" if doc[end_token].lower_ in REGION_WORDS else "city"
        end_token += 1
    mention_span = doc[span.start : end_token]
    start = paragraph.start + mention_span.start_char
    end = paragraph.start + mention_span.end_char
    return _Mention(text[start:end], start, end, mention_span.text, hint, _qualifier(span, gaz))


def _without_person_names(mentions: list[_Mention], paragraphs: Sequence[Paragraph], gaz: Gazetteer) -> list[_Mention]:
    """Drop one-word "places" that are a word of a person's name in the same article.

    "Hopkins said" after "David Hopkins" is the man, though the model may call it GPE (there is a
    Hopkins, Minnesota); names our table or the country list own are kept ("Georgia Jones" aside).
    """
    person_words = {
        token.text
        for paragraph in paragraphs
        for ent in paragraph.doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for token in ent
    }
    return [m for m in mentions if " " in m.lookup or m.lookup not in person_words or _owned_name(m.lookup, gaz)]


def _propagate(paragraphs: Sequence[Paragraph], text: str, found: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Other occurrences of a name the article already uses as a place: one name, one reading per article.

    The small model labels the same town GPE in one sentence and PERSON or ORG in the next ("Alexandria
    woman charged"), or nothing at all in an all-capitals dateline ("MANSFIELD --"). Such words (see
    `_may_be_name`) whose text is a name found as a place elsewhere in the article are taken too.
    """
    names = {m.lookup for m in found if m.hint is None}
    if not names:
        return []
    taken = [(m.start, m.end) for m in found]
    by_first: dict[str, list[list[str]]] = {}
    for name in names:
        words = name.split()
        by_first.setdefault(words[0].casefold(), []).append([w.casefold() for w in words])
    out = []
    for paragraph in paragraphs:
        doc = paragraph.doc
        ent_tokens = {i for ent in doc.ents if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
        i = 0
        while i < len(doc):
            token = doc[i]
            match = 0
            if i not in ent_tokens and _may_be_name(token) and token.lower_ in by_first:
                for words in by_first[token.lower_]:
                    window = doc[i : i + len(words)]
                    if [t.lower_ for t in window] == words and all(
                        t.is_title or t.is_upper for t in window if t.is_alpha
                    ):
                        match = max(match, len(words))
            if match:
                span = doc[i : i + match]
                start, end = paragraph.start + span.start_char, paragraph.start + span.end_char
                if not any(s < end and start < e for s, e in taken):
                    out.append(_mention(paragraph, span, text, gaz))
                    taken.append((start, end))
                i += match
            else:
                i += 1
    return out


def _may_be_name(token) -> bool:
    """An untagged token that may repeat a place name: inside another entity (the model's ORG "Athens City
    Council") or in capitals (a dateline, "MANSFIELD --"); a bare title-case word the model left untagged
    is more often a person it did not recognise ("Hopkins said")."""
    return token.is_upper and len(token) > 2 or token.ent_type_ in ("ORG", "PERSON", "NORP", "FAC") and token.is_title


def _kind_word_follows(doc, i: int) -> bool:
    """ "Kherson region", "Guernsey County", "Kherson city" -- not "the Donbas city of Bakhmut", where the
    name only modifies the noun."""
    if i >= len(doc) or doc[i].lower_ not in REGION_WORDS | CITY_WORDS:
        return False
    if not (doc[i].is_lower or doc[i].is_title and doc[i].lower_ in REGION_WORDS):
        return False
    return not (i + 1 < len(doc) and doc[i + 1].lower_ == "of")


def _trim(ent: Span) -> Span | None:
    """The entity without a leading "the" and a trailing possessive "'s"."""
    start, end = ent.start, ent.end
    doc = ent.doc
    if start < end and doc[start].lower_ == "the":
        start += 1
    while end > start and doc[end - 1].lower_ in ("'s", "’s", "'", "’"):
        end -= 1
    return doc[start:end] if end > start else None


def _owned_name(surface: str, gaz: Gazetteer, states: bool = False) -> bool:
    """A name the curated table gives a place, or the name of a country or national capital (with `states`,
    of a state or province too): a PERSON "Kherson", an ORG "Kentucky" (the model's guess for a state
    that acts or plays) are places."""
    if surface in gazetteer.RULER_DENY and not states:
        return False
    key = name_key(surface)
    if key in gaz.curated:
        return True
    for entry in gaz.lookup(surface):
        if name_key(entry.name) == key and (
            entry.kind == "country" or entry.capital or states and entry.kind == "region"
        ):
            return True
    return False


def _is_demonym(ent: Span, gaz: Gazetteer) -> bool:
    """ "Ukrainian", "Russians": a nationality word the NER sometimes labels GPE."""
    if len(ent) != 1 or ent[0].tag_ not in DEMONYM_TAGS:
        return False
    return not _owned_name(ent.text, gaz)


def _kind_cue(span: Span) -> str | None:
    """ "the city of X" / "region of X" before the name; "X was one of four regions" around it."""
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].lower_ == "of":
        before = doc[span.start - 2].lemma_.lower()
        if before in CITY_WORDS:
            return "city"
        if before in REGION_WORDS:
            return "region"
    root = span.root
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_ == "be":
        for complement in root.head.children:
            if complement.dep_ not in ("attr", "acomp"):
                continue
            if complement.lemma_.lower() in REGION_WORDS:
                return "region"
            if complement.lemma_.lower() in CITY_WORDS:
                return "city"
            for prep in complement.children:  # "one of four regions"
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    nouns = {child.lemma_.lower() for child in prep.children if child.dep_ == "pobj"}
                    if nouns & REGION_WORDS:
                        return "region"
                    if nouns & CITY_WORDS:
                        return "city"
    return None


def _qualifier(span: Span, gaz: Gazetteer) -> frozenset[str]:
    """Admin1 codes / countries named right after "X," ("Paris, Texas", "Gainesville, Ga.", "Kherson, Ukraine")."""
    doc = span.doc
    if span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return frozenset()
    after = doc[span.end + 1]
    if after.text in STATE_ABBREVIATIONS:
        return frozenset({"US." + STATE_ABBREVIATIONS[after.text]})
    for ent in doc.ents:
        if ent.start == span.end + 1 and ent.label_ in PLACE_LABELS:
            codes = set()
            for entry in gaz.lookup(ent.text):
                if entry.kind == "country" and entry.country:
                    codes.add(entry.country)
                elif entry.kind == "region" and entry.admin1:
                    codes.add(entry.admin1)
            return frozenset(codes)
    return frozenset()


# ---------------------------------------------------------------------------------------------------------
# Resolution


def _group(mention: _Mention) -> tuple[str, str | None, frozenset[str]]:
    """Mentions that must resolve alike: same name, same kind cue, same qualifier (one sense per article)."""
    return (name_key(mention.lookup), mention.hint, mention.within)


def _candidates(mention: _Mention, gaz: Gazetteer) -> list[tuple[Entry, float]]:
    """(entry, prior) for every reading of the mention, best first."""
    found = _readings(mention, gaz)
    key = name_key(mention.lookup)
    scored = [(e, _prior(e) - (0.0 if e.curated or name_key(e.name) == key else ALTERNATE_NAME_PENALTY)) for e in found]
    return sorted(scored, key=lambda pair: pair[1], reverse=True)[:MAX_CANDIDATES]


def _readings(mention: _Mention, gaz: Gazetteer) -> list[Entry]:
    hint = mention.hint
    abbreviation = mention.lookup.replace(" ", "")  # "W. Va." as "W.Va."
    if abbreviation == "D.C.":
        return [e for e in gaz.lookup("Washington") if e.capital and e.country == "US"]
    if abbreviation in STATE_ABBREVIATIONS:
        state = gaz.region("US." + STATE_ABBREVIATIONS[abbreviation])
        return [state] if state else []
    key = name_key(mention.lookup)
    found = gaz.lookup(mention.lookup)
    words = key.split()
    if not found and len(words) > 1 and words[-1] in REGION_WORDS | CITY_WORDS:
        hint = "region" if words[-1] in REGION_WORDS else "city"
        key = " ".join(words[:-1])
        found = gaz.lookup(key)
    # A name our table gives a river, a sea or a region means that place; a curated country or town
    # (a respelling) still competes with its namesakes ("Palestine, Texas").
    curated = [e for e in gaz.curated.get(key, ()) if _fits(e, hint) and e.kind not in ("country", "city")]
    if curated:
        return curated
    if hint:
        found = [e for e in found if _fits(e, hint)] or ([] if hint == "region" else found)
    if mention.within:
        inside = [e for e in found if e.admin1 in mention.within or e.country in mention.within]
        found = inside or found
    if not hint:
        found = _towns_over_namesake_regions(found)
    return found


def _fits(entry: Entry, hint: str | None) -> bool:
    if hint == "region":
        return entry.kind in REGION_KINDS
    if hint == "city":
        return entry.kind == "city"
    return True


NAMESAKE_KM = 200.0
"""A region whose point lies this close to a same-named town is named after it (Moscow Oblast around Moscow,
which is not legally inside it); New York State's point is 300 km from the city, and stays a candidate."""


def _towns_over_namesake_regions(found: list[Entry]) -> list[Entry]:
    """Drop a region named after a town in or by it: a bare "Paris", "Moscow" or "Kherson" is the town."""
    towns = [e for e in found if e.kind == "city"]
    if not towns:
        return found

    def named_after_town(region: Entry) -> bool:
        if region.kind not in REGION_KINDS:
            return False
        for town in towns:
            inside = town.admin1 == region.admin1 if region.kind == "region" else town.admin2 == region.admin2
            if inside or distance_km(town, region) <= NAMESAKE_KM:
                return True
        return False

    return [e for e in found if not named_after_town(e)]


def _prior(entry: Entry) -> float:
    if entry.curated and entry.population == 0:
        return CURATED_PRIOR
    prior = math.log10(entry.population + 1) + KIND_PRIOR.get(entry.kind, 0.0)
    return prior + (1.0 if entry.curated else 0.0) + (CAPITAL_BONUS if entry.capital else 0.0)


def _resolve(mentions: list[_Mention], gaz: Gazetteer) -> dict[tuple, Entry]:
    """Choose one entry per group: prior first, then rounds of article context."""
    candidates: dict[tuple, list[tuple[Entry, float]]] = {}
    for mention in mentions:
        group = _group(mention)
        if group not in candidates:
            candidates[group] = _candidates(mention, gaz)
    candidates = {group: found for group, found in candidates.items() if found}
    # Where each name could plausibly be: context for the other names, whatever each ends up as.
    plausible: dict[tuple, dict[str, set[Entry]]] = {}
    for group, found in candidates.items():
        by_state: dict[str, set[Entry]] = {}
        for entry, prior in found:
            if entry.admin1 and prior >= found[0][1] - PLAUSIBLE_GAP:
                by_state.setdefault(entry.admin1, set()).add(entry)
        plausible[group] = by_state
    weight = Counter(_group(m) for m in mentions)
    if mentions:
        weight[_group(min(mentions, key=lambda m: m.start))] += FIRST_PLACE_WEIGHT
    choice = {group: found[0][0] for group, found in candidates.items()}
    for _round in range(ROUNDS):
        new = {}
        for group, found in candidates.items():
            others = {other: entry for other, entry in choice.items() if other[0] != group[0]}
            rivals = {other: states for other, states in plausible.items() if other[0] != group[0]}
            focus = _focus_country({other: entry for other, entry in others.items()}, weight)
            new[group] = max(
                found,
                key=lambda pair: pair[1] + _context(pair[0], rivals, others.values()) + (FOCUS_COUNTRY_BONUS if focus and pair[0].country == focus else 0.0),
            )[0]
        if new == choice:
            break
        choice = new
    return choice


def _focus_country(chosen: dict[tuple, Entry], weight: Counter) -> str | None:
    """The country most of the article's place mentions are in, when it is clearly the article's."""
    by_country: Counter[str] = Counter()
    for group, entry in chosen.items():
        if entry.country:
            by_country[entry.country] += weight[group]
    if not by_country:
        return None
    (top, count), *rest = by_country.most_common(2) + [("", 0)]
    return top if count >= FOCUS_MIN_SHARE * sum(by_country.values()) and count > rest[0][1] else None


def _context(entry: Entry, plausible: dict[tuple, dict[str, set[Entry]]], chosen: Iterable[Entry]) -> float:
    """What the article's other names say for `entry`; an other name that is `entry` itself says nothing
    ("Mexico City" does not make "Mexico" the city)."""
    score = 0.0
    if entry.admin1:
        supporters = sum(1 for states in plausible.values() if states.get(entry.admin1, set()) - {entry})
        if supporters:
            score += SAME_STATE_BONUS + MORE_STATE_BONUS * (min(supporters, 3) - 1)
    others = [other for other in chosen if other != entry]
    if entry.country and any(other.country == entry.country for other in others):
        score += SAME_COUNTRY_BONUS
    if entry.kind in ("city", "district") and any(
        other.kind in ("city", "district") and distance_km(entry, other) <= NEARBY_KM for other in others
    ):
        score += NEARBY_BONUS
    return score
