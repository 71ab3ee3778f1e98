"""Answers to ``fopdt_fit``: ``fit_fopdt(table)`` -> (K °C/%, tau s, theta s) from an oven step test."""

from __future__ import annotations

import numpy as np

import factorylab

from ..catalogue import With, Wrong

CHECK = "fopdt_fit"


def fit_fopdt(df):
    """Reference: the five-step graphical recipe with the 63 % point."""
    t = df.index.to_numpy(dtype=float)
    u = df["oven.heater"].to_numpy(dtype=float)
    temp = df["oven.temperature"].to_numpy(dtype=float)
    # 1. the step: when, and how big
    k = np.argmax(np.abs(u - u[0]) > 0.5)
    t_step = t[k]
    du = u[k] - u[0]
    # 2. start and final temperature
    t0 = temp[t < t_step].mean()
    t_end = temp[t >= t[-1] - 60].mean()
    dT = t_end - t0
    K = dT / du
    # 3. dead time: the temperature has risen by 2 % of the change
    after = t >= t_step
    start = t[after][np.argmax(temp[after] > t0 + 0.02 * dT)]
    theta = start - t_step
    # 4. time constant: the 63 % point, counted from when the temperature starts to move
    t63 = t[after][np.argmax(temp[after] > t0 + 0.632 * dT)]
    tau = t63 - start
    return K, tau, theta


def least_squares(df):
    """scipy's curve_fit of the FOPDT step response to the data after the step."""
    from scipy.optimize import curve_fit

    t = df.index.to_numpy(dtype=float)
    u = df["oven.heater"].to_numpy(dtype=float)
    y = df["oven.temperature"].to_numpy(dtype=float)
    k = int(np.argmax(np.abs(u - u[0]) > 0.5))
    t_step, du, y0 = t[k], u[k] - u[0], y[:k].mean()

    def model(time, K, tau, theta):
        s = np.clip(time - t_step - theta, 0.0, None)
        return y0 + K * du * (1.0 - np.exp(-s / tau))

    (K, tau, theta), _ = curve_fit(model, t, y, p0=(2.0, 150.0, 10.0), bounds=([0, 1, 0], [10, 1000, 100]))
    return K, tau, theta


def two_points(df):
    """Smith's two-point method: tau = 1.5 (t63 - t28), theta = t63 - tau - t_step."""
    u = df["oven.heater"]
    temp = df["oven.temperature"]
    t_step = u.index[(u - u.iloc[0]).abs() > 0.5][0]
    du = u.iloc[-1] - u.iloc[0]
    t0 = temp.loc[: t_step - 1].mean()
    t_end = temp.iloc[-60:].mean()
    dT = t_end - t0
    after = temp.loc[t_step:]
    t28 = after.index[after > t0 + 0.283 * dT][0]
    t63 = after.index[after > t0 + 0.632 * dT][0]
    tau = 1.5 * (t63 - t28)
    theta = t63 - tau - t_step
    return dT / du, tau, theta


class Fitter:
    """An object with ``__call__``, a 1 °C threshold for the start, the step found by the heater's diff()."""

    def __call__(self, df):
        heater = df["oven.heater"]
        temp = df["oven.temperature"]
        t_step = heater.diff().abs().idxmax()
        du = heater.max() - heater.min()
        before = temp[temp.index < t_step].mean()
        final = temp.tail(30).mean()
        K = (final - before) / du
        moving = temp[(temp.index >= t_step) & (temp > before + 1.0)].index[0]
        t63 = temp[(temp.index >= t_step) & (temp >= before + 0.63 * (final - before))].index[0]
        return [K, t63 - moving, moving - t_step]


_own = {}


def own_data():
    """A student's own step test: variant 7, heater 0 -> 50 % at 60 s, 1200 s (made once)."""
    if "data" not in _own:
        line = factorylab.connect(scenario="oven", seed=11, variant=7)

        def controller(line, t):
            line.oven.heater = 50 if t >= 60 else 0

        result = factorylab.run(controller, line, seconds=1200, record=["oven.heater", "oven.temperature"])
        _own["data"], _own["line"] = result.history, line
    return _own


class OnMyOven(With):
    """fit_fopdt given with data= and line= (the student's own oven, variant 7)."""

    def __init__(self, answer, name: str) -> None:
        super().__init__(answer, {}, name)

    @property
    def options(self):  # built when the test runs, not on import
        own = own_data()
        return {"data": own["data"], "line": own["line"]}

    @options.setter
    def options(self, value):
        pass


CORRECT = [fit_fopdt, least_squares, two_points, Fitter(), OnMyOven(fit_fopdt, "fit_fopdt_on_my_oven")]
REFERENCE = fit_fopdt


def theta_at_the_heater_change(df):
    """theta taken as the time the heater changed, minus the step time: 0."""
    K, tau, theta = fit_fopdt(df)
    return K, tau + theta, 0.0


def theta_from_zero(df):
    """theta read off the time axis from t = 0 (the step time added in)."""
    K, tau, theta = fit_fopdt(df)
    t_step = df.index[(df["oven.heater"] - df["oven.heater"].iloc[0]).abs() > 0.5][0]
    return K, tau, theta + t_step


def k_in_celsius(df):
    """K = delta T, not divided by the heater change."""
    K, tau, theta = fit_fopdt(df)
    du = df["oven.heater"].iloc[-1] - df["oven.heater"].iloc[0]
    return K * du, tau, theta


def k_from_final(df):
    """K = final temperature / heater after the step (the 25 °C start not taken off)."""
    K, tau, theta = fit_fopdt(df)
    return df["oven.temperature"].iloc[-60:].mean() / df["oven.heater"].iloc[-1], tau, theta


def tau_from_zero(df):
    """tau = the time of the 63 % point read from t = 0."""
    K, tau, theta = fit_fopdt(df)
    t_step = df.index[(df["oven.heater"] - df["oven.heater"].iloc[0]).abs() > 0.5][0]
    return K, tau + theta + t_step, theta


def tau_at_63_of_final(df):
    """tau from the time the temperature reaches 63 % of the final temperature (not of the change)."""
    K, _, theta = fit_fopdt(df)
    temp = df["oven.temperature"]
    t_step = df.index[(df["oven.heater"] - df["oven.heater"].iloc[0]).abs() > 0.5][0]
    after = temp.loc[t_step:]
    t63 = after.index[after > 0.632 * temp.iloc[-60:].mean()][0]
    return K, t63 - t_step - theta, theta


def tau_k_theta(df):
    """The right numbers in the order (tau, K, theta)."""
    K, tau, theta = fit_fopdt(df)
    return tau, K, theta


def a_dict(df):
    """A dict instead of three numbers."""
    K, tau, theta = fit_fopdt(df)
    return {"K": K, "tau": tau, "theta": theta}


def tau_from_the_step(df):
    """tau = t63 - the step time: the dead time not taken off."""
    K, tau, theta = fit_fopdt(df)
    return K, tau + theta, theta


def the_documented_oven(df):
    """The numbers of the documented oven written in, the table not read."""
    return 2.5, 180.0, 20.0


def my_own_oven(df):
    """The student's own oven's numbers (its variant, a global line) for every table."""
    v = own_data()["line"].variant
    return v.oven_gain, v.oven_time_constant, 20.0


def theta_written_in(df):
    """K and tau fitted, theta written in as the 20 s every student's oven has."""
    K, tau, _ = fit_fopdt(df)
    return K, tau, 20.0


WRONG = [
    Wrong(theta_at_the_heater_change, "theta_zero"),
    Wrong(theta_from_zero, "theta_from_zero"),
    Wrong(k_in_celsius, "k_not_per_percent"),
    Wrong(k_from_final, "k_from_final"),
    Wrong(tau_from_zero, "tau_from_zero"),
    Wrong(tau_at_63_of_final, "tau_63_of_final"),
    Wrong(tau_k_theta, "order_swapped"),
    Wrong(a_dict, "not_three_numbers"),
    Wrong(tau_from_the_step, "tau_from_step"),
    Wrong(the_documented_oven, "same_for_every_oven"),
    Wrong(theta_written_in, "written_in"),
]
