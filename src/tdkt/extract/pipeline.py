"""`tdkt extract FILE...`: ingest -> clean -> extract, one JSON record per article on stdout.

Output is JSON Lines (UTF-8, not ASCII-escaped), keys in the data contract's order, one line per
article that could be read; each refused input gets one line on stderr, "tdkt: FILE: reason",
and the others still go through. Exit status 0 when every input was extracted, 1 otherwise.
`--explain` writes what the cleaner removed from each file, and why, to stderr (stdout stays
valid JSON Lines).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from pathlib import Path

from tdkt.corpus.clean import clean_article, explain
from tdkt.extract import extract
from tdkt.corpus.ingest import read_article
from tdkt.model import CleanArticle, InputError
from tdkt.text import slugify


def article_id(path: Path, corpus_root: Path | None = None) -> str:
    """A short, stable ASCII id from the file name: "corpus/000_77d6f8265ff694e6.txt" -> "000-77d6f8265ff694e6".

    Within a corpus folder the path below it counts ("2023/x.txt" -> "2023-x"), so that two
    sub-folders' files of the same name stay apart.
    """
    if corpus_root is None:
        return slugify(path.stem, max_length=60)
    return _id_of(_relative(path, corpus_root))


def _id_of(relative: Path) -> str:
    return slugify(relative.with_suffix("").as_posix(), max_length=60)


def _relative(path: Path, corpus_root: Path | None) -> Path:
    if corpus_root is not None:
        try:
            return path.resolve().relative_to(_resolved_root(corpus_root, os.getcwd()))
        except ValueError:
            pass
    return path


@functools.lru_cache(maxsize=8)
def _resolved_root(corpus_root: Path, cwd: str) -> Path:
    """The corpus folder resolved, once per folder (and working directory, for a relative one):
    resolving reads every part of the path, for each of a build's thousands of articles."""
    return corpus_root.resolve()


def record_of(article: CleanArticle, path: Path, corpus_root: Path | None = None) -> dict:
    """The contract record of a cleaned article: `id` and `source` first, then the extracted fields."""
    return _record(article, path, corpus_root, _relative(path, corpus_root))


def _record(article: CleanArticle, path: Path, corpus_root: Path | None, relative: Path) -> dict:
    """record_of, given the path below the corpus root (resolving a path costs a system call per part)."""
    fields = extract(article)
    override = article.raw.overrides.get("id")
    if override:
        identifier = slugify(override, max_length=60)
    else:
        identifier = article_id(path) if corpus_root is None else _id_of(relative)
    return {"id": identifier, "source": relative.as_posix(), **fields}


def clean_file(path: Path, corpus_root: Path | None = None, url: str | None = None) -> CleanArticle:
    """Ingest and clean one file; `url` stands in for provenance the file does not carry."""
    return _clean(path, _relative(path, corpus_root).as_posix(), url)


def _clean(path: Path, source: str, url: str | None) -> CleanArticle:
    raw = read_article(path, source=source)
    if url and not raw.url:
        raw.url = url
    return clean_article(raw)


def extract_file(path: Path, corpus_root: Path | None = None, url: str | None = None) -> dict:
    """The contract record of one article file; raises InputError for a file that is not one."""
    path = Path(path)
    relative = _relative(path, corpus_root)
    return _record(_clean(path, relative.as_posix(), url), path, corpus_root, relative)


def warm_up() -> None:
    """Load what extraction reads once per process (the gazetteer's tables, the province-name
    pattern). Call it before forking extraction workers: they then share it copy-on-write
    instead of each paying for it on its first article."""
    from tdkt import places
    from tdkt.extract import province

    places.load()
    province.place_mentions("tỉnh Hà Nam")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="article files (.txt, .html)")
    parser.add_argument("--explain", action="store_true",
                        help="also write what the cleaner removed from each file, and why, to stderr")
    parser.add_argument("--root", type=Path, default=None,
                        help="corpus folder the ids and sources are relative to (default: as given)")


def run(args: argparse.Namespace) -> int:
    refused = 0
    out = sys.stdout
    for path in args.files:
        try:
            article = clean_file(path, args.root)
            record = record_of(article, path, args.root)
        except InputError as exc:
            print(f"tdkt: {path}: {exc.reason}", file=sys.stderr)
            refused += 1
            continue
        except Exception as exc:  # one broken article must not stop the others
            print(f"tdkt: {path}: could not be extracted ({type(exc).__name__}: {exc})", file=sys.stderr)
            refused += 1
            continue
        if args.explain:
            print(f"== {path}: removed by the cleaner", file=sys.stderr)
            print(explain(article.removed) or "(nothing)", file=sys.stderr)
        try:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
        except BrokenPipeError:  # `tdkt extract ... | head`: the reader has had enough
            sys.stdout = open(os.devnull, "w")
            return 1 if refused else 0
    return 1 if refused else 0
