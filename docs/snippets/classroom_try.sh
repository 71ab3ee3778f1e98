factorylab classroom --lines 30
# -> lines 1..30 on ports 5021..5050 and unit ids 1..30 on port 5020, this computer only; console http://127.0.0.1:8020
