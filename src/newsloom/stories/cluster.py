"""Articles -> stories, incrementally, and which articles are copies of one another.

Each article arrives once and is compared with a handful of candidate stories, never with every
article (cost stays near-linear in the corpus):

1. Near-duplicates first: MinHash LSH over word shingles of the article's own lines finds
   republished wire copy ("light edits") in constant time per article. A copy joins its original's
   story and records `copy_of` and how much of the text changed.
2. Otherwise candidate stories come from an inverted index of the article's most salient features
   (canonical entities, places, years, distinctive words); the article joins the most similar
   story when the similarity clears `JOIN_THRESHOLD`, else it opens a new story.
3. Similarity is a cosine over TF-IDF weighted words plus boosted entity features (two look-alike
   events share vocabulary, not people and places), damped by the time between the article and
   the story.
4. A new article that is very close to two stories merges them: news evolves, and two threads that
   turn out to be one event become one story.

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

from datasketch import MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS
from wordfreq import zipf_frequency

from ..models import CONTENT_ROLES, Story

NUM_PERM = 64  # MinHash permutations: Jaccard estimates within ~0.06, and 0.5 KB per article
MINHASH_SCHEME = "affine32"  # datasketch's hashing scheme; stored signatures are only comparable within one
SHINGLE_WORDS = 5  # 5-word shingles: shared phrases, not shared vocabulary, make a copy
COPY_THRESHOLD = 0.5  # Jaccard of shingles; republished wire copy with light edits keeps 0.6-0.95
ENTITY_WEIGHT = 3.0  # one shared person or place says more about the event than one shared word
YEAR_WEIGHT = 2.0  # "in 2008" vs "in 2013" separates look-alike events of different years
TITLE_WEIGHT = 2.0  # headline words name the event
ENTITY_FLOOR = 0.3  # an article without a single shared entity keeps 30% of its word similarity
YEAR_MISMATCH = 0.5
JOIN_THRESHOLD = 0.22  # cosine; tuned on ECB+ topics 1-35 and examples/ (see benchmarks/README.md)
MERGE_THRESHOLD = 0.45  # a new article this close to two stories shows they are one
TIME_WINDOW_DAYS = 4  # follow-ups within days belong together; beyond, similarity decays
TIME_DECAY_DAYS = 10.0  # e-folding of that decay: a month apart keeps ~8% of the similarity
PRIOR_DOCUMENTS = 100  # the background IDF counts as much as 100 documents of the corpus itself
RAREST_ZIPF_WEIGHT = 7.5  # weight of a word never seen in general English (a name, a place): Zipf 0
CANDIDATE_FEATURES = 30  # look up stories through an article's 30 most salient features
MAX_POSTINGS = 5000  # a feature shared by more stories than this is too common to find candidates
ENTITY_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT"})
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
YEAR = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
NUMBER = re.compile(r"(?<![\d.,])(?!(?:19[5-9]\d|20[0-4]\d)\b)\d{1,3}(?:,\d{3})*(?:\.\d+)?(?![\d,])")
NUMBER_WEIGHT = 1.0  # figures (ages, tolls, scores) are facts of one event; look-alike events differ in them


@dataclass(frozen=True)
class ArticleFeatures:
    """What clustering needs of an article; small enough to keep in the store."""

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
    text = document.get("text", "")
    lines = document.get("lines") or []
    title = " ".join(text[ln["start"] : ln["end"]] for ln in lines if ln.get("role") == "title")
    body = "\n".join(text[ln["start"] : ln["end"]] for ln in lines if ln.get("role") in CONTENT_ROLES and ln.get("role") != "title")
    if not lines:
        body = text
    return title, body


def content_words(text: str) -> list[str]:
    out = []
    for w in WORD.findall(text.lower()):
        w = w.strip("'-")
        if len(w) < 3 or w in STOP_WORDS:
            continue
        out.append(w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 4 else w)
    return out


def features_of(document: dict[str, Any]) -> ArticleFeatures:
    """Words, entities, years and a MinHash signature of a CONTRACT.md document."""
    title, body = content_text(document)
    counts: Counter[str] = Counter(content_words(body))
    for word in content_words(title):
        counts[word] += TITLE_WEIGHT
    terms = {w: 1 + math.log(c) for w, c in counts.items()}
    for entity in document.get("entities", []):
        if entity.get("type") in ENTITY_TYPES:
            terms["E:" + entity["id"]] = ENTITY_WEIGHT
    for place in document.get("places", []):
        terms["P:" + place["name"]] = ENTITY_WEIGHT
    for number in set(NUMBER.findall(f"{title}\n{body}")):
        terms["N:" + number.replace(",", "")] = NUMBER_WEIGHT
    years = {str(d.get("value"))[:4] for d in document.get("dates", []) if str(d.get("value") or "")[:4].isdigit()}
    years.update(YEAR.findall(f"{title}\n{body}"))
    for year in years:
        terms["Y:" + year] = YEAR_WEIGHT
    published = (document.get("published") or {}).get("value")
    return ArticleFeatures(document["id"], terms, published, _minhash(body).hashvalues.tolist(), document.get("outlet"))


def _minhash(text: str) -> MinHash:
    words = re.findall(r"\w+", text.lower())
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(max(1, len(words) - SHINGLE_WORDS + 1))}
    signature = MinHash(num_perm=NUM_PERM, scheme=MINHASH_SCHEME)
    signature.update_batch([s.encode("utf-8") for s in shingles])
    return signature


def _day(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


@dataclass
class _StoryState:
    id: str
    article_ids: list[str] = field(default_factory=list)
    term_sums: Counter[str] = field(default_factory=Counter)
    first: date | None = None
    last: date | None = None
    norm_cache: tuple[int, dict[str, float]] | None = None


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
        self.stories: dict[str, _StoryState] = {}
        self.postings: dict[str, set[str]] = {}
        self.lsh = MinHashLSH(threshold=COPY_THRESHOLD, num_perm=NUM_PERM)
        self.signatures: dict[str, MinHash] = {}
        self.assignments: dict[str, Assignment] = {}
        self.merged_into: dict[str, str] = {}

    # --- public ---------------------------------------------------------------------------

    def add(self, article: ArticleFeatures) -> Assignment:
        """Assign one new article to a story (an existing one, or a new one)."""
        if article.id in self.assignments:
            return self.assignments[article.id]
        self._count(article)
        copy = self._find_copy(article)
        if copy is not None:
            original, similarity = copy
            story_id = self.story_of(original)
            assignment = Assignment(article.id, story_id, self.assignments[original].copy_of or original, similarity)
        else:
            ranked = self._rank(article)
            if ranked and ranked[0][1] >= JOIN_THRESHOLD:
                story_id, similarity = ranked[0]
                for other, other_similarity in ranked[1:]:
                    if other_similarity >= MERGE_THRESHOLD:
                        story_id = self._merge(story_id, other)
            else:
                story_id, similarity = "s-" + article.id, 0.0
            assignment = Assignment(article.id, story_id, None, similarity)
        self._place(article, assignment)
        return assignment

    def restore(self, article: ArticleFeatures, assignment: Assignment) -> None:
        """Replay an assignment made earlier (from the store) without deciding again."""
        self._count(article)
        self._place(article, assignment)

    def story_of(self, article_id: str) -> str:
        story_id = self.assignments[article_id].story_id
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def current_assignments(self) -> list[Assignment]:
        return [Assignment(a.article_id, self.story_of(a.article_id), a.copy_of, a.similarity) for a in self.assignments.values()]

    def stories_found(self) -> list[Story]:
        copies: dict[str, dict[str, str]] = {}
        for a in self.current_assignments():
            if a.copy_of:
                copies.setdefault(a.story_id, {})[a.article_id] = a.copy_of
        return [
            Story(id=s.id, article_ids=tuple(s.article_ids), wire_copies=copies.get(s.id, {}))
            for s in self.stories.values()
        ]

    # --- internals ------------------------------------------------------------------------

    def _count(self, article: ArticleFeatures) -> None:
        self.documents += 1
        self.document_frequency.update(article.terms.keys())

    def _idf(self, term: str) -> float:
        """Inverse document frequency, blended with general English word frequency.

        A batch of two articles says nothing about which words are common; wordfreq does. As the
        corpus grows, its own document frequencies take over.
        """
        corpus = math.log((self.documents + 1) / (self.document_frequency[term] + 1)) + 1.0
        return (background_weight(term) * PRIOR_DOCUMENTS + corpus * self.documents) / (PRIOR_DOCUMENTS + self.documents)

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

    def _place(self, article: ArticleFeatures, assignment: Assignment) -> None:
        story_id = assignment.story_id
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        story = self.stories.setdefault(story_id, _StoryState(story_id))
        story.article_ids.append(article.id)
        story.term_sums.update(article.terms)
        story.norm_cache = None
        day = _day(article.published)
        if day:
            story.first = min(filter(None, (story.first, day)))
            story.last = max(filter(None, (story.last, day)))
        for term in article.terms:
            self.postings.setdefault(term, set()).add(story_id)
        self.assignments[article.id] = assignment
        if article.minhash:
            signature = MinHash(num_perm=NUM_PERM, hashvalues=article.minhash, scheme=MINHASH_SCHEME)
            self.signatures[article.id] = signature
            self.lsh.insert(article.id, signature)

    def _rank(self, article: ArticleFeatures) -> list[tuple[str, float]]:
        weights = {t: v * self._idf(t) for t, v in article.terms.items()}
        salient = sorted(weights, key=weights.get, reverse=True)  # type: ignore[arg-type]
        candidates: set[str] = set()
        for term in salient[:CANDIDATE_FEATURES]:
            stories = self.postings.get(term)
            if stories and len(stories) <= MAX_POSTINGS:
                candidates.update(stories)
        norms = _group_norms(weights)
        ranked = []
        for story_id in {self._live(s) for s in candidates}:
            story = self.stories[story_id]
            size = len(story.article_ids)
            dots: dict[str, float] = {}
            for t, w in weights.items():
                value = story.term_sums.get(t)
                if value:
                    group = _group(t)
                    dots[group] = dots.get(group, 0.0) + w * value / size * self._idf(t)
            story_norms = self._story_norms(story)
            cosines = {g: dots.get(g, 0.0) / (norms[g] * story_norms.get(g, 1.0)) for g in norms}
            similarity = combine(cosines) * self._time_factor(article, story)
            ranked.append((story_id, similarity))
        ranked.sort(key=lambda pair: -pair[1])
        return ranked

    def _live(self, story_id: str) -> str:
        while story_id in self.merged_into:
            story_id = self.merged_into[story_id]
        return story_id

    def _story_norms(self, story: _StoryState) -> dict[str, float]:
        size = len(story.article_ids)
        if story.norm_cache is None or story.norm_cache[0] != self.documents // 64:
            # Recomputed when the story changes, and as IDF drifts every 64 new documents.
            story.norm_cache = (self.documents // 64, _group_norms({t: v / size * self._idf(t) for t, v in story.term_sums.items()}))
        return story.norm_cache[1]

    def _time_factor(self, article: ArticleFeatures, story: _StoryState) -> float:
        day = _day(article.published)
        if day is None or story.first is None or story.last is None:
            return 1.0
        gap = max((story.first - day).days, (day - story.last).days, 0)
        if gap <= TIME_WINDOW_DAYS:
            return 1.0
        return math.exp(-(gap - TIME_WINDOW_DAYS) / TIME_DECAY_DAYS)

    def _merge(self, keep: str, other: str) -> str:
        keep, other = self._live(keep), self._live(other)
        if keep == other:
            return keep
        older, newer = sorted((keep, other), key=lambda s: (self.stories[s].first or date.max, s))
        absorbed = self.stories.pop(newer)
        target = self.stories[older]
        target.article_ids += absorbed.article_ids
        target.term_sums.update(absorbed.term_sums)
        target.norm_cache = None
        target.first = min(filter(None, (target.first, absorbed.first)), default=None)
        target.last = max(filter(None, (target.last, absorbed.last)), default=None)
        for term in absorbed.term_sums:
            postings = self.postings.get(term)
            if postings is not None:
                postings.discard(newer)
                postings.add(older)
        self.merged_into[newer] = older
        return older


@cache
def background_weight(term: str) -> float:
    """How informative a feature is in general English: rare words and all names weigh most."""
    if term[:2] in ("E:", "P:"):
        return RAREST_ZIPF_WEIGHT
    if term[:2] in ("N:", "Y:"):
        return RAREST_ZIPF_WEIGHT - 2.5
    return max(0.5, RAREST_ZIPF_WEIGHT - zipf_frequency(term, "en"))


def _group(term: str) -> str:
    """Feature group: words, entities (people, organisations, places) or years."""
    return "entities" if term[:2] in ("E:", "P:", "N:", "Y:") else "words"


def _group_norms(weights: dict[str, float]) -> dict[str, float]:
    sums: dict[str, float] = {}
    for t, w in weights.items():
        g = _group(t)
        sums[g] = sums.get(g, 0.0) + w * w
    return {g: math.sqrt(v) or 1.0 for g, v in sums.items()}


def combine(cosines: dict[str, float]) -> float:
    """One similarity from the per-group cosines.

    Words say what kind of event; entities say which one. Look-alike events (two celebrities
    entering rehab) share words and differ in people and places, so entity agreement scales the
    word similarity instead of adding to it. Years that disagree ("2008" vs "2013") halve it.
    """
    words = cosines.get("words", 0.0)
    similarity = words * (ENTITY_FLOOR + (1 - ENTITY_FLOOR) * cosines["entities"]) if "entities" in cosines else words
    if "years" in cosines and cosines["years"] == 0.0:
        similarity *= YEAR_MISMATCH
    return similarity


def _chronological(features: Iterable[ArticleFeatures]) -> list[ArticleFeatures]:
    """Oldest first (undated last, in input order): stories grow as the news did."""
    items = list(features)
    return sorted(items, key=lambda f: (f.published is None, (f.published or "")[:10]))


def cluster(documents: Sequence[dict[str, Any]]) -> list[Story]:
    """Group CONTRACT.md documents into stories (a fresh index, no store)."""
    index = StoryIndex()
    for features in _chronological(features_of(d) for d in documents):
        index.add(features)
    return index.stories_found()


def assign_stories(store: Any, new_ids: Sequence[str]) -> list[Assignment]:
    """Assign newly stored articles to stories, keeping the assignments already made."""
    index = StoryIndex()
    stored = {a: ArticleFeatures.from_json(a, f) for a, f in store.features().items()}
    for article_id, story_id, copy_of, similarity in store.story_members():
        if article_id in stored:
            index.restore(stored[article_id], Assignment(article_id, story_id, copy_of, similarity or 0.0))
    new = [features_of(d) for d in store.documents(list(new_ids)) if d["id"] not in index.assignments]
    for features in _chronological(new):
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
