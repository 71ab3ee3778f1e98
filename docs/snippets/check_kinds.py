"""Checks that are not about a controller: a value (your formula) and a quiz."""

import factorylab


def raw_to_mm(counts):
    # the level transmitter: 0-4000 counts = 4-20 mA = 0-1000 mm
    return 1000 * counts / 4000


print(factorylab.check(raw_to_mm, "raw_to_mm").message("en"))


def wrong_raw_to_mm(counts):
    return 1000 * counts / 4096  # a 12-bit ADC? not this one


print(factorylab.check(wrong_raw_to_mm, "raw_to_mm").message("en"))

answers = {"plc_program": "L1", "production.oee": "L3"}  # a first try, two of ten items
print(factorylab.check(answers, "isa95_levels").message("en"))
