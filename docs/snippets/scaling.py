"""From raw ADC counts (4-20 mA = 0-4000) to millimetres, by hand."""

import factorylab

line = factorylab.connect(scenario="tank")
counts = line.tank.level_raw  # 0..4000
level_mm = counts / 4000 * 1000  # 0..1000 mm
print(counts, "counts =", level_mm, "mm; the tag says", line.tank.level, "mm")
