"""Only a build hook: the metadata lives in pyproject.toml.

`pip install .` (and `pip install -e .`) also installs the web page's map and timeline files from the
npm registry when npm is on the machine (src/newsloom/web/assets.py says which and why). Without npm,
or offline, the install goes on: the pages then draw a plain map and a timeline list.
"""

import importlib.util
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _assets_module():
    # Loaded by path: importing the newsloom package would need its dependencies, not installed yet.
    spec = importlib.util.spec_from_file_location("newsloom_assets", ROOT / "src" / "newsloom" / "web" / "assets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class build_py_with_assets(build_py):
    def run(self):
        super().run()
        assets = _assets_module()
        editable = getattr(self, "editable_mode", False)
        # An editable install serves the files from the source tree; a wheel carries them in build/lib.
        target = assets.VENDOR_DIR if editable else Path(self.build_lib) / "newsloom" / "web" / "static" / "vendor"
        if not editable and not assets.missing(assets.VENDOR_DIR):
            # Installed earlier in the source tree (a developer's checkout): ship the same files.
            import shutil

            shutil.copytree(assets.VENDOR_DIR, target, dirs_exist_ok=True)
            return
        try:
            assets.install(target)
        except assets.AssetError as exc:
            print(f"newsloom: warning: {exc}", file=sys.stderr)


setup(cmdclass={"build_py": build_py_with_assets})
