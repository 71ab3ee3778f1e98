"""Build backend of the ``factorylab`` distribution: setuptools, and the built docs site in the wheel.

pyproject.toml names this module (``build-backend``, ``backend-path =
["simulator"]``); it is not part of the installed package. Everything is
setuptools' own, except:

- :func:`get_requires_for_build_wheel` adds what ``mkdocs build`` needs: the
  project's dependencies (the docs hooks import the package: tag table,
  course, labs, screenshots) and its ``docs`` extra, read from
  pyproject.toml so the list never drifts. An editable install (``pip
  install -e .``) builds no site and needs none of them.
- :class:`BuildPyWithSite` (setuptools' ``build_py``, named in
  ``[tool.setuptools.cmdclass]``) builds the site with ``mkdocs build
  --strict`` into ``factorylab/site`` of the wheel, from the package exactly
  as it goes into the wheel, so ``factorylab docs`` works after a plain
  install without a checkout. A failed site build fails the wheel: a wheel
  never goes out without its docs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import build_meta as _setuptools
from setuptools.build_meta import *  # noqa: F403 - the backend's hooks are setuptools' own
from setuptools.command.build_py import build_py

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the tomli that setuptools carries
    import tomli as tomllib

#: The source tree (the folder of pyproject.toml and mkdocs.yml).
ROOT = Path(__file__).resolve().parent.parent


def site_build_requires() -> list[str]:
    """What building the site needs besides setuptools: the dependencies and the ``docs`` extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["docs"]]


def get_requires_for_build_wheel(config_settings: dict | None = None) -> list[str]:
    """setuptools' requirements for a wheel, and what building the docs site needs."""
    return [*_setuptools.get_requires_for_build_wheel(config_settings), *site_build_requires()]


def build_site(package_root: Path, target: Path) -> None:
    """Build the docs site into ``target`` with ``mkdocs build --strict``.

    Args:
        package_root: the folder holding the ``factorylab`` package the docs
            hooks import (the wheel's build folder).
        target: the site folder (replaced).

    Raises:
        RuntimeError: the build failed (its output says why).
    """
    if target.exists():
        shutil.rmtree(target)
    paths = [str(package_root.resolve()), *filter(None, [os.environ.get("PYTHONPATH")])]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "SDL_VIDEODRIVER": "dummy",  # screenshots are drawn without a window
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    command += ["--config-file", str(ROOT / "mkdocs.yml"), "--site-dir", str(target.resolve())]
    result = subprocess.run(command, cwd=ROOT, env=env, check=False)
    if result.returncode != 0:
        raise RuntimeError(
            f"building the docs site for the wheel failed (exit {result.returncode}): {' '.join(command)}. "
            "Build the wheel with build isolation (pip wheel . / python -m build), or install the docs "
            'tools first: pip install -e ".[docs]"'
        )


class BuildPyWithSite(build_py):
    """setuptools' ``build_py``, then the docs site into ``factorylab/site`` (not for editable installs)."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install serves docs/ of its checkout
            return
        package_root = Path(self.build_lib)
        build_site(package_root, package_root / "factorylab" / "site")
