"""Answers to ``compare_lines``: each line's availability, performance, quality and OEE (%) from a data centre.

Every answer is judged with ``db=`` a small practice class (three lines, 12 simulated minutes), made the first
time a test submits one (:class:`OwnClass`), not when the catalogue is imported.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from factorylab import practice
from factorylab.datacenter import queries

from ..catalogue import With, Wrong

CHECK = "compare_lines"
TAGS = ["production.availability", "production.performance", "production.quality", "production.oee"]


@cache
def own_class() -> str:
    """A practice class of three lines, 0.2 h each: its store's URL."""
    folder = Path(tempfile.mkdtemp(prefix="compare-lines-"))
    return practice.class_store(folder / "class.sqlite", lines=3, hours=0.2, seed=3)


class OwnClass(With):
    """An answer judged on hidden classes and on the practice class (``db=``), made when first used."""

    def __init__(self, function, name: str = "") -> None:
        self._answer, self.name = function, name or function.__name__

    @property
    def answer(self) -> Any:
        return self._answer

    @property
    def options(self) -> dict[str, Any]:
        return {"db": own_class()}


def _rename(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.rename(columns=lambda column: column.split(".")[-1])


def compare_lines(db):
    """Reference: each line's last sample, groupby."""
    last = queries.samples(db).groupby("line").last()
    return _rename(last[TAGS])


def with_a_loop(db):
    """A loop over the lines, a dict of dicts."""
    table = queries.samples(db)
    answer = {}
    for line in table["line"].unique():
        rows = table[table["line"] == line].sort_values("t")
        last = rows.iloc[-1]
        answer[line] = {tag.split(".")[1]: last[tag] for tag in TAGS}
    return answer


def with_the_helper(db):
    """The queries helper: the line's last sample of each day, the newest kept."""
    oee = queries.oee_by_line_day(db).sort_values("wall")
    return oee.groupby("line").tail(1).set_index("line")[["availability", "performance", "quality", "oee"]]


def recomputed(db):
    """A, P, Q read, OEE multiplied from them (a line column, not an index)."""
    last = _rename(queries.samples(db).groupby("line", as_index=False).tail(1)[["line", *TAGS]])
    last["oee"] = last["availability"] * last["performance"] * last["quality"] / 10000
    return last


CORRECT = [OwnClass(compare_lines), OwnClass(with_a_loop), OwnClass(with_the_helper), OwnClass(recomputed)]
REFERENCE = compare_lines


def averaged(db):
    answer = compare_lines(db)
    answer["oee"] = (answer["availability"] + answer["performance"] + answer["quality"]) / 3
    return answer


def percent_product(db):
    answer = compare_lines(db)
    answer["oee"] = answer["availability"] * answer["performance"] * answer["quality"]
    return answer


def fractions(db):
    return compare_lines(db) / 100


def first_sample(db):
    """The first sample of the day (head instead of tail)."""
    return _rename(queries.samples(db).groupby("line").first()[TAGS])


def mean_of_samples(db):
    return _rename(queries.samples(db).groupby("line")[TAGS].mean())


def lines_mixed(db):
    """The last row of the whole table, given to every line."""
    table = queries.samples(db)
    last = _rename(table[TAGS]).iloc[-1]
    return pd.DataFrame({line: last for line in table["line"].unique()}).T


def class_mean(db):
    answer = compare_lines(db)
    for column in answer.columns:
        answer[column] = answer[column].mean()
    return answer


def my_line_only(db):
    """The student's own line written in: the hidden classes have other lines."""
    answer = compare_lines(db)
    return answer.loc[[name for name in answer.index if name == "line-01"]]


#: a table typed in from the screen instead of a function (the hidden classes cannot be tried)
COPIED_TABLE = {"line-01": {"availability": 91.5, "performance": 84.9, "quality": 97.4, "oee": 75.7}}

WRONG = [
    Wrong(OwnClass(averaged), "averaged"),
    Wrong(OwnClass(percent_product), "percent_product"),
    Wrong(OwnClass(fractions), "fractions"),
    Wrong(OwnClass(first_sample), "first_sample"),
    Wrong(OwnClass(mean_of_samples), "mean_of_samples"),
    Wrong(OwnClass(lines_mixed), "lines_mixed"),
    Wrong(OwnClass(class_mean), "class_mean"),
    Wrong(OwnClass(my_line_only), "missing_line"),
    Wrong(OwnClass(COPIED_TABLE, "copied_table"), "not_a_function"),
]
