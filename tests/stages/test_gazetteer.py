"""The gazetteer: names, spellings and kinds it holds, and the NER ruler patterns it gives."""

from __future__ import annotations

import pytest

from newsloom.stages.places import gazetteer
from newsloom.stages.places.gazetteer import name_key


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.load()


@pytest.fixture(scope="module")
def patterns():
    return {p["pattern"]: p for p in gazetteer.ruler_patterns()}


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("U.S.", "us"),
        ("US", "us"),
        ("the Kherson region", "kherson region"),
        ("L’viv", "lviv"),
        ("Saint-Louis", "st louis"),
        ("Łódź", "lodz"),
        ("São Paulo", "sao paulo"),
        ("Nagorno-Karabakh", "nagorno karabakh"),
    ],
)
def test_name_key(name, key):
    assert name_key(name) == key


@pytest.mark.parametrize(
    ("name", "canonical", "kind", "country"),
    [
        ("Kyiv", "Kyiv", "city", "UA"),
        ("Kiev", "Kyiv", "city", "UA"),
        ("Kharkov", "Kharkiv", "city", "UA"),
        ("Nikolaev", "Mykolaiv", "city", "UA"),
        ("Mykolayiv", "Mykolaiv", "city", "UA"),  # GeoNames' spelling, kept as an alternate
        ("Odessa", "Odesa", "city", "UA"),
        ("Artemivsk", "Bakhmut", "city", "UA"),
        ("Kherson Oblast", "Kherson Oblast", "region", "UA"),
        ("Khersonska oblast", "Kherson Oblast", "region", "UA"),
        ("Sea of Azov", "Sea of Azov", "sea", None),
        ("Dnipro River", "Dnieper River", "river", "UA"),
        ("Crimea", "Crimea", "peninsula", "UA"),
        ("Independence Square", "Independence Square", "square", "UA"),
        ("U.S.", "United States", "country", "US"),
        ("Russian Federation", "Russia", "country", "RU"),
        ("U.K.", "United Kingdom", "country", "GB"),
        ("Gaza Strip", "Gaza Strip", "region", "PS"),
        ("South China Sea", "South China Sea", "sea", None),
        ("Kashmir", "Kashmir", "region", None),
        ("Laurel County", "Laurel County", "district", "US"),
        ("Rapides Parish", "Rapides Parish", "district", "US"),
        ("Ohio", "Ohio", "region", "US"),
        # Rivers, lakes, seas, mountains and regions of our table, under their other names too.
        ("Douro", "Douro River", "river", None),
        ("Miño", "Minho River", "river", None),
        ("Tejo", "Tagus River", "river", None),
        ("Mississippi River", "Mississippi River", "river", "US"),
        ("River Thames", "Thames River", "river", "GB"),
        ("Lake Victoria", "Lake Victoria", "lake", None),
        ("Alqueva", "Alqueva Reservoir", "lake", "PT"),
        ("Atlantic", "Atlantic Ocean", "ocean", None),  # looked up, never a ruler pattern
        ("Himalayas", "Himalayas", "mountain", None),
        ("Sahara", "Sahara", "region", None),
        ("Alentejo", "Alentejo", "region", "PT"),
        ("Douro wine region", "Douro Valley", "region", "PT"),
        ("Siberia", "Siberia", "region", "RU"),
        # The packages' admin regions keep their English names; a district named after its town says so.
        ("Bavaria", "Bayern", "region", "DE"),
        ("Vila Real district", "Vila Real District", "region", "PT"),
        # A town cities500 lacks, ranked above its larger namesakes only by context (see test_places).
        ("Valença", "Valença", "city", "PT"),
        # Bare names that are not the river: the country, the state.
        ("Jordan", "Jordan", "country", "JO"),
        ("Colorado", "Colorado", "region", "US"),
        ("Mississippi", "Mississippi", "region", "US"),
    ],
)
def test_lookup_first_entry(gaz, name, canonical, kind, country):
    entry = gaz.lookup(name)[0]
    assert (entry.name, entry.kind, entry.country) == (canonical, kind, country)
    assert entry.lat is not None and entry.lon is not None


@pytest.mark.parametrize(
    ("name", "countries"),
    [
        ("Paris", {"FR", "US"}),  # Paris, France and several Paris in the US
        ("Gainesville", {"US"}),
        ("Georgia", {"GE", "US"}),  # the country and the state
    ],
)
def test_ambiguous_names_keep_every_reading(gaz, name, countries):
    assert countries <= {e.country for e in gaz.lookup(name)}


def test_holds_small_towns_and_codes(gaz):
    assert len(gaz) > 250_000  # GeoNames cities500 plus countries and admin regions
    assert gaz.region("US.GA").name == "Georgia"
    assert gaz.country("UA").name == "Ukraine"
    washington = [e for e in gaz.lookup("Washington") if e.capital]
    assert [(e.country, e.admin1) for e in washington] == [("US", "US.DC")]


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("Kherson", "GPE"),  # en_core_web_sm alone tags it PERSON
        ("Kharkiv", "GPE"),  # ... NORP
        ("Kyiv", "GPE"),  # ... ORG
        ("Kiev", "GPE"),
        ("Mykolaiv", "GPE"),
        ("Bakhmut", "GPE"),
        ("Donbas", "LOC"),
        ("Sea of Azov", "LOC"),
        ("Dnieper River", "LOC"),
        ("Independence Square", "FAC"),
        ("Ukraine", "GPE"),
        ("Kyiv Independent", "ORG"),  # kept whole, not cut at "Kyiv"
        ("Douro", "LOC"),  # en_core_web_sm alone tags it ORG
        ("Alentejo", "LOC"),  # ... PERSON
        ("Lake Victoria", "LOC"),
        ("River Don", "LOC"),
    ],
)
def test_ruler_has(patterns, name, label):
    assert patterns[name]["label"] == label


@pytest.mark.parametrize(
    "name",
    [
        "Chad",
        "Jordan",
        "Georgia",  # countries that are also people's names
        "Reading",
        "Nice",
        "Mobile",
        "Split",
        "Bath",
        "March",  # towns that are English words
        "Vladimir",  # a city of 350,000 and the first name of "Vladimir Putin"
        "Nikolaev",  # a spelling of Mykolaiv, and a surname
        "America",  # "Bank of America"
        "Paris",  # well known to the model already
        "KHERSON",  # capitals: headlines
        "Atlantic",  # "Atlantic City"
        "Pacific",  # "Union Pacific"
        "Patagonia",  # the brand
        "Don",  # a given name; the river is "Don River"
        "Amazon",  # the company
        "Loire",  # a département as well as the river
    ],
)
def test_ruler_lacks(patterns, name):
    assert name not in patterns


def test_ruler_stays_small(patterns):
    assert 1_000 < len(patterns) < 3_000  # a few hundred countries and regions, a thousand-odd big towns


FEATURES_OVER_NAMESAKE_REGIONS = {"Red Sea", "Sahel", "Rio Grande", "Blue Nile", "White Nile", "Zambezi"}
"""Admin regions named after the sea, belt or river the news means by the name (Sudan's Red Sea state,
Burkina Faso's Sahel region, Puerto Rico's Río Grande): the feature wins; "X state" still finds the region."""


def test_curated_bare_names_are_no_other_place(gaz):
    """A curated river, lake or region wins over every namesake of its bare name, so no curated name may be
    the name of a country or of an admin region the packages hold (those need "River": "Jordan River")."""
    for entry, alternates in gazetteer._curated_rows():
        if entry.kind in ("city", "country") or entry.geonames_id:
            continue
        for name in {entry.name, *alternates} - FEATURES_OVER_NAMESAKE_REGIONS:
            clashes = [
                e for e in gaz.lookup(name)
                if not e.curated and e.kind in ("country", "region") and name_key(e.name) == name_key(name)
            ]  # fmt: skip
            assert not clashes, (name, clashes)


def test_curated_rows_are_well_formed():
    for entry, alternates in gazetteer._curated_rows():
        assert entry.kind in gazetteer.PLACE_KINDS
        assert entry.label in {"GPE", "LOC", "FAC"}
        assert -90 <= entry.lat <= 90 and -180 <= entry.lon <= 180
        assert entry.country is None or len(entry.country) == 2
        assert all(name.strip() == name for name in alternates)


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [((50.45, 30.52), (46.64, 32.61), 451), ((39.76, -98.5), (39.76, -98.5), 0)],
)
def test_haversine(a, b, km):
    assert round(gazetteer.haversine_km(*a, *b)) == km
