"""The shift cache: a lab's data comes from disk the second time, and only for the very same FactoryLab."""

from __future__ import annotations

from pathlib import Path

import pytest

import factorylab
from factorylab.data import cache


@pytest.fixture
def kept(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(cache.SETTING, str(tmp_path))
    return tmp_path / "shifts" / cache.package_digest()


def test_a_kept_shift_is_the_same_tables_and_is_really_read_back(kept: Path, monkeypatch) -> None:
    parts, machines = factorylab.data.shift(seed=3, hours=0.2, scenario="cnc")
    files = sorted(path.name for path in kept.iterdir())
    assert files == [f"cnc-0.2h-seed3-faults1-mixed.{name}" for name in ("columns.json", "machines.csv", "parts.csv")]
    again, machines_again = factorylab.data.shift(seed=3, hours=0.2, scenario="cnc")
    assert again.equals(parts) and machines_again.equals(machines)
    assert again.dtypes.equals(parts.dtypes) and again.attrs == parts.attrs and machines_again.attrs == machines.attrs
    monkeypatch.setenv(cache.SETTING, "off")
    fresh, fresh_machines = factorylab.data.shift(seed=3, hours=0.2, scenario="cnc")
    assert fresh.equals(parts) and fresh_machines.equals(machines)  # what the simulation gives, kept or not
    monkeypatch.setenv(cache.SETTING, str(kept.parents[1]))
    table = kept / "cnc-0.2h-seed3-faults1-mixed.parts.csv"
    lines = table.read_text(encoding="utf-8").splitlines(keepends=True)
    table.write_text("".join(lines[:3]), encoding="utf-8")  # the header and two parts
    assert len(factorylab.data.shift(seed=3, hours=0.2, scenario="cnc")[0]) == 2  # the file is what is read


def test_other_arguments_are_other_files_and_a_wrong_one_is_told_not_kept(kept: Path) -> None:
    factorylab.data.shift(seed=3, hours=0.1, scenario="cnc")
    factorylab.data.shift(seed=4, hours=0.1, scenario="cnc", tool_policy="fixed:190")
    assert len(list(kept.iterdir())) == 6
    with pytest.raises(factorylab.FactoryLabError):
        factorylab.data.shift(seed=3, hours=-1, scenario="cnc")
    assert len(list(kept.iterdir())) == 6


def test_a_cache_that_cannot_be_written_costs_only_the_simulation(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.SETTING, str(blocker))  # mkdir under a file fails
    parts, _ = factorylab.data.shift(seed=3, hours=0.1, scenario="cnc")
    assert len(parts) > 0


def test_the_digest_covers_the_packages_files(tmp_path: Path, monkeypatch) -> None:
    copy = tmp_path / "factorylab"
    for path in cache.PACKAGE.rglob("*.py"):
        if "__pycache__" not in path.parts:
            target = copy / path.relative_to(cache.PACKAGE)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    monkeypatch.setattr(cache, "PACKAGE", copy)
    cache.package_digest.cache_clear()
    try:
        before = cache.package_digest()
        plant = copy / "plant" / "cnc.py"
        plant.write_text(plant.read_text(encoding="utf-8") + "\n# a changed physics\n", encoding="utf-8")
        cache.package_digest.cache_clear()
        assert cache.package_digest() != before
    finally:
        cache.package_digest.cache_clear()
