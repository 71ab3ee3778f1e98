"""The recommended way to keep state: m for what a scan remembers, PLC blocks made once at the top."""

import factorylab
from factorylab import plc

part_leaves = plc.R_TRIG()  # made once; every run starts it afresh


def controller(line, t, m):
    # m is the run's memory, like a PLC's internal relays: every name starts at 0 (off)
    if line.panel.stop or not line.panel.safety_ok:
        m["running"] = False
    elif line.panel.start:
        m["running"] = True
    line.conveyor1.run = line.conveyor2.run = line.feeder.run = m["running"]
    line.stack_light.green = m["running"]
    line.stack_light.red = not line.panel.safety_ok
    if part_leaves(line.conveyor2.photo_eye_exit):
        m["parts"] += 1  # 0 + 1 = 1: counting works from the first part
    line.panel.display = m["parts"]


line = factorylab.connect(scenario="conveyor")
line.press("start")
result = factorylab.run(controller, line, seconds=60)
print(result.summary("en"))
print("parts counted on the panel:", line.panel.display)
print(factorylab.check(controller, "seal_in").message("en"))  # each hidden run starts with an empty m
