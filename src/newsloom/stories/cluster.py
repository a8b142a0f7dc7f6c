"""Articles -> stories, incrementally, and which articles are copies of one another.

Each article arrives once and is compared with a bounded number of earlier articles found through
an inverted index, never with every article (cost stays near-linear in the corpus):

1. Near-duplicates first: MinHash LSH over word shingles of the article's own lines finds
   republished wire copy ("light edits") in constant time per article. A copy joins its original's
   story and records `copy_of` and how much of the text changed (`Assignment.similarity`, the
   estimated Jaccard of their shingles).
2. Otherwise the article's most salient terms (canonical entities, places, distinctive words) look
   up earlier articles that share them; the closest become its neighbours, and it becomes theirs.
3. Similarity is a cosine over TF-IDF words, averaged with one over the lede (title and first
   lines: who, what, where), scaled by how much the canonical entities agree: two look-alike events
   share vocabulary, not people and places.
4. Similarity is judged relative to the neighbourhood ("local scaling"): an article's scale is its
   similarity to its k-th nearest neighbour. Wire-heavy events are reported in near-identical words
   and a look-alike event can be closer in absolute terms than two loose reports of one event
   elsewhere; dividing by the scales asks "closer than their usual neighbours?" instead.
5. The stories around the new article (those of its neighbours) are clustered again with average
   linkage on the scaled similarities: stories merge when a new article shows they are one event,
   and split when the neighbourhood shows two. Stories larger than `REGION_LIMIT` are not
   re-clustered; the article joins the one its neighbours point to.

>>> stories = cluster(documents)                      # doctest: +SKIP
>>> stories[0].article_ids, stories[0].wire_copies    # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSH
from scipy.sparse import csr_matrix
from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from ..models import CONTENT_ROLES, Story

# --- features ---------------------------------------------------------------------------------
NUM_PERM = 64  # MinHash permutations: Jaccard estimates within ~0.06, and 0.5 KB per article
MINHASH_SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE_WORDS = 5  # 5-word shingles: shared phrases, not shared vocabulary, make a copy
COPY_THRESHOLD = 0.5  # Jaccard of shingles; republished wire copy with light edits keeps 0.6-0.95
TITLE_WEIGHT = 2.0  # a headline word counts as two body words: headlines name the event
LEDE_LINES = 2  # the lede is the title and the first two body lines: who did what, where, when
ENTITY_WEIGHT = 3.0  # an entity known only by name (no mention count, e.g. stored or generated features)
NUMBER_WEIGHT = 1.0  # kept for features stored by earlier versions (N: terms); no longer extracted
YEAR_WEIGHT = 2.0  # kept for features stored by earlier versions (Y: terms); no longer extracted
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP", "PRODUCT", "WORK_OF_ART"})
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")

# --- similarity -------------------------------------------------------------------------------
IDF_POWER = 1.5  # idf^1.5: on ECB+ the rarer, event-specific words must outweigh the topic's words
PRIOR_DOCUMENTS = 100  # the background IDF counts as much as 100 documents of the corpus itself
RAREST_ZIPF_WEIGHT = 7.5  # background IDF of a word never seen in general English (a name, a place): Zipf 0
ENTITY_FLOOR = 0.3  # two articles without a shared entity keep 30% of their word similarity
KEPT_TERMS = 80  # an article is compared on its 80 heaviest words per group: memory and time stay flat

# --- neighbourhoods and stories ---------------------------------------------------------------
NEIGHBOURS = 10  # nearest earlier-or-later articles each article remembers
SCALE_RANK = 8  # an article's scale is its similarity to its 8th neighbour; ECB+ events have 5-20 reports
SCALE_OF_BEST = 0.0
COPY_SIMILARITY = 0.8
SCALE_FLOOR = 0.03  # an isolated article (no real neighbour yet) is scaled as if its neighbours were this close
JOIN_THRESHOLD = 0.65  # scaled average-link similarity at which two groups of articles are one story
SCALED_CAP = 1.65  # a pair far closer than its neighbours (a copy) counts no more than a clearly close one
MIN_SIMILARITY = 0.02  # below this cosine two articles are never linked, however sparse their neighbourhood
REGION_LIMIT = 80  # the stories around a new article are re-clustered only up to this many articles
CANDIDATE_TERMS = 30  # look up neighbours through an article's 30 most salient terms
POSTINGS_SCANNED = 400  # read only the 400 most recent articles posted under one term: cost per article is bounded
CANDIDATES = 60  # exact similarities are computed with the 60 articles sharing the most salient terms

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
        year, month, day = int(named[1]), MONTHS[named[2].lower()], int(named[3])
    elif match := URL_DAY.search(path):
        year, month, day = int(match[1]), int(match[2]), int(match[3])
    else:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}" if day <= 31 else None


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
    return 2 if prefix in ("E:", "P:", "N:", "Y:", "D:", "M:") else 0


def combine(words: float, lede: float, entities: float) -> float:
    """One similarity from the three cosines.

    Words say what kind of event and the lede says which report; entities say which event. Look-alike
    events (two celebrities entering rehab) share words and differ in people and places, so entity
    agreement scales the word similarity instead of adding to it.

    >>> round(combine(0.4, 0.2, 0.0), 2), round(combine(0.4, 0.2, 1.0), 2)
    (0.09, 0.3)
    """
    return (words + lede) / 2 * (ENTITY_FLOOR + (1 - ENTITY_FLOOR) * entities)


def average_link(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Groups of row indices: average-linkage agglomeration while two groups average >= threshold.

    >>> average_link(np.array([[1, .9, .1], [.9, 1, .2], [.1, .2, 1]]), 0.5)
    [[0, 1], [2]]
    """
    n = len(similarity)
    linkage = similarity.astype(float).copy()
    np.fill_diagonal(linkage, -np.inf)
    sizes = np.ones(n)
    members: list[list[int]] = [[i] for i in range(n)]
    while n > 1:
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
    """One article in the neighbourhood graph (wire copies are not: they follow their original)."""

    id: str
    features: ArticleFeatures
    vectors: tuple[tuple[np.ndarray, np.ndarray], ...] = ()  # per group: term indices, unit weights
    epoch: int = -1
    neighbours: list[tuple[float, str]] = field(default_factory=list)  # (similarity, id), closest first
    story: str = ""
    serial: int = 0  # arrival order

    @property
    def scale(self) -> float:
        similarities = [s for s, _other in self.neighbours if s < COPY_SIMILARITY]
        if not similarities:
            return SCALE_FLOOR
        rank = min(SCALE_RANK, len(similarities)) - 1
        return max(SCALE_FLOOR, similarities[rank], SCALE_OF_BEST * similarities[0])


@dataclass
class _Story:
    id: str
    article_ids: list[str] = field(default_factory=list)  # graph articles, in arrival order


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, the article it copies (if any) and their similarity."""

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
        self.lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.assignments: dict[str, Assignment] = {}
        self.copy_root: dict[str, str] = {}  # wire copy -> the article it copies (a graph article, or a copy of one)

    # --- public ---------------------------------------------------------------------------

    def count(self, articles: Iterable[ArticleFeatures]) -> None:
        """Count document frequencies of a batch before adding it: a batch knows its own vocabulary."""
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
            best = node.neighbours[0][0] if node.neighbours else 0.0
            assignment = Assignment(article.id, node.story, None, round(best, 4))
        self.assignments[article.id] = assignment
        self._remember_signature(article)
        return assignment

    def restore(self, article: ArticleFeatures, assignment: Assignment) -> None:
        """Replay an assignment made earlier (from the store) without deciding again."""
        self._count(article)
        if assignment.copy_of:
            self.copy_root[article.id] = assignment.copy_of
        else:
            node = self._insert(article)
            self._join(node, assignment.story_id)
        self.assignments[article.id] = assignment
        self._remember_signature(article)

    def story_of(self, article_id: str) -> str:
        while article_id in self.copy_root and article_id not in self.nodes:
            article_id = self.copy_root[article_id]
        return self.nodes[article_id].story

    def current_assignments(self) -> list[Assignment]:
        return [Assignment(a.article_id, self.story_of(a.article_id), a.copy_of, a.similarity) for a in self.assignments.values()]

    def stories_found(self) -> list[Story]:
        members: dict[str, list[str]] = {story_id: [] for story_id in self.stories}
        copies: dict[str, dict[str, str]] = {}
        for a in self.current_assignments():
            members[a.story_id].append(a.article_id)
            if a.copy_of:
                copies.setdefault(a.story_id, {})[a.article_id] = a.copy_of
        return [Story(id=s, article_ids=tuple(m), wire_copies=copies.get(s, {})) for s, m in members.items() if m]

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
        """Vectors are weighed again when the corpus has grown by a quarter since: IDF has drifted."""
        return int(math.log(self.documents + 1) / math.log(1.25))

    def _weights(self, article: ArticleFeatures) -> list[dict[str, float]]:
        groups: list[dict[str, float]] = [{}, {}, {}]
        for term, frequency in article.terms.items():
            groups[_group(term)][term] = frequency * self._idf(term) ** IDF_POWER
        return groups

    def _vectors(self, node: _Node) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        epoch = self._epoch()
        if node.epoch != epoch:
            vectors = []
            for weights in self._weights(node.features):
                kept = sorted(weights.items(), key=lambda kv: -kv[1])[:KEPT_TERMS]
                values = np.array([w for _t, w in kept])
                norm = float(np.sqrt((values * values).sum())) or 1.0
                indices = np.array([self.term_index.setdefault(t, len(self.term_index)) for t, _w in kept], dtype=np.int64)
                vectors.append((indices, values / norm))
            node.vectors, node.epoch = tuple(vectors), epoch
        return node.vectors

    def _similarities(self, rows: Sequence[_Node], columns: Sequence[_Node]) -> np.ndarray:
        """Combined similarity of every row article with every column article."""
        cosines = []
        for group in range(len(GROUPS)):
            row_vectors = [self._vectors(n)[group] for n in rows]
            column_vectors = [self._vectors(n)[group] for n in columns]
            width = len(self.term_index) + 1
            cosines.append((_matrix(row_vectors, width) @ _matrix(column_vectors, width).T).toarray())
        return combine(*cosines)

    # --- the neighbourhood graph -----------------------------------------------------------

    def _insert(self, article: ArticleFeatures) -> _Node:
        """Add an article to the graph: find its neighbours, and become theirs."""
        node = _Node(article.id, article, serial=len(self.nodes))
        weights = {t: w for group in self._weights(article) for t, w in group.items()}
        salient = sorted(weights, key=weights.__getitem__, reverse=True)[:CANDIDATE_TERMS]
        shared: Counter[str] = Counter()
        for term in salient:
            shared.update(self.postings.get(term, ())[-POSTINGS_SCANNED:])
        candidates = [self.nodes[c] for c, _n in shared.most_common(CANDIDATES)]
        if candidates:
            similarity = self._similarities([node], candidates)[0]
            for other, value in zip(candidates, similarity, strict=True):
                if value >= MIN_SIMILARITY:
                    _offer(node, float(value), other.id)
                    _offer(other, float(value), node.id)
        for term in salient:
            self.postings.setdefault(term, []).append(article.id)
        self.nodes[article.id] = node
        return node

    def _regroup(self, node: _Node) -> None:
        """Cluster the stories around a new article again (or, around a large story, join it)."""
        region_stories = {self.nodes[n].story for _s, n in node.neighbours}
        region = [node.id] + [a for s in region_stories for a in self.stories[s].article_ids]
        if len(region) > REGION_LIMIT:
            self._join(node, self._nearest_story(node))
            return
        nodes = [self.nodes[a] for a in region]
        raw = self._similarities(nodes, nodes)
        scales = np.array([n.scale for n in nodes])
        scaled = np.where(raw >= MIN_SIMILARITY, np.minimum(raw / np.sqrt(np.outer(scales, scales)), SCALED_CAP), 0.0)
        groups = average_link(scaled, JOIN_THRESHOLD)
        self._relabel([[region[i] for i in g] for g in groups], region_stories)

    def _nearest_story(self, node: _Node) -> str | None:
        """The story whose members among the article's neighbours are, on average, closest (scaled)."""
        votes: dict[str, list[float]] = {}
        for similarity, other in node.neighbours:
            neighbour = self.nodes[other]
            votes.setdefault(neighbour.story, []).append(similarity / math.sqrt(node.scale * neighbour.scale))
        best = max(votes.items(), key=lambda kv: sum(kv[1]) / len(kv[1]), default=None)
        return best[0] if best and sum(best[1]) / len(best[1]) >= JOIN_THRESHOLD else None

    def _join(self, node: _Node, story_id: str | None) -> None:
        story_id = story_id or self._new_story_id([node.id])
        self.stories.setdefault(story_id, _Story(story_id)).article_ids.append(node.id)
        node.story = story_id

    def _relabel(self, groups: list[list[str]], old_ids: set[str]) -> None:
        """Give re-clustered groups story ids: each old id goes to the group holding most of it."""
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

    def _new_story_id(self, members: Sequence[str], taken: set[str] = frozenset()) -> str:  # type: ignore[assignment]
        """"s-" and the id of the story's first article, unless another story holds that name."""
        for article_id in members:
            if "s-" + article_id not in self.stories and "s-" + article_id not in taken:
                return "s-" + article_id
        serial = len(self.stories)
        while f"s-{members[0]}-{serial}" in self.stories or f"s-{members[0]}-{serial}" in taken:
            serial += 1
        return f"s-{members[0]}-{serial}"

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


def _matrix(vectors: Sequence[tuple[np.ndarray, np.ndarray]], width: int) -> csr_matrix:
    """Sparse rows from (indices, values) pairs."""
    indptr = np.cumsum([0] + [len(i) for i, _v in vectors])
    indices = np.concatenate([i for i, _v in vectors]) if vectors else np.zeros(0, dtype=np.int64)
    values = np.concatenate([v for _i, v in vectors]) if vectors else np.zeros(0)
    return csr_matrix((values, indices, indptr), shape=(len(vectors), width))


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
