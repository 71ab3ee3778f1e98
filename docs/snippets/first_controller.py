"""Your first controller: start the line from the panel, check it, run it."""

import factorylab

line = factorylab.connect(scenario="conveyor")  # the line, here in this process


def controller(line, t):
    safety_ok = line.panel.safety_ok
    run = (line.panel.start or line.conveyor1.run) and not line.panel.stop and safety_ok
    line.conveyor1.run = run
    line.conveyor2.run = run
    line.stack_light.green = run
    line.stack_light.red = not safety_ok


line.press("start")  # be the operator for a moment
result = factorylab.run(controller, line, seconds=10)
print(result.summary("en"))
print(factorylab.check(controller, "seal_in"))
