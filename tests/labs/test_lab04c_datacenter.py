"""Lab 4-3 (the class's data centre): the practice class, the check's truth and the teacher pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from factorylab import practice
from factorylab.datacenter import queries
from factorylab.datacenter.store import open_store
from factorylab.labs.lab04c_datacenter_checks import hidden_store, true_lines
from factorylab.uplink import schema

from ..control.checks.answers import compare_lines as catalogue

DOCS = Path(__file__).resolve().parents[2] / "docs" / "labs"


@pytest.fixture(scope="module")
def small_class(tmp_path_factory) -> str:
    return practice.class_store(tmp_path_factory.mktemp("dc") / "class.sqlite", lines=3, hours=0.2, seed=3)


def test_the_practice_class_is_deterministic(small_class: str, tmp_path: Path) -> None:
    again = practice.class_store(tmp_path / "again.sqlite", lines=3, hours=0.2, seed=3)
    for table in ("samples", "events", "parts", "runs"):
        sql = f"SELECT * FROM {table} ORDER BY 1, 2"
        assert open_store(small_class).rows(sql)[1] == open_store(again).rows(sql)[1], table


def test_the_practice_class_holds_what_the_uplink_sends(small_class: str) -> None:
    store = open_store(small_class)
    counts = store.counts()
    assert counts["runs"] == 3 and counts["rejects"] == 0
    assert counts["samples"] == 3 * (round(0.2 * 3600 / practice.EVERY) + 1)
    assert counts["parts"] > 3 * 60 and counts["events"] > counts["parts"]
    metas = store.frame("SELECT line, scenario, seed, every FROM runs ORDER BY line")
    assert list(metas.line) == ["line-01", "line-02", "line-03"]
    assert set(metas.scenario) == {"line"} and list(metas.seed) == [301, 302, 303]
    # a sample carries the uplink's default tags, and a part every column of the dataset
    sample = queries.samples(small_class)
    assert {tag for tag in schema.DEFAULT_TAGS if tag != "inspection.measured_count"} <= set(sample.columns)
    parts = queries.parts(small_class)
    assert list(parts.columns)[6:] == list(schema.PART_FIELDS)


def test_the_lines_differ_and_the_truth_is_each_lines_last_sample(small_class: str) -> None:
    truth = true_lines(small_class)
    sample = queries.samples(small_class)
    for line, figures in truth.items():
        last = sample[sample.line == line].sort_values("t").iloc[-1]
        assert figures["oee"] == pytest.approx(last["production.oee"])
    assert len({round(f["oee"], 1) for f in truth.values()}) == 3
    # the data centre's own comparison agrees
    compared = queries.compare(small_class).set_index("line")
    for line, figures in truth.items():
        assert compared.loc[line, "oee"] == pytest.approx(figures["oee"])


def test_hidden_classes_interleave_lines_that_start_apart() -> None:
    frame = queries.samples(hidden_store(7))
    assert frame.line.nunique() >= 3
    changes = int((frame.line != frame.line.shift()).sum())
    assert changes > 10 * frame.line.nunique()  # the lines' samples are mixed, not one block per line
    firsts = frame.groupby("line").wall.min()
    assert firsts.max() != firsts.min()


def test_pooled_data_beats_one_line_on_the_held_out_line(tmp_path: Path) -> None:
    """The lab's exercise 4-7 on the default practice class: the teacher pack's numbers."""
    from sklearn.metrics import f1_score
    from sklearn.tree import DecisionTreeClassifier

    db = practice.class_store(tmp_path / "class.sqlite", lines=6, hours=1, seed=1)
    features = ["peak_temperature", "soak", "dwell", "tool_wear", "torque", "rotational_speed", "process_temperature"]
    parts = queries.parts(db).dropna(subset=features)
    test = parts[parts.line == "line-06"]
    scores = {}
    for name, train in (("one", parts[parts.line == "line-01"]), ("pooled", parts[parts.line != "line-06"])):
        model = DecisionTreeClassifier(max_depth=4, class_weight="balanced", random_state=0)
        model.fit(train[features], train["defect"])
        scores[name] = f1_score(test["defect"], model.predict(test[features]))
    assert scores["pooled"] > scores["one"] + 0.3
    truth = true_lines(db)
    assert min(truth, key=lambda line: truth[line]["oee"]) == "line-05"


def test_the_teacher_pack_names_every_wrong_answer_of_the_catalogue() -> None:
    for lang in ("md", "en.md"):
        text = (DOCS / f"datacenter.{lang}").read_text("utf-8")
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (lang, wrong.code)
