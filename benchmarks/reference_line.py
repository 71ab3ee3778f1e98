"""The full line under the built-in reference controller: quality and OEE per seed.

    python benchmarks/reference_line.py [--hours 8] [--seeds 0-9] [--dataset [--tool-policy P ...]]

For each seed, the `line` scenario runs fast-forward for a shift of --hours
simulated hours (default 8) with
``factorylab.control.reference.make_line_controller()`` (no faults) and
prints: parts fed, good and rejected (inspection's reject bin) at the end;
the true defect rate of the parts that finished from 30 simulated minutes on
(after the oven's warm-up) to the end of the shift; the line's OEE at 1 hour
and at the end; when the first good part left; the CNC's failures and tool
changes. The bands the docs state (docs/tour.md, and
tests/control/test_reference.py checks them on 1-hour runs of a few seeds):
defects from 30 min on <= 5 %, OEE at 1 h between 60 and 85 %.

--dataset instead runs ``factorylab dataset --scenario line --hours H --seed
S --tool-policy P`` (the reference controller with random faults) for each
seed and tool policy (--tool-policy, repeatable; default all three) and
prints its machine-failure rate (parts with machine_failure = 1) by AI4I
mode, the tool changes, the highest tool wear of a machined part, and the
modes' shares over all seeds beside AI4I 2020's.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "simulator"))

from factorylab.control import reference  # noqa: E402
from factorylab.control.line import LocalLine  # noqa: E402
from factorylab.plant import Plant  # noqa: E402

WARM_UP = 1800.0  # s: defects are counted over parts finished from here on
OEE_AT = 3600.0  # s
DEFECTS_MAX = 5.0  # %
OEE_BAND = (60.0, 85.0)  # %
MODES = ("TWF", "HDF", "PWF", "OSF", "RNF", "TBF")


def seeds_of(text: str) -> list[int]:
    """``0-9`` or ``1,3,5`` -> a list of seeds."""
    seeds: list[int] = []
    for item in text.split(","):
        low, _, high = item.partition("-")
        seeds.extend(range(int(low), int(high or low) + 1))
    return seeds


def line_figures(seed: int, hours: float) -> dict[str, float]:
    """Run the reference line for ``hours`` and return its figures (counts, % and s).

    Counted with the line's own counters (``production``), so a run of any
    length is measured whole (the plant keeps only its newest finished parts).
    """
    plant = Plant("line", seed=seed)
    line = LocalLine(plant)
    controller = reference.make_line_controller()
    production = plant.production
    oee_at_hour = float("nan")
    first_good_at = float("nan")
    at_warm_up = (0, 0)  # (finished, good) when the warm-up ends
    ticks = round(hours * 3600.0 / plant.dt)
    warm_up_tick = round(WARM_UP / plant.dt)
    oee_tick = round(OEE_AT / plant.dt)
    for tick in range(1, ticks + 1):
        controller(line, plant.time)
        plant.step()
        if first_good_at != first_good_at and production.parts_good:  # (NaN until the first good part)
            first_good_at = plant.time
        if tick == warm_up_tick:
            at_warm_up = (production.finished, production.parts_good)
        elif tick == oee_tick:
            oee_at_hour = production.oee
    late_finished = production.finished - at_warm_up[0]
    late_defects = late_finished - (production.parts_good - at_warm_up[1])
    return {
        "parts_in": production.parts_in,
        "parts_good": production.parts_good,
        "parts_rejected": production.parts_rejected,
        "late_finished": late_finished,
        "late_defect_rate": 100.0 * late_defects / late_finished if late_finished else float("nan"),
        "oee_at_hour": oee_at_hour,
        "oee_end": production.oee,
        "first_good_at": first_good_at,
        "cnc_failures": plant.cnc.failures,
        "tool_changes": plant.cnc.tool_changes,
    }


def report_line(seeds: list[int], hours: float) -> bool:
    """Print the line figures per seed; True if every seed is within the bands."""
    print(
        f"reference line controller, scenario line, {hours:g} h per seed, no faults "
        f"(bands: defects from {WARM_UP / 60:.0f} min <= {DEFECTS_MAX:g} %, "
        f"OEE at {OEE_AT / 3600:.0f} h {OEE_BAND[0]:g}-{OEE_BAND[1]:g} %)"
    )
    print("  seed  parts in   good  rejected  defects>=30min  OEE@1h  OEE end  first good  CNC fail  tool chg")
    within = True
    for seed in seeds:
        f = line_figures(seed, hours)
        ok = f["late_defect_rate"] <= DEFECTS_MAX and (
            hours < OEE_AT / 3600.0 or OEE_BAND[0] <= f["oee_at_hour"] <= OEE_BAND[1]
        )
        within = within and ok
        print(
            f"  {seed:>4}  {f['parts_in']:>8}  {f['parts_good']:>5}  {f['parts_rejected']:>8}  "
            f"{f['late_defect_rate']:>9.1f} % of {f['late_finished']:<4}"
            f"{f['oee_at_hour']:>5.1f} %  {f['oee_end']:>5.1f} %  {f['first_good_at']:>8.0f} s  "
            f"{f['cnc_failures']:>8}  {f['tool_changes']:>8}  {'' if ok else 'OUTSIDE THE BANDS'}"
        )
    return within


AI4I_SHARE = {"TWF": 46, "HDF": 115, "PWF": 95, "OSF": 98, "RNF": 19}  # failures by mode in AI4I 2020 (10,000 parts)


def report_dataset(seeds: list[int], hours: float, policies: list[str]) -> None:
    """Print the machine-failure rate (and by mode) of dataset runs per tool policy and seed."""
    from factorylab.data.dataset import generate

    for policy in policies:
        print(
            f"factorylab dataset --scenario line --hours {hours:g} --seed S --tool-policy {policy} "
            "(reference controller, random faults)"
        )
        print(f"  seed  parts  failures  rate     {'  '.join(f'{m:>5}' for m in MODES)}   tool changes  max wear")
        total: Counter = Counter()
        for seed in seeds:
            dataset = generate("line", hours=hours, seed=seed, tool_policy=policy)
            machined = [row for row in dataset.parts if row["machine_failure"] != ""]
            failed = [row for row in machined if row["machine_failure"] == 1]
            modes = Counter(mode for row in failed for mode in MODES if row[mode] == 1)
            total.update(modes)
            total["parts"] += len(machined)
            total["failures"] += len(failed)
            resets = sum(  # tool changes: the wear falls between two machine records (10 s apart)
                1
                for before, after in zip(dataset.machines, dataset.machines[1:], strict=False)
                if after["cnc_tool_wear"] < before["cnc_tool_wear"]
            )
            worst = max(float(row["tool_wear"]) for row in machined if row["tool_wear"] is not None)
            rate = 100.0 * len(failed) / len(machined) if machined else float("nan")
            print(
                f"  {seed:>4}  {len(machined):>5}  {len(failed):>8}  {rate:5.1f} %  "
                f"{'  '.join(f'{modes[m]:>5}' for m in MODES)}   {resets:>12}  {worst:>6.0f} min"
            )
        ai4i = sum(AI4I_SHARE.values())
        shares = "  ".join(
            f"{m} {100.0 * total[m] / max(1, total['failures']):.0f} % (AI4I {100.0 * AI4I_SHARE[m] / ai4i:.0f} %)"
            for m in AI4I_SHARE
        )
        print(
            f"  all   {total['parts']:>5}  {total['failures']:>8}  "
            f"{100.0 * total['failures'] / max(1, total['parts']):5.1f} %   modes: {shares}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hours", type=float, default=8.0, help="shift length, simulated hours per seed (default 8)")
    parser.add_argument("--seeds", default="0-9", help="seeds, e.g. 0-9 or 1,3,5 (default 0-9)")
    parser.add_argument("--dataset", action="store_true", help="failure rates of `factorylab dataset` runs instead")
    parser.add_argument(
        "--tool-policy",
        action="append",
        help="with --dataset: a tool policy (repeatable; default: mixed, run-to-failure and fixed:190)",
    )
    args = parser.parse_args()
    seeds = seeds_of(args.seeds)
    start = time.perf_counter()
    if args.dataset:
        report_dataset(seeds, args.hours, args.tool_policy or ["mixed", "run-to-failure", "fixed:190"])
    else:
        within = report_line(seeds, args.hours)
        print("  every seed within the bands" if within else "  SOME SEEDS ARE OUTSIDE THE BANDS")
    print(f"  ({time.perf_counter() - start:.1f} s wall time)")


if __name__ == "__main__":
    main()
