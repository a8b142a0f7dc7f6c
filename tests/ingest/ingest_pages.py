"""Fictional news pages for the ingest tests, with what a reader sees as the story and what is furniture.

Each page is (html, with, without): `with` lists snippets of article paragraphs that extraction
must keep, `without` lists page furniture and hostile content that must never reach the text
(trafilatura's evaldata.json format). People, outlets and places are invented.
"""

from __future__ import annotations

BRIDGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour bridge reopens after storm repairs | The Meridian Courier</title>
<meta property="og:site_name" content="The Meridian Courier">
<meta property="og:title" content="Harbour bridge reopens after storm repairs">
<meta name="author" content="Talia Voss">
<meta property="article:published_time" content="2024-03-14T08:30:00Z">
<script>document.write("SCRIPT-PAYLOAD-TEXT")</script>
<style>body { color: #222 }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<header><p>Subscribe to our newsletter for daily updates!</p></header>
<article>
<h1>Harbour bridge reopens after storm repairs</h1>
<p class="byline">By Talia Voss</p>
<p>The Calder Street bridge in Port Alder reopened to traffic on Thursday, six weeks after a winter storm tore
away part of its eastern span, city officials said.</p>
<p>"We are grateful for the patience of every commuter," said Mayor Ines Kaltenbach at a ribbon-cutting ceremony
attended by about 200 residents. <a href="javascript:alert('JS-LINK-PAYLOAD')">Watch the ceremony</a></p>
<img src="bridge.png" alt="" onerror="alert('ONERROR-PAYLOAD')">
<h2>Costs rose by a third</h2>
<p>The repairs cost 4.2 million crowns, a third more than the council first estimated, according to figures
released by the transport department on Wednesday.</p>
<table><tr><th>Item</th><th>Cost</th></tr><tr><td>Steel</td><td>2.1m</td></tr><tr><td>Labour</td><td>1.6m</td></tr></table>
<p>Engineers will inspect the span again in September, the department said.</p>
</article>
<aside><p>Most read: Ten recipes for a rainy weekend</p></aside>
<div class="comments"><p>Great news, finally! Posted by reader123</p></div>
<footer><p>Copyright 2024 The Meridian Courier. All rights reserved.</p></footer>
</body></html>
"""
BRIDGE_WITH = [
    "The Calder Street bridge in Port Alder reopened to traffic on Thursday",
    "said Mayor Ines Kaltenbach at a ribbon-cutting ceremony",
    "Costs rose by a third",
    "The repairs cost 4.2 million crowns",
    "Steel | 2.1m",
    "Engineers will inspect the span again in September",
]
BRIDGE_WITHOUT = [
    "SCRIPT-PAYLOAD-TEXT", "JS-LINK-PAYLOAD", "ONERROR-PAYLOAD", "javascript:", "color: #222",
    "Subscribe to our newsletter", "Ten recipes", "reader123", "All rights reserved", "|---|",
]  # fmt: skip

BRIEF = """<html><head><meta charset="utf-8"><title>Lintel Island ferry crossings resume - Bayside Gazette</title>
<meta property="og:site_name" content="Bayside Gazette"></head>
<body><div id="top"><a href="/">Bayside Gazette</a> | <a href="/news">News</a> | <a href="/weather">Weather</a></div>
<div class="main">
<h1>Lintel Island ferry crossings resume</h1>
<div class="meta">Published 9 May 2024</div>
<div class="content">
<p>Ferries to Lintel Island run again from Friday.</p>
<p>The operator, Gullwing Lines, said the repaired pier passed its inspection on Wednesday.</p>
<p>Tickets for cancelled sailings will be refunded.</p>
</div></div>
<div class="sidebar"><h3>Latest</h3><ul><li><a href="/a">Council approves new bus routes</a></li>
<li><a href="/b">Lifeboat volunteers honoured</a></li><li><a href="/c">Rain expected all weekend</a></li></ul></div>
<div class="footer">Bayside Gazette, 12 Quay Road. Contact the newsroom.</div>
</body></html>
"""
BRIEF_WITH = [
    "Ferries to Lintel Island run again from Friday.",
    "passed its inspection on Wednesday",
    "Tickets for cancelled sailings will be refunded.",
]
BRIEF_WITHOUT = ["Council approves new bus routes", "Rain expected all weekend", "12 Quay Road"]

ROWS = "".join(f"<tr><td>Ward {n}</td><td>{1000 + n * 37}</td></tr>" for n in range(1, 31))
SECTIONS = f"""<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Valmora votes to keep its night trams | Northgate Tribune</title>
<meta property="og:site_name" content="Northgate Tribune">
<meta property="og:title" content="Valmora votes to keep its night trams">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle", "datePublished": "2024-02-20T18:00:00+01:00",
"author": {{"@type": "Person", "name": "Oskar Brandt"}}}}</script>
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/city">City</a></li><li><a href="/jobs">Jobs</a></li></ul></nav></header>
<main><article>
<h1>Valmora votes to keep its night trams</h1>
<p class="standfirst">Residents backed the service by a wide margin in Sunday's referendum.</p>
<div class="story-body">
<p>Voters in Valmora chose to keep the city's night tram service in a referendum on Sunday, with 61.4% in favour,
the electoral office said on Monday.</p>
<p>Turnout was 48%, higher than at the last two local referendums.</p>
<h2>What happens next</h2>
<p>The transport board must now find 3 million crowns a year to run the trams between midnight and 5 a.m.,
its chair, Lotte Hallberg, told the Northgate Tribune.</p>
<ul><li>Night trams run on four lines.</li><li>About 2,300 people use them each night.</li></ul>
<p>"The city has spoken, and we will find the money," Hallberg said.</p>
<table><tr><th>Option</th><th>Votes</th></tr><tr><td>Keep</td><td>38,112</td></tr><tr><td>Stop</td><td>24,020</td></tr></table>
<p>Results by ward:</p>
<table>{ROWS}</table>
<p>Opponents, led by councillor Janne Ruud, had argued the money was better spent on daytime buses.</p>
</div>
<div class="share">Share this article: Facebook Twitter Email</div>
</article></main>
<section class="related"><h3>Related</h3><p><a href="/x">Tram fares to rise in April</a></p></section>
<footer><p>Northgate Tribune is published by Northgate Media.</p></footer>
</body></html>
"""
SECTIONS_WITH = [
    "Voters in Valmora chose to keep the city's night tram service",
    "Turnout was 48%",
    "What happens next",
    "The transport board must now find 3 million crowns",
    "Night trams run on four lines.",
    "About 2,300 people use them each night.",
    "The city has spoken, and we will find the money",
    "Keep | 38,112",
    "Opponents, led by councillor Janne Ruud",
]
SECTIONS_WITHOUT = ["Ward 17", "Tram fares to rise in April", "published by Northgate Media", "Jobs"]

NESTING = "<div>" * 400
HOSTILE = f"""<html><head><meta charset="utf-8"><title>Orchard festival draws record crowd</title>
<meta property="og:site_name" content="Valley Echo">
<script>var secret = "SCRIPT-PAYLOAD-TEXT";</script>
<style>p {{ content: "STYLE-PAYLOAD-TEXT" }}</style></head>
<body onload="alert('ONLOAD-PAYLOAD')">
<iframe src="javascript:alert('IFRAME-PAYLOAD')"></iframe>
<article><h1>Orchard festival draws record crowd</h1>
<p>About 12,000 people visited the Brenna Valley orchard festival over the weekend, the organisers said,
the largest crowd in its 40-year history.</p>
<p><img src="x" onerror="alert('ONERROR-PAYLOAD')">The festival's apple-pressing contest was won by
Hedda Lund, a retired teacher from Osterby. <a href="javascript:void(document.cookie='JS-LINK-PAYLOAD')">Photos</a></p>
<p onmouseover="alert('MOUSEOVER-PAYLOAD')">Organisers said next year's festival will run for three days.</p>
<noscript>NOSCRIPT-PAYLOAD-TEXT</noscript>
<!-- COMMENT-PAYLOAD-TEXT -->
</article>
{NESTING}<p>Deeply nested furniture.</p>
</body></html>
"""
HOSTILE_WITH = [
    "About 12,000 people visited the Brenna Valley orchard festival",
    "won by Hedda Lund",
    "next year's festival will run for three days",
]
HOSTILE_WITHOUT = [
    "SCRIPT-PAYLOAD-TEXT", "STYLE-PAYLOAD-TEXT", "ONLOAD-PAYLOAD", "IFRAME-PAYLOAD", "ONERROR-PAYLOAD",
    "JS-LINK-PAYLOAD", "MOUSEOVER-PAYLOAD", "NOSCRIPT-PAYLOAD-TEXT", "COMMENT-PAYLOAD-TEXT", "javascript:",
]  # fmt: skip

PAGES = {
    "bridge": (BRIDGE, BRIDGE_WITH, BRIDGE_WITHOUT),
    "brief": (BRIEF, BRIEF_WITH, BRIEF_WITHOUT),
    "sections": (SECTIONS, SECTIONS_WITH, SECTIONS_WITHOUT),
    "hostile": (HOSTILE, HOSTILE_WITH, HOSTILE_WITHOUT),
}

LINKED_PAGE = """<html><head><meta charset="utf-8"><title>Pier inspection passed | Bayside Gazette</title>
<meta property="og:site_name" content="Bayside Gazette"><meta name="author" content="Rui Almqvist"></head>
<body><article><h1>Pier inspection passed</h1>
<p>The rebuilt pier at Lintel Island passed its final safety inspection on Wednesday, clearing the way for
ferries to return after a four-month closure, the island council said.</p>
<p>Inspectors from the maritime authority tested the new mooring posts and the passenger ramp, council
spokesperson Mira Selvik said, and found no faults.</p>
<p>Gullwing Lines will run six crossings a day from Friday, rising to ten in the summer season.</p>
</article></body></html>
"""

PORTAL = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Drought forces Kessel farmers to cull herds - Plainsview Post</title>
<meta property="og:site_name" content="Plainsview Post"></head>
<body><div class="wrap"><div class="row"><div class="col-md-12 topbar">
<a href="/">Plainsview Post</a> <a href="/region">Region</a> <a href="/farming">Farming</a> <a href="/login">Log in</a></div></div>
<div class="row"><div class="col-md-8">
<div class="crumbs"><a href="/">Home</a> &gt; <a href="/farming">Farming</a></div>
<h1 class="headline">Drought forces Kessel farmers to cull herds</h1>
<div class="dek">Hay prices have doubled since June as the dry spell enters its fourth month.</div>
<div class="byline">By Petra Lindqvist | 3 September 2024, 07:40</div>
<div class="figure"><img src="cows.jpg"><div class="caption">Cattle at a farm near Kessel on Monday. Photo: Petra Lindqvist</div></div>
<div class="text">
<div>Dairy farmers in the Kessel district have started selling or slaughtering part of their herds because they
can no longer afford feed, the regional farmers' union said on Tuesday.</div>
<div>The union's chair, Arvid Holm, said at least 40 farms had cut their herds by a quarter or more since July.</div>
<div class="inline-promo"><a href="/sub">Get unlimited access to the Plainsview Post for 1 crown</a></div>
<div>"We have never seen hay at these prices," Holm said. "Some families are selling cows their grandparents bred."</div>
<div>Read also: <a href="/farming/water-rules">New water rules for farms take effect</a></div>
<div>The <a href="/gov">regional government</a> said it would release <a href="/aid">12 million crowns</a> in
emergency aid next week, <a href="/press">according to a statement</a>.</div>
<div>Rain is not expected before the end of the month, the weather service said.</div>
</div>
<div class="tags">Tags: <a href="/t/drought">drought</a>, <a href="/t/dairy">dairy</a>, <a href="/t/kessel">Kessel</a></div>
<div class="bio">Petra Lindqvist reports on farming and rural affairs for the Plainsview Post.</div>
<div class="comments-count"><a href="#c">23 comments</a></div>
</div>
<div class="col-md-4 sidebar">
<div class="teaser"><h3><a href="/s1">School bus routes change next week</a></h3>
<p>The county will merge three routes in the north of the district from Monday, officials said.</p></div>
<div class="teaser"><h3><a href="/s2">Harvest festival cancelled</a></h3>
<p class="standfirst">Organisers blamed the drought and the cost of insurance for this year's cancellation.</p></div>
</div></div>
<div class="row footer"><div>Plainsview Post, Market Street 4, Kessel. Tips: newsroom@plainsview.example</div></div>
</div></body></html>
"""
PORTAL_WITH = [
    "Hay prices have doubled since June as the dry spell enters its fourth month.",
    "Dairy farmers in the Kessel district have started selling",
    "at least 40 farms had cut their herds",
    "We have never seen hay at these prices",
    "said it would release 12 million crowns in emergency aid next week",
    "Rain is not expected before the end of the month",
]
PORTAL_WITHOUT = [
    "Log in", "Get unlimited access", "Read also", "Tags:", "23 comments", "School bus routes change",
    "The county will merge three routes", "Harvest festival cancelled", "Organisers blamed", "Market Street 4",
]

LIVE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Storm Idris: what we know | Coastal Herald</title>
<meta property="og:site_name" content="Coastal Herald"></head><body>
<header><a href="/">Coastal Herald</a><form><input name="q"><button>Search</button></form></header>
<main><h1>Storm Idris: what we know</h1>
<section class="entries">
<div class="entry"><span class="time">09:10</span><p>Winds of up to 130 km/h hit the Skerry coast overnight,
the met office said, and 8,000 homes lost power.</p></div>
<div class="entry"><span class="time">09:45</span><p>All ferries to the outer islands are cancelled today.</p></div>
<div class="entry"><span class="time">10:20</span><p>The coastguard rescued two fishermen off Hollow Point after
their boat lost its engine, a spokesperson said.</p></div>
<div class="entry"><span class="time">11:05</span><p>Schools in three districts will stay closed on Thursday.</p></div>
</section></main>
<aside><h2>Weather</h2><p>Kessel 12°C, Skerry 9°C</p></aside>
<footer><p>© Coastal Herald 2024</p></footer></body></html>
"""
LIVE_WITH = [
    "Winds of up to 130 km/h hit the Skerry coast overnight",
    "All ferries to the outer islands are cancelled today.",
    "The coastguard rescued two fishermen off Hollow Point",
    "Schools in three districts will stay closed on Thursday.",
]
LIVE_WITHOUT = ["Search", "Kessel 12°C", "© Coastal Herald"]

PAGES["portal"] = (PORTAL, PORTAL_WITH, PORTAL_WITHOUT)
PAGES["live"] = (LIVE, LIVE_WITH, LIVE_WITHOUT)


def feed(base: str) -> bytes:
    """An RSS feed: one entry with its full content, one that only links to a page on this server."""
    paragraphs = "".join(
        f"<p>Paragraph {n}: the Lintel Island council met on Tuesday and agreed the ferry timetable for the summer"
        " season, with crossings every ninety minutes, the harbour master said.</p>"
        for n in range(1, 5)
    )
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Bayside Gazette</title><link>{base}/</link>
<item><title>Summer ferry timetable agreed</title><link>{base}/timetable.html</link>
<pubDate>Tue, 07 May 2024 18:30:00 +0200</pubDate><author>desk@bayside.example (Noor Haddad)</author>
<description>Crossings every ninety minutes.</description>
<content:encoded><![CDATA[{paragraphs}<script>alert('FEED-SCRIPT')</script>]]></content:encoded></item>
<item><title>Pier inspection passed</title><link>{base}/linked.html</link>
<pubDate>Wed, 08 May 2024 09:00:00 +0200</pubDate></item>
</channel></rss>""".encode()
