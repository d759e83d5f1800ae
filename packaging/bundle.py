"""Build install bundles that need neither admin rights nor the internet.

For each platform (Windows x64, macOS arm64 and x86_64, Linux x86_64) a folder with
the refleks wheel, every dependency's wheel for CPython 3.11, 3.12 and 3.13 on that
platform, and an install script (``install.ps1`` on Windows, ``install.sh`` elsewhere)
that makes a per-user virtual environment, installs from the folder with
``--no-index``, and puts a ``refleks`` command where the person can run it. An IT
department copies the folder (or its zip) to a PC where PyPI is blocked.

    python packaging/bundle.py                       # all four, into dist/bundles/
    python packaging/bundle.py --platform linux-x86_64 --python 3.11 --check

``--check`` proves what can be proved on this machine: the Linux bundle installs into a
fresh virtual environment with ``--no-index`` and no pip cache, and ``refleks content
check`` passes there; for every other bundle ``pip install --dry-run --no-index`` with
that platform's tags resolves from the folder alone. Building needs the network (PyPI);
installing does not. The pip configuration of the machine that builds (an extra index,
find-links, constraints) is left out, so the bundle holds only what it says.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
PYTHONS = ("3.11", "3.12", "3.13")

def _mac(version: tuple[int, int], arch: str) -> tuple[str, ...]:
    """Every macOS tag a Mac of ``version`` and ``arch`` installs (older releases and
    universal2 too), as pip itself lists them for the machine it runs on."""
    from pip._vendor.packaging.tags import mac_platforms

    return tuple(mac_platforms(version, arch))


def _manylinux(glibc_minor: int, arch: str) -> tuple[str, ...]:
    """The manylinux tags a Linux with glibc 2.``glibc_minor`` installs, with the legacy
    aliases (manylinux2014 = 2.17, manylinux2010 = 2.12, manylinux1 = 2.5). pip's
    ``--platform`` takes a tag as it is, so each is given."""
    aliases = {17: "manylinux2014", 12: "manylinux2010", 5: "manylinux1"}
    tags: list[str] = []
    for minor in range(glibc_minor, 4, -1):
        tags.append(f"manylinux_2_{minor}_{arch}")
        if minor in aliases:
            tags.append(f"{aliases[minor]}_{arch}")
    return tuple(tags)


PLATFORMS: dict[str, tuple[str, ...]] = {
    "windows-x64": ("win_amd64",),
    "macos-arm64": _mac((12, 0), "arm64"),  # macOS 12 Monterey or newer
    "macos-x86_64": _mac((12, 0), "x86_64"),
    # glibc 2.28 or newer: RHEL/Alma 8+, Debian 10+, Ubuntu 20.04+
    "linux-x86_64": _manylinux(28, "x86_64"),
}
# Settings of the building machine's pip that would add to or limit what is fetched.
_LEFT_OUT = ("PIP_FIND_LINKS", "PIP_EXTRA_INDEX_URL", "PIP_CONSTRAINT", "PIP_NO_INDEX",
             "PIP_REQUIREMENT", "PIP_CONFIG_FILE")


def pip_environment() -> dict[str, str]:
    """The environment for pip with no configuration file and none of the variables
    that would bring in other wheels (the index and its certificate stay)."""
    env = {key: value for key, value in os.environ.items() if key not in _LEFT_OUT}
    env["PIP_CONFIG_FILE"] = os.devnull
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def run(*command: str | Path, cwd: Path | None = None) -> None:
    print("+", " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True, env=pip_environment(), cwd=cwd)


def build_wheel(out: Path) -> Path:
    """refleks' own wheel, built from this checkout."""
    out.mkdir(parents=True, exist_ok=True)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-cache-dir", "-q",
        "-w", out, ROOT)
    (wheel,) = sorted(out.glob("refleks-*.whl"))
    return wheel


def build_bundle(name: str, wheel: Path, out: Path, pythons: tuple[str, ...]) -> Path:
    """One platform's folder: wheels/ (refleks and every dependency for each Python),
    its install script and a README; and a zip of it beside."""
    folder = out / f"refleks-{name}"
    shutil.rmtree(folder, ignore_errors=True)
    wheels = folder / "wheels"
    wheels.mkdir(parents=True)
    shutil.copy2(wheel, wheels)
    for python in pythons:
        platform_options = [option for tag in PLATFORMS[name] for option in ("--platform", tag)]
        run(sys.executable, "-m", "pip", "download", "-q", "--no-cache-dir",
            "--only-binary=:all:", *platform_options, "--python-version", python,
            "--implementation", "cp", "--dest", wheels, wheel)
    script = "install.ps1" if name.startswith("windows") else "install.sh"
    shutil.copy2(HERE / script, folder / script)
    if script == "install.sh":
        (folder / script).chmod(0o755)
    shutil.copy2(HERE / "BUNDLE-README.txt", folder / "README.txt")
    archive = out / f"refleks-{name}.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(folder.rglob("*")):
            info = zipfile.ZipInfo.from_file(path, path.relative_to(out))
            if path.is_file():
                zipped.writestr(info, path.read_bytes())
    return folder


def check_offline_install(folder: Path) -> None:
    """Install the Linux bundle as a person would, in a fresh home with no network
    index, no pip cache and no pip configuration, and run ``refleks content check``."""
    with tempfile.TemporaryDirectory(prefix="refleks-offline-") as scratch:
        home = Path(scratch)
        env = {key: value for key, value in pip_environment().items()
               if not key.startswith(("XDG_", "REFLEKS_"))}
        env.update(HOME=str(home), PIP_NO_CACHE_DIR="1", PIP_INDEX_URL="http://127.0.0.1:9/",
                   PYTHON=sys.executable, LANG="C.UTF-8")
        print(f"+ {folder / 'install.sh'} (HOME={home})", flush=True)
        subprocess.run([str(folder / "install.sh")], check=True, env=env, cwd=home)
        command = home / ".local" / "bin" / "refleks"
        subprocess.run([str(command), "content", "check"], check=True, env=env, cwd=home)
        subprocess.run([str(command), "--version"], check=True, env=env, cwd=home)


def check_resolves(name: str, folder: Path, pythons: tuple[str, ...]) -> None:
    """Another platform's bundle resolves from its folder alone (a dry run with its tags)."""
    with tempfile.TemporaryDirectory(prefix="refleks-resolve-") as scratch:
        for python in pythons:
            platform_options = [option for tag in PLATFORMS[name]
                                for option in ("--platform", tag)]
            run(sys.executable, "-m", "pip", "install", "-q", "--dry-run", "--no-index",
                "--no-cache-dir", "--find-links", folder / "wheels", "--only-binary=:all:",
                *platform_options, "--python-version", python, "--implementation", "cp",
                "--target", scratch, "refleks")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--platform", action="append", choices=sorted(PLATFORMS),
                        help="one platform (again for more); all four when not given")
    parser.add_argument("--python", action="append", choices=PYTHONS,
                        help="one Python version (again for more); 3.11-3.13 when not given")
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "bundles")
    parser.add_argument("--check", action="store_true",
                        help="install the Linux bundle offline and dry-run the others")
    args = parser.parse_args(argv)
    names = tuple(args.platform or PLATFORMS)
    pythons = tuple(args.python or PYTHONS)
    out = args.out.resolve()
    wheel = build_wheel(out / "refleks-wheel")
    folders = {name: build_bundle(name, wheel, out, pythons) for name in names}
    if args.check:
        for name, folder in folders.items():
            if name == "linux-x86_64" and sys.platform.startswith("linux"):
                check_offline_install(folder)
            else:
                check_resolves(name, folder, pythons)
    for name, folder in folders.items():
        print(f"{name}: {folder} ({len(list((folder / 'wheels').glob('*.whl')))} wheels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
