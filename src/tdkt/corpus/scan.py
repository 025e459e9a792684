"""Scan a corpus folder: every entry becomes an article input or a refusal with its reason.

Articles are .txt, .html or .htm files (in sub-folders too); NAME.json beside NAME.txt is the
article's provenance sidecar, not an input of its own; `overrides.yaml` at the top is the editor's.
Nothing is skipped silently: hidden files, other extensions, lone sidecars and directories named
like articles are refused, so the build report accounts for every entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

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
    """
    inputs: list[Input] = []
    refused: list[Refusal] = []
    overrides: Path | None = None
    entries: list[Path] = []

    def walk(folder: Path) -> None:
        for entry in sorted(folder.iterdir(), key=lambda p: p.name):
            if entry.is_dir() and not entry.is_symlink() and entry.suffix.lower() not in ARTICLE_SUFFIXES:
                walk(entry)
            else:
                entries.append(entry)

    walk(corpus)
    names = {e.relative_to(corpus).as_posix() for e in entries}

    def has_article(stem_path: Path) -> bool:
        rel = stem_path.relative_to(corpus)
        return any(rel.with_suffix(s).as_posix() in names for s in ARTICLE_SUFFIXES)

    for entry in entries:
        source = entry.relative_to(corpus).as_posix()
        suffix = entry.suffix.lower()
        if source == OVERRIDES_FILE:
            overrides = entry
        elif entry.name.startswith("."):
            refused.append(Refusal(source, "hidden file, not an article"))
        elif suffix in ARTICLE_SUFFIXES:
            if entry.is_dir():
                refused.append(Refusal(source, "is a directory, not an article file"))
                continue
            sidecar = entry.with_suffix(SIDECAR_SUFFIX)
            inputs.append(Input(source, entry, sidecar if sidecar.exists() else None))
        elif suffix == SIDECAR_SUFFIX and has_article(entry):
            continue  # provenance of its article
        elif suffix == SIDECAR_SUFFIX:
            refused.append(Refusal(source, "sidecar without an article file of the same name (.txt/.html)"))
        else:
            refused.append(Refusal(source, f"not an article file (expected .txt, .html or .htm, got {suffix or 'no extension'})"))
    return inputs, refused, overrides
