"""reviewed_year and campaign_year: what is stored.

- reviewed_year: the single calendar year whose results the event reviews: the X of
  "tổng kết (công tác / phong trào thi đua ...) năm X", "đánh giá / kết quả / họp xét / bình xét
  ... năm X", "tổng kết (công tác) giao ước thi đua Cụm ... năm X" (the year after the cluster's
  name), "đánh giá kết quả thực hiện nhiệm vụ trọng tâm năm X"; failing those, a lead sentence
  opening "Năm X, ...", or, at a meeting launching year X+1, a paragraph opening "Năm X ...".
- campaign_year: the X of "phát động (phong trào) thi đua năm X", "(ký kết) giao ước thi đua năm X",
  "phương hướng, nhiệm vụ năm X", "triển khai (nhiệm vụ) năm X", "(chỉ tiêu,) nhiệm vụ trọng tâm
  năm X". Electing next year's cluster head alone is not a campaign.
- School years: "năm học 2022-2023" stores its end year, 2023 (for both fields).
- Multi-year periods: five-year emulation congresses ("Đại hội thi đua yêu nước ... lần thứ V",
  "giai đoạn 2020-2025") and reviews of a period ("điển hình tiên tiến giai đoạn 2015-2020") store
  null for both, unless the title or lead launches a single year ("tổng kết giai đoạn 2020-2025,
  triển khai nhiệm vụ năm 2026": campaign 2026); a campaign tied to an anniversary rather than a
  calendar year stores null.

The title is read first, then the lead (the first sentences), then the rest of the text.
"""

from __future__ import annotations

import re

_GAP = r"(?:(?!năm\b)[^.;:!?\n]){0,130}?"
# "năm 2023", "năm học 2022-2023", or a bare "2024" ("phương hướng nhiệm vụ 2024"), not a date's year.
_YEAR = r"(?:năm (học )?)?(?<![\d.,/])(\d{4})(?:\s*[-–]\s*(\d{4}))?(?![\d/])"
_REVIEW = re.compile(
    r"(?i:tổng kết|đánh giá|kết quả|họp xét|bình xét|sơ kết|thành tích|dẫn đầu)" + _GAP + _YEAR)
_CAMPAIGN = re.compile(
    r"(?i:phát động|giao ước|phương hướng|triển khai|chỉ tiêu|nhiệm vụ trọng tâm|đề ra (?:những |các )?giải pháp)"
    + _GAP + _YEAR)
# "Năm 2024, các đơn vị tiếp tục ...": next year's course, opening a sentence after the year reviewed.
_NEXT_YEAR_PLAN = re.compile(r"(?:^|[.\n]\s*)Năm (\d{4}),[^.;\n]{0,60}?\b(?:tiếp tục|sẽ|phấn đấu|tập trung)\b")
_YEAR_OPENING = re.compile(r"(?:^|[.\n]\s*)Năm (\d{4}),")
# A paragraph of the report that opens with a year ("Năm 2023, ...", "Năm 2023 với chủ đề ...,
# tỉnh ...", "Trong năm 2023, ...").
_PARAGRAPH_YEAR = re.compile(r"(?:^|\n)(?:Trong năm|Năm) (\d{4})(?:,| vừa qua| qua| với\b)")
_PERIOD_EVENT = re.compile(
    r"(?i:đại hội (?:thi đua|điển hình)|điển hình tiên tiến giai đoạn|giai đoạn \d{4}\s*[-–]\s*\d{4}|"
    r"\b\d+ năm (?:thực hiện|phong trào|thi hành|triển khai)|(?:tổng kết|sơ kết) \d+ năm\b|kỷ niệm \d+ năm)")


# A review of part of a year ("6 tháng đầu năm", "quý I", "9 tháng"): held within that year.
_PART_OF_YEAR = re.compile(r"(?i:\b(?:\d{1,2}|sáu|chín|ba) tháng\b|\bquý\b|\bnửa (?:đầu )?năm\b)")


def _year_of(match: re.Match) -> int | None:
    school, start, end = match.group(1), match.group(2), match.group(3)
    if end:
        if school:
            return int(end)
        return None          # "năm 2021-2025": a period, no single year
    return int(start)


# "Tổng kết giao ước thi đua năm 2022" reviews a compact; it does not launch one.
_REVIEWED_BEFORE = re.compile(
    r"(?i:tổng kết|đánh giá|kết quả|thực hiện)(?:\s+(?i:công tác|việc thực hiện|kết quả thực hiện|kết quả))?\s*$")


_REVIEW_HEAD = re.compile(r"(?i:tổng kết|đánh giá|kết quả|họp xét|bình xét|sơ kết|thành tích|dẫn đầu)\s*")
# "Tổng kết (công tác / việc thực hiện) giao ước thi đua Cụm ... năm 2023": the compact is what is
# reviewed, and the year after the cluster's name is the year reviewed.
_REVIEWED_COMPACT = re.compile(r"(?i:(?:công tác|việc thực hiện|thực hiện|kết quả thực hiện|kết quả)\s+)?giao ước")
# "đánh giá kết quả thực hiện nhiệm vụ trọng tâm năm 2023": plans carried out are what is reviewed.
_CARRIED_OUT = re.compile(r"(?i:thực hiện)\s*$")
# A review phrase whose gap runs into next year's plans is about the plans.
_PLANS = re.compile(r"(?i:phát động|giao ước|phương hướng|triển khai|chỉ tiêu|nhiệm vụ trọng tâm)")


def _first_match(pattern: re.Pattern, text: str) -> re.Match | None:
    for match in pattern.finditer(text):
        if _accept(pattern, match, text):
            return match
    return None


def _first(pattern: re.Pattern, text: str) -> int | None:
    match = _first_match(pattern, text)
    return _year_of(match) if match else None


def _accept(pattern: re.Pattern, match: re.Match, text: str) -> bool:
    year = _year_of(match)
    if not year or not 1975 <= year <= 2100:
        return False
    gap = text[match.start():match.start(2)]
    if pattern is _CAMPAIGN and _REVIEWED_BEFORE.search(text[max(0, match.start() - 20):match.start()]):
        return False
    if pattern is _REVIEW:
        # "Tổng kết giao ước ... năm 2022" reviews the compact; "đánh giá ..., đề ra chỉ tiêu năm
        # 2024" has run on into the plans.
        rest = gap[_REVIEW_HEAD.match(gap).end():]
        plans = _PLANS.search(rest)
        if (plans and plans.start() > 0 and not _REVIEWED_COMPACT.match(rest)
                and not _CARRIED_OUT.search(rest, 0, plans.start())):
            return False
    if re.search(r",\s*(?:năm (?:học )?)?$", gap):
        return False           # "... phát động, năm 2022, tỉnh ...": the year opens another clause
    return True


def is_period_event(title: str | None, lead: str) -> bool:
    """A congress or review of several years (title or lead says so) rather than of one year."""
    return bool(_PERIOD_EVENT.search((title or "") + "\n" + lead))


def reviewed_and_campaign(title: str | None, lead: str, body: str) -> tuple[int | None, int | None, dict]:
    """(reviewed_year, campaign_year, {field: rule}) from the title, lead and body."""
    rules: dict[str, str] = {}
    if is_period_event(title, lead):
        # The five-year congress or period review: its years are a period, not a year. What it
        # launches may still be one year ("tổng kết giai đoạn 2020-2025, triển khai nhiệm vụ năm
        # 2026"), said in the title or the lead.
        if not (title and (_first(_REVIEW, title) or _first(_CAMPAIGN, title))):
            rules["reviewed_year"] = "period event"
            for where, text in (("title", title or ""), ("lead", lead)):
                campaign = _first(_CAMPAIGN, text)
                if campaign:
                    rules["campaign_year"] = f"campaign phrase in {where} (period event)"
                    return None, campaign, rules
            rules["campaign_year"] = "period event"
            return None, None, rules
    reviewed = campaign = None
    for where, text in (("title", title or ""), ("lead", lead), ("body", body)):
        if reviewed is None and where == "body":
            match = _YEAR_OPENING.search(lead)
            if match and (campaign is None or int(match.group(1)) == campaign - 1):
                reviewed = int(match.group(1))
                rules["reviewed_year"] = "lead opens with the year"
        if reviewed is None:
            match = _first_match(_REVIEW, text)
            if match:
                reviewed = _year_of(match)
                school = " (school year)" if match.group(1) else ""
                if _PART_OF_YEAR.search(text, match.start(), match.start(2)):
                    school = " (part of the year)"      # "sơ kết 6 tháng đầu năm 2024": held in 2024
                rules["reviewed_year"] = f"review phrase in {where}{school}"
        if campaign is None:
            campaign = _first(_CAMPAIGN, text)
            if campaign and where == "body" and reviewed and campaign <= reviewed:
                campaign = None    # deep in the text, "phát động ... năm X" of the year reviewed is a report
            if campaign:
                rules["campaign_year"] = f"campaign phrase in {where}"
    if campaign is None and reviewed:
        for match in _NEXT_YEAR_PLAN.finditer(lead + "\n" + body):
            if int(match.group(1)) == reviewed + 1:
                campaign = reviewed + 1
                rules["campaign_year"] = "a sentence opens with next year's course"
                break
    if reviewed is None and campaign:
        # A meeting launching year X whose report opens a paragraph with the year before ("Năm
        # 2023 với chủ đề ..., tỉnh đã ..."): that paragraph reviews it.
        for match in _PARAGRAPH_YEAR.finditer(body):
            if int(match.group(1)) == campaign - 1:
                reviewed = campaign - 1
                rules["reviewed_year"] = "a paragraph opens with the year before the campaign"
                break
    return reviewed, campaign, rules
