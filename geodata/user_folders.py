"""Where Frontline Atlas keeps the user's things: one folder name, the platform's places.

>>> user_data_folder().name == APP_DIR_NAME == user_config_folder().name
True
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

#: The folder name under the platform's data and settings places.
APP_DIR_NAME = "frontline-atlas"


def user_data_folder() -> Path:
    """The user data folder: the history store, saved proposals, the log."""
    return Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))


def user_config_folder() -> Path:
    """The settings folder."""
    return Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))
