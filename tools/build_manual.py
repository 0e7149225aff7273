"""Build the in-app user manual (``resources/help/manual.md``) from the README.

The manual is the README as users need it offline: the screenshots are left
out (they stay in ``docs/``; the manual says what each showed) and the
developers' sections (install from source, development, architecture) are
dropped. Run ``uv run python tools/build_manual.py``; a test fails when the
manual is older than the README.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
MANUAL = ROOT / "resources" / "help" / "manual.md"
#: Top-level README sections that are for developers, not users.
LEFT_OUT = ("Architecture", "Development", "Licence")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")


def manual_text(readme: str) -> str:
    """The manual's Markdown from the README's."""
    kept, skipping = [], False
    for line in readme.splitlines():
        if line.startswith("## "):
            skipping = line[3:].strip() in LEFT_OUT
        if skipping:
            continue
        # A screenshot becomes the sentence that describes it.
        line = IMAGE.sub(lambda m: f"*(Picture: {m.group(1)})*", line)
        kept.append(line)
    header = "<!-- Built from README.md by tools/build_manual.py; do not edit by hand. -->\n"
    return header + "\n".join(kept).rstrip() + "\n"


def main() -> int:
    """Write the manual; print where."""
    MANUAL.parent.mkdir(parents=True, exist_ok=True)
    MANUAL.write_text(manual_text(README.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {MANUAL.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
