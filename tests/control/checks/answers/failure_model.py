"""Answers to ``failure_model``: fitted scikit-learn models that tell CNC failures."""

from __future__ import annotations

from functools import cache

from sklearn.compose import make_column_transformer
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from factorylab.control.checks.failure_model import parts_frame

from ..catalogue import With, Wrong

CHECK = "failure_model"
NUMBERS = ["air_temperature", "process_temperature", "rotational_speed", "torque", "tool_wear"]
FEATURES = ["type", "grade", *NUMBERS]


@cache
def training():
    """A student's training data: the 8-hour shift of seed 1, as the docs suggest."""
    return parts_frame(1, 8.0)


def _fit(model, columns=FEATURES, label="machine_failure"):
    data = training()
    return model.fit(data[columns], data[label].astype(int))


def _encoder():
    return make_column_transformer((OneHotEncoder(handle_unknown="ignore"), ["type", "grade"]), remainder="passthrough")


@cache
def balanced_forest():
    """Reference."""
    return _fit(
        make_pipeline(
            _encoder(), RandomForestClassifier(200, class_weight="balanced", min_samples_leaf=3, random_state=0)
        )
    )


@cache
def numeric_forest():
    return _fit(RandomForestClassifier(200, class_weight="balanced", min_samples_leaf=3, random_state=1), NUMBERS)


@cache
def extra_trees():
    return _fit(
        make_pipeline(
            _encoder(), ExtraTreesClassifier(300, class_weight="balanced", min_samples_leaf=3, random_state=0)
        )
    )


class _Model(With):
    """A model fitted when the test runs (not at import): fitting takes a moment."""

    def __init__(self, make, name, **options) -> None:
        self._make = make
        self.options = options
        self.name = name

    @property
    def answer(self):  # type: ignore[override]
        return self._make()


CORRECT = [
    _Model(balanced_forest, "balanced_forest"),
    _Model(numeric_forest, "numeric_forest"),
    _Model(extra_trees, "extra_trees"),
]
REFERENCE = CORRECT[0]


@cache
def leaky():
    return _fit(RandomForestClassifier(50, random_state=0), NUMBERS + ["HDF"])


@cache
def label_as_feature():
    return _fit(RandomForestClassifier(20, random_state=0), NUMBERS + ["machine_failure"])


@cache
def majority():
    return _fit(DummyClassifier(strategy="most_frequent"))


@cache
def unbalanced_logistic():
    return _fit(make_pipeline(_encoder(), StandardScaler(), LogisticRegression(max_iter=1000)))


@cache
def balanced_logistic():
    return _fit(make_pipeline(_encoder(), StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000)))


def not_fitted():
    return make_pipeline(_encoder(), RandomForestClassifier(10))


WRONG = [
    Wrong(_Model(leaky, "leaks_a_failure_mode"), "leak:HDF"),
    Wrong(_Model(label_as_feature, "label_as_a_feature"), "leak:machine_failure"),
    Wrong(_Model(majority, "majority"), "predicts_no_failure"),
    Wrong(_Model(unbalanced_logistic, "unbalanced_logistic"), "low_recall"),
    Wrong(_Model(balanced_logistic, "balanced_logistic"), "low_precision"),
    Wrong(_Model(not_fitted, "not_fitted", features=FEATURES), "not_fitted"),
    Wrong(_Model(balanced_forest, "reported_training_score", reported=0.99), "evaluated_on_training_data"),
    Wrong(_Model(numeric_forest, "extra_column", features=[*NUMBERS, "spindle_load"]), "unknown_column"),
    Wrong("model.pkl", "not_a_model"),
]
