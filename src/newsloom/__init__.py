"""newsloom: many outlets, one sourced story.

>>> import newsloom
>>> analyses = newsloom.analyze(["examples/corpus"])           # doctest: +SKIP
>>> brief = newsloom.brief(analyses)                           # doctest: +SKIP

The stages are plain functions in `newsloom.stages`; `newsloom.pipeline.analyze` composes them
for one article; the functions here add reading sources and linking entities across articles.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from .errors import InputError, NewsloomError, UsageError
from .models import Analysis, Article, Claim, Entity, Figure, Place, Quote, ReportedSpeech, Story
from .settings import Settings

__all__ = [
    "Analysis",
    "Article",
    "Claim",
    "Entity",
    "Figure",
    "InputError",
    "NewsloomError",
    "Place",
    "Quote",
    "ReportedSpeech",
    "Settings",
    "Story",
    "UsageError",
    "analyze",
    "analyze_text",
    "brief",
    "read",
]

__version__ = "0.1.0"


def read(
    sources: Iterable[str | Path] | str | Path,
    settings: Settings | None = None,
    on_error: Callable[[InputError], None] | None = None,
) -> list[Article]:
    """Read articles from paths, directories, URLs or "-" (stdin).

    A source that cannot be read is passed to `on_error`, or raised when there is none.
    """
    from .ingest import read_sources

    if isinstance(sources, (str, Path)):
        sources = [sources]
    articles = []
    for item in read_sources([str(s) for s in sources], settings or Settings()):
        if isinstance(item, InputError):
            if on_error is None:
                raise item
            on_error(item)
        else:
            articles.append(item)
    return articles


def analyze(
    sources: Iterable[str | Path | Article] | str | Path,
    settings: Settings | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: Callable[[Iterable[Analysis]], Iterable[Analysis]] | None = None,
) -> list[Analysis]:
    """Read and analyse articles, then link them: one canonical name per person across them all.

    Sources are read lazily, so a long batch starts analysing at once; `progress` wraps the stream
    of analyses (the CLI passes a progress bar).
    """
    from .ingest import read_sources
    from .pipeline import analyze_many
    from .stories.link import link

    settings = settings or Settings()
    if isinstance(sources, (str, Path, Article)):
        sources = [sources]

    def articles() -> Iterable[Article]:
        for source in sources:
            if isinstance(source, Article):
                yield source
                continue
            for item in read_sources([str(source)], settings):
                if isinstance(item, InputError):
                    if on_error is None:
                        raise item
                    on_error(item)
                else:
                    yield item

    stream = analyze_many(articles(), settings)
    return link(list(progress(stream) if progress else stream), settings)


def brief(analyses: Iterable[Analysis | dict]) -> dict:
    """The story brief (CONTRACT.md) of analysed articles: stories found, claims compared."""
    from .stories.brief import build
    from .stories.cluster import cluster

    documents = [a.to_dict() if isinstance(a, Analysis) else a for a in analyses]
    return build(documents, cluster(documents))


def analyze_text(text: str, source: str = "<text>", settings: Settings | None = None, **metadata: object) -> Analysis:
    """Analyse one article given as a string: `analyze_text("KYIV (MPA) — ...", outlet="Daily Ledger")`."""
    from .pipeline import analyze as analyze_article

    return analyze_article(Article.from_text(text, source=source, **metadata), settings)  # type: ignore[arg-type]
