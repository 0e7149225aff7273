"""The bundled app's entry point: the same command line as ``frontline-atlas``."""

import multiprocessing
import sys

from desktop.cli import main

if __name__ == "__main__":
    # Big files are read in a child process (desktop.statistics.isolated_load): in the bundle the
    # child is this executable again, and this hands it over to multiprocessing.
    multiprocessing.freeze_support()
    sys.exit(main())
