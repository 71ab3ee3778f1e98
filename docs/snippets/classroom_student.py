"""A student's notebook on the classroom server: my line by its unit id on the teacher's shared port."""

import factorylab

# the teacher's PC and my line number (the teacher writes both on the board)
line = factorylab.connect("127.0.0.1:5020", unit=1)  # or my line's own port: connect("127.0.0.1:5021")

print("seed", line.system.seed, "variant", line.variant.number)
print("parts made", line.production.parts_out, "OEE", line.production.oee)
line.stack_light.green = True  # a write: refused (Modbus exception 01) if this is not my line
print("green lamp", line.stack_light.green)
