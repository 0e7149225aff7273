"""Collect the app's strings into the Ukrainian catalogue and compile it.

    uv run python tools/build_translations.py          # lupdate, then lrelease
    uv run python tools/build_translations.py --check  # exit 1 if the catalogue is stale

``pyside6-lupdate`` (shipped with PySide6) reads every ``QCoreApplication.translate``
and ``QT_TRANSLATE_NOOP`` under ``desktop/`` into ``resources/i18n/frontline-atlas_uk.ts``,
keeping the translations already there; ``pyside6-lrelease`` compiles it to the
``.qm`` the app loads. Translate in Qt Linguist (``pyside6-linguist``) or any XML editor.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "frontline-atlas_uk.ts"
QM = TS.with_suffix(".qm")


def tool(name: str) -> str:
    """The path of a PySide6 tool (beside this Python, else on PATH)."""
    beside = Path(sys.executable).parent / name
    return str(beside) if beside.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    """The Python files whose strings are collected."""
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop").rglob("*.py"))


def update(ts: Path) -> None:
    """Run lupdate into ``ts`` (without line numbers, so the file changes only with the text)."""
    subprocess.run([tool("pyside6-lupdate"), *sources(), "-locations", "none", "-no-obsolete",
                    "-ts", str(ts)], cwd=ROOT, check=True, capture_output=True)  # fmt: skip


def release(ts: Path, qm: Path) -> None:
    """Compile ``ts`` to ``qm``."""
    subprocess.run([tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], cwd=ROOT, check=True,
                   capture_output=True)  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Update and compile, or with ``--check`` only say whether that would change anything."""
    argv = sys.argv[1:] if argv is None else argv
    if "--check" in argv:
        with tempfile.TemporaryDirectory() as scratch:
            ts, qm = Path(scratch) / TS.name, Path(scratch) / QM.name
            shutil.copy2(TS, ts)
            update(ts)
            release(ts, qm)
            stale = ts.read_bytes() != TS.read_bytes() or qm.read_bytes() != QM.read_bytes()
        print("the catalogue is stale: run tools/build_translations.py" if stale else "up to date")
        return 1 if stale else 0
    update(TS)
    release(TS, QM)
    print(f"wrote {TS.relative_to(ROOT)} and {QM.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
