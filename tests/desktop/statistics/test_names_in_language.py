"""One helper names the core's tables' oblasts and groups in the app's language."""

from __future__ import annotations

import pandas as pd
import pytest

from desktop.i18n import current_language, set_language
from desktop.statistics.model import names_in_language
from geodata.boundaries import load_boundaries
from geodata.groups import GROUPS


@pytest.fixture
def ukrainian():
    before = current_language()
    set_language("uk")
    yield
    set_language(before)


def test_oblasts_and_groups_are_named_in_ukrainian(ukrainian):
    group = GROUPS[0]
    rows = pd.DataFrame({"code": [group.id, "UA-14"], "name": [group.name, "Donetsk"],
                         "level": ["group", "unit"]})  # fmt: skip
    named = names_in_language(rows)
    # Groups too: the Compare panel showed them in English in the Ukrainian app.
    assert list(named["name"]) == [group.title("uk"), load_boundaries().name_of("UA-14", "uk")]
    assert group.title("uk") != group.name and named["name"][1] == "Донецька область"
    places = pd.DataFrame({"region_code": ["UA-09"], "region": ["Luhansk"], "name": ["x"]})
    assert names_in_language(places, "region_code", "region")["region"][0] == "Луганська область"
    assert list(rows["name"]) == [group.name, "Donetsk"]  # the core's frame is left alone


def test_english_and_nothing_pass_through():
    rows = pd.DataFrame({"code": ["UA-14"], "name": ["Donetsk"]})
    if current_language() == "en":
        assert names_in_language(rows) is rows
    assert names_in_language(None) is None
