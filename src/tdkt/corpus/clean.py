"""Clean: normalized article text -> the article's own paragraphs, and a list of what went.

Scraped pages carry the portal around the article: skip links, font-size widgets, menus,
visit counters, rating and comment forms, link/weather/poll boxes, share and tag footers, the
header clock. `clean` removes those line by line, drops repeated paragraphs and joins lines
broken in mid-sentence. It is conservative by design: a line goes only when a rule names it
(the reason is recorded, `tdkt extract --explain` prints it); anything unsure stays, because a
lost sentence of the article is worse than a stray menu item.

Bylines ("Tin: ...", "Ảnh: ...", a signature line) and date lines ("Ngày đăng: ...", the
corpus' leading "date YYYY-MM") stay: the extractor reads them.

What a single line (or the end of one) can be is `tdkt.corpus.chrome`'s; this module decides from where
a line stands (above the story, inside it, below it) and assembles the paragraphs.
"""

from __future__ import annotations

import re

from tdkt.corpus.chrome import (
    BULLETS, BYLINE, DATE_MARK, NUMBER_REASON, WEEKDAY_FIRST, bar_rule, chrome_tail, fold_short,
    is_banner, is_clock, is_menu_bar, rule_for,
)
from tdkt.model import CleanArticle, RawArticle, Removal
from tdkt.text import as_normal, normalize

# A headline or a paragraph has at least this many words; shorter lines may be chrome.
_CONTENT_WORDS = 5
# Repeated lines of at least this many words are a repeated paragraph, not a coincidence.
_DEDUP_WORDS = 5
_DEDUP_MAX_CHARS = 5000

_SENTENCE_END = ".!?…:;\"”’'»)]"
_HEADER_DATE_REASON = "header date/time (the page's today, not the article's date)"
_POLL_HEADING = re.compile(r"^(tham do y kien|y kien tham do|binh chon|ket qua tham do)\b")
_POLL_REASON = "poll question"
_MENU_REASON = "site menu"


def _is_content(line: str, folded: str, count: int | None = None) -> bool:
    """`count` is len(line.split()) when the caller has it."""
    count = len(line.split()) if count is None else count
    return count >= _CONTENT_WORDS and not is_clock(line, folded)


def _is_prose(line: str, count: int | None = None) -> bool:
    """A sentence of the article, as opposed to a footer item: long, or a finished sentence.
    `count` is len(line.split()) when the caller has it."""
    count = len(line.split()) if count is None else count
    return count >= 12 or (count >= _CONTENT_WORDS and line[-1:] in ".!?…")


def _looks_like_byline_or_name(line: str, folded: str) -> bool:
    """A byline or a signature ('Thị Thoang', 'Phương Thảo'): the extractor's author."""
    if BYLINE.match(folded):
        return True
    tokens = line.split()
    return (
        1 <= len(tokens) <= 6
        and not any(ch.isdigit() for ch in line)
        and all(t[:1].isupper() or t in "-–,." for t in tokens)
    )


def _short(line: str, max_words: int) -> bool:
    return len(line.split()) <= max_words and line[-1:] not in ".!?…"


def _mark_menu_runs(
    lines: list[str], folded: list[str], reasons: list[str | None], start: int, stop: int,
    max_words: int,
) -> None:
    """Inside the header or footer: a run of short lines mostly named chrome is a menu/link block.

    Only outside the body, because a list of short lines inside an article (the units awarded)
    is the article.
    """
    run: list[int] = []

    def flush():
        if len(run) >= 3:
            named = sum(reasons[i] is not None for i in run)
            if named * 2 >= len(run):
                for i in run:
                    if reasons[i] is None and not _looks_like_byline_or_name(lines[i], folded[i]):
                        reasons[i] = "menu or link block"
        run.clear()

    for i in range(start, stop):
        line = lines[i]
        if not line:
            continue
        if _short(line, max_words) or reasons[i] is not None:
            run.append(i)
        else:
            flush()
    flush()


# Words a sentence cannot end on: a line ending in one and followed by a number was broken.
_OPEN_ENDINGS = frozenset(
    "năm ngày tháng số là và có gồm với cho của đạt trên dưới hơn khoảng tổng được từ đến tới "
    "các những hạng lần thứ giai đoạn".split()
)


# Hard-wrapped text (a print or PDF copy: every line cut near the same width, the next line going
# on in capitals as often as not: "... Chủ tịch" / "UBND tỉnh, ..."). A line is a wrapped one inside
# a block of at least _WRAP_RUN lines, one after the other with no blank line, each of a wrap
# width; a block's first line must say it goes on (a comma or dash at its end), since it may be a
# headline standing on the lead.
_WRAP_MIN_CHARS, _WRAP_MAX_CHARS, _WRAP_RUN = 60, 130, 3
_LIST_ITEM = re.compile(r"^(?:[-+•*–]|\d{1,2}[.)/]|[a-zđ][.)])\s")


def _wrapped_lines(lines: list[str]) -> set[int]:
    """1-based numbers of the lines of hard-wrapped blocks that the next line goes on from."""
    wrapped: set[int] = set()
    run: list[int] = []
    for i, line in enumerate(lines + [""]):
        if _WRAP_MIN_CHARS <= len(line) <= _WRAP_MAX_CHARS and not _LIST_ITEM.match(line):
            run.append(i)
            continue
        if len(run) >= _WRAP_RUN:
            for j in run:
                if j + 1 < len(lines) and lines[j + 1] and lines[j][-1:] not in _SENTENCE_END:
                    if j != run[0] or lines[j][-1:] in ",-–":
                        wrapped.add(j + 1)
        run = []
    return wrapped


def _continues(previous: "_Paragraph", line: str, number: int = 0, wrapped: frozenset | set = frozenset()) -> bool:
    """Whether `line` (input line `number`) is the rest of a sentence broken after `previous`."""
    if previous.last_char in _SENTENCE_END or DATE_MARK.match(line):
        return False
    if previous.last_line in wrapped and number == previous.last_line + 1:
        return True
    first = line[2:3] if line.startswith("- ") else line[:1]
    if first.isalpha():
        # "... năm 2023 là" / "UBMTTQVN huyện ...": a line ending on "là", "của", "và" goes on
        return first.islower() or previous.last_word() in _OPEN_ENDINGS
    if first.isdigit():
        return previous.last_word() in _OPEN_ENDINGS
    return False


def _goes_on_into(previous: str, number: str) -> bool:
    """Whether a number line finishes the sentence broken after `previous` ("... năm" / "2023.")."""
    if previous[-1:] in _SENTENCE_END:
        return False
    last_word = previous.rsplit(None, 1)[-1].lower() if previous.strip() else ""
    return last_word in _OPEN_ENDINGS or number[-1:] in ".!?…;"


class _Paragraph:
    """A paragraph being assembled from input lines (parts joined by one space at the end)."""

    __slots__ = ("line", "last_line", "parts", "key")

    def __init__(self, line: int, text: str):
        self.line, self.last_line, self.parts, self.key = line, line, [text], None

    def append(self, line: int, text: str) -> None:
        self.parts.append(text)
        self.last_line = line

    @property
    def text(self) -> str:
        return " ".join(self.parts)

    @property
    def last_char(self) -> str:
        return self.parts[-1][-1:]

    def last_word(self) -> str:
        tail = self.parts[-1].rsplit(None, 1)
        return tail[-1] if tail else ""


def _dedup_key(paragraph: _Paragraph) -> str | None:
    text = paragraph.text
    # Very long paragraphs are not ledes or captions; skipping them keeps the cost linear.
    if len(text) > _DEDUP_MAX_CHARS or DATE_MARK.match(text):
        return None
    # The exact text: a copy that differs in a letter or a mark may say something else. Its words
    # one plain space apart: most paragraphs are so already (checked in C, not split and joined).
    if "  " in text or _NOT_PLAIN_SPACE.search(text) or text[:1] == " " or text[-1:] == " ":
        key = " ".join(text.split())
    else:
        key = text
    return key if key.count(" ") + 1 >= _DEDUP_WORDS else None


# Whitespace str.split splits at, but the plain space.
_NOT_PLAIN_SPACE = re.compile(r"[^\S ]")


def _join_and_dedup(lines: list[tuple[int, str]], removed: list[Removal], wrapped: set[int]) -> list[str]:
    """Join lines broken mid-sentence and drop repeated paragraphs, in one pass.

    Invariant of `out`: no paragraph continues its predecessor and no two closed paragraphs
    repeat, so cleaning the output again changes nothing (idempotence).
    """
    out: list[_Paragraph] = []
    seen: dict[str, int] = {}

    def close(paragraph: _Paragraph) -> bool:
        """Register a finished paragraph; False when it repeats an earlier one."""
        key = _dedup_key(paragraph)
        if key is not None and key in seen:
            removed.append(Removal(paragraph.line, paragraph.text, f"repeated paragraph (first at line {seen[key]})"))
            return False
        paragraph.key = key
        if key is not None:
            seen[key] = paragraph.line
        return True

    def reopen(paragraph: _Paragraph) -> None:
        if paragraph.key is not None and seen.get(paragraph.key) == paragraph.line:
            del seen[paragraph.key]
        paragraph.key = None

    for number, line in lines:
        if out and _continues(out[-1], line, number, wrapped):  # the last paragraph is the open one
            out[-1].append(number, line)
            continue
        if out and not close(out[-1]):
            out.pop()
            if out and _continues(out[-1], line):
                reopen(out[-1])
                out[-1].append(number, line)
                continue
        out.append(_Paragraph(number, line))
    if out and not close(out[-1]):
        out.pop()
    return [p.text for p in out]


def clean(text: str) -> tuple[str, list[Removal]]:
    """Normalized article text -> (cleaned text, removals). Pure; idempotent."""
    lines = [line.strip() for line in normalize(text).split("\n")]
    trimmed: list[Removal] = []
    folded = [fold_short(line) for line in lines]
    for i, line in enumerate(lines):
        if line[-1:].isdigit() or line[-1:] in ".)]":
            tail = chrome_tail(line, folded[i])
            if tail:
                lines[i] = tail[0]
                folded[i] = fold_short(tail[0])
                trimmed.append(Removal(i + 1, tail[1], tail[2]))
    # Each line's words, counted once for the tests below.
    counts = [len(line.split()) for line in lines]
    reasons: list[str | None] = [rule_for(line, f) or (bar_rule(line, f) if "|" in line or "»" in line else None)
                                 for line, f in zip(lines, folded)]
    # Menu bars in the page's header (before the first sentence of prose) or its footer.
    menu_bars = {i for i, line in enumerate(lines) if reasons[i] is None and is_menu_bar(line, folded[i])}
    prose_lines = [i for i, line in enumerate(lines)
                   if line and reasons[i] is None and i not in menu_bars and _is_prose(line, counts[i])]
    if prose_lines:
        for i in menu_bars:
            if i < prose_lines[0] or i > prose_lines[-1]:
                reasons[i] = _MENU_REASON

    # A number alone on a line is a counter's value when it follows a counter's label; after a
    # sentence broken mid-way ("... năm" / "2023.") it is the rest of that sentence. Above the
    # story's first sentence (between headline and lead) or below its last, a number that does not
    # go on from the line before is a counter whose label the scrape lost; inside the story it may
    # be a table's figure, and stays.
    sentences = [i for i in prose_lines if lines[i][-1:] in ".!?…" or counts[i] >= 25]
    for i, line in enumerate(lines):
        if reasons[i] == NUMBER_REASON:
            before = next((j for j in range(i - 1, -1, -1) if lines[j]), None)
            if before is not None and (reasons[before] or lines[before].endswith(":")):
                continue
            outside = not sentences or i < sentences[0] or i > prose_lines[-1]
            # a number closed by a full stop ends a sentence, or is one ("30 30 30."): no counter
            if not outside or line[-1:] in ".!?…" or (before is not None and _goes_on_into(lines[before], line)):
                reasons[i] = None

    # A poll box: its heading is named chrome, the question under it is the poll's, not the article's.
    for i, line in enumerate(lines):
        if reasons[i] and _POLL_HEADING.match(BULLETS.sub("", folded[i])):
            after = next((j for j in range(i + 1, min(i + 4, len(lines))) if lines[j]), None)
            if after is None or not lines[after].endswith("?") or len(lines[after].split()) > 20:
                continue
            # ... and under the question come its options or more sidebar, not the article
            below = next((j for j in range(after + 1, min(after + 4, len(lines))) if lines[j]), None)
            if below is not None and (reasons[below] or _short(lines[below], 6)):
                reasons[after] = _POLL_REASON

    content = [i for i, line in enumerate(lines)
               if line and reasons[i] is None and _is_content(line, folded[i], counts[i])]
    prose = [i for i in content if _is_prose(lines[i], counts[i])]
    first = content[0] if content else len(lines)
    last = prose[-1] if prose else (content[-1] if content else -1)

    # The header clock ("Thứ Bảy, 28/01/2023, 20:42") stands above the headline. Only when a
    # second date follows near the top is the first one surely the page's today and not the
    # article's own date (which some portals also print above the headline).
    header_dates = [i for i in range(min(len(lines), first + 6, 60))
                    if lines[i] and reasons[i] is None and is_clock(lines[i], folded[i])]
    if len(header_dates) >= 2 and header_dates[0] < first:
        reasons[header_dates[0]] = _HEADER_DATE_REASON
    # A weekday-led clock above the headline, or right above the site's chrome, is the page's today:
    # the article's own stamp stands under the headline or carries a label ("Cập nhật", "Ngày đăng").
    # (With no headline under it, a lone stamp above the lead may be the article's own: it stays.)
    for i in header_dates:
        if i >= first or reasons[i] is not None or not WEEKDAY_FIRST.match(folded[i]):
            continue
        below = [j for j in range(i + 1, min(len(lines), i + 4)) if lines[j]][:2]
        chrome_below = bool(below) and reasons[below[0]] is not None
        # a headline: the first content line under it is no finished sentence and more text follows
        after = [j for j in content if j > i][:2]
        headline_below = len(after) == 2 and lines[after[0]][-1:] not in ".!?…"
        if chrome_below or headline_below:
            reasons[i] = _HEADER_DATE_REASON
    # The portal owner's name in capitals above the article ("ỦY BAN NHÂN DÂN HUYỆN X", "SỞ Y TỈNH Z"):
    # a banner, unless it says what happened (then it is an upper-case headline).
    for i in range(min(first + 1, len(lines))):
        if reasons[i] is None and is_banner(lines[i], folded[i]) and any(j > i for j in content):
            reasons[i] = "site banner"
    # Footer items run longer than menu entries ("Văn hóa du lịch Đồ Sơn 19 tháng 1, 2024").
    _mark_menu_runs(lines, folded, reasons, 0, first, max_words=6)
    _mark_menu_runs(lines, folded, reasons, max(first, last + 1), len(lines), max_words=10)

    removed: list[Removal] = []
    paragraphs: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if reasons[i] is not None:
            removed.append(Removal(i + 1, line, reasons[i]))
        else:
            paragraphs.append((i + 1, line))
    kept = _join_and_dedup(paragraphs, removed, _wrapped_lines(lines))
    removed.extend(trimmed)
    removed.sort(key=lambda r: r.line)
    cleaned = "\n\n".join(kept)
    # Whole lines of the normalized text, joined by a space or a blank line, are normalized too: the
    # extractor's insurance normalize() need not check them again. (A line cut short may not be:
    # "hoà" cut before a letter is an old-style tone at the line's end.)
    return (cleaned if trimmed else as_normal(cleaned)), removed


def clean_article(raw: RawArticle) -> CleanArticle:
    """Clean a RawArticle; removals are numbered as lines of the input file where ingest knows
    where the text starts in it (after front matter and leading blank lines)."""
    text, removed = clean(raw.text)
    offset = int(raw.meta.get("first_line", 1)) - 1
    if offset:
        removed = [Removal(r.line + offset, r.text, r.reason) for r in removed]
    return CleanArticle(raw=raw, text=text, removed=removed)


def explain(removals: list[Removal]) -> str:
    """One removal per line: LINE<TAB>REASON<TAB>TEXT (the text's own tabs made spaces)."""
    return "\n".join(
        f"{r.line}\t{r.reason}\t{r.text.replace(chr(9), ' ')}" for r in removals
    )
