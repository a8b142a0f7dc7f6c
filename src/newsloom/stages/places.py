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

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from spacy.tokens import Span

from ..models import Mention, Place
from . import gazetteer
from .gazetteer import Entry, Gazetteer, distance_km, name_key
from .language import Paragraph
from .names import HONORIFICS, ORG_HEAD_WORDS, SEATS_OF_POWER, TITLE_WORDS

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

NEIGHBOUR_BONUS = 1.0
NEIGHBOUR_KM = 25.0
"""And once more within 25 km: towns named together that close are twin towns or neighbours ("from Tui to
Valença", the two ends of one bridge), which beats a namesake ten times larger an ocean away."""

MAX_CANDIDATES = 25
"""Candidates kept per name, by prior: "Washington" has 60; the 26th is never the one meant."""

ROUNDS = 4

LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "into", "near", "from", "to", "at", "between", "outside", "across", "through", "throughout", "toward",
     "towards", "around", "inside", "within", "along", "via", "beyond", "past", "upstream", "downstream"}
)  # fmt: skip
"""A capitalised name right after one of these (or after it and "the") is a place: "a woman from Ourense",
"upstream from Peso da Régua". "on" counts only as "on the" (rivers, lakes: "capsized on the Douro")."""

NOT_LOCATIVE_HEADS = frozenset(
    {"according", "say", "tell", "speak", "talk", "write", "reply", "listen", "hear", "give", "send", "hand",
     "belong", "thank", "marry", "introduce", "explain", "report", "answer", "respond", "lose", "letter",
     "message", "call", "email", "statement", "comment", "word", "gift", "thanks", "apology", "appeal"}
)  # fmt: skip
"""Words whose "to"/"from" takes a person: "according to Marta", "a letter from Braga" (a surname)."""

PLACE_OF_NOUNS = frozenset(
    {"mayor", "city", "town", "village", "hamlet", "municipality", "outskirts", "centre", "center", "streets",
     "residents", "people", "province", "region", "district", "county", "suburbs", "banks", "mouth", "waters",
     "heart", "port", "coast", "capital", "north", "south", "east", "west", "governor", "council"}
)  # fmt: skip
""""the mayor of Tui", "the banks of the Douro": "<noun> of" before a name that lives in a place."""

KIND_NOUNS = frozenset(
    {"river", "valley", "basin", "delta", "estuary", "reservoir", "dam", "lake", "coast", "mountains", "island",
     "islands", "peninsula", "bay", "border", "area", "village", "hamlet", "municipality", "department", "canton",
     "borough", "township", "suburb", "wine", "countryside"}
    | REGION_WORDS | CITY_WORDS
)  # fmt: skip
"""A kind word right after a name says place ("the Douro river", "the Tui bridge area"); a lower-case one
extends a name into our table's ("Douro" + "wine region")."""

PERSON_TITLES = frozenset(HONORIFICS | TITLE_WORDS)
INSTITUTION_WORDS = frozenset(ORG_HEAD_WORDS | {"congress", "senate", "house", "reserve", "guard", "police"})
DIRECTION_WORDS = frozenset(
    {"north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "northeast",
     "northwest", "southeast", "southwest", "downtown", "uptown", "midtown", "metro"}
)  # fmt: skip
"""Alone, a compass word is a direction or a street ("between North and Strickland avenues"), not a place;
GeoNames' "Southern Province" (Rwanda) answers to "South"."""
POLITY_WORDS = frozenset(
    {"gov.", "governor", "lawmakers", "legislators", "legislature", "attorney general", "border", "state senate",
     "general assembly", "statehouse", "voters"}
)  # fmt: skip
PLURAL_KIND_WORDS = frozenset({"counties", "parishes", "provinces", "regions", "states", "oblasts", "districts"})
SPEECH_VERBS = frozenset({"say", "tell", "add", "explain", "write", "announce", "ask", "insist", "argue", "warn"})
CONNECTORS = frozenset(
    {"da", "das", "de", "del", "della", "dei", "des", "di", "do", "dos", "du", "la", "le", "les", "el", "los", "las",
     "o", "a", "e", "y", "en", "sur", "am", "an", "im", "upon", "on", "of", "au", "aux", "al"}
)  # fmt: skip
"""Words inside compound place names: "Peso da Régua", "Montemor-o-Novo", "Stratford-upon-Avon"."""
NAME_PARTICLES = frozenset({"da", "das", "de", "del", "della", "do", "dos", "du", "di"})
"""The connectors that only ever join a longer proper name (never "on Monday", "in Vigo and Tui")."""
HYPHENS = frozenset({"-", "‑"})
DASHES = frozenset({"—", "–", "-", "--", "―"})
MAX_EXTENSION = 4  # words joined to a mention: "Castilla" + "-La Mancha" needs 3; longer runs are sentences

WELL_KNOWN_POPULATION = 100_000
"""A name found only by its context ("from Caia") must lie in a country the article already places something
in, or be a place of this size (or a country, capital, region of our table) that any article may name: the
Portuguese border post is no reason to put a pin in Mozambique's Caia."""

FOCUS_TOWN_POPULATION = 5_000
"""A name with neither a place label nor a cue is a place only in the article's focus country, and only a town
of this size (or a region, or a row of our table): "Évora" tagged PERSON in a story set in Portugal."""


ISOLATED_TOWN_POPULATION = 10_000
"""Even a name the NER calls a place is not a small town abroad, far from the article's other places, when
those are all in other countries: "her first name, Marta" (GPE to the model) in a story set in Portugal is no
Italian village; Valença, across the bridge from the Spanish Tui, stays Portuguese (NEARBY_KM)."""


class Evidence(IntEnum):
    """Why a mention is taken to be a place, weakest first; a name is as strong as its strongest mention."""

    CONTEXT = -1  # a state or county opening an organisation's name ("Hall County Sheriff's Office"): context only
    FOCUS = 0  # a gazetteer name tagged PERSON/ORG, confirmed only by the article's focus country
    CUE = 1  # a gazetteer name with a place cue around it (preposition, kind word, dateline, list)
    LABEL = 2  # the NER called it a place, or it is a name our table, the countries or the capitals own
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
    evidence: Evidence = Evidence.LABEL


def find_places(paragraphs: Sequence[Paragraph], text: str) -> list[Place]:
    """Resolve the toponyms of parsed paragraphs to gazetteer places, one Place per entry, in order of first mention.

    >>> from newsloom.stages.language import load_pipeline, parse_text
    >>> text = "Floods hit Paris, Texas. Paris has no levee."
    >>> [(p.name, p.country, len(p.mentions)) for p in find_places(parse_text(load_pipeline(), text), text)]
    [('Paris', 'US', 2), ('Texas', 'US', 1)]
    """
    gaz = gazetteer.load()
    person_words = _person_words(paragraphs)
    mentions = [m for paragraph in paragraphs for m in _mentions(paragraph, text, gaz, person_words)]
    mentions = _without_person_names(mentions, person_words, gaz)
    mentions += _propagate(paragraphs, text, mentions, gaz)
    choices = _resolve(mentions, gaz)
    places: dict[Entry, list[Mention]] = {}
    for mention in mentions:
        entry = choices.get(_group(mention))
        if entry is not None and mention.evidence > Evidence.CONTEXT:
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


def _mentions(paragraph: Paragraph, text: str, gaz: Gazetteer, person_words: frozenset[str]) -> list[_Mention]:
    """The paragraph's toponyms: the NER's places, then names the model labelled otherwise or not at all.

    A PERSON/ORG/NORP entity or an untagged capitalised run becomes a mention when it is a gazetteer name
    and its context says place (`_place_cue`), or, with no cue, as a candidate that only the article's
    focus country can confirm (`Evidence.FOCUS`, "the Évora protest" in a story set in Portugal).
    """
    doc = paragraph.doc
    sure: list[tuple[int, int, Evidence]] = []
    weak: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        trimmed = _trim(ent)
        for span in _split_list(trimmed, gaz) if trimmed is not None else ():
            _sort_entity(doc, ent, span, gaz, sure, weak)
    weak += [(start, end, "") for start, end in _untagged_runs(doc)]
    taken = {i for start, end, _evidence in sure for i in range(start, end)}
    pending = []
    for start, end, label in weak:
        found = _extend(doc, start, end, gaz)
        if found is None or any(i in taken for i in range(*found)) or _vetoed(doc, *found, person_words):
            continue
        institution = label == "ORG" and found[0] > 0 and doc[found[0] - 1].lower_ == "the"
        if institution and not _is_name(doc[slice(*found)].text, gaz, curated_only=True):
            continue  # "the White House", "the Webster" (a theatre): institutions; rivers are in our table
        pending.append((*found, label))
    accepted = list(sure)
    changed = True
    while changed:  # a cue may be a place accepted just before: "Beja, Moura and Serpa"
        changed = False
        ends = {end for _start, end, _evidence in accepted}  # the token after each place
        for item in list(pending):
            start, end, label = item
            if _place_cue(doc, start, end) or _listed_after_place(doc, start, end, ends):
                accepted.append((start, end, Evidence.CUE))
                pending.remove(item)
                changed = True
    accepted += [
        (start, end, Evidence.FOCUS)
        for start, end, label in pending
        if label in ("PERSON", "ORG") and _modifies_noun(doc[start:end])
    ]
    kept: list[tuple[int, int, Evidence]] = []
    for start, end, evidence in sorted(accepted, key=lambda item: (-item[2], item[0] - item[1])):
        if all(end <= s or e <= start for s, e, _evidence in kept):  # an extension may cover another mention
            kept.append((start, end, evidence))
    return [_mention(paragraph, doc[start:end], text, gaz, evidence) for start, end, evidence in sorted(kept)]


def _sort_entity(doc, ent: Span, span: Span, gaz: Gazetteer, sure: list, weak: list) -> None:
    """Put an entity's (trimmed) span among the sure places, the weak candidates, or nowhere."""
    if span.text.lower() in DIRECTION_WORDS:
        return
    if ent.label_ in PLACE_LABELS:
        if _is_demonym(ent, gaz):
            return
        start, end = _extend(doc, span.start, span.end, gaz) or (span.start, span.end)
        if (start, end) == (span.start, span.end) and _inside_longer_name(doc, start, end):
            return  # "Praça" of "Praça do Giraldo", "Guadiana" of "Guardiões do Guadiana": another name
        sure.append((start, end, Evidence.LABEL))
    elif ent.label_ in RELABEL_LABELS:
        if _owned_name(span.text, gaz, states=ent.label_ == "ORG"):
            sure.append((*(_extend(doc, span.start, span.end, gaz) or (span.start, span.end)), Evidence.LABEL))
        elif ent.label_ != "NORP" or all(t.tag_ == "NNP" for t in span):
            weak.append((span.start, span.end, ent.label_))
        if ent.label_ == "ORG":
            for size in range(min(3, len(span) - 1), 0, -1):
                if _is_region_name(span[:size].text, gaz):
                    sure.append((span.start, span.start + size, Evidence.CONTEXT))
                    break


def _is_region_name(text: str, gaz: Gazetteer) -> bool:
    """A state's or a county's own name ("Georgia", "Hall County"), as organisations open with it."""
    key = name_key(text)
    return any(e.kind in REGION_KINDS and name_key(e.name) == key for e in gaz.lookup(text))


def _split_list(span: Span, gaz: Gazetteer) -> list[Span]:
    """An entity that is a list of places, "Pinhão and Peso da Régua" (one ORG to the model), as its places."""
    cuts = [i for i, token in enumerate(span) if token.lower_ in ("and", "or", ",")]  # not "&": firms
    if not cuts or _is_name(span.text, gaz):
        return [span]
    parts, begin = [], 0
    for cut in [*cuts, len(span)]:
        if cut > begin:
            parts.append(span[begin:cut])
        begin = cut + 1
    return parts if all(_is_name(part.text, gaz) for part in parts) else [span]


def _modifies_noun(span: Span) -> bool:
    """ "the Évora protest", "a Chiefland bar brawl", "Torrington firefighters": a name used as a modifier of a
    common noun is a place far more often than a person, whom news names as a subject or an object."""
    root = span.root
    return root.dep_ in ("compound", "nmod") and root.head.pos_ == "NOUN" and root.head.i >= span.end


def _untagged_runs(doc) -> list[tuple[int, int]]:
    """Capitalised proper-noun runs outside any entity ("Covelinhas", "PESO DA RÉGUA"), connectors inside."""
    runs = []
    i = 0
    while i < len(doc):
        if not _name_word(doc[i]) or doc[i].ent_iob_ != "O":
            i += 1
            continue
        j = i + 1
        while j < len(doc) and doc[j].ent_iob_ == "O":
            if _name_word(doc[j]):
                j += 1
            elif (doc[j].lower_ in CONNECTORS or doc[j].text in HYPHENS) and j + 1 < len(doc) and _name_word(doc[j + 1]):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def _name_word(token) -> bool:
    """A word that can start or continue a place name: a capitalised proper noun, or any word in capitals."""
    if not token.is_alpha:
        return False
    return token.is_upper and len(token) > 1 or token.is_title and token.pos_ == "PROPN"


def _is_name(text: str, gaz: Gazetteer, curated_only: bool = False) -> bool:
    key = name_key(text)
    if key in gaz.curated:
        return True
    return not curated_only and bool(gaz.positions(key))


def _extend(doc, start: int, end: int, gaz: Gazetteer) -> tuple[int, int] | None:
    """The longest gazetteer name made of [start, end) and the name words around it, or None.

    The model often cuts a compound name: "Vila" of "Vila Real" (alone, Port-Vila), "Régua" of
    "Peso da Régua", "Douro" of "Douro river". Words joined on the right may be capitalised, a connector
    ("da", "de", "-o-") followed by one, or a lower-case kind word ("river"), the latter only into a name
    of our curated table; on the left, capitalised words and connectors ("West" Java, "Peso da" Régua).
    """
    best = (start, end) if _is_name(doc[start:end].text, gaz) else None
    j, added = end, 0
    while j < len(doc) and added < MAX_EXTENSION:
        token = doc[j]
        if token.lower_ in CONNECTORS or token.text in HYPHENS:
            j += 1
            continue
        if token.is_stop:
            break  # "Kherson The ...": a sentence goes on, not a name
        if _name_word(token) or token.is_title and token.is_alpha:
            j += 1
            curated_only = False
        elif token.is_lower and token.lower_ in KIND_NOUNS:
            j += 1
            curated_only = True
        else:
            break
        added += 1
        if _is_name(doc[start:j].text, gaz, curated_only):
            best = (start, j)
    right = best[1] if best else end
    i, added = start, 0
    while i > 0 and added < MAX_EXTENSION:
        token = doc[i - 1]
        if token.lower_ in CONNECTORS or token.text in HYPHENS:
            i -= 1
            continue
        if token.is_stop or not (_name_word(token) or token.is_title and token.is_alpha or token.lower_ == "river"):
            break  # "The Kherson region" is Kherson's
        i -= 1
        added += 1
        if _is_name(doc[i:right].text, gaz, curated_only=not _name_word(token)):
            best = (i, right)
    return best


def _inside_longer_name(doc, start: int, end: int) -> bool:
    """A particle and a capitalised word go on from the name: "Praça" [do Giraldo], [Guardiões do] "Guadiana"
    (a conservation group), [Mirador do] "Miño" (a boat). Names of our gazetteer were joined before this."""
    if end + 1 < len(doc) and doc[end].text in NAME_PARTICLES and doc[end + 1].is_title:
        return True
    return start >= 2 and doc[start - 1].text in NAME_PARTICLES and doc[start - 2].is_title


def _vetoed(doc, start: int, end: int, person_words: frozenset[str]) -> bool:
    """Signs that a name the model did not call a place is a person's: a word of a person's full name in the
    article ("Marta" after "Marta Duarte"), a title before it ("Mayor Braga"), or saying something."""
    span = doc[start:end]
    if len(span) == 1 and span.text in person_words or span.text in SEATS_OF_POWER:
        return True
    if span[-1].lower_ in INSTITUTION_WORDS:
        return True  # "Congress", "the Guard and Reserve": organisations, whatever town bears the word
    if start > 0 and doc[start - 1].lower_.rstrip(".") in PERSON_TITLES:
        return True
    root = span.root
    return root.dep_ == "nsubj" and root.head.lemma_ in SPEECH_VERBS


def _place_cue(doc, start: int, end: int) -> bool:
    """Context that makes a capitalised name a place: a locative preposition before it ("from Braga", "on the
    Minho"), "<mayor|village|banks> of" before it, a kind word after it ("Tui bridge"), or a dateline."""
    before = start - 1
    if before >= 0 and doc[before].lower_ == "the":
        before -= 1
    if before >= 0:
        word = doc[before]
        if word.lower_ in LOCATIVE_PREPOSITIONS and word.head.lemma_.lower() not in NOT_LOCATIVE_HEADS:
            return True
        if word.lower_ == "on" and before == start - 2:
            return True
        if word.lower_ == "of" and before >= 1 and doc[before - 1].lemma_.lower() in PLACE_OF_NOUNS:
            return True
    if end < len(doc) and doc[end].lower_ in KIND_NOUNS:
        return True
    return _dateline(doc, start, end)


def _dateline(doc, start: int, end: int) -> bool:
    """ "TUI, Spain —", "PESO DA RÉGUA, Portugal (MPA) —", "Covelinhas, Portugal —": a paragraph's first
    words, then a dash, or a comma and (for a name not in capitals) a place and a dash or an agency."""
    if start != 0 or end >= len(doc):
        return False
    after = doc[end]
    if after.text in DASHES:
        return True
    if after.text != ",":
        return False
    if all(t.is_upper or not t.is_alpha for t in doc[start:end]):
        return True
    return any(t.text in DASHES or t.text == "(" for t in doc[end + 1 : end + 6])


def _listed_after_place(doc, start: int, end: int, place_ends: set[int]) -> bool:
    """ "Beja, Moura and Serpa": the name follows a place and "and"/"or", or a comma when the list goes on
    after it ("In Tui, Marta said" is no list)."""
    if start < 1 or start - 1 not in place_ends:
        return False
    joiner = doc[start - 1]
    if joiner.lower_ in ("and", "or"):
        return True
    return joiner.text == "," and end < len(doc) and doc[end].lower_ in ("and", "or", ",")


def _mention(
    paragraph: Paragraph, span: Span, text: str, gaz: Gazetteer, evidence: Evidence = Evidence.LABEL
) -> _Mention:
    """The mention of a trimmed entity span, a following kind word ("region", "County") joined to it."""
    doc = paragraph.doc
    hint = _kind_cue(span) or ("region" if _listed_before_kind(doc, span.end) else None)
    if hint is None and (_polity_follows(doc, span.end) or _listed_with_state(doc, span, gaz)):
        hint = "state"  # a state if the name has one: "New York's attorney general", "the New York border"
    end_token = span.end
    if _kind_word_follows(doc, end_token):
        hint = "region" if doc[end_token].lower_ in REGION_WORDS else "city"
        end_token += 1
    mention_span = doc[span.start : end_token]
    start = paragraph.start + mention_span.start_char
    end = paragraph.start + mention_span.end_char
    return _Mention(text[start:end], start, end, mention_span.text, hint, _qualifier(span, gaz), evidence)


def _person_words(paragraphs: Sequence[Paragraph]) -> frozenset[str]:
    """The words of the article's multi-word PERSON names ("Marta", "Duarte" of "Marta Duarte")."""
    return frozenset(
        token.text
        for paragraph in paragraphs
        for ent in paragraph.doc.ents
        if ent.label_ == "PERSON" and len(ent) > 1
        for token in ent
    )


def _without_person_names(mentions: list[_Mention], person_words: frozenset[str], gaz: Gazetteer) -> list[_Mention]:
    """Drop one-word "places" that are a word of a person's name in the same article.

    "Hopkins said" after "David Hopkins" is the man, though the model may call it GPE (there is a
    Hopkins, Minnesota); names our table or the country list own are kept ("Georgia Jones" aside).
    """
    return [m for m in mentions if " " in m.lookup or m.lookup not in person_words or _owned_name(m.lookup, gaz)]


def _propagate(paragraphs: Sequence[Paragraph], text: str, found: list[_Mention], gaz: Gazetteer) -> list[_Mention]:
    """Other occurrences of a name the article already uses as a place: one name, one reading per article.

    The small model labels the same town GPE in one sentence and PERSON or ORG in the next ("Alexandria
    woman charged"), or nothing at all in an all-capitals dateline ("MANSFIELD --"). Such words (see
    `_may_be_name`) whose text is a name found as a place elsewhere in the article are taken too.
    """
    names: dict[str, Evidence] = {}
    for m in found:
        if m.hint in (None, "state") and m.evidence > Evidence.FOCUS:  # "a Lincoln impersonator" says nothing of "Lincoln said"
            names[m.lookup] = max(m.evidence, names.get(m.lookup, Evidence.FOCUS))
    if not names:
        return []
    taken = [(m.start, m.end) for m in found if m.evidence > Evidence.CONTEXT]
    by_first: dict[str, list[tuple[list[str], Evidence]]] = {}
    for name, evidence in names.items():
        words = name.split()
        by_first.setdefault(words[0].casefold(), []).append(([w.casefold() for w in words], evidence))
    out = []
    for paragraph in paragraphs:
        doc = paragraph.doc
        ent_tokens = {i for ent in doc.ents if ent.label_ in PLACE_LABELS for i in range(ent.start, ent.end)}
        i = 0
        while i < len(doc):
            token = doc[i]
            match, evidence = 0, Evidence.FOCUS
            if i not in ent_tokens and _may_be_name(token) and token.lower_ in by_first:
                for words, strength in by_first[token.lower_]:
                    window = doc[i : i + len(words)]
                    if token.ent_type_ == "PERSON" and strength < Evidence.LABEL:
                        continue  # a name found only by its context does not overrule the model's PERSON
                    if (
                        len(words) > match
                        and [t.lower_ for t in window] == words
                        and all(t.is_title or t.is_upper or t.lower_ in CONNECTORS for t in window if t.is_alpha)
                    ):
                        match, evidence = len(words), strength
            if match:
                span = doc[i : i + match]
                start, end = paragraph.start + span.start_char, paragraph.start + span.end_char
                if not any(s < end and start < e for s, e in taken):
                    out.append(_mention(paragraph, span, text, gaz, evidence))
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


def _listed_before_kind(doc, end: int) -> bool:
    """ "Cooke, Grayson and Love counties": a name in a list that a plural kind word closes."""
    listed = False
    for token in doc[end : end + 12]:
        if token.lower_ in PLURAL_KIND_WORDS:
            return listed  # "the four metro Athens counties" are the counties around Athens
        if token.text == "," or token.lower_ in ("and", "or"):
            listed = True
        elif not token.is_title:
            return False
    return False


def _polity_follows(doc, end: int) -> bool:
    """ "New York's attorney general", "New York Gov. Paterson", "the New York border": what a state has."""
    following = [t.lower_ for t in doc[end : end + 3]]
    if following[:1] and following[0] in ("'s", "’s"):
        following = following[1:]
    return bool(following) and (following[0] in POLITY_WORDS or " ".join(following[:2]) in POLITY_WORDS)


def _listed_with_state(doc, span: Span, gaz: Gazetteer) -> bool:
    """ "Missouri, New York, North Carolina and Virginia": a name listed next to a state is a state too."""
    neighbours = []
    if span.start >= 2 and doc[span.start - 1].lower_ in (",", "and", "or"):
        neighbours += [ent for ent in doc.ents if ent.end == span.start - 1]
    if span.end + 1 < len(doc) and doc[span.end].lower_ in (",", "and", "or"):
        neighbours += [ent for ent in doc.ents if ent.start == span.end + 1]
    for ent in neighbours:
        found = gaz.lookup(ent.text)
        if found and found[0].kind == "region" and found[0].country == "US" and name_key(found[0].name) == name_key(ent.text):
            return True
    return False


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
    if hint == "state":
        states = [e for e in found if e.kind == "region"]
        found, hint = (states, hint) if states else (found, None)
    elif hint:
        found = [e for e in found if _fits(e, hint)] or ([] if hint == "region" else found)
    if mention.within:
        inside = [e for e in found if e.admin1 in mention.within or e.country in mention.within]
        found = inside or found
    if hint is None:
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
    """Choose one entry per group: prior first, then rounds of article context.

    Names the NER called places are resolved first; what they say (the countries the article is in, its
    focus country) then decides which readings the weaker names may take (`_allowed`), and all are
    resolved together.
    """
    candidates: dict[tuple, list[tuple[Entry, float]]] = {}
    evidence: dict[tuple, Evidence] = {}
    for mention in mentions:
        group = _group(mention)
        if group not in candidates:
            candidates[group] = _candidates(mention, gaz)
        evidence[group] = max(mention.evidence, evidence.get(group, Evidence.CONTEXT))
    candidates = {group: found for group, found in candidates.items() if found}
    weight = Counter(_group(m) for m in mentions)
    if mentions:
        weight[_group(min(mentions, key=lambda m: m.start))] += FIRST_PLACE_WEIGHT
    first = {
        group: [pair for pair in found if evidence[group] == Evidence.LABEL or _allowed(pair[0], Evidence.CONTEXT, group, set(), None, [])]
        for group, found in candidates.items()
        if evidence[group] in (Evidence.LABEL, Evidence.CONTEXT)
    }
    sure = _choose({group: found for group, found in first.items() if found}, weight)
    focus = _focus_country(sure, weight)
    countries: Counter[str] = Counter(entry.country for entry in sure.values() if entry.country)
    allowed = {}
    for group, found in candidates.items():
        others = set(countries - Counter([sure[group].country] if group in sure else []))
        neighbours = [entry for other, entry in sure.items() if other != group]
        allowed[group] = [
            pair for pair in found if _allowed(pair[0], evidence[group], group, others, focus, neighbours)
        ]
    return _choose({group: found for group, found in allowed.items() if found}, weight)


def _same_name(entry: Entry, key: str, hint: str | None) -> bool:
    """The entry's own name is the mention's, give or take a kind word ("Cooke" of "Cooke, Grayson and Love
    counties" is Cooke County; "Vila Real district" is Vila Real District)."""
    name = name_key(entry.name)
    if name == key:
        return True
    if " " in key and key.rsplit(" ", 1)[1] in KIND_NOUNS:
        return True
    return hint == "region" and name.startswith(key + " ") and name[len(key) + 1 :] in REGION_WORDS


def _allowed(
    entry: Entry, evidence: Evidence, group: tuple, countries: set[str], focus: str | None, neighbours: list[Entry]
) -> bool:
    """May a name found on this evidence be this entry? See WELL_KNOWN_POPULATION and FOCUS_TOWN_POPULATION."""
    key, hint = group[0], group[1]
    if evidence == Evidence.LABEL:
        return (
            not countries
            or entry.country in countries
            or entry.kind != "city"
            or entry.population >= ISOLATED_TOWN_POPULATION
            or any(distance_km(entry, other) <= NEARBY_KM for other in neighbours)
        )
    if not (entry.curated or _same_name(entry, key, hint)):
        return False  # "Hamas" is no spelling of Hamm, "Wilkinson" alone no county: weak names match exactly
    if evidence == Evidence.CONTEXT:
        return entry.kind in REGION_KINDS
    if evidence == Evidence.CUE:
        return entry.country in countries or _well_known(entry)
    if focus is None or entry.country != focus:
        return False
    return entry.curated and entry.kind != "city" or entry.kind in REGION_KINDS or entry.population >= FOCUS_TOWN_POPULATION


def _well_known(entry: Entry) -> bool:
    """Named in any article: a country, a capital, a state, a row of our table, a city of 100,000 (a county or
    a French département sums its towns, and many bear a word: "Lot")."""
    return (
        entry.kind in ("country", "continent", "region")
        or entry.capital
        or entry.curated and entry.kind != "city"
        or entry.kind == "city" and entry.population >= WELL_KNOWN_POPULATION
    )


def _choose(candidates: dict[tuple, list[tuple[Entry, float]]], weight: Counter) -> dict[tuple, Entry]:
    """Rounds of context: each name re-chooses its entry given the others' choices, until they settle."""
    # Where each name could plausibly be: context for the other names, whatever each ends up as.
    plausible: dict[tuple, dict[str, set[Entry]]] = {}
    for group, found in candidates.items():
        by_state: dict[str, set[Entry]] = {}
        for entry, prior in found:
            if entry.admin1 and prior >= found[0][1] - PLAUSIBLE_GAP:
                by_state.setdefault(entry.admin1, set()).add(entry)
        plausible[group] = by_state
    choice = {group: found[0][0] for group, found in candidates.items()}
    for _round in range(ROUNDS):
        new = {}
        for group, found in candidates.items():
            others = {other: entry for other, entry in choice.items() if not _same_base(other[0], group[0])}
            rivals = {other: states for other, states in plausible.items() if not _same_base(other[0], group[0])}
            focus = _focus_country(others, weight)
            new[group] = max(found, key=lambda pair: _score(pair, rivals, others.values(), focus))[0]  # noqa: B023
        if new == choice:
            break
        choice = new
    return choice


def _same_base(key: str, other: str) -> bool:
    """ "DeKalb" and "DeKalb County" name one thing twice, and so cannot vouch for each other's state."""
    return key == other or key.startswith(other + " ") or other.startswith(key + " ")


def _score(pair: tuple[Entry, float], plausible: dict, chosen: Iterable[Entry], focus: str | None) -> float:
    bonus = FOCUS_COUNTRY_BONUS if focus and pair[0].country == focus else 0.0
    return pair[1] + _context(pair[0], plausible, chosen) + bonus


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
    if entry.kind in ("city", "district"):
        distances = [distance_km(entry, other) for other in others if other.kind in ("city", "district")]
        if any(km <= NEARBY_KM for km in distances):
            score += NEARBY_BONUS
        if any(km <= NEIGHBOUR_KM for km in distances):
            score += NEIGHBOUR_BONUS
    return score
