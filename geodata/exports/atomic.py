"""Write a file completely or not at all: to a temporary file beside it, then rename."""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from geodata.errors import ExportError

# The process's file-creation mask, read once: mkstemp makes private (0600)
# files, and an export should get the permissions any new file would.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomically(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(temporary_path)``, then move the result to ``path``.

    A failure (of ``write`` or of the disk) leaves any file already at ``path``
    untouched and raises :class:`~geodata.errors.ExportError` saying why.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
    >>> write_atomically(target, lambda p: p.write_text("hello")).read_text()
    'hello'
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(path, f"the folder {path.parent} does not exist")
    try:
        handle, name = tempfile.mkstemp(
            prefix=f".{path.name}.", suffix=path.suffix, dir=path.parent
        )
    except OSError as error:
        raise ExportError(path, os_reason(error)) from None
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(path, os_reason(error)) from None
    finally:
        if temporary.exists():
            temporary.unlink()
    return path


def os_reason(error: OSError) -> str:
    """A short, plain reason for a failed file operation.

    >>> os_reason(OSError(errno.ENOSPC, "No space left on device"))
    'the disk is full'
    """
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied (the folder is not writable)"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    return error.strerror or str(error)
