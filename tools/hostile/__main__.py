"""Run the hostile set against the command line and print the count table per kind.

    uv run python tools/hostile [--kind N ...] [--skip-big] [--jobs 4] [--keep]

Each case makes its own files (and its own data folder for the store and user
proposals) in a scratch folder, runs ``frontline-atlas`` as a user would, and is
judged: good, traceback, hang (past its time limit), wrong (a figure or text
that is not what the input means), lost (the store or a user's file lost bytes)
or other (for instance a message that does not name the file). Exit status 1 if
any case was not good. Store faults that need a tmpfs or a read-only mount are
made for real when run as root; otherwise they are reported as skipped.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parents[2]))

import cases_files
import cases_other
import cases_store
from lab import KINDS, OUTCOMES, Failure, Lab, scratch_root

ALL_CASES = cases_store.CASES + cases_files.CASES + cases_other.CASES


def run_case(number: int, case, root: Path, keep: bool = False) -> tuple[str, str, float]:
    """Run one case in its own lab; return (outcome, detail, seconds)."""
    started = time.monotonic()
    lab = Lab.make(root, f"{number:03d}")
    try:
        case.run(lab)
    except Failure as failure:
        return failure.outcome, str(failure), time.monotonic() - started
    except cases_store.Unavailable as why:
        return "skipped", str(why), time.monotonic() - started
    except Exception as error:  # noqa: BLE001 - a broken case is reported, not fatal
        return "other", f"the case itself failed: {type(error).__name__}: {error}", 0.0
    finally:
        if not keep:
            shutil.rmtree(lab.root, ignore_errors=True)
    return "good", "", time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    """Run the chosen cases; print failures and the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kind", type=int, action="append", choices=sorted(KINDS))
    parser.add_argument("--skip-big", action="store_true", help="leave out the slow big inputs")
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument("--match", default="", help="only cases whose name contains this")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = parser.parse_args(argv)
    chosen = [
        case for case in ALL_CASES
        if (not args.kind or case.kind in args.kind) and not (args.skip_big and case.big)
        and args.match.lower() in case.name.lower()
    ]  # fmt: skip
    root = scratch_root()
    counts: dict[int, collections.Counter] = collections.defaultdict(collections.Counter)
    started = time.monotonic()
    # Slow cases first, so that the pool ends together.
    order = sorted(enumerate(chosen), key=lambda item: not item[1].big)
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = {pool.submit(run_case, n, case, root, args.keep): case for n, case in order}
        for future in concurrent.futures.as_completed(futures):
            case = futures[future]
            outcome, detail, seconds = future.result()
            counts[case.kind][outcome] += 1
            if outcome != "good":
                print(f"[{outcome}] kind {case.kind}: {case.name}: {detail}", flush=True)
            elif seconds > 30:
                print(f"[good, {seconds:.0f} s] kind {case.kind}: {case.name}", flush=True)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)
    columns = ("cases", *OUTCOMES, "skipped")
    print(f"\n{'kind':<32}" + "".join(f"{c:>10}" for c in columns))
    totals: collections.Counter = collections.Counter()
    for kind, title in KINDS.items():
        row = counts[kind]
        row["cases"] = sum(row.values())
        totals.update(row)
        print(f"{kind} {title:<30}" + "".join(f"{row[c]:>10}" for c in columns))
    print(f"{'all':<32}" + "".join(f"{totals[c]:>10}" for c in columns))
    print(f"\n{len(chosen)} cases in {time.monotonic() - started:.0f} s")
    return 0 if totals["good"] + totals["skipped"] == totals["cases"] else 1


if __name__ == "__main__":
    sys.exit(main())
