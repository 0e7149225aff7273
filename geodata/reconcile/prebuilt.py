"""The border grid's static cells, prebuilt for the bundled boundaries and the default tolerance.

Each cell's band, zones and unit parts depend only on the boundaries, the
tolerance and the method's parameters, so they are built once, by
``tools/build_border_grid.py``, and shipped in ``resources/boundaries/``: the
first figures of a session do not wait for them. The file names what it was
built from (:func:`fingerprint`); a grid whose fingerprint differs — other
boundaries, another tolerance, a changed method — builds its cells itself.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import numpy as np
import shapely

from geodata.exports.atomic import write_atomically
from geodata.reconcile.edges import BandMask
from geodata.resources import resource_path

PREBUILT_FILE = ("boundaries", "border-grid.npz")
#: Cell parts, in the order they are stored: band, zone, deep part, then the units' parts.
_SHAPES = 3


def fingerprint(version: str, tolerance_km: float, parameters: dict) -> str:
    """What a grid's cells depend on, as one string.

    >>> fingerprint("abc", 3.0, {"cell_km": 50.0})
    'abc|3km|cell_km=50.0'
    """
    settings = "|".join(f"{key}={value}" for key, value in sorted(parameters.items()))
    return f"{version}|{tolerance_km:g}km|{settings}"


def read_cells(stamp: str, path: Path | None = None) -> tuple[np.ndarray, dict[int, tuple]] | None:
    """The prebuilt cells' cores and parts, if the file was made for this fingerprint; else None."""
    path = path or resource_path(*PREBUILT_FILE)
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["fingerprint"]) != stamp:
                return None
            cores = data["cores"]
            blob, offsets = data["wkb"].tobytes(), data["wkb_offsets"]
            shapes_per_cell = data["shapes_per_cell"]
            rows, row_offsets = data["rows"], data["row_offsets"]
            references, reference_offsets = data["references"], data["reference_offsets"]
    except (OSError, KeyError, ValueError):
        return None  # absent or unreadable: the grid builds its cells itself
    geometries = shapely.from_wkb(
        np.array([blob[a:b] for a, b in itertools.pairwise(offsets)], dtype=object)
    )
    cells, first = {}, 0
    for index, count in enumerate(shapes_per_cell):
        band, zone, deep, *unit_parts = geometries[first : first + count]
        first += count
        cells[index] = (
            band,
            zone,
            deep,
            rows[row_offsets[index] : row_offsets[index + 1]],
            references[reference_offsets[index] : reference_offsets[index + 1]],
            np.array(unit_parts, dtype=object),
        )
    return cores, cells


def read_mask(stamp: str, path: Path | None = None) -> BandMask | None:
    """The prebuilt border band mask, if the file was made for this fingerprint; else None."""
    path = path or resource_path(*PREBUILT_FILE)
    try:
        with np.load(path, allow_pickle=False) as data:
            if str(data["fingerprint"]) != stamp:
                return None
            shape = tuple(data["mask_shape"])
            bits = np.unpackbits(data["mask_bits"], count=int(np.prod(shape)))
            return BandMask(data["mask_origin"], bits.astype(bool).reshape(shape))
    except (OSError, KeyError, ValueError):
        return None


def write_cells(
    path: Path, stamp: str, cores: np.ndarray, cells: dict[int, tuple], mask: BandMask
) -> Path:
    """Write every cell of a grid (built) and its mask to ``path`` (``.npz``, no pickles)."""
    blobs, shapes_per_cell, rows, references = [], [], [], []
    for index in range(len(cores)):
        band, zone, deep, cell_rows, cell_references, unit_parts = cells[index]
        shapes = [band, zone, deep, *unit_parts]
        blobs += [shapely.to_wkb(shape) for shape in shapes]
        shapes_per_cell.append(len(shapes))
        rows.append(np.asarray(cell_rows, dtype=np.int64))
        references.append(np.asarray(cell_references, dtype=float).reshape(-1, 2))
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        fingerprint=np.array(stamp),
        cores=cores,
        wkb=np.frombuffer(b"".join(blobs), dtype=np.uint8),
        wkb_offsets=np.cumsum([0, *(len(b) for b in blobs)]),
        shapes_per_cell=np.array(shapes_per_cell),
        rows=np.concatenate(rows),
        row_offsets=np.cumsum([0, *(len(r) for r in rows)]),
        references=np.concatenate(references),
        reference_offsets=np.cumsum([0, *(len(r) for r in references)]),
        mask_origin=mask.origin,
        mask_shape=np.array(mask.cells.shape),
        mask_bits=np.packbits(mask.cells.ravel()),
    )
    data = buffer.getvalue()
    return write_atomically(Path(path), lambda temporary: temporary.write_bytes(data))
