"""Unit 0: follow one signal from the sensor (L0-L1) to the MES (L3)."""

import factorylab

line = factorylab.connect(scenario="line", seed=1)
seen = []


def controller(line, t):  # the PLC (L1-L2): reads sensors, drives actuators
    for belt in (line.feeder, line.conveyor1, line.conveyor2, line.cnc):
        belt.run = True
    line.oven.heater = 70
    line.oven.gate = line.oven.part_in and line.oven.front_dwell >= 30
    if line.conveyor1.photo_eye_exit and (not seen or t - seen[-1] > 2):
        seen.append(t)  # a photo-eye (L0-L1) saw a part


result = factorylab.run(controller, line, seconds=600, record=["production.parts_in", "production.oee"])
print(len(seen), "parts seen by conveyor1's exit photo-eye")  # what the sensor knew
print(result.history.tail(3))  # what SCADA shows (L2): counts and OEE over time
print(line.orders.current_id, line.orders.completed)  # what the MES tracks (L3): work orders
