"""How a figure is made and shown: the share formula, the rounding rule, the negligible area.

Every occupied share in the project is :func:`share_pct`; every area and share
that leaves the core (JSON, CSV, tables, tooltips) is rounded by :func:`round_km2`
and :func:`round_pct`; an area below :data:`NEGLIGIBLE_KM2` counts as no change.
"""

from __future__ import annotations

import numpy as np

#: Below this many km² an area is "nothing": a change not listed, a side not drawn.
#: It is what rounds to 0.0 at the one decimal areas are shown with.
NEGLIGIBLE_KM2 = 0.05
KM2_DECIMALS = 1
PCT_DECIMALS = 2


def share_pct(km2, area_km2):
    """Occupied share in percent: ``100 × km² / area``, 0 where the area is 0.

    The one share formula of the project; works on numbers and arrays.

    >>> share_pct(25.0, 200.0)
    12.5
    >>> share_pct(np.array([1.0, 2.0]), np.array([4.0, 0.0])).tolist()
    [25.0, 0.0]
    """
    km2 = np.asarray(km2, dtype=float)
    area = np.asarray(area_km2, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(area > 0, 100.0 * km2 / np.where(area > 0, area, 1.0), 0.0)
    return float(share) if share.ndim == 0 else share


def round_km2(value) -> float:
    """An area as shown: km² to one decimal.

    >>> round_km2(1234.56)
    1234.6
    """
    return round(float(value), KM2_DECIMALS)


def round_pct(value) -> float:
    """A share as shown: percent to two decimals.

    >>> round_pct(77.3149)
    77.31
    """
    return round(float(value), PCT_DECIMALS)


def is_negligible(km2) -> bool:
    """True for an area (or change of area) too small to show: below :data:`NEGLIGIBLE_KM2`.

    >>> is_negligible(0.04), is_negligible(-0.05), is_negligible(12.0)
    (True, False, False)
    """
    return abs(float(km2)) < NEGLIGIBLE_KM2
