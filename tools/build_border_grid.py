"""Prebuild the border grid's cells for the bundled boundaries and the default tolerance.

    uv run python tools/build_border_grid.py

Writes ``resources/boundaries/border-grid.npz`` (see
:mod:`geodata.reconcile.prebuilt`). Run it after changing the boundaries or
the reconciliation's parameters; a test checks that the file matches a fresh
build, and the app builds the cells itself whenever it does not.
"""

from __future__ import annotations

import sys
import time

import shapely

from geodata.boundaries import load_boundaries
from geodata.reconcile import DEFAULT_TOLERANCE_KM, BorderGrid
from geodata.reconcile.edges import BandMask
from geodata.reconcile.grid import grid_parameters, ukraine_equal_area
from geodata.reconcile.prebuilt import PREBUILT_FILE, write_cells
from geodata.resources import resource_path


def main() -> int:
    """Build every cell and write the file."""
    start = time.perf_counter()
    boundaries = load_boundaries()
    grid = BorderGrid(boundaries, DEFAULT_TOLERANCE_KM, prebuilt=False)
    cells = grid.built_cells()
    outline = shapely.boundary(ukraine_equal_area(boundaries))
    mask = BandMask.around(outline, grid_parameters()["band"] * DEFAULT_TOLERANCE_KM * 1000.0)
    path = write_cells(resource_path(*PREBUILT_FILE), grid.fingerprint, grid.cores, cells, mask)
    print(f"wrote {path}: {len(cells)} cells, {path.stat().st_size / 1e6:.2f} MB, "
          f"{time.perf_counter() - start:.1f} s; fingerprint {grid.fingerprint}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
