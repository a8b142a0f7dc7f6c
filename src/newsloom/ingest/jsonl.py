"""JSON (.json: one object, a list, or {"articles": [...]}) and JSON Lines (.jsonl) -> articles.

Records from scrapers and news APIs name their fields in many ways; each field below lists the
names we accept, first match wins. A record's `text` is plain text (kept as written, the title
put on line 1 when the body does not start with it); an `html` field is extracted like a page.

>>> from newsloom.settings import Settings
>>> lines = b'{"url": "https://harbour.example/1", "headline": "Ferries resume", "body": "Crossings restart."}\\n{oops\\n'
>>> [getattr(item, "text", None) or item.reason for item in read_jsonl(lines, "feed.jsonl", Settings())]
['Ferries resume\\n\\nCrossings restart.', 'invalid JSON on line 2: Expecting property name enclosed in double quotes']
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..errors import InputError
from ..models import Article
from ..settings import Settings
from .detect import HTML_FRAGMENT, HTML_START, decode_text
from .html import extract_page, fragment_paragraphs
from .records import iso_date, make_article, one_line, page_text

URL_FIELDS = ("url", "link", "canonical_url", "uri")
TITLE_FIELDS = ("title", "headline")
TEXT_FIELDS = ("text", "body", "content", "article", "maintext", "article_text", "description")
HTML_FIELDS = ("html", "content_html", "body_html", "raw_html")
DATE_FIELDS = ("published", "date", "published_at", "publishedAt", "date_published", "datePublished", "pubDate")
OUTLET_FIELDS = ("outlet", "source", "site_name", "sitename", "publisher", "source_domain")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator")
WRAPPER_FIELDS = ("articles", "items", "records", "data", "results")  # {"articles": [...]} as news APIs return


def read_json(data: bytes, source: str, settings: Settings) -> Iterator[Article | InputError]:
    """One article for an object, `f"{source}#{k}"` for the k-th record of a list.

    Raises InputError when the file is not valid JSON (JSON cannot be resumed past an error).
    """
    decoded = decode_text(data, source)
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as error:
        raise InputError(source, f"invalid JSON at line {error.lineno} column {error.colno}: {error.msg}") from None
    except RecursionError:
        raise InputError(source, "invalid JSON: nested too deeply") from None
    records, raws = value, None
    if isinstance(value, dict) and not has_any(value, TEXT_FIELDS + HTML_FIELDS):
        wrapped = next((value[key] for key in WRAPPER_FIELDS if isinstance(value.get(key), list)), None)
        if wrapped is not None:
            records = wrapped
            raws = [json.dumps(record, ensure_ascii=False).encode("utf-8") for record in wrapped]
    if isinstance(records, dict):
        yield record_article(records, data, source, settings, "application/json", decoded.encoding)
        return
    if not isinstance(records, list):
        raise InputError(source, f"JSON holds a {json_type(records)}, not an object or a list of records")
    if not records:
        raise InputError(source, "JSON list is empty: no records")
    if raws is None:
        raws = [text.encode("utf-8") for text in element_texts(decoded.text)]
    for k, (record, raw) in enumerate(zip(records, raws, strict=True), start=1):
        try:
            yield record_article(record, raw, f"{source}#{k}", settings, "application/json", decoded.encoding)
        except InputError as error:
            yield error


def read_jsonl(data: bytes, source: str, settings: Settings) -> Iterator[Article | InputError]:
    """One article per line, `f"{source}#{k}"` with k the line number; a bad line does not stop the rest."""
    decoded = decode_text(data, source)
    found = False
    for k, line in enumerate(decoded.text.split("\n"), start=1):
        if not line.strip():
            continue
        found = True
        line_source = f"{source}#{k}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield InputError(line_source, f"invalid JSON on line {k}: {error.msg}")
            continue
        except RecursionError:
            yield InputError(line_source, f"invalid JSON on line {k}: nested too deeply")
            continue
        try:
            yield record_article(record, line.encode("utf-8"), line_source, settings, "application/x-ndjson", decoded.encoding)
        except InputError as error:
            yield error
    if not found:
        raise InputError(source, "no JSON records (only blank lines)")


def record_article(record: Any, raw: bytes, source: str, settings: Settings, media_type: str, encoding: str) -> Article:
    """An article from one record; raises InputError when it is not an object or has no text."""
    if not isinstance(record, dict):
        raise InputError(source, f"record is a JSON {json_type(record)}, not an object")
    url = field_text(record, URL_FIELDS)
    title = one_line(field_text(record, TITLE_FIELDS))
    metadata = {
        "url": url,
        "title": title,
        "outlet": one_line(field_text(record, OUTLET_FIELDS)),
        "author": one_line(field_text(record, AUTHOR_FIELDS)),
        "published": iso_date(first_value(record, DATE_FIELDS)),
    }
    body = field_text(record, TEXT_FIELDS, multiline=True)
    html = field_text(record, HTML_FIELDS, multiline=True)
    if body and looks_like_html(body) and not html:
        body, html = None, body
    if body:
        starts_with_title = title and body.lstrip().startswith(title)
        text = body if not title or starts_with_title else f"{title}\n\n{body}"
    elif html and HTML_START.search(html[:4096]):
        page = extract_page(html, source, url)
        for key in ("title", "outlet", "author", "published", "url"):
            metadata[key] = metadata[key] or getattr(page, key)
        text = page_text(metadata["title"], page.paragraphs)
    elif html:
        text = page_text(title, fragment_paragraphs(html))
    else:
        names = ", ".join(TEXT_FIELDS[:3] + HTML_FIELDS[:1])
        raise InputError(source, f"record has no text (none of the fields {names}, ...)")
    return make_article(text, source, settings, raw=raw, media_type=media_type, encoding=encoding, **metadata)


def looks_like_html(text: str) -> bool:
    start = text.lstrip()
    return bool(HTML_START.match(start) or HTML_FRAGMENT.match(start))


def has_any(record: dict[str, Any], names: tuple[str, ...]) -> bool:
    return any(record.get(name) for name in names)


def first_value(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    return next((record[name] for name in names if record.get(name) not in (None, "", [], {})), None)


def field_text(record: dict[str, Any], names: tuple[str, ...], multiline: bool = False) -> str | None:
    """The first named field as text: {"name": ...} objects and lists of names are flattened."""
    value = first_value(record, names)
    text = flatten(value)
    return text if multiline else one_line(text)


def flatten(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        return flatten(value.get("name") or value.get("title") or value.get("text"))
    if isinstance(value, list):
        parts = [part for part in (flatten(item) for item in value) if part]
        return ", ".join(parts) or None
    return str(value)


def json_type(value: Any) -> str:
    names = {dict: "object", list: "list", str: "string", bool: "boolean", int: "number", float: "number"}
    return names.get(type(value), "null")


def element_texts(text: str) -> list[str]:
    """The verbatim JSON text of each element of the top-level list in `text` (already validated)."""
    decoder = json.JSONDecoder()
    index = skip_space(text, text.index("[") + 1)
    elements = []
    while text[index] != "]":
        _, end = decoder.raw_decode(text, index)
        elements.append(text[index:end])
        index = skip_space(text, end)
        if text[index] == ",":
            index = skip_space(text, index + 1)
    return elements


def skip_space(text: str, index: int) -> int:
    while text[index] in " \t\r\n":
        index += 1
    return index
