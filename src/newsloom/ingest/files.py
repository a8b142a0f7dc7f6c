"""Paths -> the files to read: directories walked in sorted order, limits checked before reading.

A directory is read recursively in name order, skipping hidden entries (`.git`, `.DS_Store`).
Symbolic links are followed, but a link back to a directory we are already inside is a loop:
it becomes one InputError and the rest of the tree is still read. A file's size is checked with
stat before a byte is read, so a 200 MB file is refused at once.

>>> from newsloom.settings import Settings
>>> read_file("/no/such/story.txt", Settings())
Traceback (most recent call last):
newsloom.errors.InputError: /no/such/story.txt: no such file or directory
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator

from ..errors import InputError
from ..settings import Settings
from .records import megabytes

STDIN = "-"
STDIN_SOURCE = "<stdin>"  # what articles read from standard input name as their source


def walk(source: str) -> Iterator[str | InputError]:
    """`source` itself when it is a file, else every file under it; an InputError for each path that fails."""
    try:
        is_directory = os.path.isdir(source)
    except (OSError, ValueError) as error:  # ValueError: a path with a NUL byte
        yield InputError(source, f"cannot open ({error})")
        return
    if not is_directory:
        yield source
        return
    # (path, realpaths of the directories it sits in) or a path or an InputError; a stack keeps DFS order
    stack: list[tuple[str, tuple[str, ...]] | str | InputError] = [(source, (os.path.realpath(source),))]
    while stack:
        item = stack.pop()
        if not isinstance(item, tuple):
            yield item
            continue
        directory, ancestors = item
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError as error:
            yield InputError(directory, f"cannot list the directory ({error.strerror or error})")
            continue
        children: list[tuple[str, tuple[str, ...]] | str | InputError] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = os.path.join(directory, entry.name)
            if not is_dir(entry):
                children.append(path)
                continue
            real = os.path.realpath(path)
            if real in ancestors:
                children.append(InputError(path, f"symbolic link loop: points back to {real}, which contains it"))
            else:
                children.append((path, (*ancestors, real)))
        stack.extend(reversed(children))


def is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()  # follows symbolic links
    except OSError:
        return False  # a link to itself: reading it reports the loop


def read_file(path: str, settings: Settings) -> bytes:
    """The bytes of a regular file within `settings.max_input_bytes`; raises InputError otherwise."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        broken = os.path.islink(path)
        raise InputError(path, "broken symbolic link" if broken else "no such file or directory") from None
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, "not a regular file (a FIFO, socket or device)")
    check_size(path, info.st_size, settings)
    try:
        with open(path, "rb") as handle:
            data = handle.read(settings.max_input_bytes + 1)
    except PermissionError:
        raise InputError(path, "cannot read: permission denied") from None
    except OSError as error:
        raise InputError(path, f"cannot read ({error.strerror or error})") from None
    check_size(path, len(data), settings)  # it may have grown since stat
    return data


def read_stdin(settings: Settings) -> bytes:
    """Standard input's bytes, up to the limit (a pipe has no size to check first)."""
    data = sys.stdin.buffer.read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        limit = megabytes(settings.max_input_bytes)
        raise InputError(STDIN_SOURCE, f"standard input is over the {limit} limit (settings.max_input_bytes)")
    check_size(STDIN_SOURCE, len(data), settings)
    return data


def check_size(source: str, size: int, settings: Settings) -> None:
    if size == 0:
        raise InputError(source, "empty file")
    if size > settings.max_input_bytes:
        raise InputError(
            source,
            f"file is {megabytes(size)}, over the {megabytes(settings.max_input_bytes)} limit "
            "(settings.max_input_bytes); split it or raise the limit",
        )
