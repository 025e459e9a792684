"""event_date and published_date.

- published_date: the post date the page prints with the article: a stored leading
  " date YYYY-MM-DD" marker (a month-only marker gives null), a labelled date ("Ngày đăng",
  "Cập nhật", "Đăng ngày"), or a date-and-time stamp line in the opening next to the headline.
  The page header's "today" (a stamp line above the headline when another follows it) is neither.
- event_date: the day the conference was held, from the lead ("Sáng 25/1", "Chiều ngày 19/01",
  "Ngày 14-1", "Chiều 27.2", "ngày 9 tháng 1"). A date without a year takes it from the years the
  article is about: a conference reviewing 2023 held in January-September is in 2024, one held in
  October-December is in 2023; failing those, from the published date, then from the latest
  year the text names. References to documents ("Nghị quyết số 66/NQ-HĐND ngày 20/12/2023") are
  not events.
"""

from __future__ import annotations

import datetime as dt
import re

from tdkt.extract.scan import finditer_from
from tdkt.text import fold

# A lead typed without its marks ("Ngay 23/1, ...", "Sang 12/1, ...") opens a sentence with a capital:
# only then are the bare words taken for these.
_DAY_PART = r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Ss]ớm|[Hh]ôm nay|[Hh]ôm qua|(?<![\w,] )(?:Sang|Chieu))"
_DM = r"(\d{1,2})\s*[/\-.]\s*(\d{1,2})(?:\s*[/\-.]\s*(\d{4}))?(?![\d/])"
_EVENT_PATTERNS = (
    ("day-part date", re.compile(_DAY_PART + r"(?: nay| qua| mai)?(?: thứ \w+)?,?(?: ngày)?\s*\(?\s*" + _DM)),
    # an event over two or three days ("Trong 2 ngày 11 và 12/1", "Ngày 11-12/1"): its first day
    ("first of its days", re.compile(r"\b(?:[Tt]rong (?:2|3|hai|ba) ngày|[Nn]gày)\s+(\d{1,2})\s*(?:và|-|–|,)\s*"
                                     r"\d{1,2}\s*[/.]\s*(\d{1,2})(?:\s*[/.]\s*(\d{4}))?(?![\d/])")),
    ("dated lead", re.compile(r"\b(?:[Nn]gày|(?<![\w,] )Ngay)\s+" + _DM)),
    ("dated lead", re.compile(r"\b[Nn]gày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?")),
)
# Where a match of each of _EVENT_PATTERNS can begin (they open with `\b` or a lookbehind, which sre
# tries at every character: see tdkt.extract.scan).
_EVENT_STARTS = (
    re.compile("Sáng|sáng|Chiều|chiều|Tối|tối|Trưa|trưa|Đêm|đêm|Sớm|sớm|Hôm nay|hôm nay|Hôm qua|hôm qua|Sang|Chieu"),
    re.compile("Trong |trong |Ngày|ngày"),
    re.compile("Ngày|ngày|Ngay"),
    re.compile("Ngày|ngày"),
)
_FIRST_WORKING_DAY = re.compile(r"ngày (?:làm việc )?đầu (?:tiên )?(?:làm việc )?(?:của|trong) năm (\d{4})")
# Words just before a date that make it a document's date, not the event's.
_DOCUMENT_REF = re.compile(
    r"(?:số\s*\S*\d+/\S*|[Qq]uyết định|[Nn]ghị quyết|[Kk]ế hoạch|[Cc]hỉ thị|[Cc]ông văn|[Tt]hông báo|"
    r"[Tt]hông tư|[Nn]ghị định|[Hh]ướng dẫn|[Ll]uật|ban hành|thành lập|giải phóng)[^.;]{0,25}$"
)
_FUTURE = re.compile(r"^\s*(?:tới|sắp tới|tới đây)\b")

_FULL_DATES = (
    # US style with a 12-hour clock: month first
    ("us", re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\s+\d{1,2}:\d{2}(?::\d{2})?\s*([AaPp][Mm])\b")),
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)")),
    ("dmy", re.compile(r"(?<![\d/])(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})(?!\d)")),
    ("words", re.compile(r"\b(\d{1,2})\s+tháng\s+(\d{1,2}),?\s+(?:năm\s+)?(\d{4})\b", re.IGNORECASE)),
)
_FOUR_DIGITS = re.compile(r"\d{4}")
_LEADING_MARKER = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s*")
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}(?::\d{2})?\b")
_LABELLED = re.compile(
    r"(?:ngày đăng|đăng ngày|ngày cập nhật|cập nhật|ngày xuất bản|xuất bản|đăng lúc|thời gian đăng)"
    r"(?:\s*lúc)?\s*[:,]?\s*", re.IGNORECASE)
# What may sit on a date-stamp line besides the date itself.
_STAMP_WORDS = set(
    "thu hai ba tu nam sau bay chu nhat cn t ngay thang luc cap nhat dang xuat ban gmt sa ch am pm "
    "boi luot xem luot binh luan gio".split()
)


def iso(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_full_date(text: str) -> str | None:
    """The first complete date (with a year) written in a string, as ISO, or None."""
    if not _FOUR_DIGITS.search(text):
        return None                       # every form has a four-digit year: most lines are done here
    found: list[tuple[int, str]] = []
    for kind, pattern in _FULL_DATES:
        for match in pattern.finditer(text):
            a, b, c = match.group(1), match.group(2), match.group(3)
            if kind == "iso":
                value = iso(int(a), int(b), int(c))
            elif kind == "us":
                value = iso(int(c), int(a), int(b))
            else:
                day, month = int(a), int(b)
                if month > 12 and day <= 12:   # 2/23/2023 without a clock: still month first
                    day, month = month, day
                value = iso(int(c), month, day)
            if value:
                found.append((match.start(), value))
                break
    return min(found)[1] if found else None


def leading_marker(first_line: str) -> tuple[str | None, str | None, str]:
    """A stored " date YYYY-MM[-DD]" prefix: (ISO date or None, "YYYY-MM", the rest of the line)."""
    match = _LEADING_MARKER.match(first_line)
    if not match:
        return None, None, first_line
    year, month, day = int(match.group(1)), int(match.group(2)), match.group(3)
    date = iso(year, month, int(day)) if day else None
    return date, f"{year:04d}-{month:02d}", first_line[match.end():]


def is_date_stamp(line: str) -> bool:
    """A short line that is a post date and time, maybe with a weekday, label or view count."""
    if len(line) > 110 or not parse_full_date(line):
        return False
    rest = line
    for _, pattern in _FULL_DATES:
        rest = pattern.sub(" ", rest)
    rest = _TIME.sub(" ", rest)
    words = [w for w in re.findall(r"[^\W\d_]+", fold(rest)) if w not in _STAMP_WORDS]
    return len(words) <= 2


def labelled_date(line: str) -> str | None:
    """The date after a label such as "Ngày đăng:", "Cập nhật lúc", if the line has one."""
    if len(line) > 160:                   # a paragraph, not a stamp: not even searched
        return None
    match = _LABELLED.search(line)
    if not match:
        return None
    return parse_full_date(line[match.end():match.end() + 40])


def published_date(lines: list[str], title_index: int | None, lead_index: int) -> tuple[str | None, str | None]:
    """(date, rule) from the stamp lines of the opening (the lines before the lead, and two after)."""
    opening = range(0, min(len(lines), lead_index + 3))
    for i in opening:
        value = labelled_date(lines[i])
        if value:
            return value, "labelled post date"
    stamps = [i for i in opening if is_date_stamp(lines[i])]
    if not stamps:
        return None, None
    if title_index is not None:
        after = [i for i in stamps if i > title_index]
        if after:
            return parse_full_date(lines[after[0]]), "stamp under headline"
    # Only a stamp above the headline (or no headline): it is the post date unless it is the
    # header's "today", told by the site's menu printed below it.
    stamps = [i for i in stamps if not any(_is_menu(lines[j]) for j in range(i + 1, min(i + 3, lead_index)))]
    if not stamps:
        return None, None
    return parse_full_date(lines[stamps[0]]), "stamp in opening"


def _is_menu(line: str) -> bool:
    """A site's navigation bar: "Trang chủ | Giới thiệu | Tin tức | ..." (three short items or more)."""
    items = [item.strip() for item in re.split(r"\s[|»>]\s|\s*\|\s*", line)]
    return (len(items) >= 3 and all(0 < len(item.split()) <= 4 for item in items)) or line.lower().startswith("trang chủ")


def _first_working_day(year: int) -> str:
    day = dt.date(year, 1, 2)                   # 1 January is a public holiday
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day.isoformat()


def infer_year(month: int, reviewed: int | None, campaign: int | None, published: str | None,
               text_years: list[int], future: bool = False, school_year: bool = False) -> tuple[int | None, str]:
    """The year of a day and month written without one (see the module docstring).

    A school year (stored as its end year) is reviewed in the summer of that year, part of a year
    ("6 tháng đầu năm 2024") within that year.
    """
    if reviewed and school_year:
        return reviewed, "year from the school year or part of a year reviewed"
    if reviewed:
        return (reviewed if month >= 10 else reviewed + 1), "year from reviewed year"
    if campaign:
        return (campaign - 1 if month >= 10 else campaign), "year from campaign year"
    if published:
        year, pub_month = int(published[:4]), int(published[5:7])
        if future:
            return (year if month >= pub_month else year + 1), "year from published date"
        return (year if month <= pub_month else year - 1), "year from published date"
    if text_years:
        return max(text_years), "year from the latest year named"
    return None, "no year"


def event_date(body: str, reviewed: int | None, campaign: int | None,
               published: str | None, school_year: bool = False) -> tuple[str | None, str | None]:
    """(date, rule) of the event, from the first dated mention in the lead (see module docstring).

    `published` may be approximate (a stored month, as its last days): it only supplies years.
    """
    window = body[:2500]
    found: list[tuple[int, str, re.Match]] = []
    for (rule, pattern), starts in zip(_EVENT_PATTERNS, _EVENT_STARTS):
        for match in finditer_from(pattern, starts, window):
            if _DOCUMENT_REF.search(window[max(0, match.start() - 60):match.start()]):
                continue
            day, month = int(match.group(1)), int(match.group(2))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            found.append((match.start(), rule, match))
            break
    working = _FIRST_WORKING_DAY.search(window)
    if not found:
        if working:
            return _first_working_day(int(working.group(1))), "first working day"
        return None, None
    _, rule, match = min(found, key=lambda item: item[0])
    day, month = int(match.group(1)), int(match.group(2))
    if match.group(3):
        return iso(int(match.group(3)), month, day), rule
    future = bool(_FUTURE.match(window[match.end():match.end() + 12]))
    text_years = [int(y) for y in re.findall(r"\b(19[89]\d|20[0-4]\d)\b", body)]
    if published:
        text_years = [y for y in text_years if y <= int(published[:4])]
    year, how = infer_year(month, reviewed, campaign, published, text_years, future, school_year)
    if year is None:
        return None, None
    return iso(year, month, day), f"{rule}, {how}"
