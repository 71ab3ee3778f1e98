"""``oven_pid``: PI control of the heat-treatment oven to 200 °C (labs-plan exercise 6-5).

The student tunes a PI controller (SIMC/IMC from the FOPDT fit of 6-3) that
writes ``oven.heater`` (0-100 %) from ``oven.temperature`` (°C) every scan
(0.5 s). Expected, on every hidden run:

* **overshoot** ≤ 5 °C: after the oven first reaches 200 °C it never goes above
  205 °C;
* **settled**: from 900 s on the oven stays within 200 ± 2 °C, except during the
  **recovery window** of 400 s after a load disturbance;
* **no sustained oscillation**: from 900 s on the temperature does not swing to
  both sides of 200 °C by more than 1 °C again and again;
* **the heater follows the temperature** (judged only when a run fails): the
  heater must answer the measured temperature, scan by scan.

Each hidden run has its own oven: gain K = 2.5 °C/% ± 20 % and time constant
τ = 180 s ± 20 % (dead time 20 s), set through the scenario's ``oven`` settings.
By position in the list of hidden seeds:

1. hot start (214-232 °C: the oven is still hot from the last shift), no
   disturbance; the heater must stay off until the oven has cooled to 200 °C
   (this run tells a sign error from a wrong tag);
2. cold start (22-40 °C) and a load disturbance;
3. warm start (60-120 °C) and a load disturbance;
4. cold start, no disturbance;
5. cold start and a load disturbance;
6. warm start (100-150 °C) and a load disturbance.

The load disturbance is a ``heater_degradation`` fault at a time drawn from
950-1150 s (after the oven settled): within 5-15 s the heater loses 7-12 % of
its power and stays so (the heater needs at most 92 % to hold 200 °C). A closed
loop raises the heater; a fixed heater value or a timetable cannot. A run with a
disturbance lasts until 600 s after it; one without lasts 1200 s.

When a run fails, the first matching explanation is given: the heater works
backwards (``wrong_direction``), stays off although the oven is cold
(``heater_off_cold``: a sign error with a clamp, or ``oven.temperature_raw``
counts taken for °C), does not follow the temperature at all (``open_loop``:
a fixed heater, a timetable, replayed outputs), switches only between 0 and
100 % (``on_off``), winds up (``windup``: the heater still at 90 % or more when
the oven reaches 200 °C),
oscillates (``oscillation``), overshoots (``overshoot``), stays off the setpoint
(``offset``, or ``wall_clock_dt`` when the integral's dt comes from the
computer's clock), settles too late (``too_slow``), or does not recover from
the disturbance (``no_recovery``).

How "the heater follows the temperature" is judged (see :func:`noise_answers`):
the thermocouple's noise makes every reading wiggle a little, differently in
every hidden run. A controller that reads ``oven.temperature`` moves the heater
against those wiggles (down when the reading jumped up) far more often than
chance; outputs that ignore this run's readings (a fixed value, a timetable,
another run's outputs replayed) agree with them only by chance. An on/off
heater follows the temperature if it switches at steady temperatures, like a
thermostat (see :func:`switch_levels`). Only a run that fails is examined, so
an unusual but working controller is never blamed.

The wall clock: a run that settles flat below 200 °C (like P-only) is told
``wall_clock_dt`` instead of ``offset`` when the answer's code reads the
computer's clock (``time.time()`` and the like, see :func:`reads_wall_clock`):
in a check the oven runs far faster than real time, so such an integral
hardly grows.
"""

from __future__ import annotations

import dis
import random
import types
from typing import Any

from ...plant import Plant, Scenario
from ...plant.scenario import FaultSettings, ScheduledFault
from .base import register
from .behaviour import BehaviourCheck, Episode, Judge, run_behaviour, runs
from .result import CheckResult, Finding, Trace, at
from .seeds import formative_seeds

SETPOINT = 200.0  # °C
OVERSHOOT = 5.0  # °C allowed above the setpoint
BAND = 2.0  # °C: settled means within ±2 °C
SETTLE_BY = 900.0  # s
RECOVERY = 400.0  # s after the disturbance starts during which the band is not judged
SWING = 1.0  # °C: a sustained oscillation swings beyond ±1 °C to both sides
SWINGS = 4  # ... this many times (changes of side) from 900 s on
COLD = 20.0  # °C below the setpoint: "the oven is cold"
OFF_FOR = 120.0  # s the heater stays below OFF_LEVEL while the oven is cold
OFF_LEVEL = 5.0  # %
WINDUP_LEVEL = 90.0  # % of heater still on when the oven reaches the setpoint: wound up
WINDUP_FOR = 15.0  # s at 100 % while above the setpoint before the peak: wound up
SCAN = 0.5  # s
FLAT_OVER = 300.0  # s: an offset is a temperature that moved less than 1 °C over this long

#: the plot's strip of the error, cut at ±10 °C
ERROR_STRIP = "200 - oven.temperature (±10)"

#: the hidden runs' shapes, by position in the seed list: (start, disturbance)
PLAN = (("hot", False), ("cold", True), ("warm", True), ("cold", False), ("cold", True), ("hot_warm", True))
STARTS = {"hot": (214.0, 232.0), "cold": (22.0, 40.0), "warm": (60.0, 120.0), "hot_warm": (100.0, 150.0)}


def episode_for(rng: random.Random, base: Scenario, position: int | None) -> Episode:
    """The hidden run at ``position`` in the seed list (None: a shape drawn from ``rng``)."""
    shape = PLAN[position % len(PLAN)] if position is not None else PLAN[rng.randrange(len(PLAN))]
    start_kind, disturbed = shape
    low, high = STARTS[start_kind]
    start = round(rng.uniform(low, high), 1)
    # the disturbance needs headroom: a weak oven would need more than 92 % after it
    gain = round(2.5 * rng.uniform(0.88 if disturbed else 0.8, 1.2), 3)
    tau = round(180.0 * rng.uniform(0.8, 1.2), 1)
    oven = base.oven.model_copy(update={"temperature": start, "heater": 0.0, "gain": gain, "time_constant": tau})
    script: dict[str, Any] = {"start": start, "gain": gain, "time_constant": tau, "disturbance": None}
    update: dict[str, Any] = {"oven": oven, "actions": []}
    seconds = 1200.0
    if disturbed:
        at_ = round(rng.uniform(950.0, 1150.0), 1)
        need = (SETPOINT - 25.0) / gain  # % of heater to hold 200 °C
        most = 1.0 - need / 92.0  # the largest loss that leaves the heater 92 % or less
        loss = round(min(rng.uniform(0.07, 0.12), most), 3)
        ramp = rng.uniform(5.0, 15.0)
        fault = ScheduledFault(
            at=at_, kind="heater_degradation", target="oven", rate=round(loss / ramp * 3600.0, 1), floor=1.0 - loss
        )
        update["faults"] = FaultSettings(schedule=[fault])
        script["disturbance"] = {"at": at_, "loss": loss, "ramp": round(ramp, 1)}
        seconds = at_ + RECOVERY + 200.0
    return Episode(base.model_copy(update=update), round(seconds, 1), script)


# --- how a run is judged -------------------------------------------------------------------------------------


def _z(agree: int, counted: int) -> float:
    """How far ``agree`` of ``counted`` coin flips is from half, in standard deviations."""
    return (2.0 * agree - counted) / counted**0.5 if counted else 0.0


def noise_answers(measured: list[float], heater: list[float]) -> dict[str, float]:
    """How strongly the heater answered this run's temperature readings (z-scores; > 0 the right way).

    The *wiggle* of a signal at a scan is its value minus the mean of the
    scans before and after: a slow trend cancels out, the sensor's noise
    stays. A controller that reads the temperature moves the heater against
    the reading's wiggle (down when the reading jumped up), in most scans
    for P action, in fewer for a filtered or slower-sampled one. Outputs that
    ignore this run's readings (a fixed value, a timetable, another run's
    outputs) agree with them only by chance, half the time, so their z-score
    stays near 0 (within ±3). Three counts, each a z-score of "against":

    * ``wiggle``: heater wiggle vs reading wiggle, in every scan;
    * ``change``: each heater change vs the reading's wiggle at that scan;
    * ``since``: each heater change vs the reading's change since the
      previous heater change (trends count too: used for the direction only).
    """
    n = len(heater)
    counts = {"wiggle": [0, 0], "change": [0, 0], "since": [0, 0]}
    last = 0
    for k in range(1, n):
        du = heater[k] - heater[k - 1]
        changed = not -0.04 < du < 0.04
        if changed:
            moved = measured[k] - measured[last]
            last = k
            if not -0.04 < moved < 0.04:
                counts["since"][0] += du * moved < 0
                counts["since"][1] += 1
        if k == n - 1:
            break
        wiggle = measured[k] - 0.5 * (measured[k - 1] + measured[k + 1])
        if -0.04 < wiggle < 0.04:
            continue
        if changed:
            counts["change"][0] += du * wiggle < 0
            counts["change"][1] += 1
        heater_wiggle = heater[k] - 0.5 * (heater[k - 1] + heater[k + 1])
        if not -0.04 < heater_wiggle < 0.04:
            counts["wiggle"][0] += heater_wiggle * wiggle < 0
            counts["wiggle"][1] += 1
    return {name: _z(agree, counted) for name, (agree, counted) in counts.items()}


def switch_levels(measured: list[float], heater: list[float]) -> bool | None:
    """For an on/off heater: True if it switches at steady temperatures (a thermostat), None if not on/off.

    A thermostat switches on below and off above the same temperatures every
    time; a timetable switches at whatever temperature the oven has then.
    """
    extreme = sum(1 for u in heater if u <= 1.0 or u >= 99.0)
    ups = [measured[k] for k in range(1, len(heater)) if heater[k - 1] < 50.0 <= heater[k]]
    downs = [measured[k] for k in range(1, len(heater)) if heater[k] < 50.0 <= heater[k - 1]]
    if extreme < 0.95 * len(heater) or len(ups) + len(downs) < 4:
        return None
    if len(ups) < 2 or len(downs) < 2:
        return False

    def quartiles(values: list[float]) -> tuple[float, float, float]:
        ordered = sorted(values)
        m = len(ordered) - 1
        return ordered[m // 4], ordered[m // 2], ordered[(3 * m + 3) // 4]

    up_low, up_mid, up_high = quartiles(ups)
    down_low, down_mid, down_high = quartiles(downs)
    return up_mid <= down_mid + 0.5 and up_high - up_low <= 4.0 and down_high - down_low <= 4.0


#: z-score from which the heater counts as answering the temperature (chance stays within ±3)
FOLLOWS_Z = 5.0
#: z-score (negative) from which the heater counts as answering it the wrong way round
BACKWARDS_Z = -3.5


class OvenJudge(Judge):
    """Watches one run of the oven at 200 °C and, when it fails, says why.

    A check built on this judge (``anti_windup`` in lab 6-2) changes only what
    differs: :meth:`judged` (which scans must be within the band),
    :meth:`_wound_up` and :meth:`_windup` (its own signature of windup),
    :meth:`_windup_first`, :meth:`_not_settled` and the words in :attr:`SAYS`.
    """

    wants_steps = False
    #: words a check built on this judge says instead of the oven's own, by "finding.part" (part: why, next)
    SAYS: dict[str, tuple[str, str]] = {}

    def __init__(self, plant: Plant, episode: Episode, run: int, wall_clock: bool = False) -> None:
        super().__init__(plant, episode, run)
        self.oven = plant.oven
        self.wall_clock = wall_clock
        self.t: list[float] = []
        self.measured: list[float] = []
        self.true: list[float] = []
        self.heater: list[float] = []
        disturbance = episode.script.get("disturbance")
        self.disturbed_at = disturbance["at"] if disturbance else None
        self.loss = disturbance["loss"] if disturbance else 0.0
        #: times marked on the plot besides the findings
        self.events: list[float] = [] if self.disturbed_at is None else [self.disturbed_at]

    def after_scan(self, t: float) -> None:
        oven = self.oven
        self.t.append(t)
        self.measured.append(oven.temperature)
        self.true.append(oven.true_temperature)
        self.heater.append(oven.heater)

    # --- the verdict -----------------------------------------------------------------------------
    def judged(self, k: int) -> bool:
        """True if scan ``k`` must be within the band (from 900 s on, outside the recovery window)."""
        t = self.t[k]
        if t < SETTLE_BY:
            return False
        d = self.disturbed_at
        return d is None or not (d <= t < d + RECOVERY)

    def first_reach(self) -> int | None:
        """The first scan at which the oven reached the setpoint (from below or from above)."""
        true = self.true
        above = true[0] > SETPOINT
        for k, temperature in enumerate(true):
            if (temperature <= SETPOINT) if above else (temperature >= SETPOINT):
                return k
        return None

    def finish(self) -> list[Finding]:
        true = self.true
        reach = self.first_reach()
        over = None  # first scan above the overshoot limit after reaching the setpoint
        if reach is not None:
            over = next((k for k in range(reach, len(true)) if true[k] > SETPOINT + OVERSHOOT), None)
        judged = [k for k in range(len(true)) if self.judged(k)]
        outside = next((k for k in judged if abs(true[k] - SETPOINT) > BAND), None)
        swings = self._swings(judged)
        if over is None and outside is None and len(swings) < SWINGS:
            return self.findings
        self._explain(reach, over, outside, judged, swings)
        return self.findings

    def _swings(self, judged: list[int]) -> list[int]:
        """Judged scans (here from 900 s on) at which the temperature moved to the other side of 200 ± 1 °C."""
        side = 0
        found = []
        for k in judged:
            temperature = self.true[k]
            now = 1 if temperature > SETPOINT + SWING else -1 if temperature < SETPOINT - SWING else 0
            if now and now != side:
                if side:
                    found.append(k)
                side = now
        return found

    def _explain(
        self, reach: int | None, over: int | None, outside: int | None, judged: list[int], swings: list[int]
    ) -> None:
        first_bad = min(k for k in (over, outside, swings[0] if swings else None) if k is not None)
        z = noise_answers(self.measured, self.heater)
        thermostat = switch_levels(self.measured, self.heater)
        follows = thermostat if thermostat is not None else max(z["wiggle"], z["change"]) >= FOLLOWS_Z
        hot_and_on = self._heated_while_hot()
        backwards = min(z["wiggle"], z["change"]) <= BACKWARDS_Z or z["since"] <= BACKWARDS_Z - 0.5
        if hot_and_on is not None and backwards and not follows:
            self._wrong_direction(hot_and_on)
            return
        cold = self._cold_and_off()
        if cold is not None:
            self._heater_off_cold(cold)
            return
        wound = self._wound_up(reach, over) if over is not None else None
        if wound is not None and over is not None and self._windup_first(thermostat):
            self._windup(over, wound)
            return
        if not follows:
            self._open_loop(first_bad)
            return
        if thermostat:
            self._on_off(first_bad)
            return
        if wound is not None and over is not None:
            self._windup(over, wound)
            return
        if len(swings) >= SWINGS:
            self._oscillation(swings)
            return
        if over is not None:
            self._overshoot(over)
            return
        assert outside is not None
        self._off_setpoint(outside, judged)

    # --- signatures ----------------------------------------------------------------------------------
    def _cold_and_off(self) -> int | None:
        """The first scan at which the oven was cold and the heater had been off for OFF_FOR s."""
        true, heater = self.true, self.heater
        span = round(OFF_FOR / SCAN)
        off_since = None
        for k in range(len(true)):
            if heater[k] > OFF_LEVEL:
                off_since = None
                continue
            if off_since is None:
                off_since = k
            if k - off_since >= span and true[k] < SETPOINT - COLD:
                return k
        return None

    def _heated_while_hot(self) -> int | None:
        """The first scan in which the heater went up to 10 % or more while the oven read above 205 °C."""
        measured, heater = self.measured, self.heater
        for k in range(len(heater)):
            if measured[k] > SETPOINT + OVERSHOOT and heater[k] >= 10.0 and heater[k] > (heater[k - 1] if k else 0.0):
                return k
        return None

    def _wound_up(self, reach: int | None, over: int) -> tuple[int, ...] | None:
        """The scans that show the windup behind the overshoot at ``over`` (here: ``(reach,)``), or None.

        Wound up: the heater was still at 90 % or more when the oven reached
        the setpoint (a PI with anti-windup is down near what holding 200 °C
        needs by then), or it stayed at 100 % for 15 s above the setpoint.
        """
        if reach is None or self.true[0] > SETPOINT:
            return None
        if self.heater[reach] >= WINDUP_LEVEL or self._stuck_above(reach, over) >= WINDUP_FOR:
            return (reach,)
        return None

    def _stuck_above(self, start: int, over: int) -> float:
        """The longest time (s) the heater stayed at 100 % while the oven was above 200 °C, from ``start`` to the peak after ``over``."""
        true, heater = self.true, self.heater
        peak = max(range(over, len(true)), key=true.__getitem__)
        longest = max(
            (b - a for a, b in runs(heater[k] >= 99.0 and true[k] > SETPOINT for k in range(start, peak + 1))),
            default=0,
        )
        return longest * SCAN

    def _windup_first(self, thermostat: bool | None) -> bool:
        """True if a windup is told before asking whether the heater follows the temperature at all."""
        return False

    # --- findings ----------------------------------------------------------------------------------------
    def _wrong_direction(self, k: int) -> None:
        t, measured, heater = self.t, self.measured, self.heater
        when_ko, when_en = at(t[k])
        self.fail(
            "wrong_direction",
            f"{when_ko} 오븐이 {measured[k]:.1f} °C였는데 히터(oven.heater)를 {heater[k]:.0f} %로 올렸습니다: "
            f"오븐이 뜨거워질수록 히터를 세게 하니 부호가 반대입니다",
            f"{when_en} the oven read {measured[k]:.1f} °C and the heater (oven.heater) went up to {heater[k]:.0f} %: "
            f"it heats more as the oven gets hotter, so the sign is backwards",
            "오차 = 200 - oven.temperature(목표 빼기 측정값)로 계산해서, 오븐이 차가울 때 히터가 올라가게 하세요",
            "use error = 200 - oven.temperature (setpoint minus measurement), so the heater goes up when the oven "
            "is too cold",
            t[k],
            "oven.heater",
        )

    def _heater_off_cold(self, k: int) -> None:
        temperature = self.true[k]
        when_ko, when_en = at(self.t[k])
        self.fail(
            "heater_off_cold",
            f"{when_ko} 오븐이 {temperature:.0f} °C로 목표보다 {SETPOINT - temperature:.0f} °C 낮았는데 "
            f"히터(oven.heater)는 {OFF_FOR / 60:.0f}분 동안 꺼져 있었습니다",
            f"{when_en} the oven was at {temperature:.0f} °C, {SETPOINT - temperature:.0f} °C below 200 °C, but the "
            f"heater (oven.heater) had been off for {OFF_FOR / 60:.0f} minutes",
            "온도는 °C 단위인 oven.temperature로 읽고(oven.temperature_raw는 °C의 10배인 원시값), "
            "200 °C보다 낮으면 히터를 올리세요",
            "read the temperature in °C from oven.temperature (oven.temperature_raw counts 10 per °C) and turn the "
            "heater up while it is below 200 °C",
            self.t[k],
            "oven.heater",
        )

    def _open_loop(self, k: int) -> None:
        temperature = self.true[k]
        when_ko, when_en = at(self.t[k])
        self.fail(
            "open_loop",
            f"{when_ko} 오븐이 200 °C가 아니라 {temperature:.1f} °C였는데 히터(oven.heater)가 온도에 반응하지 않았습니다: "
            f"출력이 입력(oven.temperature)을 따르지 않고 시간표나 고정값대로 움직입니다",
            f"{when_en} the oven was at {temperature:.1f} °C instead of 200 °C and the heater (oven.heater) did not "
            f"answer it: your outputs do not follow the inputs (oven.temperature), they follow a timetable or a "
            f"fixed value",
            *self._says(
                "open_loop.next",
                "시간이 아니라 매 스캔 오차(200 - oven.temperature)로 oven.heater를 계산하세요",
                "compute oven.heater in every scan from the error 200 - oven.temperature, not from the time",
            ),
            self.t[k],
            "oven.heater",
        )

    def _on_off(self, k: int) -> None:
        temperature = self.true[k]
        when_ko, when_en = at(self.t[k])
        self.fail(
            "on_off",
            f"{when_ko} 오븐이 {temperature:.1f} °C였습니다(목표 200 °C): 히터(oven.heater)를 0 %와 100 %로만 "
            f"켜고 끄면 20초 불감시간 때문에 온도가 출렁입니다",
            f"{when_en} the oven was at {temperature:.1f} °C (setpoint 200 °C): switching the heater (oven.heater) "
            f"only between 0 % and 100 % makes the temperature swing because of the 20 s dead time",
            *self._says(
                "on_off.next",
                "PI 제어를 쓰세요: 히터 = Kc × 오차 + 적분, 0~100 %로 제한",
                "use PI control: heater = Kc × error + integral, limited to 0-100 %",
            ),
            self.t[k],
            "oven.heater",
        )

    def _windup(self, over: int, wound: tuple[int, ...]) -> None:
        (reach,) = wound
        peak = max(self.true[over:])
        when_ko, when_en = at(self.t[reach])
        level = self.heater[reach]
        self.fail(
            "windup",
            f"{when_ko} 오븐이 200 °C에 닿았을 때 히터(oven.heater)가 아직 {level:.0f} %여서 {peak:.1f} °C까지 "
            f"올라갔습니다: 히터가 100 %에 붙어 있는 동안 적분이 계속 쌓였습니다(와인드업)",
            f"when the oven reached 200 °C {when_en} the heater (oven.heater) was still at {level:.0f} %, so the oven "
            f"went up to {peak:.1f} °C: the integral kept growing while the heater was stuck at 100 % (windup)",
            "히터가 0 %나 100 %에 붙어 있는 동안에는 적분을 더하지 마세요(안티와인드업)",
            "stop adding to the integral while the heater is at 0 % or 100 % (anti-windup)",
            self.t[reach],
            "oven.heater",
        )

    def _oscillation(self, swings: list[int]) -> None:
        k = swings[0]
        window = [self.true[j] for j in range(k, len(self.true)) if self.judged(j)]
        low, high = min(window), max(window)
        self.fail(
            "oscillation",
            f"{self.t[k]:.1f}초부터 오븐 온도가 {low:.1f} °C와 {high:.1f} °C 사이를 오르내리며 자리 잡지 못합니다: 제어가 진동합니다",
            f"from {self.t[k]:.1f} s on the oven swings between {low:.1f} and {high:.1f} °C and does not settle: "
            f"the loop oscillates",
            "Kc를 줄이고 Ti를 길게 하세요(이 오븐의 SIMC 값: Kc 약 1.8 %/°C, Ti 약 160초)",
            "lower Kc and make Ti longer (SIMC for this oven: Kc about 1.8 %/°C, Ti about 160 s)",
            self.t[k],
            "oven.temperature",
        )

    def _overshoot(self, k: int) -> None:
        peak = max(self.true[k:])
        when_ko, when_en = at(self.t[k])
        why_ko, why_en = self._says(
            "overshoot.why",
            f"오버슈트가 {peak - SETPOINT:.1f} °C로 허용치 5 °C보다 큽니다",
            f"an overshoot of {peak - SETPOINT:.1f} °C, more than the 5 °C allowed",
        )
        self.fail(
            "overshoot",
            f"{when_ko} 오븐이 205 °C를 넘어 {peak:.1f} °C까지 올라갔습니다: {why_ko}",
            f"the oven went above 205 °C {when_en} and peaked at {peak:.1f} °C: {why_en}",
            *self._says(
                "overshoot.next",
                "Kc를 줄이거나 Ti를 길게 하세요(20초 불감시간 때문에 히터의 효과가 늦게 나타납니다)",
                "lower Kc or make Ti longer (the 20 s dead time delays what the heater does)",
            ),
            self.t[k],
            "oven.temperature",
        )

    def _off_setpoint(self, k: int, judged: list[int]) -> None:
        """The oven outside the band at judged scan ``k``: no recovery, the wall clock, an offset, or not settled."""
        t, true = self.t, self.true
        d = self.disturbed_at
        if d is not None and t[k] >= d + RECOVERY:
            self._no_recovery(k)
            return
        # the last 5 minutes before any disturbance: flat and off means a steady-state error, moving means slow
        end = next((j for j in range(len(t)) if d is not None and t[j] >= d), len(t))
        look = round(FLAT_OVER / SCAN)
        average = round(60.0 / SCAN)
        first = true[max(0, end - look) : max(1, end - look + average)]
        last = true[max(0, end - average) : end]
        start_mean, end_mean = sum(first) / len(first), sum(last) / len(last)
        temperature = true[k]
        gap = abs(temperature - SETPOINT)
        when_ko, when_en = at(t[k])
        flat = abs(end_mean - start_mean) < 1.0 and abs(end_mean - SETPOINT) > BAND
        if flat and self.wall_clock and end_mean < SETPOINT:
            self.fail(
                "wall_clock_dt",
                f"{when_ko} 오븐이 {temperature:.1f} °C에 머물러 200 °C보다 {gap:.1f} °C 낮았습니다: 적분의 dt를 "
                f"컴퓨터 시계(time.time() 같은 것)로 구해서, 실제보다 훨씬 빨리 도는 검사에서는 적분이 거의 쌓이지 않습니다",
                f"{when_en} the oven stayed at {temperature:.1f} °C, {gap:.1f} °C below 200 °C: your integral hardly "
                f"grows because its dt comes from the computer's clock (time.time() or the like), and the check runs the oven "
                f"much faster than real time",
                "dt는 시뮬레이션 시간 t로 구하세요: dt = t - 지난 스캔의 t",
                "take dt from the simulated time t: dt = t - the t of the last scan",
                t[k],
                "oven.temperature",
            )
        elif flat:
            side_ko, side_en = ("낮은", "below") if end_mean < SETPOINT else ("높은", "above")
            self.fail(
                "offset",
                f"{when_ko} 오븐이 200 °C보다 {gap:.1f} °C {side_ko} {temperature:.1f} °C에 머물고 더 다가가지 "
                f"않습니다: 정상상태 오차입니다",
                f"{when_en} the oven stayed at {temperature:.1f} °C, {gap:.1f} °C {side_en} 200 °C, and came no "
                f"closer: a steady-state error",
                "적분(I) 동작을 더하세요: 적분 += Kc × 오차 × dt / Ti",
                "add integral action: integral += Kc × error × dt / Ti",
                t[k],
                "oven.temperature",
            )
        else:
            self._not_settled(k)

    def _not_settled(self, k: int) -> None:
        """The oven off the setpoint at judged scan ``k`` and still on the move: here, it settles too late."""
        t = self.t
        temperature = self.true[k]
        gap = abs(temperature - SETPOINT)
        when_ko, when_en = at(t[k])
        self.fail(
            "too_slow",
            f"{when_ko} 오븐이 {temperature:.1f} °C로 아직 200 °C에서 {gap:.1f} °C 떨어져 있습니다: "
            f"900초부터는 ±2 °C 안에 있어야 합니다",
            f"{when_en} the oven was at {temperature:.1f} °C, still {gap:.1f} °C from 200 °C: from 900 s on it "
            f"must stay within ±2 °C",
            "제어를 더 빠르게 하세요: SIMC로 Kc를 키우거나 Ti를 줄이세요(Kc 약 1.8 %/°C, Ti 약 160초)",
            "make the control faster: a larger Kc or a shorter Ti from SIMC (Kc about 1.8 %/°C, Ti about 160 s)",
            t[k],
            "oven.temperature",
        )

    def _no_recovery(self, k: int) -> None:
        d = self.disturbed_at
        assert d is not None
        temperature = self.true[k]
        then_ko, then_en = at(d)
        self.fail(
            "no_recovery",
            f"{then_ko} 히터 열화로 히터가 내는 열이 {self.loss * 100:.0f} % 줄었는데, {self.t[k]:.1f}초에도 오븐이 "
            f"{temperature:.1f} °C로 200 ± 2 °C 안으로 돌아오지 못했습니다",
            f"the heater lost {self.loss * 100:.0f} % of its power {then_en} (heater degradation) and at "
            f"{self.t[k]:.1f} s the oven was still at {temperature:.1f} °C, not back within 200 ± 2 °C",
            "적분이 계속 일해서 히터가 100 %까지 올라갈 수 있게 하세요: 적분이나 출력을 100 %보다 낮게 묶지 마세요",
            "let the integral keep working so the heater can go up to 100 %: do not cap the integral or the output "
            "lower",
            self.t[k],
            "oven.heater",
        )

    def _says(self, key: str, ko: str, en: str) -> tuple[str, str]:
        """The words (ko, en) for ``key`` ("finding.part"): this check's own from :attr:`SAYS`, else the oven's."""
        return self.SAYS.get(key, (ko, en))

    # --- the plot -------------------------------------------------------------------------------------------
    def trace(self) -> Trace | None:
        """The reading, the error (cut at ±10 °C, so that a few °C show) and the heater; marks: findings, events."""
        if not self.t:
            return None
        marks = [f.t for f in self.findings if f.t is not None] + self.events
        return Trace(
            self.t,
            {
                "oven.temperature": self.measured,
                ERROR_STRIP: [round(max(-10.0, min(10.0, SETPOINT - value)), 1) for value in self.measured],
            },
            {"oven.heater": self.heater},
            {},
            marks,
        )


# --- the wall clock --------------------------------------------------------------------------------------------

#: attributes of the ``time`` module and of ``datetime.datetime`` that read the computer's clock
_CLOCKS = frozenset(
    {"time", "perf_counter", "monotonic", "time_ns", "perf_counter_ns", "monotonic_ns", "now", "utcnow"}
)


def reads_wall_clock(answer: Any) -> bool:
    """True if the answer's code, or code it calls by name, reads the computer's clock (``time.time()``...).

    Followed: the function (a controller or a factory) with the code nested in
    it and the values in its closure, an object's methods, and the functions,
    classes and objects its code names, a few levels deep. A name that cannot
    be looked up counts by its spelling (``time.time()`` inside a factory that
    imports ``time`` itself).
    """
    import datetime
    import time

    clock_functions = [getattr(time, name) for name in _CLOCKS if hasattr(time, name)]
    seen: set[int] = set()
    missing = object()
    aliases = {"time", "datetime"}  # names the code gives the modules (import time as clock)

    def codes(value: Any) -> list[tuple[types.CodeType, dict]]:
        """(code, names it can see) of a function, or of the methods of an object or class."""
        if isinstance(value, types.MethodType):
            value = value.__func__
        if isinstance(value, types.FunctionType):
            names = dict(value.__globals__)
            for name, cell in zip(value.__code__.co_freevars, value.__closure__ or (), strict=False):
                try:
                    names[name] = cell.cell_contents
                except ValueError:  # an empty cell
                    pass
            return [(value.__code__, names)]
        if isinstance(value, (types.ModuleType, types.BuiltinFunctionType, int, float, str, bool, type(None))):
            return []
        cls = value if isinstance(value, type) else type(value)
        if cls.__module__ == "builtins" or cls.__module__.startswith("factorylab"):
            return []
        found = []
        for member in vars(cls).values():
            if isinstance(member, (staticmethod, classmethod)):
                member = member.__func__
            if isinstance(member, types.FunctionType):
                found.extend(codes(member))
        return found

    def reads(code: types.CodeType, names: dict, depth: int) -> bool:
        if id(code) in seen or depth > 4:
            return False
        seen.add(id(code))
        instructions = list(dis.get_instructions(code))
        imported = None
        for index, instruction in enumerate(instructions):
            if instruction.opname == "IMPORT_NAME":
                imported = instruction.argval
                after = instructions[index + 1] if index + 1 < len(instructions) else None
                if imported in ("time", "datetime") and after is not None and after.opname.startswith("STORE_"):
                    aliases.add(after.argval)
            elif instruction.opname == "IMPORT_FROM" and imported in ("time", "datetime"):
                if instruction.argval in _CLOCKS or instruction.argval == "datetime":
                    return True
            if not instruction.opname.startswith(("LOAD_GLOBAL", "LOAD_NAME", "LOAD_DEREF", "LOAD_FAST")):
                continue
            name = instruction.argval
            value = names.get(name, missing)
            after = instructions[index + 1] if index + 1 < len(instructions) else None
            attribute = after.argval if after is not None and after.opname in ("LOAD_ATTR", "LOAD_METHOD") else None
            if value is missing:
                if name in aliases and attribute in _CLOCKS:
                    return True
            elif value is time or value is datetime.datetime:
                if attribute in _CLOCKS:
                    return True
            elif value is datetime:
                if _CLOCKS & set(code.co_names) - {"time"}:
                    return True
            elif any(value is clock for clock in clock_functions):
                return True
            elif depth < 4:
                for inner, inner_names in codes(value):
                    if reads(inner, inner_names, depth + 1):
                        return True
        return any(isinstance(c, types.CodeType) and reads(c, names, depth) for c in code.co_consts)

    try:
        return any(reads(code, names, 0) for code, names in codes(answer))
    except Exception:  # a guess that helps the message; it must never break a check
        return False


@register
class OvenPID(BehaviourCheck):
    """Bring the oven to 200 °C with a PI controller: overshoot ≤ 5 °C, within ±2 °C from 900 s on."""

    name = "oven_pid"
    title = (
        "PI 제어로 오븐을 200 °C로 (오버슈트 5 °C 이하, 900초부터 ±2 °C)",
        "oven to 200 °C with PI control (overshoot at most 5 °C, within ±2 °C from 900 s)",
    )
    scenario = "oven"
    count = 6
    scan = SCAN

    def __init__(self) -> None:
        self._positions: dict[int, int] = {}
        self._wall_clock = False

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        return episode_for(rng, base, None)

    def position(self, seed: int) -> int | None:
        """Where ``seed`` is in the list being judged (or in the formative seeds)."""
        if seed in self._positions:
            return self._positions[seed]
        formative = formative_seeds(self.name, self.count)
        return formative.index(seed) if seed in formative else None

    def plant_for(self, seed: int) -> tuple[Plant, Episode]:
        from ...plant import load_scenario

        rng = random.Random(f"{self.name}|{seed}")
        episode = episode_for(rng, load_scenario(self.scenario), self.position(seed))
        return Plant(episode.scenario, seed=seed), episode

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return OvenJudge(plant, episode, run, self._wall_clock)

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        self._positions = {seed: index for index, seed in enumerate(seeds)}
        self._wall_clock = reads_wall_clock(answer)
        try:
            return run_behaviour(self, answer, seeds)
        finally:
            self._positions = {}
            self._wall_clock = False
