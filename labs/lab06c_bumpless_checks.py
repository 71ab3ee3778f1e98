"""Checks of lab 6-3 (``bumpless``): bumpless manual/auto transfer, and a load disturbance in the oven.

* ``bumpless`` (labs-plan 6-6, exercise 6-7): the mode selector ``panel.auto``
  chooses who sets the heater. **Manual** (0): the operator sets
  ``oven.heater`` by hand (the check writes it between two scans, at hidden
  times); the controller must leave it as it is and keep its integral at
  ``heater - Kc × error`` (*tracking*). **Auto** (1): the PI controller writes
  ``oven.heater`` from ``oven.temperature`` to 200 °C. Expected, on every
  hidden run: in manual the heater stays where the operator left it (also at
  the switch auto → manual); in the first 1 s (two scans) after a switch to auto the
  heater moves at most 5 % from the operator's value; from 600 s after the
  switch to auto until the next switch the oven stays within 200 ± 3 °C.
* ``oven_load`` (labs-plan 6-7, exercise 6-8): the PI holds the oven at 220 °C
  while the line's other PLC (the check) feeds parts at a hidden time and
  rate (and, on some runs, pauses the feed). Cold parts draw heat, a load.
  Expected: within 220 ± 3 °C in the 120 s before the parts come and from 300 s
  after each change of the feed on; never above 240 °C; no soft or overheated
  part.

Hidden runs (6 each): ovens of different time constants and gains (the
first ``oven_load`` run has the documented 2.5 °C/%), start temperatures, switch and feed times drawn from the
seed (every time moved by far more than ±2 s), switches to auto below and
above the setpoint, switches in both directions.

Findings, the first that fits the failing run:

* ``bumpless``: ``mode_forced`` (``panel.auto`` does not follow the operator's
  switches: a safety net, since a controller in a check gets no ``line.plant``
  to turn the selector with and is told ``plant_in_check``; checked first),
  ``stays_manual`` (the heater never moves in auto),
  ``open_loop`` (outputs that ignore the inputs: a timetable, replayed
  outputs), ``ignores_mode`` (the PI writes in manual too), ``bump_to_manual``
  (a fixed value written in manual, e.g. 0 % at the switch to manual),
  ``windup_in_manual`` (the integral kept integrating in manual: the heater
  jumps to 100 %), ``tracking_without_p`` (integral = heater, without
  ``- Kc × error``), ``no_tracking`` (the integral was not initialised from the
  heater), ``too_strong`` (the first output in auto was the operator's value,
  then a PI with far more than the SIMC gains moved the heater more than 5 %
  within the second), ``not_settled``.
* ``oven_load``: ``not_yours`` (the controller wrote an output that changes the
  flow of parts, e.g. ``conveyor1.speed``: checked first), ``raw_counts`` (heater off in a cold oven), ``fixed_heater``,
  ``open_loop``, ``overheated`` (above 240 °C), ``on_off``, ``offset`` (never reached 220 °C: P-only),
  ``load_offset`` (fine when empty, settles off 220 °C with the parts in: no
  integral), ``not_recovered``, ``soft_parts``.
"""

from __future__ import annotations

import math
import random
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.behaviour import BehaviourCheck, Episode, Judge
from factorylab.control.checks.oven_pid import FOLLOWS_Z, noise_answers, switch_levels
from factorylab.control.checks.result import Trace, at
from factorylab.control.checks.seeds import formative_seeds
from factorylab.plant import Plant, Scenario, load_scenario
from factorylab.plant.oven import AMBIENT, HARDNESS_MIN, OVERHEAT_LIMIT
from factorylab.plant.scenario import Action

SCAN = 0.5  # s, as in oven_pid

# --- bumpless ------------------------------------------------------------------------------------------------

SETPOINT = 200.0  # °C
JUMP = 5.0  # % the heater may move in the first JUMP_WINDOW s after a switch to auto (two scans: a
# strong but well-tracked PI moves further by its own control action over a few seconds)
JUMP_WINDOW = 1.0  # s
HOLD = 0.15  # %: in manual the heater after a scan equals the heater before it (the register's 0.1 % steps)
BAND = 3.0  # °C
SETTLE = 600.0  # s after a switch to auto: then within SETPOINT ± BAND until the next switch

#: the hidden runs' shapes by position in the seed list
SHAPES = ("below", "above", "near", "below", "above", "near")


def _steady(gain: float, heater: float) -> float:
    """The temperature an empty oven settles at with ``heater`` %."""
    return AMBIENT + gain * heater


def _time_to(start: float, steady: float, target: float, tau: float) -> float:
    """Seconds a first-order oven takes from ``start`` towards ``steady`` to reach ``target``."""
    return -tau * math.log((steady - target) / (steady - start))


def bumpless_episode(rng: random.Random, base: Scenario, position: int | None) -> Episode:
    """One hidden run: mode switches (scenario actions) and the operator's manual heater values (script)."""
    shape = SHAPES[position % len(SHAPES)] if position is not None else rng.choice(SHAPES)
    gain = round(2.5 * rng.uniform(0.9, 1.15), 3)
    tau = round(180.0 * rng.uniform(0.8, 1.2), 1)
    hold = (SETPOINT - AMBIENT) / gain  # % that holds 200 °C
    writes: list[tuple[float, float]] = []  # (time, heater %) the operator sets in manual
    switches: list[tuple[float, bool]] = []  # (time, auto)
    if shape == "below":  # manual warm-up, then auto below the setpoint; later manual (cooling) and back
        start = round(rng.uniform(50.0, 90.0), 1)  # a long warm-up: an integral left running in manual winds up
        steady = rng.uniform(206.0, 214.0)
        first = round((steady - AMBIENT) / gain, 1)
        t1 = _time_to(start, steady, rng.uniform(182.0, 192.0), tau)
        t2 = t1 + rng.uniform(550.0, 650.0)
        writes.append((t2 + rng.uniform(5.0, 15.0), round(hold - rng.uniform(20.0, 30.0), 1)))
        t3 = t2 + rng.uniform(90.0, 150.0)
        switches = [(t1, True), (t2, False), (t3, True)]
    elif shape == "above":  # the oven is too hot in manual; auto above the setpoint
        start = round(rng.uniform(214.0, 228.0), 1)
        first = round(min(100.0, hold + rng.uniform(12.0, 20.0)), 1)
        t1 = rng.uniform(60.0, 120.0)
        switches = [(t1, True)]
    else:  # "near": warm in manual at about the holding value, auto near 200 °C, manual (heat up), auto above
        start = round(rng.uniform(195.0, 204.0), 1)
        first = round(hold + rng.uniform(-3.0, 3.0), 1)
        t1 = rng.uniform(40.0, 90.0)
        t2 = t1 + rng.uniform(480.0, 560.0)
        writes.append((t2 + rng.uniform(5.0, 15.0), round(min(100.0, hold + rng.uniform(12.0, 20.0)), 1)))
        t3 = t2 + rng.uniform(80.0, 140.0)
        switches = [(t1, True), (t2, False), (t3, True)]
    switches = [(round(t / 0.05) * 0.05, auto) for t, auto in switches]
    writes = [(round(t / 0.05) * 0.05, value) for t, value in writes]
    actions = [Action(at=t, mode="auto" if auto else "manual") for t, auto in switches]
    oven = base.oven.model_copy(update={"temperature": start, "heater": first, "gain": gain, "time_constant": tau})
    scenario = base.model_copy(update={"oven": oven, "actions": actions})
    seconds = round(switches[-1][0] + SETTLE + 120.0, 1)
    script = {"shape": shape, "gain": gain, "tau": tau, "start": start, "first": first}
    script.update(switches=switches, writes=writes)
    return Episode(scenario, seconds, script)


class BumplessJudge(Judge):
    wants_steps = True

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.oven = plant.oven
        self.panel = plant.panel
        self.switches = episode.script["switches"]
        self.t: list[float] = []
        self.auto: list[bool] = []
        self.measured: list[float] = []
        self.true: list[float] = []
        self.before: list[float] = []
        self.heater: list[float] = []
        self._before = self.oven.heater

    def after_scan(self, t: float) -> None:
        oven = self.oven
        self.t.append(t)
        self.auto.append(self.panel.auto)
        self.measured.append(oven.temperature)
        self.true.append(oven.true_temperature)
        self.before.append(self._before)
        self.heater.append(oven.heater)

    def after_step(self, t: float) -> None:
        """The heater as the next scan finds it (the operator may have moved it)."""
        self._before = self.oven.heater

    # --- segments ------------------------------------------------------------------------------------
    def segments(self) -> list[tuple[bool, int, int]]:
        """(auto, first scan, end scan) of each stretch of one mode, in order."""
        found = []
        start = 0
        for k in range(1, len(self.auto) + 1):
            if k == len(self.auto) or self.auto[k] != self.auto[start]:
                found.append((self.auto[start], start, k))
                start = k
        return found

    def expected_auto(self, t: float) -> bool | None:
        """The mode the operator chose at ``t`` (None within a scan of a switch: either is fine)."""
        mode = False
        for when, auto in self.switches:
            if abs(t - when) <= SCAN + 1e-6:
                return None
            if when < t:
                mode = auto
        return mode

    def finish(self) -> list:
        forced = next(
            (k for k, t in enumerate(self.t) if self.expected_auto(t) not in (None, self.auto[k])),
            None,
        )
        if forced is not None:
            self._mode_forced(forced)
            return self.findings
        segments = self.segments()
        t, heater, before, true = self.t, self.heater, self.before, self.true
        manual_writes = [k for k in range(len(t)) if not self.auto[k] and abs(heater[k] - before[k]) > HOLD]
        jumps = []  # (first scan of auto, worst scan, jump) after a switch from manual
        for index, (auto, first, end) in enumerate(segments):
            if not auto or index == 0:
                continue
            window = range(first, min(end, first + round(JUMP_WINDOW / SCAN)))
            worst = max(window, key=lambda k: abs(heater[k] - before[first]))
            if abs(heater[worst] - before[first]) > JUMP:
                jumps.append((first, worst))
        outside = None
        for index, (auto, first, end) in enumerate(segments):
            if not auto or index == 0:
                continue
            settled = next((k for k in range(first, end) if t[k] >= t[first] + SETTLE), None)
            if settled is None:
                continue
            bad = next((k for k in range(settled, end) if abs(true[k] - SETPOINT) > BAND), None)
            if bad is not None:
                outside = (first, bad)
                break
        if not manual_writes and not jumps and outside is None:
            return self.findings
        self._explain(segments, manual_writes, jumps, outside)
        return self.findings

    def _explain(self, segments, manual_writes, jumps, outside) -> None:
        heater, before = self.heater, self.before
        taken = [s for s in segments[1:] if s[0] and s[2] - s[1] > 60]
        if not manual_writes and taken and all(max(heater[a:b]) - min(heater[a:b]) < HOLD for _, a, b in taken):
            self._stays_manual(taken[0][1])
            return
        z = noise_answers(self.measured, heater)
        thermostat = switch_levels(self.measured, heater)
        follows = thermostat if thermostat is not None else max(z["wiggle"], z["change"]) >= FOLLOWS_Z
        first_bad = min(
            k
            for k in (
                manual_writes[0] if manual_writes else None,
                jumps[0][1] if jumps else None,
                outside and outside[1],
            )
            if k is not None
        )
        if not follows:
            self._open_loop(first_bad)
            return
        if manual_writes:
            k = manual_writes[0]
            segment = next(s for s in segments if s[1] <= k < s[2])
            written = {round(heater[j], 1) for j in range(segment[1], segment[2]) if abs(heater[j] - before[j]) > HOLD}
            if len(written) > 2:
                self._ignores_mode(k)
            else:
                self._bump_to_manual(k, segment)
            return
        if jumps:
            first, worst = jumps[0]
            error = SETPOINT - self.measured[first]
            up = heater[worst] > before[first]
            if abs(heater[first] - before[first]) <= JUMP and abs(heater[worst] - heater[first]) <= 2 * JUMP:
                self._too_strong(first, worst)  # the first output was the operator's value: tracked, then a strong PI
            elif up and error > BAND and self._still_full(first):
                self._windup(first, worst)
            elif up and error > BAND:
                self._without_p(first, worst)
            else:
                self._no_tracking(first, worst)
            return
        first, bad = outside
        self._not_settled(first, bad)

    def _still_full(self, first: int) -> bool:
        """True if the heater was still at 95 % or more when the oven first reached 200 °C after the switch.

        A wound-up integral keeps the heater full up to the setpoint; an integral
        that was set to the heater (without ``- Kc × error``) is back near the
        holding value there.
        """
        end = next((s[2] for s in self.segments() if s[1] == first), len(self.t))
        reach = next((k for k in range(first, end) if self.measured[k] >= SETPOINT), None)
        if reach is None:
            return self.heater[min(end, first + round(JUMP_WINDOW / SCAN)) - 1] >= 99.0
        return self.heater[reach] >= 95.0

    # --- findings ----------------------------------------------------------------------------------------
    def _mode_forced(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        mode_ko, mode_en = ("자동", "auto") if self.auto[k] else ("수동", "manual")
        chosen_ko, chosen_en = ("수동", "manual") if self.auto[k] else ("자동", "auto")
        self.fail(
            "mode_forced",
            f"{when_ko} 작업자는 {chosen_ko}을 골랐는데 모드 선택 스위치(panel.auto)가 {mode_ko}이었습니다: 컨트롤러가 "
            f"모드를 바꿨습니다",
            f"{when_en} the operator had chosen {chosen_en} but the mode selector (panel.auto) was at {mode_en}: your "
            f"controller changed the mode",
            "모드는 작업자가 정합니다: panel.auto는 읽기만 하고 line.plant.panel.set_auto()를 부르지 마세요",
            "the operator chooses the mode: only read panel.auto and do not call line.plant.panel.set_auto()",
            self.t[k],
            "panel.auto",
        )

    def _stays_manual(self, first: int) -> None:
        when_ko, when_en = at(self.t[first])
        level = self.heater[first]
        self.fail(
            "stays_manual",
            f"{when_ko} 모드 선택 스위치(panel.auto)가 자동이 되었는데 히터(oven.heater)가 {level:.1f} %에서 "
            f"움직이지 않았습니다: 자동에서는 PI가 히터를 정해야 합니다",
            f"the mode selector (panel.auto) went to auto {when_en} but the heater (oven.heater) stayed at "
            f"{level:.1f} %: in auto your PI must set the heater",
            "line.panel.auto가 1이면 매 스캔 PI 출력을 oven.heater에 쓰세요",
            "while line.panel.auto is 1, write the PI's output to oven.heater in every scan",
            self.t[first],
            "panel.auto",
        )

    def _open_loop(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "open_loop",
            f"{when_ko} 히터(oven.heater)가 {self.heater[k]:.1f} %였는데, 출력이 입력(oven.temperature, panel.auto)을 "
            f"따르지 않고 시간표나 고정값대로 움직입니다",
            f"{when_en} the heater (oven.heater) was at {self.heater[k]:.1f} %: your outputs do not follow the inputs "
            f"(oven.temperature, panel.auto), they follow a timetable or a fixed value",
            "시간이 아니라 매 스캔 panel.auto와 오차(200 - oven.temperature)로 히터를 정하세요",
            "set the heater in every scan from panel.auto and the error 200 - oven.temperature, not from the time",
            self.t[k],
            "oven.heater",
        )

    def _ignores_mode(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "ignores_mode",
            f"{when_ko} 수동(panel.auto = 0)인데 컨트롤러가 작업자가 정한 히터 {self.before[k]:.1f} %를 "
            f"{self.heater[k]:.1f} %로 바꿨습니다: 수동에서도 PI가 히터에 씁니다",
            f"{when_en} the mode was manual (panel.auto = 0) but your controller changed the operator's heater "
            f"{self.before[k]:.1f} % to {self.heater[k]:.1f} %: your PI writes the heater in manual too",
            "수동일 때는 oven.heater에 쓰지 말고, 그 값을 읽어 적분만 맞춰 두세요",
            "in manual do not write oven.heater: read it and only set your integral from it",
            self.t[k],
            "panel.auto",
        )

    def _bump_to_manual(self, k: int, segment: tuple[bool, int, int]) -> None:
        when_ko, when_en = at(self.t[k])
        switched = segment[1] > 0 and k - segment[1] <= 2
        what_ko = "자동에서 수동으로 바뀐 " if switched else "수동일 때 "
        what_en = "at the switch from auto to manual " if switched else "in manual "
        self.fail(
            "bump_to_manual",
            f"{what_ko}{when_ko} 히터(oven.heater)가 {self.before[k]:.1f} %에서 {self.heater[k]:.1f} %로 "
            f"바뀌었습니다: 수동에서는 작업자가 히터를 정하니 컨트롤러는 그대로 두어야 합니다",
            f"{what_en}{when_en} the heater (oven.heater) went from {self.before[k]:.1f} % to "
            f"{self.heater[k]:.1f} %: in manual the operator sets the heater, so your controller must leave it",
            "수동일 때는 oven.heater에 아무것도 쓰지 마세요(0 %도 쓰지 않기)",
            "in manual write nothing to oven.heater (not 0 % either)",
            self.t[k],
            "oven.heater",
        )

    def _jump_text(self, first: int, worst: int) -> tuple[str, str, float]:
        when_ko, when_en = at(self.t[first])
        a, b = self.before[first], self.heater[worst]
        return (
            f"{when_ko} 자동으로 바뀌자 히터(oven.heater)가 {a:.1f} %에서 {b:.1f} %로 {abs(b - a):.1f} % 뛰었습니다"
            f"(허용 5 %)",
            f"when the mode went to auto {when_en} the heater (oven.heater) jumped from {a:.1f} % to {b:.1f} %, "
            f"by {abs(b - a):.1f} % (5 % allowed)",
            self.t[first],
        )

    def _windup(self, first: int, worst: int) -> None:
        ko, en, when = self._jump_text(first, worst)
        self.fail(
            "windup_in_manual",
            ko + ": 수동 동안에도 적분이 오차를 계속 더해 쌓였습니다",
            en + ": your integral kept adding up the error during manual",
            "수동일 때는 적분에 오차를 더하지 말고 적분 = 히터 - Kc × 오차로 맞춰 두세요(트래킹)",
            "in manual do not add to the integral; set integral = heater - Kc × error (tracking)",
            when,
            "oven.heater",
        )

    def _without_p(self, first: int, worst: int) -> None:
        ko, en, when = self._jump_text(first, worst)
        self.fail(
            "tracking_without_p",
            ko + ": 적분을 히터 값으로 맞췄지만 비례 동작(Kc × 오차)만큼 더 나갔습니다",
            en + ": you set the integral to the heater, and the proportional part (Kc × error) came on top",
            "수동일 때 적분 = 히터 - Kc × 오차로 맞추세요: 그러면 전환 순간의 출력이 히터 값과 같습니다",
            "in manual set integral = heater - Kc × error: then the first output in auto equals the heater",
            when,
            "oven.heater",
        )

    def _too_strong(self, first: int, worst: int) -> None:
        ko, en, when = self._jump_text(first, worst)
        self.fail(
            "too_strong",
            ko + f": 첫 스캔의 히터는 작업자의 값({self.heater[first]:.1f} %)이어서 트래킹은 맞지만, 그 뒤 PI가 히터를 "
            "너무 세게 움직였습니다",
            en + f": the first output was the operator's value ({self.heater[first]:.1f} %), so the tracking is right, "
            "but then your PI moved the heater too hard",
            "Kc를 줄이고 Ti를 길게 하세요(실습 6-2의 SIMC 값)",
            "lower Kc and make Ti longer (the SIMC values of lab 6-2)",
            when,
            "oven.heater",
        )

    def _no_tracking(self, first: int, worst: int) -> None:
        ko, en, when = self._jump_text(first, worst)
        self.fail(
            "no_tracking",
            ko + ": 적분이 작업자가 정한 히터 값에서 시작하지 않았습니다",
            en + ": your integral did not start from the operator's heater value",
            "수동일 때 매 스캔 oven.heater를 읽어 적분 = 히터 - Kc × 오차로 맞춰 두세요(트래킹)",
            "in manual read oven.heater in every scan and set integral = heater - Kc × error (tracking)",
            when,
            "oven.heater",
        )

    def _not_settled(self, first: int, bad: int) -> None:
        t, true = self.t, self.true
        self.fail(
            "not_settled",
            f"{t[first]:.1f}초에 자동으로 바뀐 뒤 {t[bad]:.1f}초에 오븐이 {true[bad]:.1f} °C였습니다: "
            f"전환 {SETTLE:.0f}초 뒤부터는 200 ± 3 °C 안에 있어야 합니다",
            f"after the switch to auto at {t[first]:.1f} s the oven was at {true[bad]:.1f} °C at {t[bad]:.1f} s: "
            f"from {SETTLE:.0f} s after the switch it must stay within 200 ± 3 °C",
            "자동에서는 실습 6-2의 PI(SIMC 튜닝, 안티와인드업)를 그대로 쓰고, 적분이 멈춰 있지 않은지 보세요",
            "in auto use the PI of lab 6-2 (SIMC tuning, anti-windup) as it was, and make sure its integral works",
            t[bad],
            "oven.temperature",
        )

    def trace(self) -> Trace | None:
        if not self.t:
            return None
        marks = [f.t for f in self.findings if f.t is not None] + [t for t, _ in self.switches]
        return Trace(
            self.t,
            {"oven.temperature": self.measured, "panel.auto": [int(a) for a in self.auto]},
            {"oven.heater": self.heater},
            {},
            marks,
        )


class _Positioned(BehaviourCheck):
    """A behaviour check whose hidden runs take their shape from their place in the seed list."""

    scenario = "oven"
    count = 6
    scan = SCAN

    def __init__(self) -> None:
        self._positions: dict[int, int] = {}

    def make_episode(self, rng: random.Random, base: Scenario, position: int | None) -> Episode:
        raise NotImplementedError  # pragma: no cover

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        return self.make_episode(rng, base, None)

    def position(self, seed: int) -> int | None:
        if seed in self._positions:
            return self._positions[seed]
        formative = formative_seeds(self.name, self.count)
        return formative.index(seed) if seed in formative else None

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        rng = random.Random(f"{self.name}|{seed}")
        episode = self.make_episode(rng, load_scenario(self.scenario), self.position(seed))
        plant = Plant(episode.scenario, seed=seed)
        self.prepare(plant, episode)
        return plant, episode

    def prepare(self, plant: Plant, episode: Episode) -> None:
        """Set up the plant before the first scan."""

    def judge(self, answer: Any, seeds: list[int]):
        from factorylab.control.checks.behaviour import run_behaviour

        self._positions = {seed: index for index, seed in enumerate(seeds)}
        try:
            return run_behaviour(self, answer, seeds)
        finally:
            self._positions = {}


@register
class Bumpless(_Positioned):
    """Manual → auto without a bump: in manual leave the heater to the operator and track it; in auto PI to 200 °C."""

    name = "bumpless"
    title = (
        "무충격 전환: 수동 → 자동에서 히터가 5 % 넘게 뛰지 않고 200 °C로",
        "bumpless transfer: manual → auto with the heater moving at most 5 %, then to 200 °C",
    )

    def make_episode(self, rng: random.Random, base: Scenario, position: int | None) -> Episode:
        return bumpless_episode(rng, base, position)

    def prepare(self, plant: Plant, episode: Episode) -> None:
        plant.panel.set_auto(False)  # every hidden run starts in manual: the operator warmed the oven up
        writes = list(episode.script["writes"])

        def operator(now: float) -> None:
            """The operator's hand: in manual, the heater set to the planned value at its time."""
            while writes and writes[0][0] <= now + 1e-9:
                _, value = writes.pop(0)
                if not plant.panel.auto:
                    plant.oven.heater = value

        world(plant, operator)

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return BumplessJudge(plant, episode, run)


# --- oven_load -------------------------------------------------------------------------------------------------

LOAD_SETPOINT = 220.0  # °C
BEFORE = 120.0  # s before the feed starts in which the oven must be at the setpoint
RECOVERY = 300.0  # s after a change of the feed that are not judged
DWELL = 28.0  # s each part stays in the oven (the line's PLC opens the gate)
#: outputs that change the flow of parts (the load) and that the line's other PLC does not write in every step
NOT_YOURS = ("conveyor1.speed", "conveyor2.speed", "feeder.select", "panel.remote_estop")
FLAT = 1.0  # °C: a temperature that moved less than this over a minute is flat

LOAD_SHAPES = ("cold", "warm", "cold_pause", "warm", "cold", "warm_pause")


def load_episode(rng: random.Random, base: Scenario, position: int | None) -> Episode:
    """One hidden run of ``oven_load``: the start, the oven's time constant, when and how fast the parts come."""
    shape = LOAD_SHAPES[position % len(LOAD_SHAPES)] if position is not None else rng.choice(LOAD_SHAPES)
    start = round(rng.uniform(22.0, 40.0) if shape.startswith("cold") else rng.uniform(90.0, 170.0), 1)
    tau = round(180.0 * rng.uniform(0.85, 1.15), 1)
    feed = round(rng.uniform(900.0, 1050.0), 1)
    interval = round(rng.uniform(3.6, 4.6), 1)
    changes = [feed]
    pause = None
    if shape.endswith("pause"):
        pause = (round(feed + RECOVERY + rng.uniform(60.0, 140.0), 1), round(rng.uniform(60.0, 120.0), 1))
        changes += [pause[0], round(pause[0] + pause[1], 1)]
    # the oven's gain (drawn last, so the other draws stay as they were): the documented 2.5 °C/% on the first run,
    # lower and higher on the others, so the heater that holds 220 °C differs by 8 % or more between some runs and
    # no recorded heater curve fits them all (the highest heater needed stays below 100 % with the parts inside)
    factor = rng.uniform(0.92, 0.96) if position is None or position % 2 else rng.uniform(1.05, 1.15)
    gain = 2.5 if position == 0 else round(2.5 * factor, 3)
    oven = base.oven.model_copy(update={"temperature": start, "heater": 0.0, "gain": gain, "time_constant": tau})
    scenario = base.model_copy(update={"oven": oven, "actions": []})
    seconds = round(changes[-1] + RECOVERY + 240.0, 1)
    script = {"shape": shape, "start": start, "tau": tau, "gain": gain, "feed": feed, "interval": interval}
    script["pause"] = pause
    script["changes"] = changes
    return Episode(scenario, seconds, script)


def feeding(script: dict[str, Any]) -> Any:
    """``feeding(t)``: True while the line's other PLC runs the feeder in this hidden run."""
    feed, pause = script["feed"], script["pause"]

    def running(t: float) -> bool:
        if t < feed:
            return False
        return pause is None or not pause[0] <= t < pause[0] + pause[1]

    return running


def world(plant: Plant, hook: Any) -> None:
    """Call ``hook(now)`` at the start of every plant step: the operator and the line's other PLC.

    Part of the plant, not of the judge: a run recorded for a replay meets the same world.
    """
    step = plant.step

    def stepped() -> None:
        hook(plant.time)
        step()

    plant.step = stepped


class LoadJudge(Judge):
    wants_steps = False

    def __init__(self, plant: Plant, episode: Episode, run: int) -> None:
        super().__init__(plant, episode, run)
        self.oven = plant.oven
        script = episode.script
        self.feed = script["feed"]
        self.interval = script["interval"]
        self.pause = script["pause"]
        self.changes = script["changes"]
        self.feeding = feeding(script)
        self.t: list[float] = []
        self.measured: list[float] = []
        self.true: list[float] = []
        self.heater: list[float] = []
        self.inside: list[int] = []
        self.bad_parts: list[tuple[float, str, float]] = []  # (time out, defect, hardness)
        self._held: dict[int, Any] = {}
        from factorylab.tags import tags_for

        table = tags_for(plant)
        self._others = {name: table[name].reader for name in NOT_YOURS}
        self._at_start = {name: read(plant) for name, read in self._others.items()}
        self.meddled: tuple[int, str, Any] | None = None  # (scan, tag, value) of the first write to a line output

    def after_scan(self, t: float) -> None:
        """Record the scan, the parts that left the oven, and a write to an output of the line's other PLC."""
        if self.meddled is None:
            for name, read in self._others.items():
                value = read(self.plant)
                if value != self._at_start[name]:
                    self.meddled = (len(self.t), name, value)
                    break
        oven = self.oven
        self.t.append(t)
        self.measured.append(oven.temperature)
        self.true.append(oven.true_temperature)
        self.heater.append(oven.heater)
        self.inside.append(len(oven.parts))
        held = {id(part): part for part in oven.parts}
        for key, part in self._held.items():
            if key not in held and part.defects and t >= self.feed + RECOVERY:
                self.bad_parts.append((t, part.defects[-1], part.hardness or 0.0))
        self._held = held

    def judged(self, k: int) -> bool:
        t = self.t[k]
        if t < self.feed - BEFORE:
            return False
        return not any(c <= t < c + RECOVERY for c in self.changes)

    def finish(self) -> list:
        if self.meddled is not None:
            self._not_yours(*self.meddled)
            return self.findings
        true = self.true
        over = next((k for k, value in enumerate(true) if value > OVERHEAT_LIMIT), None)
        outside = next((k for k in range(len(true)) if self.judged(k) and abs(true[k] - LOAD_SETPOINT) > BAND), None)
        if over is None and outside is None and not self.bad_parts:
            return self.findings
        first = min(k for k in (over, outside) if k is not None) if (over, outside) != (None, None) else None
        if first is not None and self._explain_open(first):
            return self.findings
        if over is not None:
            self._overheated(over)
            return self.findings
        if outside is None:
            self._soft_parts()
            return self.findings
        self._explain(outside)
        return self.findings

    def _explain_open(self, k: int) -> bool:
        """Explain a heater that stays off in a cold oven, a fixed heater or a timetable; False if none fits."""
        heater, measured = self.heater, self.measured
        span = round(120.0 / SCAN)
        for j in range(span, len(heater)):
            if measured[j] < LOAD_SETPOINT - 20.0 and max(heater[j - span : j + 1]) <= 1.0:
                self._raw_counts(j)
                return True
        later = heater[round(60.0 / SCAN) :]
        if later and max(later) - min(later) < HOLD:
            self._fixed_heater(k)
            return True
        z = noise_answers(measured, heater)
        thermostat = switch_levels(measured, heater)
        follows = thermostat if thermostat is not None else max(z["wiggle"], z["change"]) >= FOLLOWS_Z
        if not follows:
            self._open_loop(k)
            return True
        return False

    def _explain(self, k: int) -> None:
        measured, heater = self.measured, self.heater
        if switch_levels(measured, heater):
            self._on_off(k)
            return
        if self.t[k] < self.feed:
            if self._flat(k):
                self._offset(k)
            else:
                self._not_recovered(k)
            return
        if self._flat(k) and self._was_fine():
            self._load_offset(k)
            return
        if self._flat(k):
            self._offset(k)
            return
        self._not_recovered(k)

    def _flat(self, k: int) -> bool:
        """True if the temperature moved less than FLAT over the minute up to scan ``k`` (or from it)."""
        span = round(60.0 / SCAN)
        window = self.true[max(0, k - span) : k + 1] if k >= span else self.true[k : k + span]
        return max(window) - min(window) < 2.0 * FLAT

    def _was_fine(self) -> bool:
        """True if the oven was within the band in the judged scans before the feed."""
        return all(
            abs(self.true[k] - LOAD_SETPOINT) <= BAND
            for k in range(len(self.t))
            if self.judged(k) and self.t[k] < self.feed
        )

    # --- findings ----------------------------------------------------------------------------------------
    def _not_yours(self, k: int, tag: str, value: Any) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "not_yours",
            f"{when_ko} 컨트롤러가 라인의 다른 PLC가 맡은 출력 {tag}에 값을 썼습니다(쓴 값: {value}): 부품의 흐름(부하)은 "
            f"바꾸면 안 됩니다",
            f"{when_en} your controller changed {tag}, an output of the line's other PLC, to {value}: the flow of "
            f"parts (the load) is not yours to change",
            "이 과제의 컨트롤러는 oven.heater만 씁니다",
            "in this exercise your controller writes oven.heater only",
            self.t[k],
            tag,
        )

    def _overheated(self, k: int) -> None:
        peak = max(self.true)
        when_ko, when_en = at(self.t[k])
        self.fail(
            "overheated",
            f"{when_ko} 오븐이 240 °C를 넘어 {peak:.1f} °C까지 올라갔습니다: 그때 오븐 안에 있는 부품은 과열 불량이 됩니다",
            f"the oven went above 240 °C {when_en} and peaked at {peak:.1f} °C: parts in the oven then are overheated "
            f"(rejects)",
            "안티와인드업을 넣고 Kc를 줄이세요: 히터가 100 %에 붙어 있는 동안 적분을 더하지 않기",
            "add anti-windup and lower Kc: do not add to the integral while the heater is at 100 %",
            self.t[k],
            "oven.temperature",
        )

    def _raw_counts(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "raw_counts",
            f"{when_ko} 오븐이 {self.true[k]:.0f} °C로 차가운데 히터(oven.heater)가 2분 동안 꺼져 있었습니다: "
            f"온도를 °C가 아닌 값으로 읽었거나 오차의 부호가 반대입니다",
            f"{when_en} the oven was cold ({self.true[k]:.0f} °C) but the heater (oven.heater) had been off for 2 "
            f"minutes: the temperature was not read in °C, or the error's sign is backwards",
            "온도는 °C 단위인 oven.temperature로 읽으세요(oven.temperature_raw는 °C의 10배인 원시값)",
            "read the temperature in °C from oven.temperature (oven.temperature_raw counts 10 per °C)",
            self.t[k],
            "oven.temperature",
        )

    def _fixed_heater(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "fixed_heater",
            f"{when_ko} 오븐이 {self.true[k]:.1f} °C였는데 히터(oven.heater)가 {self.heater[k]:.1f} %에 고정되어 "
            f"있었습니다: 고정값은 빈 오븐에만 맞고 찬 부품이 들어오면 온도가 떨어집니다",
            f"{when_en} the oven was at {self.true[k]:.1f} °C and the heater (oven.heater) stood fixed at "
            f"{self.heater[k]:.1f} %: a fixed value fits the empty oven only, cold parts pull the temperature down",
            "매 스캔 오차(220 - oven.temperature)로 PI 출력을 계산해 히터에 쓰세요",
            "compute a PI output from the error 220 - oven.temperature in every scan and write it to the heater",
            self.t[k],
            "oven.heater",
        )

    def _open_loop(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "open_loop",
            f"{when_ko} 오븐이 220 °C가 아니라 {self.true[k]:.1f} °C였는데, 출력(oven.heater)이 입력(oven.temperature)을 "
            f"따르지 않고 시간표대로 움직입니다",
            f"{when_en} the oven was at {self.true[k]:.1f} °C instead of 220 °C: your outputs (oven.heater) do not "
            f"follow the inputs (oven.temperature), they follow a timetable",
            "시간이 아니라 매 스캔 오차(220 - oven.temperature)로 히터를 계산하세요",
            "compute the heater in every scan from the error 220 - oven.temperature, not from the time",
            self.t[k],
            "oven.heater",
        )

    def _on_off(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        self.fail(
            "on_off",
            f"{when_ko} 오븐이 {self.true[k]:.1f} °C였습니다(목표 220 °C): 히터를 0 %와 100 %로만 켜고 끄면 "
            f"20초 불감시간 때문에 온도가 출렁입니다",
            f"{when_en} the oven was at {self.true[k]:.1f} °C (setpoint 220 °C): switching the heater only between 0 % "
            f"and 100 % makes the temperature swing because of the 20 s dead time",
            "실습 6-2의 PI를 쓰세요: 히터 = Kc × 오차 + 적분, 0~100 %로 제한",
            "use the PI of lab 6-2: heater = Kc × error + integral, limited to 0-100 %",
            self.t[k],
            "oven.heater",
        )

    def _offset(self, k: int) -> None:
        when_ko, when_en = at(self.t[k])
        gap = LOAD_SETPOINT - self.true[k]
        self.fail(
            "offset",
            f"{when_ko} 오븐이 {self.true[k]:.1f} °C에 머물러 220 °C에서 {abs(gap):.1f} °C 떨어져 있었습니다: "
            f"정상상태 오차입니다",
            f"{when_en} the oven stayed at {self.true[k]:.1f} °C, {abs(gap):.1f} °C from 220 °C: a steady-state error",
            "적분(I) 동작을 더하세요: 적분 += Kc × 오차 × dt / Ti",
            "add integral action: integral += Kc × error × dt / Ti",
            self.t[k],
            "oven.temperature",
        )

    def _load_offset(self, k: int) -> None:
        when_ko, when_en = at(self.feed)
        gap = LOAD_SETPOINT - self.true[k]
        parts = self.inside[k]
        self.fail(
            "load_offset",
            f"빈 오븐은 220 °C였는데 {when_ko} 부품이 들어오기 시작하자 오븐이 {self.true[k]:.1f} °C에 머물렀습니다"
            f"({parts}개가 안에 있을 때 {abs(gap):.1f} °C 차이): 부하가 늘면 비례 제어만으로는 오차가 남습니다",
            f"the empty oven was at 220 °C, but once parts came {when_en} it stayed at {self.true[k]:.1f} °C "
            f"({abs(gap):.1f} °C off with {parts} parts inside): with more load, proportional control alone leaves an "
            f"offset",
            "적분(I) 동작을 더해 부하만큼 히터를 스스로 올리게 하세요",
            "add integral action so that the heater rises by itself as far as the load needs",
            self.t[k],
            "oven.temperature",
        )

    def _not_recovered(self, k: int) -> None:
        t = self.t[k]
        last = max((c for c in self.changes if c <= t), default=None)
        since_ko = f"공급이 바뀐 {last:.1f}초부터 {t - last:.0f}초가 지난 " if last is not None else ""
        since_en = f", {t - last:.0f} s after the feed changed at {last:.1f} s" if last is not None else ""
        self.fail(
            "not_recovered",
            f"{since_ko}{t:.1f}초에 오븐이 {self.true[k]:.1f} °C로 220 ± 3 °C 안에 있지 않았습니다",
            f"at {t:.1f} s{since_en} the oven was at {self.true[k]:.1f} °C, not within 220 ± 3 °C",
            "SIMC 튜닝(Kc, Ti)을 다시 계산하고 적분이 0~100 %에서 멈추지 않게 하세요",
            "work out the SIMC tuning (Kc, Ti) again and keep the integral working between 0 and 100 %",
            t,
            "oven.temperature",
        )

    def _soft_parts(self) -> None:
        t, defect, value = self.bad_parts[0]
        when_ko, when_en = at(t)
        kind_ko = "물렀습니다(soft)" if defect == "soft" else "과열되었습니다(overheated)"
        kind_en = "soft" if defect == "soft" else "overheated"
        self.fail(
            "soft_parts",
            f"{when_ko} 오븐에서 나온 부품의 경도가 {value:.1f} HRC로 {kind_ko} (기준 {HARDNESS_MIN:.0f} HRC 이상)",
            f"the part that left the oven {when_en} had {value:.1f} HRC: it is {kind_en} (at least "
            f"{HARDNESS_MIN:.0f} HRC)",
            "부품이 오븐에 있는 동안 220 °C를 지키세요: 온도가 낮으면 덜 경화됩니다",
            "hold 220 °C while parts are inside: a colder oven hardens them less",
            t,
            "oven.temperature",
        )

    def trace(self) -> Trace | None:
        if not self.t:
            return None
        marks = [f.t for f in self.findings if f.t is not None] + list(self.changes)
        return Trace(
            self.t,
            {"oven.temperature": self.measured, "oven.parts_inside": self.inside},
            {"oven.heater": self.heater},
            {},
            marks,
        )


@register
class OvenLoad(_Positioned):
    """Hold 220 °C while cold parts come in (a load): within ±3 °C after the recovery, never above 240 °C."""

    name = "oven_load"
    title = (
        "부하 외란: 부품이 들어와도 220 ± 3 °C, 240 °C 넘지 않기",
        "load disturbance: 220 ± 3 °C with parts coming in, never above 240 °C",
    )

    def make_episode(self, rng: random.Random, base: Scenario, position: int | None) -> Episode:
        return load_episode(rng, base, position)

    def prepare(self, plant: Plant, episode: Episode) -> None:
        running = feeding(episode.script)
        interval = episode.script["interval"]
        oven, feeder, belt1, belt2 = plant.oven, plant.feeder, plant.conveyor1, plant.conveyor2

        def line_plc(now: float) -> None:
            """The line's other PLC: belts on, the feeder at the hidden time and rate, the dwell gate."""
            belt1.run = belt2.run = True
            feeder.interval = interval
            feeder.run = running(now)
            oven.gate = oven.front_dwell >= DWELL

        world(plant, line_plc)

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return LoadJudge(plant, episode, run)


__all__ = ["Bumpless", "OvenLoad", "bumpless_episode", "load_episode"]
