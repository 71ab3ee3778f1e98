"""run(): one controller, fast-forward or live; Result with history, KPIs, events."""

from __future__ import annotations

import pytest

import factorylab
from factorylab import FactoryLabError, plc
from tests.conftest import Sim


def start_everything(line, t):
    line.feeder.run = line.conveyor1.run = line.conveyor2.run = True


def test_fast_forward_run_returns_history_kpis_and_events() -> None:
    line = factorylab.connect(scenario="sorting", seed=3)
    result = factorylab.run(start_everything, line, seconds=120)
    assert result.mode == "local" and result.scans == 2400
    assert line.time == pytest.approx(120.0)
    history = result.history
    assert history.index.name == "t" and list(history.index[:3]) == [0.0, 1.0, 2.0]
    assert len(history) == 120 and set(history.columns) == {tag.name for tag in line.tags}
    assert history["conveyor1.run"].iloc[-1] == True  # noqa: E712 - a numpy bool
    k = result.kpis
    plant = line.plant
    assert k["parts_in"] == plant.production.parts_in > 20
    assert k["parts_out"] == plant.production.parts_out
    assert k["missorted"] == plant.production.parts_missorted > 0  # nobody sorts
    # KPIs come from the counters as their tags read them (0.1 s), the same as over Modbus
    operating = line.production.run_time + line.production.idle_time
    assert k["availability"] == pytest.approx(100.0 * operating / 120)
    assert abs(operating - (plant.production.run_time + plant.production.idle_time)) <= 0.1
    assert {"part_fed", "part_out"} <= set(result.events["kind"])
    assert "parts: in" in result.summary("en") and "부품" in result.summary("ko")


def test_kpis_count_only_this_run() -> None:
    line = factorylab.connect(scenario="conveyor", seed=4)
    factorylab.run(start_everything, line, seconds=60)
    before = line.plant.production.parts_in
    second = factorylab.run(start_everything, line, seconds=60)
    assert second.kpis["parts_in"] == line.plant.production.parts_in - before
    assert second.history.index[0] == 60.0  # t is the line's time: it goes on


def test_record_a_few_tags_at_a_chosen_rate() -> None:
    line = factorylab.connect(scenario="oven", seed=1)

    def heat(line, t):
        line.oven.heater = 50

    result = factorylab.run(
        heat, line, seconds=60, scan=0.5, record=["oven.temperature", "oven.heater"], record_every=5
    )
    assert list(result.history.columns) == ["oven.temperature", "oven.heater"]
    assert list(result.history.index) == [float(x) for x in range(0, 60, 5)]
    assert result.history["oven.heater"].iloc[-1] == 50.0
    with pytest.raises(factorylab.TagError):
        factorylab.run(heat, line, seconds=1, record=["oven.temprature"])


def test_a_class_with_call_keeps_state() -> None:
    class Counter:
        def __init__(self) -> None:
            self.parts = 0
            self.edge = plc.R_TRIG()

        def __call__(self, line, t):
            start_everything(line, t)
            if self.edge(line.conveyor2.photo_eye_exit):
                self.parts += 1
            line.panel.display = self.parts

    counter = Counter()
    line = factorylab.connect(scenario="conveyor", seed=5)
    result = factorylab.run(counter, line, seconds=120)
    assert counter.parts >= result.kpis["parts_out"] > 10
    assert line.panel.display == counter.parts


def test_estop_and_interlock_violations_and_alarms_are_counted() -> None:
    line = factorylab.connect(scenario="conveyor", seed=6)

    def careless(line, t):
        line.feeder.run = True  # feeds onto a belt that never runs: an interlock violation
        line.stack_light.red = t > 5
        if t > 10:
            line.conveyor2.run = True  # left on through the E-stop below

    line.plant.panel.remote_estop = True
    result = factorylab.run(careless, line, seconds=20)
    k = result.kpis
    assert k["estop_violations"] > 100
    assert k["alarms"] == 1
    line2 = factorylab.connect(scenario="conveyor", seed=6)
    assert factorylab.run(careless, line2, seconds=20).kpis["interlock_violations"] > 300


def test_starting_feeder_and_belt_in_the_same_scan_is_no_interlock_violation(free_port: int) -> None:
    def together(line, t):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = line.panel.safety_ok

    local = factorylab.run(together, factorylab.connect(scenario="sorting", seed=1), seconds=20)
    assert local.kpis["interlock_violations"] == 0 and local.kpis["parts_in"] > 0
    sim = Sim(free_port, "--scenario", "sorting")  # a live line: the belt answers between scans
    try:
        remote = factorylab.run(together, factorylab.connect(port=sim.port), seconds=1.5)
    finally:
        sim.stop()
    assert remote.kpis["interlock_violations"] == 0 and remote.scans >= 25

    def feeder_first(line, t):  # the belt comes 1 s late: the scans at t = 0.5 ... 1.0 count (0.5 s grace)
        line.feeder.run = True
        line.conveyor1.run = line.conveyor2.run = t >= 1.0

    late = factorylab.run(feeder_first, factorylab.connect(scenario="sorting", seed=1), seconds=5)
    assert late.kpis["interlock_violations"] == 11


def test_faults_come_with_their_labels() -> None:
    line = factorylab.connect(scenario="conveyor", seed=7)
    line.plant.inject_fault("jam", "conveyor2", duration=30)
    result = factorylab.run(start_everything, line, seconds=60)
    assert result.kpis["faults"] == 1
    row = result.faults.iloc[0]
    assert (row["label"], row["target"], row["start"], row["end"]) == ("jam", "conveyor2", 0.0, 30.0)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"seconds": 10, "scan": 0.07}, "multiple of 0.05"),
        ({"seconds": -1}, "above 0"),
        ({"seconds": 10, "scan": 0}, "multiple of 0.05"),
    ],
)
def test_bad_arguments_are_explained(kwargs: dict, words: str) -> None:
    line = factorylab.connect(scenario="conveyor")
    with pytest.raises(FactoryLabError) as caught:
        factorylab.run(start_everything, line, **kwargs)
    assert words in caught.value.en
    with pytest.raises(FactoryLabError):
        factorylab.run("controller", line, seconds=1)


def make_exit_blocked():
    """Run everything; stop everything once the exit eye has been blocked for 2 s."""
    blocked = plc.TON(2.0)

    def controller(line, t):
        stop = blocked(line.conveyor2.photo_eye_exit, t)
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = not stop

    return controller


def test_the_same_controller_drives_the_live_line(free_port: int) -> None:
    """Fast-forward and live with one function, unchanged."""
    controller = make_exit_blocked()
    local = factorylab.connect(scenario="line", seed=0)
    assert factorylab.run(controller, local, seconds=30).kpis["parts_in"] > 3
    sim = Sim(free_port, "--speed", "5")
    try:
        remote = factorylab.connect(f"127.0.0.1:{free_port}")
        result = factorylab.run(make_exit_blocked(), remote, seconds=3, scan=0.05)
        assert result.mode == "remote" and result.scans == 60
        assert result.kpis["parts_in"] >= 2  # 3 s at 5x: 15 simulated seconds of feeding
        assert remote.conveyor1.running and remote.feeder.run
        assert 12.0 < result.kpis["seconds"] < 18.0  # simulated time passed at 5x
        assert result.overruns < 30
        assert len(result.scan_lateness) == 60
        assert len(result.history) == 3 and result.history.index[-1] > 8.0  # a row every 20 scans
        remote.close()
    finally:
        code, _, err = sim.stop()
    assert code == 0, err


def test_the_tank_interlock_reads_the_high_switch_as_the_controller_does() -> None:
    line = factorylab.connect(scenario="tank", seed=0)
    line.plant.inject_fault("sensor_stuck_on", "tank.high", duration=5)  # the switch says "high" for 5 s

    def fill(line, t):
        line.tank.inflow = 50.0 if t < 8 else 0.04  # 0.04 % is 0.0 on the register: the valve is shut

    result = factorylab.run(fill, line, seconds=10, scan=0.5, record=["tank.high"], record_every=0.5)
    assert result.kpis["interlock_violations"] == 10  # the scans at 0 ... 4.5 s
    assert result.history["tank.high"].tolist() == [True] * 10 + [False] * 10
    assert line.plant.tank.inflow == 0.0 and line.tank.inflow == 0.0
    assert result.kpis["alarms"] == result.kpis["estop_violations"] == 0


def test_the_watch_counts_the_same_with_and_without_a_stack_light(tmp_path) -> None:
    """The watcher reads the line's tags: a scenario without a panel counts interlocks too."""
    path = tmp_path / "no_panel.yaml"
    path.write_text("extends: conveyor\nid: no_panel\nstations: [feeder, conveyor1, conveyor2]\n", encoding="utf-8")

    def feeder_first(line, t):
        line.feeder.run = True
        line.conveyor1.run = line.conveyor2.run = t >= 1.0

    with_panel = factorylab.run(feeder_first, factorylab.connect(scenario="conveyor", seed=1), seconds=5)
    without = factorylab.run(feeder_first, factorylab.connect(scenario=str(path), seed=1), seconds=5)
    assert "stack_light" not in factorylab.connect(scenario=str(path)).devices
    assert with_panel.kpis["interlock_violations"] == without.kpis["interlock_violations"] == 11


def test_an_unwritten_controller_factory_is_told_in_words_not_a_traceback() -> None:
    def make_controller():
        raise NotImplementedError()  # what the student copy of a lab leaves in a factory

    line = factorylab.connect(scenario="conveyor")
    with pytest.raises(FactoryLabError) as caught:
        factorylab.run(make_controller, line, seconds=1)
    assert "not written yet" in caught.value.en and "NotImplementedError" in caught.value.ko
