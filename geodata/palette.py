"""The one palette: every colour the map, the chart, the briefing maps and the tables use.

Colours are named by role (what they mean), in a default palette and a
colour-blind-safe one built on Okabe and Ito's set. The map page receives the
palette as data and sets CSS custom properties (``--atlas-occupied`` …) from
it; matplotlib and Qt read the same fields. The selection never shares a hue
with a data role.

>>> DEFAULT.occupied, COLOUR_BLIND.occupied
('#9e1010', '#d55e00')
>>> css_variables(DEFAULT)["--atlas-to-ukraine"]
'#1f5fbf'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class Palette:
    """Colours by role, as ``#rrggbb``."""

    name: str
    label: str
    # The basemap.
    sea: str = "#c9dced"
    land: str = "#ebe8e1"
    land_edge: str = "#b5b1a8"
    oblast: str = "#fbfaf7"
    oblast_edge: str = "#8a8a8a"
    oblast_hover: str = "#4d4d4d"
    city: str = "#222222"
    city_fill: str = "#ffffff"
    # Water (GSHHG shoreline and lakes, WDBII rivers): the sea's blue, a little deeper
    # for rivers; a reservoir drained since the data was made is paler and dashed.
    water: str = "#c9dced"
    river: str = "#6d9bc7"
    shoreline: str = "#8fb0cf"
    drained_water: str = "#dfe6ea"
    water_label: str = "#2f5f8f"
    # The Settlements layer: a place held by the occupying side (a place not held is
    # drawn like a city, city_fill with a city edge).
    held_place: str = "#4d0000"
    held_place_edge: str = "#ffffff"
    # Data roles.
    occupied: str = "#9e1010"
    occupied_edge: str = "#6e0000"
    # DeepStateMap's other categories (geodata.categories): before 2022 a deeper red;
    # contested land grey-brown, liberated land green, both drawn light and dashed.
    occupied_before_2022: str = "#5e0b16"
    contested: str = "#8c7b70"
    contested_edge: str = "#5c4f47"
    liberated: str = "#3a9a5b"
    liberated_edge: str = "#1f6b3a"
    to_occupier: str = "#b30000"
    to_ukraine: str = "#1f5fbf"
    zone: str = "#6b6b6b"
    contact_line: str = "#111111"
    claim: str = "#1a1a1a"
    gained: str = "#ff8c1a"  # taken by the occupying side between two dates
    gained_edge: str = "#a34700"
    regained: str = "#2c7bb6"  # regained by Ukraine between two dates
    regained_edge: str = "#0b4f8a"
    ukraine_line: str = "#444444"  # the chart's line for all of Ukraine
    # Interaction: a hue no data role uses.
    selected: str = "#7b3294"
    highlight: str = "#e0a100"  # the timeline's current date
    gap: str = "#f2c14e"  # days with no data on the timeline
    # Chrome: text and panels around the data.
    text: str = "#222222"
    subtitle_text: str = "#444444"
    city_label: str = "#1d1d1d"
    muted_text: str = "#555555"
    faint_text: str = "#888888"
    placeholder_text: str = "#666666"
    track: str = "#d9d9d9"
    preview_background: str = "#e6e6e6"
    card_background: str = "#ffffff"  # the welcome panel over the map
    card_edge: str = "#b9b4a8"

    def roles(self) -> dict[str, str]:
        """Every colour by role name (without ``name`` and ``label``)."""
        return {k: v for k, v in asdict(self).items() if k not in ("name", "label")}


DEFAULT = Palette("default", "Standard")
COLOUR_BLIND = Palette(
    "colour-blind",
    "Colour-blind safe",
    occupied="#d55e00",
    occupied_edge="#8a3c00",
    occupied_before_2022="#8a3c00",
    contested="#999999",
    contested_edge="#555555",
    liberated="#009e73",
    liberated_edge="#006b4e",
    held_place="#5c2700",
    to_occupier="#d55e00",
    to_ukraine="#0072b2",
    gained="#e69f00",
    gained_edge="#8a5f00",
    regained="#56b4e9",
    regained_edge="#0072b2",
    selected="#cc79a7",
    highlight="#009e73",
)
PALETTES = {palette.name: palette for palette in (DEFAULT, COLOUR_BLIND)}

#: The screen's dark theme: a dark basemap and chrome, the data roles as they are. Briefing
#: maps and charts (paper, slides) stay light; the app's map page and panels follow the system.
DARK_ROLES = {
    "sea": "#1c2733", "land": "#2a2a2a", "land_edge": "#555555", "oblast": "#343434",
    "oblast_edge": "#8c8c8c", "oblast_hover": "#d0d0d0", "city": "#dedede",
    "city_fill": "#2a2a2a", "water": "#1c2733", "river": "#4f7fae", "shoreline": "#3d5a78",
    "drained_water": "#2b3540", "water_label": "#9cc0e4", "held_place": "#ff7a7a",
    "held_place_edge": "#1a1a1a", "text": "#e6e6e6", "subtitle_text": "#cccccc",
    "city_label": "#f0f0f0", "muted_text": "#b4b4b4", "faint_text": "#8c8c8c",
    "placeholder_text": "#a6a6a6", "track": "#444444", "preview_background": "#1f1f1f",
    "card_background": "#2b2d30", "card_edge": "#4d5056",
}  # fmt: skip


def dark_variant(palette: Palette) -> Palette:
    """``palette`` for a dark screen: :data:`DARK_ROLES` over it, its data colours kept.

    >>> dark_variant(COLOUR_BLIND).occupied == COLOUR_BLIND.occupied, dark_variant(DEFAULT).sea
    (True, '#1c2733')
    """
    return replace(palette, name=f"{palette.name}-dark", **DARK_ROLES)


_current = [DEFAULT]


def current() -> Palette:
    """The palette in use (the default until :func:`use_palette` chooses another)."""
    return _current[0]


def use_palette(name: str | None) -> Palette:
    """Use the palette of that name from now on (the app's preference); return it."""
    _current[0] = palette_named(name)
    return _current[0]


def palette_named(name: str | None) -> Palette:
    """The palette of that name; the default for an unknown or empty name."""
    return PALETTES.get(name or "", DEFAULT)


def css_variables(palette: Palette) -> dict[str, str]:
    """The palette as CSS custom properties: ``--atlas-<role>`` (dashes for underscores)."""
    return {f"--atlas-{role.replace('_', '-')}": colour for role, colour in palette.roles().items()}


def rgba(colour: str, alpha: float = 1.0) -> tuple[int, int, int, int]:
    """``#rrggbb`` and an opacity as 0 to 255 red, green, blue, alpha (for Qt).

    >>> rgba("#9e1010", 0.5)
    (158, 16, 16, 128)
    """
    value = int(colour.lstrip("#"), 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255, round(255 * alpha)
