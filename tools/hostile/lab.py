"""The hostile set's workshop: running the command line, judging what came back, making files.

A case is a function that gets a :class:`Lab` and raises :class:`Failure` when
the app did not handle it well. :meth:`Lab.cli` itself turns a traceback into a
``traceback`` failure and a run past its time limit into a ``hang``; the case
checks the rest (exit status, one clear line naming the file, the figures, the
store's bytes).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

KINDS = {
    1: "store kept on faults",
    2: "no silently wrong figure",
    3: "no traceback",
    4: "bounded reads, no hang",
    5: "text stays text",
    6: "valid input accepted",
    7: "arguments",
    8: "big inputs",
}
OUTCOMES = ("good", "traceback", "hang", "wrong", "lost", "other")
APP = Path(sys.executable).with_name("frontline-atlas")


class Failure(Exception):
    """A case not handled well; ``outcome`` is one of :data:`OUTCOMES` (not ``good``)."""

    def __init__(self, outcome: str, detail: str) -> None:
        super().__init__(detail)
        self.outcome = outcome


@dataclass
class Result:
    """One run of the command line."""

    args: tuple
    code: int
    out: str
    err: str
    seconds: float

    def json(self) -> dict:
        """The standard output as JSON (a ``wrong`` failure if it is not)."""
        try:
            return json.loads(self.out)
        except ValueError:
            raise Failure("wrong", f"output is not JSON: {self.out[:200]!r}") from None

    def shares(self) -> dict[str, float]:
        """``{code or group id: occupied %}`` from ``--format json`` output."""
        data = self.json()
        shares = {row["code"]: row["controlled_pct"] for row in data["regions"]}
        shares.update({row["id"]: row["controlled_pct"] for row in data["groups"]})
        return shares


@dataclass
class Case:
    """One hostile input or fault."""

    kind: int
    name: str
    run: Callable[[Lab], None]
    big: bool = False


@dataclass
class Lab:
    """A scratch folder, a private data folder for the app, and the command line."""

    root: Path
    env: dict = field(default_factory=dict)

    @classmethod
    def make(cls, parent: Path, name: str) -> Lab:
        """A fresh lab in ``parent/name`` with its own data folder (store, proposals)."""
        root = parent / name
        root.mkdir(parents=True)
        env = dict(os.environ)
        env.update({
            "XDG_DATA_HOME": str(root / "data"), "XDG_CONFIG_HOME": str(root / "config"),
            "XDG_CACHE_HOME": str(root / "cache"), "QT_QPA_PLATFORM": "offscreen",
            "PYTHONDONTWRITEBYTECODE": "1",
        })  # fmt: skip
        env.pop("FRONTLINE_ATLAS_DEEPSTATE_URL", None)
        # A case whose list is refused falls back to the mirror: never the real one.
        env.update({"FRONTLINE_ATLAS_MIRROR_API_URL": "http://127.0.0.1:9",
                    "FRONTLINE_ATLAS_MIRROR_RAW_URL": "http://127.0.0.1:9"})  # fmt: skip
        return cls(root, env)

    @property
    def data(self) -> Path:
        """The app's data folder (store, user proposals) in this lab."""
        return self.root / "data" / "frontline-atlas"

    def path(self, name: str) -> Path:
        """A path in the lab."""
        return self.root / name

    def cli(self, *args, timeout: float = 60, stdout=None, env: dict | None = None) -> Result:
        """Run ``frontline-atlas args…``; traceback → Failure('traceback'), timeout → 'hang'."""
        command = [str(APP), *map(str, args)]
        started = time.monotonic()
        try:
            done = subprocess.run(
                command, cwd=self.root, env=env or self.env, timeout=timeout, text=True,
                stdin=subprocess.DEVNULL, stdout=stdout or subprocess.PIPE, stderr=subprocess.PIPE,
                errors="replace",
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            raise Failure("hang", f"no answer after {timeout:.0f} s: {' '.join(command)}") from None
        result = Result(tuple(args), done.returncode, done.stdout or "", done.stderr,
                        time.monotonic() - started)  # fmt: skip
        if "Traceback (most recent call last)" in result.err + result.out:
            raise Failure("traceback", result.err.strip().splitlines()[-1][:300])
        return result


# -- judging --------------------------------------------------------------------------------------


def refused(result: Result, *needles: str) -> None:
    """Exit 2 and one line on standard error that names each needle (the file, the problem).

    A usage error may come after the command's usage synopsis, as argparse prints it.
    """
    lines = [line for line in result.err.splitlines() if line.strip()]
    if lines and lines[0].startswith("usage:"):
        lines = [line for line in lines[1:] if not line.startswith(" ")]
    if result.code != 2:
        raise Failure("wrong" if result.code == 0 else "other",
                      f"exit {result.code}, expected 2; {result.err.strip()[:200]!r}")  # fmt: skip
    if len(lines) != 1:
        raise Failure("other", f"{len(lines)} lines on stderr, expected one: {result.err[:300]!r}")
    missing = [needle for needle in needles if needle.lower() not in lines[0].lower()]
    if missing:
        raise Failure("other", f"message does not name {missing}: {lines[0][:300]!r}")


def succeeded(result: Result) -> Result:
    """Exit 0 (anything else is a failure of kind ``wrong`` or ``other``)."""
    if result.code != 0:
        raise Failure("other", f"exit {result.code}: {result.err.strip()[-300:]!r}")
    return result


def refused_or_same(result: Result, expected: dict[str, float], *needles: str) -> None:
    """Either a clear refusal, or exactly the expected figures (never other figures)."""
    if result.code == 0:
        same_figures(result.shares(), expected)
    else:
        refused(result, *needles)


def same_figures(shares: dict[str, float], expected: dict[str, float], within=0.05) -> None:
    """Every expected share matches (in percentage points), else a ``wrong`` failure."""
    for key, value in expected.items():
        got = shares.get(key)
        if got is None or abs(got - value) > within:
            raise Failure("wrong", f"{key}: {got} %, expected {value} %")


def scratch_root() -> Path:
    """A scratch folder for one run of the set."""
    return Path(tempfile.mkdtemp(prefix="atlas-hostile-"))
