"""Checks for the discrete-control exercises: seal-in, blocked exit, sorting, jams."""

from __future__ import annotations

from ...plant import Plant, Scenario
from ...plant.scenario import Action, FaultSettings, ScheduledFault
from . import Check, Judge, register

#: How long a controller may take to react, s.
REACTION = 0.5


def _jitter(seed: int, spread: float) -> float:
    """A deterministic shift in [-spread, spread] for a seed (scripts vary per seed)."""
    return ((seed * 7919) % 1000) / 1000.0 * 2 * spread - spread


# --- seal-in with E-stop and stack light -------------------------------------------------


class SealInJudge(Judge):
    """Samples the panel and outputs every scan; judges against the operator script."""

    def __init__(self, plant: Plant, seed: int, script: dict[str, float]) -> None:
        super().__init__(plant, seed)
        self.script = script
        self.samples: list[tuple[float, bool, bool, bool, bool, bool]] = []

    def after_scan(self, t: float) -> None:
        p = self.plant
        self.samples.append(
            (t, p.conveyor1.run, p.conveyor2.run, p.stack_light.green, p.stack_light.red, p.panel.safety_ok)
        )

    def _window(self, start: float, end: float) -> list[tuple]:
        return [s for s in self.samples if start <= s[0] < end]

    def finish(self) -> list:
        s = self.script
        # before anyone presses start: everything off
        for t, run1, run2, *_ in self._window(0.0, s["start1"]):
            if run1 or run2:
                self.fail(
                    f"기동 버튼을 누르기 전인데 t={t:.1f} s 에 컨베이어가 돌고 있습니다 (conveyor1.run / conveyor2.run).",
                    f"the conveyors run at t={t:.1f} s although nobody pressed start yet (conveyor1.run / conveyor2.run).",
                    t,
                    "conveyor1.run",
                )
                return self.findings
        for start, stop in ((s["start1"], s["stop"]), (s["start2"], s["estop"]), (s["start3"], s["end"])):
            window = self._window(start + REACTION, stop)
            first_off = next((x for x in window if not (x[1] and x[2])), None)
            if first_off is None:
                continue
            came_on = any(x[1] and x[2] for x in self._window(start, stop))
            if not came_on:
                self.fail(
                    f"t={start:.1f} s 에 기동 버튼을 눌렀는데 컨베이어가 켜지지 않았습니다 "
                    f"(conveyor1.run 과 conveyor2.run 을 켜세요).",
                    f"start was pressed at t={start:.1f} s but the conveyors did not start "
                    f"(switch conveyor1.run and conveyor2.run on).",
                    start,
                    "conveyor1.run",
                )
            else:
                t = first_off[0]
                self.fail(
                    f"기동 버튼에서 손을 떼자 t={t:.1f} s 에 컨베이어가 멈췄습니다: 자기유지(seal-in)가 필요합니다 "
                    f"(버튼을 뗀 뒤에도 켜진 상태를 기억하세요).",
                    f"the conveyors stopped at t={t:.1f} s when start was let go: you need a seal-in "
                    f"(keep them on after the button is released).",
                    t,
                    "conveyor1.run",
                )
            return self.findings
        for t, run1, run2, *_ in self._window(s["stop"] + REACTION, s["start2"]):
            if run1 or run2:
                self.fail(
                    f"t={s['stop']:.1f} s 에 정지 버튼을 눌렀는데 컨베이어가 멈추지 않았습니다 (panel.stop 을 조건에 넣으세요).",
                    f"stop was pressed at t={s['stop']:.1f} s but the conveyors kept running (use panel.stop).",
                    t,
                    "panel.stop",
                )
                return self.findings
        for t, run1, run2, *_ in self._window(s["estop"] + REACTION, s["reset"]):
            if run1 or run2:
                self.fail(
                    f"t={s['estop']:.1f} s 에 비상정지를 눌렀는데 t={t:.1f} s 에도 운전 명령이 켜져 있습니다: "
                    f"panel.safety_ok 가 꺼지면 출력을 끄세요.",
                    f"the E-stop was pushed at t={s['estop']:.1f} s but the run outputs were still on at t={t:.1f} s: "
                    f"switch them off when panel.safety_ok goes off.",
                    t,
                    "panel.safety_ok",
                )
                return self.findings
        for t, run1, run2, *_ in self._window(s["reset"], s["start3"]):
            if run1 or run2:
                self.fail(
                    f"비상정지를 풀고 리셋하자 t={t:.1f} s 에 컨베이어가 저절로 다시 돌았습니다: "
                    f"비상정지 뒤에는 기동 버튼을 다시 눌러야만 돌아야 합니다.",
                    f"after the E-stop was released and reset, the conveyors restarted by themselves at t={t:.1f} s: "
                    f"after an E-stop they must wait for start.",
                    t,
                    "conveyor1.run",
                )
                return self.findings
        for t, run1, _run2, green, red, safety_ok in self.samples:
            if t < 1.0:
                continue
            settled = all(
                abs(t - s[key]) > REACTION + 0.2 for key in ("start1", "stop", "start2", "estop", "reset", "start3")
            )
            if not settled:
                continue
            if run1 and safety_ok and not green:
                self.fail(
                    f"t={t:.1f} s 에 컨베이어가 도는데 초록등이 꺼져 있습니다 (stack_light.green).",
                    f"at t={t:.1f} s the conveyors run but the green lamp is off (stack_light.green).",
                    t,
                    "stack_light.green",
                )
            elif green and not (run1 and safety_ok):
                self.fail(
                    f"t={t:.1f} s 에 컨베이어가 멈춰 있는데 초록등이 켜져 있습니다 (stack_light.green).",
                    f"at t={t:.1f} s the conveyors are stopped but the green lamp is on (stack_light.green).",
                    t,
                    "stack_light.green",
                )
            elif not safety_ok and not red:
                self.fail(
                    f"t={t:.1f} s 는 비상정지 중인데 빨간등이 꺼져 있습니다 (stack_light.red).",
                    f"at t={t:.1f} s the line is in E-stop but the red lamp is off (stack_light.red).",
                    t,
                    "stack_light.red",
                )
            elif safety_ok and red:
                self.fail(
                    f"t={t:.1f} s 에 비상정지가 아닌데 빨간등이 켜져 있습니다 (stack_light.red).",
                    f"at t={t:.1f} s there is no E-stop but the red lamp is on (stack_light.red).",
                    t,
                    "stack_light.red",
                )
            if self.findings:
                return self.findings
        return self.findings


@register
class SealIn(Check):
    """Start/stop with seal-in, E-stop that needs a new start, stack light."""

    name = "seal_in"
    title = (
        "기동/정지 자기유지, 비상정지, 타워 램프",
        "start/stop seal-in with E-stop and stack light",
    )
    scenario = "conveyor"
    seconds = 30.0

    def script(self, seed: int) -> dict[str, float]:
        shift = _jitter(seed, 0.4)
        return {
            "start1": 1.0 + shift,
            "stop": 6.0 + shift,
            "start2": 9.0,
            "estop": 14.0 + shift,
            "release": 17.0,
            "reset": 18.5 + shift,
            "start3": 22.0,
            "end": self.seconds,
        }

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        s = self.script(seed)
        actions = [
            Action(at=round(s["start1"], 2), press="start"),
            Action(at=round(s["stop"], 2), press="stop"),
            Action(at=round(s["start2"], 2), press="start"),
            Action(at=round(s["estop"], 2), estop="pushed"),
            Action(at=round(s["release"], 2), estop="released"),
            Action(at=round(s["reset"], 2), press="reset"),
            Action(at=round(s["start3"], 2), press="start"),
        ]
        return base.model_copy(update={"actions": actions})

    def make_judge(self, plant: Plant, seed: int) -> Judge:
        return SealInJudge(plant, seed, self.script(seed))


# --- stop when the exit photo-eye stays blocked ----------------------------------------------


class ExitBlockedJudge(Judge):
    def __init__(self, plant: Plant, seed: int, block_at: float) -> None:
        super().__init__(plant, seed)
        self.block_at = block_at
        self.blocked_since: float | None = None
        self.samples: list[tuple[float, bool, bool, float | None]] = []

    def after_scan(self, t: float) -> None:
        p = self.plant
        if not p.conveyor2.photo_eye_exit:
            self.blocked_since = None
        elif self.blocked_since is None:
            self.blocked_since = t
        self.samples.append((t, p.conveyor1.run, p.conveyor2.run, self.blocked_since))

    def finish(self) -> list:
        before = [s for s in self.samples if 3.0 <= s[0] < self.block_at]
        previous = True
        for t, _, run2, blocked_since in before:
            if previous and not run2 and blocked_since is not None and t - blocked_since < 2.0:
                self.fail(
                    f"t={t:.1f} s 에 부품이 배출 센서를 지나가는 것만으로 컨베이어2를 멈췄습니다. 부품 하나는 0.3초쯤 "
                    f"가립니다: 2초 넘게 계속 가려져 있을 때만 멈추세요 (TON 타이머).",
                    f"at t={t:.1f} s you stopped conveyor2 for a part simply passing the exit eye. A part blocks it "
                    f"for about 0.3 s: stop only when it stays blocked for more than 2 s (a TON timer).",
                    t,
                    "conveyor2.photo_eye_exit",
                )
                return self.findings
            previous = run2
        if sum(1 for s in before if s[2]) < 0.5 * len(before):
            self.fail(
                "라인을 거의 돌리지 않았습니다: feeder.run, conveyor1.run, conveyor2.run 을 켜서 부품을 흘려 보내세요.",
                "the line hardly ran: switch feeder.run, conveyor1.run and conveyor2.run on to move parts.",
                None,
                "conveyor2.run",
            )
            return self.findings
        blocked_from = self.samples[-1][3]  # the eye is blocked to the end: since when?
        if blocked_from is None:
            return self.findings
        deadline = blocked_from + 2.0 + 1.5
        late = [s for s in self.samples if s[0] >= deadline and (s[1] or s[2])]
        if late:
            self.fail(
                f"배출 광전 센서가 t={blocked_from:.1f} s 부터 계속 가려져 있었는데 t={late[0][0]:.1f} s 에도 "
                f"컨베이어가 돌고 있습니다: 2초 넘게 가려지면 conveyor1.run 과 conveyor2.run 을 끄세요.",
                f"the exit photo-eye stayed blocked from t={blocked_from:.1f} s but the conveyors still ran at "
                f"t={late[0][0]:.1f} s: switch conveyor1.run and conveyor2.run off after 2 s of blocking.",
                late[0][0],
                "conveyor2.photo_eye_exit",
            )
        return self.findings


@register
class ExitBlocked(Check):
    """Stop the conveyors when the exit photo-eye stays blocked (the outfeed is full)."""

    name = "exit_blocked"
    title = (
        "배출 광전 센서가 계속 가려지면 컨베이어 정지",
        "stop the conveyors when the exit photo-eye stays blocked",
    )
    scenario = "conveyor"
    seconds = 75.0

    def block_at(self, seed: int) -> float:
        return 45.0 + _jitter(seed, 5.0)

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        feeder = base.feeder.model_copy(update={"interval": 3.0})
        return base.model_copy(
            update={"feeder": feeder, "actions": [Action(at=round(self.block_at(seed), 2), outfeed="blocked")]}
        )

    def make_judge(self, plant: Plant, seed: int) -> Judge:
        return ExitBlockedJudge(plant, seed, self.block_at(seed))


# --- sort type B parts into the reject bin ------------------------------------------------------


class SortJudge(Judge):
    def __init__(self, plant: Plant, seed: int) -> None:
        super().__init__(plant, seed)
        self.passed_pusher: dict[int, float] = {}

    def after_step(self, t: float) -> None:
        x = self.plant.sorter.position
        for part in self.plant.outfeed_track.parts:
            if part.lead - 0.5 * part.length < x:
                break
            if part.id not in self.passed_pusher:
                self.passed_pusher[part.id] = t

    def finish(self) -> list:
        plant = self.plant
        finished = plant.finished_parts
        if len(finished) < 10:
            self.fail(
                f"{plant.time:.0f}초 동안 분류기까지 온 부품이 {len(finished)}개뿐입니다: feeder.run, conveyor1.run, "
                f"conveyor2.run 을 켰나요?",
                f"only {len(finished)} parts got through the sorter in {plant.time:.0f} s: did you switch on "
                f"feeder.run, conveyor1.run and conveyor2.run?",
            )
            return self.findings
        for part in sorted(finished, key=lambda p: p.history[-1][0]):
            t_end, place = part.history[-1]
            t_pusher = self.passed_pusher.get(part.id, t_end)
            if part.kind == "B" and place == "outfeed":
                self.fail(
                    f"부품 {part.id}(B형, 파란색)이 분류기 앞에 왔지만 푸셔가 밀어내지 않았습니다 (t={t_pusher:.1f} s). "
                    f"sorter.photo_eye 가 켜질 때 sorter.extend 를 켜세요.",
                    f"part {part.id} (type B, blue) reached the sorter and the pusher did not push it "
                    f"(t={t_pusher:.1f} s). Switch sorter.extend on when sorter.photo_eye sees it.",
                    t_pusher,
                    "sorter.extend",
                )
            elif part.kind == "A" and place == "reject_bin":
                self.fail(
                    f"부품 {part.id}(A형, 빨간색)을 불량함으로 밀어냈습니다 (t={t_end:.1f} s). B형만 밀어내세요 "
                    f"(색상 센서 sorter.type_b 를 기억해 두었다가 쓰세요).",
                    f"part {part.id} (type A, red) was pushed into the reject bin (t={t_end:.1f} s). Push type B "
                    f"only (remember what the colour sensor sorter.type_b saw).",
                    t_end,
                    "sorter.type_b",
                )
            if len(self.findings) >= 3:
                break
        if not self.findings and plant.sorter.glancing_hits:
            self.fail(
                "푸셔가 부품을 비껴 쳤습니다: 부품이 푸셔 정면(sorter.photo_eye)에 있을 때 밀어내세요.",
                "the pusher clipped a part: push when the part is right in front of it (sorter.photo_eye).",
                None,
                "sorter.photo_eye",
            )
        return self.findings


@register
class SortB(Check):
    """Sort the blue type B parts into the reject bin, let the red ones pass."""

    name = "sort_b"
    title = ("B형 부품을 불량함으로 분류", "sort type B parts into the reject bin")
    scenario = "sorting"
    seconds = 180.0

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        feeder = base.feeder.model_copy(update={"interval": 3.0, "type_b_share": 0.4})
        return base.model_copy(update={"feeder": feeder})

    judge = SortJudge


# --- detect a jam and raise an alarm ---------------------------------------------------------------


class JamJudge(Judge):
    def __init__(self, plant: Plant, seed: int) -> None:
        super().__init__(plant, seed)
        self.jam_at: float | None = None
        self.alarm_at: float | None = None
        self.false_alarm: float | None = None
        self.ran = 0
        self.scans = 0

    def after_scan(self, t: float) -> None:
        p = self.plant
        self.scans += 1
        if p.conveyor2.run:
            self.ran += 1
        alarm = p.stack_light.red or p.stack_light.buzzer
        jam = next((f for f in p.faults.log if f.kind == "jam" and f.applied), None)
        if jam is not None and self.jam_at is None:
            self.jam_at = t
        if alarm:
            if self.jam_at is None:
                if self.false_alarm is None:
                    self.false_alarm = t
            elif self.alarm_at is None:
                self.alarm_at = t

    def finish(self) -> list:
        if self.ran < 0.5 * self.scans:
            self.fail(
                "라인을 거의 돌리지 않았습니다: feeder.run, conveyor1.run, conveyor2.run 을 켜세요.",
                "the line hardly ran: switch feeder.run, conveyor1.run and conveyor2.run on.",
            )
        elif self.false_alarm is not None:
            self.fail(
                f"걸림이 없는데 t={self.false_alarm:.1f} s 에 경보를 울렸습니다 (잘못된 경보). 시작할 때의 돌입 전류와 "
                f"부품 무게로 전류가 잠깐 오르는 것은 정상입니다: 기준을 높이거나 시간 지연을 두세요.",
                f"you raised an alarm at t={self.false_alarm:.1f} s without a jam (a false alarm). The inrush at "
                f"start-up and parts' weight lift the current briefly: raise the threshold or add a delay.",
                self.false_alarm,
                "conveyor2.current",
            )
        elif self.jam_at is None:
            pass  # the jam never took effect (no part): nothing to judge
        elif self.alarm_at is None or self.alarm_at - self.jam_at > 10.0:
            self.fail(
                f"t={self.jam_at:.1f} s 에 컨베이어2에서 부품이 걸렸는데 10초 안에 경보(stack_light.red 또는 "
                f"stack_light.buzzer)를 울리지 않았습니다. 모터 전류(conveyor2.current)를 살펴보세요.",
                f"a part jammed on conveyor2 at t={self.jam_at:.1f} s and no alarm (stack_light.red or "
                f"stack_light.buzzer) came within 10 s. Watch the motor current (conveyor2.current).",
                self.jam_at,
                "conveyor2.current",
            )
        return self.findings


@register
class JamAlarm(Check):
    """Detect a jam on conveyor2 and raise an alarm within 10 s, without false alarms."""

    name = "jam_alarm"
    title = ("걸림 감지와 경보", "detect a jam and raise an alarm")
    scenario = "conveyor"
    seconds = 110.0

    def make_scenario(self, seed: int, base: Scenario) -> Scenario:
        at = round(60.0 + _jitter(seed, 10.0), 2)
        faults = FaultSettings(schedule=[ScheduledFault(at=at, kind="jam", target="conveyor2")])
        feeder = base.feeder.model_copy(update={"interval": 3.0})
        return base.model_copy(update={"faults": faults, "feeder": feeder})

    judge = JamJudge
