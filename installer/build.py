"""Build Frontline Atlas's offline installers for this platform.

    uv run python installer/build.py [--with-data DIR] [--dist DIR] [--no-deb] [--no-archive]

* every platform: a one-folder bundle, ``dist/frontline-atlas/`` (PyInstaller,
  ``installer/frontline-atlas.spec``) holding Python, Qt with QtWebEngine,
  GDAL/PROJ data, Leaflet and the bundled resources;
* Linux: ``frontline-atlas-<version>-linux-<arch>.tar.gz`` of that folder and a
  ``.deb`` (``dpkg-deb``) that installs it in ``/opt/frontline-atlas`` with a
  ``frontline-atlas`` command, a desktop entry and an icon;
* Windows: then run Inno Setup on ``installer/windows/frontline-atlas.iss``;
* macOS: the ``.app`` comes from ``installer/macos/build_app.sh``, which also
  makes the ``.dmg`` (see the README's "Install" section).

``--with-data DIR`` copies the control files in DIR (any readable format, dated
names) into the bundle's ``data/`` folder: the app opens them offline (on the
first start as a history, with the timeline; later, its newest map; see
``desktop.app.open_startup_data``), and ``--self-test`` uses them.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "frontline-atlas"


def main(argv: list[str] | None = None) -> int:
    """Build; print what was made, its size and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-data", type=Path, metavar="DIR", help="control files to bundle")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (dist/)")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build" / "pyinstaller", help="scratch folder"
    )
    parser.add_argument("--no-archive", action="store_true", help="skip the .tar.gz")
    parser.add_argument("--no-deb", action="store_true", help="skip the .deb")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    bundle = build_bundle(args.dist, args.work)
    if sys.platform.startswith("linux"):
        saved = strip_bundle(bundle)
        print(f"stripped the bundle's debug symbols: {saved:.0f} MB less")
    if args.with_data:
        copied = add_data(bundle, args.with_data)
        print(f"bundled {copied} control files from {args.with_data}")
    print(f"bundle: {bundle} ({folder_mb(bundle):.0f} MB) in {time.perf_counter() - started:.0f} s")
    if sys.platform.startswith("linux"):
        if not args.no_archive:
            archive = make_archive(bundle, args.dist)
            print(f"archive: {archive} ({archive.stat().st_size / 1e6:.0f} MB)")
        if not args.no_deb:
            if shutil.which("dpkg-deb"):
                deb = make_deb(bundle, args.dist)
                print(f"package: {deb} ({deb.stat().st_size / 1e6:.0f} MB)")
            else:
                print("dpkg-deb not found: no .deb (install Debian's dpkg-dev)", file=sys.stderr)
    print(f"done in {time.perf_counter() - started:.0f} s")
    return 0


def build_bundle(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the bundle folder."""
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "ERROR",
        "--distpath", str(dist), "--workpath", str(work), str(ROOT / "installer" / f"{NAME}.spec"),
    ]  # fmt: skip
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / NAME


def strip_bundle(bundle: Path) -> float:
    """Strip debug symbols from the bundle's shared libraries; return the MB saved.

    The wheels' vendored libraries (``<package>.libs/``, patched by auditwheel)
    are left alone: stripped, they no longer load (numpy's OpenBLAS: "ELF load
    command address/offset not page-aligned"). The self-test checks the rest.
    """
    if shutil.which("strip") is None:
        return 0.0
    before = folder_mb(bundle)

    def vendored(path: Path) -> bool:
        return any(part.endswith(".libs") for part in path.relative_to(bundle).parts)

    libraries = [p for p in bundle.rglob("*.so*")
                 if p.is_file() and not p.is_symlink() and not vendored(p)]  # fmt: skip
    for start in range(0, len(libraries), 100):
        subprocess.run(["strip", "--strip-unneeded", *map(str, libraries[start : start + 100])],
                       check=False, stderr=subprocess.DEVNULL)  # fmt: skip
    return before - folder_mb(bundle)


def add_data(bundle: Path, source: Path) -> int:
    """Copy readable control files from ``source`` into the bundle's ``data/``."""
    sys.path.insert(0, str(ROOT))
    from geodata.importers import SUPPORTED_FORMATS

    target = bundle / "data"
    target.mkdir(exist_ok=True)
    count = 0
    for path in sorted(source.iterdir()):
        if path.is_file() and path.suffix.lower() in SUPPORTED_FORMATS:
            shutil.copy2(path, target / path.name)
            count += 1
    if count == 0:
        raise SystemExit(f"no control files in {source}")
    return count


def make_archive(bundle: Path, dist: Path) -> Path:
    """``frontline-atlas-<version>-linux-<arch>.tar.gz`` of the bundle folder."""
    archive = dist / f"{NAME}-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=NAME)
    return archive


def make_deb(bundle: Path, dist: Path) -> Path:
    """A Debian package installing the bundle in /opt, with a command, desktop entry and icon."""
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()  # fmt: skip
    stage = dist / "deb-stage"
    if stage.exists():
        shutil.rmtree(stage)
    shutil.copytree(bundle, stage / "opt" / NAME, symlinks=True)
    bin_dir = stage / "usr" / "bin"
    bin_dir.mkdir(parents=True)
    launcher = bin_dir / NAME
    launcher.write_text(f'#!/bin/sh\nexec /opt/{NAME}/{NAME} "$@"\n')
    launcher.chmod(0o755)
    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(ROOT / "installer" / "linux" / f"{NAME}.desktop", apps / f"{NAME}.desktop")
    icons = stage / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    icons.mkdir(parents=True)
    shutil.copy2(ROOT / "resources" / "icons" / f"{NAME}.svg", icons / f"{NAME}.svg")
    control = stage / "DEBIAN" / "control"
    control.parent.mkdir()
    size_kb = round(folder_mb(stage) * 1e6 / 1024)
    control.write_text(
        f"Package: {NAME}\nVersion: {version()}\nSection: science\nPriority: optional\n"
        f"Architecture: {arch}\nInstalled-Size: {size_kb}\n"
        "Maintainer: Frontline Atlas developers <dev@frontline-atlas.invalid>\n"
        "Description: Control of territory in Ukraine: maps, statistics, proposals, history\n"
        " A desktop map application for analysts and briefers: per-oblast controlled\n"
        " area, annexation claims and withdrawal proposals, a timeline, and briefing\n"
        " exports. Works offline; everything it needs is inside.\n"
    )
    deb = dist / f"{NAME}_{version()}_{arch}.deb"
    # xz at its strongest: a download 12 % smaller than at -z1 (227 MB against 259 for
    # this bundle) for about five minutes more of building on two cores.
    command = ["dpkg-deb", "--root-owner-group", "-Zxz", "-z9", "--build", str(stage), str(deb)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(stage)
    return deb


def version() -> str:
    """The app's version (``geodata.__version__``, which pyproject.toml reads too)."""
    sys.path.insert(0, str(ROOT))
    import geodata

    return geodata.__version__


def folder_mb(folder: Path) -> float:
    """Size of a folder's files in MB."""
    # Symbolic links (PyInstaller links libraries into place) are counted once.
    files = (p for p in folder.rglob("*") if p.is_file() and not p.is_symlink())
    return sum(p.stat().st_size for p in files) / 1e6


if __name__ == "__main__":
    sys.exit(main())
