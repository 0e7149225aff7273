"""Make a synthetic ten-year daily history from the real one, to measure the app at scale.

    uv run python tools/synthetic_history.py OUT [--days 3650] [--source FOLDER] [--start DATE]

Writes OUT/deepstatemap_data_YYYYMMDD.geojson for ``--days`` consecutive days
from ``--start`` (default 2016-09-01, so the last falls in 2026). Day ``i`` is a
real DeepStateMap map from ``--source`` (default ``../shared/data/deepstate/daily``),
walked forwards and then backwards through the real dates (so that day-to-day
changes stay as small as the real ones), moved by a few metres that differ from
one pass to the next: every file's content is distinct, as 3,650 real days
would be. The files are for benchmarks only: never commit them (they are
derived from DeepStateMap's data).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import orjson

_SHARED = Path(__file__).resolve().parents[2] / "shared/data/deepstate/daily"
#: Each pass over the real dates moves the maps this far more (degrees, about 1 m).
STEP_DEG = 1e-5


def walk(count: int, length: int) -> list[tuple[int, int]]:
    """(real file index, pass number) for each synthetic day: forwards, backwards, forwards…

    >>> walk(7, 3)
    [(0, 0), (1, 0), (2, 0), (2, 1), (1, 1), (0, 1), (0, 2)]
    """
    out = []
    for day in range(count):
        turn, step = divmod(day, length)
        out.append((step if turn % 2 == 0 else length - 1 - step, turn))
    return out


def moved(coordinates, dx: float, dy: float):
    """GeoJSON coordinates (any nesting) moved by ``dx``, ``dy`` degrees."""
    if coordinates and isinstance(coordinates[0], (int, float)):
        return [coordinates[0] + dx, coordinates[1] + dy, *coordinates[2:]]
    return [moved(part, dx, dy) for part in coordinates]


def main(argv: list[str] | None = None) -> int:
    """Write the synthetic history; print how many files and bytes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--days", type=int, default=3650)
    parser.add_argument("--source", type=Path, default=_SHARED)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2016, 9, 1))
    args = parser.parse_args(argv)
    real = sorted(args.source.glob("*.geojson"))
    if not real:
        print(f"synthetic_history: no .geojson files in {args.source}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    documents: dict[int, dict] = {}
    written = 0
    for day, (index, turn) in enumerate(walk(args.days, len(real))):
        if index not in documents:
            documents[index] = orjson.loads(real[index].read_bytes())
        document = documents[index]
        shift = turn * STEP_DEG
        features = [
            {**feature, "geometry": {**feature["geometry"],
                                     "coordinates": moved(feature["geometry"]["coordinates"],
                                                          shift, shift)}}
            for feature in document["features"]
        ]  # fmt: skip
        date = args.start + dt.timedelta(days=day)
        path = args.out / f"deepstatemap_data_{date:%Y%m%d}.geojson"
        data = orjson.dumps({**document, "features": features})
        path.write_bytes(data)
        written += len(data)
    print(f"wrote {args.days} maps ({written / 1e6:.0f} MB) to {args.out}, "
          f"{args.start} … {args.start + dt.timedelta(days=args.days - 1)}")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
