"""Story clustering on ECB+ (topics 1-35): BCubed precision, recall and F1 at the subtopic level.

Each ECB+ topic holds two look-alike events (Tara Reid and Lindsay Lohan entering rehab); the gold
cluster of a document is its subtopic. All documents of all topics are clustered together, so the
test is both "which topic" and "which of the two look-alike events".

ECB+ keeps tokens, not text: sentences are rebuilt by joining tokens, one sentence per line; the
first sentence of an `ecbplus` document is its source URL and is dropped.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from ..models import Article
from ..settings import Settings

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


def read_corpus(data_dir: Path, limit: int | None = None) -> list[tuple[str, str, str]]:
    """(document name, subtopic, text) for every document listed in clusters.tsv."""
    rows = list(csv.DictReader((data_dir / "clusters.tsv").open(encoding="utf-8"), delimiter="\t"))
    if limit is not None:
        topics = sorted({int(r["topic"]) for r in rows})[:limit]
        rows = [r for r in rows if int(r["topic"]) in topics]
    out = []
    for row in rows:
        path = data_dir / "ECB+" / row["topic"] / row["doc"]
        out.append((row["doc"], row["subtopic"], read_document(path)))
    return out


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


def analyse_corpus(corpus: Sequence[tuple[str, str, str]], settings: Settings | None = None) -> list[dict[str, Any]]:
    """CONTRACT.md documents for the corpus, `source` set to the ECB+ document name."""
    from .. import analyze

    articles = [Article.from_text(text, source=name) for name, _subtopic, text in corpus]
    return [a.to_dict() for a in analyze(articles, settings)]


def score(data_dir: Path, limit: int | None = None, documents: Sequence[dict[str, Any]] | None = None) -> dict[str, Any]:
    """BCubed of newsloom's story clustering; `limit` takes the first N topics."""
    from ..stories.cluster import cluster

    corpus = read_corpus(Path(data_dir), limit)
    gold = {name: subtopic for name, subtopic, _text in corpus}
    documents = list(documents) if documents is not None else analyse_corpus(corpus)
    name_of = {d["id"]: d["source"] for d in documents}
    assigned = {name_of[a]: story.id for story in cluster(documents) for a in story.article_ids}
    result: dict[str, Any] = {"documents": len(gold), "gold_clusters": len(set(gold.values())), "stories": len(set(assigned.values()))}
    result.update({f"bcubed_{k}": v for k, v in bcubed(assigned, gold).items()})
    return result
