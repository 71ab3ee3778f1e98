"""Answers to ``oven_recipe``: an oven recipe (setpoint, dwell) chosen from a grid table of real runs, given with
the student's seed (``SEED``).

The rows of each table are real runs of ``run_point`` (shared and cached: a run takes about 0.5 s), so the
check's re-run of one row of the student's seed matches; a wrong table is built from the same rows on purpose.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from factorylab.labs.lab08a_recipe_checks import run_point

from ..catalogue import With, Wrong

CHECK = "oven_recipe"
SEED = 1


@functools.cache
def row(setpoint: float, dwell: float, seed: int) -> dict[str, float]:
    """One row of a grid table, computed as the lab teaches (not with the check's own arithmetic)."""
    c = run_point(setpoint, dwell, seed=seed)
    bad = c["soft"] + c["overheated"]
    return {
        "setpoint": setpoint,
        "dwell": dwell,
        "seed": seed,
        "defects": 100 * bad / c["finished"],
        "good_per_hour": (c["finished"] - bad) * 3600 / c["seconds"],
    }


def table(points, seeds=(1, 2)) -> list[dict[str, float]]:
    return [row(s, d, seed) for s, d in points for seed in seeds]


class Recipe(dict):
    """A recipe answer with a name (for test ids); the grid is built when the check first reads it."""

    def __init__(self, name: str, setpoint, dwell, grid) -> None:
        super().__init__(setpoint=setpoint, dwell=dwell, grid=grid)
        self.__name__ = name


def mine(answer: Recipe, seed: int = SEED) -> With:
    """The answer with ``seed=MY_SEED``, as the notebook calls the check."""
    return With(answer, {"seed": seed}, answer.__name__)


class LazyGrid(list):
    """A grid table whose rows are run on first use (so importing the catalogue costs no runs)."""

    def __init__(self, make) -> None:
        super().__init__()
        self._make = make
        self._made = False

    def _fill(self) -> None:
        if not self._made:
            self._made = True
            self.extend(self._make())

    def __iter__(self):
        self._fill()
        return super().__iter__()

    def __len__(self) -> int:
        self._fill()
        return super().__len__()

    def __getitem__(self, index):
        self._fill()
        return super().__getitem__(index)


def lazy(make) -> LazyGrid:
    return LazyGrid(make)


LAB_GRID = lazy(lambda: table([(220, 30), (220, 40), (240, 30)]))

REFERENCE = mine(Recipe("lab_solution", 220, 30, LAB_GRID))
CORRECT = [
    REFERENCE,
    mine(
        Recipe("dataframe_grid", 215, 30, lazy(lambda: pd.DataFrame(table([(215, 30), (220, 40)])).to_dict("records")))
    ),
    mine(
        Recipe(
            "numpy_numbers_three_seeds",
            np.int64(220),
            np.float64(28.0),
            lazy(
                lambda: [
                    {k: (np.float64(v) if k != "seed" else np.int64(v)) for k, v in r.items()}
                    for r in table([(220, 28), (220, 40)], seeds=(1, 2, 3))
                ]
            ),
        )
    ),
]


def per_minute() -> list[dict[str, float]]:
    return [{**r, "good_per_hour": r["good_per_hour"] / 60} for r in table([(220, 30), (220, 40)])]


def invented() -> list[dict[str, float]]:
    """Round numbers typed in, not run (the chosen point's near the real 780 an hour, the others made up)."""
    made_up = {(220, 30): (0.0, 800.0), (220, 40): (0.0, 700.0), (240, 30): (0.5, 750.0), (200, 30): (10.0, 700.0)}
    return [
        {"setpoint": s, "dwell": d, "seed": seed, "defects": df, "good_per_hour": g}
        for (s, d), (df, g) in made_up.items()
        for seed in (1, 2)
    ]


WRONG = [
    Wrong(
        mine(
            Recipe(
                "setpoint_too_hot",
                250,
                25,
                lazy(lambda: [*LAB_GRID, {**row(220, 40, 1), "setpoint": 250, "dwell": 25}]),
            )
        ),
        "overheated",
    ),
    Wrong(
        mine(Recipe("grid_on_one_seed", 220, 30, lazy(lambda: table([(220, 30), (220, 40)], seeds=(1,))))), "one_seed"
    ),
    Wrong(mine(Recipe("point_not_tried", 230, 30, LAB_GRID)), "not_on_grid"),
    Wrong(mine(Recipe("dominated_point", 220, 40, LAB_GRID)), "not_on_front"),
    Wrong(mine(Recipe("good_parts_per_minute", 220, 30, lazy(per_minute))), "table_per_minute"),
    Wrong(mine(Recipe("invented_table", 220, 30, lazy(invented))), "table_mismatch"),
    Wrong(mine(Recipe("table_of_other_seeds", 220, 30, LAB_GRID), seed=7), "not_own_seed"),
    Wrong(Recipe("seed_left_out", 220, 30, LAB_GRID), "no_seed"),
    Wrong(
        mine(Recipe("best_of_a_cold_grid", 200, 30, lazy(lambda: table([(200, 30), (200, 40)])))), "too_many_defects"
    ),
    Wrong(mine(Recipe("long_dwell_grid", 200, 40, lazy(lambda: table([(220, 40), (200, 40)])))), "too_few_parts"),
    Wrong(
        mine(Recipe("point_tried_on_one_seed", 240, 30, lazy(lambda: [row(240, 30, 2), *table([(220, 40)])])), seed=2),
        "overfit",
    ),
    Wrong(mine(Recipe("setpoint_in_kelvin", 493, 30, LAB_GRID)), "out_of_range"),
    Wrong(mine(Recipe("grid_left_out", 220, 30, None)), "missing"),
    Wrong(mine(Recipe("grid_of_numbers", 220, 30, [220, 30, 0.0, 780.0])), "no_grid"),
]
