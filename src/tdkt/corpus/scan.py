"""Scan a corpus folder: every entry becomes an article input or a refusal with its reason.

Articles are .txt, .html or .htm files (in sub-folders too); NAME.json beside NAME.txt is the
article's provenance sidecar, not an input of its own; `overrides.yaml` at the top is the editor's.
Nothing is skipped silently: hidden files, other extensions, lone sidecars and directories named
like articles are refused, so the build report accounts for every entry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
SIDECAR_SUFFIX = ".json"
OVERRIDES_FILE = "overrides.yaml"


@dataclass
class Refusal:
    source: str
    reason: str


@dataclass
class Input:
    source: str            # POSIX path relative to the corpus root: how the article names its origin
    path: Path
    sidecar: Path | None


def scan_corpus(corpus: Path) -> tuple[list[Input], list[Refusal], Path | None]:
    """Every entry of the corpus, sorted: article inputs, refused entries (with why), the overrides file.

    Sidecars (NAME.json beside NAME.txt/.html) are provenance, not inputs of their own.
    (Strings and os.scandir, not Path objects per entry: at 20,000 articles pathlib was a second.)
    """
    inputs: list[Input] = []
    refused: list[Refusal] = []
    overrides: Path | None = None
    entries: list[tuple[str, bool]] = []    # (path relative to the corpus, is a directory)
    folders: set[str] = set()               # folders walked into (a sidecar's name may be one)

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as found:
            listed = sorted(found, key=lambda e: e.name)
        for entry in listed:
            rel = prefix + entry.name
            is_dir = entry.is_dir()  # follows a symlink, as Path.is_dir does
            if is_dir and not entry.is_symlink() and PurePosixPath(entry.name).suffix.lower() not in ARTICLE_SUFFIXES:
                folders.add(rel)
                walk(entry.path, rel + "/")
            else:
                entries.append((rel, is_dir))

    walk(str(corpus), "")
    names = {rel for rel, _ in entries}

    def with_suffix(rel: str, suffix: str) -> str:
        return PurePosixPath(rel).with_suffix(suffix).as_posix()

    def has_article(rel: str) -> bool:
        return any(with_suffix(rel, s) in names for s in ARTICLE_SUFFIXES)

    for source, is_dir in entries:
        name = source.rsplit("/", 1)[-1]
        suffix = PurePosixPath(name).suffix.lower()
        if source == OVERRIDES_FILE:
            overrides = corpus / source
        elif name.startswith("."):
            refused.append(Refusal(source, "hidden file, not an article"))
        elif suffix in ARTICLE_SUFFIXES:
            if is_dir:
                refused.append(Refusal(source, "is a directory, not an article file"))
                continue
            sidecar = with_suffix(source, SIDECAR_SUFFIX)
            there = sidecar in names or sidecar in folders
            inputs.append(Input(source, corpus / source, corpus / sidecar if there else None))
        elif suffix == SIDECAR_SUFFIX and has_article(source):
            continue  # provenance of its article
        elif suffix == SIDECAR_SUFFIX:
            refused.append(Refusal(source, "sidecar without an article file of the same name (.txt/.html)"))
        else:
            refused.append(Refusal(source, f"not an article file (expected .txt, .html or .htm, got {suffix or 'no extension'})"))
    return inputs, refused, overrides
