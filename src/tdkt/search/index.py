"""The archive's full-text search index: written here at build time, read by the browser module beside it
(assets/tdkt-search.js, copied into the site's assets/search/ with its stylesheet by `build_index`).

Why not lunr or Pagefind: lunr ships one whole index before the first result (32 MB gzipped at
20,000 articles) and cannot match without tone marks; Pagefind folds tone marks but not đ → d and
took seconds per query at that size. Vietnamese syllables are words to a search engine, and the
common ones (thi, đua, khen, huyện) sit in nearly every article, while what a reader types is
usually several syllables ("Đồ Sơn", "Huân chương Lao động"). So the index keeps, for every
folded syllable (unigram) and every folded pair of adjacent syllables (bigram), the sorted list of
documents holding it, and splits those lists by a hash of the term into small shard files: a query
fetches only the shards of its own terms. Bigram lists are short and answer phrases; unigram lists
answer one-syllable queries and make sure every syllable is present.

Layout under <site>/tim-kiem/index/ (all text, so GitHub Pages gzips it):
  meta.json            format, version, doc count, shard count, facet values (slugs, labels)
  facets.json          facet columns: per facet, a fixed number of characters per doc (see _column)
  t/<n>.txt            postings: one line per term, sorted: "term<TAB>ids<TAB>title ids"; ids are
                       comma-separated deltas of ascending doc ids (gzip squeezes runs of small numbers)
  d/<k>/<id>.json      what a result shows: title, page, date, unit, province, the start of the body

Doc ids follow date order, newest first, so "sort by date" is id order and equal scores break by date.
The shard of a term is FNV-1a (32-bit, over its UTF-8 bytes) modulo the shard count: the JS does the same.
"""

from __future__ import annotations

import concurrent.futures
import gzip
import hashlib
import heapq
import json
import multiprocessing
import os
import re
import shutil
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

from tdkt.model import UNIT_LEVELS
from tdkt.taxonomy import AWARD_TYPES, UNIT_LEVEL_LABELS, article_date, article_year, title_of
from tdkt.text import fold, normalize, slugify

INDEX_DIR = "tim-kiem/index"
# The browser module that reads this index, and its stylesheet: one format, one package.
ASSETS = Path(__file__).resolve().parent / "assets"
ASSETS_DIR = "assets/search"
FORMAT = 1
# Raw bytes of postings per shard (before gzip). A cold query fetches a shard per query term; a
# shard of ~16 KB raw is ~4-6 KB on the wire, so a six-syllable query stays well under 100 KB.
SHARD_TARGET_BYTES = 16_000
# How much of the body a result fragment carries for its snippet (see _body_excerpt). A typical
# article's body is 5-12 KB; a snippet shows ~260 characters around the match, so the opening and
# the sentences about awards and officials, 1,200 characters at most, are what it needs (~1.2 KB
# on disk at N=1,000, was 2.4 KB at 3,000 characters; the site's budget is 25 KB per article).
BODY_CHARS = 1_200
BODY_OPENING_CHARS = 600
# Words of award sentences, as the cleaned text spells them (NFC, one tone placement).
_AWARD_WORDS = re.compile(
    r"huân chương|huy chương|bằng khen|giấy khen|cờ thi đua|chiến sĩ thi đua|danh hiệu|kỷ niệm chương"
    r"|lao động tiên tiến|lao động xuất sắc|giải thưởng|hạng (?:nhất|nhì|ba)")  # matched on lower case: 4x faster
DOCS_PER_DIR = 1_000
GZIP_SAMPLE = 16
# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_MIN_DOCS = 2_000
# Facet values travel as characters of this alphabet, a fixed number per doc (see _column).
_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

_WORD = re.compile(r"\w+")


class _FoldedSyllables(dict):
    """Raw syllable -> folded syllable, filled on first sight.

    The index reads hundreds of megabytes of text at 20,000 articles, but the language has only
    some thousands of distinct syllables: folding each distinct one once (and looking the rest up
    in C) is ~20x faster than folding the whole text. The JS tokenizes the same way.
    """

    def __missing__(self, syllable: str) -> str:
        if len(self) > 1_000_000:  # numbers and codes are unbounded; keep memory bounded
            self.clear()
        folded = self[syllable] = fold(syllable)
        return folded


_FOLDED = _FoldedSyllables()


def syllables(text: str) -> list[str]:
    """Folded syllables of an NFC text, in order (the tokens of the index): "Đồ Sơn" -> ["do", "son"]."""
    return list(map(_FOLDED.__getitem__, _WORD.findall(text)))


def terms_of(tokens: list[str]) -> set[str]:
    """Unigrams and adjacent bigrams ("do son") of one run of syllables."""
    found = set(tokens)
    found.update(map(" ".join, pairwise(tokens)))
    return found


def shard_of(term: str, shards: int) -> int:
    """FNV-1a 32-bit of the term's UTF-8 bytes, modulo the shard count."""
    h = 0x811C9DC5
    for byte in term.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h % shards


def encode_ids(ids: list[int]) -> str:
    """Ascending doc ids as comma-separated deltas: [3, 4, 9] -> "3,1,5"."""
    if not ids:
        return ""
    return ",".join(map(str, [ids[0], *[b - a for a, b in zip(ids, ids[1:])]]))


def decode_ids(text: str) -> list[int]:
    """Inverse of encode_ids (the JS has its own)."""
    ids, total = [], 0
    for part in text.split(",") if text else ():
        total += int(part)
        ids.append(total)
    return ids


def _order(records: list[dict]) -> list[dict]:
    """Newest first; ties by page URL so the order (and every doc id) is deterministic."""
    by_page = sorted(records, key=lambda r: (r.get("page") or "", str(r.get("id") or "")))
    return sorted(by_page, key=lambda r: article_date(r) or "", reverse=True)


def _name(value) -> str:
    if isinstance(value, dict):
        return value.get("name") or ""
    return value or ""


def _body_excerpt(body: str, names: tuple[str, ...] = ()) -> str:
    """The body as a result fragment carries it: the opening, then the sentences naming an award
    or one of the article's officials, with white space folded to single spaces.

    Snippets come from this text, and awards and people are what readers search for most; the
    cap keeps an article's share of the site small (the whole text is on its own page).
    """
    if len(body) <= BODY_CHARS:
        return " ".join(body.split())
    cut = body.rfind(" ", 0, BODY_OPENING_CHARS)
    cut = cut if cut > 0 else BODY_OPENING_CHARS
    excerpt = [" ".join(body[:cut].split())]
    size, end = len(excerpt[0]), cut
    lowered = body.lower()
    if len(lowered) != len(body):  # a letter whose lower case is longer: positions would shift
        lowered = body
    named = []
    for name in names:
        at = body.find(name, cut)
        while at >= 0:
            named.append((at, at + len(name)))
            at = body.find(name, at + len(name))
    # award words found lazily: the cap is reached long before a long body's last one
    awarded = ((m.start(), m.end()) for m in _AWARD_WORDS.finditer(lowered, cut))
    for match_start, match_end in heapq.merge(awarded, sorted(named)):
        if match_start < end:
            continue  # inside the sentence just taken
        start = max(body.rfind(stop, end, match_start) for stop in ".!?;\n") + 1
        start = max(start, end)
        stops = [i for i in (body.find(stop, match_end) for stop in ".!?;\n") if i >= 0]
        end = min(stops) + 1 if stops else len(body)
        sentence = " ".join(body[start:end].split())
        if size + len(sentence) + 3 > BODY_CHARS:
            break
        excerpt.append(sentence)
        size += len(sentence) + 3
    return " … ".join(excerpt) + " …"


def _column(values: list[int]) -> tuple[int, str]:
    """Small ints as a fixed number of alphabet characters each (width, text)."""
    top = max(values, default=0)
    width = 1
    while top >= 64**width:
        width += 1
    chars = []
    for value in values:
        digits = []
        for _ in range(width):
            digits.append(_ALPHABET[value % 64])
            value //= 64
        chars.append("".join(reversed(digits)))
    return width, "".join(chars)


def _facets(ordered: list[dict]) -> dict:
    """Per-doc facet columns: province, year, unit level (one value each), award types (a bitmask)."""
    provinces = sorted({_name(r.get("province")) for r in ordered} - {""}, key=lambda n: (slugify(n), n))
    years = sorted({y for r in ordered if (y := article_year(r))}, reverse=True)
    award_ids = list(AWARD_TYPES)
    province_index = {name: i + 1 for i, name in enumerate(provinces)}
    year_index = {year: i + 1 for i, year in enumerate(years)}
    level_index = {level: i + 1 for i, level in enumerate(UNIT_LEVELS)}
    award_bit = {award: 1 << i for i, award in enumerate(award_ids)}

    province_col, year_col, level_col, award_col = [], [], [], []
    for record in ordered:
        province_col.append(province_index.get(_name(record.get("province")), 0))
        year_col.append(year_index.get(article_year(record), 0))
        level_col.append(level_index.get((record.get("unit") or {}).get("level"), 0))
        mask = 0
        for award in record.get("awards") or ():
            mask |= award_bit.get(award.get("type"), 0)
        award_col.append(mask)

    def facet(key, slugs, labels, column, multi=False):
        width, data = _column(column)
        return {"key": key, "slugs": slugs, "labels": labels, "multi": multi, "width": width, "data": data}

    return {
        "tinh": facet("province", [slugify(p) for p in provinces], provinces, province_col),
        "nam": facet("year", [str(y) for y in years], [str(y) for y in years], year_col),
        "khen": facet("award", award_ids, [AWARD_TYPES[a] for a in award_ids], award_col, multi=True),
        "cap": facet("level", list(UNIT_LEVELS), [UNIT_LEVEL_LABELS[lv] for lv in UNIT_LEVELS], level_col),
    }


def _official_names(record: dict) -> tuple[str, ...]:
    return tuple(name for o in record.get("officials") or () if isinstance(o, dict) and (name := o.get("name")))


def _fragment(record: dict) -> dict:
    return {
        "t": title_of(record),  # the headline the article's page shows, "(Không có tiêu đề)" if none
        "u": record.get("page") or "",
        "d": article_date(record) or "",
        "n": (record.get("unit") or {}).get("name") or "",
        "p": _name(record.get("province")),
        "b": _body_excerpt(record.get("body") or "", _official_names(record)),
    }


def collect_postings(ordered: list[dict], first_id: int = 0) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """term -> ascending doc ids holding it; and term -> doc ids holding it in the title.
    Doc ids are positions in `ordered`, counted from first_id."""
    postings: dict[str, list[int]] = defaultdict(list)  # no lookup-then-insert per term: ~10% of this
    in_title: dict[str, list[int]] = defaultdict(list)
    for doc_id, record in enumerate(ordered, first_id):
        title_terms = terms_of(syllables(record.get("title") or ""))
        doc_terms = set(title_terms)
        # Unit and province names are searchable even when the body never spells them out.
        for text in (record.get("body") or "", (record.get("unit") or {}).get("name") or "",
                     _name(record.get("province"))):
            tokens = syllables(text)
            doc_terms.update(tokens)
            doc_terms.update(map(" ".join, pairwise(tokens)))
        for term in doc_terms:
            postings[term].append(doc_id)
        for term in title_terms:
            in_title[term].append(doc_id)
    return dict(postings), dict(in_title)


_FORKED_RECORDS: list[dict] | None = None


def _index_run(job: tuple[list[dict] | None, int, Path, int]) -> tuple[dict[str, tuple[str, int, str, int]], dict]:
    """One run of docs (ids from first_id on): write their result fragments under out/d/, and
    return their postings encoded, term -> (ids, last id, title ids, last title id), with the
    fragments' byte counts and digest. Runs in a worker process: text crosses back, not ints."""
    run, first_id, out, count = job
    if run is None:
        run = _FORKED_RECORDS[first_id:first_id + count]
    postings, in_title = collect_postings(run, first_id)
    encoded = {}
    for term, ids in postings.items():
        title = in_title.get(term, ())
        encoded[term] = (encode_ids(ids), ids[-1], encode_ids(title), title[-1] if title else -1)
    digests = []
    raw = sampled_raw = sampled_gz = 0
    for doc_id, record in enumerate(run, first_id):
        folder = out / "d" / str(doc_id // DOCS_PER_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        data = json.dumps(_fragment(record), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        (folder / f"{doc_id}.json").write_bytes(data)
        digests.append(hashlib.sha256(data).digest())  # one per doc: the version must not see the runs
        raw += len(data)
        if doc_id % GZIP_SAMPLE == 0:  # compressing every fragment only for a statistic costs 10%
            sampled_raw += len(data)
            sampled_gz += len(gzip.compress(data, 6, mtime=0))
    return encoded, {"raw": raw, "sampled_raw": sampled_raw, "sampled_gz": sampled_gz, "digests": digests}


def _append_ids(text: str, last: int, more: str) -> str:
    """Join two encode_ids texts of consecutive doc-id runs: `more` starts with an absolute id."""
    if not more:
        return text
    if not text:
        return more
    first, comma, rest = more.partition(",")
    return f"{text},{int(first) - last}{comma}{rest}"


def _index_runs(ordered: list[dict], out: Path, jobs: int | None) -> tuple[dict[str, str], list[dict]]:
    """Postings lines (term -> its line in a shard, in term order) and per-run fragment stats.
    Runs of docs go to worker processes (tokenizing is the slow part); their encoded postings
    are joined in doc-id order, so the result does not depend on the number of workers."""
    jobs = max(1, jobs or os.cpu_count() or 1)
    if jobs == 1 or len(ordered) < PARALLEL_MIN_DOCS:
        results = [_index_run((ordered, 0, out, len(ordered)))]
    else:
        step = -(-len(ordered) // (jobs * 2))  # two runs per worker evens out uneven articles
        global _FORKED_RECORDS
        if "fork" in multiprocessing.get_all_start_methods():
            # forked workers read the records from the parent's memory instead of ~10 KB of
            # pickle per article each way
            _FORKED_RECORDS = ordered
            runs = [(None, i, out, step) for i in range(0, len(ordered), step)]
            context = multiprocessing.get_context("fork")
        else:
            runs = [(ordered[i:i + step], i, out, step) for i in range(0, len(ordered), step)]
            context = None
        try:
            with concurrent.futures.ProcessPoolExecutor(jobs, mp_context=context) as pool:
                results = list(pool.map(_index_run, runs))
        finally:
            _FORKED_RECORDS = None
    parts = [encoded for encoded, _ in results]
    lines = {}
    for term in sorted(set().union(*parts)):
        ids, last, title, title_last = "", -1, "", -1
        for part in parts:
            found = part.get(term)
            if found:
                ids, last = _append_ids(ids, last, found[0]), found[1]
                if found[2]:
                    title, title_last = _append_ids(title, title_last, found[2]), found[3]
        lines[term] = f"{term}\t{ids}\t{title}\n"
    return lines, [stats for _, stats in results]


def install_browser_module(site_dir: Path) -> None:
    """The search page's script and stylesheet, into <site>/assets/search/ (the page links them there)."""
    target = site_dir / ASSETS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for asset in sorted(ASSETS.iterdir()):
        if asset.is_file():
            shutil.copyfile(asset, target / asset.name)


def build_index(records: list[dict], site_dir: Path, jobs: int | None = None) -> dict:
    """Write the search index of `records` under site_dir/tim-kiem/index/; return its stats.

    Each record is an article dict of the data contract with record["page"] set to its
    site-relative URL ("bai-viet/<year>/<slug>/"). Same records in any order, any `jobs`
    (worker processes; default: all cores) -> same bytes.
    """
    install_browser_module(Path(site_dir))
    out = Path(site_dir) / INDEX_DIR
    if out.exists():
        shutil.rmtree(out)
    (out / "t").mkdir(parents=True)
    ordered = _order(records)
    lines, runs = _index_runs(ordered, out, jobs)
    total = sum(map(len, lines.values()))
    shards = 1
    while shards * SHARD_TARGET_BYTES < total:
        shards *= 2
    buckets: list[list[str]] = [[] for _ in range(shards)]
    for term, line in lines.items():  # sorted terms -> sorted lines within each shard
        buckets[shard_of(term, shards)].append(line)

    version = hashlib.sha256()
    raw_bytes = sampled_raw = sampled_gz = 0
    largest = b""
    for n, bucket in enumerate(buckets):
        data = "".join(bucket).encode("utf-8")
        (out / "t" / f"{n}.txt").write_bytes(data)
        version.update(data)
        raw_bytes += len(data)
        largest = max(largest, data, key=len)
        if n % GZIP_SAMPLE == 0:  # gzipping every shard only for a statistic cost ~7% of the index's CPU
            sampled_raw += len(data)
            sampled_gz += len(gzip.compress(data, 6, mtime=0))
    max_shard_gz = len(gzip.compress(largest, 6, mtime=0))
    postings_gz = gz_bytes = round(raw_bytes * sampled_gz / sampled_raw) if sampled_raw else 0
    for run in runs:
        version.update(b"".join(run["digests"]))
    docs_raw = sum(run["raw"] for run in runs)
    sampled_raw = sum(run["sampled_raw"] for run in runs)
    raw_bytes += docs_raw
    gz_bytes += round(docs_raw * sum(run["sampled_gz"] for run in runs) / sampled_raw) if sampled_raw else 0

    facets = _facets(ordered)
    # The columns (a few bytes per doc) travel apart from meta.json, so that the browser fetches
    # them alongside the first shards instead of before them.
    columns = {key: facet.pop("data") for key, facet in facets.items()}
    data = json.dumps(columns, separators=(",", ":"), sort_keys=True).encode("utf-8")
    (out / "facets.json").write_bytes(data)
    version.update(data)
    columns_gz = len(gzip.compress(data, 6, mtime=0))
    raw_bytes += len(data)
    gz_bytes += columns_gz
    version.update(json.dumps(facets, sort_keys=True).encode("utf-8"))
    meta = {
        "format": FORMAT,
        "version": version.hexdigest()[:16],
        "docs": len(ordered),
        "shards": shards,
        "docsPerDir": DOCS_PER_DIR,
        "facets": facets,
    }
    data = json.dumps(meta, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    (out / "meta.json").write_bytes(data)
    meta_gz = len(gzip.compress(data, 6, mtime=0))
    raw_bytes += len(data)
    gz_bytes += meta_gz
    return {
        "docs": len(ordered),
        "terms": len(lines),
        "shards": shards,
        "bytes": raw_bytes,
        "gzip_bytes": gz_bytes,  # postings' and result fragments' shares estimated from every 16th
        "postings_gzip_bytes": postings_gz,  # estimated likewise
        "max_shard_gzip_bytes": max_shard_gz,  # of the largest shard before gzip
        "meta_gzip_bytes": meta_gz,
        "facets_gzip_bytes": columns_gz,
    }


# ---------------------------------------------------------------- reading the index back
# The browser's module does this in JS; this Python reader answers the same question from the
# same files, for tests, the benchmark's expected counts, and anyone scripting the archive.

_PHRASE = re.compile(r'"([^"]*)"?')


def parse_query(query: str) -> tuple[list[str], list[list[str]]]:
    """(all syllables outside quotes, [syllables of each quoted phrase]) of a query, folded."""
    phrases = []

    def take(match: re.Match) -> str:
        tokens = syllables(normalize(match.group(1)))
        if tokens:
            phrases.append(tokens)
        return " "

    free = _PHRASE.sub(take, query)
    return syllables(normalize(free)), phrases


class IndexReader:
    """Postings of an index written by build_index, loaded shard by shard on demand."""

    def __init__(self, site_dir: Path):
        self.dir = Path(site_dir) / INDEX_DIR
        self.meta = json.loads((self.dir / "meta.json").read_text(encoding="utf-8"))
        self._shards: dict[int, dict[str, tuple[str, str]]] = {}

    def postings(self, term: str) -> tuple[list[int], list[int]]:
        """(doc ids holding the term, doc ids holding it in the title)."""
        n = shard_of(term, self.meta["shards"])
        if n not in self._shards:
            lines = (self.dir / "t" / f"{n}.txt").read_text(encoding="utf-8").splitlines()
            self._shards[n] = {t: (ids, title) for t, ids, title in (line.split("\t") for line in lines)}
        ids, title = self._shards[n].get(term, ("", ""))
        return decode_ids(ids), decode_ids(title)

    def find(self, query: str) -> list[int]:
        """Doc ids (ascending) matching the query as the search page matches it: every syllable
        present, and every quoted phrase present as its chain of adjacent syllable pairs."""
        free, phrases = parse_query(query)
        required = set(free) | {t for p in phrases for t in p}
        required |= {f"{a} {b}" for p in phrases for a, b in zip(p, p[1:])}
        if not required:
            return []
        found: set[int] | None = None
        for term in sorted(required, key=lambda t: len(self.postings(t)[0])):
            ids = set(self.postings(term)[0])
            found = ids if found is None else found & ids
            if not found:
                return []
        return sorted(found or ())
