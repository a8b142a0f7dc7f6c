"""Fixtures shared by the whole suite: the language model (loaded once) and the shared data sets."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from newsloom.stages.language import load_pipeline

    return load_pipeline()


@pytest.fixture
def parse(nlp):
    """parse(text) -> list[Paragraph]: every non-blank line parsed as a body paragraph."""
    from newsloom.stages.language import parse_text

    return lambda text: parse_text(nlp, text)


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when that checkout is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared development data (../shared) is not checked out beside this repo")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return shared_path("seeds")


@pytest.fixture
def gold_dir() -> Path:
    return shared_path("gold")


@pytest.fixture(scope="session")
def seed_documents() -> list[dict]:
    """The two seed articles analysed together, as `newsloom analyze ../shared/seeds/*.txt` does."""
    import newsloom

    seeds = sorted(shared_path("seeds").glob("*.txt"))
    return [a.to_dict() for a in newsloom.analyze([str(p) for p in seeds])]


@pytest.fixture(scope="session")
def example_documents() -> list[dict]:
    """The bundled example corpus analysed, without fetching the pages its feed links to."""
    import newsloom
    from newsloom.settings import Settings

    return [a.to_dict() for a in newsloom.analyze([str(EXAMPLES / "corpus")], Settings(fetch_linked_pages=False))]
