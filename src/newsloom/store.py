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


def run_script(db: sqlite3.Connection, script: str) -> None:
    """Run several SQL statements inside the caller's transaction.

    `executescript` would COMMIT the open transaction first (Python 3.11), so a migration made of
    it was neither atomic nor recorded (`cannot commit - no transaction is active`). Statements are
    split where SQLite says one is complete, so a trigger body's `;` does not split it.
    """
    statement = ""
    for line in script.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            db.execute(statement)
            statement = ""
    if statement.strip():
        raise StoreError(f"incomplete SQL statement in a migration: {statement.strip()[:80]!r}")


def _m001_articles(db: sqlite3.Connection) -> None:
    run_script(
        db,
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
    run_script(
        db,
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


def _m003_briefs(db: sqlite3.Connection) -> None:
    # Built story documents (one story's brief, its list row), keyed by a hash of the story's members:
    # the web's story page reads one row instead of comparing claims on every request. The index
    # lets the story list read each member's date without touching its (large) article row.
    run_script(
        db,
        """
        CREATE TABLE story_briefs (
            story_id    TEXT NOT NULL,
            kind        TEXT NOT NULL,
            members_key TEXT NOT NULL,
            document    TEXT NOT NULL,
            built_at    REAL NOT NULL,
            PRIMARY KEY (story_id, kind)
        );
        CREATE INDEX articles_id_published ON articles(id, published);
        """,
    )


def _m004_failures(db: sqlite3.Connection) -> None:
    # One row per input that failed the last time it was read (batch mode): the input, why, when.
    # Numbered 004 because 003 is taken by the briefs migration written at the same time.
    run_script(
        db,
        """
        CREATE TABLE failures (
            source    TEXT PRIMARY KEY,
            reason    TEXT NOT NULL,
            failed_at REAL NOT NULL
        );
        """,
    )


MIGRATIONS: tuple[tuple[str, Callable[[sqlite3.Connection], None]], ...] = (
    ("001_articles", _m001_articles),
    ("002_stories", _m002_stories),
    ("003_briefs", _m003_briefs),
    ("004_failures", _m004_failures),
)


@dataclass(frozen=True)
class StoredFailure:
    """An input that could not be read or analysed: `source` as given (or `path#k` for a record)."""

    source: str
    reason: str
    failed_at: float


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
                    if not db.in_transaction:
                        raise StoreError(f"migration {name} committed on its own: use run_script, not executescript")
                    db.execute("INSERT INTO migrations VALUES (?, ?)", (name, time.time()))

    def migrations(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT name FROM migrations ORDER BY name")]

    # --- articles ---------------------------------------------------------------------------

    def article_ids(self) -> set[str]:
        """Every stored article id: the batch mode sends them to its workers to skip known articles."""
        return {row[0] for row in self.db.execute("SELECT id FROM articles")}

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

    # --- failures (the batch mode records each input that failed, and carries on) ---------

    def add_failure(self, source: str, reason: str) -> None:
        """Record that `source` failed and why; a later failure of the same source replaces it."""
        with self.transaction() as db:
            db.execute(
                "INSERT INTO failures VALUES (?, ?, ?) "
                "ON CONFLICT(source) DO UPDATE SET reason = excluded.reason, failed_at = excluded.failed_at",
                (source, reason, time.time()),
            )

    def forget_failures(self, inputs: Sequence[str]) -> None:
        """Drop the failures of inputs about to be read again (`path` and its records `path#k`)."""
        with self.transaction() as db:
            for source in inputs:
                db.execute("DELETE FROM failures WHERE source = ? OR substr(source, 1, ?) = ?", (source, len(source) + 1, source + "#"))

    def failures(self) -> list[StoredFailure]:
        return [StoredFailure(*row) for row in self.db.execute("SELECT source, reason, failed_at FROM failures ORDER BY source")]

    def story_index(self) -> list[tuple[str, str | None, int]]:
        """(story id, latest publication, articles) of every story, newest first (larger first among
        equals): the story list in one grouped join, without reading any analysis document."""
        return list(
            self.db.execute(
                "SELECT m.story_id, max(a.published) AS latest, count(*) AS size "
                "FROM story_members m JOIN articles a ON a.id = m.article_id "
                "GROUP BY m.story_id ORDER BY latest IS NULL, latest DESC, size DESC, m.story_id DESC"
            )
        )

    def story_member_ids(self, story_id: str) -> list[tuple[str, str | None]]:
        """(article id, copy_of) of one story's members, oldest stored first."""
        return list(
            self.db.execute(
                "SELECT m.article_id, m.copy_of FROM story_members m JOIN articles a ON a.id = m.article_id "
                "WHERE m.story_id = ? ORDER BY a.rowid",
                (story_id,),
            )
        )

    def stories_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """Article id -> story id, for the articles that have one."""
        out: dict[str, str] = {}
        for start in range(0, len(article_ids), 500):
            chunk = list(article_ids[start : start + 500])
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT article_id, story_id FROM story_members WHERE article_id IN ({marks})", chunk))
        return out

    # --- built story documents (migration 003) -------------------------------------------------

    def cached_brief(self, story_id: str, kind: str, members_key: str) -> dict[str, Any] | None:
        """A built document of a story, or None when absent or built for other members."""
        row = self.db.execute(
            "SELECT document FROM story_briefs WHERE story_id = ? AND kind = ? AND members_key = ?", (story_id, kind, members_key)
        ).fetchone()
        return json.loads(row[0]) if row else None

    def save_brief(self, story_id: str, kind: str, members_key: str, document: dict[str, Any]) -> None:
        """Keep a built document of a story; it replaces the one built for earlier members."""
        with self.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO story_briefs VALUES (?, ?, ?, ?, ?)",
                (story_id, kind, members_key, json.dumps(document, ensure_ascii=False), time.time()),
            )

    def drop_stale_briefs(self) -> int:
        """Forget built documents of stories that no longer exist (merged into another); returns how many."""
        with self.transaction() as db:
            cursor = db.execute("DELETE FROM story_briefs WHERE story_id NOT IN (SELECT story_id FROM story_members)")
        return cursor.rowcount
