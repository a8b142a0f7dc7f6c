"""The spaCy pipeline across processes: `Settings.processes` reaches `nlp.pipe(n_process=...)`, and the
worker processes parse with our rulers exactly as this one does (the gazetteer's ids included)."""

from __future__ import annotations

import pytest

from newsloom.stages.language import content_spans, parse_many, parse_stream

# Our own sentences: made-up people and outlets, real places (the gazetteer ruler's business).
ARTICLES = [
    "Ferries stopped in Vigo\nMarta Okafor, the mayor of Braga, said on Monday that 40 families had left.",
    "The Northern Courier reported that trains from Porto to Coimbra were cancelled after the storm.",
    "Divers from the Maritime Police searched the Douro near Peso da Régua for a second day.",
    "Officials in Kherson said about 1,200 people crossed the Dnipro on Sunday, Reuters reported.",
    "Tomás Halloran of the Valley Gazette asked the Interior Ministry why the warning came so late.",
]


def entities_of(parsed: list) -> list:
    """What the stages read from a parse: line spans, and each entity's offsets, label and ruler id."""
    return [
        [(p.n, p.start, p.end, [(e.start_char, e.end_char, e.label_, e.ent_id_) for e in p.doc.ents]) for p in paragraphs]
        for paragraphs in parsed
    ]


@pytest.mark.parametrize("processes", [2])
def test_worker_processes_find_the_same_entities(nlp, processes):
    items = [(text, content_spans(text), None) for text in ARTICLES]
    one = parse_many(nlp, items, n_process=1, batch_size=2)
    many = parse_many(nlp, items, n_process=processes, batch_size=2)
    assert entities_of(many) == entities_of(one)
    ruler_ids = {e[3] for article in entities_of(many) for line in article for e in line[3] if e[3]}
    assert ruler_ids, "the gazetteer ruler's ids should come back from the worker processes"
    assert [[t.dep_ for t in p.doc] for a in many for p in a] == [[t.dep_ for t in p.doc] for a in one for p in a]


@pytest.mark.parametrize("processes", [1, 2])
def test_one_stream_keeps_every_article_in_order(nlp, processes):
    """Articles with several paragraphs, one, or none at all come back whole and in their order."""
    items = [(text, content_spans(text), None, f"article {k}") for k, text in enumerate(ARTICLES)]
    items.insert(2, ("", [], None, "nothing to parse"))
    found = list(parse_stream(nlp, iter(items), n_process=processes, batch_size=2))
    assert [payload for payload, _paragraphs in found] == [item[3] for item in items]
    assert [len(paragraphs) for _payload, paragraphs in found] == [len(item[1]) for item in items]
    assert found[0][1][1].doc.text.startswith("Marta Okafor")


def test_worker_processes_analyse_as_this_one_does():
    """`Settings(processes=2)`: chunks of articles analysed whole in two worker processes, in order."""
    from newsloom.models import Article
    from newsloom.pipeline import analyze_many
    from newsloom.settings import Settings

    articles = [Article.from_text(text, source=f"article-{k}.txt") for k, text in enumerate(ARTICLES * 3)]
    one = [a.to_dict() for a in analyze_many(articles, Settings(processes=1))]
    two = [a.to_dict() for a in analyze_many(iter(articles), Settings(processes=2, batch_size=4))]
    assert two == one
