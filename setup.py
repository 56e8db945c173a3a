"""Build hook: a wheel carries the front-end libraries the web app serves (ECharts, Swagger
UI), fetched from the npm registry by scripts/vendor at build time when they are not
there yet; the app itself never fetches anything."""

import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).parent
VENDORED = ROOT / "src/minsheng/web/static/vendor/echarts.min.js"


class BuildWithVendoredAssets(build_py):
    def run(self) -> None:
        if not VENDORED.exists():
            subprocess.run(["bash", "scripts/vendor"], check=True, cwd=ROOT)
        super().run()


setup(cmdclass={"build_py": BuildWithVendoredAssets})
