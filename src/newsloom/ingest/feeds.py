"""RSS and Atom feeds -> one article per entry, parsed safely.

Feeds are untrusted XML. Before feedparser sees a byte, defusedxml parses the feed and any entity
declaration is refused: internal ones can expand exponentially ("billion laughs") and external
ones read files or URLs. Neither is ever resolved or expanded. A plain DOCTYPE (RSS 0.91 still
ships one) declares nothing and is read; its DTD is never fetched.

Each entry becomes `f"{source}#{k}"` (k = 1-based position in the feed), with the entry's own
content, or, when the feed only carries a teaser, the page the entry links to.

>>> from newsloom.settings import Settings
>>> feed = b'<rss version="2.0"><channel><title>Harbour Post</title><item><title>Ferries resume</title>'
>>> feed += b'<description>Crossings restart on Friday.</description></item></channel></rss>'
>>> [article.text for article in read_feed(feed, "news.rss", Settings())]
['Ferries resume\\n\\nCrossings restart on Friday.']
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from xml.etree.ElementTree import ParseError

import defusedxml
import defusedxml.ElementTree
import feedparser

from ..errors import InputError
from ..models import Article
from ..settings import Settings
from .html import fragment_paragraphs
from .records import iso_date, make_article, one_line, page_text

FetchPage = Callable[[str, str], Article]
"""fetch_page(url, source) -> the article at `url`, named `source`; raises InputError."""

# Feed teasers are one or two sentences (most under 300 characters, and many CMSes cut descriptions
# at 400-500); even a short wire brief runs past 500, so below that the linked page has the story.
TEASER_MAX_CHARS = 500
ENTITY_REFUSAL = "feed declares XML entities (refused: entity expansion and external entities are never resolved)"
ENTITY_DECLARATIONS = tuple("<!ENTITY".encode(codec) for codec in ("ascii", "utf-16-le", "utf-16-be"))
ENTRY_ELEMENT = re.compile(rb"<(?:[\w-]+:)?(item|entry)(?=[\s/>])[\s\S]*?</(?:[\w-]+:)?\1\s*>")
TRUNCATION_MARK = re.compile(r"\s*(?:\[(?:…|\.\.\.|&hellip;)\]|…|\.\.\.)\s*(?:read more\W*)?$", re.IGNORECASE)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})


def read_feed(
    data: bytes,
    source: str,
    settings: Settings,
    url: str | None = None,
    fetch_page: FetchPage | None = None,
    media_type: str | None = None,
) -> Iterator[Article | InputError]:
    """Articles from a feed's entries, an InputError for each entry that fails.

    Raises InputError when the feed as a whole is refused (entities) or unreadable.
    """
    refuse_entities(data, source)
    # the URL is the base for relative links; the HTTP charset outranks the XML declaration (RFC 3023)
    headers = {name: value for name, value in (("content-location", url), ("content-type", media_type)) if value}
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)  # a stream: never a path or URL to open
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            raise InputError(source, f"malformed feed ({parse_problem(parsed.get('bozo_exception'))})")
        if not parsed.get("version"):
            raise InputError(source, "not an RSS or Atom feed")
        raise InputError(source, "feed has no entries")
    raw_entries = [match[0] for match in ENTRY_ELEMENT.finditer(data)]
    if len(raw_entries) != len(entries):
        raw_entries = [data] * len(entries)  # entries we cannot cut out verbatim keep the whole feed as raw
    atom = str(parsed.get("version", "")).startswith("atom")
    feed = Feed(
        outlet=one_line(parsed.feed.get("title")),
        media_type="application/atom+xml" if atom else "application/rss+xml",
        encoding=parsed.get("encoding") or "utf-8",
    )
    for k, (entry, raw) in enumerate(zip(entries, raw_entries, strict=True), start=1):
        yield from read_entry(entry, raw, f"{source}#{k}", feed, settings, fetch_page)


@dataclasses.dataclass(frozen=True)
class Feed:
    """What every entry of one feed shares."""

    outlet: str | None
    media_type: str
    encoding: str


def refuse_entities(data: bytes, source: str) -> None:
    """Raise InputError when `data` declares XML entities, before any parser could expand them."""
    if any(marker in data for marker in ENTITY_DECLARATIONS):
        raise InputError(source, ENTITY_REFUSAL)
    try:
        defusedxml.ElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.DefusedXmlException:
        raise InputError(source, ENTITY_REFUSAL) from None
    except ParseError:
        pass  # not well-formed: feedparser's lenient parser judges it (the entity check above already ran)


def read_entry(
    entry: feedparser.FeedParserDict,
    raw: bytes,
    source: str,
    feed: Feed,
    settings: Settings,
    fetch_page: FetchPage | None,
) -> Iterator[Article | InputError]:
    """The entry's own text, or the page it links to when the feed only has a teaser."""
    title = one_line(entry.get("title"))
    link = entry.get("link")
    paragraphs = entry_paragraphs(entry)
    metadata = {
        "url": link,
        "title": title,
        "outlet": feed.outlet,
        "author": one_line(entry.get("author")),
        "published": entry_published(entry),
    }
    teaser = sum(len(paragraph) for paragraph in paragraphs) < TEASER_MAX_CHARS
    fetchable = bool(link) and str(link).startswith(("http://", "https://"))
    notes: tuple[str, ...] = ()
    if teaser and fetchable and fetch_page is not None and settings.fetch_linked_pages:
        try:
            page = fetch_page(link, source)
        except InputError as error:
            if not paragraphs:
                yield type(error)(source, f"linked page {link}: {error.reason}")
                return
            # The entry's own teaser is still an article: read it, and say the full page was out of reach.
            notes = (f"only the feed's teaser was read: the linked page {link} failed ({error.reason})",)
        else:
            filled = {key: value for key, value in metadata.items() if getattr(page, key) is None}
            yield dataclasses.replace(page, **filled)
            return
    if not paragraphs:
        why = " and settings.fetch_linked_pages is off" if fetchable and not settings.fetch_linked_pages else ""
        yield InputError(source, f"feed entry has no text{why}")
        return
    yield make_article(
        page_text(title, paragraphs),
        source,
        settings,
        raw=raw,
        media_type=feed.media_type,
        encoding=feed.encoding,
        notes=notes,
        **metadata,
    )


def entry_paragraphs(entry: feedparser.FeedParserDict) -> list[str]:
    """The entry's text: its summary (the dek), then its content (content:encoded, Atom content).

    The summary is left out when the content already says it: feedparser copies content into
    summary when there is none, and many CMSes cut the first paragraph into the description.
    """
    contents = sorted(entry.get("content") or [], key=lambda item: item.get("type") not in HTML_TYPES)
    content = next((found for item in contents if (found := value_paragraphs(item))), [])
    summary = value_paragraphs(entry.get("summary_detail") or {"value": entry.get("summary", "")})
    if not content:
        return summary
    if summary and not repeats(" ".join(summary), " ".join(content)):
        return summary + content
    return content


def value_paragraphs(detail: dict) -> list[str]:
    """Paragraphs of one feedparser text construct ({"value": ..., "type": ...})."""
    value = str(detail.get("value") or "")
    if detail.get("type", "text/html") in HTML_TYPES:
        return fragment_paragraphs(value)
    return [line.strip() for line in value.split("\n") if line.strip()]


def repeats(summary: str, content: str) -> bool:
    """Whether `summary` is (a cut of) text that `content` already has."""
    summary = " ".join(TRUNCATION_MARK.sub("", summary).split())
    return not summary or summary in " ".join(content.split())


def entry_published(entry: feedparser.FeedParserDict) -> str | None:
    """The entry's date with the offset it was written in; feedparser's UTC tuple as a last resort."""
    for key in ("published", "updated", "created"):
        if value := iso_date(entry.get(key)):
            return value
    for key in ("published_parsed", "updated_parsed"):
        if parsed := entry.get(key):
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC).isoformat()
    return None


def parse_problem(error: object) -> str:
    """'line 3 column 7: unclosed token' from a SAXParseException, else the exception as text."""
    if hasattr(error, "getLineNumber") and hasattr(error, "getMessage"):
        return f"line {error.getLineNumber()} column {error.getColumnNumber()}: {error.getMessage()}"
    return str(error)
