"""The briefing map's water and settlements, by extent (matplotlib, headless)."""

from __future__ import annotations

import numpy as np
import pytest

from geodata.exports.briefing import BriefingOptions, briefing_figure, render_briefing
from geodata.exports.briefing_basemap import band_for_view, scale_length_m, view_of
from geodata.importers import read_control_layer
from geodata.stats import compute_stats
from tests.geodata.importers.fixtures import write_control_file

DONBAS = (36.5, 47.6, 38.8, 49.2)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    path = write_control_file(tmp_path_factory.mktemp("c"), "front_20241120", ".geojson")
    layer = read_control_layer(path)
    return layer, compute_stats(layer)


def texts(figure) -> list[str]:
    return [t.get_text() for axes in figure.axes for t in axes.texts]


def test_a_sector_extent_draws_finer_water_and_names_settlements(loaded):
    layer, stats = loaded
    assert band_for_view(view_of(DONBAS)) == "mid"
    figure = briefing_figure(layer, stats, None, BriefingOptions(extent=DONBAS))
    names = texts(figure)
    assert "Siverskyi Donets" in names  # a river's name
    assert {"Kramatorsk", "Pokrovsk"} <= set(names)  # settlements, named
    assert "Kyiv" not in names  # the country-wide cities are not in the view
    wide = texts(briefing_figure(layer, stats, None, BriefingOptions()))
    assert "Kyiv" in wide and "Dnipro" in wide and "Pokrovsk" not in wide


def test_the_scale_bar_follows_the_extent():
    assert scale_length_m(view_of(DONBAS)) == 20_000
    assert scale_length_m(view_of((22, 44, 41, 52.5))) == 200_000


def test_a_sector_briefing_is_written_as_pdf(loaded, tmp_path):
    layer, stats = loaded
    out = render_briefing(tmp_path / "donbas.pdf", layer, stats, None,
                          BriefingOptions(extent=DONBAS))  # fmt: skip
    assert out.stat().st_size > 50_000


def test_held_settlements_are_drawn_dark(loaded):
    from geodata.palette import current

    layer, stats = loaded
    figure = briefing_figure(layer, stats, None, BriefingOptions(extent=DONBAS))
    map_axes = figure.axes[0]
    colours = np.concatenate([c.get_facecolors() for c in map_axes.collections
                              if c.get_offsets().size and len(c.get_facecolors()) > 1])  # fmt: skip
    from matplotlib.colors import to_rgba

    held = np.array(to_rgba(current().held_place))
    assert stats.held is not None and stats.held.any()
    assert (np.abs(colours - held).sum(axis=1) < 1e-6).any()
