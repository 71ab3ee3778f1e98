"""Lab 1-1 (photo-eyes): the hidden runs of part_type, belt_speed and count_parts are what they claim, the truth is
the plant's, and the teacher pack lists every wrong answer of the catalogues."""

from __future__ import annotations

import random

import pytest

import factorylab
from factorylab.control.checks import get
from factorylab.control.checks.seeds import formative_seeds
from factorylab.labs import lab01a_photo_eyes_checks as checks
from factorylab.plant import Plant, layout
from factorylab.tags import tags_for
from tests.conftest import REPO
from tests.control.checks.answers import belt_speed as belt_answers
from tests.control.checks.answers import count_parts as count_answers
from tests.control.checks.answers import part_type as type_answers

# --- part_type --------------------------------------------------------------------------------------------------


def _hidden_pulses() -> list[list[checks.Pulse]]:
    check = get("part_type")
    return [check.pulses(seed, index) for index, seed in enumerate(formative_seeds("part_type", check.count))]


def test_part_type_truth_is_the_kind_of_the_part_that_made_each_pulse() -> None:
    """Pulses in the order the parts were fed: the check's truth agrees with the feeder's own record."""
    pulses = checks.measure_pulses(75, 3.0, 0.5, seed=4, seconds=40)
    plant = Plant(checks.conveyor_scenario(75, interval=3.0, share_b=0.5), seed=4)
    for _ in range(round(40 / checks.SCAN)):
        plant.step()
    fed = [e.detail for e in plant.events.since(0) if e.kind == "part_fed"]
    assert [p.kind for p in pulses] == fed[: len(pulses)]
    for pulse in pulses:  # a pulse measured every scan is the part's length +- one belt step
        assert abs(pulse.measured_length - pulse.length) <= pulse.speed * checks.SCAN + 1e-6


def test_part_type_hidden_runs_have_slow_a_and_fast_b_so_no_fixed_time_can_pass() -> None:
    runs = _hidden_pulses()
    slow, fast = runs[0], runs[1]
    assert all(p.speed <= 0.63 * layout.BELT_MAX_SPEED for p in slow)
    assert all(p.speed >= 0.97 * layout.BELT_MAX_SPEED for p in fast)
    longest_a = max(p.duration for run in runs for p in run if p.kind == "A")
    shortest_b = min(p.duration for run in runs for p in run if p.kind == "B")
    assert longest_a >= shortest_b  # no threshold on time alone sorts them all
    assert "A" in {p.kind for p in slow} and "B" in {p.kind for p in fast}
    for run in runs:
        assert len(run) >= 3
        assert all(abs(p.measured_length - checks.MIDPOINT) >= checks.AMBIGUOUS for p in run)


@pytest.mark.parametrize("threshold", [0.3, 0.33, 0.35, 0.38, 0.4, 0.45])
def test_every_fixed_time_threshold_is_named(threshold: float) -> None:
    def by_time(duration_s, belt_speed_mm_s):
        return "A" if duration_s < threshold else "B"

    result = factorylab.check(by_time, "part_type")
    assert not result.passed and result.codes == ["fixed_threshold"], result.message("en")


@pytest.mark.parametrize("split", [66.0, 70.0, 74.0])
def test_any_length_split_between_65_and_75_mm_passes(split: float) -> None:
    result = factorylab.check(lambda d, v: "A" if d * v < split else "B", "part_type")
    assert result.passed, result.message("en")


def test_possible_pulses_are_pulses_the_plant_makes() -> None:
    """Every made-up pulse length is the part's length +- one belt step, and lies off the midpoint."""
    for pulse in checks.possible_pulses():
        step = pulse.speed * checks.SCAN
        assert abs(pulse.measured_length - pulse.length) < step
        assert abs(pulse.measured_length - checks.MIDPOINT) >= checks.AMBIGUOUS


@pytest.mark.parametrize(
    ("every", "words"), [(1.0, "부품이 지나가는 시간보다 깁니다"), (0.1, "가려내기에 너무 깁니다")]
)
def test_a_slow_recording_is_told_before_the_function(every: float, words: str) -> None:
    result = factorylab.check(type_answers.part_type, "part_type", result=type_answers.own_run(every))
    assert result.codes == ["sampled_too_slowly"]
    assert words in result.message("ko")


def test_part_type_summative_seeds_work() -> None:
    result = factorylab.check(type_answers.part_type, "part_type", secret="s3cret", student="17")
    assert result.passed, result.message("en")


# --- belt_speed -------------------------------------------------------------------------------------------------


def test_belt_speed_truth_is_the_plants_and_the_hidden_recordings_hold_only_the_eyes() -> None:
    check = get("belt_speed")
    for index, seed in enumerate(formative_seeds("belt_speed", check.count)):
        case = check.hidden_run(seed, index)
        history = case.inputs[0]
        assert list(history.columns) == [checks.INFEED_TAG, checks.EXIT_TAG]
        speed = int(case.label.split("(")[1].split(" ")[0])
        low, high = checks.SPEED_BANDS[index]
        assert low <= speed <= high
        assert case.truth == round(layout.BELT_MAX_SPEED * speed / 100)  # the tag reads whole mm/s
        reference = belt_answers.belt_speed(history)
        assert abs(reference / case.truth - 1) <= 0.01
        for recogniser in checks.SPEED_RECOGNISERS:  # every named mistake is clearly wrong on every hidden run
            assert abs(recogniser.formula(history) / case.truth - 1) >= checks.MISTAKE_MARGIN, recogniser.code


def test_the_trailing_edge_travels_the_distance_between_the_eyes() -> None:
    """The reference is within 1 % at every whole speed from 60 to 100 %; 1150 mm is always more than 1.5 % off."""
    for speed in range(60, 101, 4):
        history, truth = checks.hidden_history(speed, seed=speed)
        assert abs(belt_answers.belt_speed(history) / truth - 1) <= 0.01
        assert belt_answers.exit_position(history) / truth - 1 > 0.015


def test_belt_speed_summative_seeds_work() -> None:
    result = factorylab.check(belt_answers.belt_speed, "belt_speed", secret="s3cret", student="17")
    assert result.passed, result.message("en")


# --- count_parts ------------------------------------------------------------------------------------------------


def _episodes():
    check = get("count_parts")
    return [check.plant_for(seed)[1] for seed in formative_seeds("count_parts", check.count)]


def test_count_parts_hidden_runs_differ_in_speed_feed_and_stop_times() -> None:
    episodes = _episodes()
    schedules = [e.script["schedule"] for e in episodes]
    assert len({s.speed2 for s in schedules}) == len(schedules)
    assert len({s.interval for s in schedules}) >= 4
    stops = [s.stops for s in schedules]
    assert [len(s) for s in stops] == list(checks.COUNT_STOPS)
    firsts = sorted(s[0][0] for s in stops if s)
    assert all(b - a >= 2.0 for a, b in zip(firsts, firsts[1:], strict=False)), firsts
    for episode in episodes:
        assert 115 <= episode.seconds <= 125
        assert episode.script["expected_parts"] >= 15


@pytest.mark.parametrize("index", range(6))
def test_every_stop_holds_a_part_in_front_of_the_eye(index: int) -> None:
    """Played as the check plays it: the eye is 1 for the whole stop, and each part passing gives one rising edge."""
    check = get("count_parts")
    seed = formative_seeds("count_parts", check.count)[index]
    plant, episode = check.plant_for(seed)
    schedule = episode.script["schedule"]
    eye = tags_for(plant)[checks.COUNT_EYE].reader
    position = layout.PHOTO_EYES["conveyor2"]["photo_eye_exit"] + plant.conveyor1.length
    values, passed, seen = [], 0, set()
    for _ in range(round(episode.seconds / checks.SCAN)):
        t = plant.time
        values.append(bool(eye(plant)))
        for stop, go in schedule.stops:
            if stop <= t < go:
                assert values[-1], f"the eye is clear at {t:.2f} s during the stop at {stop} s"
        schedule.drive(plant, t)
        plant.step()
        for part in plant.outfeed_track.parts:
            if part.lead >= position and part.id not in seen:
                seen.add(part.id)
        for part in plant.finished_parts:
            seen.add(part.id)
    rising = sum(1 for k, v in enumerate(values) if v and (k == 0 or not values[k - 1]))
    passed = len(seen)
    assert rising == episode.script["expected_parts"]
    # the parts that reached the eye by the end: the last one may not have been seen by a scan yet
    assert passed - rising in (0, 1)
    outfeed = int(tags_for(plant)["production.parts_out"].reader(plant))
    assert rising - outfeed in (0, 1)  # parts_out trails by the part between the eye and the drop-off


def test_scan_counting_is_far_off_on_a_run_with_a_stop() -> None:
    result = factorylab.check(count_answers.counts_scans, "count_parts")
    assert result.codes[0] == "counted_scans"


def test_the_check_runs_the_belts_whatever_the_controller_writes() -> None:
    edge = factorylab.plc.R_TRIG()

    def counts_and_meddles(line, t, m):
        line.conveyor1.run = line.conveyor2.run = line.feeder.run = t > 5
        line.conveyor2.speed = 40
        line.feeder.interval = 20
        if edge(line.conveyor2.photo_eye_exit):
            m["count"] += 1
        line.panel.display = m["count"]

    result = factorylab.check(counts_and_meddles, "count_parts")
    assert result.passed, result.message("en")


def test_count_parts_summative_seeds_work() -> None:
    result = factorylab.check(count_answers.count_parts, "count_parts", secret="s3cret", student="17")
    assert result.passed, result.message("en")
    rng_runs = [get("count_parts").plant_for(random.Random(n).randrange(2**31))[1] for n in range(3)]
    assert all(e.script["expected_parts"] > 0 for e in rng_runs)


# --- the teacher pack -------------------------------------------------------------------------------------------

PACK = {"ko": REPO / "docs" / "labs" / "photo_eyes.md", "en": REPO / "docs" / "labs" / "photo_eyes.en.md"}


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = PACK[lang].read_text("utf-8")
    for module in (type_answers, belt_answers, count_answers):
        for wrong in module.WRONG:
            assert f"`{wrong.code}`" in text, (lang, module.CHECK, wrong.code)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_unit_page_links_the_three_labs_and_shows_the_figure(lang: str) -> None:
    page = (REPO / "docs" / ("unit1.md" if lang == "ko" else "unit1.en.md")).read_text("utf-8")
    suffix = "" if lang == "ko" else ".en"
    for lab in ("photo_eyes", "analog_signals", "signal_quality"):
        assert f"labs/{lab}{suffix}.md" in page or f"labs/{lab}.md" in page
    assert f"assets/figures/u1_photo_eye_pulses-{lang}.png" in page
