"""The reconciliation tolerance: its default, its limits, and the store's key for its figures."""

from __future__ import annotations

import math

from geodata.errors import UnknownValueError

#: The default tolerance in km: the scale of the boundaries' generalisation,
#: also the line of contact's border tolerance.
DEFAULT_TOLERANCE_KM = 3.0
#: The largest tolerance accepted: beyond it, "reconciliation" moves fronts. At 4.5 km the
#: Dnipro delta's floodplain opposite Kherson (Natural Earth draws the river's mouth as sea)
#: counted as occupied, 27 km² more than at 4 km, 78 km² at 5 km.
MAX_TOLERANCE_KM = 4.0
#: Changes when the method changes, so stored figures of an older method are not reused.
METHOD_VERSION = "2"


def check_tolerance(tolerance_km: float) -> float:
    """Return the tolerance as a float, or raise a ValueError naming the allowed range.

    >>> check_tolerance(3)
    3.0
    >>> check_tolerance(-1)
    Traceback (most recent call last):
    ...
    geodata.errors.UnknownValueError: unknown reconciliation tolerance (km) -1; choose one of: \
a number from 0 to 4
    """
    value = float(tolerance_km)
    if not (0.0 <= value <= MAX_TOLERANCE_KM) or math.isnan(value):
        allowed = [f"a number from 0 to {MAX_TOLERANCE_KM:g}"]
        raise UnknownValueError("reconciliation tolerance (km)", tolerance_km, allowed)
    return value


def method_key(boundary_version: str, tolerance_km: float) -> str:
    """The store's key for figures added by reconciliation with this tolerance and method.

    >>> method_key("abc", 3)
    'abc/reconcile-3km/v2'
    """
    return f"{boundary_version}/reconcile-{check_tolerance(tolerance_km):g}km/v{METHOD_VERSION}"
