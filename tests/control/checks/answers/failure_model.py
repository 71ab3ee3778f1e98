"""Answers to ``failure_model``: fitted scikit-learn models that tell CNC failures."""

from __future__ import annotations

from functools import cache

from sklearn.compose import make_column_transformer
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import ExtraTreesClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import FixedThresholdClassifier
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


@cache
def split():
    """The lab's split by time: the first 70 % of the shift to train on, the rest to test on."""
    data = training()
    cut = data["fed_at"].quantile(0.7)
    return data[data["fed_at"] < cut], data[data["fed_at"] >= cut]


def _fit(model, columns=FEATURES, label="machine_failure", data=None):
    data = training() if data is None else data
    return model.fit(data[columns], data[label].astype(int))


def _encoder():
    return make_column_transformer((OneHotEncoder(handle_unknown="ignore"), ["type", "grade"]), remainder="passthrough")


@cache
def balanced_forest():
    """Reference."""
    return _fit(
        make_pipeline(
            _encoder(), RandomForestClassifier(100, class_weight="balanced", min_samples_leaf=3, random_state=0)
        )
    )


@cache
def thresholded():
    """The lab's answer: the forest fitted on the time split's train part, wrapped with a chosen threshold."""
    train, _test = split()
    forest = make_pipeline(
        _encoder(), RandomForestClassifier(100, class_weight="balanced", min_samples_leaf=3, random_state=0)
    )
    return _fit(FixedThresholdClassifier(forest, threshold=0.4), data=train)


def _f1_on(part):
    model = thresholded()
    data = split()[0 if part == "train" else 1]
    return f1_score(data["machine_failure"].astype(int), model.predict(data[FEATURES]))


@cache
def numeric_forest():
    return _fit(RandomForestClassifier(100, class_weight="balanced", min_samples_leaf=3, random_state=1), NUMBERS)


@cache
def extra_trees():
    return _fit(
        make_pipeline(
            _encoder(), ExtraTreesClassifier(150, class_weight="balanced", min_samples_leaf=3, random_state=0)
        )
    )


class _Model(With):
    """A model fitted when the test runs (not at import): fitting takes a moment."""

    def __init__(self, make, name, **options) -> None:
        self._make = make
        self._options = options
        self.name = name

    @property
    def answer(self):  # type: ignore[override]
        return self._make()

    @property
    def options(self):  # type: ignore[override]
        """The options; a function among them (a score, a table) is computed when the test runs."""
        return {key: value() if callable(value) else value for key, value in self._options.items()}


CORRECT = [
    _Model(balanced_forest, "balanced_forest"),
    _Model(numeric_forest, "numeric_forest"),
    _Model(extra_trees, "extra_trees"),
    # the honest test F1 of a small test split (about 25-60 failures) is lower than the training F1 and passes
    _Model(thresholded, "fixed_threshold_honest_test_score", reported=lambda: _f1_on("test"), train=lambda: split()[0]),
    _Model(thresholded, "honest_test_score_without_train", reported=lambda: _f1_on("test")),
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
    Wrong(
        _Model(thresholded, "train_f1_with_train", reported=lambda: _f1_on("train"), train=lambda: split()[0]),
        "evaluated_on_training_data",
    ),
    Wrong(_Model(numeric_forest, "extra_column", features=[*NUMBERS, "spindle_load"]), "unknown_column"),
    Wrong("model.pkl", "not_a_model"),
]
