"""A packed ffmpeg is unpacked once, whole, or not at all (nothing half-written is ever run)."""

from __future__ import annotations

import lzma
import os

import pytest

from geodata.errors import ExportError
from geodata.exports.ffmpeg import unpacked


def test_unpacked_once_and_reused(tmp_path):
    packed = tmp_path / "ffmpeg-x.xz"
    packed.write_bytes(lzma.compress(b"binary" * 1000))
    first = unpacked(packed, tmp_path / "cache")
    mtime = first.stat().st_mtime_ns
    assert unpacked(packed, tmp_path / "cache").stat().st_mtime_ns == mtime
    assert first.read_bytes() == b"binary" * 1000


def test_a_broken_pack_leaves_nothing_and_names_the_cache(tmp_path):
    packed = tmp_path / "ffmpeg-x.xz"
    whole = lzma.compress(os.urandom(100_000))
    packed.write_bytes(whole[: len(whole) // 2])  # cut short
    cache = tmp_path / "cache"
    for _ in range(2):
        with pytest.raises(ExportError, match="cannot unpack ffmpeg") as error:
            unpacked(packed, cache)
        assert error.value.path == cache
    assert list(cache.iterdir()) == []


def test_a_half_written_binary_is_unpacked_again(tmp_path):
    packed = tmp_path / "ffmpeg-x.xz"
    packed.write_bytes(lzma.compress(b"binary" * 1000))
    cache = tmp_path / "cache"
    target = unpacked(packed, cache)
    target.write_bytes(b"bin")  # as after a crash between the rename and the disk
    assert unpacked(packed, cache).read_bytes() == b"binary" * 1000
