"""The stories the web page shows: the list, one story's brief, built once and kept in the store.

Comparing a story's claims reads every member's analysis and aligns their sentences: far too slow
for each page view. A built brief is kept in the store (`story_briefs`, migration 003) under a key
made of the story's members and the newsloom version, so a story that gains an article, or a newer
newsloom, builds it again; every other view reads one row.

>>> members_key([("b", None), ("a", "b")]) == members_key([("a", "b"), ("b", None)])
True
"""

from __future__ import annotations

import hashlib
from typing import Any

from .. import __version__
from ..models import Story
from ..store import Store
from ..stories.brief import story_brief
from ..stories.cluster import summarize

BRIEF = "brief"
SUMMARY = "summary"
PAGE_SIZE = 30  # stories per list page: a screenful or two, and each row's summary is one cached read


def members_key(members: list[tuple[str, str | None]]) -> str:
    """A hash of a story's members (and which copies which) and of the code that builds briefs."""
    digest = hashlib.sha256(__version__.encode())
    for article_id, copy_of in sorted(members):
        digest.update(f"\n{article_id}:{copy_of or ''}".encode())
    return digest.hexdigest()[:32]


def _story(story_id: str, members: list[tuple[str, str | None]]) -> Story:
    return Story(id=story_id, article_ids=tuple(a for a, _ in members), wire_copies={a: c for a, c in members if c})


def brief_of(store: Store, story_id: str) -> dict[str, Any] | None:
    """One story's brief (a CONTRACT.md `stories[]` item), or None when there is no such story."""
    members = store.story_member_ids(story_id)
    if not members:
        return None
    key = members_key(members)
    cached = store.cached_brief(story_id, BRIEF, key)
    if cached is not None:
        return cached
    story = _story(story_id, members)
    brief = story_brief(store.documents(list(story.article_ids)), story)
    store.save_brief(story_id, BRIEF, key, brief)
    return brief


def summary_of(store: Store, story_id: str) -> dict[str, Any]:
    """The list row of a story (`newsloom stories --format json`), built once per set of members."""
    members = store.story_member_ids(story_id)
    key = members_key(members)
    cached = store.cached_brief(story_id, SUMMARY, key)
    if cached is not None:
        return cached
    row = summarize(store, _story(story_id, members))
    store.save_brief(story_id, SUMMARY, key, row)
    return row


def story_page(store: Store, page: int, page_size: int = PAGE_SIZE) -> tuple[list[dict[str, Any]], int]:
    """The rows of one page of the story list (1-based, newest first) and the number of stories."""
    index = store.story_index()
    start = (max(page, 1) - 1) * page_size
    return [summary_of(store, story_id) for story_id, _latest, _size in index[start : start + page_size]], len(index)
