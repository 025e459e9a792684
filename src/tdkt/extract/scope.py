"""Whether an article's work belongs to one province at all (LABELS.md, `province`).

A national body (a ministry, a central council), a cluster inside one (the units of a ministry, a
General Department's provincial offices) and a cluster of several provinces are nobody's province:
their articles have `province: null` wherever the meeting was held, and go under "Trung ương, liên
tỉnh" on the site. Each rule reads the organiser's own name or the sentence that lists its members,
never the meeting's venue.
"""

from __future__ import annotations

import re

from tdkt.text import fold

# A cluster of several provinces says so in its name: "các tỉnh", "07 tỉnh", "các tỉnh, thành phố",
# or a region ("Tây Nam Bộ", "Đồng bằng sông Hồng") with no one province named.
_SEVERAL_PROVINCES = re.compile(
    r"\b(?:cac|\d{1,2}|hai|ba|bon|nam|sau|bay|tam|chin|muoi(?: \w+)?) tinh\b(?! (?:uy|doan|hoi)\b)"
    r"|\btinh, thanh(?: pho)?\b")
_REGION = re.compile(
    r"\b(?:tay nam bo|dong nam bo|bac trung bo|nam trung bo|duyen hai mien trung|tay nguyen|dong bang song hong"
    r"|dong bang song cuu long|mien nui phia bac|trung du va mien nui|tay bac|dong bac bo|viet bac"
    r"|mien (?:bac|trung|nam|tay|dong)|nam bo|bac bo|trung bo)\b")
# One province's own: "tỉnh Bình Định", "của tỉnh", "... tỉnh" at the end ("Khối thi đua các Hội đặc thù tỉnh").
_ONE_PROVINCE = re.compile(r"(?<!cac )(?<!\d )\btinh(?: [a-z]+){0,3}$|\bcua tinh\b|(?<!cac )(?<!\d )\btinh [a-z]")

# The national body a cluster belongs to: "Cụm Thi đua số IV, Bộ Tư pháp", "Cụm thi đua số 5 thuộc Cục
# Thuế", "... thuộc Bộ Giáo dục và Đào tạo". A provincial office ("Cục Thuế tỉnh X", "Bộ Chỉ huy Quân sự
# tỉnh") is not one.
_CENTRAL_OWNER = re.compile(
    r"(?:,|\b[Tt]huộc\b|\b[Cc]ủa\b)\s*(?:(?:Bộ|Tổng cục|Cục)\s+(?!Chỉ huy\b|đội\b|CHQS\b)\w"
    r"|Tổng Liên đoàn\b|Tổng LĐLĐ\b|(?:Ủy ban |Ban Chấp hành |Ban Thường trực )?Trung ương\b|Tập đoàn\b"
    r"|Tổng công ty\b|Ngân hàng Nhà nước\b(?!\s+chi nhánh))")
_PROVINCIAL_TAIL = re.compile(r"\b(?:[Tt]ỉnh|[Tt]hành phố|TP|[Hh]uyện|[Qq]uận|[Tt]hị xã)\b")
_NUMBER = re.compile(r"\bso [0-9ivx]+\b")
# A region names several provinces unless the cluster is of one district's communes ("các xã Tây Bắc huyện X").
_SMALLER_SCOPE = re.compile(r"\b(?:huyen|xa|phuong|quan|thi xa|thi tran)\b")

# A cluster's members: "Cụm ... gồm 6 tỉnh: Thanh Hóa, Nghệ An, ...", "các tỉnh trong Cụm thi đua gồm: ...".
_CLUSTER_WORD = re.compile(r"(?i:\b(?:cụm|khối)\b)")
_MEMBERS_WORD = re.compile(r"(?i:\bgồm\b|\bcác tỉnh\b|\b\d{1,2} tỉnh\b)")
# Departments of a ministry ("Vụ Pháp chế, Văn phòng, Vụ Kế hoạch – Tổng hợp"): only a national body has them.
_MINISTRY_DEPARTMENT = re.compile(r"\bVụ [A-ZĐ]")


def _central_owner(unit: str) -> bool:
    match = _CENTRAL_OWNER.search(unit)
    return bool(match) and not _PROVINCIAL_TAIL.search(unit, match.end() - 1)


def cluster_scope(unit: str) -> str | None:
    """Why a cluster's own name puts it above any one province, or None."""
    if _central_owner(unit):
        return "a cluster of a national body"
    # A cluster's number is not a count of provinces: "Cụm thi đua số 1 tỉnh Đồng Tháp".
    folded = _NUMBER.sub(" ", fold(unit))
    if _ONE_PROVINCE.search(folded):
        return None
    if _SEVERAL_PROVINCES.search(folded) or (_REGION.search(folded) and not _SMALLER_SCOPE.search(folded)):
        return "a cluster of several provinces"
    return None


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?;])\s+|\n+", text) if s.strip()]


def members_scope(text: str, provinces_in) -> str | None:
    """Why the sentence listing a cluster's members puts it above any one province, or None.

    `provinces_in(sentence)` gives the distinct provinces a sentence names (from the place finder).
    Two or more provinces listed after "gồm" / "các tỉnh" / "N tỉnh", or a ministry's departments
    ("Vụ ..."), make it national.
    """
    for sentence in _sentences(text):
        members = _MEMBERS_WORD.search(sentence)
        if not (members and _CLUSTER_WORD.search(sentence)):
            continue
        listed = sentence[members.start():]
        if len(provinces_in(listed)) >= 2:
            return "a cluster of several provinces (its members)"
        if len(_MINISTRY_DEPARTMENT.findall(listed)) >= 2:
            return "a cluster of a national body (its members)"
    return None


def national_scope(unit: str | None, level: str | None, lead: str, provinces_in) -> str | None:
    """Why the article belongs to no province (a national body, a cluster above the provinces), or None."""
    if level == "central":
        return "a national body"
    if unit and level == "cluster":
        reason = cluster_scope(unit)
        if reason:
            return reason
    if level in ("cluster", None):
        return members_scope(lead, provinces_in)
    return None
