"""WARC and WARC.gz archives -> one article per HTML `response` record with status 200.

warcio reads the records; we add what it leaves to the caller. Decompression is ours, streamed
with a cap, so a gzip bomb stops at the cap instead of filling memory. A truncated archive is detected
(warcio silently returns a short last record, or stops early on a cut gzip member): the complete
records read before the break are kept, then one InputError says where it broke.

>>> import io
>>> from warcio.warcwriter import WARCWriter
>>> from warcio.statusandheaders import StatusAndHeaders
>>> from newsloom.settings import Settings
>>> buffer = io.BytesIO()
>>> page = b"<html><body><article><p>" + b"Ferries resume on Friday, the harbour office said. " * 4 + b"</p></article></body></html>"
>>> headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
>>> WARCWriter(buffer).write_record(WARCWriter(buffer).create_warc_record(
...     "https://harbour.example/ferries", "response", payload=io.BytesIO(page), http_headers=headers))
>>> [(article.source, article.url) for article in read_warc(buffer.getvalue(), "crawl.warc.gz", Settings())]
[('crawl.warc.gz#1', 'https://harbour.example/ferries')]
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord

from ..errors import InputError
from ..models import Article
from ..settings import Settings
from .detect import GZIP_MAGIC, WARC_MAGIC, media_type_parts, peek_text, sniff_text_kind
from .html import read_html
from .records import megabytes

MAX_GZIP_EXPANSION = 10  # news HTML gzips 4-8x: past 10x the input limit, a .gz is a bomb, not an archive
DRAIN_CHUNK = 64 * 1024  # records we skip are read through in chunks this size, never whole
INPUT_CHUNK = 64 * 1024  # compressed bytes fed to zlib at a time (and the least it may return)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


class DecompressionLimit(Exception):
    """The decompressed stream went past its cap."""


class GunzipStream(io.RawIOBase):
    """Multi-member gzip `data` decompressed on demand, stopping past `cap` bytes.

    Unlike gzip.GzipFile, a cut or damaged stream does not throw away what was decompressed
    before the break: the bytes up to it are served, then `truncated` is set and reading ends.
    """

    def __init__(self, data: bytes, cap: int) -> None:
        super().__init__()
        self.data = memoryview(data)
        self.position = 0  # how much of `data` the decompressors have been given
        self.cap = cap
        self.total = 0
        self.pending = b""
        self.decompressor = zlib.decompressobj(wbits=31)
        self.finished = False
        self.truncated = False
        self.exceeded = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        while not self.pending and not self.finished:
            self.decompress_more(len(buffer))
        count = min(len(buffer), len(self.pending))
        buffer[:count] = self.pending[:count]
        self.pending = self.pending[count:]
        return count

    def decompress_more(self, size: int) -> None:
        if self.decompressor.eof:  # one member ended: the next starts right after it
            self.position -= len(self.decompressor.unused_data)
            if not any(self.data[self.position :]):  # the end, or zero padding after the last member
                self.finished = True
                return
            self.decompressor = zlib.decompressobj(wbits=31)
        if self.decompressor.unconsumed_tail:
            chunk = self.decompressor.unconsumed_tail
        elif self.position < len(self.data):
            chunk = self.data[self.position : self.position + INPUT_CHUNK]
            self.position += len(chunk)
        else:
            self.truncated = self.finished = True  # the input ended inside a gzip member
            return
        try:
            output = self.decompressor.decompress(chunk, max(size, INPUT_CHUNK))
        except zlib.error:
            self.truncated = self.finished = True  # damaged bytes: what came before is still good
            return
        self.total += len(output)
        if self.total > self.cap:
            self.exceeded = True
            raise DecompressionLimit
        self.pending += output


def read_warc(data: bytes, source: str, settings: Settings) -> Iterator[Article | InputError]:
    """Articles from the archive's HTML responses; `f"{source}#{k}"` for its k-th response record.

    k counts `response` records only (warcinfo and request records are not pages), so a plain
    crawl of N pages is numbered 1..N.

    Raises InputError when the archive is cut or damaged (after yielding the records before
    the break), when it decompresses past its cap, or when it holds no HTML page at all.
    """
    compressed = data.startswith(GZIP_MAGIC)
    cap = settings.max_input_bytes * MAX_GZIP_EXPANSION
    stream = GunzipStream(data, cap) if compressed else io.BytesIO(data)
    complete = 0  # records read whole, of any type
    responses = 0  # complete `response` records: k in source#k counts these, as crawl tools list pages
    found = False
    truncated = False
    try:
        for record in ArchiveIterator(stream):
            payload, oversized = read_payload(record, settings) if is_html_page(record) else (None, False)
            while record.raw_stream.read(DRAIN_CHUNK):
                pass
            if getattr(record.raw_stream, "limit", 0) > 0 or getattr(stream, "truncated", False):
                truncated = True  # this record was cut short: it is not complete
                break
            complete += 1
            if record.rec_type == "response":
                responses += 1
            record_source = f"{source}#{responses}"
            if oversized:
                found = True
                limit = megabytes(settings.max_input_bytes)
                yield InputError(record_source, f"record payload over {limit} (settings.max_input_bytes)")
            elif payload is not None:
                found = True
                try:
                    yield read_html(payload, record_source, settings, media_type=http_type(record), url=target(record))
                except InputError as error:
                    yield error
    except DecompressionLimit:
        pass
    except Exception:  # warcio raises ArchiveLoadFailed, ValueError or AttributeError on cut headers
        if complete == 0 and not compressed and not data.startswith(WARC_MAGIC):
            raise InputError(source, "not a WARC file (no WARC/1.x record header)") from None
        truncated = True
    if getattr(stream, "exceeded", False):
        raise InputError(
            source,
            f"decompresses to more than {megabytes(cap)} ({MAX_GZIP_EXPANSION}x settings.max_input_bytes): "
            "refused as a likely gzip bomb",
        )
    if truncated or getattr(stream, "truncated", False) or complete == 0:
        raise InputError(source, f"truncated WARC after {complete} records")
    if not found:
        raise InputError(source, f"no HTML response with status 200 among its {complete} records")


def is_html_page(record: ArcWarcRecord) -> bool:
    """A `response` record with HTTP status 200 and an HTML payload."""
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    essence, _ = media_type_parts(http_type(record))
    return essence in HTML_TYPES if essence else True  # no type: sniffed once the payload is read


def read_payload(record: ArcWarcRecord, settings: Settings) -> tuple[bytes | None, bool]:
    """The decoded HTTP body (dechunked, un-gzipped), read with a cap: (payload, over the cap)."""
    payload = record.content_stream().read(settings.max_input_bytes + 1)
    if len(payload) > settings.max_input_bytes:
        return None, True
    if http_type(record) is None and sniff_text_kind(peek_text(payload)) != "html":
        return None, False
    return payload, False


def http_type(record: ArcWarcRecord) -> str | None:
    return record.http_headers.get_header("Content-Type") if record.http_headers else None


def target(record: ArcWarcRecord) -> str | None:
    return record.rec_headers.get_header("WARC-Target-URI")
