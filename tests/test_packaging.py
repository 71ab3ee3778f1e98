"""The distribution: an sdist that holds what the tests need, a wheel that carries the built docs site,
the licence metadata, and ``factorylab docs`` from an installed wheel outside a checkout.

The sdist and the wheel are built once, really, with ``python -m build
--no-isolation`` (the wheel from the sdist, as pip builds it) from a copy of
this checkout; the wheel is then unpacked, which is the layout an install
gives, and run from a folder outside the checkout.
"""

from __future__ import annotations

import email
import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import time
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
#: What the tests and the docs build read besides the package: the sdist must hold all of it.
SDIST_FOLDERS = ["tests", "docs", "labs", "curriculum", "benchmarks", ".ci", "simulator/factorylab"]
SDIST_FILES = ["mkdocs.yml", "pyproject.toml", "README.md", "LICENSE", "simulator/factorylab_build.py"]
JUNK = ("__pycache__", ".pyc", ".pytest_cache", ".sqlite", ".ipynb_checkpoints")


def _source_files(folder: Path) -> list[str]:
    """The files of ``folder`` in this checkout (relative to the repo), less caches."""
    return sorted(
        path.relative_to(REPO).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part in path.as_posix() for part in JUNK)
        and "simulator/factorylab/site/" not in path.as_posix()
    )


@dataclass
class Built:
    sdist: Path
    wheel: Path
    sdist_names: list[str]  # relative to the sdist's top folder
    wheel_names: list[str]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    """An sdist and a wheel built from a copy of this checkout (the wheel from the sdist)."""
    pytest.importorskip("build", reason='the packaging tests need the dev extra: pip install -e ".[dev]"')
    root = tmp_path_factory.mktemp("dist")
    source = root / "source"
    shutil.copytree(
        REPO,
        source,
        ignore=shutil.ignore_patterns(
            ".git",
            ".venv*",  # also .ci/run's second-Python and offline venvs, made while the suite runs
            ".wheelhouse*",
            ".ci-*.log",
            "__pycache__",
            ".pytest_cache",
            ".hypothesis",
            ".ruff_cache",
            "*.egg-info",
            "build",
            "dist",
            "site",
            "*.sqlite*",
        ),  # fmt: skip
    )
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(root / "out"), str(source)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (sdist,) = (root / "out").glob("factorylab-*.tar.gz")
    (wheel,) = (root / "out").glob("factorylab-*.whl")
    with tarfile.open(sdist) as archive:
        sdist_names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    with zipfile.ZipFile(wheel) as archive:
        wheel_names = archive.namelist()
    return Built(sdist, wheel, sdist_names, wheel_names)


# --- the sdist ------------------------------------------------------------------------------------------


def test_the_sdist_holds_what_the_tests_need(built: Built) -> None:
    names = set(built.sdist_names)
    for name in SDIST_FILES:
        assert name in names, name
    for folder in SDIST_FOLDERS:
        wanted = _source_files(REPO / folder)
        assert wanted, folder
        missing = [name for name in wanted if name not in names]
        assert not missing, f"not in the sdist: {missing[:10]}"
    assert not [name for name in names if any(junk in name for junk in JUNK)]


# --- the wheel ------------------------------------------------------------------------------------------


def test_the_wheel_carries_the_built_docs_site(built: Built) -> None:
    names = set(built.wheel_names)
    for page in ("index.html", "en/index.html", "register-map/index.html", "en/register-map/index.html"):
        assert f"factorylab/site/{page}" in names, page
    assert "factorylab/site/search/search_index.json" in names
    assert any(name.startswith("factorylab/site/assets/screens/") for name in names)  # drawn at build time
    size = built.wheel.stat().st_size
    assert size < 20_000_000, f"the wheel is {size} bytes"  # sanity bound: about 5 MB today


def test_the_wheel_holds_every_module_and_data_file(built: Built) -> None:
    """Every .py of the package (a new subpackage missing from pyproject's list would be dropped), and its data."""
    names = set(built.wheel_names)
    package = REPO / "simulator" / "factorylab"
    modules = [
        "factorylab/" + path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "__pycache__" not in path.parts and "site" not in path.relative_to(package).parts
    ]
    missing = [name for name in modules if name not in names]
    assert not missing, f"not in the wheel (add the package to [tool.setuptools] packages): {missing}"
    for name in (
        "factorylab/curriculum/course.yaml",
        "factorylab/labs/lab03a_start_stop.py",
        "factorylab/labs/lab03a_start_stop_checks.py",
        "factorylab/plant/scenarios/line.yaml",
        "factorylab/view/fonts/FactoryLabGothic-Regular.ttf",
    ):
        assert name in names, name
    assert not any(name.startswith(("tests/", "docs/", "factorylab_build")) for name in names)


def test_licence_metadata_in_the_current_form(built: Built) -> None:
    project = PYPROJECT["project"]
    assert isinstance(project["license"], str) and project["license"].startswith("MIT")  # an SPDX expression
    assert "LICENSE" in project["license-files"]
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]  # deprecated form
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
    with zipfile.ZipFile(built.wheel) as archive:
        info = next(name for name in archive.namelist() if name.endswith(".dist-info/METADATA"))
        metadata = email.message_from_bytes(archive.read(info))
        dist_info = info.rsplit("/", 1)[0]
        assert f"{dist_info}/licenses/LICENSE" in archive.namelist()
    assert metadata["License-Expression"] == project["license"]
    assert "LICENSE" in metadata.get_all("License-File")


def test_a_wheel_build_asks_for_the_docs_tools_and_an_editable_one_does_not() -> None:
    spec = importlib.util.spec_from_file_location("factorylab_build", REPO / "simulator" / "factorylab_build.py")
    backend = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(backend)
    assert PYPROJECT["build-system"]["build-backend"] == "factorylab_build"
    wheel = backend.site_build_requires()
    for requirement in [*PYPROJECT["project"]["optional-dependencies"]["docs"], *PYPROJECT["project"]["dependencies"]]:
        assert requirement in wheel
    cwd = os.getcwd()
    os.chdir(REPO)  # setuptools reads the project from the current folder
    try:
        editable = backend.get_requires_for_build_editable()
    finally:
        os.chdir(cwd)
    assert not [r for r in editable if r.startswith(("mkdocs", "pygame"))]


# --- factorylab docs from the installed wheel -----------------------------------------------------------


@pytest.fixture(scope="module")
def installed(built: Built, tmp_path_factory) -> Path:
    """The wheel unpacked as an install puts it (site-packages layout)."""
    target = tmp_path_factory.mktemp("site-packages")
    with zipfile.ZipFile(built.wheel) as archive:
        archive.extractall(target)
    return target


def run_installed(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """``factorylab ARGS`` run from the unpacked wheel, in ``cwd`` (outside the checkout)."""
    env = {**os.environ, "PYTHONPATH": str(installed), "FACTORYLAB_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "factorylab", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_installed_package_finds_its_site(installed: Path, tmp_path: Path) -> None:
    code = "import factorylab, factorylab.docsgen as d; print(factorylab.__file__); print(d.packaged_site())"
    env = {**os.environ, "PYTHONPATH": str(installed)}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    module, site = result.stdout.split()
    assert Path(module).is_relative_to(installed)  # the wheel's package, not this checkout's
    assert Path(site) == installed / "factorylab" / "site"


def test_docs_out_copies_the_installed_site_and_never_deletes_a_users_files(installed: Path, tmp_path: Path) -> None:
    out = tmp_path / "docs-site"
    result = run_installed(installed, tmp_path, "docs", "--build-only", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "installed site copied" in result.stdout
    assert (out / "index.html").is_file() and (out / "en" / "index.html").is_file()
    (out / ".git").mkdir()  # a published site's own repository: hidden, never touched
    (out / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (out / "index.html").write_text("stale")  # ours: replaced
    result = run_installed(installed, tmp_path, "docs", "--build-only", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "FactoryLab" in (out / "index.html").read_text(encoding="utf-8")
    assert (out / ".git" / "HEAD").read_text() == "ref: refs/heads/main\n"
    (out / "notes.txt").write_text("mine")  # a user's file in our folder: the next build stops
    result = run_installed(installed, tmp_path, "docs", "--build-only", "--out", str(out))
    assert result.returncode == 2
    assert "notes.txt" in result.stderr and "Traceback" not in result.stderr
    assert (out / "notes.txt").read_text() == "mine" and (out / "index.html").is_file()


def test_docs_serves_the_installed_site_outside_a_checkout(installed: Path, tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(installed), "FACTORYLAB_LANG": "en"}
    process = subprocess.Popen(
        [sys.executable, "-m", "factorylab", "docs", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/en/register-map/", timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "the docs server did not start"
                time.sleep(0.1)
        assert "conveyor1.run" in page  # generated from the tag table when the wheel was built
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert "serving the docs site installed with the package" in out
    assert list(tmp_path.iterdir()) == []  # served where it is installed: nothing written here


def test_docs_on_a_busy_port_is_a_clear_error(installed: Path, tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run_installed(installed, tmp_path, "docs", "--port", str(port))
    assert result.returncode == 2
    assert f"127.0.0.1:{port}" in result.stderr and f"--port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr
