"""One function per article that reads as the data flow: clean, parse, then each stage in order.

>>> from newsloom.models import Article
>>> analysis = analyze(Article.from_text("Ministers met in Kyiv on Monday, officials said."))
>>> analysis.lines[0].role
'body'
"""

from __future__ import annotations

import functools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from .errors import UsageError
from .models import Analysis, Article, Published
from .settings import Settings
from .stages import clean, dates, entities, figures, language, places, quotes


def analyze(article: Article, settings: Settings | None = None) -> Analysis:
    """Analyse one article (see `analyze_many` for batches, which parse faster)."""
    return next(iter(analyze_many([article], settings)))


def analyze_many(articles: Iterable[Article], settings: Settings | None = None) -> Iterator[Analysis]:
    """Analyse articles as they come, parsing them all in one stream (`language.parse_stream`).

    With `settings.processes` > 1 the articles go in chunks to that many worker processes, each
    cleaning, parsing and analysing its chunk: the stages run in parallel too, not only the parse
    (spaCy's own `n_process` would leave every stage in this process). Analyses come back in order.
    """
    settings = settings or Settings()
    if settings.processes > 1:
        yield from _analyze_in_workers(articles, settings)
        return
    nlp = language.load_pipeline(settings.model)

    def cleaned() -> Iterator[tuple[str, list[tuple[int, int, int]], list[str], tuple[Article, clean.Cleaning]]]:
        for article in articles:
            cleaning = clean.clean(article, outlet=settings.outlet)
            parsed = [line for line in cleaning.lines if line.role != "boilerplate"]  # furniture is never parsed
            yield article.text, [(ln.n, ln.start, ln.end) for ln in parsed], [ln.role for ln in parsed], (article, cleaning)

    stream = language.parse_stream(nlp, cleaned(), n_process=settings.processes, batch_size=settings.batch_size)
    for (article, cleaning), paragraphs in stream:
        yield _analyze_parsed(article, cleaning, paragraphs, settings)


def _analyze_in_workers(articles: Iterable[Article], settings: Settings) -> Iterator[Analysis]:
    language.load_pipeline(settings.model)  # loaded before the fork: the workers share it, none loads it again
    alone = settings.with_(processes=1)
    with multiprocessing.get_context("fork").Pool(settings.processes) as pool:
        chunks = _chunks(articles, settings.batch_size)
        for analyses in pool.imap(functools.partial(_analyze_chunk, settings=alone), chunks):
            yield from analyses


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _analyze_chunk(chunk: list[Article], settings: Settings) -> list[Analysis]:
    return list(analyze_many(chunk, settings))


def _analyze_parsed(
    article: Article,
    cleaning: clean.Cleaning,
    paragraphs: list[language.Paragraph],
    settings: Settings,
) -> Analysis:
    text = article.text
    found_places = places.find_places(paragraphs, text)
    found_entities, found_places = entities.find_entities(paragraphs, text, found_places)
    published, notes = _publication(paragraphs, article, settings)
    found_dates = dates.find_dates(paragraphs, text, published)
    found_quotes, found_speech = quotes.find_quotes(paragraphs, found_entities, text)
    found_figures = figures.find_figures(paragraphs, found_entities, found_quotes, found_speech, text)
    return Analysis(
        article=article,
        lines=cleaning.lines,
        title=cleaning.title,
        outlet=cleaning.outlet,
        wire_agencies=cleaning.wire_agencies,
        photo_credits=cleaning.photo_credits,
        published=published,
        entities=tuple(found_entities),
        places=tuple(found_places),
        dates=tuple(found_dates),
        quotes=tuple(found_quotes),
        reported_speech=tuple(found_speech),
        figures=tuple(found_figures),
        notes=article.notes + cleaning.notes + notes,
    )


def _publication(
    paragraphs: list[language.Paragraph], article: Article, settings: Settings, near: date | None = None
) -> tuple[Published | None, tuple[str, ...]]:
    """The publication date: --published (an error when unreadable), else the page's metadata
    (ignored with a note when unreadable: pages carry junk dates), else inferred from the text."""
    if settings.published:
        return dates.find_publication(paragraphs, article.text, metadata=settings.published), ()
    if article.published:
        try:
            return dates.find_publication(paragraphs, article.text, metadata=article.published), ()
        except UsageError:
            note = f"unreadable publication date in the metadata ({article.published!r}); inferred from the text"
            return dates.find_publication(paragraphs, article.text, near=near), (note,)
    return dates.find_publication(paragraphs, article.text, near=near), ()


def redate(analysis: Analysis, near: date, settings: Settings | None = None) -> Analysis:
    """Date an article whose text names weekdays but no absolute date, from a day it is known to be
    close to (its story's other articles): re-parse it and resolve its dates again."""
    settings = settings or Settings()
    nlp = language.load_pipeline(settings.model)
    parsed = [line for line in analysis.lines if line.role != "boilerplate"]
    paragraphs = language.parse(nlp, analysis.text, [(ln.n, ln.start, ln.end) for ln in parsed], [ln.role for ln in parsed])
    published, _notes = _publication(paragraphs, analysis.article, settings, near=near)
    if published is None or published.value is None:
        return analysis
    found_dates = dates.find_dates(paragraphs, analysis.text, published)
    note = f"publication date inferred with the help of its story's other articles (near {near.isoformat()})"
    return replace(analysis, published=published, dates=tuple(found_dates), notes=analysis.notes + (note,))
