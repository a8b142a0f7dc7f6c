"""The only module with SQL: one SQLite file in WAL mode, full-text search, small named migrations.

Each article is written in one transaction (raw bytes, cleaned text, the analysis document and its
full-text row together), so a crash mid-batch, even `kill -9`, leaves every earlier article whole
and the next run skips what is already stored.

>>> store = Store(":memory:")
>>> store.count()
0
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StoreError
from .models import Analysis

BUSY_TIMEOUT_MS = 10_000  # a second writer (the web upload beside a CLI ingest) waits instead of failing


def _m001_articles(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE articles (
            id          TEXT PRIMARY KEY,
            source      TEXT NOT NULL,
            url         TEXT,
            outlet      TEXT,
            title       TEXT,
            published   TEXT,
            media_type  TEXT NOT NULL,
            encoding    TEXT NOT NULL,
            raw         BLOB NOT NULL,
            text        TEXT NOT NULL,
            analysis    TEXT NOT NULL,
            ingested_at REAL NOT NULL
        );
        CREATE INDEX articles_published ON articles(published);
        CREATE INDEX articles_source ON articles(source);
        CREATE VIRTUAL TABLE articles_fts USING fts5(id UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2');
        """
    )


def _m002_stories(db: sqlite3.Connection) -> None:
    db.executescript(
        """
        CREATE TABLE story_members (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            story_id   TEXT NOT NULL,
            copy_of    TEXT,
            similarity REAL
        );
        CREATE INDEX story_members_story ON story_members(story_id);
        CREATE TABLE article_features (
            article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
            features   TEXT NOT NULL
        );
        """
    )


MIGRATIONS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("001_articles", _m001_articles),
    ("002_stories", _m002_stories),
)


@dataclass(frozen=True)
class StoredArticle:
    """A row of `newsloom articles`: what was stored, not the whole analysis."""

    id: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    ingested_at: float


class Store:
    """A newsloom store. `Store(path)` creates the file and runs pending migrations."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL survives a killed process; only power loss can drop the last commit
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the store ({exc}); is it a newsloom SQLite file?") from exc

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at REAL NOT NULL)")
        done = {row[0] for row in self.db.execute("SELECT name FROM migrations")}
        known = {name for name, _ in MIGRATIONS}
        if done - known:
            raise StoreError(f"{self.path}: made by a newer newsloom (migrations {sorted(done - known)}); upgrade newsloom")
        for name, migrate in MIGRATIONS:
            if name not in done:
                with self.transaction() as db:
                    migrate(db)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", (name, time.time()))

    def migrations(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    # --- articles ---------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def add(self, analysis: Analysis) -> bool:
        """Store one analysed article in one transaction. False when it was already stored."""
        article = analysis.article
        document = analysis.to_dict()
        body = "\n".join(article.text[line.start : line.end] for line in analysis.lines if line.is_content)
        with self.transaction() as db:
            if db.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                return False
            db.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    article.id,
                    article.source,
                    article.url,
                    analysis.outlet,
                    analysis.title,
                    analysis.published.value if analysis.published else None,
                    article.media_type,
                    article.encoding,
                    article.raw,
                    article.text,
                    json.dumps(document, ensure_ascii=False),
                    time.time(),
                ),
            )
            db.execute("INSERT INTO articles_fts VALUES (?,?,?)", (article.id, analysis.title or "", body))
        return True

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def articles(self, limit: int | None = None, offset: int = 0) -> list[StoredArticle]:
        """Stored articles, newest publication first."""
        rows = self.db.execute(
            "SELECT id, source, outlet, title, published, ingested_at FROM articles "
            "ORDER BY published IS NULL, published DESC, ingested_at DESC LIMIT ? OFFSET ?",
            (limit if limit is not None else -1, offset),
        )
        return [StoredArticle(*row) for row in rows]

    def document(self, article_id: str) -> dict[str, Any] | None:
        """The CONTRACT.md document of a stored article."""
        row = self.db.execute("SELECT analysis FROM articles WHERE id = ?", (article_id,)).fetchone()
        return json.loads(row[0]) if row else None

    def documents(self, article_ids: Sequence[str] | None = None) -> list[dict[str, Any]]:
        if article_ids is None:
            rows = self.db.execute("SELECT analysis FROM articles ORDER BY published, ingested_at")
            return [json.loads(r[0]) for r in rows]
        out = []
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            out += [json.loads(r[0]) for r in self.db.execute(f"SELECT analysis FROM articles WHERE id IN ({marks})", chunk)]
        order = {a: i for i, a in enumerate(article_ids)}
        return sorted(out, key=lambda d: order[d["id"]])

    def raw(self, article_id: str) -> bytes | None:
        row = self.db.execute("SELECT raw FROM articles WHERE id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def search(self, query: str, limit: int = 20) -> list[tuple[StoredArticle, str]]:
        """Full-text search: (article, snippet with [matches] marked), best first.

        The query is taken as words, not FTS5 syntax, so user input cannot break it.
        """
        words = [w for w in "".join(c if c.isalnum() else " " for c in query).split() if w]
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words)
        rows = self.db.execute(
            "SELECT a.id, a.source, a.outlet, a.title, a.published, a.ingested_at, "
            "snippet(articles_fts, 2, '[', ']', ' … ', 12) FROM articles_fts f JOIN articles a ON a.id = f.id "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [(StoredArticle(*row[:6]), row[6]) for row in rows]

    # --- stories (used by stories/cluster.py through these calls) ---------------------------

    def save_story_members(self, members: Sequence[tuple[str, str, str | None, float | None]]) -> None:
        """(article id, story id, copy_of, similarity) rows, replacing earlier assignments."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO story_members VALUES (?,?,?,?)", members)

    def story_members(self) -> list[tuple[str, str, str | None, float | None]]:
        return list(self.db.execute("SELECT article_id, story_id, copy_of, similarity FROM story_members"))

    def save_features(self, features: dict[str, dict[str, Any]]) -> None:
        """Clustering features by article id (terms, entities, date, MinHash signature)."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO article_features VALUES (?, ?)", [(a, json.dumps(f)) for a, f in features.items()])

    def features(self) -> dict[str, dict[str, Any]]:
        return {a: json.loads(f) for a, f in self.db.execute("SELECT article_id, features FROM article_features ORDER BY rowid")}
