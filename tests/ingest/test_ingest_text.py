"""Plain text that is unusual but valid: other encodings, stray control bytes, right-to-left marks."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newsloom.ingest import read_sources
from newsloom.ingest.detect import clean_text, decode_text, detect_kind
from newsloom.models import Article, content_id
from newsloom.settings import Settings

CYRILLIC = (
    "Городской совет Приозерска в четверг утвердил бюджет на следующий год. "
    "Мэр города заявил, что расходы на ремонт дорог вырастут на треть.\n"
)
FRENCH = (
    "Le conseil municipal de Villeneuve-sur-Arve a approuvé jeudi un budget de 4,2 millions d'euros. "
    "« Nous sommes très fiers », a déclaré la maire Hélène Duprè.\n"
)
GERMAN = "Der Stadtrat von Grünwiesen hat am Donnerstag den Haushalt beschlossen, teilte die Bürgermeisterin mit.\n"
ENGLISH = "The harbour authority said on Tuesday that ferry services would resume next week after repairs.\n"
HEBREW = "\u200fמעבורות חוזרות לפעול ביום שישי\u200f, the harbour office said.\n"

DECODING = [
    ("cp1251", CYRILLIC.encode("cp1251"), CYRILLIC, "cp1251 (detected)"),
    ("latin-1 French", FRENCH.encode("latin-1"), FRENCH, "latin-1 (detected)"),
    ("latin-1 German", GERMAN.encode("latin-1"), GERMAN, "latin-1 (detected)"),
    ("cp1252 curly quotes", "“Ferries resume,” she said — finally.\n".encode("cp1252"),
     "“Ferries resume,” she said — finally.\n", "cp1252 (detected)"),
    ("utf-16-le without BOM", ENGLISH.encode("utf-16-le"), ENGLISH, "utf-16-le (detected)"),
    ("utf-16-be without BOM", CYRILLIC.encode("utf-16-be"), CYRILLIC, "utf-16-be (detected)"),
    ("utf-16 with BOM", ENGLISH.encode("utf-16"), ENGLISH, "utf-16-le (BOM)"),
    ("utf-8 with BOM", codecs.BOM_UTF8 + CYRILLIC.encode(), CYRILLIC, "utf-8 (BOM)"),
    ("NUL bytes", b"Ferries resume\x00 on Friday,\x00 the harbour office said.\n",
     "Ferries resume on Friday, the harbour office said.\n", "utf-8"),
    ("control characters", f"Ferry\x07 service\x1b resumes\x7f on\x85Friday.\x0c\r\n{ENGLISH}Next\rline\x9b.\n".encode(),
     f"Ferry service resumes on\nFriday.\n\n{ENGLISH}Next\nline.\n", "utf-8"),
    ("right-to-left marks and no-break spaces kept", f"{HEBREW}Gullwing\u00a0Lines\u202e runs six\u2009crossings.\n".encode(),
     f"{HEBREW}Gullwing\u00a0Lines\u202e runs six\u2009crossings.\n", "utf-8"),
    ("tabs kept", b"Ward\tVotes\nNorth\t3,120\n", "Ward\tVotes\nNorth\t3,120\n", "utf-8"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "text", "encoding"), DECODING, ids=[case[0] for case in DECODING])
def test_unusual_text_is_decoded_and_the_encoding_recorded(
    tmp_path: Path, name: str, data: bytes, text: str, encoding: str
) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    [article] = read_sources([str(path)], Settings())
    assert isinstance(article, Article)
    assert (article.text, article.encoding) == (text, encoding)
    assert article.raw == data  # the bytes as they arrived
    assert article.id == content_id(text)
    assert (article.source, article.media_type, article.title, article.outlet) == (str(path), "text/plain", None, None)


def test_markdown_keeps_its_media_type(tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("# Ferries resume\n\nCrossings restart on *Friday*.\n")
    [article] = read_sources([str(path)], Settings())
    assert (article.text, article.media_type) == ("# Ferries resume\n\nCrossings restart on *Friday*.\n", "text/markdown")


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("a\r\nb\rc\nd", "a\nb\nc\nd"),
        ("line\u2028next\u2029last", "line\nnext\nlast"),
        ("keep\u200d\u200b\ufeff format characters", "keep\u200d\u200b\ufeff format characters"),
        ("drop\x01\x1c\x1d\x1e\x80\x9f them", "drop them"),
    ],
)
def test_clean_text(raw: str, cleaned: str) -> None:
    assert clean_text(raw) == cleaned
    assert clean_text(raw).split("\n") == clean_text(raw).splitlines()


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("page", b"  <!DOCTYPE html><html><body><p>x</p>", "html"),
        ("snippet", b"<p>Ferries resume.</p>", "html"),
        ("feed", b'<?xml version="1.0"?>\n<rss version="2.0"><channel>', "feed"),
        ("atom", b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>', "feed"),
        ("records", b'[{"title": "x", "text": "y"}]', "json"),
        ("lines", b'{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("object", b'{"text": "a",\n "title": "b"}', "json"),
        ("crawl", b"WARC/1.1\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("letter", b"Dear editor, <3 ferries", "text"),
        ("notes.txt", b"<html> in a text file stays text", "text"),
        ("feed.xml", b"<rss version='2.0'>", "feed"),
        ("x", "<html><body>".encode("utf-16"), "html"),
    ],
)
def test_format_is_sniffed_from_the_bytes(name: str, head: bytes, kind: str) -> None:
    assert detect_kind(head, name) == kind


# Short single-byte texts with no declared charset: the hard case for any detector.
DETECTION = [
    ("ru", CYRILLIC, ("cp1251", "koi8_r", "cp866", "iso8859_5")),
    ("cs", "Městská rada v Brně ve čtvrtek schválila rozpočet na příští rok. Starosta řekl, že výdaje vzrostou.",
     ("cp1250", "iso8859_2")),
    ("pl", "Rada miejska w Łodzi zatwierdziła w czwartek budżet na przyszły rok. Prezydent powiedział, że wydatki wzrosną.",
     ("cp1250", "iso8859_2")),
    ("de", GERMAN, ("latin-1", "cp1252")),
    ("fr", FRENCH, ("latin-1",)),
    ("es", "El ayuntamiento de Cáceres aprobó el jueves un presupuesto de 4,2 millones de euros, informó la alcaldesa Núñez.",
     ("latin-1",)),
    ("pt", "A câmara municipal de Évora aprovou na quinta-feira o orçamento, disse a presidente, Conceição Brás.",
     ("latin-1",)),
    ("el", "Το δημοτικό συμβούλιο της Πάτρας ενέκρινε την Πέμπτη τον προϋπολογισμό για το επόμενο έτος.",
     ("cp1253", "iso8859_7")),
    ("tr", "Belediye meclisi perşembe günü gelecek yılın bütçesini onayladı, dedi başkan Şükrü Yılmaz.",
     ("cp1254", "iso8859_9")),
]  # fmt: skip


def test_detection_accuracy_floor() -> None:
    """17 (language, encoding) pairs; charset-normalizer alone decodes 8 right, our tie-breaking 13.

    Still wrong: Czech (ties with cp1250/cp1252, goes to cp1252) and Turkish (charset-normalizer
    scores cp1254 as messier than cp1252). Raise the floor when they are fixed.
    """
    outcomes = {
        (language, encoding): decode_text(text.encode(encoding), "x.txt").text == text
        for language, text, encodings in DETECTION
        for encoding in encodings
    }
    assert sum(outcomes.values()) >= 13, [pair for pair, right in outcomes.items() if not right]
