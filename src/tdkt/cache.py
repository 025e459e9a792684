"""Content-hash caches for the build: an article is extracted again only when its bytes, its sidecar,
its place in the corpus or the extractor's code changed.

Keys are sha256 hex digests; entries are small JSON files fanned out over 256 folders so that
100,000 articles do not make one huge directory.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import io
import json
import os
from importlib import metadata
from pathlib import Path

import tdkt

# The modules whose code decides what an article record holds. A change to any of them changes
# every key, so a new extractor never serves records made by an old one.
EXTRACTOR_MODULES = ("corpus/decode", "corpus/ingest", "corpus/provenance", "corpus/legacy_encodings", "corpus/clean",
                     "corpus/chrome", "extract", "places", "text", "model", "taxonomy")
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
    paths = [p for name in EXTRACTOR_MODULES for p in _module_files(package_dir, name)]
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


class JsonCache:
    """A folder of JSON entries addressed by hex key: build/cache/<kind>/<ab>/<key>.json."""

    def __init__(self, root: Path):
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict | None:
        try:
            return json.loads(self._path(key).read_bytes())
        except (FileNotFoundError, ValueError):
            return None  # a missing or torn entry is just a miss

    def put(self, key: str, entry: dict) -> None:
        # key order kept: the record is written out in the order the extractor made it
        data = json.dumps(entry, ensure_ascii=False).encode()
        write_if_changed(self._path(key), data)

    def prune(self, keep: set[str]) -> int:
        """Delete the entries not in `keep` (inputs gone or changed); returns how many went."""
        removed = 0
        if not self.root.is_dir():
            return 0
        for folder in sorted(self.root.iterdir()):
            if not folder.is_dir():
                continue
            for entry in sorted(folder.iterdir()):
                if entry.suffix == ".json" and entry.stem not in keep:
                    entry.unlink()
                    removed += 1
                elif entry.name.startswith("."):
                    entry.unlink()  # a temp file left by an interrupted write
            if not any(folder.iterdir()):
                folder.rmdir()
        return removed


def deterministic_gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0) as handle:
        handle.write(data)
    return buffer.getvalue()
