"""Border and coast reconciliation: thin not-held slivers against Ukraine's edge count as held.

Why
---
Control data traces Ukraine's state border and coast on its own, while the
boundaries (Natural Earth 1:10m) are generalised: 0.3 mm at 1:10,000,000 is
3 km. Where the two disagree, a raw intersection leaves thin strips between
the held territory and Ukraine's outer boundary that nobody holds — Crimea
"99 %" held, Luhansk missing ~230 km² along the Russian border. Those strips
are an artefact of the two scales, not territory.

Method
------
In the equal-area projection, with Ukraine ``U`` (the union of the units), the
held part ``H`` (control ∩ U) and the rest ``N = U - H``, a point of ``N``
counts as held when

1. it lies within the tolerance ``t`` of Ukraine's outer boundary (state
   border and coast) **and** within ``t`` of ``H``;
2. ``N`` is thin there: the morphological opening of ``N`` by a disc of
   radius ``t/2`` removes it (``N`` is narrower than ``t``), so a piece of
   land wide enough to stand on — Ochakiv across the water from the Kinburn
   spit, the Ukrainian side where the front meets the border — is never
   taken;
3. its piece (of the points passing 1 and 2) touches ``H``, and runs along
   ``H`` for longer than it opens onto the wide not-held land: a border strip
   that touches no held land stays as it is, and so does the tip of the
   corner where the front meets the border (it opens onto the land around it
   along a quarter circle, and touches the front only over ``t/2``).

Holes such pieces enclose, where they pass test 1, are filled too (the
opening leaves a round pocket wherever a sliver is locally a little wider
than ``t``). The front line inside Ukraine is never moved: away from the outer
boundary test 1 fails, so a Ukrainian-held strip or bridgehead on the Dnipro
stays Ukrainian. The line of contact already leaves out the same border zone
(:mod:`geodata.contact_line`).

Locality
--------
Only land within ``2.2 t`` of the outer boundary takes part (the opening
looks ``t`` further in than test 1, and a little more for round-off). The
work is done per cell of a 50 km grid, each with a margin of ``1.5 t``; the
cells' results are clipped to the cells and added up. A cell's result is kept
by the content of its band (:class:`IncrementalReconciler`), so a history
computes each border cell once for every state it takes, not once a day.
"""

from geodata.reconcile.tolerance import (
    DEFAULT_TOLERANCE_KM,
    MAX_TOLERANCE_KM,
    METHOD_VERSION,
    check_tolerance,
    method_key,
)

# The geometry parts load on first use (PEP 562): the tolerance's constants and checks
# above need no GDAL, shapely or pandas, and the desktop app's start reads them.
_LAZY = {
    "BorderGrid": "grid", "border_grid": "grid", "border_mask": "grid",
    "UNCHANGED": "reconciler", "BorderWatch": "reconciler", "IncrementalReconciler": "reconciler",
    "Reconciliation": "reconciler", "clear_caches": "reconciler", "reconcile": "reconciler",
    "reconcile_layer": "reconciler", "reconciled_geometry": "reconciler",
    "reconciled_equal_area": "reconciler",
}  # fmt: skip

__all__ = [
    "DEFAULT_TOLERANCE_KM", "MAX_TOLERANCE_KM", "METHOD_VERSION", "UNCHANGED", "BorderGrid",
    "BorderWatch", "IncrementalReconciler", "Reconciliation", "border_grid", "border_mask",
    "check_tolerance", "clear_caches", "method_key", "reconcile", "reconcile_layer",
    "reconciled_equal_area", "reconciled_geometry",
]  # fmt: skip


def __getattr__(name: str):
    """Load a geometry part of the package when it is first asked for."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    globals()[name] = value
    return value
