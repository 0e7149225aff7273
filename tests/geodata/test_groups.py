"""Region groups are subsets of the bundled units."""

from __future__ import annotations

import pytest

from geodata.boundaries import load_boundaries
from geodata.errors import UnknownRegionError
from geodata.groups import GROUPS, get_group


def test_every_group_member_is_a_bundled_unit():
    codes = set(load_boundaries().codes)
    for group in GROUPS:
        assert set(group.codes) <= codes
    assert set(get_group("ukraine").codes) == codes


def test_the_annexed_regions_are_donetsk_luhansk_zaporizhzhia_kherson():
    units = load_boundaries().units.set_index("code")
    names = set(units.loc[list(get_group("annexed-2022").codes), "name"])
    assert names == {"Donetsk", "Luhansk", "Zaporizhzhia", "Kherson"}


def test_unknown_group_lists_the_ids():
    with pytest.raises(UnknownRegionError, match="annexed-2022, crimea-2014, ukraine"):
        get_group("donbas")
