"""Then and now below the province: a commune-level unit gets its new (2025) commune or ward only
when the gazetteer gives exactly one; districts and ambiguous names get only the province.
The gazetteer itself (vietnam-provinces) is the oracle here."""

from __future__ import annotations

from collections import Counter

import pytest

from tdkt.places_now import current_place_text, new_commune_of

THAI_BINH = 34   # legacy province codes
HA_NOI = 1       # many of its wards were split between new ones in 2025


def legacy_communes(province_code: int):
    from vietnam_provinces.legacy import District, Ward

    districts = {int(d.code) for d in District.iter_all() if int(d.province_code) == province_code}
    return [w for w in Ward.iter_all() if int(w.district_code) in districts]


def split(name: str) -> tuple[str, str]:
    for kind in ("Xã", "Phường", "Thị trấn"):
        if name.startswith(kind + " "):
            return kind.lower(), name[len(kind) + 1:]
    raise ValueError(name)


def record(kind: str, name: str, level: str = "commune", province: str = "Thái Bình") -> dict:
    return {"unit": {"name": f"UBND {kind} {name}", "level": level},
            "province": {"name": province, "current": "Hưng Yên"}}


def gazetteer(province_code: int):
    """(legacy commune, its successors, how many communes of the province share its name)."""
    from vietnam_provinces import Ward

    wards = legacy_communes(province_code)
    names = Counter(split(w.name)[1] for w in wards)
    return [(w, Ward.search_from_legacy(code=int(w.code)), names[split(w.name)[1]]) for w in wards]


@pytest.fixture(scope="module")
def communes():
    return gazetteer(THAI_BINH)


def test_a_commune_that_went_whole_into_one_new_commune_is_named(communes):
    clear = [(w, new) for w, new, same_name in communes if len(new) == 1 and same_name == 1][:20]
    assert clear
    for ward, new in clear:
        kind, name = split(ward.name)
        found = new_commune_of(record(kind, name))
        assert found == new[0].ward.name, ward.name
        assert current_place_text(record(kind, name)) == f"{found}, Hưng Yên"


def test_a_commune_split_between_new_ones_is_not_named():
    split_ones = [w for w, new, same_name in gazetteer(HA_NOI) if len(new) > 1 and same_name == 1]
    assert split_ones
    for ward in split_ones[:10]:
        assert new_commune_of(record(*split(ward.name), province="Hà Nội")) is None, ward.name


def test_a_name_two_communes_of_the_province_share_is_not_named(communes):
    shared = [w for w, _, same_name in communes if same_name > 1 and sum(
        1 for o, _, _ in communes if split(o.name) == split(w.name)) > 1]
    assert shared
    for ward in shared[:10]:
        assert new_commune_of(record(*split(ward.name))) is None, ward.name


def test_districts_and_unknown_names_get_only_the_province():
    assert new_commune_of(record("huyện", "Kiến Xương", level="district")) is None
    assert new_commune_of(record("xã", "Không Có Thật")) is None
    assert current_place_text(record("huyện", "Kiến Xương", level="district")) == "Hưng Yên"
    assert current_place_text({"unit": {}, "province": {"name": None, "current": None}}) is None
