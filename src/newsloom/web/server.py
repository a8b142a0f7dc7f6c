"""Serving the app with uvicorn, and what to tell the person starting it.

>>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("::1"), is_loopback("0.0.0.0")
(True, True, True, False)
"""

from __future__ import annotations

import ipaddress
import sys
from pathlib import Path

import uvicorn

from . import assets
from .app import create_app


def is_loopback(host: str) -> bool:
    """Whether `host` only accepts connections from this machine."""
    if host.strip("[]").lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to any interface


def startup_notes(host: str, vendor_dir: Path = assets.VENDOR_DIR) -> list[str]:
    """Warnings for stderr: bound beyond this machine; map and timeline files not installed."""
    notes = []
    if not is_loopback(host):
        notes.append(
            f"newsloom: warning: serving on {host}, reachable from other machines: anyone who can reach it can read "
            "the store and add articles (the server fetches the URLs they give). Use --host 127.0.0.1 unless you mean it."
        )
    if assets.missing(vendor_dir):
        notes.append(
            f"newsloom: map and timeline files are not installed: run `{assets.INSTALL_HINT}` (needs npm); "
            "until then the map is a plain SVG of the places and the timeline a list."
        )
    return notes


def serve(db_path: str | Path, host: str, port: int) -> None:
    """Run the app until interrupted."""
    for note in startup_notes(host):
        print(note, file=sys.stderr)
    app = create_app(db_path, loopback_only=is_loopback(host))
    print(f"newsloom: serving {db_path} at http://{host if ':' not in host else f'[{host}]'}:{port}", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)
