"""RSS and Atom: entries with content, link-only entries fetched for real, and feeds that must be refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.errors import FetchError, InputError
from newsloom.ingest import read_sources
from newsloom.ingest.feeds import ENTITY_REFUSAL
from newsloom.models import Article
from newsloom.settings import Settings
from tests.ingest.ingest_pages import feed

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Northgate Tribune</title>
<entry><title>Night trams stay</title><link rel="alternate" href="https://northgate.example/trams"/>
<author><name>Oskar Brandt</name></author><published>2024-02-19T23:30:00-05:00</published>
<summary>Voters backed the service.</summary>
<content type="html">&lt;p&gt;Voters in Valmora chose to keep the night trams, with 61.4% in favour.&lt;/p&gt;
&lt;p&gt;Turnout was 48%.&lt;/p&gt;</content></entry>
</feed>"""


def read(path: Path, data: bytes, settings: Settings | None = None) -> list[Article | InputError]:
    path.write_bytes(data)
    return list(read_sources([str(path)], settings or Settings()))


def test_rss_from_the_server_content_entry_and_linked_page(server) -> None:
    feed_url = server.url("/feed.xml")
    first, second = read_sources([feed_url], Settings())
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.source, first.url) == (f"{feed_url}#1", server.url("/timetable.html"))
    assert first.text.startswith(
        "Summer ferry timetable agreed\n\nCrossings every ninety minutes.\n\nParagraph 1: the Lintel Island council"
    )
    assert "FEED-SCRIPT" not in first.text
    assert (first.outlet, first.author, first.published) == (
        "Bayside Gazette", "desk@bayside.example (Noor Haddad)", "2024-05-07T18:30:00+02:00",
    )  # fmt: skip
    assert first.raw.startswith(b"<item><title>Summer ferry timetable agreed</title>") and first.raw.endswith(b"</item>")
    # the second entry has no text: its page was fetched from the server and extracted
    assert (second.source, second.url, second.media_type) == (f"{feed_url}#2", server.url("/linked.html"), "text/html")
    assert second.text.startswith("Pier inspection passed\n\nThe rebuilt pier at Lintel Island passed")
    assert (second.outlet, second.author, second.published) == ("Bayside Gazette", "Rui Almqvist", "2024-05-08T09:00:00+02:00")
    assert server.url("/linked.html").removeprefix(server.base) in server.paths()


def test_local_feed_fetches_linked_pages_from_the_server(server, tmp_path: Path) -> None:
    response_feed = feed(server.base)
    first, second = read(tmp_path / "bayside.rss", response_feed)
    assert (first.source, second.source) == (f"{tmp_path}/bayside.rss#1", f"{tmp_path}/bayside.rss#2")
    assert second.text.startswith("Pier inspection passed")


def test_link_only_entry_without_fetching_is_an_error(server, tmp_path: Path) -> None:
    response_feed = feed(server.base)
    first, second = read(tmp_path / "bayside.rss", response_feed, Settings(fetch_linked_pages=False))
    assert isinstance(first, Article)
    assert isinstance(second, InputError)
    assert (second.source, second.reason) == (
        f"{tmp_path}/bayside.rss#2", "feed entry has no text and settings.fetch_linked_pages is off",
    )  # fmt: skip


def test_teaser_whose_page_is_unreachable_keeps_the_teaser(closed_port_url: str, tmp_path: Path) -> None:
    feed = (
        "<rss version='2.0'><channel><title>Valley Echo</title><item><title>Festival record</title>"
        f"<link>{closed_port_url}</link><description>About 12,000 people came.</description></item></channel></rss>"
    ).encode()
    (teaser,) = read(tmp_path / "echo.rss", feed)
    assert isinstance(teaser, Article)
    assert teaser.text == "Festival record\n\nAbout 12,000 people came."
    assert teaser.notes[0].startswith(f"only the feed's teaser was read: the linked page {closed_port_url} failed (unreachable (")


def test_link_only_entry_whose_page_is_unreachable_is_an_error(closed_port_url: str, tmp_path: Path) -> None:
    feed = (
        "<rss version='2.0'><channel><title>Valley Echo</title><item><title>Festival record</title>"
        f"<link>{closed_port_url}</link></item></channel></rss>"
    ).encode()
    (error,) = read(tmp_path / "echo.rss", feed)
    assert isinstance(error, FetchError)
    assert error.source == f"{tmp_path}/echo.rss#1"
    assert error.reason.startswith(f"linked page {closed_port_url}: unreachable (")


def test_atom_entry(tmp_path: Path) -> None:
    [article] = read(tmp_path / "tribune.atom", ATOM, Settings(fetch_linked_pages=False))
    assert article.text == (
        "Night trams stay\n\nVoters backed the service.\n\n"
        "Voters in Valmora chose to keep the night trams, with 61.4% in favour.\n\nTurnout was 48%."
    )
    assert (article.url, article.author, article.published, article.media_type) == (
        "https://northgate.example/trams", "Oskar Brandt", "2024-02-19T23:30:00-05:00", "application/atom+xml",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<rss version='2.0'><channel><<<>>>", "malformed feed (line 2 column 29: not well-formed (invalid token))"),
        (b"<rss version='2.0'><channel><title>Empty</title></channel></rss>", "feed has no entries"),
        (b"<?xml version='1.0'?><catalog><book>Not news</book></catalog>", "not an RSS or Atom feed"),
    ],
    ids=["malformed", "no-entries", "not-a-feed"],
)
def test_unreadable_feeds(tmp_path: Path, data: bytes, reason: str) -> None:
    [error] = read(tmp_path / "feed.xml", data)
    assert isinstance(error, InputError)
    assert error.reason == reason


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol9;</title><item><title>Laughs</title><description>&lol9;</description></item></channel></rss>"""


def external_entity(url: str) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "{url}">]>
<rss version="2.0"><channel><title>x</title><item><title>Leak</title><description>&secret;</description></item>
</channel></rss>""".encode()


@pytest.mark.parametrize("kind", ["billion-laughs", "external-file", "external-url", "utf-16"])
def test_entity_declarations_are_refused_and_never_resolved(server, tmp_path: Path, kind: str) -> None:
    data = {
        "billion-laughs": BILLION_LAUGHS,
        "external-file": external_entity("file:///etc/passwd"),
        "external-url": external_entity(server.url("/secret")),
        "utf-16": BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="utf-16"').encode("utf-16"),
    }[kind]
    [error] = read(tmp_path / "feed.rss", data)
    assert isinstance(error, InputError)
    assert error.reason == ENTITY_REFUSAL
    assert "/secret" not in server.paths()


def test_plain_doctype_is_read_and_its_dtd_never_fetched(server, tmp_path: Path) -> None:
    feed = f"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "{server.url('/rss-0.91.dtd')}">
<rss version="0.91"><channel><title>Old Gazette</title><link>https://old.example/</link><description>x</description>
<item><title>Harbour reopens</title><description>The harbour reopened on Monday after dredging works that lasted
most of the winter, the port authority said, and the first cargo ships are due on Thursday.</description></item>
</channel></rss>""".encode()
    [article] = read(tmp_path / "old.rss", feed, Settings(fetch_linked_pages=False))
    assert isinstance(article, Article)
    assert article.text.startswith("Harbour reopens\n\nThe harbour reopened on Monday")
    assert "/rss-0.91.dtd" not in server.paths()


def test_summary_repeating_the_content_is_not_doubled(tmp_path: Path) -> None:
    body = "The council agreed the summer timetable on Tuesday, with crossings every ninety minutes. " * 8
    feed = (
        "<rss version='2.0' xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel><title>T</title>"
        f"<item><title>Timetable</title><description>{body[:120]} [&#8230;]</description>"
        f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded></item></channel></rss>"
    ).encode()
    [article] = read(tmp_path / "feed.rss", feed)
    assert article.text == f"Timetable\n\n{body.strip()}"
