"""The layering the project promises: geodata is Qt-free and never imports desktop."""

from __future__ import annotations

import subprocess
import sys

from importlinter.cli import lint_imports

from tests.helpers import REPO_ROOT


def test_import_contracts_hold():
    assert lint_imports(config_filename=str(REPO_ROOT / "pyproject.toml"), no_cache=True) == 0


def test_stats_command_does_not_load_qt():
    # The headless commands must start fast and run without Qt libraries.
    code = (
        "import sys, desktop.cli, geodata.stats, geodata.importers, geodata.stats_output;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
