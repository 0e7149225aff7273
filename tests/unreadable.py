"""Files a user may pick that are no text file to read: one helper for every reader's tests."""

from __future__ import annotations

import os
from pathlib import Path

#: What :func:`unreadable_text_file` can make.
KINDS = ("device", "pipe", "folder", "not UTF-8", "too big")


def unreadable_text_file(path: Path, kind: str, limit: int) -> Path:
    """Make ``path`` into ``kind`` (see :data:`KINDS`) and return the path to pick.

    ``limit`` is the reader's size limit in bytes; "too big" is one byte over it.
    "device" is /dev/zero itself, whatever ``path``.
    """
    if kind == "device":
        return Path("/dev/zero")
    if kind == "pipe":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    elif kind == "not UTF-8":
        path.write_bytes(b"id = '\xff'")
    elif kind == "too big":
        path.write_bytes(b"#" * (limit + 1))
    else:
        raise ValueError(kind)
    return path
