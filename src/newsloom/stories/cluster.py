"""Articles -> stories, incrementally, and which articles are copies of one another.

Each article arrives once and is compared with a bounded number of earlier articles found through
an inverted index, never with every article (cost stays near-linear in the corpus):

1. Near-duplicates: MinHash LSH over word shingles of the article's own lines finds republished
   wire copy ("light edits") in constant time per article; the copy records `copy_of` and the
   estimated Jaccard of their shingles (how much of the text changed).
2. Neighbours: the article's most salient terms (canonical entities, places, distinctive words)
   look up recent articles that share them; the closest become its neighbours, and it becomes theirs.
3. Similarity: a cosine over TF-IDF words averaged with one over the lede (title and first lines:
   who, what, where), scaled by how much the canonical entities agree: two look-alike events share
   vocabulary, not people and places.
4. Shared neighbours: two articles are linked by their similarity times the share of their nearest
   neighbours they have in common (Jarvis-Patrick). Reports of one event are each other's
   neighbours; a look-alike event elsewhere can be as similar in absolute terms (wire-heavy events
   are told in near-identical words) but has neighbours of its own. Absolute similarities differ
   from one kind of news to another, shared neighbourhoods much less.
5. The stories around the new article (those of its neighbours) are clustered again, with average
   linkage on the links: stories merge when a new article shows they are one event and split when
   the neighbourhood shows two. Stories larger than `REGION_LIMIT` are not re-clustered; the article
   joins the one its neighbours link it to most.

On ECB+ topics 1-35 (two look-alike events per topic, gold at the subtopic level) this reaches
BCubed F1 0.95 (see tests/evaluate/test_ecbplus.py); plain TF-IDF with complete linkage, all pairs
compared, reaches about 0.88-0.91.

>>> stories = cluster(documents)                      # doctest: +SKIP
>>> stories[0].article_ids, stories[0].wire_copies    # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from ..models import CONTENT_ROLES, Story

# --- features ---------------------------------------------------------------------------------
NUM_PERM = 64  # MinHash permutations: Jaccard estimates within ~0.06, and 0.5 KB per article
MINHASH_SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE_WORDS = 5  # 5-word shingles: shared phrases, not shared vocabulary, make a copy
COPY_THRESHOLD = 0.5  # Jaccard of shingles; republished wire copy with light edits keeps 0.6-0.95
TITLE_WEIGHT = 2.0  # a headline word counts as two body words: headlines name the event
LEDE_LINES = 2  # the lede is the title and the first two body lines (ECB+ F1 with 1 line: -0.013, 3: -0.005)
ENTITY_WEIGHT = 3.0  # for features built without mention counts (generated, or stored by earlier versions)
NUMBER_WEIGHT = 1.0  # N: terms of earlier versions; numbers are no longer extracted (no gain on ECB+)
YEAR_WEIGHT = 2.0  # Y: terms of earlier versions; years are no longer extracted (no gain on ECB+)
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART"})
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")

# --- similarity -------------------------------------------------------------------------------
PRIOR_DOCUMENTS = 100  # the background IDF counts as much as 100 documents of the corpus itself
RAREST_ZIPF_WEIGHT = 7.5  # background IDF of a word never seen in general English (a name, a place): Zipf 0
ENTITY_FLOOR = 0.3  # articles sharing no entity keep 30% of their word similarity (0.2, 0.45: F1 -0.011, -0.003)
KEPT_TERMS = 80  # compare on the 80 heaviest terms per group: memory and time stay flat (50 or 150: F1 +0.004)

# --- neighbourhoods and stories ---------------------------------------------------------------
NEIGHBOURS = 10  # nearest articles each article remembers (earlier ones, and later ones as they arrive)
SHARED_NEIGHBOURS = 7  # neighbourhoods compared: ECB+ events have 3-22 reports (6, 8, 9: F1 -0.013, -0.004, -0.019)
BATCH_SHARE = 4  # in a small batch a neighbourhood is at most a quarter of it: in 16 articles, the
#                  8th neighbour is usually another story's
SIMILARITY_POWER = 0.5  # link = shared share x similarity^0.5: both must be there (0.4, 0.6: F1 -0.007, -0.024)
JOIN_THRESHOLD = 0.11  # average link at which groups of articles are one story (ECB+ F1 >= 0.95 on 0.10-0.12);
#                        two articles alone then need a cosine of 0.19 (on ECB+, 94% of pairs above 0.2 are one event)
MIN_SIMILARITY = 0.02  # below this cosine two articles are not neighbours, however sparse the news (0.05: F1 -0.008)
REGION_LIMIT = 80  # the stories around a new article are re-clustered only up to this many articles
CANDIDATE_TERMS = 30  # look up neighbours through an article's 30 most salient terms (15: F1 -0.017; 60: no better)
POSTINGS_SCANNED = 400  # read only the 400 latest articles posted under a term: cost per article is bounded
CANDIDATES = 60  # exact similarities with the 60 articles sharing the most salient terms (30, 120: F1 -0.001, 0)

GROUPS = ("words", "lede", "entities")


@dataclass(frozen=True)
class ArticleFeatures:
    """What clustering needs of an article; small enough to keep in the store.

    `terms` holds words (no prefix), lede words ("L:") and canonical entities and places ("E:",
    "P:") with their term frequencies.
    """

    id: str
    terms: dict[str, float]
    published: str | None = None
    minhash: tuple[int, ...] = ()
    outlet: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"terms": self.terms, "published": self.published, "minhash": list(self.minhash), "outlet": self.outlet}

    @classmethod
    def from_json(cls, article_id: str, data: dict[str, Any]) -> ArticleFeatures:
        return cls(article_id, data["terms"], data.get("published"), tuple(data.get("minhash", ())), data.get("outlet"))


def content_text(document: dict[str, Any]) -> tuple[str, str]:
    """(title, body) of a CONTRACT.md document: its title and body lines, without furniture."""
    title, lines = _title_and_lines(document)
    return title, "\n".join(lines)


def _title_and_lines(document: dict[str, Any]) -> tuple[str, list[str]]:
    text = document.get("text", "")
    lines = document.get("lines") or []
    if not lines:
        return "", [text]
    title = " ".join(text[ln["start"] : ln["end"]] for ln in lines if ln.get("role") == "title")
    body = [text[ln["start"] : ln["end"]] for ln in lines if ln.get("role") in CONTENT_ROLES and ln.get("role") != "title"]
    return title, body


def content_words(text: str) -> list[str]:
    """Lower-cased words of three letters or more, without stop words, plural -s dropped.

    >>> content_words("The boats capsized on the river")
    ['boat', 'capsized', 'river']
    """
    out = []
    for w in WORD.findall(text.lower()):
        w = w.strip("'-")
        if len(w) < 3 or w in STOP_WORDS:
            continue
        out.append(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w)
    return out


def features_of(document: dict[str, Any]) -> ArticleFeatures:
    """Words, lede words, entities, a publication day and a MinHash signature of a CONTRACT.md document."""
    title, lines = _title_and_lines(document)
    title_words = content_words(title)
    counts: Counter[str] = Counter()
    lede: Counter[str] = Counter(title_words)
    for number, line in enumerate(lines):
        words = content_words(line)
        counts.update(words)
        if number < LEDE_LINES:
            lede.update(words)
    for word in title_words:
        counts[word] += TITLE_WEIGHT
    terms = {w: 1 + math.log(c) for w, c in counts.items()}
    terms.update({"L:" + w: 1 + math.log(c) for w, c in lede.items()})
    for entity in document.get("entities", []):
        if entity.get("type") in ENTITY_TYPES:
            terms["E:" + entity["id"]] = 1 + math.log(max(1, len(entity.get("mentions") or ())))
    for place in document.get("places", []):
        key = "E:" + place["entity_id"] if place.get("entity_id") else "P:" + place["name"]
        terms.setdefault(key, 1.0)
    body = "\n".join(lines)
    return ArticleFeatures(document["id"], terms, publication_day(document), _minhash(body).hashvalues.tolist(), document.get("outlet"))


MONTHS = {m: n for n, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
URL_DAY = re.compile(r"(?<!\d)((?:19[89]|20[0-4])\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?!\d)")
URL_NAMED_DAY = re.compile(r"(?<!\d)((?:19[89]|20[0-4])\d)[/_-]([a-z]{3})[a-z]*[/_-](\d{1,2})(?!\d)", re.IGNORECASE)


def date_from_url(url: str | None) -> str | None:
    """The day a news URL's path is dated with ("/2013/05/03/", "/2013/may/03/", "/20130503/").

    >>> date_from_url("https://example.org/world/2013/may/03/lohan-rehab")
    '2013-05-03'
    >>> date_from_url("https://example.org/story/19548736-detail") is None
    True
    """
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    named = URL_NAMED_DAY.search(path)
    if named and named[2].lower() in MONTHS:
        parts = int(named[1]), MONTHS[named[2].lower()], int(named[3])
    elif match := URL_DAY.search(path):
        parts = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    try:
        return date(*parts).isoformat()
    except ValueError:  # /2013/02/30/
        return None


def publication_day(document: dict[str, Any]) -> str | None:
    """The document's publication date, else the day its URL is dated with."""
    published = (document.get("published") or {}).get("value")
    return published or date_from_url(document.get("url"))


def _minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    signature = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


@cache
def background_weight(term: str) -> float:
    """How informative a term is in general English: rare words and all names weigh most."""
    if term[:2] in ("E:", "P:"):
        return RAREST_ZIPF_WEIGHT
    if term[:2] in ("N:", "Y:"):
        return RAREST_ZIPF_WEIGHT - 2.5
    word = term[2:] if term[:2] == "L:" else term
    return max(0.5, RAREST_ZIPF_WEIGHT - zipf_frequency(word, "en"))


def _group(term: str) -> int:
    """0 words, 1 lede words, 2 entities, places and (stored by earlier versions) numbers and years."""
    prefix = term[:2]
    if prefix == "L:":
        return 1
    return 2 if prefix in ("E:", "P:", "N:", "Y:") else 0


def combine(words: float, lede: float, entities: float) -> float:
    """One similarity from the three cosines.

    Words say what kind of event and the lede says which report; entities say which event. Look-alike
    events (two celebrities entering rehab) share words and differ in people and places, so entity
    agreement scales the word similarity instead of adding to it.

    >>> round(combine(0.4, 0.2, 0.0), 2), round(combine(0.4, 0.2, 1.0), 2)
    (0.09, 0.3)
    """
    return (words + lede) / 2 * (ENTITY_FLOOR + (1 - ENTITY_FLOOR) * entities)


def average_link(links: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of row indices: average-linkage agglomeration while two groups average >= threshold.

    >>> average_link(np.array([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]]), 0.5)
    [[0, 1], [2]]
    """
    n = len(links)
    linkage = links.astype(float)
    np.fill_diagonal(linkage, -np.inf)
    sizes = np.ones(n)
    members: list[list[int]] = [[i] for i in range(n)]
    while n > 1:  # ends when no two groups are close enough (all merged: the maximum is -inf)
        i, j = np.unravel_index(int(np.argmax(linkage)), linkage.shape)
        if linkage[i, j] < threshold:
            break
        merged = (linkage[i] * sizes[i] + linkage[j] * sizes[j]) / (sizes[i] + sizes[j])
        linkage[i], linkage[:, i] = merged, merged
        linkage[i, i] = -np.inf
        linkage[j], linkage[:, j] = -np.inf, -np.inf
        sizes[i] += sizes[j]
        members[i] += members[j]
        members[j] = []
    return sorted((sorted(m) for m in members if m), key=lambda m: m[0])


@dataclass
class _Node:
    """One article in the neighbourhood graph."""

    id: str
    serial: int  # arrival order
    terms: tuple[tuple[np.ndarray, np.ndarray], ...]  # per group: ids of the kept terms, their frequencies
    vectors: tuple[np.ndarray, ...] = ()  # per group: TF-IDF weights of the kept terms, unit length
    epoch: int = -1  # corpus size class the vectors were weighed at
    neighbours: list[tuple[float, str]] = field(default_factory=list)  # (similarity, id), closest first
    story: str = ""

    def neighbourhood(self, size: int) -> set[str]:
        """The article and its `size` nearest neighbours."""
        return {other for _s, other in self.neighbours[:size]} | {self.id}


@dataclass
class _Story:
    id: str
    article_ids: list[str] = field(default_factory=list)  # in arrival order


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, the article it copies (if any) and their similarity.

    `similarity` is the Jaccard estimate of the shingles shared with the copied article, else the
    cosine with the article's nearest neighbour.
    """

    article_id: str
    story_id: str
    copy_of: str | None
    similarity: float


class StoryIndex:
    """Incremental story assignment; see the module docstring for the method."""

    def __init__(self) -> None:
        self.document_frequency: Counter[str] = Counter()
        self.documents = 0
        self.counted: set[str] = set()
        self.nodes: dict[str, _Node] = {}
        self.stories: dict[str, _Story] = {}
        self.postings: dict[str, list[str]] = {}
        self.term_index: dict[str, int] = {}
        self.term_names: list[str] = []
        self.lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.assignments: dict[str, Assignment] = {}

    # --- public ---------------------------------------------------------------------------

    def count(self, articles: Iterable[ArticleFeatures]) -> None:
        """Count the document frequencies of a batch before adding it: a batch knows its vocabulary."""
        for article in articles:
            self._count(article)

    def add(self, article: ArticleFeatures) -> Assignment:
        """Assign one new article to a story (an existing one, or a new one)."""
        if article.id in self.assignments:
            return self.assignments[article.id]
        self._count(article)
        copy = self._find_copy(article)
        node = self._insert(article)
        self._regroup(node)
        if copy is not None:
            original, similarity = copy
            assignment = Assignment(article.id, node.story, self.assignments[original].copy_of or original, similarity)
        else:
            nearest = node.neighbours[0][0] if node.neighbours else 0.0
            assignment = Assignment(article.id, node.story, None, round(nearest, 4))
        self.assignments[article.id] = assignment
        self._remember_signature(article)
        return assignment

    def restore(self, article: ArticleFeatures, assignment: Assignment) -> None:
        """Replay an assignment made earlier (from the store) without deciding again."""
        if article.id in self.assignments:
            return
        self._count(article)
        self._join(self._insert(article), assignment.story_id)
        self.assignments[article.id] = assignment
        self._remember_signature(article)

    def story_of(self, article_id: str) -> str:
        return self.nodes[article_id].story

    def current_assignments(self) -> list[Assignment]:
        return [Assignment(a.article_id, self.story_of(a.article_id), a.copy_of, a.similarity) for a in self.assignments.values()]

    def stories_found(self) -> list[Story]:
        copies: dict[str, dict[str, str]] = {}
        for a in self.assignments.values():
            if a.copy_of:
                copies.setdefault(self.story_of(a.article_id), {})[a.article_id] = a.copy_of
        return [Story(id=s.id, article_ids=tuple(s.article_ids), wire_copies=copies.get(s.id, {})) for s in self.stories.values()]

    # --- terms and vectors ----------------------------------------------------------------

    def _count(self, article: ArticleFeatures) -> None:
        if article.id in self.counted:
            return
        self.counted.add(article.id)
        self.documents += 1
        self.document_frequency.update(article.terms.keys())

    def _idf(self, term: str) -> float:
        """Inverse document frequency, blended with general English word frequency.

        A batch of two articles says nothing about which words are common; wordfreq does. As the
        corpus grows, its own document frequencies take over.
        """
        corpus = math.log((self.documents + 1) / (self.document_frequency[term] + 1)) + 1.0
        return (background_weight(term) * PRIOR_DOCUMENTS + corpus * self.documents) / (PRIOR_DOCUMENTS + self.documents)

    def _epoch(self) -> int:
        """Vectors are weighed again each time the corpus doubles: IDF has drifted by then."""
        return int(math.log2(self.documents + 1))

    def _weights(self, article: ArticleFeatures) -> list[dict[str, float]]:
        """TF-IDF weights of the article's terms, one dictionary per group (words, lede, entities)."""
        groups: list[dict[str, float]] = [{}, {}, {}]
        for term, frequency in article.terms.items():
            groups[_group(term)][term] = frequency * self._idf(term)
        return groups

    def _term_id(self, term: str) -> int:
        number = self.term_index.get(term)
        if number is None:
            number = self.term_index[term] = len(self.term_names)
            self.term_names.append(term)
        return number

    def _kept_terms(self, article: ArticleFeatures, weights: list[dict[str, float]]) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """The `KEPT_TERMS` heaviest terms of each group, as term ids and term frequencies."""
        kept = []
        for group in weights:
            heaviest = sorted(group, key=group.__getitem__, reverse=True)[:KEPT_TERMS]
            ids = np.array([self._term_id(t) for t in heaviest], dtype=np.int32)
            kept.append((ids, np.array([article.terms[t] for t in heaviest], dtype=np.float32)))
        return tuple(kept)

    def _vectors(self, node: _Node) -> tuple[np.ndarray, ...]:
        """The node's unit TF-IDF vectors per group, weighed with the current IDF."""
        epoch = self._epoch()
        if node.epoch != epoch:
            vectors = []
            for ids, frequencies in node.terms:
                values = frequencies * np.array([self._idf(self.term_names[i]) for i in ids], dtype=np.float32)
                vectors.append(values / (float(np.sqrt((values * values).sum())) or 1.0))
            node.vectors, node.epoch = tuple(vectors), epoch
        return node.vectors

    def _similarities(self, rows: Sequence[_Node], columns: Sequence[_Node] | None = None) -> np.ndarray:
        """Combined similarity of every row article with every column article (rows with rows if
        no columns are given; the diagonal is then meaningless)."""
        cosines = []
        for group in range(len(GROUPS)):
            if columns is None:
                matrix = _shared_terms_matrix([n.terms[group][0] for n in rows], [self._vectors(n)[group] for n in rows])
                cosines.append(matrix @ matrix.T)
            else:
                nodes = [*rows, *columns]
                matrix = _shared_terms_matrix([n.terms[group][0] for n in nodes], [self._vectors(n)[group] for n in nodes])
                cosines.append(matrix[: len(rows)] @ matrix[len(rows) :].T)
        return combine(*cosines)

    # --- the neighbourhood graph and its stories -------------------------------------------

    def _insert(self, article: ArticleFeatures) -> _Node:
        """Add an article to the graph: find its neighbours, and become theirs."""
        grouped = self._weights(article)
        node = _Node(article.id, serial=len(self.nodes), terms=self._kept_terms(article, grouped))
        weights = {t: w for group in grouped for t, w in group.items()}
        salient = sorted(weights, key=weights.__getitem__, reverse=True)[:CANDIDATE_TERMS]
        shared: Counter[str] = Counter()
        for term in salient:
            shared.update(self.postings.get(term, ())[-POSTINGS_SCANNED:])
        candidates = [self.nodes[c] for c, _n in shared.most_common(CANDIDATES)]
        if candidates:
            for other, value in zip(candidates, self._similarities([node], candidates)[0], strict=True):
                if value >= MIN_SIMILARITY:
                    _offer(node, float(value), other.id)
                    _offer(other, float(value), node.id)
        for term in salient:
            posted = self.postings.setdefault(term, [])
            posted.append(article.id)
            if len(posted) > 2 * POSTINGS_SCANNED:
                del posted[:-POSTINGS_SCANNED]  # older ones are never read again
        self.nodes[article.id] = node
        return node

    def _neighbourhood_size(self) -> int:
        return min(SHARED_NEIGHBOURS, max(1, self.documents // BATCH_SHARE))

    def _links(self, rows: Sequence[_Node], columns: Sequence[_Node], similarity: np.ndarray) -> np.ndarray:
        """Similarity^SIMILARITY_POWER times the share of neighbourhood two articles have in common.

        The share is counted against a full neighbourhood (SHARED_NEIGHBOURS + 1), so in a batch
        too small for neighbourhoods similarity has to carry the link on its own.
        """
        size = self._neighbourhood_size()
        sets = [n.neighbourhood(size) for n in (*rows, *columns)]
        column_of: dict[str, int] = {}
        incidence = np.zeros((len(sets), sum(len(members) for members in sets)), dtype=np.float32)
        for row, members in enumerate(sets):
            incidence[row, [column_of.setdefault(m, len(column_of)) for m in members]] = 1.0
        shared = incidence[: len(rows)] @ incidence[len(rows) :].T / (SHARED_NEIGHBOURS + 1)
        return shared * np.maximum(similarity, 0.0) ** SIMILARITY_POWER

    def _regroup(self, node: _Node) -> None:
        """Cluster the stories around a new article again (or, next to a large story, join one)."""
        region_stories = {self.nodes[n].story for _s, n in node.neighbours}
        region = [node.id] + [a for s in region_stories for a in self.stories[s].article_ids]
        if len(region) > REGION_LIMIT:
            self._join(node, self._nearest_story(node))
            return
        nodes = [self.nodes[a] for a in region]
        groups = average_link(self._links(nodes, nodes, self._similarities(nodes)), JOIN_THRESHOLD)
        self._relabel([[region[i] for i in g] for g in groups], region_stories)

    def _nearest_story(self, node: _Node) -> str | None:
        """The story the article's neighbours link it to most, on average, if enough to join."""
        neighbours = [self.nodes[other] for _s, other in node.neighbours]
        links = self._links([node], neighbours, np.array([[s for s, _o in node.neighbours]]))[0]
        by_story: dict[str, list[float]] = {}
        for neighbour, link in zip(neighbours, links, strict=True):
            by_story.setdefault(neighbour.story, []).append(float(link))
        best = max(by_story.items(), key=lambda kv: sum(kv[1]) / len(kv[1]), default=None)
        return best[0] if best and sum(best[1]) / len(best[1]) >= JOIN_THRESHOLD else None

    def _join(self, node: _Node, story_id: str | None) -> None:
        story_id = story_id or self._new_story_id([node.id], set())
        self.stories.setdefault(story_id, _Story(story_id)).article_ids.append(node.id)
        node.story = story_id

    def _relabel(self, groups: list[list[str]], old_ids: set[str]) -> None:
        """Give re-clustered groups story ids: an old id goes to the group holding most of its articles."""
        previous = {a: self.nodes[a].story for g in groups for a in g}
        for story_id in old_ids:
            self.stories.pop(story_id, None)
        overlaps = sorted(
            ((sum(previous[a] == s for a in g), -n, s) for n, g in enumerate(groups) for s in {previous[a] for a in g} if s),
            reverse=True,
        )
        named: dict[int, str] = {}
        for _overlap, negative_n, story_id in overlaps:
            if -negative_n not in named and story_id not in named.values():
                named[-negative_n] = story_id
        taken = set(named.values())
        for n, group in enumerate(groups):
            group = sorted(group, key=lambda a: self.nodes[a].serial)
            story_id = named.get(n) or self._new_story_id(group, taken)
            taken.add(story_id)
            self.stories[story_id] = _Story(story_id, group)
            for article_id in group:
                self.nodes[article_id].story = story_id

    def _new_story_id(self, members: Sequence[str], taken: set[str]) -> str:
        """"s-" and the id of the story's first article, unless another story holds that name."""
        names = [f"s-{a}" for a in members] + [f"s-{members[0]}-{n}" for n in range(1, len(self.stories) + 2)]
        return next(name for name in names if name not in self.stories and name not in taken)

    # --- wire copies -----------------------------------------------------------------------

    def _find_copy(self, article: ArticleFeatures) -> tuple[str, float] | None:
        if not article.minhash:
            return None
        signature = MinHash(num_perm=NUM_PERM, hashvalues=article.minhash, scheme=MINHASH_SCHEME)
        best: tuple[str, float] | None = None
        for other in self.lsh.query(signature):
            similarity = signature.jaccard(self.signatures[other])
            if similarity >= COPY_THRESHOLD and (best is None or similarity > best[1]):
                best = (other, similarity)
        return best

    def _remember_signature(self, article: ArticleFeatures) -> None:
        if article.minhash:
            signature = MinHash(num_perm=NUM_PERM, hashvalues=article.minhash, scheme=MINHASH_SCHEME)
            self.signatures[article.id] = signature
            self.lsh.insert(article.id, signature)


def _offer(node: _Node, similarity: float, other: str) -> None:
    """Keep `other` among the node's nearest neighbours if it is close enough."""
    neighbours = node.neighbours
    if len(neighbours) >= NEIGHBOURS and similarity <= neighbours[-1][0]:
        return
    neighbours.append((similarity, other))
    neighbours.sort(key=lambda pair: -pair[0])
    del neighbours[NEIGHBOURS:]


def _shared_terms_matrix(terms: Sequence[np.ndarray], vectors: Sequence[np.ndarray]) -> np.ndarray:
    """Dense rows of weights over the terms at least two of the articles have: a term only one
    article has adds nothing to a dot product, and dropping it keeps the matrix narrow."""
    if not terms:
        return np.zeros((0, 0))
    vocabulary, positions, counts = np.unique(np.concatenate(terms), return_inverse=True, return_counts=True)
    shared = counts >= 2
    column = np.cumsum(shared) - 1
    matrix = np.zeros((len(terms), int(shared.sum())))
    start = 0
    for row, values in enumerate(vectors):
        where = positions[start : start + len(values)]
        keep = shared[where]
        matrix[row, column[where[keep]]] = values[keep]
        start += len(values)
    return matrix


def _chronological(features: Iterable[ArticleFeatures]) -> list[ArticleFeatures]:
    """Oldest first (undated last, in input order): stories grow as the news did."""
    items = list(features)
    return sorted(items, key=lambda f: (f.published is None, (f.published or "")[:10]))


def cluster(documents: Sequence[dict[str, Any]]) -> list[Story]:
    """Group CONTRACT.md documents into stories (a fresh index, no store)."""
    index = StoryIndex()
    features = _chronological(features_of(d) for d in documents)
    index.count(features)
    for article in features:
        index.add(article)
    return index.stories_found()


def assign_stories(store: Any, new_ids: Sequence[str]) -> list[Assignment]:
    """Assign newly stored articles to stories, keeping the assignments already made."""
    index = StoryIndex()
    stored = {a: ArticleFeatures.from_json(a, f) for a, f in store.features().items()}
    for article_id, story_id, copy_of, similarity in store.story_members():
        if article_id in stored:
            index.restore(stored[article_id], Assignment(article_id, story_id, copy_of, similarity or 0.0))
    new = [features_of(d) for d in store.documents(list(new_ids)) if d["id"] not in index.assignments]
    new = _chronological(new)
    index.count(new)
    for features in new:
        index.add(features)
    store.save_features({f.id: f.to_json() for f in new})
    current = index.current_assignments()
    store.save_story_members([(a.article_id, a.story_id, a.copy_of, a.similarity) for a in current])
    return current


def stored_stories(store: Any) -> list[Story]:
    """The stories of a store, as assigned when their articles were ingested."""
    members: dict[str, list[str]] = {}
    copies: dict[str, dict[str, str]] = {}
    for article_id, story_id, copy_of, _similarity in store.story_members():
        members.setdefault(story_id, []).append(article_id)
        if copy_of:
            copies.setdefault(story_id, {})[article_id] = copy_of
    return [Story(id=s, article_ids=tuple(a), wire_copies=copies.get(s, {})) for s, a in members.items()]


def summarize(store: Any, story: Story) -> dict[str, Any]:
    """A row of `newsloom stories`: title, size, outlets, independent sources, dates."""
    from .compare import provenance

    documents = store.documents(list(story.article_ids))
    dated = sorted((d.get("published") or {}).get("value") for d in documents if (d.get("published") or {}).get("value"))
    titles = [d["title"] for d in documents if d.get("title")]
    origin = provenance(documents, story)
    return {
        "id": story.id,
        "title": titles[0] if titles else (documents[0]["text"][:80] if documents else ""),
        "articles": len(documents),
        "outlets": sorted({d.get("outlet") or "unknown outlet" for d in documents}),
        "independent_sources": origin.count(d["id"] for d in documents),
        "first_published": dated[0] if dated else None,
        "last_published": dated[-1] if dated else None,
        "places": sorted({p["name"] for d in documents for p in d.get("places", [])})[:12],
    }
