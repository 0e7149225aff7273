"""The trees a benchmark compares: this one and, with a baseline, a worktree of that revision.

Benchmarks on a shared two-core machine vary by tens of per cent from hour to hour;
a figure is only comparable with another build's measured in the same run,
alternating (``tools/startup_bench.py``, ``tools/history_bench.py --baseline``).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@contextmanager
def trees(baseline: str | None) -> Iterator[dict[str, Path]]:
    """``{"at REV": worktree, "this tree": REPO}`` (only this tree without a baseline).

    The worktree is made in a scratch folder and removed afterwards.
    """
    if not baseline:
        yield {"this tree": REPO}
        return
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "baseline"
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), baseline],
                       cwd=REPO, check=True, capture_output=True)  # fmt: skip
        try:
            yield {f"at {baseline}": tree, "this tree": REPO}
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)],
                           cwd=REPO, capture_output=True)  # fmt: skip
