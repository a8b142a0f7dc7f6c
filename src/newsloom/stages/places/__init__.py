"""Toponyms -> coordinates: find place mentions in parsed paragraphs and resolve each to one gazetteer entry.

How a mention becomes a place:

1. Mentions, with the evidence for each (`Evidence`):
   - LABEL: the GPE, LOC and FAC entities of each paragraph (the gazetteer ruler runs before the NER, so
     "Kherson" and "Douro" arrive as places), and PERSON/ORG/NORP entities whose text is a name our curated
     table owns, a country or a capital (an ORG may also be a state: "Kentucky"). Demonyms ("Ukrainian")
     and lone compass words are not places, nor a one-word "place" that is part of a person's name.
   - CUE: a PERSON/ORG/NORP entity or an untagged capitalised run that is a gazetteer name, with a place cue
     around it: a locative preposition ("a woman from Ourense", "on the Minho"), "<mayor|village> of", a kind
     word after it ("Tui bridge"), a dateline ("TUI, Spain —", matched in any case), or a list after a place
     ("Beja, Moura and Serpa"). Vetoed: a word of a person's full name, a title before it, an institution.
   - FOCUS: such a name without a cue, used as a modifier ("the Évora protest"), kept only if it lies in the
     article's focus country.
   - CONTEXT: a state or county opening an organisation's name ("Hall County Sheriff's Office"): it helps
     choose the other names' states but is not itself a place of the article.
   A mention grows into a longer gazetteer name around it ("Vila" -> "Vila Real", "Régua" -> "Peso da
   Régua", "Douro" -> "Douro river"), and a name cut before "do"/"da" and a capital ("Praça do Giraldo")
   is dropped. A name found as a place is also taken where the model labelled it otherwise or in capitals.
   A following "region"/"oblast"/"County" or "city" joins the mention and says which kind is meant
   ("the Kherson region" -> Kherson Oblast, "Kherson city" -> Kherson); so do "the city of X",
   "X was one of four regions", "Cooke, Grayson and Love counties"; "W.Va.", "Ga." are states, and
   "New York's attorney general", "Missouri, New York and Virginia" or "Buffalo, New York" prefer the state
   ("Queens, New York" lies in the city), "China, Canada and Brazil" the country, and "a Denver-based firm" a
   well-known place.
2. Candidates: every gazetteer entry with that name. A name our curated table gives a river, sea or
   region resolves to that entry. A region named after a town inside it yields to the town for a bare name
   ("Paris", "Kherson"). "Paris, Texas" and "Gainesville, Ga." keep only candidates inside the qualifier (and the
   bare "Paris" of the same article follows); a small town the gazetteer lacks inside it ("Millbrook, Vermont",
   "Greenwood, W. Va.") is placed at the state. A name borne
   only as another spelling ranks below its own bearers (no capital bonus for Amman as "Philadelphia"; none
   at all when a country bears it: "Egypt").
3. Choice (`context`): a size prior (log population, by kind) plus the article's context: the other
   toponyms' countries and states (a name that could lie in many states backs each less), the article's
   focus country and focus state (where most of its mentions could lie), the county a town lies in ("a Paris
   man ... Henry County court": Paris, Tennessee), and places near the candidate that the other names were or
   could plausibly be resolved to, iterated until the choices settle. A town named after a country, or after a
   large place of a country the article names, is chosen only beside its neighbours or its county ("born in
   Italy" in a Texas story is Italy). Local US
   news repeats town names across states (Gainesville, Georgia and Florida), and the state or county named
   next to them, or the neighbouring towns, tell them apart. The LABEL names are resolved first; the countries they land in
   bound what the weaker names may be (`_allowed`: no Mozambican Caia for a Portuguese border post).
4. Mentions resolved to the same entry make one Place, its mentions in article offsets.

>>> from newsloom.stages.language import load_pipeline, parse_text
>>> text = "Troops entered Kherson. The Kherson region is on the Dnieper River."
>>> [(p.name, p.kind) for p in find_places(parse_text(load_pipeline(), text), text)]
[('Kherson', 'city'), ('Kherson Oblast', 'region'), ('Dnieper River', 'river')]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ...models import Mention, Place
from ..language import Paragraph
from . import choose, gazetteer, toponyms
from .gazetteer import Entry

__all__ = ["find_places", "to_geojson"]


def find_places(paragraphs: Sequence[Paragraph], text: str) -> list[Place]:
    """Resolve the toponyms of parsed paragraphs to gazetteer places, one Place per entry, in order of first mention.

    >>> from newsloom.stages.language import load_pipeline, parse_text
    >>> text = "Floods hit Paris, Texas. Paris has no levee."
    >>> [(p.name, p.country, len(p.mentions)) for p in find_places(parse_text(load_pipeline(), text), text)]
    [('Paris', 'US', 2), ('Texas', 'US', 1)]
    """
    gaz = gazetteer.load()
    people = toponyms.person_words(paragraphs)
    mentions = [m for paragraph in paragraphs for m in toponyms.find_toponyms(paragraph, text, gaz, people)]
    mentions = toponyms.without_person_names(mentions, people, gaz)
    mentions += toponyms.propagate(paragraphs, text, mentions, gaz)
    choices = choose.resolve(mentions, gaz)
    places: dict[Entry, list[Mention]] = {}
    for mention in mentions:
        entry = choices.get(choose.group_key(mention))
        if entry is not None and mention.evidence > toponyms.Evidence.CONTEXT:
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
