"""Shared geometries, safe to use from several threads at once.

GEOS builds a prepared geometry's search index lazily, on first use, so two
threads querying the same prepared geometry can corrupt it (seen here as
"encountered NaN/Inf numbers" errors and crashes). The core keeps its cached
geometries unprepared and gives each thread its own prepared copy.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shapely

_local = threading.local()


def prepared_for_this_thread(key: Any, geometry: Any) -> Any:
    """This thread's prepared copy of ``geometry`` (a geometry or an array), cached by ``key``.

    ``key`` must identify the geometry for the life of the process (e.g. a
    boundary set's ``version`` and a name).

    >>> import shapely
    >>> square = shapely.box(0, 0, 1, 1)
    >>> copy = prepared_for_this_thread(("doc", "square"), square)
    >>> copy.equals(square), copy is square, bool(shapely.is_prepared(copy))
    (True, False, True)
    """
    return cached_for_this_thread(key, lambda: _prepared_copy(geometry))


def cached_for_this_thread(key: Any, build: Callable[[], Any]) -> Any:
    """``build()``'s result, computed once per thread and key."""
    cache = _local.__dict__.setdefault("cache", {})
    if key not in cache:
        cache[key] = build()
    return cache[key]


def _prepared_copy(geometry):
    # A WKB round trip copies the coordinates exactly into new GEOS objects.
    copy = shapely.from_wkb(shapely.to_wkb(geometry, output_dimension=2))
    shapely.prepare(copy)
    return copy
