"""One plant per student: student 17's oven, and the truth a check compares with."""

import factorylab

line = factorylab.connect(scenario="oven", variant=17)  # student 17's own oven
print(line.variant)  # PlantVariant(number=17, oven_gain=..., oven_time_constant=..., tank_area=..., belt_speed=...)
