"""Value checks shipped with FactoryLab: transmitter scaling and OEE by hand.

* ``raw_to_ma`` and ``raw_to_mm`` (unit 1): the level transmitter's ADC counts
  (0-4000 = 4-20 mA = 0-1000 mm) to milliamps and to millimetres, checked on
  hidden raw values; ÷4096, "0 counts = 0 mA", integer division, a swapped
  range and a missing 4 mA offset are each named.
* ``oee_by_hand`` (units 0 and 4): OEE in % from a run's counters, either a
  number for your own run (``factorylab.check(63.2, "oee_by_hand",
  result=result)``) or a function ``oee(k)`` of the counters (the
  ``result.kpis`` dict), checked on your run and on hidden counter sets;
  adding instead of multiplying, averaging, forgetting to divide % x % x % by
  10,000, availability from run time only, performance from parts in and
  quality from the outfeed count are each named.
"""

from __future__ import annotations

import random
from typing import Any

from ...errors import FactoryLabError
from ...plant.line import oee_figures
from .base import register
from .kinds import Case, Recogniser, ValueCheck

RAW_FULL = 4000  # counts at 20 mA
LEVEL_SPAN = 1000.0  # mm at 20 mA


def _raws(seed: int) -> list[int]:
    rng = random.Random(f"raw|{seed}")
    return [0, RAW_FULL, rng.randrange(1, 200, 2), rng.randrange(1001, 1999, 2), rng.randrange(2001, 3999, 2)]


def true_ma(counts: float) -> float:
    return 4.0 + 16.0 * counts / RAW_FULL


def true_mm(counts: float) -> float:
    return LEVEL_SPAN * counts / RAW_FULL


_ADC_NEXT = (
    "0~4000 카운트가 4~20 mA에 대응한다는 것을 식에 그대로 쓰세요.",
    "write the formula straight from 0-4000 counts = 4-20 mA",
)


@register
class RawToMilliamps(ValueCheck):
    """``raw_to_ma(counts)``: level transmitter counts (0-4000) to loop current, mA (4-20)."""

    name = "raw_to_ma"
    title = ("ADC 카운트를 전류(mA)로: tank.level_raw", "ADC counts to loop current (mA): tank.level_raw")
    function = "raw_to_ma"
    unit = "mA"
    tolerance = 1e-3
    count = 2
    recognisers = (
        Recogniser(
            "divided_by_4096",
            lambda c: 4.0 + 16.0 * c / 4096,
            "4096으로 나누었습니다: 이 변환기는 0~4000 카운트를 씁니다 (12비트의 4096이 아니라).",
            "you divided by 4096: this transmitter uses 0-4000 counts (not the 12-bit 4096)",
            "최대값으로 태그 표의 4000을 쓰세요 (line.info('tank.level_raw')).",
            "use 4000 from the tag table as the top (line.info('tank.level_raw'))",
        ),
        Recogniser(
            "zero_is_zero_ma",
            lambda c: 20.0 * c / RAW_FULL,
            "0 카운트를 0 mA로 보았습니다: 4~20 mA 신호에서 0 카운트는 4 mA입니다.",
            "you took 0 counts as 0 mA: in a 4-20 mA loop, 0 counts is 4 mA",
            "mA = 4 + 16 × 카운트 / 4000으로 쓰세요.",
            "use mA = 4 + 16 x counts / 4000",
        ),
        Recogniser(
            "missing_offset",
            lambda c: 16.0 * c / RAW_FULL,
            "4 mA를 더하지 않았습니다: 범위의 폭(16 mA)만 계산했습니다.",
            "you left out the 4 mA offset: you computed only the span (16 mA)",
            "범위의 시작값 4 mA를 더하세요.",
            "add the 4 mA at the bottom of the range",
        ),
        Recogniser(
            "swapped_range",
            lambda c: 20.0 - 16.0 * c / RAW_FULL,
            "범위를 거꾸로 했습니다: 0 카운트가 20 mA가 되었습니다.",
            "your range is upside down: 0 counts came out as 20 mA",
            "0 카운트 = 4 mA, 4000 카운트 = 20 mA를 확인하세요.",
            "check 0 counts = 4 mA and 4000 counts = 20 mA",
        ),
        Recogniser(
            "integer_division",
            lambda c: 4 + 16 * int(c) // RAW_FULL,
            "정수 나눗셈(//)을 써서 소수점 아래가 잘렸습니다.",
            "you used integer division (//), which cuts off the decimals",
            "나눗셈은 /를 쓰세요.",
            "divide with /, not //",
        ),
    )

    def cases(self, seed: int) -> list[Case]:
        return [Case((raw,), true_ma(raw)) for raw in _raws(seed)]


@register
class RawToMillimetres(ValueCheck):
    """``raw_to_mm(counts)``: level transmitter counts (0-4000) to level, mm (0-1000)."""

    name = "raw_to_mm"
    title = ("ADC 카운트를 수위(mm)로: tank.level_raw", "ADC counts to level (mm): tank.level_raw")
    function = "raw_to_mm"
    unit = "mm"
    tolerance = 0.01
    count = 2
    recognisers = (
        Recogniser(
            "divided_by_4096",
            lambda c: LEVEL_SPAN * c / 4096,
            "4096으로 나누었습니다: 이 변환기는 0~4000 카운트를 씁니다 (12비트의 4096이 아니라).",
            "you divided by 4096: this transmitter uses 0-4000 counts (not the 12-bit 4096)",
            "최대값으로 태그 표의 4000을 쓰세요 (line.info('tank.level_raw')).",
            "use 4000 from the tag table as the top (line.info('tank.level_raw'))",
        ),
        Recogniser(
            "zero_is_zero_ma",
            lambda c: (20.0 * c / RAW_FULL - 4.0) / 16.0 * LEVEL_SPAN,
            "카운트를 mA로 바꿀 때 0 카운트를 0 mA로 보았습니다: 0 카운트는 4 mA, 곧 0 mm입니다.",
            "going through milliamps you took 0 counts as 0 mA: 0 counts is 4 mA, which is 0 mm",
            "mm = 1000 × 카운트 / 4000으로 바로 쓰거나, mA = 4 + 16 × 카운트 / 4000을 쓰세요.",
            "use mm = 1000 x counts / 4000 directly, or mA = 4 + 16 x counts / 4000",
        ),
        Recogniser(
            "span_20_ma",
            lambda c: (true_ma(c) - 4.0) / 20.0 * LEVEL_SPAN,
            "mA를 mm로 바꿀 때 20으로 나누었습니다: 4~20 mA의 폭은 16 mA입니다.",
            "from mA to mm you divided by 20: the span of 4-20 mA is 16 mA",
            "mm = (mA - 4) / 16 × 1000으로 쓰세요.",
            "use mm = (mA - 4) / 16 x 1000",
        ),
        Recogniser(
            "swapped_range",
            lambda c: LEVEL_SPAN - LEVEL_SPAN * c / RAW_FULL,
            "범위를 거꾸로 했습니다: 0 카운트가 1000 mm가 되었습니다.",
            "your range is upside down: 0 counts came out as 1000 mm",
            "0 카운트 = 0 mm, 4000 카운트 = 1000 mm를 확인하세요.",
            "check 0 counts = 0 mm and 4000 counts = 1000 mm",
        ),
        Recogniser(
            "integer_division",
            lambda c: int(c) * 1000 // RAW_FULL,
            "정수 나눗셈(//)을 써서 소수점 아래가 잘렸습니다.",
            "you used integer division (//), which cuts off the decimals",
            "나눗셈은 /를 쓰세요.",
            "divide with /, not //",
        ),
    )

    def cases(self, seed: int) -> list[Case]:
        return [Case((raw,), true_mm(raw)) for raw in _raws(seed)]


# --- OEE by hand -----------------------------------------------------------------------------------------------

#: the counters an OEE function receives (the keys of ``result.kpis`` it needs)
OEE_KEYS = ("planned_time", "run_time", "idle_time", "ideal_cycle_time", "parts_in", "parts_out", "rejected", "good")


def _oee(k: dict[str, float]) -> float:
    finished = k["parts_out"] + k["rejected"]
    return oee_figures(
        run_time=k["run_time"],
        idle_time=k["idle_time"],
        finished=finished,
        good=k["good"],
        planned_time=k["planned_time"],
        ideal_cycle_time=k["ideal_cycle_time"],
    ).oee


def _parts(k: dict[str, float]) -> tuple[float, float, float, float]:
    finished = k["parts_out"] + k["rejected"]
    operating = k["run_time"] + k["idle_time"]
    a = operating / k["planned_time"]
    p = min(1.0, k["ideal_cycle_time"] * finished / operating)
    q = k["good"] / finished
    return a, p, q, finished


def _run_time_only(k: dict[str, float]) -> float:
    a, p, q, _ = _parts(k)
    return 100.0 * (k["run_time"] / k["planned_time"]) * p * q


def _parts_in(k: dict[str, float]) -> float:
    a, _, q, _ = _parts(k)
    p = min(1.0, k["ideal_cycle_time"] * k["parts_in"] / (k["run_time"] + k["idle_time"]))
    return 100.0 * a * p * q


def _outfeed_as_good(k: dict[str, float]) -> float:
    a, p, _, finished = _parts(k)
    return 100.0 * a * p * k["parts_out"] / finished


def _counter_sets(seed: int) -> list[dict[str, float]]:
    """Plausible counters of a shift: performance below 100 %, idle time, rejects and defects."""
    rng = random.Random(f"oee|{seed}")
    sets = []
    for _ in range(3):
        planned = float(rng.choice([1800, 3600, 7200, 28800]))
        run = round(planned * rng.uniform(0.55, 0.8), 1)
        idle = round(planned * rng.uniform(0.03, 0.12), 1)
        ideal = 4.0
        finished = int((run + idle) / ideal * rng.uniform(0.6, 0.9))
        rejected = int(finished * rng.uniform(0.04, 0.15))
        good = finished - int(finished * rng.uniform(0.05, 0.12))
        parts_in = finished + rng.randint(5, 15)
        sets.append(
            {
                "planned_time": planned,
                "run_time": run,
                "idle_time": idle,
                "stop_time": round(planned - run - idle, 1),
                "down_time": 0.0,
                "ideal_cycle_time": ideal,
                "parts_in": parts_in,
                "parts_out": finished - rejected,
                "rejected": rejected,
                "good": good,
            }
        )
    return sets


@register
class OeeByHand(ValueCheck):
    """OEE in % from a run's counters: a number for your own run (``result=``), or a function ``oee(k)``."""

    name = "oee_by_hand"
    title = ("카운터로 OEE 계산하기", "OEE by hand from the counters")
    function = "oee"
    unit = "%"
    tolerance = 0.5  # percentage points
    count = 2
    recognisers = (
        Recogniser(
            "added",
            lambda k: 100.0 * sum(_parts(k)[:3]),
            "가용성, 성능, 품질을 더했습니다: OEE는 세 값을 곱한 것입니다.",
            "you added availability, performance and quality: OEE is their product",
            "OEE = 가용성 × 성능 × 품질로 계산하세요.",
            "compute OEE = availability x performance x quality",
        ),
        Recogniser(
            "averaged",
            lambda k: 100.0 * sum(_parts(k)[:3]) / 3.0,
            "가용성, 성능, 품질의 평균을 냈습니다: OEE는 평균이 아니라 곱입니다.",
            "you averaged availability, performance and quality: OEE is their product, not their mean",
            "세 비율(0~1)을 곱한 뒤 100을 곱해 %로 만드세요.",
            "multiply the three ratios (0-1), then multiply by 100 for %",
        ),
        Recogniser(
            "percent_product",
            lambda k: 100.0**3 * _parts(k)[0] * _parts(k)[1] * _parts(k)[2],
            "% 세 개를 곱하고 10,000으로 나누지 않았습니다.",
            "you multiplied three percentages and did not divide by 10,000",
            "비율(0~1)끼리 곱하거나, % × % × %를 10,000으로 나누세요.",
            "multiply the ratios (0-1), or divide % x % x % by 10,000",
        ),
        Recogniser(
            "availability_run_only",
            _run_time_only,
            "가용성에 운전 시간(run_time)만 넣었습니다: FactoryLab에서는 대기 시간(idle_time)도 가동 시간입니다.",
            "your availability uses run_time only: in FactoryLab idle_time is operating time too",
            "가동 시간 = run_time + idle_time으로 쓰세요.",
            "use operating time = run_time + idle_time",
        ),
        Recogniser(
            "performance_from_parts_in",
            _parts_in,
            "성능에 투입 수(parts_in)를 썼습니다: 성능은 라인을 떠난(완성된) 부품 수로 셉니다.",
            "your performance counts parts_in: performance counts the parts that left the line (finished)",
            "완성 수 = parts_out + rejected로 쓰세요.",
            "use finished = parts_out + rejected",
        ),
        Recogniser(
            "quality_from_outfeed",
            _outfeed_as_good,
            "품질에 배출 수(parts_out)를 양품으로 썼습니다: 양품은 good(실제로 결함 없는 부품)입니다.",
            "your quality counts parts_out as good: the good count is good (truly without a defect)",
            "품질 = good / (parts_out + rejected)로 쓰세요.",
            "use quality = good / (parts_out + rejected)",
        ),
    )

    def cases(self, seed: int) -> list[Case]:
        return [Case((k,), _oee(k), _counts_label(k)) for k in _counter_sets(seed)]

    def own_truth(self, result: Any = None, **options: Any) -> tuple[float, tuple] | None:
        if options:
            raise FactoryLabError(
                f"이 검사가 모르는 값입니다: {', '.join(options)} (result=만 받습니다)",
                f"this check does not take {', '.join(options)} (only result=)",
            )
        if result is None:
            return None
        kpis = getattr(result, "kpis", result)
        if not isinstance(kpis, dict) or any(key not in kpis for key in OEE_KEYS):
            raise FactoryLabError(
                "result=에는 factorylab.run()이 돌려준 결과를 넘기세요.",
                "pass the result factorylab.run() returned as result=",
            )
        finished = kpis["parts_out"] + kpis["rejected"]
        if finished == 0 or kpis["run_time"] + kpis["idle_time"] <= 0:
            raise FactoryLabError(
                "이 실행에서는 완성된 부품이 없어 OEE를 계산할 수 없습니다: 더 오래 돌려 보세요.",
                "no part was finished in this run, so there is no OEE to compute: run it longer",
            )
        k = {key: float(kpis[key]) for key in OEE_KEYS}
        return _oee(k), (dict(kpis),)


def _counts_label(k: dict[str, float]) -> str:
    return (
        f"planned_time={k['planned_time']:g}, run_time={k['run_time']:g}, idle_time={k['idle_time']:g}, "
        f"parts_out={k['parts_out']:g}, rejected={k['rejected']:g}, good={k['good']:g}"
    )
