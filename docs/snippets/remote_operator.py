"""The operator's hands on a simulator without a window (factorylab sim --headless is running)."""

import time

import factorylab

line = factorylab.connect("127.0.0.1:5020")

line.estop(True)  # push in the E-stop: the safety relay trips
time.sleep(0.5)
print("E-stop in, safety relay:", line.panel.safety_ok)

line.estop(False)  # release it ...
line.press("reset")  # ... and press RESET: the relay closes again
time.sleep(0.5)
print("released + reset, safety relay:", line.panel.safety_ok)

line.press("start")  # START, for the program that runs the line (it reads line.panel.start)

try:
    line.press("strat")
except factorylab.FactoryLabError as error:
    print(error)  # the panel has no button 'strat'. Did you mean 'start'? ...
line.close()
