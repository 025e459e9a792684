"""Content-hash caches for the build: an article is extracted again only when its bytes, its sidecar,
its place in the corpus or the extractor's code changed.

Keys are sha256 hex digests; entries live in one SQLite file (Store), so that 100,000 articles
are one indexed file to read, not 100,000 small ones.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import io
import os
import sqlite3
from collections.abc import Iterable, Iterator
from importlib import metadata
from pathlib import Path

import tdkt

# The modules whose code decides what an article record holds. A change to any of them changes
# every key, so a new extractor never serves records made by an old one.
EXTRACTOR_MODULES = ("corpus/decode", "corpus/ingest", "corpus/provenance", "corpus/legacy_encodings", "corpus/clean",
                     "corpus/chrome", "extract", "places", "text", "model", "taxonomy")
# Modules of those folders that make no record: running the extractor over a corpus (batch: the
# store's format is Store.SCHEMA), reviewing and scoring its records. Editing them keeps the cache.
NOT_EXTRACTOR_MODULES = ("extract/batch.py", "extract/review.py", "extract/evaluate.py")
# Libraries whose version changes what the extractor returns (HTML main-text, gazetteer).
EXTRACTOR_LIBRARIES = ("trafilatura", "vietnam-provinces")


def _module_files(package_dir: Path, name: str) -> list[Path]:
    single = package_dir / f"{name}.py"
    if single.is_file():
        return [single]
    folder = package_dir / name
    if folder.is_dir():
        return sorted(p for p in folder.rglob("*.py") if p.is_file())
    return []


@functools.cache
def extractor_version() -> str:
    """A digest of the extractor's code, data tables and library versions, computed once per process."""
    package_dir = Path(tdkt.__file__).resolve().parent
    digest = hashlib.sha256()
    paths = [p for name in EXTRACTOR_MODULES for p in _module_files(package_dir, name)
             if p.relative_to(package_dir).as_posix() not in NOT_EXTRACTOR_MODULES]
    data_dir = package_dir / "data"
    if data_dir.is_dir():
        paths += sorted(p for p in data_dir.rglob("*") if p.is_file())
    for path in paths:
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for library in EXTRACTOR_LIBRARIES:
        try:
            version = metadata.version(library)
        except metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{library}=={version}\0".encode())
    return digest.hexdigest()


def file_digest(path: Path) -> str:
    """sha256 of a file, streamed: a 2 GB stray file costs time, not memory."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def input_key(source: str, article_digest: str, sidecar_digest: str | None, version: str) -> str:
    """The cache key of one input. The source path is part of it because the record names its source."""
    parts = (version, source, article_digest, sidecar_digest or "-")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def text_digest(text: str | None) -> str:
    """sha256 hex of a text (a body): the key of what is computed from it alone."""
    return hashlib.sha256((text or "").encode("utf-8", "surrogatepass")).hexdigest()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` atomically unless the file already holds exactly those bytes."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


class Store:
    """The build's state between builds: one SQLite file (build/state.sqlite), standard library only.

    Tens of thousands of small JSON files cost a file open each on every build; one indexed file
    answers the same questions in one query. Three kinds of entries:
    - `outcomes`: what extracting an input gave (the record without its body, the body apart, the
      record's digest), by the input's content key (input_key);
    - `files`: a file's sha256 by its path and stat (size, mtime, ctime, inode): an unchanged file is
      not read again to know its digest;
    - `memo`: pure values of their key, by kind (shingles of a body, a sketch, a page's digest ...).
    Only the build process opens it (workers hand their results back), one build at a time (the
    project lock); a torn or foreign file is started afresh, as a cache may be.
    """

    SCHEMA = 3

    def __init__(self, path: Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:  # not a database, or a schema of another version
            self.path.unlink(missing_ok=True)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        # the build's processes and threads (tdkt.beside) write it side by side: a writer waits for
        # another's transaction (a first build's bulk insert can take seconds), never fails on it
        db = sqlite3.connect(self.path, isolation_level=None, timeout=120)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, self.SCHEMA):
            db.close()
            raise sqlite3.DatabaseError(f"state schema {version}")
        db.executescript("""
            CREATE TABLE IF NOT EXISTS outcomes (key TEXT PRIMARY KEY, summary TEXT, body TEXT,
                body_at INTEGER, digest TEXT, body_digest TEXT, refused TEXT);
            CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, stat TEXT, digest TEXT);
            CREATE TABLE IF NOT EXISTS memo (kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key));
        """)
        db.execute(f"PRAGMA user_version={self.SCHEMA}")
        return db

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def _keep(self, table: str, column: str, keep: Iterable[str], where: str = "", args: tuple = ()) -> int:
        """Delete the rows of `table` whose `column` is not in `keep` (and match `where`)."""
        with self.transaction() as db:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS keep_keys (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM keep_keys")
            db.executemany("INSERT OR IGNORE INTO keep_keys VALUES (?)", ((k,) for k in keep))
            gone = db.execute(f"DELETE FROM {table} WHERE {where}{' AND ' if where else ''}"
                              f"{column} NOT IN (SELECT key FROM keep_keys)", args).rowcount
            db.execute("DELETE FROM keep_keys")
        return gone

    # -- file digests --------------------------------------------------------------------------

    def file_digests(self, paths: Iterable[Path]) -> dict[Path, str]:
        """sha256 of each file; a file whose path and stat are those of its last digest is not read.

        (ctime and inode too: a file rewritten within one mtime tick, or replaced by another of the
        same size, still shows.) A file that cannot be read is left out.
        """
        known = {path: (stat, digest) for path, stat, digest in self.db.execute("SELECT path, stat, digest FROM files")}
        digests, fresh = {}, []
        for path in paths:
            try:
                st = os.stat(path)
                stat = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"
                entry = known.get(str(path))
                if entry is not None and entry[0] == stat:
                    digests[path] = entry[1]
                    continue
                digests[path] = file_digest(path)
            except OSError:
                continue
            fresh.append((str(path), stat, digests[path]))
        if fresh or len(known) != len(digests):
            with self.transaction() as db:
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", fresh)
            self._keep("files", "path", (str(p) for p in digests))
        return digests

    # -- extraction outcomes -------------------------------------------------------------------

    def outcomes(self, keys: Iterable[str]) -> dict[str, tuple[str | None, str | None, int, str, str]]:
        """key -> (record without its body as JSON, refusal reason, the body's place, digest, body's digest)."""
        wanted = set(keys)
        found = {}
        for key, summary, refused, body_at, digest, body_digest in self.db.execute(
                "SELECT key, summary, refused, body_at, digest, body_digest FROM outcomes"):
            if key in wanted:
                found[key] = (summary, refused, body_at, digest, body_digest)
        return found

    def put_outcomes(self, rows: list[tuple]) -> None:
        """(key, summary JSON, body, body's place, digest, body's digest, refusal reason) rows."""
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO outcomes (key, summary, body, body_at, digest, body_digest, "
                           "refused) VALUES (?, ?, ?, ?, ?, ?, ?)", rows)

    def keep_outcomes(self, keys: Iterable[str]) -> int:
        return self._keep("outcomes", "key", keys)

    def bodies(self, keys: Iterable[str]) -> dict[str, str]:
        """key -> body, for the keys asked (in chunks: SQLite caps the parameters of one query)."""
        keys = list(dict.fromkeys(keys))
        found = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, body FROM outcomes WHERE key IN ({marks})", chunk))
        return found

    # -- memo ----------------------------------------------------------------------------------

    def memo(self, kind: str, keys: Iterable[str] | None = None) -> dict[str, bytes]:
        """key -> value of one kind: all of them, or those of `keys`."""
        if keys is None:
            return dict(self.db.execute("SELECT key, value FROM memo WHERE kind = ?", (kind,)))
        keys = list(dict.fromkeys(keys))
        found = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            found.update(self.db.execute(f"SELECT key, value FROM memo WHERE kind = ? AND key IN ({marks})",
                                         (kind, *chunk)))
        return found

    def put_memo(self, kind: str, items: Iterable[tuple[str, bytes]]) -> None:
        with self.transaction() as db:
            db.executemany("INSERT OR REPLACE INTO memo (kind, key, value) VALUES (?, ?, ?)",
                           ((kind, key, value) for key, value in items))

    def keep_memo(self, kind: str, keys: Iterable[str]) -> int:
        """Forget the entries of `kind` not in `keys`, so the store does not grow without end."""
        return self._keep("memo", "key", keys, "kind = ?", (kind,))

    def value(self, name: str) -> bytes | None:
        """One named value (memo kind "value")."""
        row = self.db.execute("SELECT value FROM memo WHERE kind = 'value' AND key = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_value(self, name: str, value: bytes) -> None:
        self.put_memo("value", [(name, value)])


def deterministic_gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()
