"""The SQLite store: migrations, one transaction per article, idempotence, full-text search."""

from __future__ import annotations

import sqlite3

import pytest

from newsloom.errors import StoreError
from newsloom.models import Analysis, Article, Line
from newsloom.store import MIGRATIONS, Store


def analysis(text: str, source: str = "a.txt", title: str | None = None) -> Analysis:
    article = Article.from_text(text, source=source)
    lines = []
    offset = 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            lines.append(Line(n, offset, offset + len(line), "body"))
        offset += len(line) + 1
    return Analysis(article=article, lines=tuple(lines), title=title, outlet="Harbour Ledger")


def test_a_new_store_runs_every_migration_once(tmp_path) -> None:
    path = tmp_path / "news.db"
    assert Store(path).migrations() == [name for name, _ in MIGRATIONS]
    assert Store(path).migrations() == [name for name, _ in MIGRATIONS]
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_adding_the_same_article_twice_changes_nothing(tmp_path) -> None:
    store = Store(tmp_path / "news.db")
    first = analysis("Rescuers pulled 41 people from the Douro on Tuesday.")
    assert store.add(first) is True
    assert store.add(first) is False
    assert store.count() == 1


def test_raw_input_is_kept_verbatim_beside_the_cleaned_text(tmp_path) -> None:
    store = Store(tmp_path / "news.db")
    text = "Ferry capsizes\n\nRescuers searched the river."
    a = analysis(text)
    store.add(a)
    assert store.raw(a.id) == text.encode("utf-8")
    assert store.document(a.id)["text"] == text


def test_search_finds_words_and_ignores_query_syntax(tmp_path) -> None:
    store = Store(tmp_path / "news.db")
    store.add(analysis("Farmers drove tractors into Évora on Monday.", "evora.txt", title="Tractors in Évora"))
    store.add(analysis("A ferry capsized on the Douro river.", "douro.txt"))
    hits = store.search("tractors evora")
    assert [a.source for a, _ in hits] == ["evora.txt"]
    assert "[" in hits[0][1]
    assert store.search('tractors" OR NEAR(') == store.search("tractors OR NEAR")  # user text is words, not FTS syntax
    assert store.search("   ") == []


def test_a_store_from_a_newer_newsloom_is_refused(tmp_path) -> None:
    path = tmp_path / "news.db"
    Store(path).db.execute("INSERT INTO migrations VALUES ('999_future', 0)")
    with pytest.raises(StoreError, match="newer newsloom"):
        Store(path)


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "news.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(path)


def test_articles_are_listed_newest_first(tmp_path) -> None:
    from dataclasses import replace

    from newsloom.models import Published

    store = Store(tmp_path / "news.db")
    older = replace(analysis("Older report on the drought.", "old.txt"), published=Published("2024-03-01"))
    newer = replace(analysis("Newer report on the drought.", "new.txt"), published=Published("2024-03-09"))
    store.add(older)
    store.add(newer)
    assert [a.source for a in store.articles()] == ["new.txt", "old.txt"]
