"""Answers to ``metrics_by_hand``: ``metrics(y_true, y_pred)`` by hand (lab 7-1, exercise 7-2)."""

from __future__ import annotations

from ..catalogue import Wrong

CHECK = "metrics_by_hand"


def _cells(y_true, y_pred, positive=1):
    pairs = list(zip(y_true, y_pred, strict=True))
    tp = sum(t == positive and p == positive for t, p in pairs)
    fp = sum(t != positive and p == positive for t, p in pairs)
    fn = sum(t == positive and p != positive for t, p in pairs)
    return tp, fp, fn, len(pairs) - tp - fp - fn


def _build(y_true, y_pred, positive=1, scale=1.0, swap_pr=False, swap_fpfn=False, f1=None, baseline=None, beats=None):
    tp, fp, fn, tn = _cells(y_true, y_pred, positive)
    n = len(y_true)
    ones = sum(y_true)
    base = max(ones, n - ones) / n if baseline is None else baseline(y_true)
    acc = (tp + tn) / n
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    if f1 is not None:
        f = f1(acc, p, r)
    if swap_pr:
        p, r = r, p
    if swap_fpfn:
        fp, fn = fn, fp
    good = acc > base if beats is None else beats(acc, base)
    return {
        "baseline": base * scale,
        "accuracy": acc * scale,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": p * scale,
        "recall": r * scale,
        "f1": f * scale,
        "beats_baseline": good,
    }


def metrics(y_true, y_pred):
    """Reference: count the four cells in one loop."""
    return _build(y_true, y_pred)


def with_numpy(y_true, y_pred):
    """numpy arrays and boolean masks."""
    import numpy as np

    t, p = np.array(y_true), np.array(y_pred)
    tp, fp = int(((t == 1) & (p == 1)).sum()), int(((t == 0) & (p == 1)).sum())
    fn, tn = int(((t == 1) & (p == 0)).sum()), int(((t == 0) & (p == 0)).sum())
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    accuracy = (t == p).mean()
    baseline = max(t.mean(), 1 - t.mean())
    return {
        "baseline": baseline,
        "accuracy": accuracy,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": precision,
        "recall": recall,
        "f1": 2 / (1 / precision + 1 / recall),
        "beats_baseline": accuracy > baseline,
    }


def with_counter(y_true, y_pred):
    """collections.Counter of (truth, prediction) pairs."""
    from collections import Counter

    c = Counter(zip(y_true, y_pred, strict=True))
    tp, fp, fn, tn = c[(1, 1)], c[(0, 1)], c[(1, 0)], c[(0, 0)]
    n = tp + fp + fn + tn
    precision = tp / (tp + fp)
    recall = tp / (tp + fn)
    return dict(
        baseline=(fp + tn) / n if fp + tn > tp + fn else (tp + fn) / n,
        accuracy=(tp + tn) / n,
        tp=tp,
        fp=fp,
        fn=fn,
        tn=tn,
        precision=precision,
        recall=recall,
        f1=2 * precision * recall / (precision + recall),
        beats_baseline=(tp + tn) / n > max(fp + tn, tp + fn) / n,
    )


def _named(name, function):
    function.__name__ = name
    return function


REFERENCE = metrics
CORRECT = [metrics, with_numpy, with_counter]
WRONG = [
    Wrong(_named("f1_from_accuracy", lambda t, p: _build(t, p, f1=lambda a, pr, r: a)), "f1_from_accuracy"),
    Wrong(_named("f1_mean", lambda t, p: _build(t, p, f1=lambda a, pr, r: (pr + r) / 2)), "f1_mean"),
    Wrong(_named("precision_recall_swapped", lambda t, p: _build(t, p, swap_pr=True)), "precision_recall_swapped"),
    Wrong(_named("positive_mixed", lambda t, p: _build(t, p, positive=0)), "positive_mixed"),
    Wrong(_named("fp_fn_swapped", lambda t, p: _build(t, p, swap_fpfn=True)), "fp_fn_swapped"),
    Wrong(_named("percent", lambda t, p: _build(t, p, scale=100.0)), "percent"),
    Wrong(
        _named("baseline_minority", lambda t, p: _build(t, p, baseline=lambda y: sum(y) / len(y))), "baseline_minority"
    ),
    Wrong(_named("accuracy_looks_good", lambda t, p: _build(t, p, beats=lambda a, b: a > 0.9)), "accuracy_looks_good"),
]
