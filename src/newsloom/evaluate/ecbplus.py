"""Story clustering on ECB+ (topics 1-35): BCubed precision, recall and F1 at the subtopic level.

Each ECB+ topic holds two look-alike events (Tara Reid and Lindsay Lohan entering rehab); the gold
cluster of a document is its subtopic. All documents of all topics are clustered together, so the
test is both "which topic" and "which of the two look-alike events".

ECB+ keeps tokens, not text: sentences are rebuilt by joining tokens, one sentence per line; the
first sentence of an `ecbplus` document is its source URL: it is not text, so it is dropped from the
text and passed as the article's URL (clusters.tsv keeps it untokenised), with the day the URL is
dated with as the publication date, as a web page's metadata would give it. `ecb` documents (2008
Google News reports) come with neither: undated articles are part of the test.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..models import Article
from ..settings import Settings
from ..stories.cluster import date_from_url

NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}'’”]|n't|'s|'re|'ve|'ll|'d|'m)")
NO_SPACE_AFTER = re.compile(r"([(\[{$“]) ")


def read_document(path: Path) -> str:
    """The text of one ECB+ document: tokens joined, one sentence per line."""
    root = ElementTree.parse(path).getroot()
    sentences: dict[int, list[str]] = defaultdict(list)
    for token in root.iter("token"):
        sentences[int(token.get("sentence", "0"))].append(token.text or "")
    keys = sorted(sentences)
    if path.name.endswith("ecbplus.xml") and keys and keys[0] == 0:
        keys = keys[1:]  # sentence 0 of an ecbplus document is its URL
    lines = []
    for key in keys:
        line = " ".join(sentences[key]).replace("``", "“").replace("''", "”")
        line = NO_SPACE_AFTER.sub(r"\1", NO_SPACE_BEFORE.sub(r"\1", line))
        lines.append(line)
    return "\n".join(lines)


@dataclass(frozen=True)
class Document:
    """One ECB+ document: its name (e.g. 1_10ecbplus.xml), gold subtopic, text and source URL."""

    name: str
    subtopic: str
    text: str
    url: str | None = None


def read_corpus(data_dir: Path, limit: int | None = None, topics: Collection[int] | None = None) -> list[Document]:
    """Every document listed in clusters.tsv; `limit` keeps the first N topics, `topics` those named."""
    rows = list(csv.DictReader((data_dir / "clusters.tsv").open(encoding="utf-8"), delimiter="\t"))
    if limit is not None:
        first = sorted({int(r["topic"]) for r in rows})[:limit]
        rows = [r for r in rows if int(r["topic"]) in first]
    if topics is not None:
        rows = [r for r in rows if int(r["topic"]) in set(topics)]
    return [
        Document(row["doc"], row["subtopic"], read_document(data_dir / "ECB+" / row["topic"] / row["doc"]), row.get("url") or None)
        for row in rows
    ]


def bcubed(clusters: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    """BCubed precision, recall and F1 of a clustering (item -> cluster) against gold (item -> class)."""
    by_cluster: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, c in clusters.items():
        by_cluster[c].add(item)
    for item, g in gold.items():
        by_gold[g].add(item)
    precision = recall = 0.0
    for item in gold:
        mine, theirs = by_cluster[clusters[item]], by_gold[gold[item]]
        shared = len(mine & theirs)
        precision += shared / len(mine)
        recall += shared / len(theirs)
    n = len(gold) or 1
    p, r = precision / n, recall / n
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def article_of(document: Document) -> Article:
    """The article as an ingester would give it: text, source name, and the URL with its day."""
    return Article.from_text(document.text, source=document.name, url=document.url, published=date_from_url(document.url))


def analyse_corpus(corpus: Sequence[Document], settings: Settings | None = None) -> list[dict[str, Any]]:
    """CONTRACT.md documents for the corpus, `source` set to the ECB+ document name."""
    from .. import analyze

    return [a.to_dict() for a in analyze([article_of(d) for d in corpus], settings)]


def score(
    data_dir: Path,
    limit: int | None = None,
    documents: Sequence[dict[str, Any]] | None = None,
    topics: Collection[int] | None = None,
) -> dict[str, Any]:
    """BCubed of newsloom's story clustering; `limit` takes the first N topics, `topics` those named.

    `documents` are analyses made earlier (CONTRACT.md documents whose `source` is the ECB+ name);
    only those of the chosen topics are clustered.
    """
    from ..stories.cluster import cluster

    corpus = read_corpus(Path(data_dir), limit, topics)
    gold = {d.name: d.subtopic for d in corpus}
    documents = [d for d in documents if d["source"] in gold] if documents is not None else analyse_corpus(corpus)
    name_of = {d["id"]: d["source"] for d in documents}
    assigned = {name_of[a]: story.id for story in cluster(documents) for a in story.article_ids}
    gold = {name: subtopic for name, subtopic in gold.items() if name in assigned}
    result: dict[str, Any] = {"documents": len(gold), "gold_clusters": len(set(gold.values())), "stories": len(set(assigned.values()))}
    result.update({f"bcubed_{k}": v for k, v in bcubed(assigned, gold).items()})
    return result
