"""matplotlib's settings for text in exported figures: one place, loaded with any plotting.

Text in PDF and SVG stays text (TrueType fonts embedded, SVG text as ``<text>``,
selectable and searchable); no TeX — text from data is escaped for mathtext
(:func:`geodata.exports.text.plain`), which TeX would misread. Every module that
draws figures imports this one, so a chart saved before any briefing page was
drawn gets the same settings as the pages.
"""

from __future__ import annotations

import matplotlib

matplotlib.rcParams.update(
    {"pdf.fonttype": 42, "svg.fonttype": "none", "font.family": "DejaVu Sans",
     "text.usetex": False}
)  # fmt: skip
