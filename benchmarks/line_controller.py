"""A reference controller for the whole line, written against the tag table.

Used by the fast-forward benchmark (and a model for the built-in reference
controller): every scan it reads and writes tags by name, as a student's
controller does.
"""

from __future__ import annotations

from factorylab.plant import Plant
from factorylab.tags import tags_for


def make_line_controller(plant: Plant, oven_setpoint: float = 220.0, dwell: float = 30.0):
    """A scan function for the full line: oven PI, dwell gate, tank hysteresis,
    tool changes, fault resets and sorting of rejected parts."""
    tag = tags_for(plant)
    read = {name: t.reader for name, t in tag.tags_by_name().items()}
    write = {name: t.writer for name, t in tag.tags_by_name().items() if t.writable}
    for name in ("feeder.run", "conveyor1.run", "conveyor2.run", "cnc.run"):
        write[name](plant, True)
    state = {"integral": 0.0, "verdicts": [], "last_id": 0, "eye": False, "inflow": False}
    dt = plant.dt

    def scan() -> None:
        # oven: PI control of the temperature
        error = oven_setpoint - read["oven.temperature"](plant)
        state["integral"] = min(100.0, max(0.0, state["integral"] + 0.02 * error * dt))
        heater = min(100.0, max(0.0, 2.0 * error + state["integral"] + 78.0))
        write["oven.heater"](plant, heater)
        write["oven.gate"](plant, read["oven.part_in"](plant) and read["oven.front_dwell"](plant) >= dwell)
        # coolant: on/off with hysteresis between 400 and 700 mm
        level = read["tank.level"](plant)
        if level < 400.0:
            state["inflow"] = True
        elif level > 700.0:
            state["inflow"] = False
        write["tank.inflow"](plant, 40.0 if state["inflow"] else 0.0)
        # CNC: change the tool before it wears out, reset failures
        write["cnc.tool_change"](plant, read["cnc.tool_wear"](plant) >= 180.0)
        write["cnc.reset"](plant, read["cnc.failed"](plant))
        # sorting: remember each verdict, push rejected parts at the pusher
        part_id = read["inspection.part_id"](plant)
        if part_id != state["last_id"]:
            state["last_id"] = part_id
            state["verdicts"].append(read["inspection.reject"](plant))
        eye = read["sorter.photo_eye"](plant)
        if eye and not state["eye"] and state["verdicts"]:
            write["sorter.extend"](plant, state["verdicts"].pop(0))
        if read["sorter.extended"](plant):
            write["sorter.extend"](plant, False)
        state["eye"] = eye
        write["stack_light.green"](plant, read["production.state"](plant) == 1)

    return scan
