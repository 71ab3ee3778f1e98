"""A controller that keeps state in an object: count the parts leaving the line."""

import factorylab
from factorylab import plc


class PartCounter:
    def __init__(self):
        self.edge = plc.R_TRIG()
        self.count = 0

    def __call__(self, line, t):
        line.feeder.run = line.conveyor1.run = line.conveyor2.run = True
        if self.edge(line.conveyor2.photo_eye_exit):
            self.count += 1
        line.panel.display = self.count  # the four-digit display on the panel


counter = PartCounter()
line = factorylab.connect(scenario="conveyor")
factorylab.run(counter, line, seconds=120)
print(counter.count, "parts counted")
