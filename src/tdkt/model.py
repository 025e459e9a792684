"""The shapes that flow between pipeline stages, and the data contract of `tdkt extract`.

RawArticle (ingest) -> CleanArticle (clean) -> Article dict (extract).
The Article is a plain dict because it *is* the JSON contract (DESIGN.md, "The data
contract"): keys may be added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

UNIT_LEVELS = ("province", "district", "commune", "sector", "cluster", "central", "other")
AWARD_STATUSES = ("given", "proposed")

# What each browsable field rests on: record["evidence"][field] = {"source": ..., "confidence": ...}
# (tdkt.extract.evidence says what each value means), and where an article without a province is
# listed: record["province_scope"] ("province": a province is named; "central": a national body or
# a cluster of several provinces, listed under "Trung ương, liên tỉnh"; "unknown": nothing settles
# it, listed under "Chưa rõ tỉnh, thành").
EVIDENCE_FIELDS = ("title", "event_date", "published_date", "unit", "province", "reviewed_year", "campaign_year")
EVIDENCE_SOURCES = ("text", "outlet", "sidecar", "gazetteer", "inferred", "override", "none")
EVIDENCE_CONFIDENCES = ("high", "medium", "low", "none")
PROVINCE_SCOPES = ("province", "central", "unknown")

# Keys every article record carries, in the order they are written.
CONTRACT_KEYS = (
    "id", "source", "url", "title", "display_title", "event_date", "published_date", "unit", "province",
    "reviewed_year", "campaign_year", "awards", "officials", "author", "body", "warnings",
)


class InputError(Exception):
    """An input that cannot become an article; the message is one line naming the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


@dataclass
class RawArticle:
    """What ingest read: decoded text plus whatever provenance came with it."""

    source: str                 # input path as given (relative to the corpus root when built)
    text: str                   # decoded text; for HTML, the main text trafilatura found
    kind: str                   # "txt" | "html"
    encoding: str               # how the bytes were decoded, e.g. "utf-8", "windows-1258", "tcvn3"
    url: str | None = None
    fetched: str | None = None
    meta: dict = field(default_factory=dict)       # page metadata: title, date, author, sitename
    overrides: dict = field(default_factory=dict)  # field overrides from the sidecar / front matter


@dataclass
class Removal:
    """One line the cleaner took out, and why (shown by `tdkt extract --explain`)."""

    line: int      # 1-based line number in the decoded text
    text: str
    reason: str


@dataclass
class CleanArticle:
    raw: RawArticle
    text: str                   # cleaned text: paragraphs separated by one blank line
    removed: list[Removal] = field(default_factory=list)
