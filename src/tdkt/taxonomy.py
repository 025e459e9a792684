"""The award taxonomy (../shared/domain/awards.md) and the labels the site shows.

Ids are stable machine values (URLs, JSON, tag slugs); labels are what readers see.
"""

from __future__ import annotations

from tdkt.text import one_line

# id -> label, in the order the site lists them (emulation titles, then commendations)
AWARD_TYPES: dict[str, str] = {
    "chien-si-thi-dua-toan-quoc": "Chiến sĩ thi đua toàn quốc",
    "chien-si-thi-dua-cap-tinh": "Chiến sĩ thi đua cấp bộ, ngành, tỉnh",
    "chien-si-thi-dua-co-so": "Chiến sĩ thi đua cơ sở",
    "lao-dong-tien-tien": "Lao động tiên tiến (cá nhân)",
    "co-thi-dua-chinh-phu": "Cờ thi đua của Chính phủ",
    "co-thi-dua-cap-tinh": "Cờ thi đua cấp bộ, ngành, tỉnh",
    "tap-the-lao-dong-xuat-sac": "Tập thể lao động xuất sắc",
    "tap-the-lao-dong-tien-tien": "Tập thể lao động tiên tiến",
    "huan-chuong-lao-dong": "Huân chương Lao động",
    "huan-chuong-khac": "Huân chương (khác)",
    "huy-chuong": "Huy chương",
    "danh-hieu-vinh-du": "Danh hiệu vinh dự Nhà nước",
    "giai-thuong": "Giải thưởng Hồ Chí Minh, Giải thưởng Nhà nước",
    "ky-niem-chuong": "Kỷ niệm chương",
    "bang-khen-thu-tuong": "Bằng khen của Thủ tướng Chính phủ",
    "bang-khen-cap-tinh": "Bằng khen cấp bộ, ngành, tỉnh",
    "giay-khen": "Giấy khen",
    "khac": "Danh hiệu, hình thức khác",
}

UNIT_LEVEL_LABELS: dict[str, str] = {
    "province": "Cấp tỉnh",
    "district": "Cấp huyện",
    "commune": "Cấp xã",
    "sector": "Sở, ngành",
    "cluster": "Cụm, khối thi đua",
    "central": "Trung ương",
    "other": "Khác",
}

STATUS_LABELS: dict[str, str] = {"given": "Đã trao", "proposed": "Đề nghị"}


def article_date(record: dict) -> str | None:
    """The date an article is sorted and shown by: the event's, else the page's."""
    return record.get("event_date") or record.get("published_date")


def article_year(record: dict) -> int | None:
    """The year an article is filed under on the site (listing pages, URLs, the search facet).

    Readers ask for "the 2023 conference": the year it reviews. An article that reviews no
    single year (a giao ước meeting, a five-year congress) files under the year it was held.
    """
    if record.get("reviewed_year"):
        return int(record["reviewed_year"])
    date = article_date(record)
    if date:
        return int(date[:4])
    return record.get("campaign_year")


# What an article without a headline is called where one is shown (listings, search results):
# only when the extractor could derive no display headline from the lead either.
UNTITLED = "(Không có tiêu đề)"


def title_of(record: dict) -> str:
    """The headline as shown: the page's own (`title`), else the one derived from the lead
    (`display_title`, which the extractor sets for every article it can), else UNTITLED."""
    return one_line(record.get("title")) or one_line(record.get("display_title")) or UNTITLED


# Articles with no province still have a place to be browsed: a central body or a cluster that
# spans several provinces (province_scope "central"), or no evidence of one ("unknown").
CENTRAL_PROVINCE_GROUP = "Trung ương, liên tỉnh"
UNKNOWN_PROVINCE_GROUP = "Chưa rõ tỉnh, thành"


def province_group(record: dict) -> str:
    """The province listing (and search facet value) an article belongs to: its province's name
    as of the article's date, or one of the two groups of articles without a province."""
    name = one_line((record.get("province") or {}).get("name"))
    if name:
        return name
    return CENTRAL_PROVINCE_GROUP if record.get("province_scope") == "central" else UNKNOWN_PROVINCE_GROUP
