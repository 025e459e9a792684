"""The organising unit and its level.

The unit is the subject of the lead's verb ("Sáng 12/1, UBND thị xã Hồng Lĩnh tổ chức ...",
"Chiều 30-3, tại trụ sở UBND huyện Ý Yên, Cụm thi đua các huyện, thành phố tổ chức ..."): the
clause before "tổ chức / tổng kết / phát động / ký kết / họp", without its time and venue and
without the member list after "gồm". "... diễn ra Hội nghị ... của Khối thi đua X" names it after
the verb. Failing the lead, the title's subject ("Sở Tư pháp Long An: ..."), then a numbered
cluster the text names ("cụm thi đua số II"), then the provincial People's Committee the text names.

Levels: province (UBND tỉnh, a province, a centrally-run city), district (huyện, quận, thị xã,
thành phố thuộc tỉnh), commune (xã, phường, thị trấn), sector (a Sở or ngành holding its own event),
cluster (every khối / cụm thi đua, at any scale), central (a national body), other.
"""

from __future__ import annotations

import re

from tdkt.extract.province import _NAME, UPPER
from tdkt.places import CENTRAL_CITIES, central_cities_on, find_province
from tdkt.text import fold

_VERB = re.compile(
    r"(?<!cuộc)(?<!phiên)(?:^|\s)(?:(?:đã|vừa|sẽ|được|long trọng|chính thức|cũng|tiến hành|trang trọng)\s+)*"
    r"(tổ chức|tổng kết|phát động|họp|ký kết|diễn ra|triển khai|sơ kết|tiến hành)\b")
# Where a subject's name ends and its predicate begins ("UBND tỉnh X tập trung chỉ đạo ...").
# A host's role after its name ("UBND tỉnh X - Cụm trưởng năm 2023 chủ trì ...", "..., đơn vị đăng cai")
# ends the name too.
_PREDICATE = re.compile(r"\s(?:đã|vừa|sẽ|được|đề ra|tập trung|chỉ đạo|tiếp tục|phối hợp|cùng với|cùng|chủ trì|đăng cai|là)\s"
                        r"|\s*[-–(,]\s*(?:đơn vị\s+)?(?:(?:Cụm|Khối|cụm|khối)\s+(?:trưởng|phó)|chủ trì|đăng cai)\b"
                        r"|\s[-–]\s(?!khen thưởng\b)(?=[a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ])")
# The host's role, right after its name: the cluster it hosts for is the organiser.
_HOST_ROLE = re.compile(r"\s*(?:[-–(,]\s*)?(?:đơn vị\s+|là\s+)?(?:(?:Cụm|Khối|cụm|khối)\s+(?:trưởng|phó)\b|chủ trì\b|đăng cai\b)")
# Where a cluster's name named after "của" ends and the sentence goes on.
_CLUSTER_END = re.compile(r"\s(?:năm|tại|trong|vào|với|diễn ra|được|đã|nhằm|và (?:ký|phát|triển))\b|[.;:(\n]")
_STRONG_HEAD = re.compile(
    r"^(?:UBND|HĐND|UBMTTQ|Ủy ban|Uỷ ban|Cụm|Khối|Sở|Hội đồng|Ban|Bộ|Liên đoàn|Liên đoàn|Hội|Đảng ủy|"
    r"Đảng bộ|Huyện ủy|Thành ủy|Tỉnh ủy|Thị ủy|Tỉnh đoàn|Công an|Bộ Chỉ huy|Cục|Chi cục|Tổng cục|"
    r"Ngân hàng|Kho bạc|Bảo hiểm|Viện|Tập đoàn|Tổng công ty|Công ty|Đài|Văn phòng|Thanh tra|Tòa án|"
    r"Trường|Ngành|Phòng|LĐLĐ|Công đoàn|Thành đoàn|Huyện đoàn|Đoàn Thanh niên|Mặt trận|Bệnh viện|Báo(?! cáo)|Tạp chí|"
    r"Học viện|Đại học|Nhà máy|Quân khu|Sư đoàn|Lữ đoàn|Trung đoàn|Hợp tác xã|Thông tấn xã|Viện Kiểm sát|Tòa án)\b",
    re.IGNORECASE)
_PLACE_HEAD = re.compile(r"^(?:tỉnh|huyện|thị xã|quận|thành phố|TP\.?|xã|phường|thị trấn)(?:\s|$)", re.IGNORECASE)
# An aside between the subject and its verb: where the place belongs since the 2025 reform.
_ASIDE = re.compile(r"^(?:nay|hiện nay|nay là|nay thuộc)\b", re.IGNORECASE)
_PERSON = re.compile(r"^(?:đồng chí|đ/c|ông|bà|chị|anh)\s", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:\(?[A-ZĐ&]{2,8}\)?\s*[-–:]\s*)?(?:(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)(?: nay| qua)?(?: ngày)?|[Nn]gày|[Vv]ừa qua|"
    r"[Mm]ới đây|[Hh]ôm qua|[Hh]ôm nay)?\s*(?:\d{1,2}\s*[/\-.]\s*\d{1,2}(?:\s*[/\-.]\s*\d{4})?)?\s*,?\s*")
# An outlet's name opening the lead: "(BNA) - ", "TTXVN:", "(Baonghean.vn) - ".
_AGENCY = re.compile(r"^\(?[A-ZĐ&]{2,8}\)?\s*[-–:]\s*|^\([A-ZĐ&]{2,8}\)\s*|^\([\w-]{2,30}\.(?:vn|com|net|org)\)\s*[-–:]?\s*")
_MEMBERS = re.compile(r"\s*[,(]?\s*gồm(?: có)?\b|\s*\(gồm")
_PLACE_IN = re.compile(
    r"\b(tỉnh|huyện|thị xã|quận|thành phố|TP\.?)\s+(" + _NAME + r"(?:\s+" + _NAME + r"){0,3})")
_CLUSTER_MENTION = re.compile(
    r"\b[CcKk](?:ụm|hối)(?: [Tt]hi đua| giao ước thi đua)?(?:,? khen thưởng)?(?: các [\w ]{2,30}?)? số [0-9IVX]+\b"
    r"(?: (?:huyện|tỉnh|thị xã|thành phố) [A-ZĐ]\w*(?: [A-ZĐ]\w*){0,2})?"
    r"|\b[CcKk](?:ụm|hối) [Tt]hi đua \d{1,2}\b(?!/)")
# A cluster by its number alone, capitalised as a name ("Khối 9", "Cụm 3"); "khối 9" is a school grade.
_CLUSTER_BY_NUMBER = re.compile(r"\b(?:Cụm|Khối) (?:số )?(?:\d{1,2}|[IVX]{1,5})\b(?![/.,]?\d)")
_CLUSTER_NAMED = re.compile(
    r"\b(?:Cụm|Khối|cụm|khối) [Tt]hi đua(?:,? khen thưởng)? (?:các|số) [^.;:()\n]{2,60}?"
    r"(?=\s(?:đã|vừa|tổ chức|năm|được|có|gồm|đạt|tiến hành|trong)\b|[.;:(\n])")
_UBND_PROVINCE = re.compile(r"\b(?:UBND|Ủy ban nhân dân) tỉnh ([A-ZĐ]\w*(?: [A-ZĐ]\w*){0,3})")
_EVENT_NOUN = re.compile(r"^(?:Đại hội|Hội nghị)\b", re.IGNORECASE)
# "UBND xã X (huyện Y, tỉnh Z)": the bracketed place locates the unit, it is not its name.
_TRAILING_PLACE = re.compile(
    r"\s*\((?:tỉnh\s+)?[A-ZĐ][^()]{1,30}\)$"
    r"|\s*\((?:tỉnh|huyện|thị xã|quận|thành phố|TP\.?)\s+[A-ZĐ][^()]{1,60}\)$")
# "Huyện ủy - HĐND - UBND - UBMTTQ Việt Nam huyện X" (a place's bodies jointly): the unit is the place.
_JOINT_BODY = r"(?:Tỉnh ủy|Thành ủy|Huyện ủy|Thị ủy|Quận ủy|Đảng ủy|HĐND|UBND|UBMTTQ(?: Việt Nam)?|Ủy ban MTTQ(?: Việt Nam)?)"
_JOINT_HOSTS = re.compile(
    rf"^{_JOINT_BODY}(?:\s*[-–,]\s*{_JOINT_BODY})+\s+((?:tỉnh|huyện|thị xã|quận|thành phố|xã|phường|thị trấn)\s+\S.*)$")
# A meeting named after the organ that holds it ("Hội nghị Ban Chấp hành Tổng LĐLĐ Việt Nam lần thứ 12").
_MEETING_OF_ORGAN = re.compile(
    r"\b(?:Hội nghị|Kỳ họp|Phiên họp)\s+((?:Ban Chấp hành|Ban Thường vụ|Đoàn Chủ tịch|Thường trực)\s[^,.;:()\n]{2,100}?)"
    r"(?=\s+(?:lần thứ|khóa|khoá|mở rộng|năm|tháng|kỳ|nhiệm kỳ|diễn ra|\d)\b|\s*[,.;(])")
# The agent of a passive "do X tổ chức" closing the clause before the verb.
_AGENT = re.compile(r"\bdo\s+([A-ZĐ][^,.;:()\n]{1,100}?)\s+(?:(?:đã|vừa|sẽ|long trọng|trang trọng|chính thức)\s+)*"
                    r"(?:tổ chức|chủ trì tổ chức|đăng cai tổ chức)\b")
# ... of the conference itself: its noun and what it is about come before the agent (folded).
_CONFERENCE_BEFORE = re.compile(r"\b(?:hoi nghi|dai hoi|le)\b[^.;]{0,160}\b(?:tong ket|thi dua|khen thuong|giao uoc|phat dong)"
                                r"[^.;]{0,160}$")
# "cuộc họp của Hội đồng ...", "phiên họp thường kỳ của Ban ...", "hội nghị tổng kết ... của huyện X":
# a body's (or a place's) own meeting, up to its purpose.
_MEETING_OF = re.compile(
    r"(?i:\b(?:cuộc|phiên) họp|\bhội nghị|\bđại hội)(?:\s[^,.;:()\n]{0,80}?)?\s+của\s+"
    r"((?:Hội đồng|Ban|Cụm|Khối|UBND|Ủy ban|Sở|Thường trực|(?:huyện|thị xã|quận|thành phố|tỉnh|xã|phường|thị trấn)"
    r"(?=\s[A-ZĐ]))\b[^,.;:()\n]{2,100}?)(?=\s(?:nhằm|để|năm|tại|vào|về|với|trong|đánh giá|bàn)\b|\s*[,.;:(\n]|$)")
_OF = re.compile(r"\bcủa\s+((?:Cụm|Khối|UBND|Ủy ban|Sở|Hội đồng|Ban|Bộ)\b[^.;:(\n]{0,160})")


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐ(“\"])|\n+")


def _sentences(text: str, limit: int = 3) -> list[str]:
    # Cut at the breaks one by one and stop at the limit: the rest of the story is never scanned.
    found, start = [], 0
    for brk in _SENTENCE_BREAK.finditer(text):
        part = text[start:brk.start()].strip()
        if part:
            found.append(part)
            if len(found) == limit:
                return found
        start = brk.end()
    part = text[start:].strip()
    return (found + [part] if part else found)[:limit]


# A cluster named right after its venue with no comma between ("tại hội trường UBND xã X cụm thi đua
# số VII gồm ... đã tổ chức"): a venue holds no cluster, so the cluster is the subject.
# ("tại cuộc họp các Khối thi đua ..." is an occasion and several clusters: no subject there.)
_CLUSTER_IN_VENUE = re.compile(r"(?<!\bcác)\s((?:[Cc]ụm|[Kk]hối) (?:[Tt]hi đua|giao ước thi đua)\b.*)$")
_VENUE_START = re.compile(r"(?i)^tại\s(?!(?:cuộc họp|hội nghị|buổi|lễ|phiên)\b)")


def _cluster_after_venue(segment: str) -> str | None:
    found = _CLUSTER_IN_VENUE.search(segment)
    return found.group(1).strip() if found and _VENUE_START.match(segment) else None


def _subject_before(clause: str) -> str | None:
    clause = _AGENCY.sub("", clause.strip())
    members = _MEMBERS.search(clause)
    if members:
        clause = clause[:members.start()]
    segments = clause.split(",")
    if len(segments) > 2 and not segments[-1].strip() and _ASIDE.match(segments[-2].strip()):
        segments = segments[:-2]        # "UBND huyện X cũ, nay thuộc tỉnh Y, tổ chức ...": an aside
    collected: list[str] = []
    for k in range(len(segments) - 1, -1, -1):
        segment = segments[k].strip()
        if not segment:
            if k == len(segments) - 1:
                return None            # "..., tại UBND xã X, tổ chức ...": no subject written
            continue
        if re.match(r"(?i)^tại\b", segment):
            if not collected and (cluster := _cluster_after_venue(segment)):
                collected.insert(0, cluster)
            elif collected:
                heads = [m.start() for m in re.finditer(r"\s(?=(?:Cụm|Khối)\b)", segment)]
                if heads:
                    collected.insert(0, segment[heads[-1]:].strip())
            break
        dateline = _DATELINE.match(segment)
        if dateline and dateline.end() > 0:
            rest = segment[dateline.end():].strip()
            if rest and (_STRONG_HEAD.match(rest) or _PLACE_HEAD.match(rest)):
                collected.insert(0, rest)
            elif rest and not collected and (cluster := _cluster_after_venue(rest)):
                collected.insert(0, cluster)
            break
        if _PERSON.match(segment):
            return None
        collected.insert(0, segment)
        if _STRONG_HEAD.match(segment) and segment[0].isupper():
            # "Cụm Thi đua số IV, Bộ Tư pháp": the cluster and the body it belongs to.
            if k > 0 and re.match(r"^(?:Cụm|Khối)\b", segments[k - 1].strip()):
                collected.insert(0, segments[k - 1].strip())
            break
    subject = ", ".join(collected).strip(" ,-–")
    predicate = _PREDICATE.search(subject)
    if predicate:
        subject = subject[:predicate.start()]
    if not subject or not (_STRONG_HEAD.match(subject) or _PLACE_HEAD.match(subject) or _EVENT_NOUN.match(subject)):
        return None
    return subject


# An abbreviation the text defines inside a name ("Bộ Chỉ huy Quân sự (CHQS) tỉnh"): no part of the name.
_ABBREVIATION = re.compile(r"\s*\([A-ZĐ][A-ZĐ0-9&.\-]{1,11}\)(?=\s|$)")


def _tidy(subject: str) -> str:
    subject = _ABBREVIATION.sub("", subject)
    subject = _TRAILING_PLACE.sub("", subject).strip(" ,-–")
    subject = re.sub(r"\s+(?:cũ|trước đây)$", "", subject)    # "UBND huyện X cũ": the former district X
    joint = _JOINT_HOSTS.match(subject)
    if joint:
        return joint.group(1)
    if _EVENT_NOUN.match(subject):
        # "Đại hội thi đua yêu nước tỉnh Bình Định lần thứ VII": the unit is the place.
        place = _PLACE_IN.search(subject)
        if place:
            return f"{place.group(1)} {place.group(2)}"
        return ""
    return subject


def _cluster_owner(sentence: str, start: int) -> str | None:
    """The cluster named after "của" in a sentence ("... của Cụm thi đua các tỉnh Tây Nguyên")."""
    for owner in _OF.finditer(sentence, start):
        name = owner.group(1)
        if re.match(r"(?:Cụm|Khối)\b", name):
            stop = _CLUSTER_END.search(name)
            return (name[:stop.start()] if stop else name).strip(" ,-–")
    return None


def unit_from_lead(body: str, title: str | None = None) -> str | None:
    for sentence in _sentences(body):
        agent = _AGENT.search(sentence)
        if agent and (_STRONG_HEAD.match(agent.group(1)) or _PLACE_HEAD.match(agent.group(1))) \
                and _CONFERENCE_BEFORE.search(fold(sentence[max(0, agent.start() - 200):agent.start()])):
            # "Hội nghị ... do UBND thành phố X tổ chức": the organiser is named as the agent
            return _tidy(agent.group(1))
        verb = _VERB.search(sentence)
        if not verb:
            continue
        if verb.group(1) == "diễn ra":
            # "diễn ra Hội nghị ... của Khối thi đua X": the owner in the same clause as the event
            owner = _OF.search(sentence, verb.end())
            if owner and "," not in sentence[verb.end():owner.start()]:
                return owner.group(1).strip(" ,")
            # "Hội nghị Ban Chấp hành X ... diễn ra": the organ holding its own meeting
            organ = _MEETING_OF_ORGAN.search(sentence, 0, verb.start())
            if organ:
                return organ.group(1).strip(" ,")
        clause = sentence[:verb.start()]
        subject = _subject_before(clause)
        if not subject and (meeting := _MEETING_OF.search(sentence)):
            # "X chủ trì cuộc họp của Hội đồng Thi đua - Khen thưởng tỉnh": the body whose meeting it is
            return meeting.group(1).strip(" ,-–")
        if subject:
            after = clause.rfind(subject)
            if after >= 0 and _HOST_ROLE.match(clause, after + len(subject)):
                # The host chairs the cluster's meeting: the cluster the headline or the lead names
                # is the organiser ("UBND tỉnh X - Cụm trưởng chủ trì hội nghị ... của Cụm thi đua ...").
                headline = unit_from_title(title)
                cluster = headline if unit_level(headline) == "cluster" else _cluster_owner(sentence, verb.start())
                if cluster:
                    return cluster
            tidy = _tidy(subject)
            if tidy:
                return tidy
    return None


def unit_from_title(title: str | None) -> str | None:
    if not title:
        return None
    head = title.split(":")[0].strip() if ":" in title else None
    if head and (_STRONG_HEAD.match(head) or _PLACE_HEAD.match(head)):
        return _tidy(head)
    verb = _VERB.search(title)
    if verb:
        subject = _subject_before(title[:verb.start()])
        if subject and not _EVENT_NOUN.match(subject):
            return _tidy(subject)
    return None


# A cluster named by its own words ("Khối thi đua Nội chính – Lực lượng vũ trang tỉnh"), up to a break.
_CLUSTER_TITLED = re.compile(
    r"\b(?:Cụm|Khối) [Tt]hi đua (?!các\b|số\b)[A-ZĐ][^.;:()\n,]{2,60}?(?=\s*(?:[.;:()\n,]|\s(?:đã|vừa|tổ chức|năm|được|"
    r"có|gồm|đạt|tiến hành|trong|chủ trì|báo cáo)\b))")
# One cluster spoken of as the body concerned, named or not: its head or deputy ("Khối trưởng"),
# "the units in the cluster", "its members". A province's "các cụm, khối thi đua" are not one.
_ONE_CLUSTER = re.compile(
    r"\b(?:[Cc]ụm|[Kk]hối) (?:trưởng|phó)\b|\b(?:trong|của|toàn|thành viên|thuộc) (?:[Cc]ụm|[Kk]hối)\b")
# A place's emulation congress ("Đại hội Thi đua yêu nước tỉnh Hải Dương lần thứ V"): the place holds it.
_CONGRESS_OF = re.compile(
    r"\bĐại hội [Tt]hi đua(?: yêu nước)? ((tỉnh|huyện|quận|thị xã) " + _NAME + r"(?:\s+" + _NAME + r"){0,3})")


def unnamed_organiser(title: str | None, body: str) -> tuple[str | None, str | None]:
    """(level, cluster name) of the organiser a text speaks of without naming it as the subject.

    ("cluster", name or None) when the text speaks of one cluster ("Khối trưởng Khối thi đua chủ trì",
    "9 đơn vị thành viên cụm thi đua"); (level, "tỉnh X") for a place's emulation congress; ("province",
    None) when it speaks only of a province's own bodies ("Phó Chủ tịch UBND tỉnh ... tại hội nghị tổng
    kết"); (None, None) otherwise.
    """
    opening = (title or "") + "\n" + " ".join(_sentences(body, 2))
    national = _NATIONAL_EVENT.search(opening)
    if national and not _TOWARDS.search(opening, max(0, national.start() - 25), national.start()):
        return "central", None
    text = (title or "") + "\n" + body
    named = _CLUSTER_TITLED.search(text)
    if named or _ONE_CLUSTER.search(text):
        return "cluster", named.group(0).strip(" -–") if named else None
    congress = _CONGRESS_OF.search(text)
    if congress:
        place = re.sub(r"\s+(?:Lần|Thứ|Khóa)\b.*$", "", congress.group(1))
        return ("province" if congress.group(2) == "tỉnh" else "district"), place
    committee = provincial_committee(title, body)
    if committee != "bare":
        commune = _one_commune_spoken_of(text)
        if commune:
            return "commune", commune
    if committee:
        return "province", None
    return None, None


# A national conference named as the event ("Hội nghị trực tuyến toàn quốc tổng kết ..."), not one
# looked forward to ("hướng tới Đại hội Thi đua yêu nước toàn quốc").
_NATIONAL_EVENT = re.compile(r"(?i:\b(?:hội nghị|đại hội)(?: trực tuyến)?(?: thi đua yêu nước)? toàn quốc\b)")
_TOWARDS = re.compile(r"(?i:hướng tới|hướng đến|chào mừng|tiến tới|chuẩn bị|tham dự|dự)\s*(?:các\s*)?$")
# A commune's own bodies named without the commune ("UBND phường", "Đảng ủy – HĐND – UBND xã").
_COMMUNE_BODY = re.compile(rf"\b(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND|Đảng ủy|UBMTTQ(?:VN| Việt Nam)?)\s+"
                           rf"(?:xã|phường|thị trấn)\b(?!\s+[{UPPER}])")
_COMMUNE_NAMED = re.compile(rf"(?<![Tt]hị )(?<!\w)(xã|phường|thị trấn)\s+([{UPPER}]\w*(?:\s[{UPPER}]\w*){{0,3}})")


def _one_commune_spoken_of(text: str) -> str | None:
    """The commune whose bodies a text speaks of without naming them ("UBND phường tặng giấy khen"),
    when the text names that one commune only ("phường Cẩm Châu đã thực hiện ..."); else None."""
    if not _COMMUNE_BODY.search(text):
        return None
    named = {fold(f"{m.group(1)} {m.group(2)}"): f"{m.group(1)} {m.group(2)}" for m in _COMMUNE_NAMED.finditer(text)}
    return next(iter(named.values())) if len(named) == 1 else None


# How a text names a province's own committee: "bare" ("UBND tỉnh", "Chủ tịch UBND tỉnh"), "bare city"
# ("UBND thành phố": a province's only in a centrally-run city, a district's elsewhere), "named"
# ("Chủ tịch UBND tỉnh Lâm Đồng ..."), or None. A committee the text names bare is the one the article
# speaks of; a named one may be a guest's title only.
_COMMITTEE = re.compile(
    rf"\b(?:(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân|HĐND)|Hội đồng [Tt]hi đua[ ,–-]*[Kk]hen thưởng) (tỉnh|thành phố)\b"
    rf"(?:\s+([{UPPER}]\w*(?:\s[{UPPER}]\w*){{0,3}}))?")


def provincial_committee(title: str | None, body: str) -> str | None:
    found: set[str] = set()
    for match in _COMMITTEE.finditer((title or "") + "\n" + body):
        kind, name = match.group(1), match.group(2)
        if name is None:
            found.add("bare" if kind == "tỉnh" else "bare city")
        elif kind == "tỉnh" or find_province(name) in CENTRAL_CITIES:
            found.add("named")
    return next((how for how in ("bare", "bare city", "named") if how in found), None)


# A compact is signed between a cluster's members: one member holding the signing hosts the cluster's event.
_COMPACT = re.compile(r"(?i:ký kết giao ước|ký giao ước)")


def cluster_behind(unit: str, level: str | None, title: str | None, body: str) -> str | None:
    """The cluster whose compact a member hosts ("Trường Đại học X vừa tổ chức Lễ ký kết giao ước thi
    đua ... Các đơn vị trong khối thi đua 10 ..."): its name, "" when unnamed, None when there is none.

    Only for a single body that is no place's government (a school, an association, a Sở).
    """
    if level not in ("sector", "other"):
        return None
    lead = " ".join(_sentences(body, 2))
    if not _COMPACT.search((title or "") + "\n" + lead):
        return None
    kind, name = unnamed_organiser(title, body)
    if kind != "cluster":
        return None
    if name:
        return name
    numbered = _CLUSTER_MENTION.search((title or "") + "\n" + body)
    return numbered.group(0) if numbered else ""


# A body's name is a noun phrase of bounded length: no clause (a tense or a verb of reporting), no
# date, no second sentence. What reads otherwise was cut from a sentence: abstain, never show it.
_NAME_MAX_WORDS, _NAME_MAX_CHARS = 24, 130
_CLAUSE_IN_NAME = re.compile(
    r"\s(?:đã|vừa|sẽ|đang|được|bị|cho biết|có|là|họp|công nhận|quyết định|đề nghị|phát biểu|nhấn mạnh)\s"
    r"|\d{1,2}/\d{1,2}/\d{2,4}|[.;:!?]\s")


def is_body_name(name: str) -> bool:
    """Whether a unit found in a sentence reads as a body's name (see above)."""
    return (len(name) <= _NAME_MAX_CHARS and len(name.split()) <= _NAME_MAX_WORDS
            and not _CLAUSE_IN_NAME.search(f" {name} "))


def find_unit(title: str | None, body: str) -> tuple[str | None, str | None]:
    """(unit name as written, rule), before any province completion."""
    unit = unit_from_lead(body, title)
    if unit and is_body_name(unit):
        return unit, "subject of the lead"
    unit = unit_from_title(title)
    if unit and is_body_name(unit):
        return unit, "subject of the title"
    cluster = _CLUSTER_MENTION.search((title or "") + "\n" + body)
    if cluster:
        return cluster.group(0), "numbered cluster named"
    cluster = _CLUSTER_NAMED.search((title or "") + "\n" + body)
    if cluster:
        return cluster.group(0), "cluster named"
    cluster = _CLUSTER_BY_NUMBER.search((title or "") + "\n" + body)
    if cluster:
        return cluster.group(0), "numbered cluster named"
    ubnd = _UBND_PROVINCE.search(body)
    if ubnd and find_province(ubnd.group(1)):
        return ubnd.group(0), "provincial committee named"
    return None, None


# A body's organs, folded: their level is the body's.
_ORGAN = re.compile(r"^(?:ban chap hanh|ban thuong vu|thuong truc|doan chu tich|hoi dong thi dua\s*[-,–]?\s*khen thuong"
                    r"|hoi dong thi dua)\b\s*")
# Short forms of Hồ Chí Minh City after "thành phố"/"TP." or alone ("UBND TP.HCM", "UBND TPHCM").
_HCM_SHORT = re.compile(r"\b(?:tp\.?\s*)?(?:hcm|sai gon)\b")


def unit_level(unit: str | None, date: str | None = None) -> str | None:
    """The level of a unit from its name (see the module docstring), on the event's ISO date when
    known: "UBND thành phố Huế" is a province's committee from 2025, a district's before."""
    if not unit:
        return None
    folded = _HCM_SHORT.sub("tp ho chi minh", fold(unit)).replace("tphcm", "tp ho chi minh")
    if re.match(r"(?:cong doan|dang uy) khoi\b", folded):
        return "other"                    # the union or party committee of a bloc of agencies
    if re.search(r"\b(cum|khoi)\b(?! pho\b)", folded):      # "khối phố" is a neighbourhood
        return "cluster"
    # A body's own organ ("Ban Chấp hành Tổng LĐLĐ Việt Nam", "Hội đồng Thi đua - Khen thưởng tỉnh",
    # "Ban Thường vụ Huyện ủy X") is at its body's level.
    organ = _ORGAN.match(folded)
    if organ and folded[organ.end():].strip():
        folded = folded[organ.end():].strip()
    # National bodies first: "Ban Thi đua - Khen thưởng Trung ương" is no province's sector.
    if re.match(r"doan dai bieu quoc hoi\b", folded) and not re.search(r"\btrung uong\b", folded):
        return "sector"                   # a province's delegation to the National Assembly
    if re.search(r"\btrung uong\b|\bchinh phu\b|\btoan quoc\b|\bquoc hoi\b|^bo\b(?! chi huy| doi)"
                 r"|^tong (?:lien doan|ldld)\b|^tong cuc\b|^uy ban (quoc gia|dan toc)\b"
                 r"|^(?:bo tu lenh )?(?:quan khu|quan chung|binh chung)\b", folded):
        return "central"
    # A ministry's department, a state group or a body named for the whole country, with no place
    # of its own ("Cục Cảnh sát giao thông", "Tập đoàn Điện lực Việt Nam"), is national.
    # (on the name with its marks: "quản lý" is no "quận")
    placeless = not re.search(r"\b(?:tỉnh|thành phố|tp|huyện|quận|thị xã|xã|phường|thị trấn|chi nhánh|khu vực)(?!\w)",
                              unit.lower())
    if placeless and (re.match(r"(?:cuc|vu|tap doan|tong cong ty)\b", folded)
                      or (re.search(r"\bviet nam$", folded) and not folded.startswith("cong ty"))):
        return "central"
    # A province's or district's agencies, the courts and procuracies, a party committee's boards.
    if re.match(r"(so|nganh|cong an|chi cuc|cuc|kho bac|ngan hang|bao hiem|bo chi huy|bo doi|truong|benh vien|"
                r"ban quan ly|ban thi dua|trung tam|dai phat thanh|bao|vien kiem sat|toa an|van phong|thanh tra"
                r"|ban dan toc|ban (?:to chuc|tuyen giao|dan van|noi chinh|kinh te)|uy ban kiem tra|phong"
                r"|ban chi huy quan su|ban chqs|tram)\b", folded):
        return "sector"
    if re.search(r"\btrung uong\b|\bchinh phu\b|\btoan quoc\b|\bquoc hoi\b|^bo\b", folded):
        return "central"
    # Mass organisations (labour federation, youth union, associations, the Front) are neither a
    # government level nor a sector.
    if re.match(r"(lien doan|ldld|cong doan|hoi(?! dong\b)|tinh doan|thanh doan|huyen doan|doan thanh nien|mat tran|ubmttq\w*"
                r"|uy ban mat tran|uy ban mttq\w*|mttq\w*|lien minh)\b",
                folded):
        # A national mass organisation ("Hội Nông dân Việt Nam") is a national body; a local one is not.
        national = re.search(r"\bviet nam$", folded) and not re.search(r"\b(tinh|thanh pho|huyen|quan|thi xa|xa|phuong)\b",
                                                                        folded)
        return "central" if national else "other"
    cities = {fold(c) for c in central_cities_on(date)}
    party = re.search(r"\b(tinh|thanh|thi|huyen|quan) uy\b\s*(.*)", folded)
    if party:
        kind, name = party.group(1), party.group(2)
        if kind == "tinh" or (kind == "thanh" and any(name.startswith(c) for c in cities)):
            return "province"
        return "district"
    place = re.search(r"\b(tinh|thanh pho|tp|huyen|quan|thi xa|xa|phuong|thi tran)\b\.?\s*(.*)", folded)
    if place:
        kind, name = place.group(1), place.group(2)
        if kind == "tinh":
            return "province"
        if kind in ("thanh pho", "tp"):
            return "province" if any(name.startswith(c) for c in cities) else "district"
        if kind in ("huyen", "quan", "thi xa"):
            return "district"
        return "commune"
    return "other"
