"""Tags over time: a live plot while a remote run goes on, and result.plot() after it.

factorylab sim --headless is running. In a Jupyter notebook the live picture updates about once a second;
in a plain script (like this one) nothing is shown live and the result says so.
"""

import matplotlib

matplotlib.use("Agg")  # a script draws into files; a notebook needs no such line

import factorylab

line = factorylab.connect("127.0.0.1:5020")


def heating(line, t):
    line.oven.heater = 100 if line.oven.temperature < 60 else 0  # on/off control around 60 °C


result = factorylab.run(heating, line, seconds=3, live=["oven.temperature", "oven.heater"])
print(result.summary("en"))  # ... Note: the live plot shows in a Jupyter notebook only ...

figure = result.plot(["oven.temperature", "oven.heater"])  # the recorded history: one subplot per unit
figure.savefig("oven.png")
print("saved oven.png with", len(figure.axes), "subplots")
line.close()
