"""Page presets of the briefing pages: size, resolution and type sizes, in one table.

Type sizes are set per page, not scaled from A4: a slide is read from across a
room (at 1920 × 1080 body text is 24 px and titles 48 px), paper at arm's
length. Sizes are points; on a slide (144 dpi) one point is two pixels.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageStyle:
    """One page preset: landscape ``width`` × ``height`` in inches, PNG ``dpi``, sizes in pt."""

    name: str
    width: float
    height: float
    dpi: int
    title: float
    subtitle: float
    body: float  # the side panel, the legend, tables
    small: float  # credits, the method line, banners
    map_label: float  # oblast names on the map
    city: float  # city names on the map
    panel_rows: int  # oblasts listed in the side panel

    def px(self, points: float) -> float:
        """Points as pixels of the page's PNG.

        >>> PAGES["slide"].px(PAGES["slide"].body)
        24.0
        """
        return points * self.dpi / 72

    @property
    def scale(self) -> float:
        """Line widths and marker sizes relative to A4 (type sizes are set, not scaled)."""
        return self.height / 8.27


PAGES: dict[str, PageStyle] = {
    "a4": PageStyle("a4", 297 / 25.4, 210 / 25.4, 200, title=18, subtitle=11, body=8.5,
                    small=6.5, map_label=5.5, city=6.5, panel_rows=12),
    "letter": PageStyle("letter", 11.0, 8.5, 200, title=18, subtitle=11, body=8.5,
                        small=6.5, map_label=5.5, city=6.5, panel_rows=12),
    # 16:9, 1920 × 1080 pixels at 144 dpi: body 24 px, titles 48 px.
    "slide": PageStyle("slide", 1920 / 144, 1080 / 144, 144, title=24, subtitle=14, body=12,
                       small=12, map_label=8, city=9, panel_rows=6),
}  # fmt: skip


def page_style(name: str) -> PageStyle:
    """The preset called ``name``; ``ValueError`` naming the choices for another."""
    if name not in PAGES:
        raise ValueError(f"unknown page {name!r}; choose one of: {', '.join(PAGES)}")
    return PAGES[name]
