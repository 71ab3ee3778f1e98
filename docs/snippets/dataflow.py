"""Unit 0: follow one signal from the sensor (L0-L1) to the MES (L3)."""

import factorylab
from factorylab import plc

line = factorylab.connect(scenario="line", seed=1)
part_arrives = plc.R_TRIG()  # the photo-eye goes 0 -> 1: one part, however long it stays
seen = []


def controller(line, t):  # the PLC (L1-L2): reads sensors, drives actuators
    for machine in (line.feeder, line.conveyor1, line.conveyor2, line.cnc):
        machine.run = True
    line.oven.heater = 100 if line.oven.temperature < 220 else 0  # a thermostat
    line.oven.gate = line.oven.part_in and line.oven.front_dwell >= 30
    cnc = line.cnc  # the CNC acts on a command's rising edge (0 -> 1): pulses (on, off, on ...) while needed
    cnc.reset = cnc.failed and not cnc.reset
    worn = cnc.tool_wear >= 190 or cnc.tool_change_required
    cnc.tool_change = worn and not cnc.tool_changing and not cnc.tool_change
    if part_arrives(line.conveyor1.photo_eye_exit):
        seen.append(t)  # a photo-eye (L0-L1) saw a part


result = factorylab.run(
    controller, line, seconds=600, record=["production.parts_in", "production.oee"], record_every=60
)
print(len(seen), "parts seen by conveyor1's exit photo-eye")  # what the sensor knew (L1)
print(line.production.parts_in, "parts placed by the feeder (production.parts_in)")
print(result.history)  # what SCADA shows (L2): counts and OEE, once a minute
print("orders completed:", line.orders.completed, "- now open: order", line.orders.current_id)  # the MES (L3)
