"""Operator panel, safety relay and stack light."""

from __future__ import annotations

from typing import Any

from .station import BuildContext, Station, StationSpec, TickContext

BUTTONS = ("start", "stop", "reset")


class OperatorPanel(Station):
    """Push buttons, E-stop, auto/manual selector and the safety relay.

    Inputs (what the controller reads):
        start, stop, reset: momentary push buttons, True while pressed.
        estop: the E-stop mushroom button, True while pushed in. It stays in
            until it is released (twisted out) by the operator.
        auto: mode selector, True = automatic, False = manual.
        safety_ok: the safety relay's output. False once the E-stop is pushed
            (or a remote E-stop is requested); it stays False until the E-stop
            is released *and* reset is pressed, as on a real safety relay with
            manual reset. While False, no actuator on the line gets power.

    Outputs (what the controller writes):
        remote_estop: a remote E-stop request (an HMI's E-stop). Setting it
            trips the safety relay; clearing it does not release the relay.
        display: a four-digit number shown on the panel (0..9999).
    """

    #: on/off sensor attributes (targets for stuck-sensor faults)
    SENSORS = ("start", "stop", "reset", "estop", "auto", "safety_ok")
    phases = ("safety",)

    __slots__ = (
        "name",
        "stack_light",
        "start",
        "stop",
        "reset",
        "estop",
        "auto",
        "safety_ok",
        "remote_estop",
        "display",
        "_release_at",
        "_reset_was",
        "trips",
    )

    def __init__(self, *, safety_ok: bool = True, name: str = "panel") -> None:
        self.name = name
        self.stack_light = StackLight()  # on the panel's post; its own plant attribute (``plant.stack_light``)
        self.start = False
        self.stop = False
        self.reset = False
        self.estop = False
        self.auto = True
        self.safety_ok = safety_ok
        self.remote_estop = False
        self.display = 0
        self._release_at: dict[str, float] = {}
        self._reset_was = False
        self.trips = 0

    # --- operator actions (GUI, scenario, tests) ---------------------------
    def press(self, button: str, now: float, duration: float = 0.2) -> None:
        """Press a momentary button for ``duration`` seconds from ``now``."""
        if button not in BUTTONS:
            raise ValueError(f"unknown button {button!r}; choose one of {BUTTONS}")
        setattr(self, button, True)
        self._release_at[button] = now + duration

    def hold(self, button: str, pressed: bool) -> None:
        """Hold a momentary button down (True) or let it go (False)."""
        if button not in BUTTONS:
            raise ValueError(f"unknown button {button!r}; choose one of {BUTTONS}")
        setattr(self, button, pressed)
        self._release_at.pop(button, None)

    def set_estop(self, pushed: bool) -> None:
        """Push in (True) or release (False) the E-stop button."""
        self.estop = bool(pushed)

    def set_auto(self, auto: bool) -> None:
        """Turn the mode selector: True = automatic, False = manual."""
        self.auto = bool(auto)

    # --- per tick (phase "safety") ----------------------------------------------
    def safety(self, ctx: TickContext) -> None:
        """Release timed buttons and update the safety relay; it gives the line its power.

        Records ``safety_trip`` on the tick the relay trips and
        ``safety_reset`` on the tick a reset closes it again.
        """
        now = ctx.now
        if self._release_at:
            for button, at in list(self._release_at.items()):
                if now >= at:
                    setattr(self, button, False)
                    del self._release_at[button]
        if self.estop or self.remote_estop:
            if self.safety_ok:
                self.safety_ok = False
                self.trips += 1
                ctx.record_event(now, "safety_trip", detail="estop" if self.estop else "remote_estop")
        elif not self.safety_ok and self.reset and not self._reset_was:
            self.safety_ok = True
            ctx.record_event(now, "safety_reset")
        self._reset_was = self.reset
        ctx.powered = self.safety_ok

    def devices(self) -> dict[str, Any]:
        """The stack light is a device of its own (``plant.stack_light``)."""
        return {"stack_light": self.stack_light}


class StackLight:
    """Red / amber / green stack light with a buzzer module (controller outputs)."""

    __slots__ = ("red", "amber", "green", "buzzer")

    def __init__(self) -> None:
        self.red = False
        self.amber = False
        self.green = False
        self.buzzer = False


def build(kit: BuildContext) -> OperatorPanel:
    """The panel of a scenario (its safety relay starts tripped if the scenario says so)."""
    return OperatorPanel(safety_ok=not kit.scenario.safety.reset_required_at_start)


SPEC = StationSpec("panel", build, sensors=OperatorPanel.SENSORS, sensor_group=0, devices=("stack_light",))
