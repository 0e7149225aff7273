"""The ffmpeg that writes MP4 videos: imageio-ffmpeg's, unpacked on first use when packed.

imageio-ffmpeg ships one static ffmpeg of about 170 MB. The offline installers
carry it compressed (``ffmpeg-….xz`` beside where it would be, about 50 MB;
``installer/frontline-atlas.spec``): the first video unpacks it once into the
user's cache folder (a few seconds) and every later one uses it from there. In a
development install the binary is used as it is.
"""

from __future__ import annotations

import lzma
import os
import shutil
import tempfile
from pathlib import Path

import platformdirs

from geodata.errors import ExportError
from geodata.exports.atomic import os_reason
from geodata.user_folders import APP_DIR_NAME

#: The suffix of a packed ffmpeg (what the installer writes).
PACKED_SUFFIX = ".xz"


def ffmpeg_exe() -> str:
    """The path of an ffmpeg that runs: imageio-ffmpeg's, unpacked first if packed."""
    import imageio_ffmpeg

    if not os.environ.get("IMAGEIO_FFMPEG_EXE"):
        binaries = Path(imageio_ffmpeg.__file__).parent / "binaries"
        packed = sorted(binaries.glob(f"ffmpeg-*{PACKED_SUFFIX}"))
        if packed:
            os.environ["IMAGEIO_FFMPEG_EXE"] = str(unpacked(packed[0]))
    return imageio_ffmpeg.get_ffmpeg_exe()


def unpacked(packed: Path, cache: Path | None = None) -> Path:
    """``packed`` (an xz file) unpacked into ``cache`` once, executable; its path.

    Written to a temporary name, flushed and renamed, with a stamp of its size
    beside it written last: a half-written binary (a full disk, a crash) is never
    run, and is unpacked again next time. A failure leaves nothing behind and
    raises :class:`~geodata.errors.ExportError` naming the cache folder.

    >>> import lzma, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "tool.xz").write_bytes(lzma.compress(b"#!/bin/sh\\n"))
    >>> path = unpacked(folder / "tool.xz", folder / "cache")
    >>> path.name, path.read_bytes(), os.access(path, os.X_OK)
    ('tool', b'#!/bin/sh\\n', True)
    """
    cache = cache or Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)) / "ffmpeg"
    target = cache / packed.name.removesuffix(PACKED_SUFFIX)
    stamp = target.with_name(target.name + ".size")
    if _whole(target, stamp):
        return target
    temporary = None
    try:
        cache.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cache, delete=False) as out:
            temporary = Path(out.name)
            with lzma.open(packed) as source:
                shutil.copyfileobj(source, out, 2**20)
            out.flush()
            os.fsync(out.fileno())
        temporary.chmod(0o755)
        try:
            os.replace(temporary, target)
        except PermissionError:  # Windows: another window is running the one unpacked
            if not target.exists():
                raise
        stamp.write_text(str(target.stat().st_size))
    except (OSError, EOFError, lzma.LZMAError) as error:  # EOFError: a pack cut short
        reason = os_reason(error) if isinstance(error, OSError) else str(error)
        raise ExportError(cache, f"cannot unpack ffmpeg for the video: {reason}") from None
    finally:
        if temporary is not None and temporary.exists():
            temporary.unlink(missing_ok=True)
    return target


def _whole(target: Path, stamp: Path) -> bool:
    """Whether ``target`` was unpacked whole: executable, of the size its stamp records."""
    try:
        return os.access(target, os.X_OK) and int(stamp.read_text()) == target.stat().st_size
    except (OSError, ValueError):
        return False
