"""Per-student plant variants: each shifts the oven, the tank and the belts; variant 0 is the documented plant."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import factorylab
from factorylab.plant import Plant, ScenarioError, layout, load_scenario
from factorylab.plant.oven import AMBIENT, GAIN, TAU
from factorylab.plant.tank import AREA, INFLOW_MAX
from factorylab.plant.variant import MAX_VARIANT, factors, plant_variant
from tests.conftest import Sim


def test_variant_0_is_the_documented_plant() -> None:
    v = Plant("line").variant
    assert (v.number, v.oven_gain, v.oven_time_constant, v.tank_area, v.belt_speed) == (
        0, GAIN, TAU, AREA, layout.BELT_MAX_SPEED,
    )  # fmt: skip
    assert factorylab.connect().variant == v


def test_every_variant_stays_within_20_percent_and_they_differ() -> None:
    seen = set()
    for number in range(1, 301):
        f = factors(number)
        values = (f.oven_gain, f.oven_time_constant, f.tank_area, f.belt_speed)
        assert all(0.8 <= x <= 1.2 for x in values), (number, values)
        assert factors(number) == f  # from the number alone
        seen.add(values)
    assert len(seen) == 300
    spread = [factors(n).oven_gain for n in range(1, 301)]
    assert min(spread) < 0.85 and max(spread) > 1.15  # the whole band is used
    with pytest.raises(ValueError):
        factors(MAX_VARIANT + 1)
    with pytest.raises(ValueError):
        factors(-1)


def test_the_oven_answers_with_the_variants_gain_and_time_constant() -> None:
    for number in (0, 3, 11):
        truth = plant_variant(number)
        plant = Plant("oven", seed=1, variant=number)
        plant.oven.heater = 40.0
        plant.advance(20 * 60.0)  # more than 5 time constants plus the dead time
        rise = plant.oven.true_temperature - AMBIENT
        assert rise == pytest.approx(truth.oven_gain * 40.0, rel=0.01), number
        # the time constant: 63 % of the rise, one tau after the dead time
        plant = Plant("oven", seed=1, variant=number)
        plant.oven.heater = 40.0
        start = plant.time
        while plant.oven.true_temperature - AMBIENT < 0.632 * truth.oven_gain * 40.0:
            plant.step()
        took = plant.time - start - plant.scenario.oven.dead_time
        assert took == pytest.approx(truth.oven_time_constant, rel=0.05), number


def test_the_tank_level_moves_by_the_variants_area() -> None:
    for number in (0, 5, 12):
        truth = plant_variant(number)
        plant = Plant("tank", seed=1, variant=number)
        plant.tank.inflow = 100.0
        plant.advance(10.0)  # the valve opens (25 %/s)
        before = plant.tank.true_level
        plant.advance(20.0)
        assert (plant.tank.true_level - before) / 20.0 == pytest.approx(INFLOW_MAX * 1000.0 / truth.tank_area, rel=1e-6)


def test_the_belts_run_at_the_variants_speed() -> None:
    for number in (0, 8):
        plant = Plant("conveyor", seed=1, variant=number)
        plant.conveyor1.run = True
        plant.conveyor1.speed = 50.0
        plant.step()
        assert plant.conveyor1.belt_speed == pytest.approx(plant_variant(number).belt_speed * 0.5)


def test_the_same_variant_and_seed_give_the_same_run_and_variants_differ() -> None:
    def run(variant: int) -> tuple[float, float, int]:
        line = factorylab.connect(scenario="line", seed=2, variant=variant)
        from factorylab.control import reference

        factorylab.run(reference.make_line_controller(), line, seconds=600)
        return line.oven.temperature, line.tank.level, line.production.parts_out

    assert run(4) == run(4)
    assert run(4) != run(0)


def test_a_scenario_file_can_choose_a_variant(tmp_path: Path) -> None:
    good = tmp_path / "mine.yaml"
    good.write_text("extends: oven\nid: mine\nvariant: 42\n", encoding="utf-8")
    assert Plant(load_scenario(str(good))).variant == plant_variant(42)
    assert Plant(load_scenario(str(good)), variant=0).variant.number == 0  # the caller's choice wins
    bad = tmp_path / "bad.yaml"
    bad.write_text(textwrap.dedent("extends: oven\nid: bad\nvariant: 10000\n"), encoding="utf-8")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(str(bad))
    assert caught.value.line == 3


@pytest.mark.parametrize("wrong", [-1, 10_000, 2.5, "7", True])
def test_connect_refuses_a_wrong_variant_in_plain_words(wrong: object) -> None:
    with pytest.raises(factorylab.FactoryLabError) as caught:
        factorylab.connect(variant=wrong)  # type: ignore[arg-type]
    assert "0 to 9999" in caught.value.en and "0에서 9999" in caught.value.ko


def test_a_remote_line_tells_its_variant(free_port: int) -> None:
    sim = Sim(free_port, "--scenario", "tank", "--variant", "7")
    try:
        line = factorylab.connect(port=free_port)
        assert line.variant == plant_variant(7)
        assert line.system.variant == 7
        with pytest.raises(factorylab.FactoryLabError) as caught:
            factorylab.connect(port=free_port, variant=3)
        assert "--variant" in caught.value.en
        line.close()
    finally:
        code, out, err = sim.stop()
    assert code == 0, err
    assert "variant 7" in out


def test_sim_refuses_a_wrong_variant() -> None:
    import subprocess

    from tests.conftest import factorylab_command

    done = subprocess.run(
        factorylab_command() + ["sim", "--headless", "--variant", "10000", "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "--variant must be" in done.stderr and "Traceback" not in done.stderr
