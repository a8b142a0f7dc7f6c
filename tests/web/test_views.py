"""Tables of real cases for the pure parts of the web page: annotated text, marks, links, names."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsloom.web import assets
from newsloom.web.article import article_lines, runs, valid_span
from newsloom.web.jobs import safe_name
from newsloom.web.server import is_loopback, startup_notes
from newsloom.web.views import claim_rows, map_points, snippet_parts, span_link

TEXT = "Ana Lima said 12 boats sank near Porto on Friday."


def document(**records: list) -> dict:
    return {"text": TEXT, "lines": [{"n": 1, "start": 0, "end": len(TEXT), "role": "body"}], **records}


@pytest.mark.parametrize(
    ("records", "target", "expected"),
    [
        ({}, None, [(TEXT, ())]),
        (
            {"entities": [{"canonical": "Ana Lima", "type": "PERSON", "mentions": [{"start": 0, "end": 8}]}]},
            None,
            [("Ana Lima", ("entity", "person")), (TEXT[8:], ())],
        ),
        (  # a figure inside reported speech: the overlap is cut, both kinds kept
            {"reported_speech": [{"speaker": "Ana Lima", "start": 14, "end": 38}], "figures": [{"text": "12 boats", "value": 12, "unit": "boats", "start": 14, "end": 22}]},
            None,
            [(TEXT[:14], ()), ("12 boats", ("speech", "figure")), (" sank near Porto", ("speech",)), (TEXT[38:], ())],
        ),
        (  # a place that is also an entity mention is drawn once, as a place
            {"places": [{"name": "Porto", "kind": "city", "country": "PT", "mentions": [{"start": 33, "end": 38}]}],
             "entities": [{"canonical": "Porto", "type": "GPE", "mentions": [{"start": 33, "end": 38}]}],
             "dates": [{"text": "Friday", "value": "2024-03-08", "precision": "day", "start": 42, "end": 48}]},
            None,
            [(TEXT[:33], ()), ("Porto", ("place",)), (" on ", ()), ("Friday", ("date",)), (".", ())],
        ),
        ({}, (14, 27), [(TEXT[:14], ()), ("12 boats sank", ()), (TEXT[27:], ())]),
    ],
)
def test_article_pieces(records: dict, target: tuple[int, int] | None, expected: list) -> None:
    (line,) = article_lines(document(**records), target)
    assert [(p.text, p.kinds) for p in line.pieces] == expected
    assert "".join(p.text for p in line.pieces) == TEXT


def test_target_span_is_one_marked_run_with_the_anchor() -> None:
    records = {"figures": [{"text": "12 boats", "value": 12, "start": 14, "end": 22}]}
    (line,) = article_lines(document(**records), (10, 27))
    marked = [r for r in runs(line) if r.target]
    assert len(marked) == 1 and marked[0].anchor
    assert "".join(p.text for p in marked[0].pieces) == TEXT[10:27]


def test_boilerplate_lines_keep_their_reason_and_are_not_annotated() -> None:
    text = "Boats sank.\nSubscribe to our newsletter for Porto news"
    doc = {"text": text, "lines": [{"n": 1, "start": 0, "end": 11, "role": "body"}, {"n": 2, "start": 12, "end": len(text), "role": "boilerplate", "reason": "newsletter prompt"}],
           "places": [{"name": "Porto", "kind": "city", "mentions": [{"start": 44, "end": 49}]}]}
    furniture = article_lines(doc)[1]
    assert (furniture.role, furniture.reason, [p.kinds for p in furniture.pieces]) == ("boilerplate", "newsletter prompt", [()])


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(0, 5, (0, 5)), (5, 5, None), (9, 3, None), (0, len(TEXT) + 1, None), (None, 4, None), (0, len(TEXT), (0, len(TEXT)))],
)
def test_valid_span(start: int | None, end: int | None, expected: tuple[int, int] | None) -> None:
    assert valid_span(document(), start, end) == expected


@pytest.mark.parametrize(
    ("status", "outlets", "expected"),
    [
        ("corroborated", ["Harbour Ledger", "Lumen Daily"], {"Harbour Ledger": "agree", "Lumen Daily": "agree"}),
        ("conflicting", ["Harbour Ledger", "Lumen Daily"], {"Harbour Ledger": "conflict", "Lumen Daily": "conflict"}),
        ("single_source", ["Coastline Today"], {"Coastline Today": "only"}),
        ("corroborated", [None, "Lumen Daily"], {"unknown outlet": "agree", "Lumen Daily": "agree"}),
    ],
)
def test_claim_matrix_marks(status: str, outlets: list[str | None], expected: dict[str, str]) -> None:
    support = [{"article": f"a{i}", "start": i, "end": i + 9, "outlet": o, "text": "Boats sank"} for i, o in enumerate(outlets)]
    (row,) = claim_rows({"claims": [{"text": "Boats sank", "status": status, "independent_sources": len(outlets), "support": support}]})
    assert {outlet: cell["mark"] for outlet, cell in row["cells"].items()} == expected
    assert row["link"] == "/articles/a0?start=0&end=9#claim-target"


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("the [dam] broke", [("the ", False), ("dam", True), (" broke", False)]),
        ("[two] [words]", [("two", True), (" ", False), ("words", True)]),
        ("an unclosed [bracket", [("an unclosed [bracket", False)]),
        ("", []),
    ],
)
def test_snippet_parts(snippet: str, expected: list[tuple[str, bool]]) -> None:
    assert snippet_parts(snippet) == expected


@pytest.mark.parametrize(
    ("article", "start", "end", "expected"),
    [("abc", 3, 9, "/articles/abc?start=3&end=9#claim-target"), ("abc", None, None, "/articles/abc")],
)
def test_span_link(article: str, start: int | None, end: int | None, expected: str) -> None:
    assert span_link(article, start, end) == expected


def test_fallback_map_keeps_every_place_inside_the_box() -> None:
    places = {"features": [{"geometry": {"coordinates": [lon, lat]}, "properties": {"name": n, "mentions": 2}} for n, lon, lat in
                           [("Porto", -8.61, 41.15), ("Tui", -8.64, 42.05), ("Lisbon", -9.14, 38.72)]]}
    drawn = map_points(places)
    assert [p["name"] for p in drawn["points"]] == ["Porto", "Tui", "Lisbon"]
    assert all(0 < p["x"] < drawn["width"] and 0 < p["y"] < drawn["height"] for p in drawn["points"])
    assert map_points({"features": []})["points"] == []


@pytest.mark.parametrize(
    ("filename", "expected"),
    [("../../etc/passwd", "passwd"), ("C:\\news\\a.html", "a.html"), ("", "upload"), ("..", "upload"), ("feed\x00.rss", "feed.rss"), ("a" * 300, "a" * 120)],
)
def test_safe_name(filename: str, expected: str) -> None:
    assert safe_name(filename) == expected


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.3.2.1", True), ("localhost", True), ("::1", True), ("[::1]", True),
     ("0.0.0.0", False), ("::", False), ("192.168.1.10", False), ("example.org", False)],
)
def test_loopback_hosts_and_the_warning(host: str, loopback: bool) -> None:
    assert is_loopback(host) == loopback
    warned = any("reachable from other machines" in note for note in startup_notes(host))
    assert warned == (not loopback)


def test_missing_assets_are_reported(tmp_path: Path) -> None:
    assert len(assets.missing(tmp_path)) == len(assets.FILES)
    (tmp_path / assets.STAMP).write_text('{"leaflet": "0.7.0"}')
    assert len(assets.missing(tmp_path)) == len(assets.FILES), "other versions count as missing"
    assert any("are not installed" in note for note in startup_notes("127.0.0.1", tmp_path))
    with pytest.raises(assets.AssetError, match="npm install failed"):
        assets.install(tmp_path, npm=str(tmp_path / "no-such-npm"), quiet=True)
