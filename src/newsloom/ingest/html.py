"""HTML pages and fragments -> article text and metadata.

Pages go through trafilatura (main text, no comments, short tables kept) and its metadata
(title, author, site name, date), with htmldate when trafilatura finds no date, og:site_name
first for the outlet, and the page's dek (standfirst) put back when trafilatura left it out. Fragments (feed entries, JSON `html` fields) are too small
for trafilatura's page heuristics, so `fragment_paragraphs` walks their blocks directly.
Neither ever returns script, style or attribute text: only the text nodes a reader would see.

>>> fragment_paragraphs("<p>Ferries resume.</p><script>alert(1)</script><p>Tickets <b>refunded</b>.</p>")
['Ferries resume.', 'Tickets refunded.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import htmldate
import lxml.etree
import lxml.html
import trafilatura

from ..errors import InputError
from ..models import Article
from ..settings import Settings
from .detect import declared_charset, decode_text, media_type_parts
from .records import iso_date, make_article, one_line, page_text

MAX_TABLE_ROWS = 12  # a table inside a story (a vote count, a tally by region) fits in a dozen rows; longer is a data dump
LONG_TABLES = f"//table[count(.//tr) > {MAX_TABLE_ROWS}]"
# Measured (tests/ingest/test_ingest_html.py::test_extraction_settings): on the 6 HTML pages of examples/corpus
# (205 visible blocks) default, precision and recall keep the same 70; on tests/ingest/ingest_pages.py precision
# alone drops a "Read also:" link line, and no mode loses an article paragraph. Furniture lines become false
# claims downstream, so precision it is.
FAVOR_PRECISION = True
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")  # lxml refuses str input that still declares an encoding

# trafilatura's output tree (TEI-like): <p>, <head>, <list><item>, <quote>, <table><row><cell>, <lb/> for <br>
EXTRACTED_BLOCKS = frozenset({"p", "head", "list", "item", "quote", "table", "row", "lb", "code", "div", "body"})
EXTRACTED_CELLS = frozenset({"cell"})
HTML_CELLS = frozenset({"td", "th"})
HTML_BLOCKS = frozenset({
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "thead", "tbody", "tr", "section", "article", "header", "footer", "figure", "figcaption",
    "address", "hr", "br", "main", "aside", "nav", "details", "summary",
})  # fmt: skip
DEK_CLASSES = (
    "standfirst", "article-standfirst", "article__standfirst", "subheadline", "sub-headline",
    "dek", "deck", "article-dek", "article__dek",
)  # fmt: skip
DEK_XPATH = lxml.etree.XPath(
    "//*[self::p or self::div or self::h2 or self::span][{}]".format(
        " or ".join(f'contains(concat(" ", normalize-space(@class), " "), " {name} ")' for name in DEK_CLASSES)
    )
)
FURNITURE_ANCESTOR = "ancestor::*[self::aside or self::nav or self::footer or contains(@class, 'related') or contains(@class, 'teaser')]"
DEK_CHARS = (15, 400)  # a dek is one sentence; shorter is a label, longer is body text already kept
HIDDEN_TAGS = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "head", "form", "button", "select", "textarea", "canvas", "audio", "video",
)  # fmt: skip


@dataclass(frozen=True)
class Page:
    """What trafilatura found in an HTML page: the paragraphs and the page's own metadata."""

    title: str | None
    paragraphs: tuple[str, ...]
    outlet: str | None
    author: str | None
    published: str | None
    url: str | None


def read_html(
    data: bytes, source: str, settings: Settings, media_type: str | None = None, url: str | None = None
) -> Article:
    """One article from an HTML page; raises InputError when it holds no article text."""
    _, charset = media_type_parts(media_type)
    decoded = decode_text(data, source, declared=charset or declared_charset(data))
    page = extract_page(decoded.text, source, url)
    return make_article(
        page_text(page.title, page.paragraphs),
        source,
        settings,
        raw=data,
        media_type="text/html",
        encoding=decoded.encoding,
        url=url or page.url,
        title=page.title,
        outlet=page.outlet,
        author=page.author,
        published=page.published,
    )


def extract_page(html: str, source: str, url: str | None = None) -> Page:
    """Main text and metadata of a page. Raises InputError when there is no article text.

    Library failures on hostile markup (deep nesting, broken encodings) become an InputError
    naming the page rather than a crash of the whole batch.
    """
    html = XML_DECLARATION.sub("", html, count=1)
    try:
        tree = trafilatura.load_html(html)
        if tree is None:
            raise InputError(source, "no article text found (not parseable as HTML)")
        document = trafilatura.bare_extraction(
            tree,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            include_formatting=False,
            favor_precision=FAVOR_PRECISION,
            prune_xpath=LONG_TABLES,
        )
        if document is None or document.body is None or not "".join(document.body.itertext()).strip():
            raise InputError(source, "no article text found")
        outlet = site_name(tree) or document.sitename
        dek = standfirst(tree)
        published = document.date or htmldate.find_date(tree, url=url, original_date=True)
    except (InputError, MemoryError):
        raise
    except Exception as error:  # trafilatura/lxml raise many types on hostile markup
        raise InputError(source, f"HTML could not be extracted ({type(error).__name__}: {error})") from None
    paragraphs = text_blocks(document.body, EXTRACTED_BLOCKS, EXTRACTED_CELLS)
    if dek and not any(dek in paragraph for paragraph in paragraphs):
        paragraphs.insert(1 if paragraphs and paragraphs[0] == one_line(document.title) else 0, dek)
    for caption, next_paragraph in figure_captions(tree):
        if not any(caption in paragraph for paragraph in paragraphs):
            at = next((i for i, paragraph in enumerate(paragraphs) if next_paragraph and next_paragraph in paragraph), None)
            paragraphs.insert(len(paragraphs) if at is None else at, caption)
    return Page(
        title=one_line(document.title),
        paragraphs=tuple(paragraphs),
        outlet=one_line(outlet),
        author=one_line(document.author),
        published=iso_date(published) or published,
        url=document.url or url,
    )


def standfirst(tree: lxml.html.HtmlElement) -> str | None:
    """The page's dek (standfirst), which trafilatura often leaves out with the page header.

    A dek carries the story's key claim ("41 people were rescued"), so it is worth keeping when
    the page marks it with one of the class names news CMSes use for it.

    >>> standfirst(lxml.html.fromstring('<div><h1>T</h1><p class="standfirst">Hay prices doubled.</p></div>'))
    'Hay prices doubled.'
    """
    for element in DEK_XPATH(tree):
        if not element.xpath(FURNITURE_ANCESTOR):
            text = one_line(element.text_content())
            return text if text and DEK_CHARS[0] <= len(text) <= DEK_CHARS[1] else None
    return None


def figure_captions(tree: lxml.html.HtmlElement) -> list[tuple[str, str | None]]:
    """(caption, the paragraph after its figure) for each photo caption of the article's own figures.

    trafilatura drops figures; their captions carry the photographer and agency ("(Photo: Ana
    Reis/Harbour Ledger)") and often a date, and the cleaning stage labels them as captions, so
    they go back in where the figure stood. Captions of related-story teasers stay out.

    >>> figure_captions(lxml.html.fromstring('<div><figure><figcaption>Quay. (Photo: A. Reis)</figcaption></figure><p>Ferries stop.</p></div>'))
    [('Quay. (Photo: A. Reis)', 'Ferries stop.')]
    """
    found = []
    for element in tree.iter("figcaption"):
        if element.xpath(FURNITURE_ANCESTOR):
            continue
        visible = lxml.html.fromstring(lxml.html.tostring(element))  # a copy: the page tree stays whole
        for hidden in list(visible.iter(lxml.etree.Comment, *HIDDEN_TAGS)):
            hidden.drop_tree()
        caption = one_line(" ".join(text_blocks(visible, HTML_BLOCKS, HTML_CELLS)))
        if caption:
            after = element.xpath("following::p[1]")
            found.append((caption, one_line(after[0].text_content()) if after else None))
    return found


def site_name(tree: lxml.html.HtmlElement) -> str | None:
    """The page's og:site_name, the name the outlet gives itself."""
    values = tree.xpath('//meta[@property="og:site_name" or @name="og:site_name"]/@content')
    return one_line(values[0]) if values else None


def fragment_paragraphs(fragment: str) -> list[str]:
    """The visible text of an HTML fragment, one paragraph per block element.

    >>> fragment_paragraphs("Line one<br>Line two <a href='javascript:alert(1)'>more</a>")
    ['Line one', 'Line two more']
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return []
    for element in list(root.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction, *HIDDEN_TAGS)):
        element.drop_tree()
    return text_blocks(root, HTML_BLOCKS, HTML_CELLS)


def text_blocks(root: lxml.etree._Element, block_tags: frozenset[str], cell_tags: frozenset[str]) -> list[str]:
    """The text of `root` as paragraphs: one per block element or line break, whitespace collapsed.

    Source newlines inside a paragraph are just spaces (as a browser shows them); table cells
    are joined with " | " so each row reads as one line.
    """
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            paragraphs.append(text)
        current.clear()

    # iterwalk is iterative in C, so a tree nested thousands deep cannot exhaust Python's stack
    for event, element in lxml.etree.iterwalk(root, events=("start", "end")):
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in block_tags:
                flush()
            elif tag in cell_tags and "".join(current).strip():
                current.append(" | ")
            current.append(element.text or "")
        else:
            if tag in block_tags:
                flush()
            if element is not root:
                current.append(element.tail or "")
    flush()
    return paragraphs
