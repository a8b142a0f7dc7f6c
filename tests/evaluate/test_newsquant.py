"""NewsQuant (CQE's news sentences): value and value+unit F1 floors, and CQE's scoring rules themselves."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.evaluate.newsquant import Quantity, cqe_counts, gold_value, score, unit_name, values_match
from tests.conftest import shared_path

# Floors: all 295 dev sentences (about 5 s), rounded down a little from what we measured.
FLOORS = {
    ("newsquant", "value"): 0.95,  # measured 0.957 (quantulum3 0.720, benchmarks/baseline_figures.py)
    ("newsquant", "value+unit"): 0.77,  # measured 0.785 (quantulum3 0.459)
    ("news", "value"): 0.90,  # our default conventions, measured 0.906 (shares rounded to 0.33 as news gold writes them; NewsQuant keeps 1/3)
}


@pytest.fixture(scope="module")
def newsquant_dir() -> Path:
    return shared_path("data", "newsquant")


@pytest.fixture(scope="module")
def dev_scores(newsquant_dir, nlp):
    return {
        conventions: score(newsquant_dir, conventions=conventions, nlp=nlp) for conventions in ("newsquant", "news")
    }


@pytest.mark.parametrize(("conventions", "level"), sorted(FLOORS))
def test_floor(dev_scores, conventions, level):
    assert dev_scores[conventions][level]["f1"] >= FLOORS[(conventions, level)]


GOLD_VALUES = [
    ("800000000.0", False, 800000000.0),
    ("12-120", False, (12.0, 120.0)),
    ("3.0 - 4.0", False, (3.0, 4.0)),
    ("12-120", True, 66.0),  # CQE averages gold ranges for systems that return one value
    ("-5.0", False, -5.0),
    ("1.99E-29", False, 1.99e-29),
]


@pytest.mark.parametrize(("raw", "average", "expected"), GOLD_VALUES)
def test_gold_value(raw, average, expected):
    assert gold_value(raw, average) == expected


VALUE_MATCHES = [
    (100.0, 100.0004, True),  # numpy.isclose: relative 1e-5
    (100.0, 100.1, False),
    ((12.0, 120.0), (12.0, 120.0), True),
    ((12.0, 120.0), 66.0, False),  # a range only matches a range
]


@pytest.mark.parametrize(("gold", "system", "expected"), VALUE_MATCHES)
def test_values_match(gold, system, expected):
    assert values_match(gold, system) is expected


def test_cqe_counts_keep_an_extraction_whose_unit_missed():
    """CQE's loop: a value match with the wrong unit leaves the extraction for the next gold quantity."""
    gold = [Quantity(5.0, "dollar"), Quantity(5.0, "percentage")]
    assert cqe_counts(gold, [Quantity(5.0, "mile")]) == (2, 0)
    assert cqe_counts(gold, [Quantity(5.0, "dollar")]) == (1, 1)  # a unit match uses the extraction up
    assert cqe_counts(gold, []) == (0, 0)


UNITS = [
    ("USD", "dollar"),
    ("USD per share", "dollar per share"),
    ("percent", "percentage"),
    ("years of age", "year of age"),
    ("milliampere-hour", "milliampere-hour"),
    ("first-team players", "first-team player"),
    ("Kia and Hyundai vehicles", "kia hyundai vehicle"),
    (None, "-"),
]


@pytest.mark.parametrize(("unit", "expected"), UNITS)
def test_unit_name(nlp, unit, expected):
    assert unit_name(nlp, unit) == expected
