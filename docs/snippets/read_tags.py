"""Read tags by name and compare them with the raw Modbus registers."""

import factorylab

line = factorylab.connect(scenario="line")
line.conveyor1.run = True
line.step(2.0)  # let the plant run 2 s on its own

print(line.conveyor1.belt_speed, "mm/s")  # engineering units, already scaled
print(line.info("conveyor1.speed"))  # unit, range, access, Modbus address
print(line.raw.read("40301"))  # the same setpoint as a raw holding register
print(line.raw.read("input_register", 300, count=2))  # current (A x 100) and belt speed
