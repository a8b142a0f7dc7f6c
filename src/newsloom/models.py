"""The records newsloom passes between stages: frozen dataclasses with domain words for fields.

Data flow (each arrow is one module):

    ingest/      source -> Article            (decoded text, raw bytes, metadata)
    stages/      Article -> Line, Entity, Place, DateRef, Quote, ReportedSpeech, Figure
    pipeline.py  Article -> Analysis          (all of the above, in order)
    stories/     [Analysis] -> Story -> Claim -> Brief

Every record that comes from the text keeps its character span (`start`, `end`, Python slicing
into `Article.text`), so any line of a brief can point back to what an article actually says.
`to_dict()` methods produce the documents described in CONTRACT.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

LineRole = Literal["title", "body", "heading", "caption", "boilerplate"]
Precision = Literal["year", "month", "week", "day", "range"]
Qualifier = Literal["exact", "over", "at_least", "about", "up_to", "under", "range"]
QuoteKind = Literal["direct", "partial"]

CONTENT_ROLES: frozenset[str] = frozenset({"title", "body", "heading"})
"""Line roles that carry the article itself; captions and boilerplate are page furniture."""


def content_id(text: str) -> str:
    """A stable id for an article: the first 16 hex digits of the SHA-256 of its text.

    Two copies of the same text (re-ingested, or fetched twice) get the same id, which is what
    makes ingestion idempotent.

    >>> content_id("Kyiv forces have recaptured over 40 towns")
    '3a34789eb13269e5'
    """
    normalized = " ".join(text.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a record: dataclasses to dicts, tuples to lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if hasattr(value, "to_dict"):
            return value.to_dict()
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class Article:
    """One article as read from a source, before any analysis.

    `text` is what every offset points into: the decoded file for plain text, the extracted
    main text (title line first) for HTML. `raw` is the input exactly as it arrived.
    Metadata fields are None when the source did not say.
    """

    id: str
    source: str
    text: str
    raw: bytes = b""
    media_type: str = "text/plain"
    encoding: str = "utf-8"
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None
    """ISO date (or datetime) the source's metadata gives, e.g. from <meta> or a feed entry."""
    notes: tuple[str, ...] = ()
    """What reading had to work around (an encoding guessed, a linked page out of reach)."""

    @classmethod
    def from_text(cls, text: str, source: str = "<text>", **metadata: Any) -> Article:
        """Build an article from already-decoded text, its id derived from the text."""
        raw = metadata.pop("raw", None)
        if raw is None:
            raw = text.encode("utf-8")
        return cls(id=content_id(text), source=source, text=text, raw=raw, **metadata)


@dataclass(frozen=True)
class Line:
    """One non-blank line of `Article.text` (1-based `n`) and the role cleaning gave it."""

    n: int
    start: int
    end: int
    role: LineRole
    reason: str = ""

    @property
    def is_content(self) -> bool:
        return self.role in CONTENT_ROLES


@dataclass(frozen=True)
class Mention:
    """A stretch of text naming something: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A person, organisation, place or group, with every mention of it in one article."""

    id: str
    canonical: str
    type: str
    mentions: tuple[Mention, ...] = ()
    roles: tuple[str, ...] = ()
    is_actor: bool = False
    """True for a place name used as a government that acts ("Moscow said")."""
    stands_for: str | None = None
    """The government an acting place name stands for: "Moscow" -> "Russia", "the Kremlin" -> "Russia"."""

    @property
    def speaker_name(self) -> str:
        """How this entity is named as a speaker: the government for an acting capital."""
        return self.stands_for or self.canonical

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "canonical": self.canonical,
            "type": self.type,
            "mentions": [_plain(m) for m in self.mentions],
            "roles": list(self.roles),
            "is_actor": self.is_actor,
            "stands_for": self.stands_for,
        }


@dataclass(frozen=True)
class Place:
    """A toponym resolved to one gazetteer entry."""

    name: str
    kind: str
    lat: float | None
    lon: float | None
    country: str | None = None
    geonames_id: int | None = None
    mentions: tuple[Mention, ...] = ()
    entity_id: str | None = None


@dataclass(frozen=True)
class Published:
    """When an article was published: from metadata, or bounded from its text (`inferred`)."""

    value: str | None
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None
    inferred: bool = False
    evidence: str = ""


@dataclass(frozen=True)
class DateRef:
    """A date expression resolved to the calendar ("Thursday" -> 2022-11-10)."""

    text: str
    value: str | None
    precision: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Quote:
    """Words an article puts between quote marks, with who said them."""

    text: str
    speaker: str | None
    speaker_id: str | None
    kind: QuoteKind
    cue: str | None
    start: int
    end: int
    speaker_mention: str | None = None
    venue: str | None = None


@dataclass(frozen=True)
class ReportedSpeech:
    """An attributed statement without (or beyond) quote marks: "X said (that) ..."."""

    speaker: str | None
    speaker_id: str | None
    content: str
    cue: str
    start: int
    end: int
    speaker_mention: str | None = None
    venue: str | None = None


@dataclass(frozen=True)
class Figure:
    """A number that counts something, with what it counts and who claims it."""

    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    counts: str | None
    claimed_by: str | None
    start: int
    end: int
    claimed_by_id: str | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything newsloom learned from one article. `to_dict()` is the CONTRACT.md document."""

    article: Article
    lines: tuple[Line, ...]
    title: str | None = None
    outlet: str | None = None
    wire_agencies: tuple[str, ...] = ()
    photo_credits: tuple[str, ...] = ()
    published: Published | None = None
    entities: tuple[Entity, ...] = ()
    places: tuple[Place, ...] = ()
    dates: tuple[DateRef, ...] = ()
    quotes: tuple[Quote, ...] = ()
    reported_speech: tuple[ReportedSpeech, ...] = ()
    figures: tuple[Figure, ...] = ()
    notes: tuple[str, ...] = ()
    """Non-fatal remarks about the input, e.g. which encoding was assumed."""

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def text(self) -> str:
        return self.article.text

    def content_lines(self) -> list[Line]:
        return [line for line in self.lines if line.is_content]

    def to_dict(self) -> dict[str, Any]:
        article = self.article
        return {
            "id": article.id,
            "source": article.source,
            "url": article.url,
            "outlet": self.outlet,
            "wire_agencies": list(self.wire_agencies),
            "photo_credits": list(self.photo_credits),
            "title": self.title,
            "author": article.author,
            "published": _plain(self.published) if self.published else None,
            "encoding": article.encoding,
            "media_type": article.media_type,
            "text": article.text,
            "lines": [_plain(line) for line in self.lines],
            "entities": [_plain(e) for e in self.entities],
            "places": [_plain(p) for p in self.places],
            "quotes": [_plain(q) for q in self.quotes],
            "reported_speech": [_plain(r) for r in self.reported_speech],
            "figures": [_plain(f) for f in self.figures],
            "dates": [_plain(d) for d in self.dates],
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Support:
    """Where a claim stands in one article."""

    article: str
    source: str
    outlet: str | None
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Claim:
    """A statement made by one or more articles of a story, with its status across outlets."""

    text: str
    status: Literal["corroborated", "single_source", "conflicting"]
    independent_sources: int
    support: tuple[Support, ...]
    kind: str = "statement"
    """statement (sentences aligned across articles) | figure (statements with figures) |
    quantity (one quantity, e.g. the death toll, as each article reports it)"""
    speaker: str | None = None
    figures: tuple[dict[str, Any], ...] = ()
    note: str = ""
    outlets: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Story:
    """Articles that report the same event, and which of them copy one another."""

    id: str
    article_ids: tuple[str, ...]
    wire_copies: dict[str, str] = field(default_factory=dict)
    """article id -> id of the article it republishes (near-duplicate text)."""
