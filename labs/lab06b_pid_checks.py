"""Checks of lab 6-2 (``pi_control``): ``p_offset`` (exercise 6-4) and ``anti_windup`` (6-6).

Exercise 6-5 (PI tuned by SIMC to 200 °C) uses the shipped ``oven_pid`` check as it is.

**p_offset** (6-4, a value check): ``p_offset(K, Kc, SP)`` predicts the
steady-state error (°C, setpoint minus final temperature) of the oven under
P-only control ``heater = Kc × (SP - oven.temperature)`` with no bias. In the
steady state the oven's heat balance ``T - T_amb = K × heater`` and the
controller give ``offset = (SP - T_amb) / (1 + Kc × K)`` (T_amb = 25 °C, the
plant's own ambient), as long as the heater stays below 100 %. Hidden cases:
per seed four (K, Kc, SP) sets, K 2.0-3.0 °C/%, Kc 0.3-3.0 %/°C, SP
120-220 °C, all with the heater unsaturated; and, with ``variant=line.variant``
(and ``kc=``, ``setpoint=``), the student's own oven, K from the plant variant.
Named wrong formulas: the offset is 0 ("P removes the error"), the ambient
forgotten (SP / (1 + Kc K)), 1 / (Kc K) without the "1 +", K taken in °C (the
rise at 100 %, K × 100) instead of °C per %, K left out, the final temperature
instead of the offset, the sign upside down (final temperature minus SP),
SP - 25 without brackets (``no_brackets``), and one number for K whatever K the
function is given (``gain_written_in``: the documented 2.5 or the student's own
oven's K written in).

**anti_windup** (6-6, a behaviour check): a PI controller keeps the oven at
200 °C through hidden runs in which the heater **cannot** reach the setpoint
for a while (a ``heater_degradation`` fault drops the heater to a health at
which even 100 % settles 45-75 °C below 200 °C), then the fault clears. A PI
with anti-windup (conditional integration, clamping of the integral so that P
+ I stays within 0-100 %, back-calculation, velocity form) comes back without
overshooting; one without anti-windup has piled up its integral while the
heater was stuck at 100 % and overshoots by tens of °C. By position among the
hidden seeds:

1. hot start (214-232 °C), no fault (tells a sign error from a wrong tag);
2. cold start (22-40 °C) with the fault from 3-30 s for 380-520 s: the oven
   cannot reach 200 °C until it clears;
3. warm start (120-160 °C), settle, then the fault at 550-700 s for 200-400 s;
4. as 2; 5. as 3; 6. as 2 (more seeds repeat the pattern).

Each run has its own oven (gain K, time constant τ drawn per run; dead time
20 s). Expected on every run: after the oven first reaches 200 °C it never goes
above 205 °C; within 200 ± 2 °C from 800 s after the fault cleared (from 1000 s
in the run without a fault) to the end; no sustained oscillation.

Findings (the first that fits): ``wrong_direction``, ``heater_off_cold``
(``oven.temperature_raw`` counts taken for °C, or a sign error with a clamp),
``open_loop`` (a timetable, replayed outputs: the heater does not answer this
run's readings, judged as in ``oven_pid``), ``on_off``, ``windup`` (the heater
stuck at 100 % for a stretch, then still there when the oven reached 200 °C, or at 100 % for 15 s above it), ``oscillation``, ``overshoot``,
``wall_clock_dt``, ``offset`` (flat below or above: no integral), ``no_recovery``
(not back within ±2 °C in time).
"""

from __future__ import annotations

import random
from typing import Any

from factorylab.control.checks.base import register
from factorylab.control.checks.behaviour import BehaviourCheck, Episode, Judge, Planned, run_behaviour, runs
from factorylab.control.checks.kinds import Case, Recogniser, ValueCheck
from factorylab.control.checks.oven_pid import SCAN, SETPOINT, WINDUP_FOR, OvenJudge, reads_wall_clock
from factorylab.control.checks.result import CheckResult, Finding, at
from factorylab.control.checks.seeds import formative_seeds
from factorylab.errors import FactoryLabError
from factorylab.plant import Plant, Scenario, load_scenario
from factorylab.plant.oven import AMBIENT
from factorylab.plant.scenario import FaultSettings, ScheduledFault
from factorylab.plant.variant import PlantVariant, check_number, plant_variant

# --- p_offset --------------------------------------------------------------------------------------------


def true_offset(gain: float, kc: float, setpoint: float) -> float:
    """Steady-state error (°C) of P-only control on the oven: (SP - T_amb) / (1 + Kc × K).

    Args:
        gain: the oven's K, °C per % of heater (about 2-3).
        kc: the controller's gain, % of heater per °C of error (> 0).
        setpoint: °C.
    """
    return (setpoint - AMBIENT) / (1.0 + kc * gain)


def steady_heater(gain: float, kc: float, setpoint: float) -> float:
    """The heater (%) P-only control settles at: Kc × offset."""
    return kc * true_offset(gain, kc, setpoint)


def offset_cases(seed: int) -> list[tuple[float, float, float]]:
    """Four hidden (K, Kc, SP) sets of a seed, each with the heater settling below 95 %."""
    rng = random.Random(f"p_offset|{seed}")
    cases: list[tuple[float, float, float]] = []
    while len(cases) < 4:
        gain = round(rng.uniform(2.0, 3.0), 2)
        kc = round(rng.choice([rng.uniform(0.3, 1.0), rng.uniform(1.0, 3.0)]), 2)
        setpoint = float(rng.randrange(120, 221, 5))
        if steady_heater(gain, kc, setpoint) < 95.0:
            cases.append((gain, kc, setpoint))
    return cases


_FORMULA_NEXT = (
    "정상상태에서 두 식이 함께 맞아야 합니다: T - 25 = K × 히터, 히터 = Kc × (SP - T). 이 둘을 풀어 SP - T를 구하세요.",
    "in the steady state both hold: T - 25 = K × heater and heater = Kc × (SP - T); solve them for SP - T",
)


@register
class POffset(ValueCheck):
    """``p_offset(K, Kc, SP)``: the steady-state error (°C) of P-only control of the oven."""

    name = "p_offset"
    title = ("P 제어의 정상상태 오차(오프셋) 예측", "predicting the steady-state error (offset) of P control")
    function = "p_offset"
    unit = "°C"
    tolerance = 0.05
    count = 2
    recognisers = (
        Recogniser(
            "offset_zero",
            lambda k, kc, sp: 0.0,
            "오프셋을 0으로 예측했습니다: P 제어만으로는 오차가 남습니다. 오차가 0이면 히터도 0 %가 되어 오븐이 식기 때문입니다.",
            "you predicted no offset: P control alone leaves an error, because with no error the heater would be "
            "at 0 % and the oven would cool",
            *_FORMULA_NEXT,
        ),
        Recogniser(
            "forgot_ambient",
            lambda k, kc, sp: sp / (1.0 + kc * k),
            "주위 온도 25 °C를 빠뜨렸습니다: 히터가 0 %일 때 오븐은 0 °C가 아니라 25 °C입니다.",
            "you left out the ambient 25 °C: with the heater at 0 % the oven sits at 25 °C, not 0 °C",
            "오프셋 = (SP - 25) / (1 + Kc × K)에서 25를 확인하세요.",
            "check the 25 in offset = (SP - 25) / (1 + Kc × K)",
        ),
        Recogniser(
            "no_one_plus",
            lambda k, kc, sp: (sp - AMBIENT) / (kc * k),
            "(SP - 25) / (Kc × K)로 계산했습니다: 분모에 1 +가 빠졌습니다.",
            "you computed (SP - 25) / (Kc × K): the denominator lacks the 1 +",
            *_FORMULA_NEXT,
        ),
        Recogniser(
            "gain_in_degrees",
            lambda k, kc, sp: (sp - AMBIENT) / (1.0 + kc * k * 100.0),
            "K를 °C로(히터 100 %일 때 오르는 온도) 썼습니다: K는 히터 1 %당 °C, 곧 °C/%입니다.",
            "you used K in °C (the rise at 100 % heater): K is °C per % of heater",
            "K = (온도 변화 °C) / (히터 변화 %)로 쓰세요 (이 오븐에서는 2~3 °C/%).",
            "use K = (temperature change, °C) / (heater change, %): 2-3 °C/% for this oven",
        ),
        Recogniser(
            "forgot_gain",
            lambda k, kc, sp: (sp - AMBIENT) / (1.0 + kc),
            "공정 이득 K를 빠뜨렸습니다: 히터 1 %가 온도를 K °C 올립니다.",
            "you left out the process gain K: 1 % of heater raises the temperature by K °C",
            *_FORMULA_NEXT,
        ),
        Recogniser(
            "final_temperature",
            lambda k, kc, sp: sp - (sp - AMBIENT) / (1.0 + kc * k),
            "오프셋이 아니라 최종 온도를 돌려주었습니다.",
            "you returned the final temperature, not the offset",
            "오프셋 = SP - 최종 온도입니다: 최종 온도를 SP에서 빼세요.",
            "the offset is SP minus the final temperature: subtract it from SP",
        ),
        Recogniser(
            "no_brackets",
            lambda k, kc, sp: sp - AMBIENT / (1.0 + kc * k),
            "SP - 25 / (1 + Kc × K)로 계산했습니다: 나눗셈이 먼저 되므로 SP - 25에 괄호가 필요합니다.",
            "you computed SP - 25 / (1 + Kc × K): the division goes first, so SP - 25 needs brackets",
            "(SP - 25) / (1 + Kc * K)처럼 괄호를 쓰세요.",
            "write the brackets: (SP - 25) / (1 + Kc * K)",
        ),
        Recogniser(
            "sign_flipped",
            lambda k, kc, sp: -(sp - AMBIENT) / (1.0 + kc * k),
            "부호가 반대입니다: 오븐은 목표보다 낮게 머물므로 오프셋(SP - 최종 온도)은 양수입니다.",
            "the sign is upside down: the oven stays below the setpoint, so the offset (SP - final temperature) "
            "is positive",
            "오프셋 = SP - 최종 온도로 계산하세요.",
            "compute offset = SP - final temperature",
        ),
    )

    def cases(self, seed: int) -> list[Case]:
        return [
            Case(inputs, true_offset(*inputs), f"K={inputs[0]:g}, Kc={inputs[1]:g}, SP={inputs[2]:g}")
            for inputs in offset_cases(seed)
        ]

    def own_truth(
        self, variant: Any = None, kc: float = 1.0, setpoint: float = 200.0, **options: Any
    ) -> tuple[float, tuple] | None:
        """The offset for the student's own oven (``variant=line.variant``), their ``kc`` and ``setpoint``."""
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)} (variant=, kc=, setpoint=만 받습니다)",
                f"this check does not take {', '.join(options)} (only variant=, kc=, setpoint=)",
            )
        if variant is None:
            return None
        number = variant.number if isinstance(variant, PlantVariant) else variant
        try:
            number = check_number(number)
        except ValueError:
            raise FactoryLabError(
                "variant=에는 line.variant(또는 변형 번호 0~9999)를 넘기세요.",
                "pass line.variant (or the variant number 0-9999) as variant=",
            ) from None
        oven = load_scenario("oven").oven
        gain = plant_variant(number, oven.gain, oven.time_constant).oven_gain
        ok = isinstance(kc, (int, float)) and not isinstance(kc, bool) and kc > 0
        ok = ok and isinstance(setpoint, (int, float)) and 50.0 <= setpoint <= 300.0
        if not ok or steady_heater(gain, kc, setpoint) >= 100.0:
            raise FactoryLabError(
                "kc=는 0보다 큰 수, setpoint=는 50~300 °C로 주세요 (히터가 100 %에 닿지 않는 값이어야 식이 맞습니다).",
                "give kc= as a number above 0 and setpoint= as 50-300 °C (the heater must stay below 100 % for the "
                "formula to hold)",
            )
        return true_offset(gain, kc, setpoint), (gain, kc, setpoint)

    def _recognise(self, cases: list[Case], given: list[float]) -> Finding | None:
        """The named wrong formulas, then a gain that stays the same whatever K is (a number written in for K)."""
        found = super()._recognise(cases, given)
        if found is not None:
            return found
        used = []
        for case, g in zip(cases, given, strict=True):
            gain, kc, setpoint = case.inputs
            if g <= 0.0:
                return None
            used.append(((setpoint - AMBIENT) / g - 1.0) / kc)
        gains = {round(case.inputs[0], 6) for case in cases}
        if len(gains) < 2 or max(used) - min(used) > 0.01 * abs(used[0]):
            return None
        return Finding(
            "gain_written_in",
            f"K가 얼마든 K = {used[0]:.3g} °C/%로 계산했습니다: 함수가 받은 K를 쓰지 않고 숫자를 적어 두었습니다.",
            f"whatever K is, you computed with K = {used[0]:.3g} °C/%: the function does not use the K it is given but "
            "a number written in",
            "식의 K 자리에 매개변수 K를 쓰세요: 검사는 여러 오븐의 K로 함수를 부릅니다.",
            "use the parameter K in the formula: the check calls the function with the K of several ovens",
        )

    def _mismatch(self, case: Case, given: float) -> Finding:
        finding = super()._mismatch(case, given)
        if case.label == "your run":  # the student's own oven: say so, with its numbers
            shown = "K={:g}, Kc={:g}, SP={:g}".format(*case.inputs)
            finding.ko = finding.ko.replace("(your run)", f"({shown}, 내 오븐)")
            finding.en = finding.en.replace("(your run)", f"({shown}, your oven)")
        return finding

    def judge(self, answer: Any, seeds: list[int], **options: Any) -> CheckResult:
        if not callable(answer):
            if isinstance(answer, (int, float)) and not isinstance(answer, bool):
                return self.result(
                    False,
                    [
                        Finding(
                            "not_a_function",
                            "이 검사에는 숫자가 아니라 함수 p_offset을 넘기세요: 검사가 숨은 K, Kc, SP로 불러 봅니다.",
                            "pass the function p_offset to this check, not a number: it calls it with hidden K, Kc "
                            "and SP",
                            'factorylab.check(p_offset, "p_offset", variant=line.variant, kc=KC_P)처럼 쓰세요.',
                            'write factorylab.check(p_offset, "p_offset", variant=line.variant, kc=KC_P)',
                        )
                    ],
                )
        return super().judge(answer, seeds, **options)


# --- anti_windup --------------------------------------------------------------------------------------------

RECOVER = 800.0  # s after the fault cleared by which the oven is back within the band
SETTLE_BY = 1000.0  # s: the run without a fault is within the band from then on
TAIL = 900.0  # s a faulty run goes on after the fault cleared
SATURATED = 99.0  # % heater: stuck at the top
SATURATED_FOR = 20.0  # s: a stretch this long at the top is a saturation episode
WINDUP_LEVEL = 99.0  # % heater still on when the oven reached 200 °C: still stuck at the top
#: scans with the heater between its limits below which the noise tells nothing about following the readings
EVIDENCE = 120

#: the hidden runs' shapes, by position in the seed list
PLAN = ("hot", "blocked", "settled_fault", "blocked", "settled_fault", "blocked")


def episode_for(rng: random.Random, base: Scenario, position: int | None) -> Episode:
    """The hidden run at ``position`` among the seeds (None: a shape drawn from ``rng``)."""
    shape = PLAN[position % len(PLAN)] if position is not None else rng.choice(PLAN)
    # a gentler top for the runs that settle first: a strong heater coming back at 100 % carries on for the
    # 20 s dead time even with a perfect anti-windup
    gain = round(2.5 * rng.uniform(0.8, 0.92 if shape == "settled_fault" else 1.2), 3)
    tau = round(180.0 * rng.uniform(0.8, 1.2), 1)
    start = round(
        rng.uniform(*{"hot": (214.0, 232.0), "blocked": (22.0, 40.0), "settled_fault": (120.0, 160.0)}[shape]), 1
    )
    oven = base.oven.model_copy(update={"temperature": start, "heater": 0.0, "gain": gain, "time_constant": tau})
    script: dict[str, Any] = {"shape": shape, "start": start, "gain": gain, "time_constant": tau, "fault": None}
    update: dict[str, Any] = {"oven": oven, "actions": []}
    seconds = 1300.0
    if shape != "hot":
        begin = round(rng.uniform(3.0, 30.0) if shape == "blocked" else rng.uniform(550.0, 700.0), 1)
        length = round(rng.uniform(380.0, 520.0) if shape == "blocked" else rng.uniform(200.0, 400.0), 1)
        below = rng.uniform(45.0, 75.0)  # °C: how far below 200 °C even 100 % heater settles during the fault
        health = round((SETPOINT - below - AMBIENT) / (100.0 * gain), 3)
        fault = ScheduledFault(
            at=begin, kind="heater_degradation", target="oven", duration=length, rate=9000.0, floor=health
        )
        update["faults"] = FaultSettings(schedule=[fault])
        script["fault"] = {"at": begin, "end": round(begin + length, 1), "health": health}
        seconds = begin + length + TAIL
    return Episode(base.model_copy(update=update), round(seconds, 1), script)


class WindupJudge(OvenJudge):
    """Watches one run as ``oven_pid`` does, with this check's own band window and windup signature.

    What differs from :class:`OvenJudge`: the band is judged from 800 s after the
    fault cleared (from 1000 s without a fault), the windup is told over the
    stretch the heater was stuck at 100 % (and before ``open_loop`` when the
    heater sat at its limits too long for the noise to tell), a run still off
    200 °C at the end is ``no_recovery``, and a few next steps speak of the fault.
    """

    SAYS = {
        "open_loop.next": (
            "히터 고장이 언제 올지는 아무도 모릅니다: 매 스캔 오차(200 - oven.temperature)로 히터를 계산하세요",
            "nobody knows when the heater will fail: compute the heater in every scan from the error "
            "200 - oven.temperature",
        ),
        "on_off.next": (
            "PI 제어를 쓰고, 히터가 0 %나 100 %에 닿아 있는 동안에는 적분을 멈추세요",
            "use PI control and stop the integral while the heater is at 0 % or 100 %",
        ),
        "overshoot.why": (
            "200 °C에 닿을 때 히터는 이미 100 %에서 내려와 있었으니 와인드업이 아니라 튜닝이 너무 셉니다",
            "the heater had already come down from 100 % when the oven reached 200 °C, so this is not windup but "
            "tuning that is too strong",
        ),
        "overshoot.next": (
            "과제 6-5의 SIMC 값으로 Kc와 Ti를 쓰세요(Ti를 너무 짧게 하지 마세요)",
            "use Kc and Ti from SIMC as in exercise 6-5 (do not make Ti too short)",
        ),
    }

    def __init__(self, plant: Plant, episode: Episode, run: int, wall_clock: bool = False) -> None:
        super().__init__(plant, episode, run, wall_clock)
        fault = episode.script.get("fault")
        self.fault_at = fault["at"] if fault else None
        self.fault_end = fault["end"] if fault else None
        self.events = [m for m in (self.fault_at, self.fault_end) if m is not None]

    def judged(self, k: int) -> bool:
        """True if scan ``k`` must be within 200 ± 2 °C."""
        start = SETTLE_BY if self.fault_end is None else self.fault_end + RECOVER
        return self.t[k] >= start

    def _windup_first(self, thermostat: bool | None) -> bool:
        """A heater that sat at 0 % or 100 % all run long shows nothing of the noise: then the windup decides."""
        return not thermostat and sum(1 for u in self.heater if 0.5 < u < 99.5) < EVIDENCE

    def _wound_up(self, reach: int | None, over: int) -> tuple[int, ...] | None:
        """(crossing, saturation start, saturation end) if the overshoot at ``over`` came from a wound-up integral.

        Wound up: before the oven reached 200 °C (the last crossing from below
        before ``over``) the heater was stuck at 100 % for a stretch of at least
        20 s, and at the crossing it was still there (99 % or more), or it stayed at
        100 % for 15 s while the oven was above 200 °C.
        """
        true, heater = self.true, self.heater
        crossing = next((k for k in range(over, 0, -1) if true[k - 1] < SETPOINT <= true[k]), None)
        if crossing is None:
            return None
        stretches = [
            (a, b) for a, b in runs(h >= SATURATED for h in heater[: crossing + 1]) if (b - a) * SCAN >= SATURATED_FOR
        ]
        if not stretches:
            return None
        if heater[crossing] >= WINDUP_LEVEL or self._stuck_above(crossing, over) >= WINDUP_FOR:
            start, end = stretches[-1]
            return crossing, start, min(end, len(heater) - 1)
        return None

    def _windup(self, over: int, wound: tuple[int, ...]) -> None:
        crossing, start, end = wound
        t = self.t
        peak = max(self.true[over:])
        self.fail(
            "windup",
            f"히터(oven.heater)가 {t[start]:.1f}초부터 {t[end]:.1f}초까지 100 %에 붙어 있는 동안 적분이 계속 "
            f"쌓였습니다(와인드업): 그래서 {t[crossing]:.1f}초에 200 °C에 닿았을 때도 히터가 "
            f"{self.heater[crossing]:.0f} %여서 오븐이 {peak:.1f} °C까지 올라갔습니다",
            f"while the heater (oven.heater) was stuck at 100 % from {t[start]:.1f} s to {t[end]:.1f} s the integral "
            f"kept growing (windup): so when the oven reached 200 °C at {t[crossing]:.1f} s the heater was still at "
            f"{self.heater[crossing]:.0f} % and the oven went up to {peak:.1f} °C",
            "히터가 0 %나 100 %에 닿아 있는 동안에는 적분을 더하지 마세요(안티와인드업)",
            "do not add to the integral while the heater is at 0 % or 100 % (anti-windup)",
            t[crossing],
            "oven.heater",
        )

    def _not_settled(self, k: int) -> None:
        """Still off 200 °C, and moving, 800 s after the fault cleared: the integral did not bring it back."""
        x = self.true[k]
        when_ko, when_en = at(self.t[k])
        since = "" if self.fault_end is None else f" (히터 고장은 {self.fault_end:.1f}초에 끝남)"
        since_en = "" if self.fault_end is None else f" (the heater fault ended at {self.fault_end:.1f} s)"
        self.fail(
            "no_recovery",
            f"{when_ko} 오븐이 {x:.1f} °C로 아직 200 ± 2 °C 안으로 돌아오지 못했습니다{since}",
            f"{when_en} the oven was at {x:.1f} °C, not yet back within 200 ± 2 °C{since_en}",
            "적분이 너무 느리거나 너무 많이 줄었습니다: SIMC의 Ti를 쓰고, 안티와인드업이 적분을 0으로 지우지 않게 하세요",
            "the integral is too slow or was cut too far: use the SIMC Ti and do not let the anti-windup wipe "
            "the integral to 0",
            self.t[k],
            "oven.temperature",
        )


@register
class AntiWindup(BehaviourCheck):
    """A PI that comes back to 200 °C without overshooting after the heater could not reach it for a while."""

    name = "anti_windup"
    title = (
        "안티와인드업: 히터 고장이 끝난 뒤 오버슈트 5 °C 이하로 200 °C 복귀",
        "anti-windup: back to 200 °C with at most 5 °C overshoot after a heater fault",
    )
    scenario = "oven"
    count = 6
    scan = SCAN

    def __init__(self) -> None:
        self._wall_clock = False

    def episode(self, rng: random.Random, base: Scenario) -> Episode:
        return episode_for(rng, base, None)

    def plant_for(self, seed: int, index: int | None = None) -> tuple[Plant, Episode]:
        """The plant of ``seed``, shaped by its place ``index`` among the seeds (or among the formative seeds)."""
        if index is None:
            formative = formative_seeds(self.name, self.count)
            index = formative.index(seed) if seed in formative else None
        rng = random.Random(f"{self.name}|{seed}")
        episode = episode_for(rng, load_scenario(self.scenario), index)
        return Plant(episode.scenario, seed=seed), episode

    def make_judge(self, plant: Plant, episode: Episode, run: int) -> Judge:
        return WindupJudge(plant, episode, run, self._wall_clock)

    def judge(self, answer: Any, seeds: list[int]) -> CheckResult:
        self._wall_clock = reads_wall_clock(answer)
        try:
            return run_behaviour(Planned(self, seeds), answer, seeds)
        finally:
            self._wall_clock = False
