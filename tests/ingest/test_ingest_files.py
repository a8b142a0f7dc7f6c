"""Files and directories: bad inputs become one clear InputError each, and the rest is still read."""

from __future__ import annotations

import gzip
import io
import os
import struct
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from newsloom.errors import InputError
from newsloom.ingest import read_bytes, read_sources
from newsloom.models import Article, content_id
from newsloom.settings import Settings

STORY = "Ferry services to Lintel Island resume on Friday, the harbour office said.\n"


def png() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("story.txt", STORY)
    return buffer.getvalue()


def read_one(path: Path, settings: Settings | None = None) -> Article | InputError:
    items = list(read_sources([str(path)], settings or Settings()))
    assert len(items) == 1, items
    return items[0]


BAD_FILES = [
    ("empty.txt", b"", "empty file"),
    ("photo.png", png(), "binary file (PNG image), not text"),
    ("story.txt", png(), "binary file (PNG image), not text"),  # the name does not matter, the bytes do
    ("archive.zip", zip_archive(), "binary file (ZIP archive), not text"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "binary file (PDF document), not text"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), "binary file (JPEG image), not text"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00" + bytes(20), "binary file (GIF image), not text"),
    ("tool", b"\x7fELF\x02\x01\x01" + bytes(200), "binary file (ELF executable), not text"),
    ("notes.txt.gz", gzip.compress(STORY.encode()), "binary file (gzip archive that is not a WARC), not text"),
    ("blob.dat", bytes(range(256)) * 8, "binary file (224 control bytes in the first 2048), not text"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "data", "reason"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_bad_files_are_one_input_error(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    error = read_one(path)
    assert isinstance(error, InputError)
    assert (error.source, error.reason) == (str(path), reason)
    assert str(error) == f"{path}: {reason}"


def test_huge_file_is_refused_from_its_size_without_reading(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: 200 MB by stat, no blocks on disk
    error = read_one(path)
    assert isinstance(error, InputError)
    assert error.reason == "file is 209.7 MB, over the 52.4 MB limit (settings.max_input_bytes); split it or raise the limit"


def test_missing_path(tmp_path: Path) -> None:
    error = read_one(tmp_path / "nowhere.txt")
    assert isinstance(error, InputError)
    assert error.reason == "no such file or directory"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(STORY)
    path.chmod(0)
    error = read_one(path)
    assert isinstance(error, InputError)
    assert error.reason == "cannot read: permission denied"


def test_fifo_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "pipe"
    os.mkfifo(path)  # opening it would block forever: it must be refused from stat alone
    error = read_one(path)
    assert isinstance(error, InputError)
    assert error.reason == "not a regular file (a FIFO, socket or device)"


def test_text_over_the_article_limit(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text(STORY * 20)
    error = read_one(path, Settings(max_article_chars=500))
    assert isinstance(error, InputError)
    assert error.reason == "text is 1,500 characters, over the 500 limit (settings.max_article_chars); split it into articles"


def test_directory_is_read_sorted_and_recursive_skipping_hidden(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", ".hidden.txt", ".git/config.txt", "sub/c.txt", "sub/.cache/d.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"{name}: {STORY}")
    items = list(read_sources([str(tmp_path)], Settings()))
    assert [item.source for item in items] == [str(tmp_path / name) for name in ("a.txt", "b.txt", "sub/c.txt")]
    assert all(isinstance(item, Article) for item in items)


def test_symlink_loop_is_one_error_and_the_rest_is_read(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    (root / "a" / "story.txt").write_text(STORY)
    (root / "b" / "other.txt").write_text("Tide tables are published every Monday.\n")
    (root / "a" / "loop").symlink_to(root)  # a/loop -> tree: following it would never end
    (root / "b" / "self").symlink_to(root / "b" / "self")  # a link to itself
    items = list(read_sources([str(root)], Settings()))
    outcome = [(item.source, item.reason if isinstance(item, InputError) else "article") for item in items]
    assert outcome == [
        (f"{root}/a/loop", f"symbolic link loop: points back to {root.resolve()}, which contains it"),
        (f"{root}/a/story.txt", "article"),
        (f"{root}/b/other.txt", "article"),
        (f"{root}/b/self", "cannot read (Too many levels of symbolic links)"),
    ]


def test_symlink_to_a_sibling_directory_is_followed(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "story.txt").write_text(STORY)
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "shared").symlink_to(tmp_path / "a")  # not an ancestor of b: no loop
    sources = [item.source for item in read_sources([str(tmp_path)], Settings())]
    assert sources == [str(tmp_path / "a" / "story.txt"), str(tmp_path / "b" / "shared" / "story.txt")]


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode("utf-16"))))
    [article] = read_sources(["-"], Settings())
    assert isinstance(article, Article)
    assert (article.source, article.text, article.encoding) == ("<stdin>", STORY, "utf-16-le (BOM)")


def test_same_input_twice_gives_the_same_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text(STORY)
    (tmp_path / "copy.txt").write_text(STORY)
    items = list(read_sources([str(tmp_path / "one.txt"), str(tmp_path / "one.txt"), str(tmp_path)], Settings()))
    assert {item.id for item in items} == {content_id(STORY)}
    assert len(items) == 4


def test_one_bad_input_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "bad.png").write_bytes(png())
    sources = [str(tmp_path / "bad.png"), str(tmp_path / "missing.txt"), str(tmp_path / "good.txt")]
    kinds = [type(item).__name__ for item in read_sources(sources, Settings())]
    assert kinds == ["InputError", "InputError", "Article"]


def test_read_bytes_raises_for_the_upload_form() -> None:
    assert [article.text for article in read_bytes(STORY.encode(), "upload.txt", Settings())] == [STORY]
    with pytest.raises(InputError, match=r"^upload\.png: binary file \(PNG image\), not text$"):
        read_bytes(png(), "upload.png", Settings())
