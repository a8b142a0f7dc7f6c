"""Front-end code and map data for the web page: pinned npm packages, installed, never committed.

The map (Leaflet drawing Natural Earth country outlines from world-atlas, no tile server) and the
timeline (TimelineJS) run offline, so their files are served by newsloom itself. They come from the
npm registry at set-up time, with the machine's `npm`:

    python -m newsloom.web.assets          # install (a no-op when the pinned versions are there)
    python -m newsloom.web.assets --check  # exit 1 and say what is missing

`pip install .` runs this through setup.py's build step when npm is available; without the files the
pages still work (the map is a server-drawn SVG of the places, the timeline a list).

This module uses the standard library only: setup.py loads it by path, before newsloom's own
dependencies are installed.

>>> sorted(PACKAGES)
['@knight-lab/timelinejs', 'leaflet', 'topojson-client', 'world-atlas']
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PACKAGES = {
    # Pinned: a new major of any of these changes the API the pages' scripts call.
    "leaflet": "1.9.4",
    "topojson-client": "3.1.0",
    "world-atlas": "2.0.2",
    "@knight-lab/timelinejs": "3.9.11",
}

FILES = (
    # (file inside node_modules, where the pages load it from under static/vendor/)
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client/topojson-client.min.js"),
    ("topojson-client/LICENSE", "topojson-client/LICENSE"),
    # 1:110m outlines: 100 KB, enough to place a story; the 1:10m file is 3.6 MB.
    ("world-atlas/countries-110m.json", "world-atlas/countries-110m.json"),
    ("world-atlas/LICENSE", "world-atlas/LICENSE"),
    ("@knight-lab/timelinejs/dist/js/timeline.js", "timelinejs/js/timeline.js"),
    ("@knight-lab/timelinejs/dist/js/locale/en.json", "timelinejs/js/locale/en.json"),
    ("@knight-lab/timelinejs/dist/css/timeline.css", "timelinejs/css/timeline.css"),
    ("@knight-lab/timelinejs/dist/css/icons", "timelinejs/css/icons"),
    ("@knight-lab/timelinejs/LICENSE", "timelinejs/LICENSE"),
)

STAMP = "VERSIONS.json"
NPM_TIMEOUT_SECONDS = 300  # four small packages; a slow registry answers well within five minutes
VENDOR_DIR = Path(__file__).resolve().parent / "static" / "vendor"
INSTALL_HINT = "python -m newsloom.web.assets"


class AssetError(Exception):
    """The assets could not be installed (no npm, the registry unreachable, a file missing)."""


def missing(vendor_dir: Path = VENDOR_DIR) -> list[str]:
    """The files the pages want that are not in `vendor_dir` (empty when the assets are installed).

    A stamp of other versions counts as missing everything: the files may not match the scripts.
    """
    stamp = vendor_dir / STAMP
    try:
        installed = json.loads(stamp.read_text("utf-8"))
    except (OSError, ValueError):
        installed = None
    if installed != PACKAGES:
        return [target for _, target in FILES]
    return [target for _, target in FILES if not (vendor_dir / target).exists()]


def install(vendor_dir: Path = VENDOR_DIR, npm: str | None = None, quiet: bool = False) -> bool:
    """Install the pinned packages into a temporary folder and copy the files the pages use.

    Returns False when they were already installed. Raises AssetError when it cannot.
    npm runs with `--ignore-scripts`: the packages are data and browser code, nothing runs at install.
    """
    if not missing(vendor_dir):
        return False
    npm = npm or shutil.which("npm")
    if not npm:
        raise AssetError(f"npm is not installed: install Node.js and npm (Debian: apt-get install npm), then run {INSTALL_HINT}")
    specs = [f"{name}@{version}" for name, version in PACKAGES.items()]
    with tempfile.TemporaryDirectory(prefix="newsloom-assets-") as work:
        command = [npm, "install", "--prefix", work, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", *specs]
        if not quiet:
            print(f"newsloom: installing map and timeline assets: {' '.join(specs)}", file=sys.stderr)
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=NPM_TIMEOUT_SECONDS, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AssetError(f"npm install failed ({exc}); run {INSTALL_HINT} again when the npm registry is reachable") from exc
        if done.returncode != 0:
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise AssetError(f"npm install failed ({last}); run {INSTALL_HINT} again when the npm registry is reachable")
        modules = Path(work) / "node_modules"
        staging = vendor_dir.with_name(vendor_dir.name + ".partial")
        shutil.rmtree(staging, ignore_errors=True)
        for source, target in FILES:
            origin, destination = modules / source, staging / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            if origin.is_dir():
                shutil.copytree(origin, destination)
            elif origin.is_file():
                shutil.copyfile(origin, destination)
            else:
                shutil.rmtree(staging, ignore_errors=True)
                raise AssetError(f"{source} is not in the installed packages: the pinned versions no longer match FILES in {__file__}")
        (staging / STAMP).write_text(json.dumps(PACKAGES, indent=1), "utf-8")
        # Swap in whole: a page never sees half an install.
        shutil.rmtree(vendor_dir, ignore_errors=True)
        staging.rename(vendor_dir)
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m newsloom.web.assets", description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="only say whether the assets are installed (exit 1 when not)")
    parser.add_argument("--vendor-dir", type=Path, default=VENDOR_DIR, help="where to put them [default: %(default)s]")
    parser.add_argument("--quiet", "-q", action="store_true")
    options = parser.parse_args(argv)
    if options.check:
        absent = missing(options.vendor_dir)
        print(f"newsloom: {len(absent)} asset files missing in {options.vendor_dir}" if absent else "newsloom: assets installed", file=sys.stderr)
        return 1 if absent else 0
    try:
        installed = install(options.vendor_dir, quiet=options.quiet)
    except AssetError as exc:
        print(f"newsloom: error: {exc}", file=sys.stderr)
        return 1
    if not options.quiet:
        print(f"newsloom: assets {'installed' if installed else 'already installed'} in {options.vendor_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
