"""Proposals: named, described lists of operations, read from and written to TOML.

A proposal file looks like this (the built-ins are in ``resources/scenarios``)::

    id = "nov-2024-offer"                      # optional: the file name without .toml
    name = "Reported November 2024 offer"
    description = "One paragraph: what it is and where it comes from."
    sources = ["Who said it, where, when"]

    [[operations]]
    type = "freeze"

    [[operations]]
    type = "withdraw_from_regions"
    regions = ["UA-63", "UA-48"]               # ISO 3166-2 codes or group ids

    [[operations]]
    type = "transfer_area"
    to = "ukraine"                             # or "occupier"
    polygon = [[36.1, 50.2], [36.5, 50.2], [36.5, 50.4], [36.1, 50.2]]   # lon, lat

    [[operations]]
    type = "demilitarized_zone"
    width_km = 15

Every problem is reported as :class:`~geodata.errors.BadInputError` naming the
file, the line and what is wrong.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import shapely
import tomli_w

from geodata.boundaries import load_boundaries
from geodata.errors import BadInputError, UnknownScenarioError
from geodata.groups import GROUPS
from geodata.importers import check_readable_file
from geodata.resources import resource_path
from geodata.scenarios.operations import (
    OPERATION_TYPES,
    SIDES,
    CedeRegions,
    DemilitarizedZone,
    Freeze,
    Operation,
    TransferArea,
    WithdrawFromRegions,
)
from geodata.user_folders import user_data_folder

BUILTIN_DIR = ("scenarios",)
MAX_DMZ_WIDTH_KM = 100.0
MAX_PROPOSAL_BYTES = 16 * 2**20  # a drawn or imported area is far smaller
_TOP_KEYS = {"id", "name", "description", "sources", "operations"}
_OPERATION_KEYS = {
    "freeze": {"type"},
    "cede_regions": {"type", "regions"},
    "withdraw_from_regions": {"type", "regions"},
    "transfer_area": {"type", "to", "polygon"},
    "demilitarized_zone": {"type", "width_km"},
}
_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


@dataclass(frozen=True, eq=False)
class Proposal:
    """A named proposal: what it is (description, sources) and the operations that make it."""

    id: str
    name: str
    description: str
    operations: tuple[Operation, ...]
    sources: tuple[str, ...] = ()
    builtin: bool = False
    path: Path | None = field(default=None, compare=False)


def parse_proposal(text: str, path: str | Path, builtin: bool = False) -> Proposal:
    """Read a proposal from TOML text; ``path`` names it in errors and gives the default id.

    >>> text = 'name = "Freeze"\\ndescription = "x"\\n[[operations]]\\ntype = "freeze"\\n'
    >>> p = parse_proposal(text, "my-freeze.toml")
    >>> p.id, [op.type for op in p.operations]
    ('my-freeze', ['freeze'])
    >>> parse_proposal(text.replace('"freeze"', '"cede"'), "b.toml")
    Traceback (most recent call last):
    geodata.errors.BadInputError: cannot read b.toml: line 4: unknown operation type 'cede'; \
choose one of: freeze, cede_regions, withdraw_from_regions, transfer_area, demilitarized_zone
    """
    path = Path(path)
    lines = _LineFinder(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise BadInputError(path, f"not valid TOML: {error}") from None
    except RecursionError:
        raise BadInputError(path, "not a proposal: its arrays or tables nest too deeply") from None

    def fail(line: int | None, problem: str):
        where = f"line {line}: " if line else ""
        raise BadInputError(path, where + problem)

    for key in data:
        if key not in _TOP_KEYS:
            fail(
                lines.top_key(key), f"unknown key {key!r}; allowed: {', '.join(sorted(_TOP_KEYS))}"
            )
    for key in ("name", "description"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            fail(lines.top_key(key), f"{key!r} must be a non-empty text")
    proposal_id = data.get("id", path.stem)
    if not isinstance(proposal_id, str) or not _ID_PATTERN.match(proposal_id):
        problem = f"id {proposal_id!r} must be lower-case letters, digits and '-'"
        fail(lines.top_key("id"), problem)
    sources = data.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        fail(lines.top_key("sources"), "'sources' must be a list of texts")
    entries = data.get("operations")
    if not isinstance(entries, list) or not entries:
        fail(lines.top_key("operations"), "a proposal needs at least one [[operations]] entry")
    operations = tuple(
        _operation(entry, index, lines, fail, path) for index, entry in enumerate(entries)
    )
    return Proposal(
        id=proposal_id,
        name=data["name"].strip(),
        description=" ".join(data["description"].split()),
        operations=operations,
        sources=tuple(sources),
        builtin=builtin,
        path=path,
    )


def read_proposal(path: str | Path, builtin: bool = False) -> Proposal:
    """Read a proposal file (see :func:`parse_proposal`)."""
    path = Path(path)
    size = check_readable_file(path)
    if size > MAX_PROPOSAL_BYTES:
        raise BadInputError(
            path, f"it is too big for a proposal ({size / 2**20:.0f} MB; at most "
            f"{MAX_PROPOSAL_BYTES // 2**20} MB)"
        )  # fmt: skip
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInputError(path, "no such file") from None
    except UnicodeDecodeError:
        raise BadInputError(path, "the file is not UTF-8 text") from None
    except OSError as error:
        raise BadInputError(path, error.strerror or str(error)) from None
    return parse_proposal(text, path, builtin=builtin)


def builtin_proposals() -> tuple[Proposal, ...]:
    """The proposals that ship with Frontline Atlas, in their ``order`` (file names sort them).

    >>> [p.id for p in builtin_proposals()]
    ['freeze', 'june-2024-demand', 'nov-2024-offer', 'carve-up', 'dmz-15km']
    """
    folder = resource_path(*BUILTIN_DIR)
    return tuple(read_proposal(path, builtin=True) for path in sorted(folder.glob("*.toml")))


def user_proposals_dir() -> Path:
    """Where the user's own proposals are saved: ``scenarios`` in the user data folder."""
    return user_data_folder() / "scenarios"


def user_proposals(folder: Path | None = None) -> tuple[list[Proposal], list[BadInputError]]:
    """The user's saved proposals, and the errors of any file that cannot be used."""
    folder = folder or user_proposals_dir()
    proposals, errors = [], []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            proposals.append(read_proposal(path))
        except BadInputError as error:
            errors.append(error)
    return proposals, errors


def find_proposal(name_or_file: str | Path, folder: Path | None = None) -> Proposal:
    """A built-in or saved proposal by id, or a proposal file by path.

    >>> find_proposal("june-2024-demand").operations[0].regions
    ('UA-14', 'UA-09', 'UA-23', 'UA-65')
    """
    text = str(name_or_file)
    if text.endswith(".toml") or Path(text).is_file():
        return read_proposal(Path(text))
    saved, broken = user_proposals(folder)
    known = list(builtin_proposals()) + saved
    for proposal in known:
        if proposal.id == text:
            return proposal
    for error in broken:  # the user's file of that name, which cannot be used: say why
        if error.path.stem == text:
            raise error
    raise UnknownScenarioError("proposal", text, [p.id for p in known])


def write_proposal(proposal: Proposal, path: Path) -> Path:
    """Save a proposal as TOML that :func:`read_proposal` reads back; return the path."""
    document = {
        "id": proposal.id,
        "name": proposal.name,
        "description": proposal.description,
        "sources": list(proposal.sources),
        "operations": [
            _operation_document(part) for op in proposal.operations for part in _single_parts(op)
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(tomli_w.dumps(document), encoding="utf-8")
    temporary.replace(path)
    return path


def _operation(entry, index: int, lines: _LineFinder, fail, path: Path) -> Operation:
    header = lines.operation(index)
    if not isinstance(entry, dict):
        fail(header, "each operation must be a [[operations]] table")
    kind = entry.get("type")
    if kind not in OPERATION_TYPES:
        allowed = ", ".join(OPERATION_TYPES)
        fail(lines.operation_key(index, "type") or header,
             f"unknown operation type {kind!r}; choose one of: {allowed}")  # fmt: skip
    for key in entry:
        if key not in _OPERATION_KEYS[kind]:
            allowed = ", ".join(sorted(_OPERATION_KEYS[kind]))
            fail(lines.operation_key(index, key), f"{kind} has no {key!r}; it takes: {allowed}")

    def line_of(key: str) -> int | None:
        return lines.operation_key(index, key) or header

    if kind == "freeze":
        return Freeze()
    if kind in ("cede_regions", "withdraw_from_regions"):
        codes = _region_codes(
            entry.get("regions"), lambda problem: fail(line_of("regions"), problem)
        )
        return CedeRegions(codes) if kind == "cede_regions" else WithdrawFromRegions(codes)
    if kind == "transfer_area":
        if entry.get("to") not in SIDES:
            fail(
                line_of("to"), f"'to' must be one of: {', '.join(SIDES)} (got {entry.get('to')!r})"
            )
        polygon = polygon_from_points(
            entry.get("polygon"), lambda problem: fail(line_of("polygon"), problem)
        )
        return TransferArea(polygon, entry["to"])
    width = entry.get("width_km")
    if isinstance(width, bool) or not isinstance(width, int | float):
        fail(line_of("width_km"), "'width_km' must be a number of kilometres")
    if not 0 < width <= MAX_DMZ_WIDTH_KM:
        fail(
            line_of("width_km"),
            f"'width_km' must be above 0 and at most {MAX_DMZ_WIDTH_KM:g} (got {width})",
        )
    return DemilitarizedZone(float(width))


def _region_codes(value, fail) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        fail("'regions' must be a non-empty list of region codes (UA-14) or group ids")
    known = set(load_boundaries().codes)
    groups = {group.id: group.codes for group in GROUPS}
    codes: list[str] = []
    for item in value:
        if item in groups:
            codes += groups[item]
        elif item in known:
            codes.append(item)
        else:
            fail(f"unknown region {item!r}; use ISO 3166-2 codes such as UA-14, or a group id "
                 f"({', '.join(groups)})")  # fmt: skip
    return tuple(dict.fromkeys(codes))


def polygon_from_points(points, fail) -> shapely.Geometry:
    """A valid polygon from its points; calls ``fail(problem)`` when it cannot be one.

    ``points`` is one ring, ``[[lon, lat], ...]``, or rings, ``[[[lon, lat], ...], ...]``:
    the outline, then the holes.

    >>> polygon_from_points([[30, 50], [31, 50], [31, 51]], print).area
    0.5
    >>> outline = [[30, 50], [32, 50], [32, 52], [30, 52]]
    >>> hole = [[30.5, 50.5], [31, 50.5], [31, 51]]
    >>> polygon_from_points([outline, hole], print).area
    3.875
    >>> polygon_from_points([[30, 50], [31, 51], [31, 50], [30, 51]], print)
    the polygon crosses itself near (30.5, 50.5)
    """
    if not isinstance(points, list) or not points:
        return fail("'polygon' must be a list of at least 3 [lon, lat] points")
    nested = isinstance(points[0], list) and points[0] and isinstance(points[0][0], list)
    rings = []
    for ring in points if nested else [points]:
        coordinates = _ring(ring, fail)
        if coordinates is None:
            return None
        rings.append(coordinates)
    polygon = shapely.Polygon(rings[0], rings[1:])
    if polygon.convex_hull.area == 0:
        return fail("the polygon has no area (its points are on one line)")
    if not polygon.is_valid:
        reason = shapely.is_valid_reason(polygon)
        match = re.search(r"\[([-\d.]+) ([-\d.]+)\]", reason)
        where = f" near ({float(match[1]):g}, {float(match[2]):g})" if match else ""
        return fail(f"the polygon crosses itself{where}")
    return polygon


def _single_parts(operation: Operation) -> list[Operation]:
    """A transfer of a multi-part area as one transfer per part (TOML holds one polygon each)."""
    if not isinstance(operation, TransferArea):
        return [operation]
    parts = shapely.get_parts(operation.polygon)
    return [TransferArea(part, operation.to) for part in parts if shapely.get_type_id(part) == 3]


def _ring(points, fail) -> list[tuple[float, float]] | None:
    if not isinstance(points, list) or len(points) < 3:
        return fail("'polygon' must be a list of at least 3 [lon, lat] points")
    coordinates = []
    for point in points:
        if (
            not isinstance(point, list) or len(point) != 2
            or not all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
        ):  # fmt: skip
            return fail(f"polygon point {point!r} is not a [lon, lat] pair of numbers")
        lon, lat = point
        if not (math.isfinite(lon) and math.isfinite(lat)) or not (
            -180 <= lon <= 180 and -90 <= lat <= 90
        ):
            return fail(f"polygon point {point!r} is not a longitude and latitude in degrees")
        coordinates.append((float(lon), float(lat)))
    return coordinates


def _operation_document(operation: Operation) -> dict:
    document: dict = {"type": operation.type}
    if isinstance(operation, CedeRegions | WithdrawFromRegions):
        document["regions"] = list(operation.regions)
    elif isinstance(operation, TransferArea):
        document["to"] = operation.to
        # Full precision: rounding can make a valid polygon touch or cross itself.
        rings = [operation.polygon.exterior, *operation.polygon.interiors]
        document["polygon"] = [[[x, y] for x, y in ring.coords] for ring in rings]
    elif isinstance(operation, DemilitarizedZone):
        document["width_km"] = operation.width_km
    return document


class _LineFinder:
    """Finds the line of a key in TOML text, for error messages (tomllib keeps no positions)."""

    def __init__(self, text: str) -> None:
        self._lines = text.splitlines()
        header = re.compile(r"^\s*\[\[\s*operations\s*\]\]")
        self._headers = [n for n, line in enumerate(self._lines) if header.match(line)]

    def top_key(self, key: str) -> int | None:
        end = self._headers[0] if self._headers else len(self._lines)
        return self._find(key, 0, end)

    def operation(self, index: int) -> int | None:
        return self._headers[index] + 1 if index < len(self._headers) else None

    def operation_key(self, index: int, key: str) -> int | None:
        if index >= len(self._headers):
            return None
        start = self._headers[index] + 1
        end = self._headers[index + 1] if index + 1 < len(self._headers) else len(self._lines)
        return self._find(key, start, end)

    def _find(self, key: str, start: int, end: int) -> int | None:
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(start, end):
            if pattern.match(self._lines[number]):
                return number + 1
        return None
