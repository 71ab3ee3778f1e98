"""Send my check results to the teacher's console (the teacher shows the address and the class code)."""

import factorylab

factorylab.report_to("http://127.0.0.1:8021", student="3-2 01 Kim Minsu", code="K7P2QM")
print("from now on every factorylab.check(...) here also shows on the teacher's console")
