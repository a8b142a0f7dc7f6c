"""The article's context in choosing entries (step 3 of `newsloom.stages.places`): each name re-chooses its
reading given where the other names could be and were put, in rounds, until the choices settle.

What the other names say for a candidate:

- its state: another name could lie in it (local news stays in one state), weighted by how many states that
  name could be in, and the state most of the article's mentions could lie in (its focus state);
- its country: another name was put there, and the country most of the mentions are in (its focus country);
- its neighbourhood: another name was put within 100 km (25 km counts twice), or could plausibly lie there
  (spatial minimality: towns named together are usually neighbours, also across a state line);
- its county: another name, said as a county, could be the county the town lies in (or a town in the county).

A town named after a country, or after a large place of a country the article names, needs its neighbours or its
county to be chosen at all (`_without_lone_namesakes`).

>>> from newsloom.stages.places import gazetteer
>>> gaz = gazetteer.load()
>>> athens = [(e, 0.0) for e in gaz.lookup("Athens") if e.kind == "city"]  # equal priors: context decides
>>> texas = [(gaz.region("US.TX"), 0.0)]
>>> choice = choose_all({("athens", None, frozenset()): athens, ("texas", None, frozenset()): texas}, Counter())
>>> choice[("athens", None, frozenset())].admin1
'US.TX'
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from .gazetteer import Entry, distance_km
from .toponyms import CITY_WORDS, REGION_WORDS

SAME_STATE_BONUS = 3.5
"""Another name of the article could lie in the candidate's admin1 (or names that admin1): local news stays
in one state, and this outweighs a 1,000-fold population gap (Gainesville GA over Gainesville FL, Athens TX
over Athens GR). Tuned on LGL's first 300 articles and TR-News: 2.5 to 4 all score within a point."""


AMBIGUITY_EXPONENT = 0.3
"""A supporting name that could lie in k states counts k**-0.3 of SAME_STATE_BONUS (the sum capped at one
bonus): "Texas" backs a Texan town fully, a name borne by towns in nine states about half as much, so two
common names no longer pull each other into whichever state both happen to have. Wrong LGL toponyms: 0 (every
supporter counts fully) 340, 0.25 327, 0.3 324, 0.5 326 (TR-News 47 to 56 there); GeoVirus 1 fewer from 0.25."""


MORE_STATE_BONUS = 0.5
"""For each further name (up to two more) that could lie in the same state: three towns of one state
outweigh one world capital."""


SAME_COUNTRY_BONUS = 2.0
"""Another name of the article was resolved in the candidate's country: an Indiana article's "Lebanon" is
the Indiana town. 1.0 scored a point lower on LGL and TR-News; 2.5 and 3 no better."""


PLAUSIBLE_GAP = 2.0
"""A candidate counts as context for the others when its prior is within 2 (a 100-fold population) of its
name's best: Henderson County, Texas backs Athens, Texas; London, Kentucky does not pull Paris to Kentucky."""


FOCUS_COUNTRY_MIN_WEIGHT = 2
"""Two mentions make a focus country: one "New York" does not make "Paris" Paris, Texas (LGL -0.0013,
TR-News +0.0019, GeoVirus unchanged)."""
FOCUS_COUNTRY_BONUS = 3.0
"""A place in the country the article is about: "Pinhão" in a story on the Douro is the Portuguese
village, though a larger Pinhão lies in Brazil and Brazil is named among the victims' countries."""


FOCUS_MIN_SHARE = 0.25  # the focus country holds a quarter of the place mentions, and more than any other


FOCUS_STATE_BONUS = 1.5
"""A place in the state the article is about (`_focus_state`), over what SAME_STATE_BONUS gives every state a
name could lie in: a state named seven times beats four states named once each. LGL: 1.0 to 3.0 all within a
toponym (1.5 best); TR-News loses one toponym from 2.0 up."""


FOCUS_STATE_MIN_WEIGHT = 2.0  # two mentions' worth: one passing "Ohio" is no focus
FOCUS_STATE_MIN_SHARE = 0.3  # of all the weight that lies in some state (0.2 and 0.3 score alike; 0.4 loses 6)
FOCUS_STATE_LEAD = 1.5  # over the runner-up state (1.2 loses 3 LGL toponyms, 2.0 loses 1)


NEARBY_BONUS = 1.0


NEARBY_KM = 100.0
"""Another resolved town or county lies within 100 km: co-mentioned towns are usually neighbours."""


NEIGHBOUR_BONUS = 1.0


NEIGHBOUR_KM = 25.0
"""And once more within 25 km: towns named together that close are twin towns or neighbours ("from Tui to
Valença", the two ends of one bridge), which beats a namesake ten times larger an ocean away."""


NEAR_PLAUSIBLE_BONUS = 1.0
"""Another name could plausibly (PLAUSIBLE_GAP) be a town or county within NEARBY_KM of the candidate, whatever
it ends up as: the Hanover beside a Vermont town is the one across the state line in New Hampshire. Counted
once: 1.5, 2.0 or counting two such names each lost LGL toponyms."""


NEAR_GAP = 3.5
"""Candidates that may take NEAR_PLAUSIBLE_BONUS: within a 3,000-fold population of their name's best, so a
London of 400,000 beside its neighbour towns in Ontario may beat England's, but no hamlet beats a state.
2.0 fixed 4 LGL toponyms fewer; 4.0 lost 3 (TR-News 2)."""


COUNTY_BONUS = 2.0
"""A town lies in a county the article also names, or a county holds a town it names: "a Paris man ... Henry
County General Sessions Court" is Paris, Tennessee, the seat of Henry County, over Paris, France. Naming a town
and the county around it is how local news places both, and a chance pairing of two common names is rare. Only a
name said as a county counts ("Henry County", "Cooke, Grayson and Love counties"): a bare "Bulacan" is also a town
of Mindanao's Davao del Sur, which a story on the Philippines names too. LGL: 1.0 to 5.0 all fix 15 toponyms (0.5:
9); TR-News and GeoVirus unchanged."""


NAMED_COUNTRY_PLACE = 100_000
"""A city or region this size in a country the article names as such ("Russia", "Canada") is what its name means
there, unless a namesake elsewhere has neighbours in the article: "McGill University in Montreal" beside
"Canada" and "Ontario" in a Texas paper is Quebec's Montreal, not Wisconsin's. The size is `choose`'s
WELL_KNOWN_POPULATION: a city that any article may name."""


ROUNDS = 4


def choose_all(candidates: dict[tuple, list[tuple[Entry, float]]], weight: Counter) -> dict[tuple, Entry]:
    """Rounds of context: each name re-chooses its entry given the others' choices, until they settle.

    A choice is taken at once (the next name sees it in the same round): all names changing together can
    swing between two readings of the article forever (a French Paris, then an Illinois one).
    """
    # Where each name could plausibly be: context for the other names, whatever each ends up as.
    plausible: dict[tuple, dict[str, set[Entry]]] = {}
    for group, found in candidates.items():
        by_state: dict[str, set[Entry]] = {}
        for entry, prior in found:
            if entry.admin1 and prior >= found[0][1] - PLAUSIBLE_GAP:
                by_state.setdefault(entry.admin1, set()).add(entry)
        plausible[group] = by_state
    near = _near_groups(candidates, plausible)
    counties = _county_groups(candidates)
    # What does not change from round to round: the other names, their plausible states, the focus state.
    kin = {group: {other for other in candidates if same_base(other[0], group[0])} for group in candidates}
    rivals = {group: {other: plausible[other] for other in candidates if other not in kin[group]} for group in candidates}
    states = {group: _focus_state(rivals[group], weight) for group in candidates}
    # A name that could lie in the focus state vouches for that state only: "Madison County" in a Kentucky story
    # is Kentucky's, and no longer backs Illinois because Illinois has a Madison County too.
    rivals = {
        group: {
            other: {states[group]: by_state[states[group]]} if states[group] in by_state else by_state
            for other, by_state in rivals[group].items()
        }
        for group in candidates
    }
    near_names = {
        group: {entry: bool(near.get(entry, set()) - kin[group]) for entry, _prior in found}
        for group, found in candidates.items()
    }
    in_county = {
        group: {entry: bool(counties.get(entry, set()) - kin[group]) for entry, _prior in found}
        for group, found in candidates.items()
    }
    first = {group: found[0][0] for group, found in candidates.items()}
    choosable = {
        group: _without_lone_namesakes(
            found, [entry for other, entry in first.items() if other not in kin[group]], in_county[group]
        )
        for group, found in candidates.items()
    }
    choice = {group: found[0][0] for group, found in choosable.items()}
    for _round in range(ROUNDS):
        changed = False
        for group, found in choosable.items():
            others = {other: entry for other, entry in choice.items() if other not in kin[group]}
            focus = focus_country(others, weight)
            best = max(
                found,
                key=lambda pair: _score(
                    pair, rivals[group], others.values(), focus, states[group], near_names[group], in_county[group]
                ),
            )[0]
            if best != choice[group]:
                choice[group] = best
                changed = True
        if not changed:
            break
    return choice


def _without_lone_namesakes(
    found: list[tuple[Entry, float]], others: list[Entry], in_county: dict[Entry, bool]
) -> list[tuple[Entry, float]]:
    """A town named after a country ("Italy", Texas; "Egypt", Pennsylvania) is the one meant only beside its
    neighbours: its county, or a town within NEARBY_KM that is the first reading of another name of the article
    ("Lebanon" beside Myerstown). Without them it is the country, however American the article: the state and country
    bonuses any local story earns say nothing of which "Italy" a birthplace is, and a Glasgow of Kentucky (second to
    Scotland's) is no neighbour of Lebanon, Tennessee in a story on the pandemic's spread.

    >>> italy = Entry("Italy", "country", "GPE", 42.8, 12.8, "IT")
    >>> town = Entry("Italy", "city", "GPE", 32.2, -96.9, "US", admin1="US.TX")
    >>> [e.kind for e, _ in _without_lone_namesakes([(italy, 9.8), (town, 3.3)], [], {town: False})]
    ['country']
    """
    named = {other.country for other in others if other.kind == "country"}
    countries = {
        entry.country
        for entry, _prior in found
        if entry.kind == "country"
        or entry.kind in ("city", "region") and entry.population >= NAMED_COUNTRY_PLACE and entry.country in named
    }
    if not countries:
        return found
    neighbours = [other for other in others if _local(other)]
    return [
        (entry, prior)
        for entry, prior in found
        if entry.kind not in ("city", "district")
        or entry.country in countries
        or in_county.get(entry)
        or any(distance_km(entry, other) <= NEARBY_KM for other in neighbours)
    ]


def _score(
    pair: tuple[Entry, float],
    plausible: dict[tuple, dict[str, set[Entry]]],
    chosen: Iterable[Entry],
    focus: str | None,
    state: str | None,
    near_names: dict[Entry, bool],
    in_county: dict[Entry, bool],
) -> float:
    entry, prior = pair
    bonus = FOCUS_COUNTRY_BONUS if focus and entry.country == focus else 0.0
    bonus += FOCUS_STATE_BONUS if state and entry.admin1 == state else 0.0
    bonus += NEAR_PLAUSIBLE_BONUS if near_names[entry] else 0.0
    bonus += COUNTY_BONUS if in_county[entry] else 0.0
    return prior + bonus + _context(entry, plausible, chosen)


def _near_groups(
    candidates: dict[tuple, list[tuple[Entry, float]]], plausible: dict[tuple, dict[str, set[Entry]]]
) -> dict[Entry, set[tuple]]:
    """For each candidate town or county (within NEAR_GAP of its name's best), the other names that could
    plausibly be a town or county within NEARBY_KM of it. Points are bucketed by whole degrees, so each candidate
    is measured against the few in the cells around it, not against every other name's readings."""
    cells: dict[tuple[int, int], list[tuple[tuple, Entry]]] = {}
    for group, states in plausible.items():
        for entries in states.values():
            for entry in entries:
                if _local(entry):
                    cells.setdefault((math.floor(entry.lat), math.floor(entry.lon)), []).append((group, entry))
    near: dict[Entry, set[tuple]] = {}
    for group, found in candidates.items():
        for entry, prior in found:
            if not _local(entry) or prior < found[0][1] - NEAR_GAP:
                continue
            reach = min(6, math.ceil(1 / max(math.cos(math.radians(entry.lat)), 0.1)))  # degrees of longitude in 111 km
            row, column = math.floor(entry.lat), math.floor(entry.lon)
            for lat_cell in (row - 1, row, row + 1):
                for lon_cell in range(column - reach, column + reach + 1):
                    for other_group, other in cells.get((lat_cell, lon_cell), ()):
                        if other_group != group and other != entry and distance_km(entry, other) <= NEARBY_KM:
                            near.setdefault(entry, set()).add(other_group)
    return near


def _county_groups(candidates: dict[tuple, list[tuple[Entry, float]]]) -> dict[Entry, set[tuple]]:
    """For each candidate town, the other names that could be the county (admin2) it lies in; for each candidate
    county, the other names that could be a town inside it."""
    towns: dict[str, list[tuple[tuple, Entry]]] = {}
    for group, found in candidates.items():
        for entry, _prior in found:
            if entry.kind == "city" and entry.admin2:
                towns.setdefault(entry.admin2, []).append((group, entry))
    pairs: dict[Entry, set[tuple]] = {}
    for group, found in candidates.items():
        key, hint = group[0], group[1]
        if hint != "region" and key.rsplit(" ", 1)[-1] not in REGION_WORDS:
            continue  # said as a county ("Henry County"), not a bare name that some district also bears
        for county, _prior in found:
            if county.kind != "district" or not county.admin2:
                continue
            for town_group, town in towns.get(county.admin2, ()):
                if town_group != group:
                    pairs.setdefault(town, set()).add(group)
                    pairs.setdefault(county, set()).add(town_group)
    return pairs


def _local(entry: Entry) -> bool:
    return entry.kind in ("city", "district") and entry.lat is not None and entry.lon is not None


def same_base(key: str, other: str) -> bool:
    """ "DeKalb" and "DeKalb County", "Linden" and "City of Linden" name one thing twice, and so cannot vouch for
    each other's state.

    >>> same_base("linden", "city of linden"), same_base("dekalb county", "dekalb"), same_base("linden", "lima")
    (True, True, False)
    """
    key, other = _without_kind_prefix(key), _without_kind_prefix(other)
    return key == other or key.startswith(other + " ") or other.startswith(key + " ")


def _without_kind_prefix(key: str) -> str:
    head, _, rest = key.partition(" of ")
    return rest if rest and head in CITY_WORDS | REGION_WORDS else key


def focus_country(chosen: dict[tuple, Entry], weight: Counter) -> str | None:
    """The country most of the article's place mentions are in, when it is clearly the article's."""
    by_country: Counter[str] = Counter()
    for group, entry in chosen.items():
        if entry.country:
            by_country[entry.country] += weight[group]
    if not by_country:
        return None
    (top, count), *rest = by_country.most_common(2) + [("", 0)]
    clear = count >= FOCUS_MIN_SHARE * sum(by_country.values()) and count > rest[0][1]
    return top if clear and count >= FOCUS_COUNTRY_MIN_WEIGHT else None


def _focus_state(plausible: dict[tuple, dict[str, set[Entry]]], weight: Counter) -> str | None:
    """The state (admin1) the article is about: where its names' mentions could lie, each name's mentions shared
    among the states it could be in. A state named seven times outweighs a county named five times (and borne
    by counties in five states) and two neighbouring states named once each."""
    by_state: Counter[str] = Counter()
    for group, states in plausible.items():
        if states:
            share = weight[group] / len(states)
            for code in states:
                by_state[code] += share
    if not by_state:
        return None
    (top, amount), *rest = by_state.most_common(2) + [("", 0.0)]
    clear = amount >= FOCUS_STATE_MIN_SHARE * sum(by_state.values()) and amount >= FOCUS_STATE_LEAD * rest[0][1]
    return top if clear and amount >= FOCUS_STATE_MIN_WEIGHT else None


def _context(entry: Entry, plausible: dict[tuple, dict[str, set[Entry]]], chosen: Iterable[Entry]) -> float:
    """What the article's other names say for `entry`; an other name that is `entry` itself says nothing
    ("Mexico City" does not make "Mexico" the city)."""
    score = 0.0
    if entry.admin1:
        shares = [
            len(states) ** -AMBIGUITY_EXPONENT
            for states in plausible.values()
            if states.get(entry.admin1, set()) - {entry}
        ]
        if shares:
            score += SAME_STATE_BONUS * min(1.0, sum(shares)) + MORE_STATE_BONUS * (min(len(shares), 3) - 1)
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
