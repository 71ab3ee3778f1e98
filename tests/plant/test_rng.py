"""The plant's one random source."""

from __future__ import annotations

import statistics

import pytest

from factorylab.plant import PlantRandom


def test_same_seed_same_stream() -> None:
    a, b = PlantRandom(5), PlantRandom(5)
    assert [a.normal() for _ in range(100)] == [b.normal() for _ in range(100)]
    assert [a.uniform(2, 3) for _ in range(100)] == [b.uniform(2, 3) for _ in range(100)]


def test_normal_and_noise_have_the_right_moments() -> None:
    rng = PlantRandom(1)
    draws = [rng.normal(10.0, 2.0) for _ in range(20_000)]
    assert statistics.fmean(draws) == pytest.approx(10.0, abs=0.05)
    assert statistics.stdev(draws) == pytest.approx(2.0, abs=0.05)
    noise = []
    for tick in range(20_000):
        rng.tick = tick
        noise.append(rng.noise(3))
    assert statistics.fmean(noise) == pytest.approx(0.0, abs=0.03)
    assert statistics.stdev(noise) == pytest.approx(1.0, abs=0.03)


def test_noise_is_keyed_by_seed_tick_and_channel() -> None:
    a, b = PlantRandom(9), PlantRandom(9)
    a.tick = b.tick = 123
    assert a.noise(1) == b.noise(1)
    assert a.noise(1) != a.noise(2)
    b.tick = 124
    assert a.noise(1) != b.noise(1)
    assert PlantRandom(10).noise(1) != PlantRandom(9).noise(1)
    a.normal()  # drawing from the stream does not move the noise
    b.tick = 123
    assert a.noise(1) == b.noise(1)


def test_bad_seeds_are_refused() -> None:
    for seed in (-1, 1.5, "7", True):
        with pytest.raises(ValueError):
            PlantRandom(seed)  # type: ignore[arg-type]


def test_choice_index_follows_weights() -> None:
    rng = PlantRandom(2)
    picks = [rng.choice_index([0.5, 0.3, 0.2]) for _ in range(10_000)]
    assert picks.count(0) / len(picks) == pytest.approx(0.5, abs=0.02)
    assert picks.count(2) / len(picks) == pytest.approx(0.2, abs=0.02)
