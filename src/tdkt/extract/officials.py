"""Officials (people named with a position), from cleaned text.

Title patterns, not statistical NER (DESIGN.md "Officials"): a person is a Vietnamese name (2-5
capitalised syllables starting with a known family name) standing next to a title, either after
it ("Chủ tịch UBND tỉnh Trần Ngọc Tam") or before it ("Lê Thành Đông, Bí thư Thị ủy"), or both
("Chủ tịch UBND huyện Mỹ Đức, Lại Văn Toàn; Trưởng cụm thi đua số 4"). A prefix shared by a
list ("các đồng chí Ủy viên Ban Thường vụ Tỉnh ủy: A, ...; B, ...") goes to every person in it.
Bylines, photo credits and the closing signature are the author's (tdkt.extract.author), never
officials. The words all this is found by are in tdkt.extract.official_words.
"""

from __future__ import annotations

import re

from tdkt.extract.author import excluded_spans, find_author
from tdkt.extract.official_words import (
    APOSTROPHE_NAME, ASIDE, CLAUSE_BREAK, FAMILY, HEAD, HEAD_AT, HONORIFIC_BEFORE, HONORIFIC_END, LIST_GAP, LONG_RUN,
    LONG_RUN_START, MIDDLE_NAMES, NAME_OPENING, NAME_SEPARATOR, NOT_A_TITLE, NOT_PEOPLE, OPEN_BRACKET, ORG_AT, PARTY_COMMITTEE,
    PLACE_WORD_BEFORE, SENTENCE_STOP, SHAREABLE_TITLE, SPACES, SPLIT, TEST_MARKER, TITLE_STOP, TRAILING_HONORIFIC,
    is_commune, is_place, strip_marker,
)
from tdkt.extract.scan import finditer_from
from tdkt.text import fold

__all__ = ["TEST_MARKER", "find_author", "find_officials"]

_SHARED_PREFIX = re.compile(
    rf"(?:các\s+)?(?:đồng\s+chí|đ/c)\s+(?P<prefix>(?:{HEAD})(?!\w)[^:;.\n]{{0,120}}?)\s*:", re.IGNORECASE
)
# Where a _SHARED_PREFIX match can begin, in the lower-cased text (see tdkt.extract.scan).
_SHARED_PREFIX_START = re.compile(r"các|đồng|đ/c")


def _tokens(run: re.Match) -> list[tuple[int, int]]:
    # A run's syllables are letters and apostrophes one plain space apart (LONG_RUN): splitting on
    # that space is what a \S+ scan finds, without a regex per run.
    spans, at = [], 0
    for syllable in run.group(0).split(" "):
        spans.append((at, at + len(syllable)))
        at += len(syllable) + 1
    return spans


def _name_in_run(text: str, run: re.Match) -> tuple[int, int] | None:
    """The person's name inside a run of capitalised syllables, or None.

    "Hà Nam Đỗ Minh Khôi" (place + name) gives "Đỗ Minh Khôi"; "Lê Thành Đông Thành" (the
    run ran into "Thành ủy") gives "Lê Thành Đông".
    """
    if " " not in run.group(0):
        return None                       # one syllable: no name has fewer than two (most runs)
    base = run.start()
    tokens = [(base + s, base + e) for s, e in _tokens(run)]
    # Cut where a title starts inside the run ("... Đông Thành ủy viên", "... Hùng Phó Bí thư").
    for j in range(1, len(tokens)):
        if HEAD_AT.match(text, tokens[j][0]) or PARTY_COMMITTEE.match(text, tokens[j][0]):
            tokens = tokens[:j]
            break
    words = [text[s:e] for s, e in tokens]
    if len(words) > 3 and f"{words[0]} {words[1]}".lower() == "đồng chí":
        tokens, words = tokens[2:], words[2:]      # "Đồng Chí Nguyễn Duy Hùng": the honorific in capitals
    starts = [i for i, w in enumerate(map(str.lower, words))
              if (w in FAMILY or w.startswith(NAME_OPENING)) and 2 <= len(words) - i]
    if not starts:
        return _introduced_name(text, tokens, words) or _unlisted_family_name(text, tokens, words)
    start = starts[0]
    # After a province or district word the gazetteer knows every name (checked below); after a
    # commune's it may not (communes merged over the years): a short prefix is taken as the place.
    place_word = PLACE_WORD_BEFORE.search(text, max(0, base - 20), base)
    after_place_word = bool(place_word and re.match(r"(?i)xã|phường|thị trấn", place_word.group(0)))
    if after_place_word and is_commune(" ".join(words)):
        return None                       # "xã Đắk Rơ Ông": the whole run is the commune's name
    for later in starts[1:]:
        prefix = " ".join(words[:later])
        # A place name before the person ("tỉnh Đồng Tháp Phạm Văn Tâm", "xã Hoàng Đông Lê Văn Ba"),
        # or a run too long to be one name.
        if is_place(prefix) or len(words) - start > 5 or (after_place_word and later <= 3):
            start = later
            break
    name_words = words[start:start + 5]
    if len(name_words) < 2 or len(name_words) > 5:
        return None
    name = " ".join(name_words)
    if fold(name) in NOT_PEOPLE or is_place(name):
        return None
    return tokens[start][0], tokens[start + len(name_words) - 1][1]


def _introduced_name(text: str, tokens: list[tuple[int, int]], words: list[str]) -> tuple[int, int] | None:
    """A name whose family the list does not know, when "ông/bà/đồng chí" introduces it and a title
    follows ("ông Kpuih Thông, Bí thư Huyện ủy"): 2-5 capitalised syllables, apostrophes allowed."""
    skip = 0
    if words and words[0].lower() in ("ông", "bà"):
        skip = 1
    elif len(words) > 1 and " ".join(words[:2]).lower() == "đồng chí":
        skip = 2
    elif not HONORIFIC_BEFORE.search(text, max(0, tokens[0][0] - 12), tokens[0][0]):
        return None
    name_tokens = tokens[skip:]
    if not 2 <= len(name_tokens) <= 5:
        return None
    end = name_tokens[-1][1]
    aside = ASIDE.match(text, end)
    sep = NAME_SEPARATOR.match(text, aside.end() if aside else end)
    if not sep or not HEAD_AT.match(text, sep.end()):
        return None
    name = text[name_tokens[0][0]:end]
    if fold(name) in NOT_PEOPLE or is_place(name):
        return None
    return name_tokens[0][0], end




def _unlisted_family_name(text: str, tokens: list[tuple[int, int]], words: list[str]) -> tuple[int, int] | None:
    """A name whose family the list does not know: "Phó Chủ tịch UBND tỉnh Thông Văn Bình" (a title
    right before, and a common middle name), or a Khmer name opening with "Thị" ("Thị Mỹ Hạnh, Phó
    Chủ tịch ...", a title right after)."""
    if 3 <= len(words) <= 4 and words[0] == "Thị":
        end = tokens[-1][1]
        sep = NAME_SEPARATOR.match(text, end)
        if sep and HEAD_AT.match(text, sep.end()):
            return tokens[0][0], end
        return None
    for i in range(len(words) - 2):
        if words[i + 1].lower() in MIDDLE_NAMES and 3 <= len(words) - i <= 4:
            if i and not is_place(" ".join(words[:i])):
                return None
            name = " ".join(words[i:])
            start = tokens[i][0]
            if is_place(name) or fold(name) in NOT_PEOPLE:
                return None
            return (start, tokens[-1][1]) if _title_before(text, start, max(0, start - 120), True) else None
    return None


def _title_after(text: str, pos: int) -> tuple[str, int] | None:
    """A title starting at pos ("Phó Bí thư Huyện ủy, Chủ tịch UBND huyện ..."), up to a verb or a break."""
    if not HEAD_AT.match(text, pos):
        return None
    limit = min(len(text), pos + 300)
    stop = TITLE_STOP.search(text, pos + 1, limit)
    end = stop.start() if stop else limit
    # A comma continues the title only into another title, an organisation, or a capitalised
    # word that goes on a name ("Hội đồng Thi đua, Khen thưởng"); not into a person
    # ("..., Nguyễn Văn B") nor "ông/bà/các ...".
    comma = text.find(",", pos, end)
    while comma != -1:
        after = SPACES.match(text, comma + 1).end()
        word = text[after:after + 12].split(" ", 1)[0]
        if not (HEAD_AT.match(text, after) or ORG_AT.match(text, after)
                or (word[:1].isupper() and word.lower() not in FAMILY and word.lower() not in NOT_A_TITLE)):
            end = comma
            break
        comma = text.find(",", comma + 1, end)
    title = text[pos:end].strip(" ,-–—")
    if len(title) > 220:
        title = title[:220].rsplit(",", 1)[0]
    return (title, pos + len(title)) if title else None




def _title_before(text: str, name_start: int, floor: int, across_lines: bool = False) -> tuple[str, int] | None:
    """A title written right before the name ("Bí thư Thị ủy Lê Thành Đông"), and where it starts."""
    window_start = floor
    soft = _soft_break_before(text, name_start) if across_lines else None
    for m in CLAUSE_BREAK.finditer(text, floor, name_start):
        if soft is not None and soft <= m.start():
            break
        window_start = m.end()
    window = text[window_start:name_start]
    if soft is not None and soft >= window_start:
        window = window.replace("\n", " ")   # same length: positions hold
    stripped = window.rstrip()
    # "Phó Chủ tịch UBND tỉnh, đồng chí Lê Văn A": the honorific stands between title and name.
    honorific = TRAILING_HONORIFIC.search(stripped)
    if honorific:
        stripped = stripped[:honorific.start()].rstrip()
    comma_before_name = stripped.endswith(",") and not honorific
    if comma_before_name:
        stripped = stripped[:-1].rstrip()
    if not stripped or stripped[-1:] in "-–—":
        return None
    # The title is the last stretch of the window that starts with a title word and holds no verb;
    # comma-separated pieces after it must continue a name ("Sở Văn hóa, Thể thao và Du lịch").
    best = None
    piece_end = len(stripped)
    while best is None:
        piece_start = stripped.rfind(",", 0, piece_end) + 1
        piece = stripped[piece_start:piece_end]
        for head in HEAD_AT.finditer(piece):
            rest = stripped[piece_start + head.start():] + " "
            stop = TITLE_STOP.search(rest, 1)
            if stop and stop.start() < len(rest.rstrip()):
                continue
            best = piece_start + head.start()
            break
        if best is None:
            if piece_start == 0 or not piece.strip()[:1].isupper():
                return None
            piece_end = piece_start - 1
    if comma_before_name and not HONORIFIC_END.search(stripped[:best]):
        # "Chủ tịch UBND huyện Mỹ Đức, Lại Văn Toàn" only after "Đồng chí"/"ông"/"bà".
        return None
    if honorific and _ON_BEHALF.search(stripped, 0, best):
        # "Thừa ủy quyền của Chủ tịch nước, đồng chí A, ...": the title is the one A acts for.
        return None
    # Earlier comma-separated titles belong to the same person ("Phó chủ tịch nước, Phó chủ tịch thứ nhất ...").
    start = best
    while True:
        before = stripped[:start].rstrip()
        if not before.endswith(","):
            break
        prev_comma = before.rfind(",", 0, len(before) - 1)
        piece_start = prev_comma + 1 if prev_comma != -1 else 0
        piece = before[piece_start:-1].strip()
        head = HEAD_AT.match(piece)
        if not head or TITLE_STOP.search(piece + " ", 1).start() < len(piece):
            break
        start = piece_start + (len(before[piece_start:]) - len(before[piece_start:].lstrip()))
    title = stripped[start:].strip(" ,")
    return title, window_start + start


_ON_BEHALF = re.compile(r"(?i:của|ủy quyền|uỷ quyền|thay mặt|được sự ủy quyền)\s*$")


def _soft_break_before(text: str, name_start: int) -> int | None:
    """Where a line broken mid-sentence ends, when the name opens the next line.

    "Tại Đại hội, Chủ tịch UBND huyện\nLang Văn C đọc ...": the line before ends on a word, not
    on sentence punctuation, and it is not the page's first line (a headline ends on a word too).
    """
    gap_start = name_start
    while gap_start and text[gap_start - 1] in " \n":
        gap_start -= 1
    if "\n" not in text[gap_start:name_start] or not text[gap_start - 1:gap_start].isalnum():
        return None
    line_start = text.rfind("\n", 0, gap_start) + 1
    if not text[:line_start].strip():
        return None
    return gap_start


# "Nguyễn Văn A-Tỉnh ủy viên": a name's last syllable (a capital, then small letters) and a title
# joined by a dash with no spaces are written apart; "HUV-Phó Chủ tịch" is one title and stays.
_GLUED_DASH = re.compile(rf"(?<![^\W\d_])([^\W\d_][^\W\d_]*)[-–](?=(?i:{HEAD})(?!\w))")
# The dash of a _GLUED_DASH match: a search that opens with a character class runs in C, while
# _GLUED_DASH, opening with a lookbehind and a greedy run of letters, is tried (and backtracked)
# at every letter of the text.
_DASH_BEFORE_TITLE = re.compile(rf"[-–](?=(?i:{HEAD})(?!\w))")
_LETTER = re.compile(r"[^\W\d_]")


def _unglued(match: re.Match) -> str:
    syllable = match.group(1)
    if syllable[0].isupper() and syllable[1:].islower():
        return f"{syllable} - "
    return match.group(0)


def _unglue_dashes(text: str) -> str:
    """_GLUED_DASH.sub(_unglued, text): each match is the whole run of letters before such a dash."""
    pieces, done = [], 0
    for dash in _DASH_BEFORE_TITLE.finditer(text):
        at = start = dash.start()
        while start > done and _LETTER.match(text, start - 1):
            start -= 1
        if start == at:
            continue                      # no letter right before the dash
        syllable = text[start:at]
        if syllable[0].isupper() and syllable[1:].islower():
            pieces.append(text[done:start])
            pieces.append(f"{syllable} - ")
            done = at + 1
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def find_officials(text: str) -> list[dict]:
    """[{name, title, rule}] in order of first appearance, one per person (the title naming most positions)."""
    text = strip_marker(text)
    if "-" in text or "–" in text:
        text = _unglue_dashes(text)
    excluded = excluded_spans(text)
    lowered = text.lower()
    shared = (finditer_from(_SHARED_PREFIX, _SHARED_PREFIX_START, text, starts_in=lowered)
              if len(lowered) == len(text) else _SHARED_PREFIX.finditer(text))  # else İ etc. grew
    prefixes = [(m.group("prefix").strip(), m.end(), _sentence_end(text, m.end())) for m in shared]
    people: dict[str, dict] = {}
    order: list[str] = []
    previous_name_end = 0
    list_title: tuple[str, int] | None = None    # a title several hold, and where its list of names ends
    for start, end in _name_spans(text):
        if any(s <= start < e for s, e in excluded):
            continue
        name = text[start:end]
        floor_for_title = previous_name_end
        after = None
        # "Nguyễn Văn A (thứ hai từ trái sang), Bí thư ...": a bracketed aside before the title.
        aside = ASIDE.match(text, end)
        sep = NAME_SEPARATOR.match(text, aside.end() if aside else end)
        if sep:
            after = _title_after(text, sep.end())
            if after and _names_another(text, sep.end(), after[1]):
                after = None              # "A, Chủ tịch UBND huyện B, ...": that title is B's
        else:
            paren = OPEN_BRACKET.match(text, end)
            if paren:
                after = _title_after(text, paren.end())
        # A title before this name starts after the previous person ("Bí thư Tỉnh ủy A và Chủ tịch UBND tỉnh B").
        before = _title_before(text, start, max(0, start - 250, floor_for_title))
        joiner = ", "
        split = SPLIT.match(text, end)
        if before and not after and split:
            # The name split over a title: "Chủ tịch UBND huyện Mỹ Đức, Lại Văn Toàn; Trưởng cụm ..."
            after = _title_after(text, split.end())
            joiner = split.group(1) + " "
            if after and _holds_name(text, split.end(), after[1]):
                # "...; Bí thư Huyện ủy Y Lê Thị F": the next entry is title-then-name, another person.
                after = None
        # The next person's title-before starts after this person's name and title.
        if not before and not after:
            # Only a name with no title of its own reads back over a broken line ("Chủ tịch UBND
            # huyện\nLang Văn C đọc ..."): "Name, Title" opening a paragraph is the paragraph's.
            before = _title_before(text, start, max(0, start - 250, floor_for_title), across_lines=True)
        previous_name_end = after[1] if after else end
        if before and after:
            title, rule = f"{before[0]}{joiner}{after[0]}", "official:title-name-title"
        elif after:
            title, rule = after[0], "official:name-title"
        elif before:
            title, rule = before[0], "official:title-name"
        else:
            listed = _listed_under(text, prefixes, start)
            if listed is None and list_title and _LIST_JOIN.fullmatch(text, list_title[1], start):
                listed = list_title[0]    # "Phó Chủ tịch UBND tỉnh A, B và C": a title several hold
            if listed is None:
                continue
            # "các đồng chí Phó Giám đốc Công an tỉnh: A, B": the list's shared title is each one's.
            title, rule = listed, "official:shared-title-list"
        for prefix, p_start, p_end in prefixes:
            if p_start <= start < p_end and not fold(title).startswith(fold(prefix)):
                title, rule = f"{prefix}, {title}", rule + "+shared-prefix"
        title = re.sub(r"\s+", " ", title).strip(" ,;-–")
        if title.endswith(")") and title.count(")") > title.count("("):
            title = title[:-1].rstrip(" ,;-–")      # "(Phó Bí thư Tỉnh ủy)": the bracket closes the aside
        shared_list = rule in ("official:title-name", "official:shared-title-list")
        list_title = (title, end) if shared_list and SHAREABLE_TITLE.match(title) else None
        key = fold(name)
        if key not in people:
            people[key] = {"name": name, "title": title, "rule": rule}
            order.append(key)
        elif _positions(title) > _positions(people[key]["title"]):
            # The fullest title names the most positions; on a tie the first wording stays.
            people[key].update(title=title, rule=rule)
    return [people[k] for k in order]




def _name_spans(text: str):
    """(start, end) of each person's name candidate, in text order."""
    spans = []
    for run in finditer_from(LONG_RUN, LONG_RUN_START, text):
        span = _name_in_run(text, run)
        if span:
            spans.append(span)
    if "'" in text or "’" in text:
        taken = {s for s, _ in spans}
        spans.extend(m.span("name") for m in APOSTROPHE_NAME.finditer(text) if m.start("name") not in taken)
        spans.sort()
    return spans


# Names that stand in a title as the name of a school, a street, a commune or an award, not a person.
_NAMED_AFTER = re.compile(r"(?i:trường|thpt|thcs|tiểu học|mầm non|học viện|đại học|cao đẳng|đường|phố|xã|phường"
                          r"|thị trấn|quỹ|giải thưởng|huân chương|tư tưởng|phong cách|tncs)\s*$")
# Between the names of a list: a comma, "và", or both.
_LIST_JOIN = re.compile(r"\s*(?:,\s*(?:và\s+)?|và\s+)")


def _names_another(text: str, start: int, end: int) -> bool:
    """Whether a title read after a name holds another person's name ("Chủ tịch UBND huyện Trần
    Văn B"): it is then that person's title, not the one before."""
    for run in LONG_RUN.finditer(text, start, end):
        span = _name_in_run(text, run)
        if span and not _NAMED_AFTER.search(text, max(start, span[0] - 25), span[0]):
            return True
    return False


def _holds_name(text: str, start: int, end: int) -> bool:
    return any(_name_in_run(text, run) for run in LONG_RUN.finditer(text, start, end))


def _listed_under(text: str, prefixes, start: int) -> str | None:
    """The shared title when the name stands in the bare list right after it ("...: A, B và C")."""
    for prefix, p_start, p_end in prefixes:
        if p_start <= start < p_end and LIST_GAP.fullmatch(text, p_start, start):
            return prefix
    return None


def _positions(title: str) -> int:
    return sum(1 for _ in HEAD_AT.finditer(title))


def _sentence_end(text: str, pos: int) -> int:
    m = SENTENCE_STOP.search(text, pos, pos + 2000)
    return m.start() if m else min(len(text), pos + 2000)
