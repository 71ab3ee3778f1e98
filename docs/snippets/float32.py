"""A 32-bit float spans two registers, high word first."""

import struct

import factorylab

line = factorylab.connect(scenario="oven")
line.oven.heater = 100
line.step(60.0)

high, low = line.raw.read("input_register", 704, count=2)  # oven.temperature_float
value = struct.unpack(">f", struct.pack(">HH", high, low))[0]
print(f"{value:.1f} °C = {line.oven.temperature:.1f} °C")
