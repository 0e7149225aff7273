"""Write a file completely or not at all: to a temporary file beside it, then rename."""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from geodata.errors import ExportError

# What GDAL's writers raise when a file cannot be written (pyogrio's errors, by name:
# importing pyogrio here would load GDAL and pandas before anything needs them).
_WRITER_ERRORS = ("DataSourceError", "DataLayerError", "FeatureError", "FieldError")
# Below this much free space, a writer's failure is taken for a full disk.
_NEARLY_FULL_BYTES = 4 * 2**20

# The process's file-creation mask, read once: mkstemp makes private (0600)
# files, and an export should get the permissions any new file would.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomically(
    path: str | Path,
    write: Callable[[Path], object],
    verify: Callable[[Path], object] | None = None,
) -> Path:
    """Call ``write(temporary_path)``, then ``verify(temporary_path)``, then move it to ``path``.

    ``verify`` reads the file back where the writer may fail silently: GDAL's
    drivers can report success when the disk filled up while they flushed.

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
        # A short name of plain letters: the target's own name may be as long as
        # the file system allows, or hold characters GDAL reads as syntax (!;{}).
        handle, name = tempfile.mkstemp(
            prefix=".frontline-atlas-", suffix=_plain_suffix(path), dir=path.parent
        )
    except OSError as error:
        raise ExportError(path, os_reason(error)) from None
    os.close(handle)
    temporary = Path(name)
    try:
        write(temporary)
        if verify is not None:
            _verified(temporary, verify, path)
        mode = path.stat().st_mode & 0o7777 if path.exists() else 0o666 & ~_UMASK
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        raise ExportError(path, os_reason(error)) from None
    except Exception as error:
        if not _is_writer_error(error):
            raise
        # GDAL reports a full disk as a failed feature or table, not as ENOSPC.
        raise ExportError(path, _writer_reason(error, path.parent)) from None
    finally:
        if temporary.exists():
            temporary.unlink()
    return path


def _is_writer_error(error: Exception) -> bool:
    """Whether ``error`` is one of GDAL's writer errors (pyogrio, when it is in use)."""
    errors = sys.modules.get("pyogrio.errors")
    return errors is not None and isinstance(
        error, tuple(getattr(errors, name) for name in _WRITER_ERRORS)
    )


def _verified(temporary: Path, verify: Callable[[Path], object], path: Path) -> None:
    try:
        verify(temporary)
    except Exception as error:  # noqa: BLE001 - any reader error means the file is not whole
        raise ExportError(path, _writer_reason(error, path.parent)) from None


def readable_by_gdal(path: Path) -> None:
    """Read every layer of a file GDAL wrote back (its header and feature count)."""
    import pyogrio

    for name, _geometry_type in pyogrio.list_layers(path):
        pyogrio.read_info(path, layer=name, force_feature_count=True)


def _plain_suffix(path: Path) -> str:
    """The target's extension when it is plain (drivers choose the format by it), else none."""
    suffix = path.suffix
    return suffix if suffix[1:].isalnum() and len(suffix) <= 8 else ""


def _writer_reason(error: Exception, folder: Path) -> str:
    try:
        if shutil.disk_usage(folder).free < _NEARLY_FULL_BYTES:
            return "the disk is full"
    except OSError:
        pass
    text = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return f"the file could not be written ({text})"


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
