"""The published scoring formula of the capstone (the same table is in docs/labs/capstone.md).

Each seed's run scores 0-100 points; the team's score is the mean over its
seeds. "Ref." is the reference capstone controller
(:func:`factorylab.capstone.controllers.make_reference_controller`) on the
same seed, with the same faults and operator episodes.

=========================  ======  ===============================================================
component                  points  how
=========================  ======  ===============================================================
good parts                 35      35 x min(1, good / ref. good); good = parts without a defect
                                   that left at the outfeed
OEE                        15      15 x min(1, OEE / ref. OEE)
order lateness             10      10 x min(1, (ref. lateness + 600 s) / (lateness + 600 s));
                                   lateness = s late summed over orders due by the end
shipped defects            15      15 x max(0, 1 - extra / 10); extra = defective parts that left at
                                   the outfeed, beyond the reference's (gauge error)
alarm precision            6       6 x share of the alarm's time (red lamp or buzzer) inside a fault or
                                   60 s after it, or a CNC failure or 15 s after it (E-stops, blocked
                                   outfeed: not counted); 0 if the alarm never came on
alarm recall               6       6 x share of the faults of the fault log the alarm caught (on, outside E-stops, between
                                   the fault's start and 60 s after its end)
acknowledge                3       3 x share of the operator's acknowledges (RESET while the buzzer
                                   sounds) after which the buzzer was quiet within 2 s; 0 if the
                                   buzzer never sounded
recovery                   10      10 x mean over episodes (jam, tool breakage, STOP, E-stop, blocked
                                   outfeed) of: 1 if the next good part left no more than 30 s later
                                   than the reference's, falling to 0 at 300 s later
interlocks                 -5 each the feeder ran while conveyor1 stood, 0.5 s on end (at most -30 with STOP)
STOP ignored               -5 each the feeder still ran 1 s after STOP, before START again
E-stop                     = 0     any output (feeder, belts, CNC, pusher, heater, coolant valve) on
                                   0.5 s after the safety relay tripped: the seed scores 0
=========================  ======  ===============================================================

A team's code that fails (a Python error, a scan that hangs) scores 0 on
that seed, with the message pointing at the team's own line.
"""

from __future__ import annotations

from dataclasses import dataclass

from .run import SeedRun

#: points of each component (the published table)
POINTS = {
    "good": 35.0,
    "oee": 15.0,
    "lateness": 10.0,
    "defects": 15.0,
    "precision": 6.0,
    "recall": 6.0,
    "ack": 3.0,
    "recovery": 10.0,
}
#: component names in Korean and English (tables, the leaderboard)
NAMES = {
    "good": ("양품", "good parts"),
    "oee": ("OEE", "OEE"),
    "lateness": ("납기", "lateness"),
    "defects": ("불량 출하", "shipped defects"),
    "precision": ("경보 정밀도", "alarm precision"),
    "recall": ("경보 재현율", "alarm recall"),
    "ack": ("경보 확인", "acknowledge"),
    "recovery": ("복구", "recovery"),
    "penalty": ("감점", "penalty"),
}
LATENESS_SLACK = 600.0  # s
EXTRA_DEFECTS_ZERO = 10  # parts beyond the reference's at which the component is 0
RECOVERY_FREE = 30.0  # s later than the reference's that still earn the full share
RECOVERY_ZERO = 300.0  # s later at which the share is 0
PENALTY_EACH = 5.0
PENALTY_MAX = 30.0


@dataclass
class Points:
    """One seed's points: per component, the penalty and the total (0-100)."""

    parts: dict[str, float]
    penalty: float
    total: float
    zero_reason: tuple[str, str] | None = None


def points(team: SeedRun, ref: SeedRun) -> Points:
    """The points of a team's run against the reference's run on the same seed."""
    if team.error is not None:
        return Points(dict.fromkeys(POINTS, 0.0), 0.0, 0.0, ("코드 오류", "code error"))
    if team.estop is not None:
        t, tag = team.estop
        return Points(
            dict.fromkeys(POINTS, 0.0),
            0.0,
            0.0,
            (
                f"비상정지 중 출력: {t:g}초에 `{tag}` 출력이 켜져 있었습니다",
                f"output on during an E-stop: {tag} was on at {t:g} s",
            ),
        )
    p: dict[str, float] = {}
    p["good"] = POINTS["good"] * _ratio(team.good, ref.good)
    p["oee"] = POINTS["oee"] * _ratio(team.oee, ref.oee)
    p["lateness"] = POINTS["lateness"] * min(1.0, (ref.lateness + LATENESS_SLACK) / (team.lateness + LATENESS_SLACK))
    extra = max(0, team.shipped_defects - ref.shipped_defects)
    p["defects"] = POINTS["defects"] * max(0.0, 1.0 - extra / EXTRA_DEFECTS_ZERO)
    p["precision"] = POINTS["precision"] * (team.justified_time / team.alarm_time if team.alarm_time > 0 else 0.0)
    faults = team.faults
    p["recall"] = POINTS["recall"] * (sum(1 for f in faults if f[3]) / len(faults) if faults else 1.0)
    p["ack"] = POINTS["ack"] * (team.acks_ok / team.acks if team.acks else 0.0)
    shares = []
    theirs = {(kind, end): took for kind, end, took in ref.recoveries}
    for kind, end, took in team.recoveries:
        late = took - theirs.get((kind, end), took)
        shares.append(min(1.0, max(0.0, 1.0 - (late - RECOVERY_FREE) / (RECOVERY_ZERO - RECOVERY_FREE))))
    p["recovery"] = POINTS["recovery"] * (sum(shares) / len(shares) if shares else 1.0)
    penalty = min(PENALTY_MAX, PENALTY_EACH * (team.interlocks + team.stops_ignored))
    p = {k: round(v, 2) for k, v in p.items()}
    total = round(max(0.0, sum(p.values()) - penalty), 2)
    return Points(p, penalty, total)


def _ratio(value: float, reference: float) -> float:
    if reference <= 0:
        return 1.0 if value >= 0 else 0.0
    return max(0.0, min(1.0, value / reference))


__all__ = ["NAMES", "POINTS", "Points", "points"]
