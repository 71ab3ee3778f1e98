"""A teacher injects faults into a line and reads their ground truth."""

import factorylab

line = factorylab.connect(scenario="line", seed=3)
plant = line.plant  # the plant behind a local line

jam = plant.inject_fault("jam", "conveyor2", duration=60)  # a part sticks for a minute
plant.inject_fault("sensor_stuck_on", "conveyor1.photo_eye_exit", duration=30)
plant.inject_fault("analog_drift", "oven.temperature", rate=5.0)  # 5 °C per hour, until cleared

result = factorylab.run(lambda line, t: None, line, seconds=120)
print(result.faults)  # label, target, start, end: the answers to the quiz
