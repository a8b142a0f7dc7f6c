"""Choosing one gazetteer entry per toponym (steps 2-3 of `newsloom.stages.places`): candidates by
name, a size prior, which readings each name's evidence allows, then the article's context (focus country
and state, states, nearby places: `context.choose_all`), iterated."""

from __future__ import annotations

import math
from collections import Counter

from .context import NEARBY_KM, choose_all, focus_country
from .gazetteer import Entry, Gazetteer, distance_km, name_key
from .toponyms import CITY_WORDS, KIND_NOUNS, REGION_KINDS, REGION_WORDS, STATE_ABBREVIATIONS, Evidence, Toponym

KIND_PRIOR = {"country": 2.0, "region": 1.0, "city": 0.0, "district": -0.5}
"""Added to log10(population): a bare name in news is a country before a state, a state before a town,
a town before a county (a county's name is usually said with "County")."""


CURATED_PRIOR = 9.0
"""Curated rows have no population; 9 ranks them with places of a billion people (log10), i.e. above any
packaged entry of the same name: our table only holds names whose news meaning is clear."""


CAPITAL_BONUS = 2.0
"""National capitals are named far beyond their size, as seats of government ("Washington said"):
DC over Washington State, whose towns add up to ten times its people."""


ALTERNATE_NAME_PENALTY = 1.5
"""A candidate that bears the name only as an alternate spelling (another language's, a former name) is
rarely the one meant when another place bears it officially: "Santa Ana" is not Taguig."""


FIRST_PLACE_WEIGHT = 2  # the dateline or the lede's first place says where the story is


MAX_CANDIDATES = 25
"""Candidates kept per name, by prior: "Washington" has 60; the 26th is never the one meant."""


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


def group_key(mention: Toponym) -> tuple[str, str | None, frozenset[str]]:
    """Mentions that must resolve alike: same name, same kind cue, same qualifier (one sense per article)."""
    return (name_key(mention.lookup), mention.hint, mention.within)


def _candidates(mention: Toponym, gaz: Gazetteer) -> list[tuple[Entry, float]]:
    """(entry, prior) for every reading of the mention, best first."""
    found = _readings(mention, gaz)
    keys = {name_key(mention.lookup)}
    words = name_key(mention.lookup).split()
    if len(words) > 1 and words[-1] in CITY_WORDS:
        keys.add(" ".join(words[:-1]))
    own = [e.curated or name_key(e.name) in keys for e in found]
    if any(is_own and e.kind == "country" for e, is_own in zip(found, own, strict=True)):
        found = [e for e, is_own in zip(found, own, strict=True) if is_own]  # "Egypt" is no spelling of Goodyear
        own = [True] * len(found)
    scored = [
        (e, _prior(e, is_own) - (0.0 if is_own else ALTERNATE_NAME_PENALTY))
        for e, is_own in zip(found, own, strict=True)
    ]
    return sorted(scored, key=lambda pair: pair[1], reverse=True)[:MAX_CANDIDATES]


def _readings(mention: Toponym, gaz: Gazetteer) -> list[Entry]:
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
    elif len(words) > 1 and words[-1] in CITY_WORDS and not any(
        e.kind == "city" and name_key(e.name) == key for e in found
    ):
        # "San Fernando City": no town bears the name as its own (as Mexico City does), so San Fernando, the
        # city, competes with the place that has it as another name ("Dublin City" is also a county of Ireland)
        base = [e for e in gaz.lookup(" ".join(words[:-1])) if e.kind == "city"]
        found = found + [e for e in base if e not in found]
    # A name our table gives a river, a sea or a region means that place; a curated country or town
    # (a respelling) still competes with its namesakes ("Palestine, Texas").
    curated = [e for e in gaz.curated.get(key, ()) if _fits(e, hint) and e.kind not in ("country", "city")]
    if curated:
        return curated
    if hint == "state":
        states = [e for e in found if e.kind == "region"]
        found, hint = (states, hint) if states else (found, None)
    elif hint == "country":
        found = [e for e in found if e.kind == "country"] or found
        hint = None
    elif hint == "hub":
        found = [e for e in found if _well_known(e)] or found
        hint = None
    elif hint:
        found = [e for e in found if _fits(e, hint)] or ([] if hint == "region" else found)
    if mention.within:
        inside = [e for e in found if e.admin1 in mention.within or e.country in mention.within]
        known = [e for e in found if _well_known(e) and (e.curated or name_key(e.name) == key)]
        if not inside and not known and all(e.kind in ("city", "district") for e in found):
            # not a list ("Kiev, Minsk and Riga"): a well-known place is never qualified by another's name (one
            # that only bears it as another name does not count: Kansas City was once Greenwood)
            return _qualifier_itself(mention.within, gaz)
        found = inside or found
    if hint is None:
        found = _towns_over_namesake_regions(found)
    return found


def _qualifier_itself(within: frozenset[str], gaz: Gazetteer) -> list[Entry]:
    """ "Millbrook, Vermont" when the gazetteer has no Millbrook in Vermont (it lists towns of 500 people and up):
    the state says where the place is, within a state's width; a namesake elsewhere is the one wrong answer."""
    codes = [code for code in within if "." in code]
    region = gaz.region(codes[0]) if len(codes) == 1 else None
    return [region] if region else []


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


def _prior(entry: Entry, own_name: bool = True) -> float:
    """Size by kind; a capital's bonus only under its own name (Amman was once Philadelphia: not the one meant)."""
    if entry.curated and entry.population == 0:
        return CURATED_PRIOR
    prior = math.log10(entry.population + 1) + KIND_PRIOR.get(entry.kind, 0.0)
    return prior + (1.0 if entry.curated else 0.0) + (CAPITAL_BONUS if entry.capital and own_name else 0.0)


def resolve(mentions: list[Toponym], gaz: Gazetteer) -> dict[tuple, Entry]:
    """Choose one entry per group: prior first, then rounds of article context.

    Names the NER called places are resolved first; what they say (the countries the article is in, its
    focus country) then decides which readings the weaker names may take (`_allowed`), and all are
    resolved together.
    """
    candidates: dict[tuple, list[tuple[Entry, float]]] = {}
    evidence: dict[tuple, Evidence] = {}
    for mention in mentions:
        group = group_key(mention)
        if group not in candidates:
            candidates[group] = _candidates(mention, gaz)
        evidence[group] = max(mention.evidence, evidence.get(group, Evidence.CONTEXT))
    candidates = {group: found for group, found in candidates.items() if found}
    _follow_kind_cues(candidates)
    weight = Counter(group_key(m) for m in mentions)
    if mentions:
        weight[group_key(min(mentions, key=lambda m: m.start))] += FIRST_PLACE_WEIGHT
    first = {
        group: [pair for pair in found if evidence[group] == Evidence.LABEL or _allowed(pair[0], Evidence.CONTEXT, group, set(), None, [])]
        for group, found in candidates.items()
        if evidence[group] in (Evidence.LABEL, Evidence.CONTEXT)
    }
    sure = choose_all({group: found for group, found in first.items() if found}, weight)
    focus = focus_country(sure, weight)
    countries: Counter[str] = Counter(entry.country for entry in sure.values() if entry.country)
    allowed = {}
    for group, found in candidates.items():
        others = set(countries - Counter([sure[group].country] if group in sure else []))
        neighbours = [entry for other, entry in sure.items() if other != group]
        allowed[group] = [
            pair for pair in found if _allowed(pair[0], evidence[group], group, others, focus, neighbours)
        ]
    return choose_all({group: found for group, found in allowed.items() if found}, weight)


def _follow_kind_cues(candidates: dict[tuple, list[tuple[Entry, float]]]) -> None:
    """One name, one sense: once the article says "California" is a state ("California lawmakers", "Georgia,
    Oklahoma and California"), "Chad" a country ("Niger, Chad and Mali") or which "Palestine" it means
    ("Palestine, Texas"), its bare mentions are that too, not a place of that name elsewhere."""
    said: dict[str, set[Entry]] = {}
    for (key, hint, within), found in candidates.items():
        if (hint, found[0][0].kind) in (("state", "region"), ("country", "country")) or within:
            said.setdefault(key, set()).update(entry for entry, _prior in found)
    for group, found in candidates.items():
        key, hint, within = group
        if hint is None and not within and key in said:
            candidates[group] = [pair for pair in found if pair[0] in said[key]] or found


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
