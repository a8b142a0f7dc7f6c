"""ECB+ story clustering: the reader, BCubed, and the floor at the subtopic level on topics 1-35.

The floor analyses all 772 documents of topics 1-35 with the full pipeline (about 3 minutes, once
per test session) and clusters them together, as `newsloom evaluate ecbplus ../shared/data/ecbplus`
does. A subset would not do: each topic is two look-alike events, and whether they stay apart
depends on the neighbourhoods the whole corpus gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.evaluate.ecbplus import analyse_corpus, article_of, bcubed, read_corpus, score
from tests.conftest import shared_path

# Measured 2026-11-22 on topics 1-35 (772 documents): precision 0.9507, recall 0.9581, F1 0.9544.
FLOORS = {"bcubed_f1": 0.95, "bcubed_precision": 0.945, "bcubed_recall": 0.95}


@pytest.fixture(scope="session")
def ecbplus_dir() -> Path:
    return shared_path("data", "ecbplus")


@pytest.fixture(scope="session")
def ecbplus_documents(ecbplus_dir) -> list[dict]:
    """CONTRACT.md documents of every ECB+ document of topics 1-35, analysed once per session."""
    return analyse_corpus(read_corpus(ecbplus_dir))


@pytest.fixture(scope="session")
def ecbplus_scores(ecbplus_dir, ecbplus_documents) -> dict:
    return score(ecbplus_dir, documents=ecbplus_documents)


@pytest.mark.slow
@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_floor(ecbplus_scores, measure) -> None:
    assert ecbplus_scores[measure] >= FLOORS[measure]


def test_reader_keeps_the_url_apart_from_the_text(ecbplus_dir) -> None:
    documents = {d.name: d for d in read_corpus(ecbplus_dir, topics=[1])}
    lohan = documents["1_10ecbplus.xml"]
    assert lohan.url is not None and lohan.url.startswith("http")
    assert "http" not in lohan.text.splitlines()[0]
    assert article_of(lohan).published == "2013-05-03"  # the URL's day: /2013/may/03/
    assert documents["1_10ecb.xml"].url is None  # ECB's own documents come without one
    assert {d.subtopic for d in documents.values()} == {"1_ecb", "1_ecbplus"}


BCUBED = [
    ({"a": "1", "b": "1", "c": "2"}, {"a": "x", "b": "x", "c": "y"}, {"precision": 1.0, "recall": 1.0, "f1": 1.0}),
    ({"a": "1", "b": "1", "c": "1"}, {"a": "x", "b": "x", "c": "y"}, {"precision": 0.5556, "recall": 1.0, "f1": 0.7143}),
    ({"a": "1", "b": "2", "c": "3"}, {"a": "x", "b": "x", "c": "y"}, {"precision": 1.0, "recall": 0.6667, "f1": 0.8}),
]


@pytest.mark.parametrize(("clusters", "gold", "expected"), BCUBED)
def test_bcubed(clusters, gold, expected) -> None:
    assert bcubed(clusters, gold) == expected
