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

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import tomli_w

from geodata.errors import BadInputError, UnknownScenarioError
from geodata.importers import read_text_file
from geodata.resources import resource_path
from geodata.scenarios.operations import OPERATION_TYPES, Operation
from geodata.user_folders import user_data_folder

BUILTIN_DIR = ("scenarios",)
MAX_PROPOSAL_BYTES = 16 * 2**20  # a drawn or imported area is far smaller
# The longest texts a proposal may hold: shown in labels and on briefing pages, a name of
# megabytes would hold the window.
_TEXT_LIMITS = {"name": 200, "name_uk": 200, "description": 5000, "description_uk": 5000}
_TOP_KEYS = {"id", "name", "description", "name_uk", "description_uk", "sources", "operations"}
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
    # The same in Ukrainian (optional keys ``name_uk``, ``description_uk``).
    name_uk: str = ""
    description_uk: str = ""

    def title(self, language: str = "en") -> str:
        """The name in ``language`` (English when there is no Ukrainian one)."""
        return self.name_uk if language == "uk" and self.name_uk else self.name

    def about(self, language: str = "en") -> str:
        """The description in ``language`` (English when there is no Ukrainian one)."""
        return self.description_uk if language == "uk" and self.description_uk else self.description


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
    for key in ("name_uk", "description_uk"):
        if not isinstance(data.get(key, ""), str):
            fail(lines.top_key(key), f"{key!r} must be a text")
    for key, limit in _TEXT_LIMITS.items():
        if len(data.get(key, "")) > limit:
            fail(lines.top_key(key), f"{key!r} is longer than {limit:,} characters")
    proposal_id = data.get("id", path.stem)
    if not isinstance(proposal_id, str) or not _ID_PATTERN.match(proposal_id):
        problem = f"id {proposal_id!r} must be lower-case letters, digits and '-'"
        if "id" not in data:  # the id comes from the file's name: say so, and the way out
            problem = (
                f"without an 'id' its id is the file's name, {proposal_id!r}, which must "
                "be lower-case letters, digits and '-': rename the file or give an id"
            )
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
        name_uk=data.get("name_uk", "").strip(),
        description_uk=" ".join(data.get("description_uk", "").split()),
    )


def read_proposal(path: str | Path, builtin: bool = False) -> Proposal:
    """Read a proposal file (see :func:`parse_proposal`)."""
    path = Path(path)
    text = read_text_file(path, MAX_PROPOSAL_BYTES, "a proposal")
    return parse_proposal(text, path, builtin=builtin)


def builtin_proposals() -> tuple[Proposal, ...]:
    """The proposals that ship with Frontline Atlas, in their ``order`` (file names sort them).

    >>> [p.id for p in builtin_proposals()]
    ['freeze', 'june-2024-demand', 'nov-2024-offer', 'carve-up', 'dmz-15km']
    """
    folder = resource_path(*BUILTIN_DIR)
    return tuple(read_proposal(path, builtin=True) for path in sorted(folder.glob("*.toml")))


def builtin_ids() -> list[str]:
    """The built-in proposals' ids, in order, without reading their operations (for help texts).

    >>> builtin_ids() == [p.id for p in builtin_proposals()]
    True
    """
    folder = resource_path(*BUILTIN_DIR)
    ids = []
    for path in sorted(folder.glob("*.toml")):
        ids.append(tomllib.loads(path.read_text(encoding="utf-8")).get("id", path.stem))
    return ids


def user_proposals_dir() -> Path:
    """Where the user's own proposals are saved: ``scenarios`` in the user data folder."""
    return user_data_folder() / "scenarios"


def user_proposals(folder: Path | None = None) -> tuple[list[Proposal], list[BadInputError]]:
    """The user's saved proposals, and the errors of any file that cannot be used.

    An id is one proposal's: a file whose id is a built-in's, or another file's, is
    named among the errors (it was passed over without a word). Of two files with
    one id, the one named after it keeps it.
    """
    folder = folder or user_proposals_dir()
    read, errors = [], []
    for path in sorted(folder.glob("*.toml")) if folder.is_dir() else []:
        try:
            read.append((path, read_proposal(path)))
        except BadInputError as error:
            errors.append(error)
    taken = {proposal_id: "a built-in proposal's" for proposal_id in builtin_ids()}
    kept = set()
    for path, proposal in sorted(read, key=lambda item: item[0].stem != item[1].id):
        if proposal.id in taken:
            reason = f"its id {proposal.id!r} is already {taken[proposal.id]}; give it another id"
            errors.append(BadInputError(path, reason))
            continue
        taken[proposal.id] = f"that of {path.name}"
        kept.add(path)
    return [proposal for path, proposal in read if path in kept], errors  # in the files' order


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
    """Save a proposal as TOML that :func:`read_proposal` reads back; return the path.

    What :func:`read_proposal` would refuse (a name or description too long, an
    area wholly outside Ukraine …) is refused here
    (:class:`~geodata.errors.BadInputError`, from the same checks) and nothing is written.
    """
    document = {
        "id": proposal.id,
        "name": proposal.name,
        "description": proposal.description,
        **({"name_uk": proposal.name_uk} if proposal.name_uk else {}),
        **({"description_uk": proposal.description_uk} if proposal.description_uk else {}),
        "sources": list(proposal.sources),
        "operations": [
            {"type": op.type, **entry} for op in proposal.operations for entry in op.to_entries()
        ],
    }
    text = tomli_w.dumps(document)
    parse_proposal(text, path)  # read back before it is written: the reader's checks hold
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
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
    operation = OPERATION_TYPES[kind]
    for key in entry:
        if key != "type" and key not in operation.KEYS:
            allowed = ", ".join(sorted({"type", *operation.KEYS}))
            fail(lines.operation_key(index, key), f"{kind} has no {key!r}; it takes: {allowed}")
    return operation.from_entry(
        entry, lambda key, problem: fail(lines.operation_key(index, key) or header, problem)
    )


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
