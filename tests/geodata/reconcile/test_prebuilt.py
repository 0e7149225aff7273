"""The prebuilt border grid shipped in resources/ is what a fresh build gives."""

from __future__ import annotations

import numpy as np
import shapely

from geodata.boundaries import load_boundaries
from geodata.reconcile import DEFAULT_TOLERANCE_KM, BorderGrid
from geodata.reconcile.edges import BandMask
from geodata.reconcile.grid import border_mask, ukraine_equal_area
from geodata.reconcile.prebuilt import read_cells, read_mask, write_cells


def test_the_shipped_grid_matches_a_fresh_build():
    boundaries = load_boundaries()
    shipped = BorderGrid(boundaries, DEFAULT_TOLERANCE_KM)
    fresh = BorderGrid(boundaries, DEFAULT_TOLERANCE_KM, prebuilt=False)
    assert shipped.fingerprint == fresh.fingerprint
    assert read_cells(shipped.fingerprint) is not None, "rerun tools/build_border_grid.py"
    assert np.array_equal(shipped.cores, fresh.cores)
    for index in range(len(fresh.cores)):
        ours, theirs = shipped._cell(index), fresh._cell(index)
        for a, b in zip(ours[:3], theirs[:3], strict=True):
            assert shapely.equals_exact(a, b, tolerance=0), index
        assert np.array_equal(ours[3], theirs[3]) and np.allclose(ours[4], theirs[4])
        assert all(shapely.equals_exact(ours[5], theirs[5], tolerance=0))
    outline = shapely.boundary(ukraine_equal_area(boundaries))
    built = BandMask.around(outline, 2.2 * DEFAULT_TOLERANCE_KM * 1000)
    assert np.array_equal(border_mask(boundaries, DEFAULT_TOLERANCE_KM).cells, built.cells)


def test_another_fingerprint_or_a_damaged_file_is_not_used(tmp_path):
    assert read_cells("another boundary version|3km|...") is None
    assert read_mask("another boundary version|3km|...") is None
    damaged = tmp_path / "grid.npz"
    damaged.write_bytes(b"not a zip file")
    assert read_cells("x", damaged) is None and read_mask("x", damaged) is None


def test_written_cells_read_back(tmp_path):
    grid = BorderGrid(load_boundaries(), 5.0)  # not prebuilt: built here
    cells = {index: grid._cell(index) for index in range(len(grid.cores))}
    mask = BandMask(np.array([0.0, 0.0]), np.eye(3, dtype=bool))
    path = write_cells(tmp_path / "grid.npz", grid.fingerprint, grid.cores, cells, mask)
    cores, read = read_cells(grid.fingerprint, path)
    assert np.array_equal(cores, grid.cores) and set(read) == set(cells)
    assert shapely.equals_exact(read[0][0], cells[0][0], tolerance=0)
    assert np.array_equal(read_mask(grid.fingerprint, path).cells, mask.cells)
