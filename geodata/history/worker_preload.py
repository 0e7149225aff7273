"""What every history worker needs, loaded when this module is imported.

The history's fork server (:func:`geodata.history.compute.fresh_context`)
imports it before it forks any worker, so that the workers start with the
boundaries, the places and the default border mask already loaded.
"""

from __future__ import annotations

import contextlib

from geodata.history.compute import prepare_worker
from geodata.reconcile import DEFAULT_TOLERANCE_KM

# A failure here must not stop the server: each worker prepares itself again on
# start (prepare_worker is its initializer) and reports what goes wrong there.
with contextlib.suppress(Exception):
    prepare_worker(DEFAULT_TOLERANCE_KM)
