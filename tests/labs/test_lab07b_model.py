"""Lab 7-2 (failure_prediction): ``leakage`` sorts every column of the parts table by when it is known, agrees
with ``failure_model`` about diagnosis, a leaky model really scores as well as the AI4I trap says, and the teacher
pack lists every wrong answer the lab's checks recognise."""

from __future__ import annotations

import pytest

import factorylab
from factorylab.control.checks.failure_model import ALLOWED, LEAKS
from factorylab.data.dataset import PART_COLUMNS
from factorylab.errors import FactoryLabError
from factorylab.lab import get as get_lab
from factorylab.labs import lab07b_model_checks as checks
from tests.conftest import REPO
from tests.control.checks.answers import failure_model, leakage


def test_every_column_of_the_parts_table_is_either_usable_or_named_as_a_leak() -> None:
    for task, allowed in checks.TASKS.items():
        leaks = checks.leaking_columns(task)
        assert set(allowed) | set(leaks) == set(checks.PARTS_COLUMNS), task
        assert not set(allowed) & set(leaks), task
        assert all(ko and en and ko != en for ko, en in leaks.values())


def test_prognosis_uses_what_the_dataset_documents_as_known_when_machining_starts() -> None:
    started = {name for name, _unit, en, _ko in PART_COLUMNS if "when machining started" in en}
    assert started == {"air_temperature", "process_temperature", "tool_wear"}
    # type and grade come with the order; the feed time is known when the part is placed
    assert set(checks.TASKS["prognosis"]) == started | {"type", "grade", "fed_at"}
    during = {name for name, _unit, en, _ko in PART_COLUMNS if "while machining" in en}
    assert during == set(checks.WHILE_MACHINING) == {"rotational_speed", "torque"}


def test_diagnosis_is_what_failure_model_allows() -> None:
    assert set(checks.TASKS["diagnosis"]) == set(ALLOWED)
    assert set(checks.leaking_columns("diagnosis")) == set(LEAKS) & set(checks.PARTS_COLUMNS)
    result = factorylab.check([*leakage.KNOWN_BEFORE, "torque", "rotational_speed"], "leakage", task="diagnosis")
    assert result.passed, result.message("en")


def test_every_leak_in_the_whole_table_is_named_one_by_one() -> None:
    result = factorylab.check(leakage.EVERY_COLUMN, "leakage")
    leaks = checks.leaking_columns("prognosis")
    assert result.codes[0] == "all_columns"
    assert set(result.codes[1:]) == {f"leak:{column}" for column in leaks}
    assert "leak:torque" in result.codes and "0.99" in result.message("en")
    missing = factorylab.check([*leakage.KNOWN_BEFORE, "torque"], "leakage", task="diagnosis")
    assert missing.codes == ["missing"] and "rotational_speed" in missing.message("en")


def test_an_unknown_task_or_option_is_our_own_message() -> None:
    with pytest.raises(FactoryLabError):
        factorylab.check(leakage.KNOWN_BEFORE, "leakage", task="forecast")
    with pytest.raises(FactoryLabError):
        factorylab.check(leakage.KNOWN_BEFORE, "leakage", hours=4)


def test_the_leaky_model_of_the_lab_really_looks_perfect_on_its_training_data() -> None:
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.metrics import f1_score

    parts = failure_model.training()
    leaky = ["tool_wear", "torque", "rotational_speed", "TWF", "HDF", "PWF", "OSF"]
    label = parts["machine_failure"].astype(int)
    cheat = RandomForestClassifier(50, random_state=0).fit(parts[leaky], label)
    assert f1_score(label, cheat.predict(parts[leaky])) >= 0.95


@pytest.mark.parametrize("lang", ["", ".en"])
def test_the_teacher_pack_lists_every_wrong_answer(lang: str) -> None:
    text = (REPO / "docs" / "labs" / f"failure_prediction{lang}.md").read_text(encoding="utf-8")
    for catalogue in (leakage, failure_model):
        for wrong in catalogue.WRONG:
            assert f"`{wrong.code}`" in text, (catalogue.CHECK, wrong.code)
    assert get_lab("failure_prediction").checks == ("leakage", "failure_model")


def test_a_training_score_is_told_from_an_honest_one_by_the_noise_of_f1() -> None:
    from factorylab.control.checks import failure_model as check

    model = failure_model.thresholded()
    columns = check.features_of(model)
    # hidden F1 0.55 on 120 failures: an honest 0.40 or 0.70 from a 25-failure test split passes, 0.99 is named
    for honest in (0.40, 0.55, 0.70):
        assert check.training_score_finding(model, columns, honest, 0.55, 120) is None, honest
    named = check.training_score_finding(model, columns, 0.99, 0.55, 120)
    assert named is not None and named.code == "evaluated_on_training_data"
    # with train=, the check measures the training F1 itself, exactly as sklearn does
    from sklearn.metrics import f1_score

    train, _test = failure_model.split()
    on_train = check.training_f1(model, columns, train)
    assert on_train == pytest.approx(f1_score(train["machine_failure"], model.predict(train[columns])))
    assert check.training_score_finding(model, columns, on_train, on_train - 0.15, 120, train) is not None
    assert check.training_score_finding(model, columns, on_train - 0.2, on_train - 0.15, 120, train) is None
    assert check.training_f1(model, columns, train.drop(columns="torque")) is None  # not the model's table


def test_a_fixed_threshold_classifier_decides_with_its_own_threshold_and_names_its_columns() -> None:
    model = failure_model.thresholded()
    assert list(model.feature_names_in_) == failure_model.FEATURES
    _train, test = failure_model.split()
    risk = model.estimator_.predict_proba(test[failure_model.FEATURES])[:, 1]
    assert (model.predict(test[failure_model.FEATURES]) == (risk >= model.threshold)).all()
    assert (risk >= 0.4).sum() > (risk >= 0.5).sum()  # the threshold changes the answer
