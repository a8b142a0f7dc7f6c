"""What an input is (binary or text, which format) and how to decode it.

Sniffing looks at bytes, not names, first: a PNG renamed `story.txt` is still a PNG. Decoding tries,
in order, what the bytes say about themselves (a BOM, a UTF-16 byte pattern), what the sender
declared (an HTTP or <meta> charset), strict UTF-8, and then charset-normalizer's detection; the
encoding actually used is recorded so a reader can tell a guess from a fact.

>>> decode_text("Привет, мир! Городской совет утвердил бюджет.".encode("cp1251"), "a.txt").encoding
'cp1251 (detected)'
>>> clean_text("one\\r\\ntwo\\x00\\x07 three")
'one\\ntwo three'
"""

from __future__ import annotations

import codecs
import re
import zlib
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from charset_normalizer import from_bytes

from ..errors import InputError

Kind = Literal["text", "html", "feed", "warc", "json", "jsonl"]

SNIFF_BYTES = 64 * 1024  # the control-byte share is measured on this prefix; 64 KB is a few pages of text
BINARY_CONTROL_SHARE = 0.05  # text with stray NULs has a few per thousand bytes; random or executable data ~10%
UTF16_HIGH_BYTE_SHARE = 0.9  # UTF-16 text in one script repeats one high byte (0x00 Latin, 0x04 Cyrillic) plus 0x00
PRINTABLE_SHARE = 0.95  # a real UTF-16 decoding is almost all printable; binary decodes to control characters
DETECTION_CHAOS_TIE = 0.01  # charset-normalizer "mess" scores this close mean both decodings read cleanly
DETECTION_COHERENCE_TIE = 0.05  # language-coherence gaps this small are noise on a paragraph of text (measured: 0.04)
# The single-byte encodings news sites use, commonest first (W3Techs-style ranking): ties go to the earliest.
PREFERRED_CODECS = tuple(
    codecs.lookup(name).name
    for name in (
        "utf-8", "cp1252", "cp1251", "cp1250", "iso8859-2", "cp1253", "cp1254", "cp1257", "koi8-r",
        "cp1255", "cp1256", "iso8859-15", "shift_jis", "euc_jp", "gb18030", "big5", "euc_kr", "iso8859-5", "cp866",
    )
)  # fmt: skip

# (prefix, offset, what it is): the magic numbers of formats people drop into a news folder by mistake.
MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "PNG image"),
    (b"\xff\xd8\xff", 0, "JPEG image"),
    (b"GIF87a", 0, "GIF image"),
    (b"GIF89a", 0, "GIF image"),
    (b"WEBP", 8, "WebP image"),
    (b"II*\x00", 0, "TIFF image"),
    (b"MM\x00*", 0, "TIFF image"),
    (b"%PDF-", 0, "PDF document"),
    (b"PK\x03\x04", 0, "ZIP archive"),
    (b"PK\x05\x06", 0, "ZIP archive"),
    (b"PK\x07\x08", 0, "ZIP archive"),
    (b"BZh", 0, "bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", 0, "Zstandard archive"),
    (b"Rar!\x1a\x07", 0, "RAR archive"),
    (b"ustar", 257, "tar archive"),
    (b"\x7fELF", 0, "ELF executable"),
    (b"\xcf\xfa\xed\xfe", 0, "Mach-O executable"),
    (b"\xca\xfe\xba\xbe", 0, "Mach-O or Java class file"),
    (b"\x00asm", 0, "WebAssembly module"),
    (b"SQLite format 3\x00", 0, "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "Microsoft Office document"),
    (b"ID3", 0, "MP3 audio"),
    (b"OggS", 0, "Ogg media"),
    (b"fLaC", 0, "FLAC audio"),
    (b"ftyp", 4, "MP4 or QuickTime media"),
    (b"\x1a\x45\xdf\xa3", 0, "Matroska or WebM media"),
    (b"wOFF", 0, "web font"),
    (b"wOF2", 0, "web font"),
)
GZIP_MAGIC = b"\x1f\x8b"
WARC_MAGIC = b"WARC/"

BOMS: tuple[tuple[bytes, str], ...] = (  # UTF-32 first: its LE BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG: browsers read these labels as windows-1252, and so do the pages that declare them.
WINDOWS_1252_LABELS = frozenset({"ascii", "iso8859-1", "latin-1"})
FRIENDLY_NAMES = {"iso8859-1": "latin-1"}

EXTENSIONS: dict[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed", ".rdf": "feed",
    ".warc": "warc", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
}  # fmt: skip
MEDIA_TYPES: dict[str, Kind] = {
    "text/html": "html", "application/xhtml+xml": "html",
    "application/rss+xml": "feed", "application/atom+xml": "feed", "application/rdf+xml": "feed",
    "application/xml": "feed", "text/xml": "feed",
    "application/warc": "warc", "application/json": "json",
    "application/x-ndjson": "jsonl", "application/jsonl": "jsonl", "application/json-lines": "jsonl",
    "text/markdown": "text",
}  # fmt: skip
FEED_ROOT = re.compile(r"<(?:[\w-]+:)?(?:rss|feed|RDF)[\s>]")
HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", re.IGNORECASE)
HTML_FRAGMENT = re.compile(r"<(?:p|div|article|section|main|h[1-6]|table|span|a|meta|title)[\s>]", re.IGNORECASE)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
CHARSET_PARAMETER = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
NEWLINES = re.compile("\r\n?|[\v\f\x85\u2028\u2029]")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROL_BYTES = frozenset(range(0x00, 0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}


@dataclass(frozen=True)
class Decoded:
    """Text decoded from bytes, and the encoding used: `utf-8`, `cp1251 (detected)`, `utf-16-le (BOM)`."""

    text: str
    encoding: str


def binary_kind(data: bytes) -> str | None:
    """Name the binary format `data` starts with, or None when it may be text.

    >>> binary_kind(b"%PDF-1.7 ...")
    'PDF document'
    """
    for prefix, offset, name in MAGIC:
        if data[offset : offset + len(prefix)] == prefix:
            return name
    if data[:2] == b"MZ" and b"PE\x00\x00" in data[:1024]:
        return "Windows executable"
    return None


def gunzip_prefix(data: bytes, size: int = 64) -> bytes:
    """The first `size` decompressed bytes of gzip `data` (never more: safe on a gzip bomb)."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, size)
    except zlib.error:
        return b""


def media_type_parts(media_type: str | None) -> tuple[str | None, str | None]:
    """Split `text/html; charset=cp1251` into ('text/html', 'cp1251')."""
    if not media_type:
        return None, None
    essence = media_type.split(";", 1)[0].strip().lower() or None
    match = CHARSET_PARAMETER.search(media_type)
    return essence, match[1] if match else None


def detect_kind(data: bytes, source: str, media_type: str | None = None) -> Kind:
    """Which reader `data` needs. Raises InputError for empty and binary inputs.

    Magic bytes win over everything, then the sender's media type, then the file extension,
    then a look at the first characters.

    >>> detect_kind(b"<rss version='2.0'><channel></channel></rss>", "news")
    'feed'
    """
    if not data:
        raise InputError(source, "empty file")
    if data.startswith(GZIP_MAGIC):
        if gunzip_prefix(data).startswith(WARC_MAGIC):
            return "warc"
        raise InputError(source, "binary file (gzip archive that is not a WARC), not text")
    if data.startswith(WARC_MAGIC):
        return "warc"
    if name := binary_kind(data):
        raise InputError(source, f"binary file ({name}), not text")
    essence, _ = media_type_parts(media_type)
    if essence in MEDIA_TYPES:
        return MEDIA_TYPES[essence]
    lowered = source.lower()
    if "://" in lowered:  # a URL: its path decides, not the query or fragment
        lowered = lowered.split("?", 1)[0].split("#", 1)[0]
    for extension, kind in EXTENSIONS.items():
        if lowered.endswith(extension):
            return kind
    if lowered.endswith(".warc.gz"):
        return "warc"
    return sniff_text_kind(peek_text(data))


def peek_text(data: bytes) -> str:
    """The first characters of `data`, good enough to look for markup (not for keeping)."""
    head = data[:4096]
    for bom, codec in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="replace")
    if codec := utf16_without_bom(head):
        return head[: len(head) // 2 * 2].decode(codec, errors="replace")
    return head.decode("latin-1")


def sniff_text_kind(head: str) -> Kind:
    """Markup or JSON by its first characters; anything else is plain text."""
    start = head.lstrip()
    if start.startswith("<?xml"):
        return "html" if HTML_START.search(start[:1024]) and not FEED_ROOT.search(start[:1024]) else "feed"
    if FEED_ROOT.match(start):
        return "feed"
    if HTML_START.match(start) or HTML_FRAGMENT.match(start):
        return "html"
    if start.startswith("<!--") and HTML_START.search(start):
        return "html"
    if start.startswith("["):
        return "json"
    if start.startswith("{"):
        first_line = start.split("\n", 1)[0].rstrip()
        return "jsonl" if first_line.endswith("}") and "\n{" in start else "json"
    return "text"


def declared_charset(data: bytes, media_type: str | None = None) -> str | None:
    """The charset the sender declared: HTTP `charset=` first, then <meta charset> or <?xml encoding?>."""
    _, charset = media_type_parts(media_type)
    if charset:
        return charset
    head = data[:4096]
    match = XML_ENCODING.match(head) or META_CHARSET.search(head)
    return match[1].decode("ascii") if match else None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when `data` has UTF-16's byte pattern, else None.

    Text in one script written as UTF-16 repeats one high byte (0x00 for Latin, 0x04 for
    Cyrillic) in every other position, with 0x00 for spaces and digits.
    """
    even = len(data) // 2 * 2
    if even < 8:
        return None
    for codec, high_bytes in (("utf-16-le", data[1:even:2]), ("utf-16-be", data[0:even:2])):
        counts = Counter(high_bytes)
        top, top_count = counts.most_common(1)[0]
        share = (top_count + (counts[0] if top else 0)) / len(high_bytes)
        if share < UTF16_HIGH_BYTE_SHARE:
            continue
        try:
            text = data[:even].decode(codec)
        except UnicodeDecodeError:
            continue
        if printable_share(text) >= PRINTABLE_SHARE:
            return codec
    return None


def printable_share(text: str) -> float:
    if not text:
        return 0.0
    return sum(char.isprintable() or char in "\n\r\t" for char in text) / len(text)


def decode_text(data: bytes, source: str, declared: str | None = None) -> Decoded:
    """Decode `data`, saying which encoding was used. Raises InputError when it is not text.

    >>> decode_text(b"caf\\xc3\\xa9", "a.txt")
    Decoded(text='café', encoding='utf-8')
    """
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(codec), f"{codec} (BOM)")
            except UnicodeDecodeError as error:
                raise InputError(source, f"not valid {codec} after its byte order mark ({error.reason})") from None
    if codec := utf16_without_bom(data[:SNIFF_BYTES]):
        text = data[: len(data) // 2 * 2].decode(codec, errors="replace")
        return Decoded(text, f"{codec} (detected)")
    sample = data[:SNIFF_BYTES]
    controls = sum(byte in CONTROL_BYTES for byte in sample)
    if controls / len(sample) > BINARY_CONTROL_SHARE:
        raise InputError(source, f"binary file ({controls} control bytes in the first {len(sample)}), not text")
    if declared and (codec := codec_name(declared)):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            pass  # a wrong declaration is common; the bytes decide below
        else:
            return Decoded(text, "utf-8" if codec == "utf-8" else f"{friendly(codec)} (declared)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    codec = detect_codec(data)
    if codec is None:
        raise InputError(source, "binary file (no text encoding fits), not text")
    return Decoded(data.decode(codec, errors="replace"), f"{friendly(codec)} (detected)")


def codec_name(label: str) -> str | None:
    """Python's codec name for a charset label, with the WHATWG windows-1252 rule; None if unknown."""
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "cp1252" if name in WINDOWS_1252_LABELS else name


def friendly(codec: str) -> str:
    return FRIENDLY_NAMES.get(codec, codec)


def detect_codec(data: bytes) -> str | None:
    """charset-normalizer's guess; among guesses it scores (nearly) equal, the commonest on the web.

    On a sentence or two of French or German, cp1250, cp1252 and old DOS code pages decode
    without chaos and get coherence scores that differ by noise (cp775 even wins on German),
    so ties go to the encoding news sites actually use (PREFERRED_CODECS order). Known cost:
    a short Czech or Polish text in cp1250 with no declaration ties with cp1252 and is read as
    cp1252. Bytes with nothing in 0x80-0x9F decode identically as latin-1, which is named then.
    """
    results = from_bytes(data)
    best = results.best()
    if best is None:
        return None
    ties = [
        match
        for match in results
        if match.chaos <= best.chaos + DETECTION_CHAOS_TIE and match.coherence >= best.coherence - DETECTION_COHERENCE_TIE
    ]
    ranked = sorted(
        (PREFERRED_CODECS.index(codec), codec)
        for match in ties
        for codec in {codecs.lookup(name).name for name in match.could_be_from_charset}
        if codec in PREFERRED_CODECS
    )
    codec = ranked[0][1] if ranked else codecs.lookup(best.encoding).name
    if codec == "cp1252" and not any(0x80 <= byte <= 0x9F for byte in data):
        return "iso8859-1"
    return codec


def clean_text(text: str) -> str:
    """Newlines to \\n, control characters (C0, C1, DEL) dropped except \\n and \\t; all else kept.

    Right-to-left marks, no-break spaces and other format characters are content and stay.
    After this, `text.split("\\n")` and `text.splitlines()` agree on the lines.

    >>> clean_text("a\\u200fb\\u00a0c\\x85d")
    'a\\u200fb\\xa0c\\nd'
    """
    return CONTROLS.sub("", NEWLINES.sub("\n", text))
