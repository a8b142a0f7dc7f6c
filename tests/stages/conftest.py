"""Fixtures shared by the stage tests."""

from __future__ import annotations

import pytest

from newsloom.stages import entities, places
from newsloom.stages.quotes import find_quotes


@pytest.fixture
def analyze(parse):
    """text -> (quotes, reported speech), with the pipeline's own entities."""

    def run(text):
        paragraphs = parse(text)
        found, _ = entities.find_entities(paragraphs, text, places.find_places(paragraphs, text))
        return find_quotes(paragraphs, found, text)

    return run
