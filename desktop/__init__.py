"""Frontline Atlas's PySide6 application: it shows and drives what :mod:`geodata` computes."""

import time

#: When the app's code began to run (``time.perf_counter``), for start-up timings.
STARTED = time.perf_counter()
