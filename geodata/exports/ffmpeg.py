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

    Written to a temporary name and renamed, so a half-written binary is never run.

    >>> import lzma, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "tool.xz").write_bytes(lzma.compress(b"#!/bin/sh\\n"))
    >>> path = unpacked(folder / "tool.xz", folder / "cache")
    >>> path.name, path.read_bytes(), os.access(path, os.X_OK)
    ('tool', b'#!/bin/sh\\n', True)
    """
    cache = cache or Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)) / "ffmpeg"
    target = cache / packed.name.removesuffix(PACKED_SUFFIX)
    if target.exists() and os.access(target, os.X_OK):
        return target
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=cache, delete=False) as out, lzma.open(packed) as source:
        shutil.copyfileobj(source, out, 2**20)
    os.chmod(out.name, 0o755)
    os.replace(out.name, target)
    return target
